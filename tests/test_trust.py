"""Trust: what an outside tester tries, by class — named graphs, destructive writes, requests never
meant, credentials, strict loading, tracebacks, stores. Each test runs the real command line (in
this process through ``cli.main``, or as a real process where signals or servers are involved)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from spacecoop import cli
from spacecoop.io.paths import ONTOLOGY_DIR, PROJECT_ROOT

STATUSES = ONTOLOGY_DIR / "vocab" / "statuses.ttl"


def run(argv, capsys) -> tuple[int, str, str]:
    """``spacecoop ARGV`` in this process: exit code, stdout, stderr."""
    capsys.readouterr()
    try:
        code = cli.main([str(a) for a in argv])
    except SystemExit as exit_:  # argparse
        code = exit_.code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def spacecoop_process(*argv, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "spacecoop", *map(str, argv)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


# ---- 7. stores: serve is read-only by default, stops on SIGTERM, reports a taken port -----------------


def _serve(*extra):
    process = spacecoop_process("serve", "--data", STATUSES, *extra)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/query", line)
    assert match, line + process.stderr.read()
    return process, int(match[1])


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def _update(port: int) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/update",
        method="POST",
        data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        headers={"Content-Type": "application/sparql-update"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("writable", [False, True], ids=["read-only", "writable"])
def test_serve_refuses_updates_unless_asked_and_stops_its_child_on_sigterm(writable):
    process, port = _serve(*(["--writable"] if writable else []))
    try:
        children = _children(process.pid)
        assert bool(children) == writable, "an Oxigraph child only for --writable (the web server is in-process)"
        status = _update(port)
        assert (status == 204) if writable else (status >= 400), status
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(30)
    assert code == 0, process.stderr.read()
    assert all(not Path(f"/proc/{child}").exists() for child in children), "the Oxigraph child outlived SIGTERM"


def test_serve_reports_a_taken_port(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(["serve", "--data", STATUSES, "--port", port], capsys)
    assert code == 2
    assert f"port {port} on 127.0.0.1 is taken" in err


# ---- 6. tracebacks: every argument is range-checked ------------------------------------------------

BAD_ARGUMENTS = [
    ["query", "partners", "--timeout", "nan"],
    ["query", "partners", "--timeout", "-1"],
    ["query", "partners", "--timeout", "inf"],
    ["query", "partners", "--timeout", "1e400"],
    ["push", "--endpoint", "http://127.0.0.1:1/query", "--timeout", "nan"],
    ["push", "--endpoint", "http://127.0.0.1:1/query", "--timeout", "0"],
    ["serve", "--timeout", "-5"],
    ["serve", "--port", "70000"],
    ["serve", "--port", "-1"],
    ["serve", "--port", "٣٠٠٠"],
    ["clusters", "--seed", "-1"],
    ["clusters", "--seed", "99999999999999999999"],
    ["clusters", "--seeds", "0"],
    ["clusters", "--since", "0"],
    ["clusters", "--until", "١٩٩٩"],
    ["clusters", "--timeout", "nan"],
    ["clusters", "--as-of", "２０２０-01-01"],
    ["synth", "--triples", "-5", "--out", "-"],
    ["synth", "--triples", "10", "--seed", "-1", "--out", "-"],
    ["synth", "--triples", "10", "--violations", "-1", "--out", "-"],
]


@pytest.mark.parametrize("argv", BAD_ARGUMENTS, ids=[" ".join(a) for a in BAD_ARGUMENTS])
def test_out_of_range_arguments_are_usage_errors(argv, capsys):
    code, _, err = run(argv, capsys)
    assert code == 2
    assert f"spacecoop {argv[0]}: error: argument" in err


# ---- 1. named graphs: datasets are read whole, push never shrinks a graph -----------------------------

TRIG_WITH_A_VIOLATION_IN_A_NAMED_GRAPH = """@prefix sco: <https://w3id.org/spacecoop/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/spacecoop/graph/backbone> {
  <https://w3id.org/spacecoop/id/org/x> <http://www.w3.org/2004/02/skos/core#note> "x" .
}
<https://w3id.org/spacecoop/graph/source/s> {
  <https://w3id.org/spacecoop/id/cooperation/c> a sco:Cooperation .
}
"""


def test_validate_sees_violations_inside_named_graphs(tmp_path, capsys):
    trig = tmp_path / "d.trig"
    trig.write_text(TRIG_WITH_A_VIOLATION_IN_A_NAMED_GRAPH)
    code, out, err = run(["validate", trig], capsys)
    assert code == 1, out + err
    assert "coop:c" in out


@pytest.mark.parametrize(
    "suffix,text",
    [
        (".trig", "<urn:g1> { <urn:a> <urn:p> 1 . } <urn:g2> { <urn:b> <urn:p> 2 . <urn:c> <urn:p> 3 . }"),
        (".nq", '<urn:a> <urn:p> "1" <urn:g1> .\n<urn:b> <urn:p> "2" <urn:g2> .\n<urn:c> <urn:p> "3" .\n'),
        (
            ".jsonld",
            '{"@id": "urn:g", "@graph": [{"@id": "urn:a", "urn:p": "1"}, {"@id": "urn:b", "urn:p": "2"},'
            ' {"@id": "urn:c", "urn:p": "3"}]}',
        ),
    ],
    ids=["trig", "nquads", "jsonld"],
)
@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_every_triple_of_every_named_graph_is_queried(tmp_path, capsys, suffix, text, engine):
    data = tmp_path / f"d{suffix}"
    data.write_text(text)
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    code, out, err = run(["query", query, "--data", data, "--engine", engine, "--format", "csv"], capsys)
    assert code == 0, err
    assert out.split() == ["n", "3"]


def test_export_keeps_the_triples_of_named_graphs(tmp_path, capsys):
    data = tmp_path / "d.trig"
    data.write_text("<urn:g> { <urn:a> <urn:p> <urn:b> . }")
    code, out, _ = run(["export", "--format", "nt", "--data", data], capsys)
    assert code == 0 and out == "<urn:a> <urn:p> <urn:b> .\n"


def test_push_of_a_trig_file_moves_every_triple(fresh_oxigraph, tmp_path, capsys):
    data = tmp_path / "d.trig"
    data.write_text("<urn:g1> { <urn:a> <urn:p> 1 . } <urn:g2> { <urn:b> <urn:p> 2 . }")
    code, out, err = run(["push", "--endpoint", fresh_oxigraph.query_url, "--data", data], capsys)
    assert code == 0, err
    assert "pushed 2 triples" in out


def test_push_refuses_a_graph_smaller_than_its_file(tmp_path):
    from rdflib import Graph

    from spacecoop.commands.push import push
    from spacecoop.errors import SpaceCoopError
    from spacecoop.store.endpoint import Endpoint

    endpoint = Endpoint("http://127.0.0.1:9/query")  # never contacted: the guard comes first
    with pytest.raises(SpaceCoopError, match="holds 5 triples but only 0 were read"):
        push(Graph(), endpoint, "urn:target", at_least=5, source="d.trig")


# ---- 3. requests never meant: SERVICE and FROM in local queries -------------------------------------


class Listener:
    """A socket on 127.0.0.1 that records whether anyone connected."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.setblocking(False)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/sparql"

    def contacted(self) -> bool:
        try:
            self.socket.accept()[0].close()
            return True
        except BlockingIOError:
            return False


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize(
    "form",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?x }} }} }}",
        "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
    ids=["service", "service-silent-optional", "from", "from-named", "ask-service"],
)
def test_local_queries_never_make_a_request(tmp_path, capsys, engine, form):
    listener = Listener()
    query = tmp_path / "q.rq"
    query.write_text(form.format(url=listener.url))
    code, _, err = run(["query", query, "--data", STATUSES, "--engine", engine], capsys)
    assert code == 2
    assert "SERVICE" in err or "FROM" in err
    assert not listener.contacted()


def test_a_deeply_nested_query_is_an_error(tmp_path, capsys):
    query = tmp_path / "deep.rq"
    query.write_text("SELECT * WHERE " + "{" * 400 + " ?s ?p ?o " + "}" * 400)
    code, _, err = run(["query", query, "--data", STATUSES], capsys)
    assert code == 2 and "nested too deeply" in err


# ---- 2. writes that destroy: outputs checked, temporary names unique, sets swapped whole -------------

ARTICLE = Path(__file__).parent / "fixtures" / "ingest" / "articles" / "exomars-suspended-2022.txt"
GAZETTEER = Path(__file__).parent / "fixtures" / "ingest" / "gazetteer.ttl"


def test_an_output_that_is_an_input_is_refused(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE.read_bytes())
    code, _, err = run(["ingest", article, "--published", "2022-03-17", "--graph", GAZETTEER, "--out", article], capsys)
    assert code == 2 and "is also an input" in err
    assert article.read_bytes() == ARTICLE.read_bytes()
    linked = tmp_path / "link.txt"
    linked.symlink_to(article)
    code, _, err = run(["ingest", article, "--published", "2022-03-17", "--graph", GAZETTEER, "--out", linked], capsys)
    assert code == 2 and "is also an input" in err
    code, _, err = run(["export", "--format", "ttl", "--data", STATUSES, "--out", STATUSES], capsys)
    assert code == 2 and "is also an input" in err


@pytest.mark.parametrize("target", ["fifo", "device-link", "folder"])
def test_an_output_that_is_not_a_regular_file_is_refused(tmp_path, capsys, target):
    out = tmp_path / "out.ttl"
    if target == "fifo":
        os.mkfifo(out)
    elif target == "device-link":
        out.symlink_to("/dev/null")
    else:
        out.mkdir()
    code, _, err = run(["export", "--format", "ttl", "--data", STATUSES, "--out", out], capsys)
    assert code == 2 and "refusing to write over it" in err
    assert not out.is_file()


def test_two_writers_never_share_a_temporary_name(tmp_path):
    from spacecoop.io.outputs import temporary_sibling

    names = {temporary_sibling(tmp_path / "out.nt") for _ in range(50)}
    assert len(names) == 50 and all(name.parent == tmp_path for name in names)


def test_import_gcat_refuses_an_import_that_empties_or_shrinks_its_output(tmp_path, capsys):
    from spacecoop.importers.gcat import COLUMNS

    header = tmp_path / "header-only.tsv"
    header.write_text("#" + "\t".join(COLUMNS) + "\n")
    out = tmp_path / "organisations.ttl"
    out.write_text(SENTINEL_TTL)
    code, _, err = run(["import-gcat", header, "--out", out], capsys)
    assert code == 2 and "no organisation could be imported" in err
    assert out.read_text() == SENTINEL_TTL
    small = tmp_path / "one-row.tsv"
    small.write_text(LAVOCHKIN.read_text())
    big = tmp_path / "big.ttl"
    big.write_text("".join(f"<urn:x{i}> <urn:p> {i} .\n" for i in range(2000)))
    before = big.read_bytes()
    code, _, err = run(["import-gcat", small, "--out", big], capsys)
    assert code == 2 and "--allow-shrink" in err and big.read_bytes() == before
    code, _, _ = run(["import-gcat", small, "--out", big, "--allow-shrink"], capsys)
    assert code == 0 and big.read_bytes() != before


SENTINEL_TTL = "# an earlier import\n<urn:a> <urn:p> <urn:b> .\n"
LAVOCHKIN = Path(__file__).parent / "fixtures" / "gcat" / "lavochkin.tsv"


def test_accept_keeps_comments_and_the_format_its_suffix_promises(tmp_path, capsys):
    candidates = tmp_path / "candidates.ttl"
    code, _, err = run(
        ["ingest", ARTICLE, "--published", "2022-03-17", "--graph", GAZETTEER, "--out", candidates], capsys
    )
    assert code == 0, err
    curated = tmp_path / "curated.ttl"
    curated.write_text("# Curated by hand: keep this comment.\n@prefix ex: <urn:ex:> .\nex:a ex:p ex:b . # and this\n")
    from spacecoop.ingest.review import _candidates
    from spacecoop.io.read import parse_file

    claim = str(_candidates(parse_file(candidates))[0]).rsplit("/", 1)[1]
    code, _, err = run(["accept", candidates, claim, "--into", curated], capsys)
    assert code == 0, err
    text = curated.read_text()
    assert text.startswith("# Curated by hand: keep this comment.\n") and "# and this" in text
    assert len(parse_file(curated)) > 1
    as_jsonld = tmp_path / "curated.jsonld"
    code, _, err = run(["accept", candidates, claim, "--into", as_jsonld], capsys)
    assert code == 0, err
    assert "@graph" in json.loads(as_jsonld.read_text())
    code, _, err = run(["accept", candidates, claim, "--into", tmp_path / "curated.trig"], capsys)
    assert code == 2 and "accept writes Turtle, N-Triples or JSON-LD" in err


def test_a_staged_folder_is_swapped_in_whole_or_not_at_all(tmp_path):
    from spacecoop.io.outputs import staged_folder

    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "spacecoop.nt").write_text("old\n")
    (dist / "clusters-country").mkdir()
    (dist / "clusters-country" / "summary.md").write_text("kept\n")
    with pytest.raises(KeyboardInterrupt):
        with staged_folder(dist) as staging:
            (staging / "spacecoop.nt").write_text("new, half written")
            raise KeyboardInterrupt
    assert (dist / "spacecoop.nt").read_text() == "old\n"
    with staged_folder(dist) as staging:
        (staging / "spacecoop.nt").write_text("new\n")
        (staging / "stats.json").write_text("{}\n")
    assert (dist / "spacecoop.nt").read_text() == "new\n" and (dist / "stats.json").exists()
    assert (dist / "clusters-country" / "summary.md").read_text() == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"], "a staging or old folder was left behind"


def test_a_cut_built_file_is_not_taken_as_fresh(tmp_path):
    from spacecoop.build.built import is_fresh
    from spacecoop.io.outputs import write_checksums

    root = tmp_path / "project"
    (root / "graph").mkdir(parents=True)
    (root / "graph" / "a.ttl").write_text("<urn:a> <urn:p> <urn:b> .\n")
    built = root / "dist" / "spacecoop.nt"
    built.parent.mkdir()
    built.write_text("<urn:a> <urn:p> <urn:b> .\n")
    write_checksums(built.parent, ["spacecoop.nt"])
    assert is_fresh(built, ("graph",), root)
    with open(built, "r+b") as stream:
        stream.truncate(10)
    assert not is_fresh(built, ("graph",), root)


def test_build_refuses_to_write_over_its_inputs(capsys):
    code, _, err = run(["build", "--out", PROJECT_ROOT / "graph"], capsys)
    assert code == 2 and "holds the build's own inputs" in err


# ---- 4. credentials: only to the origin given, never printed, never resolved --------------------------


class Store:
    """A tiny HTTP server standing in for a store that misbehaves: ``/redirect`` sends elsewhere, ``/echo``
    prints back the request's headers, ``/maxrows`` cuts its answer and says so, ``/count-empty`` answers a
    COUNT without rows, ``/deep`` answers JSON nested 100,000 deep. ``seen`` holds each request's headers."""

    def __init__(self, other: "Store | None" = None):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        state = self
        self.seen: list[dict] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, body, content_type="application/sparql-results+json", extra=()):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in extra:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                state.seen.append(dict(self.headers))
                kind = self.path.strip("/").split("/")[0].split("?")[0]
                one_row = (
                    b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}'
                )
                if kind == "redirect":
                    self.send_response(307)
                    self.send_header("Location", other.url("ok"))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif kind == "echo":
                    self.answer(500, json.dumps(dict(self.headers)).encode(), "text/plain")
                elif kind == "maxrows":
                    self.answer(200, one_row, extra=[("X-SPARQL-MaxRows", "10000")])
                elif kind == "count-empty":
                    self.answer(200, b'{"head": {"vars": ["n"]}, "results": {"bindings": []}}')
                elif kind == "deep":
                    self.answer(200, b"[" * 100_000 + b"]" * 100_000)
                elif kind == "bignumber":
                    self.answer(200, b'{"head": {"vars": ["n"]}, "results": {"bindings": ' + b"1" * 5000 + b"}}")
                else:
                    self.answer(200, one_row)

            do_GET = do_PUT = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, kind: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/{kind}/query"

    def close(self):
        self.server.shutdown()


@pytest.fixture
def stores():
    elsewhere = Store()
    store = Store(other=elsewhere)
    yield store, elsewhere
    store.close()
    elsewhere.close()


SECRET_ENV = {"SPACECOOP_ENDPOINT_USER": "alice", "SPACECOOP_ENDPOINT_PASSWORD": "pa ss/wörd+1"}


def test_a_redirect_to_another_origin_is_refused_and_gets_no_credential(stores, capsys, monkeypatch):
    store, elsewhere = stores
    for name, value in SECRET_ENV.items():
        monkeypatch.setenv(name, value)
    code, out, err = run(["query", "partners", "--param", "org=scorg:esa", "--endpoint", store.url("redirect")], capsys)
    assert code == 2 and "redirected" in err and "another origin" in err
    assert store.seen and "Authorization" in store.seen[0]
    assert elsewhere.seen == [], "the request (and its credentials) reached another origin"


def test_credentials_are_never_printed_in_any_encoding(stores, capsys, monkeypatch):
    import base64

    store, _ = stores
    for name, value in SECRET_ENV.items():
        monkeypatch.setenv(name, value)
    code, out, err = run(["query", "partners", "--param", "org=scorg:esa", "--endpoint", store.url("echo")], capsys)
    assert code == 2
    password = SECRET_ENV["SPACECOOP_ENDPOINT_PASSWORD"]
    pair = base64.b64encode(f"alice:{password}".encode()).decode()
    for form in (password, pair, urllib.parse.quote(password, safe=""), urllib.parse.quote_plus(password)):
        assert form not in out + err


@pytest.mark.parametrize("option", ["--endpoint", "--store-url", "--update-url"])
def test_an_address_with_a_password_is_refused_before_any_request(capsys, option):
    secret = "s3cr3t-pw"
    argv = ["push", "--data", STATUSES, "--endpoint", "http://127.0.0.1:9/query"]
    argv += [option, f"http://bob:{secret}@127.0.0.1:9/store"] if option != "--endpoint" else []
    if option == "--endpoint":
        argv[-1] = f"http://bob:{secret}@no-such-host.invalid:9/query"
    code, out, err = run(argv, capsys)
    assert code == 2 and "credentials in the address are refused" in err
    assert secret not in out + err and "bob" not in out + err


def test_a_token_in_the_query_string_is_never_printed(capsys):
    code, out, err = run(
        [
            "query",
            "partners",
            "--param",
            "org=scorg:esa",
            "--endpoint",
            "http://127.0.0.1:9/query?api_key=tok3n-secret-123",
        ],
        capsys,
    )
    assert code == 2
    assert "tok3n-secret-123" not in out + err and "api_key=***" in err


# ---- 7. stores: answers checked, never trusted ---------------------------------------------------------


@pytest.mark.parametrize(
    "kind,message", [("maxrows", "X-SPARQL-MaxRows"), ("deep", "nested too deeply"), ("bignumber", "not JSON")]
)
def test_a_cut_or_hostile_answer_is_an_error(stores, capsys, kind, message):
    store, _ = stores
    code, _, err = run(["query", "partners", "--param", "org=scorg:esa", "--endpoint", store.url(kind)], capsys)
    assert code == 2 and message in err


def test_a_count_without_rows_is_an_error(stores):
    from spacecoop.store.endpoint import Endpoint, EndpointError

    store, _ = stores
    with pytest.raises(EndpointError, match="not one row holding a count"):
        Endpoint(store.url("count-empty")).graph_size("urn:g")


def test_a_store_answer_larger_than_the_cap_is_refused(stores):
    from spacecoop.store.endpoint import Endpoint, EndpointError, Limits

    store, _ = stores
    with pytest.raises(EndpointError, match="larger than 10 bytes"):
        Endpoint(store.url("ok"), limits=Limits(max_bytes=10)).select("SELECT * WHERE { ?s ?p ?o }")


def test_push_keeps_its_time_limit_against_a_silent_store(tmp_path):
    import threading
    import time

    from rdflib import Graph

    from spacecoop.commands.push import CLEANUP_SECONDS, push
    from spacecoop.errors import SpaceCoopError
    from spacecoop.store.endpoint import Endpoint, Limits

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    held = []
    threading.Thread(target=lambda: [held.append(silent.accept()) for _ in range(16)], daemon=True).start()
    graph = Graph().parse(data="<urn:a> <urn:p> <urn:b> .", format="turtle")
    endpoint = Endpoint(f"http://127.0.0.1:{silent.getsockname()[1]}/query", limits=Limits(total=2))
    started = time.monotonic()
    with pytest.raises(SpaceCoopError, match="no answer within"):
        push(graph, endpoint, "urn:g")
    assert time.monotonic() - started < 2 + CLEANUP_SECONDS + 3
    silent.close()
