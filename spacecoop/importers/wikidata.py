"""Links to Wikidata: ``graph/identities/wikidata.ttl``, every ``skos:exactMatch`` and ``skos:closeMatch`` from a
SpaceCoop IRI to a Wikidata item, from three tables in ``data/identities/`` (their provenance and licences in its
README):

- ``owid-countries-regions.csv``: Our World in Data's countries table (MIT), which pairs ISO 3166-1 alpha-2
  codes with Wikidata items and their labels. A row links ``country:<alpha-2>`` to its item when the item's
  label is one of the country's ISO names (pycountry's name, common name or official name);
- ``wikidata.tsv``: links read and checked by hand, each with the label the item carries on the page it was
  read on, and that page. A country whose Wikidata label is not an ISO name ("Ivory Coast") is linked only
  through a row here, with the same item as the OWID table gives;
- ``wikidata-close.tsv``: ``skos:closeMatch`` links, in the same columns, where Wikidata has no item of its own
  for our node but one item holds it with another: Burma under Myanmar's item, which carries Burma's ISO 3166-3
  code, or an agency under the item of the body it was renamed into. A node with an exact link has no close
  one; the item may be another node's exact match (Myanmar's).

An OWID row that is neither (Antarctica's row names the Antarctic Treaty area) is left out and reported.
``skos:exactMatch`` and not ``owl:sameAs``: the item and our node name the same thing, but their statements
are not ours to merge (docs/model.md). ``skos:closeMatch`` is not transitive: Burma's close link to Myanmar's item
does not make Burma our Myanmar.

>>> links, excluded = wikidata_links()
>>> links["https://w3id.org/spacecoop/id/country/fr"]
'Q142'
>>> [(row.iri.rsplit("/", 1)[1], row.label) for row in excluded]
[('aq', 'Antarctic Treaty area')]
"""

from __future__ import annotations

import argparse
import csv
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pycountry
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID

from spacecoop.errors import SpaceCoopError
from spacecoop.io.paths import DATA_DIR, GRAPH_DIR
from spacecoop.io.write import to_turtle, write_atomic
from spacecoop.namespaces import DCTERMS, ID, PREFIXES, RDF, SKOS, WD, XSD

__all__ = [
    "DATASET",
    "DEFAULT_OUT",
    "OWID_TABLE",
    "CHECKED_TABLE",
    "CLOSE_TABLE",
    "Link",
    "wikidata_links",
    "close_links",
    "wikidata_graph",
    "add_parser",
]

DATASET = ID.dataset["wikidata-links"]
DEFAULT_OUT = GRAPH_DIR / "identities" / "wikidata.ttl"
OWID_TABLE = DATA_DIR / "identities" / "owid-countries-regions.csv"
CHECKED_TABLE = DATA_DIR / "identities" / "wikidata.tsv"
CLOSE_TABLE = DATA_DIR / "identities" / "wikidata-close.tsv"
OWID_SOURCE = (
    "https://github.com/owid/owid-grapher/blob/c7402d12e25bd1d45f5bd7d66cfc083342a1ed96/"
    "packages/@ourworldindata/grapher/src/mapCharts/CountriesRegions.ts"
)
ENTITY_PREFIX = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class Link:
    """One row of either table: our IRI, the Wikidata QID, the label read with it, the page, the line."""

    iri: str
    qid: str
    label: str
    source: str
    line: int


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def _iso_names(alpha2: str) -> set[str]:
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return set()
    return {
        _normal(getattr(country, key))
        for key in ("name", "common_name", "official_name")
        if getattr(country, key, None)
    }


def _qid(text: str, path: Path, line: int) -> str:
    qid = text.removeprefix(ENTITY_PREFIX)
    if not (qid.startswith("Q") and qid[1:].isdigit()):
        raise SpaceCoopError(f"{text!r} is not a Wikidata item (Q followed by digits)", path=str(path), line=line)
    return qid


def _expand(compact: str, path: Path, line: int) -> str:
    prefix, colon, local = compact.partition(":")
    if not colon or prefix not in PREFIXES or not local:
        raise SpaceCoopError(f"{compact!r} is not a compact IRI with one of our prefixes", path=str(path), line=line)
    return PREFIXES[prefix] + local


def owid_rows(path: Path = OWID_TABLE) -> list[Link]:
    """The OWID table's rows with an ISO alpha-2 code and a Wikidata item, as links of ``country:<alpha-2>``."""
    rows = []
    with open(path, encoding="utf-8", newline="") as table:
        for line, row in enumerate(csv.DictReader(table), 2):
            if row["iso_alpha2"] and row["wikidata_uri"] and len(row["iso_alpha2"]) == 2:
                rows.append(
                    Link(
                        str(ID.country[row["iso_alpha2"].lower()]),
                        _qid(row["wikidata_uri"], path, line),
                        row["wikidata_label"],
                        OWID_SOURCE,
                        line,
                    )
                )
    return rows


def checked_rows(path: Path = CHECKED_TABLE) -> list[Link]:
    """The rows of ``wikidata.tsv`` (or of ``wikidata-close.tsv``, in the same columns): links read and checked by
    hand."""
    rows = []
    header = None
    for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip() or text.startswith("#"):
            continue
        cells = text.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header) or not cells[3].startswith("https://") or not cells[2].strip():
            raise SpaceCoopError(
                "a row needs an IRI, a QID, the label read with it, the https page it was read on "
                "and a note (may be empty), separated by tabs",
                path=str(path),
                line=line,
            )
        rows.append(Link(_expand(cells[0], path, line), _qid(cells[1], path, line), cells[2], cells[3], line))
    return rows


def wikidata_links(owid: Path = OWID_TABLE, checked: Path = CHECKED_TABLE) -> tuple[dict[str, str], list[Link]]:
    """Our IRI → its QID, and the OWID rows left out (rule in the module docstring).

    An IRI given two different items, or an item given to two different countries, is an error.
    """
    hand = checked_rows(checked)
    confirmed = {(row.iri, row.qid) for row in hand}
    links: dict[str, str] = {}
    excluded = []

    def add(row: Link, path: Path) -> None:
        if links.setdefault(row.iri, row.qid) != row.qid:
            raise SpaceCoopError(
                f"{row.iri} is linked to both {links[row.iri]} and {row.qid}", path=str(path), line=row.line
            )

    for row in owid_rows(owid):
        alpha2 = row.iri.rsplit("/", 1)[1].upper()
        if _normal(row.label) in _iso_names(alpha2) or (row.iri, row.qid) in confirmed:
            add(row, owid)
        else:
            excluded.append(row)
    for row in hand:
        add(row, checked)
    countries = [qid for iri, qid in links.items() if iri.startswith(str(ID.country))]
    if len(countries) != len(set(countries)):
        raise SpaceCoopError("one Wikidata item is linked to two countries", path=str(owid))
    return links, excluded


def close_links(close: Path = CLOSE_TABLE, exact: dict[str, str] | None = None) -> dict[str, str]:
    """Our IRI → the QID of its ``skos:closeMatch``, from ``wikidata-close.tsv``; ``exact``: the exact links
    (:func:`wikidata_links`), which no IRI of this table may have.

    >>> close_links()["https://w3id.org/spacecoop/id/country/bumm"]
    'Q836'
    """
    exact = exact if exact is not None else wikidata_links()[0]
    links: dict[str, str] = {}
    for row in checked_rows(close):
        if row.iri in exact:
            raise SpaceCoopError(
                f"{row.iri} has an exact link ({exact[row.iri]}): a close one would say less",
                path=str(close),
                line=row.line,
            )
        if links.setdefault(row.iri, row.qid) != row.qid:
            raise SpaceCoopError(
                f"{row.iri} is linked to both {links[row.iri]} and {row.qid}", path=str(close), line=row.line
            )
    return links


def wikidata_graph(owid: Path = OWID_TABLE, checked: Path = CHECKED_TABLE, close: Path = CLOSE_TABLE) -> Graph:
    """The links as ``skos:exactMatch`` and ``skos:closeMatch`` triples, with the dataset they come from.

    >>> g = wikidata_graph()
    >>> from spacecoop.namespaces import ID
    >>> str(g.value(ID.org["esa"], SKOS.exactMatch)), str(g.value(ID.country["bumm"], SKOS.closeMatch))
    ('http://www.wikidata.org/entity/Q42262', 'http://www.wikidata.org/entity/Q836')
    """
    links, _excluded = wikidata_links(owid, checked)
    g = Graph()
    for iri, qid in links.items():
        g.add((URIRef(iri), SKOS.exactMatch, WD[qid]))
    for iri, qid in close_links(close, links).items():
        g.add((URIRef(iri), SKOS.closeMatch, WD[qid]))
    title = "Links to Wikidata, from Our World in Data's countries table and items read by hand"
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, SKOS.prefLabel, Literal(title, lang="en")))
    g.add((DATASET, DCTERMS.title, Literal(title, lang="en")))
    for source in sorted({OWID_SOURCE, *(row.source for table in (checked, close) for row in checked_rows(table))}):
        g.add((DATASET, DCTERMS.source, Literal(source, datatype=XSD.anyURI)))
    g.add((DATASET, DCTERMS.license, URIRef("https://spdx.org/licenses/MIT.html")))
    g.add(
        (
            DATASET,
            DCTERMS.bibliographicCitation,
            Literal(
                "Countries and Regions, Our World in Data (owid-grapher, MIT licence, 2022); Wikidata (CC0).", lang="en"
            ),
        )
    )
    g.add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "skos:exactMatch links from SpaceCoop IRIs to Wikidata items, each QID read with its label: from the OWID "
                "countries table where the label is an ISO name of the country, and from data/identities/wikidata.tsv, "
                "where each row names the page it was read on; skos:closeMatch links from data/identities/"
                "wikidata-close.tsv, where Wikidata holds our node in an item of another name (Burma in Myanmar's). "
                "Generated by `spacecoop import-wikidata`.",
                lang="en",
            ),
        )
    )
    return g


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``import-wikidata [--out FILE]`` on the ``spacecoop`` command line."""
    parser = subparsers.add_parser(
        "import-wikidata",
        help="write the checked links to Wikidata as Turtle",
        description="Write the skos:exactMatch and skos:closeMatch links to Wikidata from data/identities/ (the OWID "
        "countries table and the rows checked by hand) as deterministic Turtle, and list the rows left out.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="FILE",
        help="where to write the Turtle (default: graph/identities/wikidata.ttl)",
    )
    parser.set_defaults(func=_run)
    return parser


def _run(args: argparse.Namespace) -> int:
    links, excluded = wikidata_links()
    graph = wikidata_graph()
    write_atomic(args.out, to_turtle(graph))
    for row in excluded:
        print(
            f"left out: {row.iri} {row.qid} ({row.label!r} is not an ISO name of the country; "
            f"{OWID_TABLE.name} line {row.line})"
        )
    close = close_links(exact=links)
    print(f"wrote {len(links)} exact and {len(close)} close links to Wikidata to {args.out}")
    return 0
