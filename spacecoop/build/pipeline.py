"""The build: load strictly, skolemise, derive, validate, and write the outputs.

``spacecoop build [--out DIR] [--also FILE…] [--backend auto|rdflib|oxigraph]`` writes to DIR (default
``dist/``) ``spacecoop.ttl``, ``spacecoop.nt``, ``spacecoop.jsonld``, ``spacecoop.trig`` (one named graph
per source), ``validation-report.ttl``, ``validation-report.txt`` and ``stats.json``, and prints a
summary. With extra files of millions of triples it builds on Oxigraph instead (:mod:`spacecoop.build.scale`;
Turtle and N-Triples only). Exit 0 when the graph conforms (warnings allowed), 1 on violations, 2 on
errors. Identical inputs give identical bytes.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from spacecoop.build.derive import derive_in_store
from spacecoop.io.read import load_sources
from spacecoop.io.paths import DIST_DIR, graph_files
from spacecoop.commands.export import serialise
from spacecoop.io.write import to_turtle, write_atomic
from spacecoop.build.skolem import skolemise
from spacecoop.build.stats import compute_stats, format_stats
from spacecoop.store.knowledge import KnowledgeStore, from_ox
from spacecoop.validation.shacl import ENGINES, Report, run_checks, validate_graph

OUTPUT_FORMATS = ("ttl", "nt", "jsonld", "trig")
SCALE_OUTPUT_FORMATS = ("ttl", "nt")
#: ``--backend auto`` builds on Oxigraph when the ``--also`` files pass this size (docs/performance.md).
SCALE_THRESHOLD_BYTES = 10_000_000

__all__ = ["OUTPUT_FORMATS", "BuildResult", "build_graph", "validate_build", "write_outputs", "choose_build_backend",
           "add_parser"]


@dataclass
class BuildResult:
    """The built graph (ontology, vocabularies, curated and generated data, derived triples), the derived
    part alone, and the same built graph in an in-memory Oxigraph store (for validation and the writers)."""

    graph: Graph
    derived: Graph
    store: KnowledgeStore | None = None


def build_graph(extra=()) -> BuildResult:
    """Load everything strictly, skolemise blank nodes and add the derived triples (rules run on Oxigraph)."""
    graph = skolemise(load_sources(extra), in_place=True)
    store = KnowledgeStore.from_graph(graph, backend="oxigraph")
    derived = Graph(bind_namespaces="core")
    for triple in derive_in_store(store):
        triple = (from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object))
        if triple not in graph:
            derived.add(triple)
    graph += derived
    return BuildResult(graph=graph, derived=derived, store=store)


def validate_build(result: BuildResult, engine: str = "auto") -> Report:
    """SHACL validation (``engine``: auto, fast or pyshacl; see ``validate_graph``) plus the ``*-violation`` checks."""
    report = validate_graph(result.graph, engine=engine, store=result.store)
    report.findings.extend(run_checks(result.store if result.store is not None else result.graph))
    return report


def write_outputs(result: BuildResult, report: Report, out_dir: Path) -> dict:
    """Write the graph in four formats, the report and the stats; return the stats."""
    stats = compute_stats(result.store if result.store is not None else result.graph)
    stats.update(violations=len(report.violations), warnings=len(report.warnings))
    for extension in OUTPUT_FORMATS:
        write_atomic(out_dir / f"spacecoop.{extension}", serialise(result.graph, extension))
    write_atomic(out_dir / "validation-report.ttl", to_turtle(report.graph))
    write_atomic(out_dir / "validation-report.txt", report.as_text() + "\n")
    write_atomic(out_dir / "stats.json", json.dumps(stats, indent=2, sort_keys=True) + "\n")
    return stats


def choose_build_backend(extra, backend: str = "auto") -> str:
    """``rdflib`` (all four formats) or ``oxigraph`` (:mod:`spacecoop.build.scale`: N-Triples and Turtle only);
    ``auto`` takes Oxigraph when the extra files pass :data:`SCALE_THRESHOLD_BYTES`."""
    if backend != "auto":
        return backend
    size = sum(Path(path).stat().st_size for path in extra if Path(path).is_file())
    return "oxigraph" if size > SCALE_THRESHOLD_BYTES else "rdflib"


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build, validate and export the knowledge graph",
        description="Load ontology/ and graph/ strictly, derive shortcuts, validate, and write the graph "
                    "(Turtle, N-Triples, JSON-LD, TriG), the validation report and stats to --out.",
    )
    parser.add_argument("--out", type=Path, default=DIST_DIR, help="output folder (default: dist/)")
    parser.add_argument("--also", type=Path, nargs="+", default=[], metavar="FILE",
                        help="extra RDF files to build with graph/ (a draft to check before it moves in, or "
                             "an extract of millions of triples)")
    parser.add_argument("--engine", choices=ENGINES, default="auto",
                        help="SHACL engine: pyshacl (the reference), fast (compiled to SPARQL on Oxigraph, same "
                             "report) or auto (fast, falling back to pySHACL where it refuses; the default)")
    parser.add_argument("--backend", choices=("auto", "rdflib", "oxigraph"), default="auto",
                        help="rdflib: every format, lexical forms as curated; oxigraph: for millions of triples, "
                             "N-Triples and Turtle only (docs/performance.md); auto (the default): oxigraph "
                             f"when the --also files pass {SCALE_THRESHOLD_BYTES // 1_000_000} MB")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if choose_build_backend(args.also, args.backend) == "oxigraph":
        from spacecoop.build.scale import build_at_scale

        stats, report = build_at_scale([*args.also, *graph_files()], args.out, args.engine)
        formats = SCALE_OUTPUT_FORMATS
    else:
        result = build_graph(args.also)
        report = validate_build(result, args.engine)
        stats = write_outputs(result, report, args.out)
        formats = OUTPUT_FORMATS
    print(format_stats(stats))
    if report.findings:
        print(f"\nValidation report: {args.out / 'validation-report.txt'}")
    for finding in report.violations[:20]:
        print(f"  [Violation] {finding.shape} {finding.focus} {finding.path} {finding.message}")
    print(f"\nWrote {args.out}/spacecoop.{{{','.join(formats)}}}")
    return 0 if report.conforms else 1
