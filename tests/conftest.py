"""Fixtures shared by the tests.

- ``built``: the real build (ontology/ and graph/ loaded strictly, derived, validated, written), run ONCE for
  the whole test run into a temporary folder; ``built_with_views`` adds the views fixture to it. Tests read
  them and never change them (copy first). No test module builds the graph again.
- Servers for the query, store and push tests: a real Oxigraph server, a real Virtuoso server, and a
  misbehaving HTTP server of our own. Every server binds 127.0.0.1 at a free port, lives in its own
  temporary directory and is stopped by its PID.

Markers (registered in pyproject.toml): ``slow`` (minutes: notebooks, fuzz corpora, scale, reasoners),
``server`` (starts a store server), ``virtuoso`` (needs Virtuoso). The default local run is
``pytest -m "not slow"``; CI (``.ci/run``) runs everything, and there a missing Virtuoso fails instead of
skipping (``SPACECOOP_REQUIRE_VIRTUOSO=1``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template

import pytest
from rdflib import Graph

from spacecoop.build.derive import derive
from spacecoop.build import pipeline
from spacecoop.build.pipeline import BuildResult, validate_build, with_derivations, write_outputs
from spacecoop.store.knowledge import KnowledgeStore
from spacecoop.validation.shacl import Report
from spacecoop.commands.serve import free_port, start_oxigraph, stop_process, wait_until_up

FIXTURES = Path(__file__).parent / "fixtures"
QUERY_GRAPH = FIXTURES / "queries" / "graph.ttl"
VIEWS_FIXTURE = FIXTURES / "views" / "partnerships.ttl"
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")


SERVER_FIXTURES = {"oxigraph", "fresh_oxigraph", "virtuoso", "store", "misbehaving"}


def pytest_collection_modifyitems(items):
    """Mark the tests that start a server ``server``, and those that need Virtuoso ``virtuoso``."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SERVER_FIXTURES:
            item.add_marker(pytest.mark.server)
        callspec = getattr(item, "callspec", None)
        if "virtuoso" in fixtures or (callspec is not None and callspec.params.get("store") == "virtuoso"):
            item.add_marker(pytest.mark.virtuoso)


@dataclass(frozen=True)
class Built:
    """One real build: the store (and an rdflib copy of the graph), the validation report, the stats, and the
    folder holding the outputs (``spacecoop.{ttl,nt,jsonld,trig}``, the report, ``stats.json``)."""

    result: BuildResult
    report: Report
    stats: dict
    out: Path

    @property
    def graph(self) -> Graph:
        return self.result.graph

    def __iter__(self):
        """Unpacks as ``result, report, stats, out``."""
        return iter((self.result, self.report, self.stats, self.out))


_REAL_BUILD_GRAPH = pipeline.build_graph
_ONE_BUILD: list[BuildResult] = []


def _build_once(extra=()) -> BuildResult:
    """``build_graph()`` run once per test process; with ``extra`` files, a real build each time."""
    if extra:
        return _REAL_BUILD_GRAPH(extra)
    if not _ONE_BUILD:
        _ONE_BUILD.append(_REAL_BUILD_GRAPH())
    return _ONE_BUILD[0]


@pytest.fixture(scope="session", autouse=True)
def _one_build_per_run():
    """Whatever asks the library for the built graph in this process (``built`` below, and the commands and the
    API when ``dist/`` is stale) gets the same one, built on first use. ``spacecoop build`` itself (the
    command) still builds for real."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "build_graph", _build_once)
        yield


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The real build, run once for the whole test run (as ``spacecoop build --out DIR`` does)."""
    result = pipeline.build_graph()
    report = validate_build(result)
    out = tmp_path_factory.mktemp("dist")
    return Built(result, report, write_outputs(result, report, out), out)


@pytest.fixture(scope="session")
def built_with_views(built) -> BuildResult:
    """The real built graph plus tests/fixtures/views/partnerships.ttl (read strictly, skolemised), with the
    derivations rerun: what ``build_graph(extra=[VIEWS_FIXTURE])`` gives, without building graph/ again."""
    store = KnowledgeStore("oxigraph")
    store.store.bulk_extend(built.result.store.store.quads_for_pattern(None, None, None))
    store.load_file(VIEWS_FIXTURE, skolemise=True)
    return with_derivations(store)


@pytest.fixture(scope="session")
def fixture_graph() -> Graph:
    """The small graph of tests/fixtures/queries, with the triples the build derives from it."""
    graph = Graph().parse(QUERY_GRAPH)
    graph += derive(graph)
    return graph


@dataclass
class Store:
    """A running store: its kind, query endpoint, the graph tests use, and its process."""

    kind: str
    query_url: str
    graph: str | None
    process: subprocess.Popen
    folder: Path
    port: int = 0


def _start_oxigraph(folder: Path) -> Store:
    port = free_port()
    process = start_oxigraph(folder / "store", port, query_timeout=60)
    return Store("oxigraph", f"http://127.0.0.1:{port}/query", None, process, folder, port)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory) -> Store:
    """One Oxigraph server for the session (on-disk store in its own directory)."""
    store = _start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield store
    stop_process(store.process)


@pytest.fixture
def fresh_oxigraph(tmp_path) -> Store:
    """An Oxigraph server of this test's own, for tests that stop or break it."""
    store = _start_oxigraph(tmp_path)
    yield store
    stop_process(store.process)


def _isql(port: int, statements: str) -> None:
    result = subprocess.run(
        [ISQL, f"127.0.0.1:{port}", "dba", "dba", f"exec={statements}"], capture_output=True, text=True, timeout=60
    )
    if result.returncode or "Error" in result.stdout + result.stderr:
        raise RuntimeError(f"isql failed: {result.stdout}{result.stderr}")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> Store:
    """A Virtuoso server of the tests' own: own data directory and virtuoso.ini, SPARQL updates granted."""
    if not (VIRTUOSO and ISQL):
        if os.environ.get("SPACECOOP_REQUIRE_VIRTUOSO"):
            pytest.fail("Virtuoso is required here (SPACECOOP_REQUIRE_VIRTUOSO) but virtuoso-t/isql are missing")
        pytest.skip("Virtuoso is not installed here (scripts/install-virtuoso installs it; CI runs it)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    template = Template((Path(__file__).parent / "virtuoso.ini.template").read_text())
    ini = folder / "virtuoso.ini"
    ini.write_text(template.substitute(dir=folder, sql_port=sql_port, http_port=http_port))
    log = open(folder / "stdout.log", "wb")
    process = subprocess.Popen([VIRTUOSO, "-f", "-c", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{http_port}/sparql", process, seconds=120)
        _isql(sql_port, "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);")
    except Exception:
        stop_process(process)
        raise
    yield Store(
        "virtuoso", f"http://127.0.0.1:{http_port}/sparql", "urn:spacecoop:test:main", process, folder, http_port
    )
    stop_process(process, grace=30)
    log.close()


@pytest.fixture(params=["oxigraph", "virtuoso"])
def store(request) -> Store:
    """Each real store in turn."""
    return request.getfixturevalue(request.param)


# ---- a misbehaving SPARQL endpoint ----

OK_BODY = json.dumps(
    {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "ok"}}]}}
).encode()


@dataclass
class Misbehaving:
    """A tiny HTTP server whose first path segment says how to misbehave; ``hits`` counts requests."""

    base: str
    hits: dict = field(default_factory=dict)
    headers: list = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, behaviour: str) -> str:
        return f"{self.base}/{behaviour}/query"


def _handler(state: Misbehaving):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _answer(self, status, body=b"", content_type="application/sparql-results+json", extra=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in extra:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self.do_POST()

        def do_PUT(self):
            self.do_POST()

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            state.headers.append(dict(self.headers))
            behaviour = self.path.strip("/").split("/")[0]
            count = state.hits[behaviour] = state.hits.get(behaviour, 0) + 1
            if behaviour == "ok":
                self._answer(200, OK_BODY)
            elif behaviour == "busy429" and count <= 2:
                self._answer(429, b"slow down", "text/plain", [("Retry-After", "1")])
            elif behaviour == "busy503-forever":
                self._answer(503, b"maintenance", "text/plain", [("Retry-After", "1")])
            elif behaviour in ("busy429", "busy503"):
                if behaviour == "busy503" and count <= 2:
                    self._answer(503, b"maintenance", "text/plain", [("Retry-After", "1")])
                else:
                    self._answer(200, OK_BODY)
            elif behaviour == "auth":
                self._answer(401, b"who are you", "text/plain", [("WWW-Authenticate", 'Basic realm="x"')])
            elif behaviour == "forbidden":
                self._answer(403, b"no", "text/plain")
            elif behaviour == "bad":
                self._answer(400, b"Parse error: unexpected token", "text/plain")
            elif behaviour == "error":
                self._answer(500, b"internal error", "text/plain")
            elif behaviour == "slow":
                state.release.wait(120)
                self._answer(200, OK_BODY)
            elif behaviour == "trickle":
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                for _ in range(600):
                    if state.release.wait(0.2):
                        break
                    self.wfile.write(b" ")
                    self.wfile.flush()
                self.close_connection = True
            elif behaviour == "truncated":
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(OK_BODY)))
                self.end_headers()
                self.wfile.write(OK_BODY[: len(OK_BODY) // 2])
                self.close_connection = True
            elif behaviour == "truncated-unsized":
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(OK_BODY[: len(OK_BODY) // 2])
                self.close_connection = True
            elif behaviour == "html":
                self._answer(200, b"<html><body>Login</body></html>", "text/html")
            else:
                self._answer(404, b"no such behaviour", "text/plain")

    return Handler


@pytest.fixture
def misbehaving() -> Misbehaving:
    """The misbehaving server, on 127.0.0.1 at a free port, for one test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    state = Misbehaving(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(state)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    time.sleep(0.05)
    server.shutdown()
    server.server_close()
