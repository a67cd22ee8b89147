"""The bad-input corpus (tests/bad_input/cases.toml): every case through the real command line.

Each case gives a clear error naming the file (and the line, where the format has lines) with
exit 2, or the violation it expects with exit 1; never a traceback; an output that existed is left
as it was and no temporary file is left behind; graph/ and dist/ keep their bytes. Cases marked
``process`` run as a real ``python -m spacecoop`` process, the others through ``main()`` in this
process (faster; same parser and handlers). Cases marked ``hang`` point at a local server that
accepts connections and never answers: they run in a real process with a time limit, and the
server must not have been contacted.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
import socket
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest

from spacecoop import cli
from spacecoop.io.read import MAX_FILE_BYTES, MAX_LITERAL_CHARS, parse_file
from spacecoop.io.paths import DIST_DIR, GRAPH_DIR, PROJECT_ROOT

HERE = Path(__file__).parent / "bad_input"
CASES = tomllib.loads((HERE / "cases.toml").read_text(encoding="utf-8"))["case"]
GAZETTEER = Path(__file__).parent / "fixtures" / "ingest" / "gazetteer.ttl"
SENTINEL = "an earlier output that a failed run must leave alone\n"
PREFIXES = (
    "@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n"
    "@prefix scorg: <https://w3id.org/spacecoop/id/org/> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
)


def _commands() -> set[str]:
    parser = cli.build_parser()
    return set(next(a for a in parser._actions if a.dest == "command").choices)  # noqa: SLF001


COMMANDS = _commands()


def snapshot(*folders: Path) -> dict[str, str]:
    """Path → SHA-256 of every file under ``folders``."""
    found = {}
    for folder in folders:
        if folder.exists():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


class HangingServer:
    """Listens on 127.0.0.1, accepts connections and never answers; counts who came."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.connections: list[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}"

    def _serve(self):
        while not self.stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections.append(connection)  # held open, never answered

    def close(self):
        self.stop.set()
        self.thread.join(2)
        for connection in self.connections:
            connection.close()
        self.socket.close()


@pytest.fixture
def hanging_server():
    server = HangingServer()
    yield server
    server.close()


def generate(kind: str, path: Path) -> None:
    """The cases too big to keep in git."""
    if kind == "huge-literal":
        path.write_text(PREFIXES + 'scorg:x skos:note "' + "x" * (MAX_LITERAL_CHARS + 1) + '" .\n', encoding="utf-8")
    elif kind == "huge-file":  # sparse: the size is refused before a byte is read
        with open(path, "wb") as stream:
            stream.truncate(MAX_FILE_BYTES + 1)
    elif kind == "huge-store-file":  # sparse, past what an in-memory Oxigraph store takes
        from spacecoop.store.knowledge import MAX_STORE_FILE_BYTES

        with open(path, "wb") as stream:
            stream.truncate(MAX_STORE_FILE_BYTES + 1)
    elif kind == "large-nul":  # one good line, then NUL bytes: large enough to be streamed by Oxigraph
        with open(path, "wb") as stream:
            stream.write(b'<https://w3id.org/spacecoop/id/org/x> <http://www.w3.org/2004/02/skos/core#note> "x" .\n')
            stream.truncate(25_000_000)
    elif kind == "long-datatype":  # a literal of a few characters, its datatype IRI past the limit
        path.write_text(f'<urn:a> <urn:p> "x"^^<urn:{"d" * MAX_LITERAL_CHARS}> .\n', encoding="utf-8")
    elif kind == "long-predicate":
        path.write_text(f"<urn:a> <urn:{'p' * MAX_LITERAL_CHARS}> <urn:b> .\n", encoding="utf-8")
    elif kind == "fifo":  # a named pipe: opening it for reading would block, reading it would never end
        os.mkfifo(path)
    elif kind == "dev-zero-link":  # a link to a device that never ends
        path.symlink_to("/dev/zero")
    elif kind == "huge-article":
        from spacecoop.ingest.article import MAX_ARTICLE_BYTES

        with open(path, "wb") as stream:
            stream.write(b"8 June 2017\nLavochkin works with ESA. ")
            stream.truncate(MAX_ARTICLE_BYTES + 1)
    else:
        raise ValueError(kind)


def spacecoop_process(argv: list[str], timeout: float) -> subprocess.CompletedProcess:
    """``python -m spacecoop ARGV`` in a process of its own, run from the project's root."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "spacecoop", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT_ROOT,
        env=env,
    )


def run_cli(argv: list[str], *, process: bool, capsys, timeout: float = 120) -> tuple[int, str, str]:
    if process:
        done = spacecoop_process(argv, timeout)
        return done.returncode, done.stdout, done.stderr
    capsys.readouterr()
    try:
        code = cli.main(argv)
    except SystemExit as exit_:  # argparse
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_input(case, tmp_path, capsys, request):
    command = case["run"][0]
    if command not in COMMANDS:
        pytest.fail(f"`spacecoop {command}` is not registered in spacecoop/cli.py")
    work = tmp_path / "in"
    work.mkdir()
    source = HERE / "files" / case["file"]
    path = work / case["file"]
    if "generate" in case:
        generate(case["generate"], path)
    elif source.exists():
        data = source.read_bytes()
        if case.get("hang"):
            server = request.getfixturevalue("hanging_server")
            data = data.replace(b"HANG_URL", server.url.encode())
        path.write_bytes(data)
    also = work / case["also"] if "also" in case else None
    if also:
        also.write_bytes((HERE / "files" / case["also"]).read_bytes())

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir if command == "build" else out_dir / "output.ttl"
    existing = out_dir / "spacecoop.ttl" if command == "build" else out
    existing.write_text(SENTINEL)
    argv = [arg.format(file=path, out=out, also=also, gazetteer=GAZETTEER) for arg in case["run"]]

    before = snapshot(GRAPH_DIR, DIST_DIR)
    process = bool(case.get("process") or case.get("hang"))
    code, stdout, stderr = run_cli(argv, process=process, capsys=capsys, timeout=60 if case.get("hang") else 300)
    after = snapshot(GRAPH_DIR, DIST_DIR)

    shown = stdout if case.get("stream") == "stdout" else stderr
    assert code == case["exit"], f"exit {code}, expected {case['exit']}\nstdout: {stdout}\nstderr: {stderr}"
    assert "Traceback" not in stdout + stderr
    for fragment in case["message"]:
        assert fragment in shown, f"{fragment!r} not in:\n{shown}"
    for fragment in case.get("absent", []):  # a secret, say: in no output, in any form given
        assert fragment not in stdout + stderr, f"{fragment!r} was printed"
    if case["exit"] == 2:
        if case.get("names_file", True):
            assert stderr.startswith(f"spacecoop {command}: error: {path}"), stderr
        else:  # an argument or an address is at fault, not the file: the message names it instead
            assert stderr.startswith((f"spacecoop {command}: error: ", "usage: ")), stderr
        if "line" in case:
            assert f"{path}:{case['line']}: " in stderr, stderr
        assert existing.read_text() == SENTINEL, "a failed run replaced an earlier output"
    elif "line" in case:
        assert f"{path}:{case['line']}: " in shown, shown
    leftovers = [p.name for p in out_dir.rglob("*") if p.name.endswith(".tmp")]
    assert not leftovers, f"temporary files left behind: {leftovers}"
    assert before == after, "graph/ or dist/ changed"
    if case.get("hang"):
        assert not request.getfixturevalue("hanging_server").connections, "the loader contacted the remote address"


def test_corpus_is_big_enough_and_every_file_is_used():
    assert len(CASES) >= 30
    used = {case["file"] for case in CASES} | {case["also"] for case in CASES if "also" in case}
    kept = {path.name for path in (HERE / "files").iterdir()}
    assert kept - used == set(), "files in tests/bad_input/files that no case uses"
    assert len({case["id"] for case in CASES}) == len(CASES)


# ---- the writes go through a temporary file and a rename ----------------------------------------


def _fail_on_replace(monkeypatch):
    calls = []

    def failing_replace(source, destination):
        calls.append((Path(source), Path(destination)))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    return calls


def test_import_gcat_writes_through_a_temporary_file(tmp_path, monkeypatch, capsys):
    out = tmp_path / "organisations.ttl"
    out.write_text(SENTINEL)
    calls = _fail_on_replace(monkeypatch)
    tsv = Path(__file__).parent / "fixtures" / "gcat" / "lavochkin.tsv"
    assert cli.main(["import-gcat", str(tsv), "--out", str(out)]) == 2  # the OSError is reported, not raised
    assert [destination for _, destination in calls] == [out]
    assert calls[0][0].parent == out.parent and calls[0][0].name.endswith(".tmp")
    assert out.read_text() == SENTINEL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["organisations.ttl"]


def test_ingest_writes_through_a_temporary_file(tmp_path, monkeypatch, capsys):
    if "ingest" not in COMMANDS:
        pytest.fail("`spacecoop ingest` is not registered in spacecoop/cli.py")
    out = tmp_path / "candidates.ttl"
    out.write_text(SENTINEL)
    article = Path(__file__).parent / "fixtures" / "ingest" / "articles" / "exomars-suspended-2022.txt"
    calls = _fail_on_replace(monkeypatch)
    assert (
        cli.main(["ingest", str(article), "--published", "2022-03-17", "--graph", str(GAZETTEER), "--out", str(out)])
        == 2
    )  # the OSError is reported, not raised
    assert [destination for _, destination in calls] == [out]
    assert out.read_text() == SENTINEL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["candidates.ttl"]


def test_build_writes_every_output_through_a_temporary_file(tmp_path, monkeypatch):
    """Each build output is renamed into place whole (checked on write_outputs, without a full build)."""
    from rdflib import Graph, Literal, URIRef

    from spacecoop.build import pipeline as build
    from spacecoop.io import side_writer
    from spacecoop.store.knowledge import KnowledgeStore
    from spacecoop.validation.shacl import Report

    calls = []
    real_replace = os.replace

    def recording_replace(source, destination):
        calls.append((Path(source), Path(destination)))
        real_replace(source, destination)

    @contextmanager
    def writing_here(ntriples, turtle=None, jsonld=None):  # the second process's code, run in this one
        yield
        assert side_writer.main([str(ntriples), str(turtle or ""), str(jsonld or "")]) == 0

    monkeypatch.setattr(os, "replace", recording_replace)
    monkeypatch.setattr(build, "writing_beside", writing_here)
    graph = Graph()
    graph.add(
        (
            URIRef("https://w3id.org/spacecoop/id/org/x"),
            URIRef("http://www.w3.org/2004/02/skos/core#note"),
            Literal("x"),
        )
    )
    build.write_outputs(build.BuildResult(KnowledgeStore.from_graph(graph)), Report(graph=Graph()), tmp_path)
    written = sorted(destination.name for _, destination in calls)
    assert written == sorted(p.name for p in tmp_path.iterdir())
    assert all(source.name.endswith(".tmp") and source.parent == tmp_path for source, _ in calls)


# ---- the loader's own promises ----------------------------------------------------------------


def test_a_refused_file_adds_nothing_to_the_graph(tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text(PREFIXES + 'scorg:x skos:note "kept" .\n')
    graph = parse_file(good)
    bad = tmp_path / "bad.ttl"
    bad.write_text(PREFIXES + 'scorg:y skos:note "fine" .\nscorg:y sco:startDate "2019-13-45"^^xsd:date .\n')
    with pytest.raises(Exception, match="month 13"):
        parse_file(bad, graph)
    assert len(graph) == 1


def test_a_deep_nesting_limit_is_not_a_recursion_crash_even_far_beyond_it(tmp_path):
    from spacecoop.errors import SpaceCoopError

    path = tmp_path / "very-deep.ttl"
    path.write_text(PREFIXES + "scorg:x sco:note " + "[ sco:note " * 100_000 + '"x"' + " ]" * 100_000 + " .\n")
    with pytest.raises(SpaceCoopError, match="nested more than"):
        parse_file(path)
    path = tmp_path / "very-deep.jsonld"
    path.write_text('{"@id": "https://e.org/x", "https://e.org/p": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(SpaceCoopError, match="nested too deeply"):
        parse_file(path)


@pytest.mark.parametrize(
    "lexical, datatype",
    [
        ("2020-02-29", "date"),
        ("-0044-03-15", "date"),
        ("2019-06-01Z", "date"),
        ("2019-06-01+05:30", "date"),
        ("2019-06-01T12:00:00", "dateTime"),
        ("2019-06-01T24:00:00Z", "dateTime"),
        ("2019-06-01T12:00:00.25-03:00", "dateTime"),
        ("-12", "integer"),
        ("+0", "integer"),
        ("1.", "decimal"),
        (".5", "decimal"),
        ("-0.50", "decimal"),
        ("true", "boolean"),
        ("0", "boolean"),
        ("https://example.org/a?b=c#d", "anyURI"),
        ("../relative", "anyURI"),
    ],
)
def test_well_typed_literals_load(tmp_path, lexical, datatype):
    path = tmp_path / "ok.ttl"
    path.write_text(PREFIXES + f'scorg:x sco:value "{lexical}"^^xsd:{datatype} .\n')
    assert len(parse_file(path)) == 1


@pytest.mark.parametrize(
    "lexical, datatype",
    [
        ("2019-6-1", "date"),
        ("2019-06-01 ", "date"),
        ("2019-00-10", "date"),
        ("2019-06-31", "date"),
        ("19-06-01", "date"),
        ("2019-06-01T12:00", "dateTime"),
        ("2019-06-01T24:00:01", "dateTime"),
        ("2019-06-01T12:00:60", "dateTime"),
        ("1.5", "integer"),
        ("", "integer"),
        ("1e3", "decimal"),
        ("NaN", "decimal"),
        ("TRUE", "boolean"),
        ("https://example.org/{id}", "anyURI"),
        ("-1", "nonNegativeInteger"),
        ("abc", "double"),
    ],
)
def test_ill_typed_literals_are_refused(tmp_path, lexical, datatype):
    from spacecoop.errors import SpaceCoopError

    path = tmp_path / "bad.ttl"
    path.write_text(PREFIXES + f'scorg:x sco:value "{lexical}"^^xsd:{datatype} .\n')
    with pytest.raises(SpaceCoopError, match="ill-typed literal") as caught:
        parse_file(path)
    assert caught.value.line == 6 and "<https://w3id.org/spacecoop/id/org/x>" in str(caught.value)


# ---- no command fetches while reading a file it is given -----------------------------------------
# Every subcommand that reads a user's RDF file (``--data FILE``, ``validate PATH``, ``build --also``)
# runs as a real process on a JSON-LD file whose @context is the hanging server's address, and on
# that address itself: a loader that fetched would hang (the time limit stops it) and the server
# would count the connection. A subcommand not registered in spacecoop/cli.py yet is skipped.

#: subcommand → its arguments besides ``--data FILE``
DATA_COMMANDS = {
    "query": ["partners"],
    "export": ["--format", "nt"],
    "push": ["--endpoint", "http://127.0.0.1:1/query"],
    "serve": [],
    "clusters": [],
}


def run_process(argv, timeout=30):
    try:
        done = spacecoop_process(argv, timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`spacecoop {' '.join(argv)}` hung: it is fetching something")
    return done


@pytest.mark.parametrize("command", sorted(DATA_COMMANDS))
@pytest.mark.parametrize("what", ["remote-context-file", "address"])
def test_data_option_never_fetches(command, what, hanging_server, tmp_path):
    if command not in COMMANDS:
        pytest.fail(f"`spacecoop {command}` is not registered in spacecoop/cli.py")
    if what == "address":
        data = f"{hanging_server.url}/graph.ttl"
    else:
        path = tmp_path / "remote.jsonld"
        path.write_text(
            '{"@context": "%s/context.jsonld", "@id": "https://w3id.org/spacecoop/id/org/x", '
            '"prefLabel": "X"}' % hanging_server.url
        )
        data = str(path)
    done = run_process([command, *DATA_COMMANDS[command], "--data", data])
    assert not hanging_server.connections, f"`spacecoop {command} --data` contacted {hanging_server.url}"
    assert done.returncode == 2, done.stdout + done.stderr
    assert data.split("//")[-1] in done.stderr and "Traceback" not in done.stderr  # Path() makes "http://" "http:/"


@pytest.mark.parametrize("argv", [["validate", "{file}"], ["build", "--also", "{file}", "--out", "{out}"]])
def test_loading_commands_never_fetch(argv, hanging_server, tmp_path):
    path = tmp_path / "remote.jsonld"
    path.write_text(
        '{"@context": ["%s/context.jsonld"], "@id": "https://w3id.org/spacecoop/id/org/x"}' % hanging_server.url
    )
    done = run_process([arg.format(file=path, out=tmp_path / "out") for arg in argv])
    assert not hanging_server.connections
    assert done.returncode == 2 and "is never fetched" in done.stderr
