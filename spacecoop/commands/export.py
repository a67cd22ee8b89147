"""``spacecoop export``: the built graph as Turtle, N-Triples, JSON-LD, TriG or N-Quads — sorted, and
written atomically (a temporary file renamed into place).

TriG and N-Quads split the graph into named graphs, so a store can tell who claims what:

- ``…/graph/source/{slug}`` — one per source: each claim node (cooperation, plan, milestone,
  designation, similarity) that cites it, its participations, and the evidence citing it;
- ``…/graph/ontology`` — the ontology, vocabularies and shapes;
- ``…/graph/derived`` — triples of the properties the ontology marks ``sco:DerivedProperty``;
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

import argparse
import sys
from collections import defaultdict, deque
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from spacecoop.build.derive import DERIVED_GRAPH_IRI
from spacecoop.errors import SpaceCoopError
from spacecoop.namespaces import ID_BASE, ONTOLOGY_IRI, OA, SCO, SCSH, VOCAB_BASE
from spacecoop.io.write import nquads_from_graphs, to_jsonld, to_ntriples, trig_from_graphs, turtle_from_ntriples, write_atomic

__all__ = ["add_parser", "partition", "serialise", "FORMATS", "GRAPH_BASE", "source_graph"]

GRAPH_BASE = "https://w3id.org/spacecoop/graph/"
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")
DERIVED_GRAPH = URIRef(DERIVED_GRAPH_IRI)
BACKBONE_GRAPH = URIRef(GRAPH_BASE + "backbone")
CLAIM_CLASSES = (SCO.Cooperation, SCO.Plan, SCO.Milestone, SCO.Designation, SCO.Similarity)
FORMATS = ("ttl", "nt", "jsonld", "trig", "nq")
_ONTOLOGY_SPACES = (ONTOLOGY_IRI, VOCAB_BASE, str(SCSH))


def source_graph(source: URIRef) -> URIRef:
    """The named graph of one source's claims.

    >>> source_graph(URIRef("https://w3id.org/spacecoop/id/source/sputnik-2017"))
    rdflib.term.URIRef('https://w3id.org/spacecoop/graph/source/sputnik-2017')
    """
    prefix = ID_BASE + "source/"
    return URIRef(GRAPH_BASE + "source/" + source[len(prefix):]) if str(source).startswith(prefix) else source


def _owned(node, owner) -> bool:
    """Whether ``node`` belongs to ``owner``, which points at it: a blank node, or a skolem IRI — one
    under ``owner``'s own (``…/participation-…``, as :mod:`spacecoop.build.skolem` mints them) or a genid."""
    text = str(node)
    return isinstance(node, BNode) or (isinstance(node, URIRef) and (
        text.startswith(f"{owner}/") or text.startswith(ID_BASE + "genid/") or "/.well-known/genid/" in text))


def partition(graph: Graph) -> dict[URIRef, list[tuple]]:
    """Split ``graph`` into the named graphs described in the module docstring: graph IRI → its triples."""
    derived = set(graph.subjects(RDF.type, SCO.DerivedProperty))
    sources_of = defaultdict(set)                       # evidence → its source graphs
    for evidence, source in graph.subject_objects(OA.hasSource):
        sources_of[evidence].add(source_graph(source))
    homes = defaultdict(set)                            # subject → graphs its triples go to
    for subject in set(graph.subjects()):
        if isinstance(subject, URIRef) and str(subject).startswith(_ONTOLOGY_SPACES):  # URIRef.startswith takes no tuple
            homes[subject].add(ONTOLOGY_GRAPH)
    for evidence, graphs in sources_of.items():
        homes[evidence] |= graphs
    for cls in CLAIM_CLASSES:
        for claim in graph.subjects(RDF.type, cls):
            for evidence in graph.objects(claim, SCO.evidence):
                homes[claim] |= sources_of.get(evidence, set())
    queue = deque(sorted(homes, key=str))               # owned nodes follow their owners
    while queue:
        owner = queue.popleft()
        for child in graph.objects(owner):
            if _owned(child, owner) and not homes[owner] <= homes[child]:
                homes[child] |= homes[owner]
                queue.append(child)
    graphs = defaultdict(list)
    for s, p, o in graph:
        if p in derived:
            targets = {DERIVED_GRAPH}
        elif p == SCO.evidence and sources_of.get(o) and homes.get(s, set()) & sources_of[o]:
            targets = homes[s] & sources_of[o]
        else:
            targets = homes.get(s) or {BACKBONE_GRAPH}
        for target in targets:
            graphs[target].append((s, p, o))
    return dict(graphs)


def serialise(graph: Graph, fmt: str) -> str:
    """``graph`` in format ``fmt`` (one of :data:`FORMATS`), the same text for the same triples.

    N-Triples, N-Quads, Turtle and TriG are Oxigraph's writers over sorted statements; JSON-LD is
    rdflib's, compacted with our context. The writers take the rdflib terms as they are: an Oxigraph
    store would turn ``"-68.5800"^^xsd:decimal`` into ``"-68.58"``, so nothing here goes through one.

    >>> g = Graph().parse(data="<urn:b> <urn:p> 'x' . <urn:a> <urn:p> 'y' .", format="turtle")
    >>> print(serialise(g, "nt"), end="")
    <urn:a> <urn:p> "y" .
    <urn:b> <urn:p> "x" .
    """
    if fmt not in FORMATS:
        raise SpaceCoopError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if fmt == "jsonld":
        return to_jsonld(graph)
    if fmt in ("nt", "ttl"):
        ntriples = to_ntriples(graph).encode("utf-8")
        return (ntriples if fmt == "nt" else turtle_from_ntriples(ntriples)).decode("utf-8")
    graphs = {str(name): to_ntriples(triples).encode("utf-8") for name, triples in partition(graph).items()}
    return (trig_from_graphs(graphs) if fmt == "trig" else nquads_from_graphs(graphs)).decode("utf-8")


def _run(args: argparse.Namespace) -> int:
    from spacecoop.commands.query import choose_engine, graph_from, store_from

    if args.format in ("nt", "ttl") and choose_engine(args.data) == "oxigraph":
        # a file of millions of triples: Oxigraph reads it and writes it (numbers in canonical form)
        store = store_from(args.data)
        if args.out and args.format == "nt":
            store.write_ntriples(Path(args.out))  # sorted on disk
            return 0
        data = store.serialize("nt" if args.format == "nt" else "turtle")
        if args.out:
            write_atomic(Path(args.out), data.decode("utf-8"))
        else:
            sys.stdout.buffer.write(data)
        return 0
    text = serialise(graph_from(args.data), args.format)
    if args.out:
        write_atomic(Path(args.out), text)
    else:
        sys.stdout.write(text)
    return 0


def add_parser(subparsers) -> None:
    """Register ``spacecoop export``."""
    parser = subparsers.add_parser(
        "export", help="write the built graph as ttl, nt, jsonld, trig or nq (sorted; named graph per source)",
        description="Serialise the built graph. TriG and N-Quads put each source's claims in a named graph "
                    "of its own (see docs/stores.md). Output is sorted; --out is written atomically.")
    parser.add_argument("--format", choices=FORMATS, required=True)
    parser.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    parser.add_argument("--data", metavar="FILE", help="export this RDF file instead of the built graph")
    parser.set_defaults(func=_run)
