"""The command line behaves as command-line tools do: help for every argument, -v/-q, quiet on a closed pipe."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from spacecoop.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[1]


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = sub
                for inner in sub._actions:
                    if isinstance(inner, argparse._SubParsersAction):
                        found.update({f"{name} {n}": s for n, s in inner.choices.items()})
    return found


def test_every_argument_of_every_command_has_help():
    commands = _subparsers()
    assert len(commands) > 10
    missing = [
        f"{name}: {action.dest}"
        for name, sub in commands.items()
        for action in sub._actions
        if not action.help and not isinstance(action, argparse._SubParsersAction)
    ]
    assert missing == []


def test_each_command_is_registered_by_the_module_commands_names():
    """``main`` imports only the module :data:`~spacecoop.cli.COMMANDS` names for a command: it must register it."""
    assert set(_subparsers()) >= set(COMMANDS)
    for name in COMMANDS:
        alone = next(a for a in build_parser(name)._actions if isinstance(a, argparse._SubParsersAction))
        assert name in alone.choices


def _spacecoop(arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        f"{sys.executable} -m spacecoop {arguments}",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        executable="/bin/bash",
        timeout=600,
    )


def test_a_closed_pipe_ends_quietly():
    """`| head -c 1` closes the pipe after one byte: no message, no error exit."""
    piped = _spacecoop('export --format nt | head -c 1 >/dev/null; echo "exit=${PIPESTATUS[0]}"')
    assert piped.stdout.strip() == "exit=0" and piped.stderr == "", piped.stderr


def test_quiet_and_verbose():
    quiet = _spacecoop("-q stats")
    assert quiet.returncode == 0 and quiet.stderr == ""
    verbose = _spacecoop("-v export --format nt >/dev/null")
    assert verbose.returncode == 0, verbose.stderr
    both = _spacecoop("-q -v stats")
    assert both.returncode == 2 and "not allowed with" in both.stderr
