"""Build-time derivations: the CONSTRUCT rules in ``queries/rules/`` add shortcut triples.

Derived triples are returned as a graph of their own, so that exports can keep them apart
(the derived named graph of a TriG export) and a reader can tell them from curated ones.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from spacecoop.io.paths import RULES_DIR

__all__ = ["DERIVED_GRAPH_IRI", "rule_files", "derive", "derive_in_store"]

DERIVED_GRAPH_IRI = "https://w3id.org/spacecoop/graph/derived"


def rule_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    """The rule files, in a stable order."""
    return sorted(rules_dir.glob("*.rq"))


def derive(graph: Graph, rules_dir: Path = RULES_DIR) -> Graph:
    """Run every rule over ``graph`` and return the triples they derive that it lacks."""
    derived = Graph(bind_namespaces="core")
    for rule in rule_files(rules_dir):
        for triple in graph.query(rule.read_text(encoding="utf-8")):
            if triple not in graph:
                derived.add(triple)
    return derived


def derive_in_store(store, rules_dir: Path = RULES_DIR) -> list:
    """Run every rule on an Oxigraph :class:`~spacecoop.store.knowledge.KnowledgeStore` (all on the graph as it
    was, as :func:`derive` does), add what they construct to it, and return the triples that were not
    there before (pyoxigraph triples, each once, sorted).

    >>> from spacecoop.io.read import load_ontology
    >>> from spacecoop.store.knowledge import KnowledgeStore, from_ox
    >>> graph = load_ontology().parse(data='''
    ... @prefix sco: <https://w3id.org/spacecoop/ontology#> . @prefix scorg: <https://w3id.org/spacecoop/id/org/> .
    ... <https://w3id.org/spacecoop/id/cooperation/x> a sco:Cooperation ; sco:status <https://w3id.org/spacecoop/vocab/status/agreed> ;
    ...   sco:participation [ sco:agent scorg:a ] , [ sco:agent scorg:b ] .''', format="turtle")
    >>> store = KnowledgeStore.from_graph(graph)
    >>> added = {(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in derive_in_store(store)}
    >>> added == set(derive(graph)) and len(added) > 0
    True
    """
    constructed = {
        triple for rule in rule_files(rules_dir) for triple in store.construct_ox(rule.read_text(encoding="utf-8"))
    }
    added = sorted((t for t in constructed if ox.Quad(t.subject, t.predicate, t.object) not in store.store), key=str)
    store.add_ox_triples(added)
    return added
