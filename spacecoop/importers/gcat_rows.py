"""What the GCAT layers share: the tables as dataset sources, a dataset row as evidence, the parties of a
row (organisations and the states they act for on the row's date), and the cooperation node a row states.

A generated layer is a set of triples (:class:`Layer`), written as sorted Turtle: the same tables give the
same bytes. Participations are written as IRIs of their own under the cooperation's
(``…/cooperation/gcat-launch-s02950/participation-1``), as the build would skolemise them.

>>> import datetime as dt
>>> layer = Layer("test")
>>> backbone = Backbone({ID.org["bnc"]: ID.country["gb"], ID.org["gsfc"]: ID.country["us"]})
>>> customer = backbone.parties(["BNC"], "UK", dt.date(1962, 4, 26))
>>> customer  # BNC belongs to the United Kingdom: the state goes without saying
[rdflib.term.URIRef('https://w3id.org/spacecoop/id/org/bnc')]
>>> backbone.parties(["RVSN"], "RU", dt.date(1959, 1, 2))  # an unknown code, and Russia's code before 1992
[rdflib.term.URIRef('https://w3id.org/spacecoop/id/country/suhh')]
>>> parse_launch_date("1962 Apr 26 1800:16")
GcatDate(value=datetime.date(1962, 4, 26), precision='day', uncertain=False)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from spacecoop.importers.countries import gcat_country_iri, state_on
from spacecoop.importers.gcat_table import GcatDate, parse_gcat_date
from spacecoop.importers.tabular import CC_BY_4, Report
from spacecoop.io.paths import DATA_DIR
from spacecoop.namespaces import DCTERMS, ID, OA, RDF, SCHEMA, SCO, SKOS, VOCAB, XSD

__all__ = [
    "ATTRIBUTION",
    "GCAT_URL",
    "PUBLISHER",
    "TableSource",
    "LAUNCHLOG_SOURCE",
    "DEEPCAT_SOURCE",
    "Layer",
    "Backbone",
    "craft_iri",
    "row_name",
    "parse_launch_date",
    "split_codes",
    "slug",
]

ATTRIBUTION = "Data from GCAT (J. McDowell, planet4589.org/space/gcat)"
GCAT_URL = "https://planet4589.org/space/gcat"
PUBLISHER = ID.publisher["planet4589"]
_LAUNCH_DATE_RE = re.compile(r"(\d{4}\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)\s*(\?)?")


@dataclass(frozen=True)
class TableSource:
    """A GCAT table as a ``sco:Dataset``: the source of every evidence node naming one of its rows.

    ``snapshot`` is the date the table states for itself or, where it states none, the latest date of its
    rows (the earliest the snapshot can be); ``basis`` says which. It is the ``sco:reportedOn`` of every
    cooperation the table states.
    """

    slug: str
    title: str
    local_copy: str
    snapshot: dt.date
    basis: str

    @property
    def iri(self) -> URIRef:
        return ID.source[self.slug]

    @property
    def path(self) -> Path:
        return DATA_DIR.parent / self.local_copy

    def describe(self, layer: "Layer") -> None:
        """Add the dataset node (licence, attribution, snapshot, where it is) to ``layer``."""
        node = self.iri
        for p, o in (
            (RDF.type, SCO.Dataset),
            (RDF.type, SCO.SourceDocument),
            (DCTERMS.title, Literal(self.title, lang="en")),
            (DCTERMS.publisher, PUBLISHER),
            (DCTERMS.license, CC_BY_4),
            (DCTERMS.bibliographicCitation, Literal(ATTRIBUTION)),
            (DCTERMS.creator, Literal("Jonathan C. McDowell")),
            (SCO.publicationDate, Literal(self.snapshot)),
            (SCO.publicationDatePrecision, VOCAB["precision"]["day"]),
            (SCO.publicationDateBasis, Literal(self.basis, lang="en")),
            (SCHEMA.url, Literal(GCAT_URL, datatype=XSD.anyURI)),
            (SCO.localCopy, Literal(self.local_copy)),
        ):
            layer.add(node, p, o)

    def evidence(self, layer: "Layer", key: str) -> URIRef:
        """The evidence node naming row ``key`` (the JCAT) of this table, added to ``layer``."""
        node = ID.evidence[f"{self.slug}-{slug(key)}"]
        layer.add(node, RDF.type, SCO.Evidence)
        layer.add(node, OA.hasSource, self.iri)
        layer.add(node, SCO.rowKey, Literal(key))
        return node


LAUNCHLOG_SOURCE = TableSource(
    "gcat-launchlog",
    "GCAT launch log (derived/launchlog.tsv): one row per payload",
    "data/gcat/launchlog.tsv",
    dt.date(2024, 12, 8),
    "The file states no snapshot date; its latest launch is of 2024 Dec 8, so the snapshot is of that day or later.",
)
DEEPCAT_SOURCE = TableSource(
    "gcat-deepcat",
    "GCAT deep space catalog (deepcat.tsv)",
    "data/gcat/deepcat.tsv",
    dt.date(2026, 9, 28),
    'The file\'s second line: "Updated 2026 Sep 28".',
)


@dataclass
class Layer:
    """The triples of one generated layer and the report of the rows read for it."""

    name: str
    triples: set = field(default_factory=set)
    counts: dict = field(default_factory=dict)
    reports: list[Report] = field(default_factory=list)

    def add(self, s, p, o) -> None:
        self.triples.add((s, p, o))

    def spacecraft(self, row, launch: URIRef | None = None) -> URIRef:
        """The spacecraft of a GCAT row (its ``JCAT``, name, ``Piece``), described in this layer."""
        node = craft_iri(row["JCAT"])
        name = row_name(row)
        self.add(node, RDF.type, SCO.Spacecraft)
        self.add(node, SKOS.prefLabel, Literal(name, lang="en"))
        self.add(node, SCO.jcat, Literal(row["JCAT"]))
        if row["Piece"] not in ("", "-"):
            self.add(node, SCO.cosparId, Literal(row["Piece"]))
        if launch is not None:
            self.add(node, SCO.launch, launch)
        return node

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def cooperation(
        self,
        node: URIRef,
        label: str,
        kind: str,
        status: str,
        parties,
        evidence: URIRef,
        reported: dt.date,
        concerns=(),
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> None:
        """A cooperation stated by a dataset row: ``parties`` are ``(agent, role slug)`` pairs, written in
        sorted order as participations ``{node}/participation-{n}``."""
        add = self.add
        add(node, RDF.type, SCO.Cooperation)
        add(node, SKOS.prefLabel, Literal(label, lang="en"))
        add(node, SCO.cooperationType, VOCAB["cooptype"][kind])
        add(node, SCO.status, VOCAB["status"][status])
        add(node, SCO.reportedOn, Literal(reported))
        add(node, SCO.evidence, evidence)
        for thing in concerns:
            add(node, SCO.concerns, thing)
        for date, value, precision in (
            (start, SCO.startDate, SCO.startDatePrecision),
            (end, SCO.endDate, SCO.endDatePrecision),
        ):
            if date is not None:
                add(node, value, Literal(date))
                add(node, precision, VOCAB["precision"]["day"])
        for number, (agent, role) in enumerate(sorted(set(parties), key=lambda pair: (pair[1], str(pair[0]))), 1):
            participation = URIRef(f"{node}/participation-{number}")
            add(node, SCO.participation, participation)
            add(participation, SCO.agent, agent)
            add(participation, SCO.role, VOCAB["role"][role])
        self.count(kind)


@dataclass
class Backbone:
    """What the layers need of the organisations backbone: each organisation's IRI and the country (or
    intergovernmental organisation) it belongs to. Codes not in it are left out of the parties."""

    country_of: dict[URIRef, URIRef | None]
    _organisations: dict[str, URIRef | None] = field(default_factory=dict, repr=False, compare=False)

    def organisation(self, code: str) -> URIRef | None:
        """The organisation of the backbone a GCAT code names, or ``None``."""
        if code not in self._organisations:
            node = ID.org[code.lower()]
            self._organisations[code] = node if node in self.country_of else None
        return self._organisations[code]

    def state(self, code: str, on: dt.date | None) -> URIRef | None:
        """The state a GCAT state code names on ``on``: an ``I-`` code is the intergovernmental
        organisation of the backbone (``scorg:i-esa``), any other code a country (see
        :func:`~spacecoop.importers.countries.gcat_country_iri`)."""
        if code.startswith("I-"):
            return self.organisation(code)
        return gcat_country_iri(code, on)

    def state_of(self, organisation: URIRef, on: dt.date | None) -> URIRef | None:
        """The state an organisation of the backbone belongs to, as it was on ``on``."""
        country = self.country_of.get(organisation)
        return state_on(country, on) if country is not None else None

    def parties(self, codes: list[str], state_code: str, on: dt.date | None) -> list[URIRef]:
        """The organisations named by ``codes`` that the backbone knows, then the state of ``state_code``
        on ``on`` — unless one of those organisations belongs to that state then, which says it already."""
        found = [node for code in codes if (node := self.organisation(code)) is not None]
        state = self.state(state_code, on) if state_code not in ("", "-") else None
        if state is None or any(self.state_of(node, on) == state for node in found):
            return found
        return found + [state]


def craft_iri(jcat: str) -> URIRef:
    """The spacecraft a JCAT names: ``craft:s50463``.

    >>> craft_iri("S50463")
    rdflib.term.URIRef('https://w3id.org/spacecoop/id/spacecraft/s50463')
    """
    return ID.spacecraft[slug(jcat)]


def row_name(row) -> str:
    """A payload's name in a GCAT row: ``Name``, or ``PLName`` where GCAT gives no name."""
    return row["Name"] if row["Name"] not in ("", "-") else row["PLName"]


def parse_launch_date(cell: str) -> GcatDate:
    """The UTC date of a GCAT launch date cell (``1962 Apr 26 1800:16``; the time is dropped).

    Raises :class:`ValueError` for a cell that is not one.

    >>> parse_launch_date("2019 Jul 22").value, parse_launch_date("1958 Mar 17 1215?").uncertain
    (datetime.date(2019, 7, 22), True)
    """
    match = _LAUNCH_DATE_RE.match(cell.strip())
    try:
        parsed = parse_gcat_date(match[1]) if match else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValueError(f"not a GCAT launch date: {cell.strip()!r}")
    return parsed._replace(uncertain=parsed.uncertain or "?" in cell)


def split_codes(cell: str) -> list[str]:
    """The organisation codes of a GCAT cell (``GSFC/ESA``), GCAT's ``?`` of doubt taken off, in order,
    each once.

    >>> split_codes("GSFC/ESA"), split_codes("NASA?"), split_codes("-")
    (['GSFC', 'ESA'], ['NASA'], [])
    """
    codes = [code for part in cell.split("/") if (code := part.strip().rstrip("?").strip()) not in ("", "-")]
    return list(dict.fromkeys(codes))


def slug(text: str) -> str:
    """A lower-case IRI slug of a GCAT key or tag: ``1957 ALP`` → ``1957-alp``.

    >>> slug("S00002"), slug("1957 ALP"), slug("1969-U01")
    ('s00002', '1957-alp', '1969-u01')
    """
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")
