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

import tempfile
from collections import defaultdict, deque
from collections.abc import Iterator, Set as AbstractSet
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
    return URIRef(_source_graph_text(str(source)))


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
    of its sources; ``homes``: subject → the graphs its triples go to (the backbone when it has none). The sets
    of graphs are shared between the nodes that have the same (a graph of millions of nodes has a few thousand
    of them)."""

    derived: set[str]
    sources_of: dict[str, frozenset[str]]
    homes: dict[str, frozenset[str]]

    def graphs_of(self, subject: str, predicate: str, obj: str | None) -> AbstractSet[str]:
        """The graphs of one triple (``obj``: the object's IRI, None for a literal)."""
        if predicate in self.derived:
            return {str(DERIVED_GRAPH)}
        if predicate == _EVIDENCE and obj is not None and obj in self.sources_of:
            shared = self.homes.get(subject, frozenset()) & self.sources_of[obj]
            if shared:
                return shared
        return self.homes.get(subject) or {str(BACKBONE_GRAPH)}

    def line_graphs(self):
        """A function giving the graph IRIs (bytes) of one N-Triples line (``<s> <p> <o> .``, blank nodes as
        ``_:label``, the line end allowed): :meth:`graphs_of` on bytes, for the millions of lines of a file.

        >>> homes = Homes(set(), {}, {"urn:a": frozenset({"urn:g"})})
        >>> graphs = homes.line_graphs()
        >>> graphs(b"<urn:a> <urn:p> <urn:b> .\\n"), graphs(b'<urn:b> <urn:p> "x" .')
        ((b'urn:g',), (b'https://w3id.org/spacecoop/graph/backbone',))
        """
        derived, backbone = (str(DERIVED_GRAPH).encode(),), (str(BACKBONE_GRAPH).encode(),)
        predicates = {p.encode() for p in self.derived}
        homes, sources_of = self.homes, self.sources_of
        evidence = _EVIDENCE.encode()
        encoded: dict[frozenset[str], tuple[bytes, ...]] = {}  # a set of graphs → its IRIs as sorted bytes

        def names(graphs: frozenset[str]) -> tuple[bytes, ...]:
            found = encoded.get(graphs)
            if found is None:
                found = encoded[graphs] = tuple(sorted(graph.encode() for graph in graphs))
            return found

        def graphs_of(line: bytes) -> tuple[bytes, ...]:
            if line[:1] == b"<":
                end = line.index(b">", 1)
                subject, rest = line[1:end].decode(), end + 2
            else:
                end = line.index(b" ")
                subject, rest = line[2:end].decode(), end + 1
            end = line.index(b">", rest)
            if line[rest + 1 : end] in predicates:
                return derived
            graphs = homes.get(subject)
            if line[rest + 1 : end] == evidence and graphs and line[end + 2 : end + 3] == b"<":
                sources = sources_of.get(line[end + 3 : line.index(b">", end + 3)].decode())
                shared = graphs & sources if sources else None
                if shared:
                    return names(shared)
            return names(graphs) if graphs else backbone

        return graphs_of


class _SharedSets:
    """Graph-name sets made once each: every node with the same graphs holds the same frozenset."""

    def __init__(self) -> None:
        self._made: dict[frozenset[str], frozenset[str]] = {}

    def joined(self, graphs: frozenset[str] | None, more: AbstractSet[str]) -> frozenset[str]:
        """``graphs`` (None: none) with ``more``; ``graphs`` itself when it holds them all already."""
        if graphs is not None and graphs >= more:
            return graphs
        union = frozenset(more) if graphs is None else graphs | more
        return self._made.setdefault(union, union)


def _text_rows(source, query: str) -> Iterator[list[str]]:
    """The rows of a SELECT of IRIs and blank nodes as text (an IRI's text, a blank node's label): on an Oxigraph
    :class:`~spacecoop.store.knowledge.KnowledgeStore` read line by line from the store's own tab-separated
    results in a scratch file (no terms made one by one, never all rows at once), on an rdflib graph through its
    terms."""
    store = getattr(source, "store", None)
    if not isinstance(store, ox.Store):
        for row in source.query(query):
            yield [str(term) for term in row]
        return
    with tempfile.TemporaryFile() as results:
        store.query(query).serialize(output=results, format=ox.QueryResultsFormat.TSV)
        results.seek(0)
        next(results)  # the header
        for line in results:
            yield [
                cell[1:-1] if cell[:1] == "<" else cell[2:] for cell in line.decode("utf-8").rstrip("\n").split("\t")
            ]


def _source_graph_text(source: str) -> str:
    """:func:`source_graph` on IRI text."""
    prefix = ID_BASE + "source/"
    return GRAPH_BASE + "source/" + source[len(prefix) :] if source.startswith(prefix) else source


def graph_homes(source) -> Homes:
    """The :class:`Homes` of a graph: ``source`` is an rdflib graph or a
    :class:`~spacecoop.store.knowledge.KnowledgeStore` (the same SPARQL queries on either)."""
    shared = _SharedSets()
    derived = {p for (p,) in _text_rows(source, _DERIVED_QUERY)}
    sources_of: dict[str, frozenset[str]] = {}
    for evidence, src in _text_rows(source, _EVIDENCE_QUERY):
        sources_of[evidence] = shared.joined(sources_of.get(evidence), {_source_graph_text(src)})
    homes: dict[str, frozenset[str]] = {}
    for (subject,) in _text_rows(source, _ONTOLOGY_QUERY):
        homes[subject] = shared.joined(None, {str(ONTOLOGY_GRAPH)})
    for evidence, graphs in sources_of.items():
        homes[evidence] = shared.joined(homes.get(evidence), graphs)
    for claim, evidence in _text_rows(source, _CLAIMS_QUERY):
        if evidence in sources_of:
            homes[claim] = shared.joined(homes.get(claim), sources_of[evidence])
    children: dict[str, list[str]] = defaultdict(list)
    for owner, child in _text_rows(source, _OWNED_QUERY):
        children[owner].append(child)
    queue = deque(sorted(homes))  # owned nodes follow their owners
    while queue:
        owner = queue.popleft()
        for child in children.get(owner, ()):
            before = homes.get(child)
            after = shared.joined(before, homes[owner])
            if after is not before:
                homes[child] = after
                queue.append(child)
    return Homes(derived, sources_of, homes)


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
