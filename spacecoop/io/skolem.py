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
from dataclasses import dataclass
from typing import Callable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from spacecoop.io.terms import from_ox
from spacecoop.namespaces import ID_BASE

__all__ = ["skolemise", "skolemise_quads"]


@dataclass(frozen=True)
class _Terms:
    """What naming needs of one library's terms: which are blank nodes, the text of a term in a signature
    (rdflib's N3, language tags in lower case), the text of an IRI or label, and how to make an IRI."""

    is_blank: Callable
    n3: Callable
    text: Callable
    iri: Callable


def _rdflib_n3(term) -> str:
    if isinstance(term, Literal) and term.language:
        return Literal(str(term), lang=term.language.lower()).n3()
    return term.n3()


_PLAIN = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def _ox_n3(term) -> str:
    """:func:`_rdflib_n3` of the rdflib copy of a pyoxigraph term, without making the copy where the text is
    plain: an IRI, or a string without a character N3 escapes (Oxigraph keeps language tags in lower case)."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.Literal) and term.datatype.value in _PLAIN:
        value = term.value
        if not any(char in value for char in '\\"\n\r'):
            return f'"{value}"@{term.language}' if term.language else f'"{value}"'
    return _rdflib_n3(from_ox(term))


_RDFLIB = _Terms(lambda term: isinstance(term, BNode), _rdflib_n3, str, URIRef)
_OXIGRAPH = _Terms(lambda term: isinstance(term, ox.BlankNode), _ox_n3, lambda term: term.value, ox.NamedNode)


def _local_name(predicate: str) -> str:
    return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or "node"


def _names(blank_triples, terms: _Terms) -> dict:
    """The stable IRI of each blank node of ``blank_triples`` (every triple that holds one)."""
    described: dict = defaultdict(list)  # blank node → its (predicate, object) pairs
    pointed: dict = defaultdict(list)  # blank node → the (subject, predicate) pairs pointing at it
    for s, p, o in blank_triples:
        if terms.is_blank(s):
            described[s].append((p, o))
        if terms.is_blank(o):
            pointed[o].append((s, p))

    def signature(node, seen: frozenset = frozenset()) -> str:
        """A canonical text of a blank node's description, following nested blank nodes."""
        parts = []
        for predicate, obj in described[node]:
            if terms.is_blank(obj):
                value = "[cycle]" if obj in seen else "[" + signature(obj, seen | {node}) + "]"
            else:
                value = terms.n3(obj)
            parts.append(f"{terms.n3(predicate)} {value}")
        return ";".join(sorted(parts))

    names: dict = {}

    def name_of(node, seen: frozenset = frozenset()):
        if node in names:
            return names[node]
        digest = hashlib.sha1(signature(node).encode("utf-8")).hexdigest()[:12]
        parents = sorted(
            ((s, p) for s, p in pointed[node] if s not in seen | {node}),
            key=lambda pair: (terms.is_blank(pair[0]), terms.text(pair[0]), terms.text(pair[1])),
        )
        if parents:
            parent, predicate = parents[0]
            parent_iri = name_of(parent, seen | {node}) if terms.is_blank(parent) else parent
            iri = terms.iri(f"{terms.text(parent_iri)}/{_local_name(terms.text(predicate))}-{digest}")
        else:
            iri = terms.iri(f"{ID_BASE}genid/{digest}")
        names[node] = iri
        return iri

    for node in [*described, *pointed]:
        name_of(node)
    return names


def _renamed(blank_triples, terms: _Terms) -> list[tuple]:
    names = _names(blank_triples, terms)
    return [(names.get(s, s), p, names.get(o, o)) for s, p, o in blank_triples]


def skolemise(graph: Graph, in_place: bool = False) -> Graph:
    """Return a copy of ``graph`` (``graph`` itself with ``in_place``) in which every blank node is replaced
    by a stable IRI."""
    blank = [(s, p, o) for s, p, o in graph if isinstance(s, BNode) or isinstance(o, BNode)]
    renamed = _renamed(blank, _RDFLIB)
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
    triples = list(dict.fromkeys((q.subject, q.predicate, q.object) for q in quads))
    return [ox.Quad(s, p, o) for s, p, o in _renamed(triples, _OXIGRAPH)]
