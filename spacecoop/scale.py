"""The build on Oxigraph: the same steps as :mod:`spacecoop.build`, for graphs of millions of triples.

:func:`build_store` loads the ontology, vocabularies and data files into an in-memory
:class:`~spacecoop.store.KnowledgeStore` (Oxigraph parsers), skolemises blank nodes (through rdflib,
only if there are any), runs the CONSTRUCT rules of ``queries/rules/`` (all on the loaded graph, then
added, as :func:`spacecoop.derive.derive` does), validates with the fast validator (falling back to
pySHACL where it refuses) plus the ``*-violation`` checks, and :func:`write_store_outputs` writes sorted
N-Triples, Turtle, the validation report and a few stats. JSON-LD is left to the rdflib build: a
compacted, sorted JSON-LD of millions of triples is not what anyone loads.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from spacecoop.derive import rule_files
from spacecoop.namespaces import bind_prefixes
from spacecoop.paths import CHECKS_DIR, ontology_files
from spacecoop.serialize import to_turtle, write_atomic
from spacecoop.store import KnowledgeStore
from spacecoop.validate import Finding, Report, _term, load_shapes, report_from_graph

__all__ = ["StoreBuild", "build_store", "validate_store", "run_store_checks", "write_store_outputs"]


@dataclass
class StoreBuild:
    """The loaded and derived store, how many triples the rules added, and the time of each step."""

    store: KnowledgeStore
    derived: int = 0
    timings: dict = field(default_factory=dict)


def _has_blank_nodes(store: KnowledgeStore) -> bool:
    return store.query("ASK { { ?s ?p ?o FILTER(isBlank(?s)) } UNION { ?s ?p ?o FILTER(isBlank(?o)) } }").boolean


def build_store(paths, with_ontology: bool = True) -> StoreBuild:
    """Load (ontology and vocabularies first, unless ``with_ontology`` is false), skolemise and derive."""
    timings = {}
    start = time.perf_counter()
    files = [*(ontology_files() if with_ontology else []), *map(Path, paths)]
    store = KnowledgeStore.from_files(files, backend="oxigraph")
    timings["load"] = time.perf_counter() - start
    start = time.perf_counter()
    if _has_blank_nodes(store):
        from spacecoop.skolem import skolemise

        graph = skolemise(store.to_rdflib())
        store = KnowledgeStore.from_graph(graph, backend="oxigraph")
    timings["skolemise"] = time.perf_counter() - start
    start = time.perf_counter()
    new = []
    for rule in rule_files():
        new.extend(store.construct_ox(rule.read_text(encoding="utf-8")))
    before = len(store)
    store.add_ox_triples(new)
    timings["derive"] = time.perf_counter() - start
    return StoreBuild(store=store, derived=len(store) - before, timings=timings)


def validate_store(store: KnowledgeStore, shapes: Graph | None = None, engine: str = "auto") -> Report:
    """SHACL validation of a store: the fast validator, or pySHACL on an rdflib copy where it refuses."""
    from spacecoop.fastvalidate import FastValidator, Unsupported, report_graph
    from spacecoop.validate import validate_graph

    shapes = shapes if shapes is not None else load_shapes()
    names = bind_prefixes(Graph(bind_namespaces="core"))
    if engine != "pyshacl" and store.backend == "oxigraph":
        try:
            results = FastValidator(shapes).validate_store(store.store)
            return report_from_graph(report_graph(shapes, results), shapes, names)
        except Unsupported:
            if engine == "fast":
                raise
    return validate_graph(store.to_rdflib(), shapes, engine="pyshacl")


def run_store_checks(store: KnowledgeStore, checks_dir: Path = CHECKS_DIR) -> list[Finding]:
    """The ``*-violation`` checks on a store; each row is a violation (as :func:`spacecoop.validate.run_checks`)."""
    names = bind_prefixes(Graph(bind_namespaces="core"))
    findings = []
    for check in sorted(checks_dir.glob("*-violation.rq")):
        for row in store.query(check.read_text(encoding="utf-8")).rows:
            values = [_term(names, value) for value in row]
            findings.append(Finding("Violation", f"check:{check.stem}", values[0] if values else "",
                                    "", " ".join(values[1:]), f"{check.name} returned this row"))
    return findings


def write_store_outputs(build: StoreBuild, report: Report, out_dir: Path) -> dict:
    """Write ``spacecoop.nt`` (sorted), ``spacecoop.ttl``, the report and ``stats.json``; return the stats."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = build.store
    nt = store.sorted_ntriples()
    _write_bytes(out_dir / "spacecoop.nt", nt)
    turtle = ox.serialize((q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)),
                          format=ox.RdfFormat.TURTLE, prefixes=dict(sorted(_prefixes().items())))
    _write_bytes(out_dir / "spacecoop.ttl", turtle)
    write_atomic(out_dir / "validation-report.ttl", to_turtle(report.graph))
    write_atomic(out_dir / "validation-report.txt", report.as_text() + "\n")
    classes = store.query("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c").rows
    stats = {"triples": len(store), "derived": build.derived, "violations": len(report.violations),
             "warnings": len(report.warnings),
             "classes": {str(c): int(n) for c, n in classes}}
    write_atomic(out_dir / "stats.json", json.dumps(stats, indent=2, sort_keys=True) + "\n")
    return stats


def _prefixes() -> dict:
    from spacecoop.namespaces import PREFIXES

    return dict(PREFIXES)


def _write_bytes(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
