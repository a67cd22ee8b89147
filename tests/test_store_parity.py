"""Against real stores (Oxigraph, and Virtuoso where installed): every query of the library gives the
same rows in-process and remote, parameters stay data on the wire, and a runaway query is stopped."""

from __future__ import annotations

import argparse
import shlex
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal

from spacecoop.store.endpoint import Endpoint, EndpointError, Limits
from spacecoop.errors import SpaceCoopError
from spacecoop.commands.push import add_parser as add_push_parser, push
from spacecoop.commands.query import add_parser as add_query_parser, run_local, run_oxigraph, run_remote
from spacecoop.store.querylib import bind_params, list_queries, load_query
from spacecoop.store.knowledge import KnowledgeStore

QUERY_GRAPH = Path(__file__).parent / "fixtures" / "queries" / "graph.ttl"

ALL = list_queries()


def example_params(spec) -> dict[str, str]:
    words = shlex.split(spec.examples[0]) if spec.examples else []
    return dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word == "--param")


@pytest.fixture
def loaded(store, fixture_graph):
    """``store`` holding the fixture graph (pushed once per store), and an endpoint that reads it."""
    endpoint = Endpoint(store.query_url, default_graph=store.graph)
    if not getattr(store, "loaded", False):
        push(fixture_graph, Endpoint(store.query_url), store.graph)
        store.loaded = True
    return endpoint


@pytest.mark.parametrize("name", ALL)
def test_every_query_gives_the_same_rows_in_process_and_remote(name, loaded, fixture_graph):
    spec = load_query(name)
    for values in ({}, example_params(spec)):
        bindings = bind_params(spec, values)
        local = run_local(fixture_graph, spec.text, bindings, 60, name)
        remote = run_remote(loaded, spec.text, bindings, 60)
        assert remote.variables == local.variables
        assert remote.rows == local.rows, f"{name} with {values}"


@pytest.mark.parametrize("name", ALL)
def test_the_two_in_process_engines_agree(name, fixture_graph, oxigraph_store):
    spec = load_query(name)
    for values in ({}, example_params(spec)):
        bindings = bind_params(spec, values)
        assert run_oxigraph(oxigraph_store, spec.text, bindings, 60, name) == run_local(
            fixture_graph, spec.text, bindings, 60, name
        )


@pytest.fixture(scope="module")
def oxigraph_store(fixture_graph):
    return KnowledgeStore.from_graph(fixture_graph, "oxigraph")


def test_a_runaway_query_is_stopped_in_process_on_pyoxigraph(oxigraph_store):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    start = time.monotonic()
    with pytest.raises(SpaceCoopError, match="ran longer than 1 s"):
        run_oxigraph(oxigraph_store, runaway, {}, 1)
    assert time.monotonic() - start < 30  # a hang guard


ECHO = "SELECT ?v WHERE { } ORDER BY ?v"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60))
def test_a_bound_value_comes_back_unchanged_from_the_store(loaded, value):
    """The store receives the value as one literal: a quote, brace or DROP GRAPH in it is just text."""
    if "\\u" in value or "\\U" in value:
        value = value.replace("\\", "/")  # \u escapes are decoded before parsing, by the SPARQL grammar
    rows = run_remote(loaded, ECHO, {"v": Literal(value)}, 30).rows
    assert rows == [(Literal(value),)]


@pytest.mark.parametrize("value", ['x" } ; DROP GRAPH <urn:spacecoop:test:main> ; SELECT * { "', "}", "\n;DROP ALL"])
def test_injection_attempts_stay_data_and_the_graph_stays(loaded, value, store):
    before = loaded.graph_size(store.graph)
    spec = load_query("conflicting-designations")
    text = spec.text.replace("WHERE {", "WHERE {\n  FILTER(STR(?name) != ?probe)", 1)
    assert run_remote(loaded, text, {"probe": Literal(value)}, 30).rows
    assert loaded.graph_size(store.graph) == before


def test_a_runaway_query_is_stopped_remotely(loaded):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    endpoint = Endpoint(loaded.url, limits=Limits(connect=2, total=3, retries=0), default_graph=loaded.default_graph)
    start = time.monotonic()
    with pytest.raises(EndpointError) as caught:
        endpoint.select(runaway, timeout=3)
    assert caught.value.kind in ("timeout", "server")
    assert time.monotonic() - start < 30  # a hang guard


def _command(module_add_parser, argv):
    parser = argparse.ArgumentParser()
    module_add_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_push_then_query_prints_the_same_table_as_in_process(fresh_oxigraph, capsys):
    """The done-criterion: ``spacecoop push`` then ``spacecoop query partners --endpoint`` on Oxigraph."""
    assert _command(add_push_parser, ["push", "--endpoint", fresh_oxigraph.query_url, "--data", str(QUERY_GRAPH)]) == 0
    pushed = capsys.readouterr().out
    assert f"pushed {len(Graph().parse(QUERY_GRAPH))} triples to DEFAULT" in pushed
    org = ["--param", "org=https://w3id.org/spacecoop/id/org/npolo"]
    assert _command(add_query_parser, ["query", "partners", *org, "--data", str(QUERY_GRAPH)]) == 0
    local = capsys.readouterr().out
    assert _command(add_query_parser, ["query", "partners", *org, "--endpoint", fresh_oxigraph.query_url]) == 0
    remote = capsys.readouterr().out
    assert remote == local
    assert "scorg:esa" in local and "coop:lavochkin-esa-luna-glob-2017" in local
