"""Build-time derivations: the CONSTRUCT rules in ``queries/rules/`` add shortcut triples.

Derived triples are returned as a graph of their own, so that exports can keep them apart
(the derived named graph of a TriG export) and a reader can tell them from curated ones.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from spacecoop.errors import SpaceCoopError
from spacecoop.io.paths import RULES_DIR

__all__ = ["DERIVED_GRAPH_IRI", "rule_files", "derive", "derive_in_store"]

DERIVED_GRAPH_IRI = "https://w3id.org/spacecoop/graph/derived"


def rule_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    """The rule files, in a stable order."""
    return sorted(rules_dir.glob("*.rq"))


def derive(graph: Graph, rules_dir: Path = RULES_DIR) -> Graph:
    """Run every rule over ``graph`` and return the triples they derive (whether ``graph`` states them or not)."""
    derived = Graph(bind_namespaces="core")
    for rule in rule_files(rules_dir):
        for triple in graph.query(rule.read_text(encoding="utf-8")):
            derived.add(triple)
    return derived


def derive_in_store(store, rules_dir: Path = RULES_DIR) -> bytes:
    """Run every rule on an Oxigraph :class:`~spacecoop.store.knowledge.KnowledgeStore` (all on the graph as it
    was, as :func:`derive` does), add what they construct to it, and return it as N-Triples (a triple that two
    rules derive comes twice). The triples never become Python objects: Oxigraph writes each rule's result and
    reads it into the store.

    >>> from spacecoop.io.read import load_ontology
    >>> from spacecoop.store.knowledge import KnowledgeStore, from_ox
    >>> graph = load_ontology().parse(data='''
    ... @prefix sco: <https://w3id.org/spacecoop/ontology#> . @prefix scorg: <https://w3id.org/spacecoop/id/org/> .
    ... <https://w3id.org/spacecoop/id/cooperation/x> a sco:Cooperation ; sco:status <https://w3id.org/spacecoop/vocab/status/agreed> ;
    ...   sco:participation [ sco:agent scorg:a ] , [ sco:agent scorg:b ] .''', format="turtle")
    >>> store = KnowledgeStore.from_graph(graph)
    >>> added = derive_in_store(store)
    >>> triples = {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in ox.parse(added, format=ox.RdfFormat.N_TRIPLES)}
    >>> triples == set(derive(graph)) and len(triples) > 0
    True
    """
    if store.backend != "oxigraph":
        raise SpaceCoopError("the rules run in an Oxigraph store: derive() takes an rdflib graph")
    oxigraph = store.store
    constructed = b"".join(
        oxigraph.query(rule.read_text(encoding="utf-8")).serialize(format=ox.RdfFormat.N_TRIPLES)
        for rule in rule_files(rules_dir)
    )
    oxigraph.load(constructed, format=ox.RdfFormat.N_TRIPLES)
    return constructed
