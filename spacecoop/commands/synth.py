"""``spacecoop synth``: write a synthetic graph (:mod:`spacecoop.build.synth`) for benchmarks and tests."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spacecoop.build.synth import write_synthetic
from spacecoop.commands.argtypes import count, seed
from spacecoop.io.outputs import check_output, temporary_sibling, write_atomic

__all__ = ["add_parser"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "synth",
        help="write a synthetic SpaceCoop graph of a given size (for benchmarks)",
        description="Stream a synthetic graph in the SpaceCoop model as N-Triples: deterministic for a seed, "
        "valid under the shapes except exactly K planted findings (see spacecoop.build.synth.PLANTED_KINDS).",
    )
    parser.add_argument("--triples", type=count, required=True, metavar="N", help="about how many triples")
    parser.add_argument("--seed", type=seed, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--violations", type=count, default=0, metavar="K", help="planted findings (default 0)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="output N-Triples file ('-': stdout)")
    parser.add_argument("--summary", type=Path, metavar="FILE", help="also write what was planted, as JSON")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if str(args.out) == "-":
        summary = write_synthetic(sys.stdout, args.triples, args.seed, args.violations)
    else:
        check_output(args.out)
        temporary = temporary_sibling(args.out)
        try:
            with open(temporary, "w", encoding="utf-8", newline="\n") as stream:
                summary = write_synthetic(stream, args.triples, args.seed, args.violations)
            temporary.replace(args.out)
        finally:
            temporary.unlink(missing_ok=True)
    if args.summary:
        write_atomic(args.summary, summary.as_json() + "\n", inputs=[] if str(args.out) == "-" else [args.out])
    kinds = summary.planted_kinds()
    print(
        f"wrote {summary.triples} triples; planted {len(summary.planted)} finding(s)"
        + (": " + ", ".join(f"{k} x{n}" for k, n in sorted(kinds.items())) if kinds else ""),
        file=sys.stderr,
    )
    return 0
