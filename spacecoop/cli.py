"""The ``spacecoop`` command line: one ``main()`` and a subcommand per module.

Each subcommand lives in the module that does its job and registers itself through
``add_parser(subparsers)``, setting ``func`` to a handler that takes the parsed arguments and
returns an exit code: 0 success or conforms, 1 violations, 2 error (pySHACL's convention).
SIGTERM is handled like Ctrl-C (``KeyboardInterrupt``), so that a command stopped by ``kill``, a
process manager or a container stops its children and removes its temporary files. An exception
no check foresaw is reported in one line as an internal error (exit 70), never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from spacecoop import __version__
from spacecoop.console import configure
from spacecoop.errors import SpaceCoopError
from spacecoop.io.paths import describe_data

__all__ = ["main", "build_parser", "COMMANDS", "sigterm_as_interrupt", "INTERNAL_ERROR"]

INTERNAL_ERROR = 70
"""The exit code of a failure no check foresaw (``EX_SOFTWARE``): a bug to report, never bad input."""

COMMANDS = {
    "build": "spacecoop.commands.build",
    "validate": "spacecoop.commands.validate",
    "stats": "spacecoop.commands.stats",
    "import-gcat": "spacecoop.importers.gcat",
    "import-countries": "spacecoop.importers.countries",
    "import-wikidata": "spacecoop.importers.wikidata",
    "ingest": "spacecoop.commands.ingest",
    "review": "spacecoop.commands.ingest",
    "accept": "spacecoop.commands.ingest",
    "query": "spacecoop.commands.query",
    "push": "spacecoop.commands.push",
    "serve": "spacecoop.commands.serve",
    "site": "spacecoop.commands.site",
    "export": "spacecoop.commands.export",
    "clusters": "spacecoop.commands.clusters",
    "release": "spacecoop.commands.release",
    "synth": "spacecoop.commands.synth",
}
"""Each subcommand → the module that registers it (``add_parser``)."""
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered, or only ``command``'s module (one of
    :data:`COMMANDS`), so that a run imports what its command needs and no more (a third of a second).

    >>> sorted(build_parser("ingest")._subparsers._group_actions[0].choices)
    ['accept', 'ingest', 'review']
    """
    parser = argparse.ArgumentParser(
        prog="spacecoop",
        description="Build, validate, query and explore the SpaceCoop knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"spacecoop {__version__} ({describe_data()})")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="say more on standard error: -v each step and its time, -vv details",
    )
    loudness.add_argument("-q", "--quiet", action="store_true", help="errors only: no warnings, no progress bars")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", required=True)
    for module_name in (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES:
        importlib.import_module(module_name).add_parser(subparsers)
    _refuse_empty_values(parser)
    return parser


def _refuse_empty_values(parser: argparse.ArgumentParser) -> None:
    """Make an empty value of a file, folder, address, IRI or name a usage error (exit 2) in every subcommand.

    An empty string (an unset shell variable: ``--data "$FILE"``) is no value of its own: a command that tests
    it took it for the option left out (``--data ""`` read the whole built graph, ``push --graph ""`` replaced the
    store's default graph, ``import-gcat ""`` rewrote graph/gcat/), and as a path it named the current folder.
    Values of other types (dates, numbers, choices) are checked by their own types.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _refuse_empty_values(sub)
        elif action.nargs != 0 and not action.choices and action.type in (None, str, Path):
            action.type = _not_empty(action.type)


def _not_empty(convert):
    """An argument type: ``convert`` (``None``: the text itself) of any value but the empty one."""

    def value(text: str):
        if text == "":
            raise argparse.ArgumentTypeError("is empty: give a value or leave it out")
        return text if convert is None else convert(text)

    value.__name__ = getattr(convert, "__name__", "value")
    return value


def _command_of(argv: list[str]) -> str | None:
    """The subcommand ``argv`` names: its first word that is not an option (the global options take no value).

    >>> _command_of(["-q", "build", "--out", "x"]), _command_of(["--help"])
    ('build', None)
    """
    return next((word for word in argv if not word.startswith("-")), None)


@contextmanager
def sigterm_as_interrupt():
    """While inside, SIGTERM raises :class:`KeyboardInterrupt` as Ctrl-C does, so that the same
    ``finally`` blocks run (main thread only: signals are delivered there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _say(command: str, message: str) -> None:
    """One line on standard error, lone surrogates (from undecodable arguments) escaped, not fatal."""
    print(f"spacecoop {command}: {message}".encode("utf-8", "backslashreplace").decode("utf-8"), file=sys.stderr)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush finds no closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Run ``spacecoop`` with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(_command_of(argv)).parse_args(argv)
    configure(-1 if args.quiet else args.verbose)
    with sigterm_as_interrupt():
        try:
            return args.func(args)
        except BrokenPipeError:  # the reader went away (`| head`): end quietly, as a filter does
            _silence_stdout()
            return 0
        except SpaceCoopError as error:
            _say(args.command, f"error: {error}")
            return 2
        except OSError as error:  # a full disk, a vanished folder: say so, exit 2, no traceback
            _say(args.command, f"error: {error}")
            return 2
        except KeyboardInterrupt:
            _say(args.command, "stopped")
            return 2
        except (RecursionError, MemoryError) as error:
            _say(args.command, f"error: the input is too large or too deeply nested to handle ({type(error).__name__})")
            return 2
        except Exception as error:  # noqa: BLE001 - the last line of defence: one line, never a traceback
            _say(
                args.command,
                f"internal error: {type(error).__name__}: {error} "
                "(a bug: please report it with the command that caused it)",
            )
            return INTERNAL_ERROR
