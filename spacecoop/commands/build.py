"""``spacecoop build [--out DIR] [--also FILE…] [--engine …]``: build, validate and write the graph
(:mod:`spacecoop.build.pipeline`), print a summary. Exit 0 when the graph
conforms (warnings allowed), 1 on violations, 2 on errors.

The outputs are one set: they are written into a folder beside DIR and swapped in when all are written
(:func:`spacecoop.io.outputs.staged_folder`), with ``SHA256SUMS`` listing their digests, so that DIR never
holds old and new files side by side and a cut ``spacecoop.nt`` is never taken for a fresh build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spacecoop.build.pipeline import OUTPUT_FORMATS, build_graph, validate_and_write
from spacecoop.build.stats import format_stats
from spacecoop.console import quiet, step
from spacecoop.errors import SpaceCoopError
from spacecoop.io.outputs import staged_folder, write_checksums
from spacecoop.io.paths import DIST_DIR, PROJECT_ROOT
from spacecoop.validation.shacl import ENGINES

__all__ = ["add_parser"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build, validate and export the knowledge graph",
        description="Load ontology/ and graph/ strictly, derive shortcuts, validate, and write the graph "
        "(Turtle, N-Triples, JSON-LD, TriG), the validation report and stats to --out.",
    )
    parser.add_argument("--out", type=Path, default=DIST_DIR, help="output folder (default: dist/)")
    parser.add_argument(
        "--also",
        type=Path,
        nargs="+",
        default=[],
        metavar="FILE",
        help="extra RDF files to build with graph/ (a draft to check before it moves in, or "
        "an extract of millions of triples)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="SHACL engine: pyshacl (the reference), fast (compiled to SPARQL on Oxigraph, same "
        "report) or auto (fast, falling back to pySHACL where it refuses; the default)",
    )
    parser.set_defaults(func=_run)


def _check_out_dir(out: Path, inputs) -> None:
    """Refuse an output folder that holds the build's inputs (the project itself, ``graph/``) or is one."""
    resolved = out.resolve()
    for source in [PROJECT_ROOT / "ontology", PROJECT_ROOT / "graph", *inputs]:
        source = Path(source).resolve()
        if resolved == source or resolved in source.parents:
            raise SpaceCoopError(
                "holds the build's own inputs: choose an output folder of its own (default dist/)", path=str(out)
            )


def _run(args: argparse.Namespace) -> int:
    _check_out_dir(args.out, args.also)
    # one set: written beside --out and swapped in whole, with SHA256SUMS (spacecoop.io.outputs)
    with staged_folder(args.out) as staging:
        with step("build: load and derive"):
            result = build_graph(args.also)
        with step("build: validate and write"):
            report, stats = validate_and_write(result, staging, args.engine)
        write_checksums(staging, [path.name for path in staging.iterdir() if path.is_file()])
    if quiet():  # -q: the exit code says it; violations are still listed below
        for finding in report.violations[:20]:
            print(f"[Violation] {finding.shape} {finding.focus} {finding.path} {finding.message}", file=sys.stderr)
        return 0 if report.conforms else 1
    print(format_stats(stats))
    if report.fallback:
        print(f"\nValidated by pySHACL (slower): {report.fallback}")
    if report.findings:
        print(f"\nValidation report: {args.out / 'validation-report.txt'}")
    for finding in report.violations[:20]:
        print(f"  [Violation] {finding.shape} {finding.focus} {finding.path} {finding.message}")
    print(f"\nWrote {args.out}/spacecoop.{{{','.join(OUTPUT_FORMATS)}}}")
    return 0 if report.conforms else 1
