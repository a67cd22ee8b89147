"""Build-time derivations: the CONSTRUCT rules in ``queries/rules/`` add shortcut triples.

Derived triples are returned as a graph of their own, so that exports can keep them apart
(the derived named graph of a TriG export) and a reader can tell them from curated ones.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from spacecoop.paths import RULES_DIR

__all__ = ["DERIVED_GRAPH_IRI", "rule_files", "derive"]

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
