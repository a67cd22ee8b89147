"""SpaceCoop as a new user gets it: a clean copy of the repository installed with a plain ``pip install PATH``
(not editable) in a fresh virtual environment, then used from another folder. The commands give the same
answers as in the checkout, and the Python API returns DataFrames."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _tracked_copy(target: Path) -> Path:
    """The files git tracks (what a clone holds), copied to ``target``; no dist/, no venv, no caches."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``bin`` folder of a fresh virtual environment holding SpaceCoop installed from a clean copy."""
    base = tmp_path_factory.mktemp("install")
    clone = _tracked_copy(base / "clone")
    environment = base / "venv"
    venv.create(environment, with_pip=True)
    done = subprocess.run(
        [environment / "bin" / "python", "-m", "pip", "install", "--quiet", str(clone)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shutil.rmtree(clone)  # the installed package must not lean on the folder it came from
    return environment / "bin"


def _run(command: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {}), "PYTHONPATH": ""},
    )


def _checkout(*arguments: str) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "spacecoop", *arguments], ROOT)


def test_the_package_says_where_its_graph_comes_from(installed, tmp_path):
    done = _run([installed / "spacecoop", "--version"], tmp_path)
    assert done.returncode == 0 and "graph from the package" in done.stdout, done.stdout + done.stderr


def test_stats_and_queries_answer_as_in_the_checkout(installed, tmp_path):
    assert _checkout("build").returncode in (0, 1)  # a fresh dist/ for the checkout's answers
    for arguments in (
        ["stats", "--json"],
        ["query", "partners", "--param", "org=https://w3id.org/spacecoop/id/org/esa", "--format", "csv"],
        ["query", "--list"],
    ):
        packaged = _run([installed / "spacecoop", *arguments], tmp_path)
        here = _checkout(*arguments)
        assert packaged.returncode == here.returncode == 0, packaged.stderr + here.stderr
        if arguments[0] == "stats":
            packaged_stats, here_stats = json.loads(packaged.stdout), json.loads(here.stdout)
            assert packaged_stats.pop("data").startswith("graph from the package")
            assert here_stats.pop("data").startswith("graph from the checkout")
            assert packaged_stats == here_stats and packaged_stats["triples"] > 10_000
        else:
            assert packaged.stdout == here.stdout and packaged.stdout.count("\n") > 5


def test_build_validate_and_clusters_work_from_another_folder(installed, tmp_path):
    build = _run([installed / "spacecoop", "-q", "build", "--out", str(tmp_path / "out")], tmp_path)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (tmp_path / "out" / "spacecoop.nt").stat().st_size > 1_000_000
    validate = _run([installed / "spacecoop", "validate", str(tmp_path / "out" / "spacecoop.nt")], tmp_path)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    clusters = _run(
        [installed / "spacecoop", "clusters", "--out", str(tmp_path / "clusters")], tmp_path, {"MPLBACKEND": "Agg"}
    )
    assert clusters.returncode == 0, clusters.stdout + clusters.stderr
    assert any((tmp_path / "clusters").iterdir())


def test_the_api_returns_dataframes_outside_the_checkout(installed, tmp_path):
    script = (
        "import spacecoop\n"
        "frame = spacecoop.query('partners', org='scorg:esa')\n"
        "print(type(frame).__name__, len(frame) > 0, 'partner_label' in frame.columns)\n"
        "G = spacecoop.partnerships('country')\n"
        "print(G.number_of_nodes() > 10)\n"
    )
    done = _run([installed / "python", "-c", script], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["DataFrame", "True", "True", "True"]
