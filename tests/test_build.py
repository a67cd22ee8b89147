"""The build: conforms, writes three formats that agree, and is deterministic (``built``: tests/conftest.py)."""

import json
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from spacecoop.cli import main
from spacecoop.io.read import parse_file
from spacecoop.io.terms import to_ox


def test_the_real_graph_conforms(built):
    _result, report, _stats, _out = built
    assert report.conforms, report.as_text()


def _triples(path: Path, format: pyoxigraph.RdfFormat) -> set:
    """The triples of an output as Oxigraph reads them (named graphs merged)."""
    return {quad.triple for quad in pyoxigraph.parse(path=str(path), format=format)}


@pytest.fixture(scope="module")
def ntriples(built) -> set:
    return _triples(built.out / "spacecoop.nt", pyoxigraph.RdfFormat.N_TRIPLES)


def test_no_blank_nodes_reach_the_outputs(ntriples):
    assert ntriples and not any(
        isinstance(term, pyoxigraph.BlankNode) for triple in ntriples for term in (triple.subject, triple.object)
    )


def test_turtle_holds_the_triples_of_the_ntriples(built, ntriples):
    assert _triples(built.out / "spacecoop.ttl", pyoxigraph.RdfFormat.TURTLE) == ntriples
    assert len(ntriples) == len(built.result.store)


def test_the_trig_holds_the_triples_of_the_ntriples(built, ntriples):
    dataset = pyoxigraph.Store()
    dataset.bulk_load(path=str(built.out / "spacecoop.trig"), format=pyoxigraph.RdfFormat.TRIG)
    assert {quad.triple for quad in dataset} == ntriples
    assert len(list(dataset.named_graphs())) > 100, "a named graph per source"


@pytest.fixture
def offline(monkeypatch):
    """No connection can be opened: a reader that tried to fetch a context fails."""

    def refuse(*_args, **_kwargs):
        raise OSError("offline")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_jsonld_embeds_its_context_and_rdflib_reads_it_offline(built, ntriples, offline):
    _result, _report, _stats, out = built
    document = json.loads((out / "spacecoop.jsonld").read_text(encoding="utf-8"))
    assert isinstance(document["@context"], dict)
    assert document["@context"]["scorg"] == "https://w3id.org/spacecoop/id/org/"
    jsonld = Graph().parse(out / "spacecoop.jsonld")  # rdflib's own reader, format from the suffix
    assert {pyoxigraph.Triple(*map(to_ox, triple)) for triple in jsonld} == ntriples


@pytest.mark.slow
def test_pyld_reads_the_jsonld_offline_to_the_ntriples(built, ntriples, offline):
    from pyld import jsonld

    _result, _report, _stats, out = built
    document = json.loads((out / "spacecoop.jsonld").read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert {quad.triple for quad in pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)} == ntriples


@pytest.mark.slow
def test_jena_reads_the_jsonld_to_the_ntriples(built, ntriples):
    """Jena's riot (scripts/riot; scripts/install-java installs it, as CI does) reads the JSON-LD to the same
    N-Triples. Debian's Jena reads JSON-LD 1.0, which our context keeps to."""
    riot = Path(__file__).parents[1] / "scripts" / "riot"
    installed = (
        shutil.which("java")
        and subprocess.run(["dpkg", "-s", "libapache-jena-java"], capture_output=True).returncode == 0
    )
    if not installed:
        if os.environ.get("CI"):
            pytest.fail("Jena is required in CI (scripts/install-java installs it)")
        pytest.skip("Java and Apache Jena are not installed here (scripts/install-java)")
    _result, _report, _stats, out = built
    done = subprocess.run(
        [str(riot), "--syntax=jsonld10", "--output=nt", str(out / "spacecoop.jsonld")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    # Jena escapes some characters that Oxigraph writes as they are (U+FFFD): compare the triples, not the text
    assert {quad.triple for quad in pyoxigraph.parse(done.stdout, format=pyoxigraph.RdfFormat.N_TRIPLES)} == ntriples


def test_plain_literals_stay_plain_after_reload(built, tmp_path):
    """The output's GCAT codes (plain literals), read back by the strict reader, still match a plain literal."""
    _result, _report, _stats, out = built
    codes = tmp_path / "codes.nt"
    lines = (out / "spacecoop.nt").read_text(encoding="utf-8").splitlines(keepends=True)
    codes.write_text("".join(line for line in lines if "#gcatCode>" in line), encoding="utf-8")
    reloaded = parse_file(codes)
    rows = list(
        reloaded.query('PREFIX sco: <https://w3id.org/spacecoop/ontology#> SELECT ?o WHERE { ?o sco:gcatCode "NPOLO" }')
    )
    assert len(rows) == 1


@pytest.mark.slow
def test_two_builds_give_identical_bytes(built, tmp_path):
    _result, _report, _stats, out = built
    assert main(["build", "--out", str(tmp_path)]) == 0
    for name in ("spacecoop.ttl", "spacecoop.nt", "spacecoop.jsonld", "spacecoop.trig", "stats.json"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_derived_shortcuts_are_present_and_symmetric(built):
    result, *_ = built
    from spacecoop.namespaces import ID, SCO

    lavochkin, esa = ID.org["npolo"], ID.org["esa"]
    assert (lavochkin, SCO.partnerOf, esa) in result.derived
    assert (esa, SCO.partnerOf, lavochkin) in result.derived
    # an offer is not a partnership
    assert result.store.query(f"ASK {{ <{lavochkin}> <{SCO.partnerOf}> <{ID.country['cn']}> }}").boolean is False


def test_build_exits_1_on_a_violation_and_2_on_a_malformed_file(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n"
        "<https://w3id.org/spacecoop/id/cooperation/x> a sco:Cooperation .\n"
    )
    assert main(["build", "--out", str(tmp_path / "out"), "--also", str(broken)]) == 1
    malformed = tmp_path / "malformed.ttl"
    malformed.write_text("@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n\nsco:a sco:b .\nsco:c sco:d\n")
    assert main(["build", "--out", str(tmp_path / "out2"), "--also", str(malformed)]) == 2
    assert not (tmp_path / "out2").exists()


def test_stats_command_prints_the_counts_of_the_built_graph(built, capsys):
    import json

    _result, _report, stats, _out = built
    assert main(["stats", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["entities"] == stats["entities"]
    assert printed["cooperation_by_type"] == stats["cooperation_by_type"]


def test_an_interrupt_stops_validate_and_write_and_its_validation_thread(tmp_path, monkeypatch):
    """fuzz-cli: ``build --engine pyshacl``, stopped by an alarm, ran on for many minutes, and so did a build
    given SIGTERM: the wait for the validation thread had no time limit (a signal was seen only when it ended),
    and leaving the thread pool waited for the thread (pySHACL on the real graph). The interrupt now ends
    ``validate_and_write`` at once, and the thread at its next step in Python: left running in the caller's
    process, it went on for minutes and dropped the caller's Oxigraph results in its own garbage collection
    (fuzz-cli again: RuntimeError tracebacks, "unsendable, but is being dropped on another thread")."""
    import signal
    import threading
    import time

    from spacecoop.build import pipeline

    give_up = time.monotonic() + 60
    running, ended = threading.Event(), threading.Event()

    def endless_validation(result, engine="auto"):
        running.set()
        try:
            while time.monotonic() < give_up:  # Python at work, as pySHACL is
                pass
        finally:
            ended.set()
        raise AssertionError("the interrupted build waited for its validation")

    class Stop(Exception):
        pass

    def stop(_signum, _frame):
        raise Stop

    uncaught: list = []
    monkeypatch.setattr(threading, "excepthook", uncaught.append)
    data = tmp_path / "small.ttl"
    data.write_text("<https://w3id.org/spacecoop/id/org/a> <https://w3id.org/spacecoop/ontology#p> 1 .\n")
    result = pipeline.BuildResult(store=pipeline.load_store([data], with_ontology=False))
    monkeypatch.setattr(pipeline, "validate_build", endless_validation)
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(Stop):
            pipeline.validate_and_write(result, tmp_path / "out")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert running.is_set()
    assert ended.wait(30) and time.monotonic() < give_up, "the validation thread ran on"
    for thread in threading.enumerate():
        if thread.name == "spacecoop-build-queries":
            thread.join(30)
            assert not thread.is_alive()
    assert uncaught == [], "the stopped thread ended with an error"
