"""Counts that summarise a built graph: triples, things per class, cooperation per type and status, and the
cooperation of the curated record (stated by a quote) apart from the dataset-derived layers (stated by a row).

``spacecoop stats`` (:mod:`spacecoop.commands.stats`) prints them for the built graph.
"""

from __future__ import annotations

from collections import Counter

from spacecoop.namespaces import SCO

__all__ = ["compute_stats", "format_stats"]

COUNTED_CLASSES = (
    "Organisation",
    "SpaceAgency",
    "IntergovernmentalOrganisation",
    "Company",
    "ResearchInstitute",
    "GovernmentBody",
    "OrganisationalUnit",
    "Country",
    "Person",
    "Mission",
    "Spacecraft",
    "Payload",
    "Program",
    "MultilateralProgram",
    "ProgramStage",
    "Cooperation",
    "Plan",
    "Milestone",
    "Designation",
    "Similarity",
    "Evidence",
    "SourceDocument",
    "Publisher",
)

_PREFIXES = """PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_CLASS_QUERY = "SELECT ?class (COUNT(DISTINCT ?thing) AS ?n) WHERE { ?thing a ?class } GROUP BY ?class"

# a subquery, not BIND(EXISTS {…}): Oxigraph evaluates that EXISTS by a scan per cooperation (4.4 s against
# 0.06 s on the real graph)
_TYPE_STATUS_QUERY = (
    _PREFIXES
    + """
SELECT ?type ?status ?dataset (COUNT(?c) AS ?n) WHERE {
  ?c a sco:Cooperation ; sco:cooperationType ?type ; sco:status ?status .
  OPTIONAL { SELECT DISTINCT ?c ?byRow WHERE { ?c a sco:Cooperation ; sco:evidence/sco:rowKey ?row . BIND(true AS ?byRow) } }
  BIND(BOUND(?byRow) AS ?dataset)
}
GROUP BY ?type ?status ?dataset
"""
)

_PARTICIPANTS_QUERY = (
    _PREFIXES
    + """
SELECT DISTINCT ?agent ?kind WHERE {
  ?c a sco:Cooperation ; sco:participation/sco:agent ?agent .
  OPTIONAL { ?agent a ?kind . FILTER(?kind IN (sco:Country, sco:Person)) }
}
"""
)

_LABEL_QUERY = (
    _PREFIXES
    + """
SELECT ?concept (MIN(STR(?label)) AS ?text) WHERE { ?concept skos:prefLabel ?label } GROUP BY ?concept
"""
)


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
    rows = [
        (kind, status, bool(dataset.toPython()), int(count))
        for kind, status, dataset, count in source.query(_TYPE_STATUS_QUERY)
    ]
    used = {concept for kind, status, _, _ in rows for concept in (kind, status)}
    labels = {concept: str(text).strip() for concept, text in source.query(_LABEL_QUERY) if concept in used}
    types, statuses = Counter(), Counter()
    origins: dict[str, Counter] = {"curated": Counter(), "dataset": Counter()}
    for kind, status, dataset, count in rows:
        types[labels.get(kind, str(kind))] += count
        statuses[labels.get(status, str(status))] += count
        origins["dataset" if dataset else "curated"][labels.get(kind, str(kind))] += count
    taking_part = Counter()
    for _agent, kind in source.query(_PARTICIPANTS_QUERY):
        taking_part[str(kind).rsplit("#", 1)[-1] if kind else "Organisation"] += 1
    return {
        "triples": len(source),
        "entities": per_class,
        "cooperation_by_type": dict(sorted(types.items())),
        "cooperation_by_status": dict(sorted(statuses.items())),
        "cooperation_by_origin": {origin: dict(sorted(counts.items())) for origin, counts in origins.items()},
        "taking_part": dict(sorted(taking_part.items())),
    }


def format_stats(stats: dict) -> str:
    """A short human-readable summary of :func:`compute_stats` output."""
    lines = [f"triples: {stats['triples']}", "entities:"]
    lines += [f"  {name}: {count}" for name, count in stats["entities"].items() if count]
    lines.append(
        "actors taking part in cooperation: "
        + ", ".join(f"{count} {_plural(kind.lower())}" for kind, count in stats["taking_part"].items())
    )
    for title, key in (
        ("cooperation by type", "cooperation_by_type"),
        ("cooperation by status", "cooperation_by_status"),
    ):
        lines.append(f"{title}:")
        lines += [f"  {name}: {count}" for name, count in stats[key].items()]
    for origin, what in (("curated", "curated (stated by a quote)"), ("dataset", "dataset-derived (stated by a row)")):
        counts = stats.get("cooperation_by_origin", {}).get(origin, {})
        lines.append(f"cooperation {what}: {sum(counts.values())}")
        lines += [f"  {name}: {count}" for name, count in counts.items()]
    if "violations" in stats:
        lines.append(f"violations: {stats['violations']}  warnings: {stats['warnings']}")
    return "\n".join(lines)


def _plural(noun: str) -> str:
    """``country`` → ``countries``, ``organisation`` → ``organisations``."""
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
