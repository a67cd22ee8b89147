"""``push`` replaces a graph atomically: a failure between any two steps leaves the old graph whole,
the store's count says which graph is there, and no temporary graph is left behind."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from spacecoop.commands import push as push_module
from spacecoop.store.endpoint import Endpoint, EndpointError
from spacecoop.errors import SpaceCoopError
from spacecoop.commands.push import TEMPORARY_GRAPHS, ntriples, push

MARK = URIRef("urn:spacecoop:test:mark")


def _graph(generation: str, size: int) -> Graph:
    graph = Graph()
    for i in range(size):
        graph.add((URIRef(f"urn:spacecoop:test:s{i}"), MARK, Literal(generation)))
    return graph


def _generation(endpoint: Endpoint, target: str | None) -> set[str]:
    pattern = f"GRAPH <{target}> {{ ?s <{MARK}> ?g }}" if target else f"?s <{MARK}> ?g"
    return {str(row[0]) for row in endpoint.select(f"SELECT DISTINCT ?g WHERE {{ {pattern} }} ORDER BY ?g").rows}


def _temporary_graphs(endpoint: Endpoint) -> list[str]:
    rows = endpoint.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{TEMPORARY_GRAPHS}")) }} ORDER BY ?g'
    ).rows
    return [str(row[0]) for row in rows]


class FailingAt(Endpoint):
    """An endpoint whose ``fail_at``-th request (counting from 0) dies as a dropped connection would."""

    def __init__(self, url: str, fail_at: int):
        super().__init__(url)
        self.calls, self.fail_at = 0, fail_at

    def _tick(self):
        self.calls += 1
        if self.calls - 1 == self.fail_at:
            raise EndpointError(self.url, "unreachable", "injected failure")

    def put_graph(self, graph, data):
        self._tick()
        return super().put_graph(graph, data)

    def select(self, text, timeout=None):
        self._tick()
        return super().select(text, timeout)

    def update(self, text):
        self._tick()
        return super().update(text)


def test_push_replaces_the_target_and_counts_it(store):
    endpoint = Endpoint(store.query_url)
    target = store.graph or "urn:spacecoop:test:replace"
    assert push(_graph("old", 30), endpoint, target) == 30
    assert push(_graph("new", 20), endpoint, target) == 20
    assert _generation(endpoint, target) == {"new"}
    assert _temporary_graphs(endpoint) == []


@pytest.mark.parametrize("fail_at", range(4))  # upload, count, swap, count again
def test_a_failure_between_any_two_steps_leaves_one_whole_graph(store, fail_at):
    endpoint = Endpoint(store.query_url)
    target = f"urn:spacecoop:test:atomic-{fail_at}"
    push(_graph("old", 40), endpoint, target)
    failing = FailingAt(store.query_url, fail_at)
    with pytest.raises(SpaceCoopError, match="injected failure"):
        push(_graph("new", 25), failing, target)
    generation = _generation(endpoint, target)
    size = endpoint.graph_size(target)
    assert (generation, size) in [({"old"}, 40), ({"new"}, 25)]
    assert generation == ({"new"} if fail_at >= 3 else {"old"}), "swapped only once the MOVE went through"
    assert _temporary_graphs(endpoint) == []


def test_a_short_upload_stops_before_the_swap(store, monkeypatch):
    endpoint = Endpoint(store.query_url)
    target = "urn:spacecoop:test:short"
    push(_graph("old", 10), endpoint, target)
    real = ntriples
    monkeypatch.setattr(push_module, "ntriples", lambda graph: (real(graph)[0], real(graph)[1] + 1))
    with pytest.raises(SpaceCoopError, match="holds 5 triples, not 6"):
        push(_graph("new", 5), endpoint, target)
    assert _generation(endpoint, target) == {"old"} and endpoint.graph_size(target) == 10
    assert _temporary_graphs(endpoint) == []


def test_push_to_the_default_graph_on_oxigraph(fresh_oxigraph):
    endpoint = Endpoint(fresh_oxigraph.query_url)
    assert push(_graph("default", 7), endpoint) == 7
    assert _generation(endpoint, None) == {"default"}


def test_virtuoso_needs_a_named_graph(virtuoso):
    with pytest.raises(SpaceCoopError, match="no default graph of its own"):
        push(_graph("x", 1), Endpoint(virtuoso.query_url))


def test_a_stopped_store_fails_fast_and_says_where(fresh_oxigraph):
    from spacecoop.commands.serve import stop_process

    stop_process(fresh_oxigraph.process)
    with pytest.raises(EndpointError, match="cannot reach the store") as caught:
        push(_graph("x", 3), Endpoint(fresh_oxigraph.query_url), "urn:spacecoop:test:gone")
    assert caught.value.kind == "unreachable"
    assert f"127.0.0.1:{fresh_oxigraph.port}" in str(caught.value)


def test_an_empty_graph_iri_is_refused_before_anything_is_sent():
    """fuzz-cli: ``push --graph ""`` was taken for no --graph, and the MOVE replaced the store's default graph
    (past the check that a store without one of its own needs --graph). Refused now; nothing is sent (no store
    listens on port 9: a request would fail otherwise)."""
    with pytest.raises(SpaceCoopError, match="empty IRI") as caught:
        push(_graph("x", 3), Endpoint("http://127.0.0.1:9/query"), "")
    assert not isinstance(caught.value, EndpointError)
