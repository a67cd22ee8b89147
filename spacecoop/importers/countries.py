"""Countries from ISO 3166, through pycountry: ``graph/countries/countries.ttl``.

Every ISO 3166-1 country is ``country:<alpha-2, lower>`` (``country:fr``); every former
country of ISO 3166-3 is ``country:<alpha-4, lower>`` (``country:suhh`` the USSR,
``country:cshh`` Czechoslovakia, ``country:ddde`` East Germany, ``country:yucs``
Yugoslavia). Names and codes come from pycountry, a maintained packaging of the ISO
tables; nothing here is typed by hand except :data:`SUCCESSORS` (each with the page it was
read on) and the GCAT state codes that differ from ISO (``gcat_states.tsv``, each with its
reason).

- ``skos:prefLabel``: pycountry's common name where it has one ("South Korea"), else the
  ISO short name ("France"), for a former country the short part of its name ("USSR", not
  "USSR, Union of Soviet Socialist Republics"); the ISO names are ``skos:altLabel``.
- Codes: ``sco:iso3166Alpha2``, ``sco:iso3166Alpha3``, ``sco:iso3166Numeric`` (for a former
  country ``sco:iso3166Alpha4``), and ``sco:gcatCode`` for every GCAT state code that stands
  for the country (``F``, ``SU``).
- A former country: its end date from GCAT where a GCAT row stands for it
  (USSR 1991-12-26), the ISO withdrawal of its code in a ``skos:historyNote``, and its
  successors as ``dcterms:isReplacedBy``.

>>> str(gcat_country_iri("F")), str(gcat_country_iri("SU")), str(gcat_country_iri("CN"))
('https://w3id.org/spacecoop/id/country/fr', 'https://w3id.org/spacecoop/id/country/suhh', 'https://w3id.org/spacecoop/id/country/cn')
>>> gcat_country_iri("I-ESA") is None and gcat_country_iri("X") is None
True
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pycountry
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID

from spacecoop.errors import SpaceCoopError
from spacecoop.importers.gcat_table import COLUMNS, parse_gcat_date
from spacecoop.importers.tabular import read_table
from spacecoop.io.paths import DATA_DIR, GRAPH_DIR
from spacecoop.io.write import to_turtle, write_atomic
from spacecoop.namespaces import DCTERMS, ID, RDF, SCO, SKOS, VOCAB, XSD, bind_prefixes

__all__ = [
    "DATASET",
    "DEFAULT_OUT",
    "GCAT_STATES_FILE",
    "SUCCESSORS",
    "gcat_states",
    "gcat_country_iri",
    "state_on",
    "USSR_END",
    "country_iri",
    "countries_graph",
    "add_parser",
]

DATASET = ID.dataset["iso-3166"]
DEFAULT_OUT = GRAPH_DIR / "countries" / "countries.ttl"
GCAT_STATES_FILE = Path(__file__).with_name("gcat_states.tsv")
GCAT_TABLES = (DATA_DIR / "gcat" / "orgs.tsv", DATA_DIR / "gcat" / "orgs-2024.tsv")

_ISO_3166_3 = "https://profilpelajar.com/en/ISO_3166-3"
_TCVN_7217_3 = (
    "https://m.thuvienphapluat.vn/TCVN/Linh-vuc-khac/"
    "TCVN-7217-3-2013-Ma-the-hien-ten-vung-lanh-tho-Phan-3-Ma-ten-cac-nuoc-truoc-day-911196.aspx"
)
#: Successors of the former countries whose ISO 3166-3 code ends in HH (no single
#: successor) or that were renamed, as ISO 3166-3 lists them, with where that was read.
#: Codes ending in another ISO alpha-2 code (DDDE → DE) need no entry: the code says it.
SUCCESSORS: dict[str, tuple[tuple[str, ...], str]] = {
    # TCVN 7217-3:2013 is ISO 3166-3:1999 adopted as a Vietnamese standard; its SUHH row lists
    # these 13 and notes that Belarus and Ukraine had their own ISO 3166 codes before.
    "SUHH": (("AM", "AZ", "EE", "GE", "KZ", "KG", "LV", "LT", "MD", "RU", "TJ", "TM", "UZ"), _TCVN_7217_3),
    "CSHH": (("CZ", "SK"), _ISO_3166_3),
    "YUCS": (("CSXX",), "http://www.iso.org/iso/country_codes/check_what_s_new/2003-07-23.htm"),
    "CSXX": (("ME", "RS"), "https://infogalactic.com/info/ISO_3166-2:CS"),
    "PCHH": (("FM", "MH", "MP", "PW"), "pycountry (ISO 3166-3 remark: divided into FM, MH, MP, and PW)"),
    "FQHH": (("AQ", "TF"), "pycountry (ISO 3166-3 remark: now split between AQ and TF)"),
}
_NO_SINGLE_SUCCESSOR = ("HH", "XX", "AA")

CODE_PROPERTIES = {
    "alpha_2": SCO.iso3166Alpha2,
    "alpha_3": SCO.iso3166Alpha3,
    "numeric": SCO.iso3166Numeric,
    "alpha_4": SCO.iso3166Alpha4,
}


def country_iri(iso_code: str) -> URIRef:
    """The IRI of the ISO country with alpha-2 or alpha-4 code ``iso_code``.

    >>> country_iri("FR"), country_iri("suhh")
    (rdflib.term.URIRef('https://w3id.org/spacecoop/id/country/fr'), rdflib.term.URIRef('https://w3id.org/spacecoop/id/country/suhh'))
    """
    return ID.country[iso_code.lower()]


@cache
def gcat_states(path: Path = GCAT_STATES_FILE) -> dict[str, tuple[str, str]]:
    """GCAT state code → (ISO code, reason) for the codes that differ from ISO."""
    table = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.reader(handle, delimiter="\t"), 1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) != 3 or not _iso_entry(row[1]):
                raise SpaceCoopError(
                    "a row needs a GCAT code, an ISO 3166 code pycountry knows, and a reason", path=str(path), line=line
                )
            table[row[0]] = (row[1], row[2])
    return table


def gcat_country_iri(code: str, on: dt.date | None = None) -> URIRef | None:
    """The country a GCAT state code stands for, or ``None`` if it is not a country.

    GCAT's own codes (``F``, ``UK``, ``SU``) go through ``gcat_states.tsv``; any other
    code that is a current ISO 3166-1 alpha-2 code is that country. IGOs (``I-ESA``) and
    GCAT's unknown ``X`` give ``None``. With ``on`` (the date of a fact), the state that existed on
    that date: see :func:`state_on`.

    >>> gcat_country_iri("UK"), gcat_country_iri("NI")
    (rdflib.term.URIRef('https://w3id.org/spacecoop/id/country/gb'), rdflib.term.URIRef('https://w3id.org/spacecoop/id/country/gb'))
    >>> str(gcat_country_iri("RU", dt.date(1985, 3, 1))), str(gcat_country_iri("SU", dt.date(1993, 1, 19)))
    ('https://w3id.org/spacecoop/id/country/suhh', 'https://w3id.org/spacecoop/id/country/ru')
    """
    found = _gcat_country(code.strip())
    return None if found is None else state_on(found, on)


@cache
def _gcat_country(code: str) -> URIRef | None:
    """The country of a GCAT state code, whatever the date (looked up once per code)."""
    if code in gcat_states():
        return country_iri(gcat_states()[code][0])
    if len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None:
        return country_iri(code)
    return None


#: The USSR's last day as GCAT's SU row gives it (TStop 1991 Dec 26): from this date on, Russia.
USSR_END = dt.date(1991, 12, 26)


def state_on(country: URIRef, on: dt.date | None) -> URIRef:
    """``country`` as the state that existed on ``on``: Russia (``country:ru``) before
    :data:`USSR_END` is the USSR (``country:suhh``), and the USSR from that date on is Russia (GCAT
    still codes some Russian owners ``SU`` after 1991: RKA's capsules of 1992-1996). Any other
    country, or no date, is left as it is.

    >>> str(state_on(country_iri("RU"), dt.date(1991, 12, 25))), str(state_on(country_iri("SUHH"), USSR_END))
    ('https://w3id.org/spacecoop/id/country/suhh', 'https://w3id.org/spacecoop/id/country/ru')
    """
    if on is None:
        return country
    if country == _RUSSIA and on < USSR_END:
        return _USSR
    if country == _USSR and on >= USSR_END:
        return _RUSSIA
    return country


_RUSSIA, _USSR = country_iri("RU"), country_iri("SUHH")


def _iso_entry(code: str):
    """The pycountry record of an alpha-2 (current) or alpha-4 (former) code, or ``None``."""
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code.upper())
    if len(code) == 4:
        return pycountry.historic_countries.get(alpha_4=code.upper())
    return None


def countries_graph(gcat_tables=GCAT_TABLES) -> Graph:
    """Every ISO 3166-1 and ISO 3166-3 country as RDF, with the GCAT codes that name it.

    ``gcat_tables`` are GCAT organisations tables; their country rows give the GCAT codes
    and the end dates of former countries.

    >>> g = countries_graph()
    >>> fr, su = country_iri("FR"), country_iri("SUHH")
    >>> str(g.value(fr, SKOS.prefLabel)), str(g.value(fr, SCO.iso3166Alpha3)), str(g.value(fr, SCO.gcatCode))
    ('France', 'FRA', 'F')
    >>> str(g.value(su, SCO.endDate)), country_iri("RU") in set(g.objects(su, DCTERMS.isReplacedBy))
    ('1991-12-26', True)
    """
    g = bind_prefixes(Graph(bind_namespaces="core"))
    _describe_dataset(g)
    codes, ends = _gcat_codes(gcat_tables)
    for country in pycountry.countries:
        node = country_iri(country.alpha_2)
        _add_names(g, node, country)
        for field in ("alpha_2", "alpha_3", "numeric"):
            g.add((node, CODE_PROPERTIES[field], Literal(getattr(country, field))))
    for country in pycountry.historic_countries:
        node = country_iri(country.alpha_4)
        _add_names(g, node, country)
        g.add((node, SCO.iso3166Alpha4, Literal(country.alpha_4)))
        former = ", ".join(getattr(country, f) for f in ("alpha_2", "alpha_3", "numeric") if hasattr(country, f))
        g.add(
            (
                node,
                SKOS.historyNote,
                Literal(
                    f"ISO 3166-3 {country.alpha_4}: formerly ISO 3166-1 {former}; code withdrawn "
                    f"{country.withdrawal_date}.",
                    lang="en",
                ),
            )
        )
        _add_successors(g, node, country.alpha_4)
    for subject in set(g.subjects(SKOS.prefLabel, None)) - {DATASET}:
        g.add((subject, RDF.type, SCO.Country))
        g.add((subject, DCTERMS.source, DATASET))
    for code, node in sorted(codes.items()):
        g.add((node, SCO.gcatCode, Literal(code)))
    for node, (date, precision, source) in ends.items():
        g.add((node, SCO.endDate, Literal(date)))
        g.add((node, SCO.endDatePrecision, VOCAB["precision"][precision]))
        g.add((node, SKOS.editorialNote, Literal(f"End date from GCAT's row {source}.", lang="en")))
    return g


def _add_names(g: Graph, node: URIRef, country) -> None:
    preferred = getattr(country, "common_name", None) or _short_former_name(country) or country.name
    g.add((node, SKOS.prefLabel, Literal(preferred, lang="en")))
    for other in {country.name, getattr(country, "official_name", None)} - {preferred, None}:
        g.add((node, SKOS.altLabel, Literal(other, lang="en")))


def _letters(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalpha())


@cache
def _current_names() -> frozenset[str]:
    return frozenset(
        _letters(name)
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None))
        if name
    )


def _short_former_name(country) -> str | None:
    """The short name of a former country whose ISO 3166-3 name is "short, formal" ("USSR, Union of Soviet
    Socialist Republics" → "USSR"), unless the short part names a country of today (the People's Democratic
    Republic of Yemen is not "Yemen").

    >>> [_short_former_name(pycountry.historic_countries.get(alpha_4=code)) for code in ("SUHH", "YDYE", "DDDE")]
    ['USSR', None, None]
    """
    if not hasattr(country, "alpha_4") or ", " not in country.name:
        return None
    short, formal = country.name.split(", ", 1)
    if len(formal.split()) < 2 or _letters(short) in _current_names():
        return None
    return short


def _add_successors(g: Graph, node: URIRef, alpha_4: str) -> None:
    if alpha_4 in SUCCESSORS:
        successors, where = SUCCESSORS[alpha_4]
        g.add((node, SKOS.editorialNote, Literal(f"Successors as ISO 3166-3 lists them, read at {where}.", lang="en")))
    elif alpha_4[2:] not in _NO_SINGLE_SUCCESSOR:
        successors = (alpha_4[2:],)  # ISO 3166-3's rule: the last two letters are the successor's code
    else:
        return
    for successor in successors:
        g.add((node, DCTERMS.isReplacedBy, country_iri(successor)))


def _gcat_codes(tables) -> tuple[dict[str, URIRef], dict[URIRef, tuple]]:
    """GCAT state code → country, and former country → (end date, precision, GCAT code)."""
    codes: dict[str, URIRef] = {}
    ends: dict[URIRef, tuple] = {}
    for path in tables:
        for row in read_table(path, COLUMNS, key="Code", what="GCAT organisations table").rows:
            node = gcat_country_iri(row["Code"])
            if not ({"CY", "CYP"} & set(row["Type"].split("/"))) or node is None:
                continue
            codes[row["Code"]] = node
            parsed = parse_gcat_date(row["TStop"]) if row["TStop"] not in ("*", "-", "?") else None
            if parsed and len(str(node).rsplit("/", 1)[1]) == 4:
                ends[node] = max(
                    ends.get(node, (parsed.value, parsed.precision, row["Code"])),
                    (parsed.value, parsed.precision, row["Code"]),
                )
    return codes, ends


def _describe_dataset(g: Graph) -> None:
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, SKOS.prefLabel, Literal("ISO 3166 countries, from pycountry", lang="en")))
    g.add((DATASET, DCTERMS.title, Literal("ISO 3166 countries, from pycountry", lang="en")))
    g.add((DATASET, DCTERMS.source, Literal("https://pypi.org/project/pycountry/", datatype=XSD.anyURI)))
    g.add((DATASET, DCTERMS.license, URIRef("https://spdx.org/licenses/LGPL-2.1-only.html")))
    g.add(
        (
            DATASET,
            DCTERMS.bibliographicCitation,
            Literal(f"ISO 3166 country codes, as packaged by pycountry {version('pycountry')}.", lang="en"),
        )
    )
    g.add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                f"ISO 3166-1 countries and ISO 3166-3 former countries as pycountry {version('pycountry')} "
                "(LGPL-2.1) packages them, with the GCAT state codes that stand for each. Generated by "
                "`spacecoop import-countries`.",
                lang="en",
            ),
        )
    )


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``import-countries [--out FILE]`` on the ``spacecoop`` command line."""
    parser = subparsers.add_parser(
        "import-countries",
        help="write the ISO 3166 countries (from pycountry) as Turtle",
        description="Write every ISO 3166-1 country and ISO 3166-3 former country, with the GCAT "
        "state codes that stand for each, as deterministic Turtle.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="FILE",
        help="where to write the Turtle (default: graph/countries/countries.ttl)",
    )
    parser.set_defaults(func=_run)
    return parser


def _run(args: argparse.Namespace) -> int:
    graph = countries_graph()
    write_atomic(args.out, to_turtle(graph))
    print(f"wrote {len(set(graph.subjects(RDF.type, SCO.Country)))} countries, {len(graph)} triples to {args.out}")
    return 0
