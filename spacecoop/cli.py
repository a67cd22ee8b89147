"""The ``spacecoop`` command line: one ``main()`` and a subcommand per module.

Each subcommand lives in the module that does its job and registers itself through
``add_parser(subparsers)``, setting ``func`` to a handler that takes the parsed arguments and
returns an exit code: 0 success or conforms, 1 violations, 2 error (pySHACL's convention).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from spacecoop import __version__
from spacecoop.errors import SpaceCoopError

__all__ = ["main", "build_parser"]

COMMAND_MODULES = (
    "spacecoop.build.pipeline",
    "spacecoop.validation.shacl",
    "spacecoop.build.stats",
    "spacecoop.importers.gcat",
    "spacecoop.commands.ingest",
    "spacecoop.commands.query",
    "spacecoop.commands.push",
    "spacecoop.commands.serve",
    "spacecoop.commands.export",
    "spacecoop.commands.clusters",
    "spacecoop.build.synth",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="spacecoop",
        description="Build, validate, query and explore the SpaceCoop knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"spacecoop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``spacecoop`` with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SpaceCoopError as error:
        print(f"spacecoop {args.command}: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a full disk, a vanished folder: say so, exit 2, no traceback
        print(f"spacecoop {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 2
