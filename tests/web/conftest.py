"""Fixtures for the web tests: the small query-fixture graph (with what the build derives) written to a
file, and a real ``spacecoop serve`` process on it, on 127.0.0.1 at a free port, stopped by its PID."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from spacecoop.commands.serve import free_port, stop_process, wait_until_up
from spacecoop.io.write import to_ntriples
from spacecoop.store.knowledge import KnowledgeStore
from spacecoop.web.app import WebApp
from spacecoop.web.source import LocalSource


@pytest.fixture(scope="session")
def web_data(fixture_graph, tmp_path_factory) -> Path:
    """The fixture graph as an N-Triples file (what ``--data`` reads)."""
    path = tmp_path_factory.mktemp("web") / "graph.nt"
    path.write_text(to_ntriples(fixture_graph), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def web_app(web_data) -> WebApp:
    """The web application over the fixture graph, in this process."""
    return WebApp(LocalSource(KnowledgeStore.from_files([web_data], "oxigraph"), add_ontology=True))


@dataclass
class Server:
    url: str
    process: subprocess.Popen


@pytest.fixture(scope="session")
def web_server(web_data) -> Server:
    """``spacecoop serve --data`` running as a user starts it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "spacecoop", "serve", "--data", str(web_data), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/", process, seconds=120)
    except Exception:
        stop_process(process)
        raise
    yield Server(url, process)
    stop_process(process)
