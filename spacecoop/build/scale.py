"""The build on Oxigraph: the same steps as :mod:`spacecoop.build.pipeline`, for graphs of millions of triples.

:func:`build_store` loads the ontology, vocabularies and data files into an in-memory
:class:`~spacecoop.store.knowledge.KnowledgeStore` (Oxigraph parsers), skolemises blank nodes (through rdflib,
only if there are any), runs the CONSTRUCT rules of ``queries/rules/`` (all on the loaded graph, then
added, as :func:`spacecoop.build.derive.derive` does), validates with the fast validator (falling back to
pySHACL where it refuses) plus the ``*-violation`` checks, and :func:`write_store_outputs` writes sorted
N-Triples, Turtle, the validation report and the stats of :func:`spacecoop.build.stats.compute_stats`.
:func:`build_at_scale` does it all (``spacecoop build --backend oxigraph``). JSON-LD and TriG are left
to the rdflib build: a compacted, sorted JSON-LD of millions of triples is not what anyone loads, and
the named graph per source is computed on an rdflib graph.

Oxigraph stores numbers by value: ``"-68.5800"^^xsd:decimal`` is written back as ``"-68.58"`` (the
same value; the rdflib build keeps the lexical form as curated).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from spacecoop.build.derive import derive_in_store
from spacecoop.io.paths import ontology_files
from spacecoop.io.write import to_turtle, write_atomic, write_turtle
from spacecoop.build.stats import compute_stats
from spacecoop.store.knowledge import KnowledgeStore
from spacecoop.validation.shacl import Report, run_checks, validate_graph

__all__ = ["StoreBuild", "load_store", "build_store", "validate_store", "write_store_outputs", "build_at_scale"]


@dataclass
class StoreBuild:
    """The loaded and derived store, how many triples the rules added, and the time of each step."""

    store: KnowledgeStore
    derived: int = 0
    timings: dict = field(default_factory=dict)


_BLANK = "{ ?s ?p ?o FILTER(isBlank(?s)) } UNION { ?s ?p ?o FILTER(isBlank(?o)) }"


def load_store(paths, with_ontology: bool = True) -> KnowledgeStore:
    """Load the files into Oxigraph (ontology and vocabularies first, unless ``with_ontology`` is false)
    and skolemise their blank nodes, if any, as :mod:`spacecoop.build.skolem` names them: a blank node's name
    depends only on the triples it is in, so only those go through rdflib, and come back renamed."""
    files = [*(ontology_files() if with_ontology else []), *map(Path, paths)]
    store = KnowledgeStore.from_files(files, backend="oxigraph")
    if not store.query(f"ASK {{ {_BLANK} }}").boolean:
        return store
    from spacecoop.build.skolem import skolemise

    blank = store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {_BLANK} }}")
    store.store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ {_BLANK} }}")
    store.add_graph(skolemise(blank, in_place=True))
    return store


def build_store(paths, with_ontology: bool = True) -> StoreBuild:
    """Load and skolemise (:func:`load_store`), then derive; ``timings``: ``load`` (with skolemisation)
    and ``derive``, in seconds."""
    start = time.perf_counter()
    store = load_store(paths, with_ontology)
    loaded = time.perf_counter()
    before = len(store)
    derive_in_store(store)
    derived = len(store) - before
    timings = {"load": loaded - start, "derive": time.perf_counter() - loaded}
    return StoreBuild(store=store, derived=derived, timings=timings)


def validate_store(store: KnowledgeStore, shapes: Graph | None = None, engine: str = "auto") -> Report:
    """SHACL validation of a store (:func:`spacecoop.validation.shacl.validate_graph` on it: the fast validator,
    or pySHACL on an rdflib copy where it refuses)."""
    return validate_graph(None, shapes, engine, store=store)


def write_store_outputs(build: StoreBuild, report: Report, out_dir: Path) -> dict:
    """Write ``spacecoop.nt`` (sorted), ``spacecoop.ttl``, the report and ``stats.json``; return the stats.

    Each file is written whole or not at all; the N-Triples are sorted on disk and the Turtle streamed
    from them, so the text of the graph is never held in memory."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    build.store.write_ntriples(out_dir / "spacecoop.nt")
    write_turtle(out_dir / "spacecoop.nt", out_dir / "spacecoop.ttl")
    write_atomic(out_dir / "validation-report.ttl", to_turtle(report.graph))
    write_atomic(out_dir / "validation-report.txt", report.as_text() + "\n")
    stats = compute_stats(build.store)
    stats.update(violations=len(report.violations), warnings=len(report.warnings))
    write_atomic(out_dir / "stats.json", json.dumps(stats, indent=2, sort_keys=True) + "\n")
    return stats


def build_at_scale(paths, out_dir: Path, engine: str = "auto") -> tuple[dict, Report]:
    """The whole build on Oxigraph (``spacecoop build --backend oxigraph``): ontology, vocabularies and
    ``paths`` loaded, derived, validated (shapes and checks) and written; the stats and the report."""
    build = build_store(paths)
    report = validate_store(build.store, engine=engine)
    report.findings.extend(run_checks(build.store))
    return write_store_outputs(build, report, out_dir), report
