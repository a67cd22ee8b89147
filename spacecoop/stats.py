"""Counts that summarise a built graph: triples, things per class, cooperation per type and status.

``spacecoop stats`` prints them for the built graph.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from spacecoop.namespaces import SCO

__all__ = ["compute_stats", "format_stats", "add_parser"]

COUNTED_CLASSES = (
    "Organisation", "SpaceAgency", "IntergovernmentalOrganisation", "Company", "ResearchInstitute",
    "GovernmentBody", "OrganisationalUnit", "Country", "Person", "Mission", "Spacecraft", "Payload",
    "Program", "MultilateralProgram", "ProgramStage", "Cooperation", "Plan", "Milestone", "Designation",
    "Similarity", "Evidence", "SourceDocument", "Publisher",
)

_TYPE_STATUS_QUERY = """
PREFIX sco: <https://w3id.org/spacecoop/ontology#>
SELECT ?type ?status WHERE { ?c a sco:Cooperation ; sco:cooperationType ?type ; sco:status ?status . }
"""

_PARTICIPANTS_QUERY = """
PREFIX sco: <https://w3id.org/spacecoop/ontology#>
SELECT DISTINCT ?agent ?kind WHERE {
  ?c a sco:Cooperation ; sco:participation/sco:agent ?agent .
  OPTIONAL { ?agent a ?kind . FILTER(?kind IN (sco:Country, sco:Person)) }
}
"""


def _label(graph: Graph, concept) -> str:
    return str(graph.value(concept, SKOS.prefLabel) or concept).strip()


def compute_stats(graph: Graph) -> dict:
    """Counts for ``graph`` (which includes the ontology and vocabularies), as plain data."""
    per_class = {name: len(set(graph.subjects(RDF.type, SCO[name]))) for name in COUNTED_CLASSES}
    types, statuses = Counter(), Counter()
    for row in graph.query(_TYPE_STATUS_QUERY):
        types[_label(graph, row.type)] += 1
        statuses[_label(graph, row.status)] += 1
    taking_part = Counter()
    for row in graph.query(_PARTICIPANTS_QUERY):
        taking_part[str(row.kind).rsplit("#", 1)[-1] if row.kind else "Organisation"] += 1
    return {
        "triples": len(graph),
        "entities": per_class,
        "cooperation_by_type": dict(sorted(types.items())),
        "cooperation_by_status": dict(sorted(statuses.items())),
        "taking_part": dict(sorted(taking_part.items())),
    }


def format_stats(stats: dict) -> str:
    """A short human-readable summary of :func:`compute_stats` output."""
    lines = [f"triples: {stats['triples']}", "entities:"]
    lines += [f"  {name}: {count}" for name, count in stats["entities"].items() if count]
    lines.append("actors taking part in cooperation: "
                 + ", ".join(f"{count} {kind.lower()}s" for kind, count in stats["taking_part"].items()))
    for title, key in (("cooperation by type", "cooperation_by_type"), ("cooperation by status", "cooperation_by_status")):
        lines.append(f"{title}:")
        lines += [f"  {name}: {count}" for name, count in stats[key].items()]
    if "violations" in stats:
        lines.append(f"violations: {stats['violations']}  warnings: {stats['warnings']}")
    return "\n".join(lines)


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("stats", help="print counts for the built graph",
                                   description="Print the counts of the built graph (dist/spacecoop.nt when it is fresh, "
                                               "else built in memory).")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from spacecoop.query import load_built_graph

    stats = compute_stats(load_built_graph())
    print(json.dumps(stats, indent=2) if args.json else format_stats(stats))
    return 0
