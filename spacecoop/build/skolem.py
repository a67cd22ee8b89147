"""Deterministic skolemisation: blank nodes become stable IRIs built from where they hang.

Curated Turtle may write participations and quote selectors as blank nodes; a store must never
receive blank nodes. Each blank node becomes ``{parent IRI}/{predicate name}-{content hash}``,
so the same input always gives the same IRIs and the same bytes.

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

from rdflib import BNode, Graph, URIRef

from spacecoop.namespaces import ID_BASE

__all__ = ["skolemise"]


def _local_name(predicate: URIRef) -> str:
    text = str(predicate)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or "node"


def _signature(graph: Graph, node: BNode, seen: frozenset = frozenset()) -> str:
    """A canonical text of a blank node's description, following nested blank nodes."""
    parts = []
    for predicate, obj in graph.predicate_objects(node):
        if isinstance(obj, BNode):
            value = "[cycle]" if obj in seen else "[" + _signature(graph, obj, seen | {node}) + "]"
        else:
            value = obj.n3()
        parts.append(f"{predicate.n3()} {value}")
    return ";".join(sorted(parts))


def skolemise(graph: Graph, in_place: bool = False) -> Graph:
    """Return a copy of ``graph`` (``graph`` itself with ``in_place``) in which every blank node is replaced
    by a stable IRI."""
    names: dict[BNode, URIRef] = {}

    def name_of(node: BNode, seen: frozenset = frozenset()) -> URIRef:
        if node in names:
            return names[node]
        digest = hashlib.sha1(_signature(graph, node).encode("utf-8")).hexdigest()[:12]
        parents = sorted(
            ((s, p) for s, p in graph.subject_predicates(node) if s not in seen | {node}),
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

    blank = [(s, p, o) for s, p, o in graph if isinstance(s, BNode) or isinstance(o, BNode)]
    renamed = [(name_of(s) if isinstance(s, BNode) else s, p, name_of(o) if isinstance(o, BNode) else o)
               for s, p, o in blank]
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
