"""Counts that summarise a built graph: triples, things per class, cooperation per type and status.

``spacecoop stats`` prints them for the built graph.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from spacecoop.namespaces import SCO

__all__ = ["compute_stats", "format_stats", "add_parser"]

COUNTED_CLASSES = (
    "Organisation", "SpaceAgency", "IntergovernmentalOrganisation", "Company", "ResearchInstitute",
    "GovernmentBody", "OrganisationalUnit", "Country", "Person", "Mission", "Spacecraft", "Payload",
    "Program", "MultilateralProgram", "ProgramStage", "Cooperation", "Plan", "Milestone", "Designation",
    "Similarity", "Evidence", "SourceDocument", "Publisher",
)

_PREFIXES = """PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_CLASS_QUERY = "SELECT ?class (COUNT(DISTINCT ?thing) AS ?n) WHERE { ?thing a ?class } GROUP BY ?class"

_TYPE_STATUS_QUERY = _PREFIXES + """
SELECT ?type ?status (COUNT(?c) AS ?n) WHERE { ?c a sco:Cooperation ; sco:cooperationType ?type ; sco:status ?status . }
GROUP BY ?type ?status
"""

_PARTICIPANTS_QUERY = _PREFIXES + """
SELECT DISTINCT ?agent ?kind WHERE {
  ?c a sco:Cooperation ; sco:participation/sco:agent ?agent .
  OPTIONAL { ?agent a ?kind . FILTER(?kind IN (sco:Country, sco:Person)) }
}
"""

_LABEL_QUERY = _PREFIXES + """
SELECT ?concept (MIN(STR(?label)) AS ?text) WHERE { ?concept skos:prefLabel ?label } GROUP BY ?concept
"""


def compute_stats(source) -> dict:
    """Counts for ``source`` — an rdflib graph or a :class:`~spacecoop.store.knowledge.KnowledgeStore` holding the
    ontology and vocabularies too — as plain data: the same queries on either.

    >>> from spacecoop.io.read import load_ontology
    >>> from spacecoop.store.knowledge import KnowledgeStore
    >>> graph = load_ontology()
    >>> compute_stats(graph) == compute_stats(KnowledgeStore.from_graph(graph))
    True
    """
    per_class = dict.fromkeys(COUNTED_CLASSES, 0)
    for cls, count in source.query(_CLASS_QUERY):
        name = str(cls).removeprefix(str(SCO._NS))
        if name in per_class:
            per_class[name] = int(count)
    pairs = [(kind, status, int(count)) for kind, status, count in source.query(_TYPE_STATUS_QUERY)]
    used = {concept for kind, status, _ in pairs for concept in (kind, status)}
    labels = {concept: str(text).strip() for concept, text in source.query(_LABEL_QUERY) if concept in used}
    types, statuses = Counter(), Counter()
    for kind, status, count in pairs:
        types[labels.get(kind, str(kind))] += count
        statuses[labels.get(status, str(status))] += count
    taking_part = Counter()
    for _agent, kind in source.query(_PARTICIPANTS_QUERY):
        taking_part[str(kind).rsplit("#", 1)[-1] if kind else "Organisation"] += 1
    return {
        "triples": len(source),
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
    from spacecoop.commands.query import load_built_graph

    stats = compute_stats(load_built_graph())
    print(json.dumps(stats, indent=2) if args.json else format_stats(stats))
    return 0
