"""Views: the knowledge graph as NetworkX graphs, built from aggregate SPARQL queries.

Every view is one aggregate query of ``queries/views/*.rq`` (GROUP BY a pair, GROUP_CONCAT its types,
statuses, years and sources) plus one query for node attributes, so the work stays in the SPARQL engine
and a view of a million-triple store costs a handful of result rows per edge, not a Python loop over
triples. A view runs in-process on an rdflib graph or an Oxigraph store (:func:`to_store`), or on a SPARQL 1.1
store (:class:`spacecoop.store.endpoint.Endpoint`), through one function, :func:`select`; parameters travel as ``VALUES`` blocks of checked RDF terms on
both paths, never spliced into the query text.

Views:

- :func:`partnership_graph` — organisation–organisation (``level="org"``) or country–country
  (``level="country"``) partnerships: an edge per pair that took part in the same cooperation event,
  weighted by the number of events. At country level an organisation counts for its ``sco:country``, a
  country for itself, and an intergovernmental organisation stays a node of its own (GCAT gives ESA
  ``sco:country scorg:i-esa``); see ``queries/views/partnerships-country.rq``.
- :func:`bipartite_graph` and :func:`project` — actor–mission and actor–program graphs and their projections.
- :func:`hierarchy_graph` — parents, units and GCAT phases as a directed graph.

Nodes are full IRIs (strings) with scalar attributes ``kind``, ``label``, ``short_label``, ``curie``,
``country``, ``org_class``, ``gcat_code``; list-valued attributes are flattened to ``|``-joined strings so
GraphML and GEXF can hold them. Graphs are built in sorted order: the same data gives the same graph.

>>> from rdflib import Graph
>>> g = Graph().parse(data=EXAMPLE_TTL, format="turtle")
>>> G = partnership_graph(g, level="org")
>>> sorted(G.nodes[n]["short_label"] for n in G)
['CNSA', 'ESA', 'Roscosmos']
>>> G.edges[ID_BASE + "org/cnsa", ID_BASE + "org/rosk"]["weight"]
2
>>> G.edges[ID_BASE + "org/cnsa", ID_BASE + "org/rosk"]["years"]
'2017|2021'
>>> C = partnership_graph(g, level="country")
>>> sorted(C.nodes[n]["curie"] for n in C)
['country:cn', 'country:ru', 'scorg:i-esa']
>>> H = partnership_graph(g, level="org", filters=Filters(as_of="2018-12-31"))
>>> H.edges[ID_BASE + "org/cnsa", ID_BASE + "org/rosk"]["weight"]
1
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph
from rdflib import Graph, Literal, URIRef, XSD

from spacecoop.errors import SpaceCoopError
from spacecoop.store.inject import nt_term, where_clause_start
from spacecoop.namespaces import ID_BASE, PREFIXES, SCO, VOCAB  # noqa: F401 (ID_BASE: the doctests)
from spacecoop.io.paths import QUERIES_DIR
from spacecoop.store.results import Results, from_rdflib, from_sparql_json

__all__ = [
    "LEVELS",
    "ORIGINS",
    "VIEW_QUERIES_DIR",
    "Filters",
    "PairYear",
    "select",
    "curie",
    "partnership_rows",
    "partnership_graph",
    "graph_from_rows",
    "node_attributes",
    "bipartite_graph",
    "project",
    "hierarchy_graph",
    "to_store",
    "induced",
    "EXAMPLE_TTL",
]

LEVELS = ("org", "country")
#: Which events a view counts: the curated record, the dataset-derived layers (graph/gcat/), or both.
ORIGINS = ("curated", "dataset", "all")
VIEW_QUERIES_DIR = QUERIES_DIR / "views"

#: Most specific first: the ``kind`` of a node is the first of these classes it has.
_KINDS = (
    (SCO.Country, "country"),
    (SCO.IntergovernmentalOrganisation, "intergovernmental-organisation"),
    (SCO.SpaceAgency, "space-agency"),
    (SCO.GovernmentBody, "government-body"),
    (SCO.ResearchInstitute, "research-institute"),
    (SCO.Company, "company"),
    (SCO.Publisher, "publisher"),
    (SCO.OrganisationalUnit, "organisational-unit"),
    (SCO.Person, "person"),
    (SCO.MultilateralProgram, "multilateral-program"),
    (SCO.Program, "program"),
    (SCO.Mission, "mission"),
    (SCO.Payload, "payload"),
    (SCO.Organisation, "organisation"),
)
_SHORT = 16  # ``short_label`` looks for an acronym above this length, and cuts a name at twice it

EXAMPLE_TTL = """
@prefix sco: <https://w3id.org/spacecoop/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/spacecoop/id/> .
@prefix ct: <https://w3id.org/spacecoop/vocab/cooptype/> .
@prefix st: <https://w3id.org/spacecoop/vocab/status/> .
<https://w3id.org/spacecoop/id/org/cnsa> a sco:SpaceAgency ; sco:country <https://w3id.org/spacecoop/id/country/cn> ;
    skos:prefLabel "China National Space Administration"@en ; skos:altLabel "CNSA"@en .
<https://w3id.org/spacecoop/id/org/rosk> a sco:SpaceAgency ; sco:country <https://w3id.org/spacecoop/id/country/ru> ;
    skos:prefLabel "Roscosmos"@en .
<https://w3id.org/spacecoop/id/org/esa> a sco:IntergovernmentalOrganisation ;
    sco:country <https://w3id.org/spacecoop/id/org/i-esa> ; skos:prefLabel "ESA"@en .
<https://w3id.org/spacecoop/id/org/i-esa> a sco:IntergovernmentalOrganisation ; skos:prefLabel "ESA"@en .
<https://w3id.org/spacecoop/id/country/cn> a sco:Country ; skos:prefLabel "China"@en .
<https://w3id.org/spacecoop/id/country/ru> a sco:Country ; skos:prefLabel "Russia"@en .
<https://w3id.org/spacecoop/id/cooperation/a> a sco:Cooperation ; sco:cooperationType ct:agreement ;
    sco:status st:agreed ; sco:reportedOn "2017-06-08"^^xsd:date ;
    sco:participation [ sco:agent <https://w3id.org/spacecoop/id/org/cnsa> ] ,
                      [ sco:agent <https://w3id.org/spacecoop/id/org/rosk> ] .
<https://w3id.org/spacecoop/id/cooperation/b> a sco:Cooperation ; sco:cooperationType ct:joint-mission ;
    sco:status st:active ; sco:reportedOn "2021-03-09"^^xsd:date ;
    sco:participation [ sco:agent <https://w3id.org/spacecoop/id/org/cnsa> ] ,
                      [ sco:agent <https://w3id.org/spacecoop/id/org/rosk> ] ,
                      [ sco:agent <https://w3id.org/spacecoop/id/org/esa> ] .
"""


# ---------------------------------------------------------------------------------------------------------
# Running a view query, in-process or on a store
# ---------------------------------------------------------------------------------------------------------


def _values_block(name: str, terms) -> str:
    return f"VALUES ?{name} {{ {' '.join(nt_term(t) for t in terms)} }}"


def select(source, query: str, values: dict | None = None) -> Results:
    """Run view query ``query`` (a name in ``queries/views/`` or SPARQL text) on ``source``.

    Parameters
    ----------
    source : rdflib.Graph, pyoxigraph.Store or spacecoop.store.endpoint.Endpoint
        A graph queried in-process with rdflib; an Oxigraph store queried in-process (:func:`to_store`;
        about 40x faster than rdflib at a million triples, notes/engines.md); or anything with a
        ``select(text)`` method returning :class:`spacecoop.store.results.Results` (an
        :class:`~spacecoop.store.endpoint.Endpoint`: a remote store).
    query : str
        The name of a file of ``queries/views`` (without ``.rq``), or the text of a SELECT query.
    values : dict, optional
        Variable name → RDF term or list of terms. Each becomes ``VALUES ?name { term … }`` at the start
        of the WHERE clause, terms written in checked N-Triples syntax: data, never query text.

    Returns
    -------
    Results
        Rows in the normal form of :mod:`spacecoop.store.results`, the same from either engine.

    Examples
    --------
    >>> g = Graph().parse(data="<urn:a> <urn:p> 1 . <urn:b> <urn:p> 2 .", format="turtle")
    >>> select(g, "SELECT ?s WHERE { ?s <urn:p> ?o } ORDER BY ?s", {"o": [Literal(2)]}).rows
    [(rdflib.term.URIRef('urn:b'),)]
    """
    text = query if "{" in query else (VIEW_QUERIES_DIR / f"{query}.rq").read_text(encoding="utf-8")
    blocks = []
    for name, terms in sorted((values or {}).items()):
        if terms is None:
            continue
        terms = list(terms) if isinstance(terms, (list, tuple, set, frozenset)) else [terms]
        blocks.append(_values_block(name, sorted(terms, key=str) if terms else []))
    if blocks:
        start = where_clause_start(text)
        text = f"{text[:start]} {' '.join(blocks)} {text[start:]}"
    if isinstance(source, Graph):
        return from_rdflib(source.query(text))
    if isinstance(source, pyoxigraph.Store):
        answer = source.query(text).serialize(format=pyoxigraph.QueryResultsFormat.JSON)
        return from_sparql_json(json.loads(answer))
    if hasattr(source, "select"):
        return source.select(text)
    raise SpaceCoopError(
        f"cannot query {type(source).__name__}: give an rdflib Graph, a pyoxigraph Store or an Endpoint"
    )


def to_store(graph: Graph) -> "pyoxigraph.Store":
    """An in-memory Oxigraph store holding ``graph``: the same views, much faster than rdflib on large graphs.

    The store is queried directly (plain literals stay plain inside Oxigraph; notes/engines.md trap 1 is
    about parsing into rdflib's store, which this avoids).

    >>> g = Graph().parse(data=EXAMPLE_TTL, format="turtle")
    >>> sorted(partnership_graph(to_store(g), "org").edges(data="weight"))[0][2]
    1
    """
    store = pyoxigraph.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def curie(iri: str) -> str:
    """``iri`` shortened with the longest matching SpaceCoop prefix (unchanged if none matches).

    >>> curie("https://w3id.org/spacecoop/id/org/esa")
    'scorg:esa'
    >>> curie("urn:x")
    'urn:x'
    """
    iri = str(iri)
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in sorted(PREFIXES.items()) if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


def _local(iri: str) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


# ---------------------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------------------


def _concepts(scheme: str, names) -> tuple[URIRef, ...]:
    out = []
    for name in names or ():
        name = str(name)
        out.append(URIRef(name) if ":" in name and "/" in name else VOCAB[scheme][name.split(":")[-1]])
    return tuple(sorted(set(out)))


@dataclass(frozen=True)
class Filters:
    """Which cooperation events a partnership view counts.

    Parameters
    ----------
    statuses, types : sequence of str
        Keep events with one of these statuses / cooperation types: concept names (``"agreed"``,
        ``"accession"``) or full IRIs. Empty keeps all.
    as_of : str or datetime.date, optional
        Drop events dated after this day (an event's date: its ``sco:startDate``, else ``sco:reportedOn``).
    since, until : int, optional
        Keep events dated in these years (inclusive).
    origin : {"curated", "dataset", "all"}
        Which layer the events come from (:data:`ORIGINS`): the curated record (the default: events stated by
        a quote), the generated layers (events stated by a dataset row, ``sco:rowKey``: GCAT's launch services,
        co-ownerships and manufacturing contracts), or both.

    Examples
    --------
    >>> Filters(statuses=["agreed"], since=2020).describe()
    'status=agreed since=2020'
    >>> Filters(origin="dataset").values()["dataset"]
    [rdflib.term.Literal('true', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#boolean'))]
    """

    statuses: tuple = ()
    types: tuple = ()
    as_of: str | _dt.date | None = None
    since: int | None = None
    until: int | None = None
    origin: str = "curated"

    def values(self) -> dict:
        """The query's ``VALUES`` bindings."""
        values: dict = {}
        if self.statuses:
            values["status"] = list(_concepts("status", self.statuses))
        if self.types:
            values["type"] = list(_concepts("cooptype", self.types))
        if self.as_of is not None:
            day = self.as_of if isinstance(self.as_of, _dt.date) else _dt.date.fromisoformat(str(self.as_of))
            values["asOf"] = [Literal(day.isoformat(), datatype=XSD.date)]
        if self.since is not None:
            values["since"] = [Literal(int(self.since), datatype=XSD.integer)]
        if self.until is not None:
            values["until"] = [Literal(int(self.until), datatype=XSD.integer)]
        if self.origin not in ORIGINS:
            raise ValueError(f"unknown origin {self.origin!r} (want one of {', '.join(ORIGINS)})")
        if self.origin != "all":
            values["dataset"] = [Literal(self.origin == "dataset")]
        return values

    def describe(self) -> str:
        """A one-line, human-readable form (empty when nothing is filtered)."""
        parts = []
        if self.statuses:
            parts.append("status=" + ",".join(_local(s) for s in _concepts("status", self.statuses)))
        if self.types:
            parts.append("type=" + ",".join(_local(t) for t in _concepts("cooptype", self.types)))
        for key in ("as_of", "since", "until"):
            if getattr(self, key) is not None:
                parts.append(f"{key.replace('_', '-')}={getattr(self, key)}")
        if self.origin != "curated":
            parts.append(f"origin={self.origin}")
        return " ".join(parts)


# ---------------------------------------------------------------------------------------------------------
# Partnership views
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairYear:
    """One row of a partnership query: a pair of nodes, a year, and what their events of that year were."""

    a: str
    b: str
    year: int
    events: int
    types: frozenset = field(default_factory=frozenset)
    statuses: frozenset = field(default_factory=frozenset)
    sources: frozenset = field(default_factory=frozenset)
    cooperations: frozenset = field(default_factory=frozenset)
    first: str = ""
    last: str = ""


def _words(term) -> frozenset:
    return frozenset(str(term).split()) if term is not None else frozenset()


def partnership_rows(source, level: str = "country", filters: Filters | None = None) -> list[PairYear]:
    """The rows of the partnership query of ``level``: one per pair and year, sorted.

    >>> g = Graph().parse(data=EXAMPLE_TTL, format="turtle")
    >>> [(curie(r.a), curie(r.b), r.year, r.events) for r in partnership_rows(g, "org")]
    [('scorg:cnsa', 'scorg:esa', 2021, 1), ('scorg:cnsa', 'scorg:rosk', 2017, 1), ('scorg:cnsa', 'scorg:rosk', 2021, 1), ('scorg:esa', 'scorg:rosk', 2021, 1)]
    """
    if level not in LEVELS:
        raise SpaceCoopError(f"unknown level {level!r} (want one of {', '.join(LEVELS)})")
    filters = filters or Filters()
    results = select(source, f"partnerships-{level}", filters.values())
    index = {name: i for i, name in enumerate(results.variables)}
    rows = []
    for row in results.rows:
        get = lambda name: row[index[name]]  # noqa: E731, B023 (used at once, in this pass of the loop)
        if get("a") is None or get("b") is None or get("year") is None:
            continue
        rows.append(
            PairYear(
                a=str(get("a")),
                b=str(get("b")),
                year=int(get("year")),
                events=int(get("events")),
                types=_words(get("types")),
                statuses=_words(get("statuses")),
                sources=_words(get("sources")),
                cooperations=_words(get("cooperations")),
                first=str(get("first") or ""),
                last=str(get("last") or ""),
            )
        )
    return sorted(rows, key=lambda r: (r.a, r.b, r.year))


def _join(values, key=None) -> str:
    return "|".join(sorted({key(v) if key else str(v) for v in values}))


def graph_from_rows(rows, attributes: dict | None = None, **graph_attributes) -> nx.Graph:
    """The partnership graph of ``rows`` (:class:`PairYear`), edges summed over years, built in sorted order.

    Edge attributes: ``weight`` (events), ``types``, ``statuses``, ``years``, ``events_by_year``
    (``2017:1|2021:2``), ``first_year``, ``last_year``, ``first_date``, ``last_date``, ``sources``,
    ``cooperations`` — scalars, lists joined with ``|``. ``attributes`` maps nodes to their attributes.
    """
    pairs: dict = defaultdict(list)
    for row in rows:
        pairs[(row.a, row.b)].append(row)
    G = nx.Graph(**graph_attributes)
    nodes = sorted({n for pair in pairs for n in pair})
    for node in nodes:
        G.add_node(node, **(attributes or {}).get(node, {"curie": curie(node)}))
    for (a, b), group in sorted(pairs.items()):
        group = sorted(group, key=lambda r: r.year)
        G.add_edge(
            a,
            b,
            weight=sum(r.events for r in group),
            types=_join((t for r in group for t in r.types), _local),
            statuses=_join((s for r in group for s in r.statuses), _local),
            years="|".join(str(r.year) for r in group),
            events_by_year="|".join(f"{r.year}:{r.events}" for r in group),
            first_year=group[0].year,
            last_year=group[-1].year,
            first_date=min(r.first for r in group),
            last_date=max(r.last for r in group),
            sources=_join((s for r in group for s in r.sources), curie),
            cooperations=_join((c for r in group for c in r.cooperations), curie),
        )
    return G


def partnership_graph(
    source, level: str = "country", filters: Filters | None = None, rows: list[PairYear] | None = None
) -> nx.Graph:
    """Organisation or country partnership graph: an edge per pair that took part in the same events.

    Parameters
    ----------
    source : rdflib.Graph or Endpoint
        Where to query (see :func:`select`).
    level : {"country", "org"}
        ``"org"``: actors as they take part (organisations, and countries or people named as
        participants). ``"country"``: each actor counted for its country (see the module docstring).
    filters : Filters, optional
        Status, type, as-of date and year window.
    rows : list of PairYear, optional
        Rows already fetched with :func:`partnership_rows` (same level and filters): saves a query.

    Returns
    -------
    networkx.Graph
        Weighted by the number of events; graph attributes ``level`` and ``filters``.

    Examples
    --------
    >>> g = Graph().parse(data=EXAMPLE_TTL, format="turtle")
    >>> G = partnership_graph(g, "country", Filters(types=["joint-mission"]))
    >>> sorted((curie(a), curie(b), w) for a, b, w in G.edges(data="weight"))
    [('country:cn', 'country:ru', 1), ('country:cn', 'scorg:i-esa', 1), ('country:ru', 'scorg:i-esa', 1)]
    """
    filters = filters or Filters()
    if rows is None:
        rows = partnership_rows(source, level, filters)
    nodes = sorted({n for r in rows for n in (r.a, r.b)})
    return graph_from_rows(rows, node_attributes(source, nodes), level=level, filters=filters.describe())


# ---------------------------------------------------------------------------------------------------------
# Node attributes
# ---------------------------------------------------------------------------------------------------------


def _short_label(label: str, alt_labels: list[str], code: str) -> str:
    """A short name: the shortest English alternative name when it is shorter than ``label`` (``UK``),
    else an acronym among the untagged or ``und-Latn`` names (GCAT's ``CNSA``), else ``label``.

    >>> _short_label("Italian Republic", ["Italy@en", "Italia@und-latn"], "I")
    'Italy'
    >>> _short_label("China National Space Administration", ["CNSA@und-latn", "Guojia Hangtian Ju@und-latn"], "CNSA")
    'CNSA'
    >>> _short_label("ESA", ["European Space Agency@en"], "")
    'ESA'
    """
    english, other = [], []
    for alt in alt_labels:
        text, _, lang = alt.rpartition("@")
        if len(text) >= 2:
            (english if lang.startswith("en") else other).append(text)
    pick = lambda names: min(names, key=lambda a: (len(a), a)) if names else None  # noqa: E731
    best = pick(english)
    if best and (not label or len(best) < len(label)):
        return best
    if label and len(label) > _SHORT:
        acronym = pick([a for a in other if len(a) <= 8 and a.replace("-", "").replace(" ", "").isupper()])
        if acronym:
            return acronym
    if not label:
        return pick(other) or code
    return label if len(label) <= 2 * _SHORT else label[: 2 * _SHORT - 1] + "…"


def node_attributes(source, nodes, chunk: int = 400) -> dict[str, dict]:
    """Scalar attributes of ``nodes`` for export: kind, label, short_label, curie, country, org_class, gcat_code.

    >>> g = Graph().parse(data=EXAMPLE_TTL, format="turtle")
    >>> node_attributes(g, [ID_BASE + "org/cnsa"])[ID_BASE + "org/cnsa"]["country"]
    'country:cn'
    """
    nodes = sorted({str(n) for n in nodes})
    out: dict[str, dict] = {}
    kinds = {str(cls): name for cls, name in _KINDS}
    order = [name for _, name in _KINDS]
    for start in range(0, len(nodes), chunk):
        part = [URIRef(n) for n in nodes[start : start + chunk]]
        results = select(source, "node-attributes", {"node": part})
        index = {name: i for i, name in enumerate(results.variables)}
        for row in results.rows:
            get = lambda name: row[index[name]]  # noqa: E731, B023 (used at once, in this pass of the loop)
            node = str(get("node"))
            classes = [kinds[c] for c in str(get("classes") or "").split() if c in kinds]
            kind = min(classes, key=order.index) if classes else "other"
            label = str(get("label") or "") or str(get("otherLabel") or "")
            code = str(get("gcatCode") or "")
            alts = [a for a in str(get("altLabels") or "").split("|") if a and "@" in a]
            out[node] = {
                "kind": kind,
                "label": label or curie(node),
                "short_label": _short_label(label, alts, code) or curie(node),
                "curie": curie(node),
                "country": "|".join(sorted(curie(c) for c in str(get("countries") or "").split())),
                "org_class": _local(get("orgclass")) if get("orgclass") else "",
                "gcat_code": code,
            }
    for node in nodes:
        out.setdefault(
            node,
            {
                "kind": "other",
                "label": curie(node),
                "short_label": curie(node),
                "curie": curie(node),
                "country": "",
                "org_class": "",
                "gcat_code": "",
            },
        )
    return out


# ---------------------------------------------------------------------------------------------------------
# Bipartite views and projections
# ---------------------------------------------------------------------------------------------------------

_BIPARTITE = {"mission": "org-missions", "program": "org-programs"}


def bipartite_graph(source, target: str = "mission") -> nx.Graph:
    """Bipartite actor–mission (``target="mission"``) or actor–program graph.

    Actors have node attribute ``bipartite=0``, missions or programs ``bipartite=1``. An edge's
    ``weight`` counts the events, missions and payloads linking the two; ``relations`` says how
    (participant, operator, payload-builder, payload-provider, lead, mission-participant).

    Examples
    --------
    >>> g = Graph().parse(data=EXAMPLE_TTL + '''
    ...   <https://w3id.org/spacecoop/id/mission/m> a sco:Mission ; sco:operator <https://w3id.org/spacecoop/id/org/cnsa> .
    ...   <https://w3id.org/spacecoop/id/payload/p> sco:onMission <https://w3id.org/spacecoop/id/mission/m> ;
    ...       sco:providedBy <https://w3id.org/spacecoop/id/org/esa> .''', format="turtle")
    >>> B = bipartite_graph(g, "mission")
    >>> sorted((curie(a), curie(b), d["relations"]) for a, b, d in B.edges(data=True))
    [('scorg:cnsa', 'mission:m', 'operator'), ('scorg:esa', 'mission:m', 'payload-provider')]
    >>> P = project(B, "actor")
    >>> P.edges[ID_BASE + "org/cnsa", ID_BASE + "org/esa"]["weight"]
    1
    """
    if target not in _BIPARTITE:
        raise SpaceCoopError(f"unknown bipartite target {target!r} (want mission or program)")
    results = select(source, _BIPARTITE[target])
    index = {name: i for i, name in enumerate(results.variables)}
    edges = sorted(
        (
            str(r[index["actor"]]),
            str(r[index["target"]]),
            int(r[index["links"]]),
            "|".join(sorted(str(r[index["relations"]]).split())),
        )
        for r in results.rows
    )
    actors = sorted({e[0] for e in edges})
    targets = sorted({e[1] for e in edges})
    attributes = node_attributes(source, set(actors) | set(targets))
    B = nx.Graph(kind=f"actor-{target}")
    for node in actors:
        if node not in targets:
            B.add_node(node, bipartite=0, **attributes[node])
    for node in targets:
        B.add_node(node, bipartite=1, **attributes[node])
    for actor, thing, links, relations in edges:
        if actor != thing:
            B.add_edge(actor, thing, weight=links, relations=relations)
    return B


def project(B: nx.Graph, side: str = "actor") -> nx.Graph:
    """Weighted projection of a bipartite view onto its actors (``side="actor"``) or its missions/programs.

    Two actors are linked when they share a mission (or program); ``weight`` counts the shared ones.
    """
    part = 0 if side == "actor" else 1
    nodes = sorted(n for n, d in B.nodes(data=True) if d.get("bipartite") == part)
    P = nx.Graph(kind=f"{B.graph.get('kind', 'bipartite')}-projection-{side}")
    for node in nodes:
        P.add_node(node, **{k: v for k, v in B.nodes[node].items() if k != "bipartite"})
    for node in nodes:
        for other in sorted(set(nx.neighbors(B, node))):
            for peer in sorted(set(B[other])):
                if peer > node and B.nodes[peer].get("bipartite") == part:
                    if P.has_edge(node, peer):
                        P.edges[node, peer]["weight"] += 1
                    else:
                        P.add_edge(node, peer, weight=1)
    return P


# ---------------------------------------------------------------------------------------------------------
# Organisation hierarchy
# ---------------------------------------------------------------------------------------------------------


def hierarchy_graph(source, around=None) -> nx.DiGraph:
    """Organisation hierarchy: directed edges child → parent with a ``relation`` attribute.

    Relations: ``sub-organisation-of``, ``unit-of``, ``preceded-by`` (later phase → earlier),
    ``primary-phase``. With ``around`` (nodes), only the weakly connected parts holding them are kept.

    Examples
    --------
    >>> g = Graph().parse(data='''@prefix org: <http://www.w3.org/ns/org#> .
    ...   <urn:unit> org:unitOf <urn:agency> . <urn:agency> <https://w3id.org/spacecoop/ontology#precededBy> <urn:old> .
    ...   <urn:x> org:subOrganizationOf <urn:y> .''', format="turtle")
    >>> H = hierarchy_graph(g, around=["urn:unit"])
    >>> sorted(H.edges(data="relation"))
    [('urn:agency', 'urn:old', 'preceded-by'), ('urn:unit', 'urn:agency', 'unit-of')]
    """
    results = select(source, "org-hierarchy")
    edges = sorted((str(c), str(p), str(r)) for c, p, r in results.rows)
    H = nx.DiGraph(kind="hierarchy")
    H.add_nodes_from(sorted({n for c, p, _ in edges for n in (c, p)}))
    for child, parent, relation in edges:
        if H.has_edge(child, parent):
            H.edges[child, parent]["relation"] = "|".join(
                sorted({*H.edges[child, parent]["relation"].split("|"), relation})
            )
        else:
            H.add_edge(child, parent, relation=relation)
    if around is not None:
        keep = set()
        for component in nx.weakly_connected_components(H):
            if component & {str(n) for n in around}:
                keep |= component
        H = induced(H, keep)
    attributes = node_attributes(source, H.nodes) if len(H) else {}
    nx.set_node_attributes(H, attributes)
    return H


def induced(G, nodes):
    """The subgraph of ``G`` on ``nodes`` as a new graph, nodes and edges inserted in sorted order.

    ``G.subgraph`` iterates its nodes in an order that can follow Python's string hashing, which changes
    from process to process; algorithms seeded on node order (layouts, Louvain) then differ between runs.

    >>> list(induced(nx.path_graph(["c", "b", "a"]), {"a", "b"}).edges)
    [('a', 'b')]
    """
    keep = set(nodes)
    H = G.__class__(**G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in sorted(keep))
    H.add_edges_from(
        sorted(((a, b, d) for a, b, d in G.edges(data=True) if a in keep and b in keep), key=lambda e: (e[0], e[1]))
    )
    return H
