"""The build: load strictly, skolemise, derive, validate, and write the outputs.

``spacecoop build [--out DIR] [--also FILE…]`` writes to DIR (default ``dist/``)
``spacecoop.ttl``, ``spacecoop.nt``, ``spacecoop.jsonld``, ``spacecoop.trig`` (one named graph per
source), ``validation-report.ttl``,
``validation-report.txt`` and ``stats.json``, and prints a summary. Exit 0 when the graph
conforms (warnings allowed), 1 on violations, 2 on errors. Identical inputs give identical bytes.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from spacecoop.derive import derive
from spacecoop.load import load_sources
from spacecoop.paths import DIST_DIR
from spacecoop.export import serialise
from spacecoop.serialize import to_turtle, write_atomic
from spacecoop.skolem import skolemise
from spacecoop.stats import compute_stats, format_stats
from spacecoop.validate import ENGINES, Report, run_checks, validate_graph

OUTPUT_FORMATS = ("ttl", "nt", "jsonld", "trig")

__all__ = ["OUTPUT_FORMATS", "BuildResult", "build_graph", "validate_build", "write_outputs", "add_parser"]


@dataclass
class BuildResult:
    """The built graph (ontology, vocabularies, curated and generated data, derived triples) and the derived part alone."""

    graph: Graph
    derived: Graph


def build_graph(extra=()) -> BuildResult:
    """Load everything strictly, skolemise blank nodes and add the derived triples."""
    graph = skolemise(load_sources(extra))
    derived = derive(graph)
    graph += derived
    return BuildResult(graph=graph, derived=derived)


def validate_build(result: BuildResult, engine: str = "auto") -> Report:
    """SHACL validation (``engine``: auto, fast or pyshacl; see ``validate_graph``) plus the ``*-violation`` checks."""
    report = validate_graph(result.graph, engine=engine)
    report.findings.extend(run_checks(result.graph))
    return report


def write_outputs(result: BuildResult, report: Report, out_dir: Path) -> dict:
    """Write the graph in three formats, the report and the stats; return the stats."""
    stats = compute_stats(result.graph)
    stats.update(violations=len(report.violations), warnings=len(report.warnings))
    for extension in OUTPUT_FORMATS:
        write_atomic(out_dir / f"spacecoop.{extension}", serialise(result.graph, extension))
    write_atomic(out_dir / "validation-report.ttl", to_turtle(report.graph))
    write_atomic(out_dir / "validation-report.txt", report.as_text() + "\n")
    write_atomic(out_dir / "stats.json", json.dumps(stats, indent=2, sort_keys=True) + "\n")
    return stats


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build, validate and export the knowledge graph",
        description="Load ontology/ and graph/ strictly, derive shortcuts, validate, and write the graph "
                    "(Turtle, N-Triples, JSON-LD), the validation report and stats to --out.",
    )
    parser.add_argument("--out", type=Path, default=DIST_DIR, help="output folder (default: dist/)")
    parser.add_argument("--also", type=Path, nargs="+", default=[], metavar="FILE",
                        help="extra Turtle files to build with graph/ (to check a draft before it moves in)")
    parser.add_argument("--engine", choices=ENGINES, default="auto",
                        help="SHACL engine: pyshacl (the reference), fast (compiled to SPARQL on Oxigraph, same "
                             "report) or auto (fast, falling back to pySHACL where it refuses; the default)")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    result = build_graph(args.also)
    report = validate_build(result, args.engine)
    stats = write_outputs(result, report, args.out)
    print(format_stats(stats))
    if report.findings:
        print(f"\nValidation report: {args.out / 'validation-report.txt'}")
    for finding in report.violations[:20]:
        print(f"  [Violation] {finding.shape} {finding.focus} {finding.path} {finding.message}")
    print(f"\nWrote {args.out}/spacecoop.{{{','.join(OUTPUT_FORMATS)}}}")
    return 0 if report.conforms else 1
