"""``spacecoop stats [--json]``: the counts of the built graph (``dist/spacecoop.nt`` when it is fresh, else
built in memory)."""

from __future__ import annotations

import argparse
import json

from spacecoop.build.built import store_from
from spacecoop.build.stats import compute_stats, format_stats
from spacecoop.io.paths import describe_data

__all__ = ["add_parser"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="print counts for the built graph",
        description="Print the counts of the built graph (dist/spacecoop.nt when it is fresh, else built in memory).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    stats = compute_stats(store_from(None))
    if args.json:
        print(json.dumps({"data": describe_data(), **stats}, indent=2))
    else:
        print(f"{describe_data()}\n{format_stats(stats)}")
    return 0
