"""The command line behaves as command-line tools do: help for every argument, -v/-q, quiet on a closed pipe."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from spacecoop.cli import COMMANDS, build_parser, main

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


def test_an_empty_value_is_a_usage_error_for_every_argument_of_every_command(capsys):
    """fuzz-cli: an empty value (an unset shell variable) was taken for the option left out, or as a path for the
    current folder. Every argument that takes a value now refuses it: exit 2, naming the argument."""
    checked = 0
    for name, sub in _subparsers().items():
        positionals = [a for a in sub._actions if not a.option_strings]
        for action in sub._actions:
            if action.nargs == 0 or action.choices or isinstance(action, argparse._SubParsersAction):
                continue
            before = ["x"] * positionals.index(action) if action in positionals else action.option_strings[:1]
            with pytest.raises(SystemExit) as caught:
                build_parser().parse_args([*name.split(), *before, ""])
            assert caught.value.code == 2, f"{name} {action.dest}"
            assert f"argument {action.option_strings[0] if action.option_strings else action.metavar}" in (
                capsys.readouterr().err
            )
            checked += 1
    assert checked > 50


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--data", "", "--format", "nt"],  # read the whole built graph
        ["site", "--data", "", "--out", "site"],  # the same
        ["push", "--endpoint", "http://127.0.0.1:9/query", "--graph", ""],  # replaced the default graph
        ["query", "partners", "--endpoint", ""],  # ran in-process instead
        ["import-gcat", ""],  # rewrote graph/gcat/
        ["import-gcat", "--layers-dir", ""],  # wrote the layers into the current folder
        ["export", "--out", ""],  # wrote to standard output
        ["serve", "--host", ""],  # listened on every interface
    ],
)
def test_what_an_empty_value_did_is_refused_before_any_work(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "is empty: give a value or leave it out" in capsys.readouterr().err


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
