"""A graph as Turtle, N-Triples, JSON-LD, TriG or N-Quads (:data:`RDF_FORMATS`), the same text for the same
triples.

TriG and N-Quads split the graph into named graphs, so a store can tell who claims what:

- ``…/graph/source/{slug}`` — one per source: each claim node (cooperation, plan, milestone,
  designation, similarity) that cites it, its participations, and the evidence citing it;
- ``…/graph/ontology`` — the ontology, vocabularies and shapes;
- ``…/graph/derived`` — triples of the properties the ontology annotates with ``sco:derivedBy``;
- ``…/graph/backbone`` — the rest (organisations, missions, GCAT, the sources' own descriptions).

A claim citing two sources is in both graphs; its ``sco:evidence`` links go with the evidence.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix sco: <https://w3id.org/spacecoop/ontology#> . @prefix oa: <http://www.w3.org/ns/oa#> .
... <https://w3id.org/spacecoop/id/plan/p> a sco:Plan ; sco:evidence <https://w3id.org/spacecoop/id/evidence/e> .
... <https://w3id.org/spacecoop/id/evidence/e> oa:hasSource <https://w3id.org/spacecoop/id/source/s> .
... <https://w3id.org/spacecoop/id/source/s> a sco:SourceDocument .''', format="turtle")
>>> sorted(str(name).rsplit("/graph/")[1] for name in partition(g))
['backbone', 'source/s']
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef

from spacecoop.build.derive import DERIVED_GRAPH_IRI
from spacecoop.errors import SpaceCoopError
from spacecoop.io.write import nquads_from_graphs, to_jsonld, to_ntriples, trig_from_graphs, turtle_from_ntriples
from spacecoop.namespaces import ID_BASE, OA, ONTOLOGY_IRI, SCO, SCSH, VOCAB_BASE

__all__ = ["RDF_FORMATS", "GRAPH_BASE", "Homes", "graph_homes", "partition", "serialise", "source_graph"]

GRAPH_BASE = "https://w3id.org/spacecoop/graph/"


ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")


DERIVED_GRAPH = URIRef(DERIVED_GRAPH_IRI)


BACKBONE_GRAPH = URIRef(GRAPH_BASE + "backbone")


CLAIM_CLASSES = (SCO.Cooperation, SCO.Plan, SCO.Milestone, SCO.Designation, SCO.Similarity)


RDF_FORMATS = ("ttl", "nt", "jsonld", "trig", "nq")


_ONTOLOGY_SPACES = (ONTOLOGY_IRI, VOCAB_BASE, str(SCSH))


def source_graph(source: URIRef) -> URIRef:
    """The named graph of one source's claims.

    >>> source_graph(URIRef("https://w3id.org/spacecoop/id/source/sputnik-2017"))
    rdflib.term.URIRef('https://w3id.org/spacecoop/graph/source/sputnik-2017')
    """
    prefix = ID_BASE + "source/"
    return URIRef(GRAPH_BASE + "source/" + source[len(prefix) :]) if str(source).startswith(prefix) else source


_SPACES = " || ".join(f'STRSTARTS(STR(?s), "{space}")' for space in _ONTOLOGY_SPACES)
_DERIVED_QUERY = f"SELECT DISTINCT ?p WHERE {{ ?p <{SCO.derivedBy}> ?rule }}"
_EVIDENCE_QUERY = f"SELECT ?evidence ?source WHERE {{ ?evidence <{OA.hasSource}> ?source }}"
_CLAIMS_QUERY = (
    f"SELECT ?claim ?evidence WHERE {{ VALUES ?class {{ {' '.join(f'<{c}>' for c in CLAIM_CLASSES)} }} "
    f"?claim a ?class ; <{SCO.evidence}> ?evidence }}"
)
_ONTOLOGY_QUERY = f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && ({_SPACES})) }}"
# an owned node: a blank node, or a skolem IRI under its owner's (…/participation-…, as spacecoop.io.skolem
# mints them) or a genid
_OWNED_QUERY = (
    f"SELECT ?owner ?child WHERE {{ ?owner ?p ?child FILTER(isBlank(?child) || (isIRI(?child) && "
    f'(STRSTARTS(STR(?child), CONCAT(STR(?owner), "/")) || STRSTARTS(STR(?child), "{ID_BASE}genid/") || '
    f'CONTAINS(STR(?child), "/.well-known/genid/")))) }}'
)
_EVIDENCE = str(SCO.evidence)


@dataclass
class Homes:
    """Which named graphs the triples of one graph go to (the rules of the module docstring), by IRI text.

    ``derived``: the predicates whose triples go to the derived graph; ``sources_of``: evidence → the graphs
    of its sources; ``homes``: subject → the graphs its triples go to (the backbone when it has none)."""

    derived: set[str]
    sources_of: dict[str, set[str]]
    homes: dict[str, set[str]]

    def graphs_of(self, subject: str, predicate: str, obj: str | None) -> set[str]:
        """The graphs of one triple (``obj``: the object's IRI, None for a literal)."""
        if predicate in self.derived:
            return {str(DERIVED_GRAPH)}
        if predicate == _EVIDENCE and obj is not None and obj in self.sources_of:
            shared = self.homes.get(subject, set()) & self.sources_of[obj]
            if shared:
                return shared
        return self.homes.get(subject) or {str(BACKBONE_GRAPH)}

    def line_graphs(self):
        """A function giving the graph IRIs (bytes) of one N-Triples line (``<s> <p> <o> .``, blank nodes as
        ``_:label``, the line end allowed): :meth:`graphs_of` on bytes, for the millions of lines of a file.

        >>> homes = Homes(set(), {}, {"urn:a": {"urn:g"}})
        >>> graphs = homes.line_graphs()
        >>> graphs(b"<urn:a> <urn:p> <urn:b> .\\n"), graphs(b'<urn:b> <urn:p> "x" .')
        ((b'urn:g',), (b'https://w3id.org/spacecoop/graph/backbone',))
        """
        derived, backbone = (str(DERIVED_GRAPH).encode(),), (str(BACKBONE_GRAPH).encode(),)
        predicates = {p.encode() for p in self.derived}
        homes = {node.encode(): tuple(sorted(g.encode() for g in graphs)) for node, graphs in self.homes.items()}
        sources_of = {node.encode(): {g.encode() for g in graphs} for node, graphs in self.sources_of.items()}
        evidence = _EVIDENCE.encode()

        def graphs_of(line: bytes) -> tuple[bytes, ...]:
            if line[:1] == b"<":
                end = line.index(b">", 1)
                subject, rest = line[1:end], end + 2
            else:
                end = line.index(b" ")
                subject, rest = line[:end], end + 1
            end = line.index(b">", rest)
            predicate = line[rest + 1 : end]
            if predicate in predicates:
                return derived
            if predicate == evidence and line[end + 2 : end + 3] == b"<":
                sources = sources_of.get(line[end + 3 : line.index(b">", end + 3)])
                shared = sources & set(homes.get(subject, ())) if sources else None
                if shared:
                    return tuple(sorted(shared))
            return homes.get(subject) or backbone

        return graphs_of


def _text_rows(source, query: str) -> list[list[str]]:
    """The rows of a SELECT of IRIs and blank nodes as text (an IRI's text, a blank node's label): on an Oxigraph
    :class:`~spacecoop.store.knowledge.KnowledgeStore` read from the store's own tab-separated results (no terms
    made one by one on the way), on an rdflib graph through its terms."""
    store = getattr(source, "store", None)
    if isinstance(store, ox.Store):
        lines = store.query(query).serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8").split("\n")[1:-1]
        return [[cell[1:-1] if cell[:1] == "<" else cell[2:] for cell in line.split("\t")] for line in lines]
    return [[str(term) for term in row] for row in source.query(query)]


def graph_homes(source) -> Homes:
    """The :class:`Homes` of a graph: ``source`` is an rdflib graph or a
    :class:`~spacecoop.store.knowledge.KnowledgeStore` (the same SPARQL queries on either)."""
    derived = {p for (p,) in _text_rows(source, _DERIVED_QUERY)}
    sources_of: dict[str, set[str]] = defaultdict(set)
    for evidence, src in _text_rows(source, _EVIDENCE_QUERY):
        sources_of[evidence].add(str(source_graph(URIRef(src))))
    homes: dict[str, set[str]] = defaultdict(set)
    for (subject,) in _text_rows(source, _ONTOLOGY_QUERY):
        homes[subject].add(str(ONTOLOGY_GRAPH))
    for evidence, graphs in sources_of.items():
        homes[evidence] |= graphs
    for claim, evidence in _text_rows(source, _CLAIMS_QUERY):
        homes[claim] |= sources_of.get(evidence, set())
    children: dict[str, list[str]] = defaultdict(list)
    for owner, child in _text_rows(source, _OWNED_QUERY):
        children[owner].append(child)
    queue = deque(sorted(homes))  # owned nodes follow their owners
    while queue:
        owner = queue.popleft()
        for child in children.get(owner, ()):
            if not homes[owner] <= homes[child]:
                homes[child] |= homes[owner]
                queue.append(child)
    return Homes(derived, dict(sources_of), {node: graphs for node, graphs in homes.items() if graphs})


def partition(graph: Graph) -> dict[URIRef, list[tuple]]:
    """Split ``graph`` into the named graphs described in the module docstring: graph IRI → its triples."""
    homes = graph_homes(graph)
    graphs = defaultdict(list)
    for s, p, o in graph:
        for target in homes.graphs_of(str(s), str(p), str(o) if isinstance(o, URIRef) else None):
            graphs[URIRef(target)].append((s, p, o))
    return dict(graphs)


def serialise(graph: Graph, fmt: str) -> str:
    """``graph`` in format ``fmt`` (one of :data:`RDF_FORMATS`), the same text for the same triples.

    N-Triples, N-Quads, Turtle and TriG are Oxigraph's writers over sorted statements; JSON-LD is
    rdflib's, compacted with our context. The writers take the rdflib terms as they are: an Oxigraph
    store would turn ``"-68.5800"^^xsd:decimal`` into ``"-68.58"``, so nothing here goes through one.

    >>> g = Graph().parse(data="<urn:b> <urn:p> 'x' . <urn:a> <urn:p> 'y' .", format="turtle")
    >>> print(serialise(g, "nt"), end="")
    <urn:a> <urn:p> "y" .
    <urn:b> <urn:p> "x" .
    """
    if fmt not in RDF_FORMATS:
        raise SpaceCoopError(f"unknown format {fmt!r} (known: {', '.join(RDF_FORMATS)})")
    if fmt == "jsonld":
        return to_jsonld(graph)
    if fmt in ("nt", "ttl"):
        ntriples = to_ntriples(graph).encode("utf-8")
        return (ntriples if fmt == "nt" else turtle_from_ntriples(ntriples)).decode("utf-8")
    graphs = {str(name): to_ntriples(triples).encode("utf-8") for name, triples in partition(graph).items()}
    return (trig_from_graphs(graphs) if fmt == "trig" else nquads_from_graphs(graphs)).decode("utf-8")
