"""What an entity page shows, read from the graph at each request.

:func:`read_entity` asks the graph a handful of questions about one IRI — its own statements, who
refers to it, the cooperation it takes part in or is about (with participants, roles and evidence) —
and runs the library queries (``queries/*.rq``) that take an entity of its kind as their one
parameter (a mission's plans against outcomes, an organisation's lineage…). Nothing is cached: the
answer is as fresh as the store.

>>> from spacecoop.io.paths import ONTOLOGY_DIR
>>> from spacecoop.store.knowledge import KnowledgeStore
>>> from spacecoop.web.source import LocalSource
>>> source = LocalSource(KnowledgeStore.from_files([ONTOLOGY_DIR / "vocab" / "statuses.ttl"], "oxigraph"))
>>> entity = read_entity(source, "https://w3id.org/spacecoop/vocab/status/agreed")
>>> entity.label, [t.label for t in entity.types]
('agreed', ['Concept'])
>>> read_entity(source, "https://w3id.org/spacecoop/id/org/nobody") is None
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from spacecoop.namespaces import ORG, SCO
from spacecoop.store.querylib import QuerySpec, load_query
from spacecoop.store.results import Results

__all__ = [
    "Value",
    "Fact",
    "Event",
    "Entity",
    "read_entity",
    "labels_of",
    "local_name",
    "library_query",
    "SECTIONS",
    "IDENTIFIERS",
    "LINEAGE",
]

PREFIXES = """PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

#: Properties shown as the entity's lineage (parents, units, GCAT phases, renamings, broader concepts).
LINEAGE = (ORG.subOrganizationOf, ORG.unitOf, SCO.primaryPhase, SCO.precededBy, SCO.succeededBy, SKOS.broader)
#: Properties shown as identifiers (codes in other datasets, matches in Wikidata).
IDENTIFIERS = (
    SCO.gcatCode,
    SCO.gcatPrimaryCode,
    SKOS.notation,
    SKOS.exactMatch,
    SKOS.closeMatch,
    OWL.sameAs,
    SCO.cosparId,
)
_NAMES = (SKOS.prefLabel, SKOS.altLabel, RDFS.label)
#: Properties left out of "referred to by": the cooperation timeline shows them better.
_NOT_INBOUND = (SCO.agent, SCO.participant, SCO.partnerOf)

#: Library queries shown on the page of an entity of a class: class → (query name, its parameter).
SECTIONS: dict[URIRef, tuple[tuple[str, str], ...]] = {
    SCO.Mission: (
        ("mission-timeline", "mission"),
        ("plans-vs-outcomes", "mission"),
        ("conflicting-milestones", "mission"),
        ("foreign-payloads", "mission"),
        ("mission-contractors", "mission"),
        ("similar-missions", "mission"),
    ),
    SCO.Organisation: (
        ("org-lineage", "org"),
        ("org-missions", "org"),
        ("payloads-by-builder", "builder"),
        ("people-posts", "org"),
        ("ended-cooperation", "agent"),
    ),
    SCO.Country: (("country-partners", "country"), ("ended-cooperation", "agent")),
    SCO.Program: (("program-members", "program"), ("program-missions", "program")),
    SCO.Cooperation: (("claim-sources", "claim"), ("cooperation-history", "cooperation")),
    SCO.Plan: (("claim-sources", "claim"),),
    SCO.Milestone: (("claim-sources", "claim"),),
    SCO.Designation: (("claim-sources", "claim"),),
    SCO.Similarity: (("claim-sources", "claim"),),
    SCO.SourceDocument: (("source-claims", "source"),),
    SCO.Publisher: (("sources-by-publisher", "publisher"),),
    SCO.Person: (("statements", "person"),),
}
#: A class whose instances are also of another class for the sections (agencies are organisations).
_SECTION_CLASS = {
    SCO.SpaceAgency: SCO.Organisation,
    SCO.Company: SCO.Organisation,
    SCO.ResearchInstitute: SCO.Organisation,
    SCO.GovernmentBody: SCO.Organisation,
    SCO.IntergovernmentalOrganisation: SCO.Organisation,
    SCO.OrganisationalUnit: SCO.Organisation,
    SCO.MultilateralProgram: SCO.Program,
}


@dataclass(frozen=True)
class Value:
    """A term and how a person reads it (an IRI's label; a literal's text)."""

    term: URIRef | Literal
    label: str


@dataclass
class Fact:
    """One property of the entity (or pointing at it) with its values."""

    prop: URIRef
    label: str
    values: list[Value]
    total: int = 0


@dataclass
class Event:
    """A cooperation on the timeline."""

    iri: URIRef
    label: str
    type: Value | None = None
    status: Value | None = None
    modality: Value | None = None
    reported: Literal | None = None
    reported_precision: str = "day"
    start: Literal | None = None
    start_precision: str = "day"
    end: Literal | None = None
    end_precision: str = "day"
    reason: str = ""
    concerns: list[Value] = field(default_factory=list)
    participants: list[tuple[Value, Value]] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    conflicts: list[Value] = field(default_factory=list)

    @property
    def when(self) -> str:
        """The date a timeline sorts by: the start if known, else the report."""
        return str(self.start or self.reported or "")


@dataclass
class Entity:
    """Everything an entity page shows."""

    iri: URIRef
    label: str
    names: list[Literal]
    types: list[Value]
    country: list[Value]
    lineage: list[Fact]
    identifiers: list[Fact]
    facts: list[Fact]
    inbound: list[Fact]
    timeline: list[Event]
    sections: list[tuple[QuerySpec, str, Results, dict]]
    partners: list[tuple[Value, int]]
    partner_links: list[tuple[URIRef, URIRef, int]]


def local_name(iri: str) -> str:
    """The last part of an IRI, as a fallback label.

    >>> local_name("https://w3id.org/spacecoop/ontology#partnerOf"), local_name("https://w3id.org/spacecoop/id/org/esa")
    ('partnerOf', 'esa')
    """
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Labels(dict):
    """Labels by term; a term without one reads as its IRI's last part (a blank node as ``_:id``)."""

    def __missing__(self, term) -> str:
        return local_name(term) if isinstance(term, URIRef) else (f"_:{term}" if isinstance(term, BNode) else str(term))


def labels_of(source, iris) -> dict[URIRef, str]:
    """A label for each IRI among ``iris`` (the source's choice, else the IRI's last part); any other
    term asked for later reads as itself."""
    iris = {i for i in iris if isinstance(i, URIRef)}
    found = source.labels(iris)
    return _Labels({i: str(found[i]) if i in found else local_name(i) for i in iris})


@lru_cache(maxsize=None)
def library_query(name: str) -> QuerySpec:
    """A query of the library, read and checked once per process (checking parses it: ~0.4 s)."""
    return load_query(name)


def _precision(term) -> str:
    return local_name(str(term)) if term is not None else "day"


_WHERE_ENTITY = "{ ?coop sco:participation/sco:agent ?e } UNION { ?coop sco:concerns ?e } ?coop a sco:Cooperation ."
_EVENTS = (
    PREFIXES
    + f"""SELECT DISTINCT ?coop ?type ?status ?modality ?reported ?reportedPrecision ?start
  ?startPrecision ?end ?endPrecision ?reason WHERE {{ {_WHERE_ENTITY}
  OPTIONAL {{ ?coop sco:cooperationType ?type }} OPTIONAL {{ ?coop sco:status ?status }}
  OPTIONAL {{ ?coop sco:modality ?modality }}
  OPTIONAL {{ ?coop sco:reportedOn ?reported OPTIONAL {{ ?coop sco:reportedOnPrecision ?reportedPrecision }} }}
  OPTIONAL {{ ?coop sco:startDate ?start OPTIONAL {{ ?coop sco:startDatePrecision ?startPrecision }} }}
  OPTIONAL {{ ?coop sco:endDate ?end OPTIONAL {{ ?coop sco:endDatePrecision ?endPrecision }} }}
  OPTIONAL {{ ?coop sco:reason ?reason }} }}"""
)
_PARTICIPANTS = (
    PREFIXES
    + f"""SELECT DISTINCT ?coop ?agent ?role WHERE {{ {_WHERE_ENTITY}
  ?coop sco:participation ?taking . ?taking sco:agent ?agent . OPTIONAL {{ ?taking sco:role ?role }} }}"""
)
_CONCERNS = PREFIXES + f"""SELECT DISTINCT ?coop ?what WHERE {{ {_WHERE_ENTITY} ?coop sco:concerns ?what }}"""
_EVIDENCE = (
    PREFIXES
    + f"""SELECT DISTINCT ?coop ?evidence ?quote ?source ?title ?url ?publisher ?published
  ?publishedPrecision WHERE {{ {_WHERE_ENTITY} ?coop sco:evidence ?evidence .
  OPTIONAL {{ ?evidence oa:hasSelector/oa:exact ?quote }}
  OPTIONAL {{ ?evidence oa:hasSource ?source
    OPTIONAL {{ ?source dcterms:title ?title }} OPTIONAL {{ ?source schema:url ?url }}
    OPTIONAL {{ ?source dcterms:publisher ?publisher }} OPTIONAL {{ ?source sco:publicationDate ?published
      OPTIONAL {{ ?source sco:publicationDatePrecision ?publishedPrecision }} }} }} }}"""
)
_INBOUND = "SELECT ?p ?s WHERE { ?s ?p ?e } ORDER BY ?p ?s LIMIT 2000"
_INBOUND_COUNTS = "SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?e } GROUP BY ?p"


def _timeline(source, entity: URIRef) -> list[Event]:
    bound = {"e": entity}
    events: dict[URIRef, Event] = {}
    iris: set = set()
    for coop, ctype, status, modality, reported, reported_p, start, start_p, end, end_p, reason in source.select(
        _EVENTS, bound
    ).rows:
        events[coop] = Event(
            coop,
            "",
            Value(ctype, "") if ctype else None,
            Value(status, "") if status else None,
            Value(modality, "") if modality else None,
            reported,
            _precision(reported_p),
            start,
            _precision(start_p),
            end,
            _precision(end_p),
            str(reason or ""),
        )
        iris.update(t for t in (coop, ctype, status, modality) if t is not None)
    participants = source.select(_PARTICIPANTS, bound).rows
    concerns = source.select(_CONCERNS, bound).rows
    iris.update(t for row in participants for t in row[1:] if t is not None)
    iris.update(what for _, what in concerns)
    evidence = source.select(_EVIDENCE, bound).rows
    iris.update(row[6] for row in evidence if row[6] is not None)
    label = labels_of(source, iris)
    for event in events.values():
        event.label = label.get(event.iri, local_name(event.iri))
        for name in ("type", "status", "modality"):
            value = getattr(event, name)
            if value is not None:
                setattr(event, name, Value(value.term, label.get(value.term, local_name(value.term))))
    for coop, agent, role in participants:
        if coop in events:
            events[coop].participants.append(
                (Value(agent, label[agent]), Value(role, label[role]) if role is not None else Value(Literal(""), ""))
            )
    for coop, what in concerns:
        if coop in events:
            events[coop].concerns.append(Value(what, label.get(what, local_name(what))))
    for coop, ev, quote, source_iri, title, url, publisher, published, published_p in evidence:
        if coop in events:
            events[coop].evidence.append(
                {
                    "evidence": ev,
                    "quote": str(quote or ""),
                    "source": source_iri,
                    "title": str(title or ""),
                    "url": str(url or ""),
                    "publisher": Value(publisher, label[publisher]) if publisher else None,
                    "published": published,
                    "published_precision": _precision(published_p),
                }
            )
    for event in events.values():
        event.participants.sort(key=lambda pair: (pair[0].label, pair[1].label))
        event.concerns.sort(key=lambda value: value.label)
        event.evidence.sort(key=lambda item: (str(item["source"]), item["quote"]))
    _flag_conflicts(list(events.values()))
    return sorted(events.values(), key=lambda e: (e.when, str(e.reported or ""), e.label))


def _flag_conflicts(events: list[Event]) -> None:
    """Mark events that other sources report differently: the same agents, the same subject and the same
    kind of cooperation, but another status or another start, on other evidence."""
    groups = defaultdict(list)
    for event in events:
        key = (
            frozenset(p.term for p, _ in event.participants),
            frozenset(c.term for c in event.concerns),
            event.type.term if event.type else None,
        )
        groups[key].append(event)
    for group in groups.values():
        for event in group:
            sources = {item["source"] for item in event.evidence}
            for other in group:
                if other is event or not sources or sources & {item["source"] for item in other.evidence}:
                    continue
                differs = (other.status and event.status and other.status.term != event.status.term) or (
                    other.start is not None and event.start is not None and other.start != event.start
                )
                if differs:
                    event.conflicts.append(Value(other.iri, other.label))


def _network(entity: URIRef, timeline: list[Event], limit: int = 24):
    """The entity's partners (by number of shared cooperation events) and the links among them."""
    counts: dict[URIRef, int] = defaultdict(int)
    names: dict[URIRef, str] = {}
    for event in timeline:
        for agent, _ in event.participants:
            if agent.term != entity:
                counts[agent.term] += 1
                names[agent.term] = agent.label
    partners = sorted(counts, key=lambda a: (-counts[a], names[a]))[:limit]
    chosen = set(partners)
    together: dict[tuple, int] = defaultdict(int)
    for event in timeline:
        agents = sorted({a.term for a, _ in event.participants} & chosen)
        for i, first in enumerate(agents):
            for second in agents[i + 1 :]:
                together[(first, second)] += 1
    return ([(Value(a, names[a]), counts[a]) for a in partners], [(a, b, n) for (a, b), n in sorted(together.items())])


def _sections(source, types: set) -> list[tuple[str, str]]:
    classes = {_SECTION_CLASS.get(t, t) for t in types}
    wanted: list[tuple[str, str]] = []
    for cls, queries in SECTIONS.items():
        if cls in classes:
            wanted += [q for q in queries if q not in wanted]
    return wanted


def read_entity(source, iri: str, own: list | None = None) -> Entity | None:
    """The entity page's contents for ``iri``, or None if the graph holds no statement about or to it.
    ``own`` is its description if the caller has read it already (:meth:`~spacecoop.web.source.LocalSource.describe`)."""
    entity = URIRef(iri)
    own = source.describe(iri) if own is None else own
    mine = [(p, o) for s, p, o in own if s == entity]
    counts = {p: int(n) for p, n in source.select(_INBOUND_COUNTS, {"e": entity}).rows}
    if not mine and not counts:
        return None
    inbound_rows = source.select(_INBOUND, {"e": entity}).rows if counts else []
    label = labels_of(
        source, {o for _, o in mine} | {p for p, _ in mine} | set(counts) | {s for _, s in inbound_rows} | {entity}
    )
    names = sorted(
        {o for p, o in mine if p in (SKOS.prefLabel, SKOS.altLabel) and isinstance(o, Literal)},
        key=lambda n: (n.language or "", str(n)),
    )
    types = sorted((Value(o, label[o]) for p, o in mine if p == RDF.type), key=lambda v: v.label)

    grouped: dict[URIRef, list[Value]] = defaultdict(list)
    for p, o in mine:
        if p in _NAMES or p == RDF.type:
            continue
        grouped[p].append(Value(o, label.get(o, str(o)) if isinstance(o, URIRef) else str(o)))

    def facts(props) -> list[Fact]:
        return [Fact(p, label[p], sorted(grouped[p], key=lambda v: v.label)) for p in props if p in grouped]

    lineage, identifiers = facts(LINEAGE), facts(IDENTIFIERS)
    country = sorted(grouped.get(SCO.country, []), key=lambda v: v.label)
    shown = set(LINEAGE) | set(IDENTIFIERS) | {SCO.country}
    others = facts(sorted((p for p in grouped if p not in shown), key=lambda p: label[p].lower()))

    by_prop: dict[URIRef, list[Value]] = defaultdict(list)
    for p, s in inbound_rows:
        if p not in _NOT_INBOUND and len(by_prop[p]) < 100:
            by_prop[p].append(Value(s, label[s]))
    inbound = [
        Fact(p, label[p], sorted(values, key=lambda v: v.label), counts.get(p, len(values)))
        for p, values in sorted(by_prop.items(), key=lambda item: label[item[0]].lower())
    ]

    timeline = _timeline(source, entity) if SCO.agent in counts or SCO.concerns in counts else []
    partners, partner_links = _network(entity, timeline)
    sections = []
    for name, param in _sections(source, {t.term for t in types}):
        spec = library_query(name)
        bindings = {param: entity}
        results = source.select(spec.text, bindings)
        if results.rows:
            sections.append((spec, param, results, labels_of(source, {t for row in results.rows for t in row})))
    return Entity(
        entity,
        label[entity],
        names,
        types,
        country,
        lineage,
        identifiers,
        others,
        inbound,
        timeline,
        sections,
        partners,
        partner_links,
    )
