"""Deterministic skolemisation: blank nodes become stable IRIs built from where they hang.

Curated Turtle may write participations and quote selectors as blank nodes; a store must never
receive blank nodes. Each blank node becomes ``{parent IRI}/{predicate name}-{content hash}``,
so the same input always gives the same IRIs and the same bytes. A name depends only on the triples
that hold a blank node, and a blank node belongs to the one file it is written in, so a file's blank
triples can be renamed on their own as the file is loaded (:func:`skolemise_quads`).

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix sco: <https://w3id.org/spacecoop/ontology#> .
... <https://w3id.org/spacecoop/id/cooperation/x> sco:participation [ sco:agent <https://w3id.org/spacecoop/id/org/esa> ] .
... ''', format="turtle")
>>> sorted(str(o) for o in skolemise(g).objects())[0].startswith(
...     "https://w3id.org/spacecoop/id/cooperation/x/participation-")
True
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from spacecoop.io.terms import from_ox, to_ox
from spacecoop.namespaces import ID_BASE

__all__ = ["skolemise", "skolemise_quads"]


def _local_name(predicate: URIRef) -> str:
    text = str(predicate)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or "node"


def _n3(term) -> str:
    """The text of a term in a signature: rdflib's N3, language tags in lower case (as Oxigraph keeps them)."""
    if isinstance(term, Literal) and term.language:
        return Literal(str(term), lang=term.language.lower()).n3()
    return term.n3()


def _names(blank_triples) -> dict[BNode, URIRef]:
    """The stable IRI of each blank node of ``blank_triples`` (rdflib triples: every triple that holds one)."""
    described: dict = defaultdict(list)  # blank node → its (predicate, object) pairs
    pointed: dict = defaultdict(list)  # blank node → the (subject, predicate) pairs pointing at it
    for s, p, o in blank_triples:
        if isinstance(s, BNode):
            described[s].append((p, o))
        if isinstance(o, BNode):
            pointed[o].append((s, p))

    def signature(node: BNode, seen: frozenset = frozenset()) -> str:
        """A canonical text of a blank node's description, following nested blank nodes."""
        parts = []
        for predicate, obj in described[node]:
            if isinstance(obj, BNode):
                value = "[cycle]" if obj in seen else "[" + signature(obj, seen | {node}) + "]"
            else:
                value = _n3(obj)
            parts.append(f"{predicate.n3()} {value}")
        return ";".join(sorted(parts))

    names: dict[BNode, URIRef] = {}

    def name_of(node: BNode, seen: frozenset = frozenset()) -> URIRef:
        if node in names:
            return names[node]
        digest = hashlib.sha1(signature(node).encode("utf-8")).hexdigest()[:12]
        parents = sorted(
            ((s, p) for s, p in pointed[node] if s not in seen | {node}),
            key=lambda pair: (isinstance(pair[0], BNode), str(pair[0]), str(pair[1])),
        )
        if parents:
            parent, predicate = parents[0]
            parent_iri = name_of(parent, seen | {node}) if isinstance(parent, BNode) else parent
            iri = URIRef(f"{parent_iri}/{_local_name(predicate)}-{digest}")
        else:
            iri = URIRef(f"{ID_BASE}genid/{digest}")
        names[node] = iri
        return iri

    for node in [*described, *pointed]:
        name_of(node)
    return names


def _renamed(blank_triples) -> list[tuple]:
    names = _names(blank_triples)
    return [(names.get(s, s), p, names.get(o, o)) for s, p, o in blank_triples]


def skolemise(graph: Graph, in_place: bool = False) -> Graph:
    """Return a copy of ``graph`` (``graph`` itself with ``in_place``) in which every blank node is replaced
    by a stable IRI."""
    blank = [(s, p, o) for s, p, o in graph if isinstance(s, BNode) or isinstance(o, BNode)]
    renamed = _renamed(blank)
    result = graph
    if not in_place:
        result = Graph(bind_namespaces="core")
        for prefix, namespace in graph.namespaces():
            result.bind(prefix, namespace, override=True, replace=True)
        result.addN((s, p, o, result) for s, p, o in graph)
    for triple in blank:
        result.remove(triple)
    result.addN((s, p, o, result) for s, p, o in renamed)
    return result


def skolemise_quads(quads) -> list[ox.Quad]:
    """The quads of one file that hold a blank node (pyoxigraph quads), renamed as :func:`skolemise` names
    them, in the default graph.

    >>> esa, coop = ox.NamedNode("https://w3id.org/spacecoop/id/org/esa"), ox.NamedNode("https://w3id.org/spacecoop/id/cooperation/x")
    >>> blank = ox.BlankNode()
    >>> quads = [ox.Quad(coop, ox.NamedNode("https://w3id.org/spacecoop/ontology#participation"), blank),
    ...          ox.Quad(blank, ox.NamedNode("https://w3id.org/spacecoop/ontology#agent"), esa)]
    >>> sorted(quad.subject.value for quad in skolemise_quads(quads))[1]
    'https://w3id.org/spacecoop/id/cooperation/x/participation-090971226b85'
    """
    triples = {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads}
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in _renamed(list(triples))]
