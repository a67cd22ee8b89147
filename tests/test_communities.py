"""Communities, centrality and timeline: partitions cover every node once, modularity beats the trivial
partition, fixed seeds repeat, the adjusted Rand index behaves, brokers span communities, and snapshots
add up — on synthetic graphs and on the real graph with the views fixture."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from spacecoop.views import communities as cm
from spacecoop.views.centrality import brokers, centralities, communities_spanned, participation_coefficient
from spacecoop.views.timeline import activity_by_year, edge_changes, match_communities, snapshot, snapshots
from spacecoop.views.partnerships import Filters, partnership_graph, partnership_rows

METHODS = ["louvain", "greedy"] + (["leiden"] if cm.HAVE_LEIDEN else [])
DEFAULT = ("agreed", "active", "completed", "suspended", "terminated")


@pytest.fixture(scope="module")
def store(built_with_views):
    return built_with_views.store.to_oxigraph()


@pytest.fixture(scope="module")
def country(store):
    return partnership_graph(store, "country", Filters(statuses=DEFAULT))


def _planted(seed: int) -> nx.Graph:
    G = nx.planted_partition_graph(4, 12, 0.6, 0.03, seed=seed)
    rng = random.Random(seed)
    for a, b in G.edges:
        G.edges[a, b]["weight"] = rng.randint(1, 4)
    G.add_node(999)  # an isolated node
    return G


def _check_partition(G, part):
    assert set(part) == set(G)  # every node …
    groups = cm.communities_of(part)
    assert sorted(n for g in groups for n in g) == sorted(G)  # … exactly once
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", [0, 7])
def test_partition_covers_every_node_once_and_beats_one_cluster(method, seed):
    G = _planted(seed)
    part = cm.detect(G, method, seed=seed)
    _check_partition(G, part)
    assert cm.modularity(G, part) >= cm.modularity(G, {n: 0 for n in G})
    assert cm.modularity(G, part) > 0.3


@pytest.mark.parametrize("method", METHODS)
def test_real_country_graph_partition(country, method):
    part = cm.detect(country, method, seed=3)
    _check_partition(country, part)
    assert cm.modularity(country, part) >= cm.modularity(country, {n: 0 for n in country})


@pytest.mark.parametrize("method", METHODS)
def test_fixed_seed_gives_identical_partition(country, method):
    assert cm.detect(country, method, seed=11) == cm.detect(country, method, seed=11)


def test_partition_does_not_depend_on_insertion_order():
    G = _planted(3)
    H = nx.Graph()
    H.add_nodes_from(sorted(G, reverse=True))
    H.add_edges_from(sorted(G.edges(data=True), reverse=True))
    assert cm.detect(G, "louvain", seed=5) == cm.detect(H, "louvain", seed=5)


def test_auto_and_unknown_methods():
    G = _planted(1)
    _check_partition(G, cm.detect(G, "auto", seed=0))
    with pytest.raises(Exception, match="unknown community method"):
        cm.detect(G, "spectral")


def test_adjusted_rand_index_properties():
    rng = random.Random(4)
    a = {i: rng.randrange(4) for i in range(60)}
    b = {i: rng.randrange(3) for i in range(60)}
    relabelled = {n: 10 - c for n, c in a.items()}
    assert cm.adjusted_rand_index(a, a) == 1.0
    assert cm.adjusted_rand_index(a, relabelled) == 1.0
    assert cm.adjusted_rand_index(a, b) == pytest.approx(cm.adjusted_rand_index(b, a))
    assert -0.5 <= cm.adjusted_rand_index(a, b) < 0.2
    # by hand: contingency [[1, 1], [0, 2]] on 4 items gives index 1 = its expectation, so ARI 0
    assert cm.adjusted_rand_index({1: 0, 2: 0, 3: 1, 4: 1}, {1: 0, 2: 1, 3: 1, 4: 1}) == pytest.approx(0.0)


def test_pairs_kept_together_matches_counting_pairs():
    rng = random.Random(9)
    a = {i: rng.randrange(3) for i in range(30)}
    b = {i: rng.randrange(4) for i in range(30)}
    pairs = [(x, y) for x in range(30) for y in range(x + 1, 30) if a[x] == a[y]]
    assert cm.pairs_kept_together(a, b) == pytest.approx(sum(b[x] == b[y] for x, y in pairs) / len(pairs))


def test_pairs_kept_together_properties():
    a = {n: n // 3 for n in range(9)}
    assert cm.pairs_kept_together(a, a) == 1.0
    assert cm.pairs_kept_together(a, {n: 0 for n in range(9)}) == 1.0
    assert cm.pairs_kept_together(a, {n: n for n in range(9)}) == 0.0


def test_stability_report(country):
    s = cm.stability(country, "louvain", seeds=range(4))
    assert s.seeds == (0, 1, 2, 3) and len(s.modularities) == 4
    assert 0.0 <= s.min_ari <= s.mean_ari <= 1.0 and 0.0 <= s.mean_kept <= 1.0
    assert set(s.node_agreement) == set(country)
    assert all(0.0 < share <= 1.0 for share in s.node_agreement.values())


def test_centralities_on_a_disconnected_graph():
    G = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1}), ("x", "y", {"weight": 2})])
    G.add_node("lonely")
    measures = centralities(G)
    assert set(measures) == set(G)
    assert measures["lonely"] == {
        "degree": 0,
        "weighted_degree": 0,
        "degree_centrality": 0.0,
        "betweenness": 0.0,
        "eigenvector": 0.0,
    }
    assert measures["b"]["betweenness"] > 0 and measures["b"]["weighted_degree"] == 4
    assert measures["b"]["eigenvector"] > measures["x"]["eigenvector"] > 0


def test_brokers_span_communities(country):
    part = cm.detect(country, "louvain", seed=0)
    found = brokers(country, part)
    spanned = communities_spanned(country, part)
    participation = participation_coefficient(country, part)
    assert found and all(b["communities_spanned"] >= 2 for b in found)
    assert all(0.0 <= p < 1.0 for p in participation.values())
    assert all(
        participation[n] == 0.0 for n in country if spanned[n] <= 1 and all(part[m] == part[n] for m in country[n])
    )
    ranked = [round(b["brokerage"], 9) for b in found]  # ranked at 9 decimals: ties in the last bits go by name
    assert ranked == sorted(ranked, reverse=True)


def test_snapshots_add_up(store):
    rows = partnership_rows(store, "country", Filters(statuses=DEFAULT))
    years = sorted({r.year for r in rows})
    cumulative = snapshots(rows, years=years)
    sizes = [cumulative[y].number_of_edges() for y in years]
    assert sizes == sorted(sizes)  # cumulative never loses a partnership
    last = cumulative[years[-1]]
    assert sum(w for _, _, w in last.edges(data="weight")) == sum(r.events for r in rows)
    for year in years:
        window = snapshot(rows, year, window=5)
        assert set(map(frozenset, window.edges)) <= set(map(frozenset, cumulative[year].edges))
    change = edge_changes(snapshot(rows, 2019, window=3), snapshot(rows, 2024, window=3))
    assert not set(change["gained"]) & set(change["lost"])


def test_activity_by_year_sums_to_the_events(store):
    rows = partnership_rows(store, "country", Filters(statuses=DEFAULT))
    G = partnership_graph(store, "country", Filters(statuses=DEFAULT), rows=rows)
    part = cm.detect(G, "louvain", seed=0)
    activity = activity_by_year(rows, part)
    assert sum(sum(c.values()) for c in activity.values()) == sum(r.events for r in rows)


def test_match_communities_names_splits_and_merges():
    one = {n: 0 for n in "abcdef"}
    two = {**{n: 0 for n in "abc"}, **{n: 1 for n in "def"}}
    assert [e["event"] for e in match_communities(one, two)] == ["split"]
    assert [e["event"] for e in match_communities(two, one)] == ["merge"]
    assert [e["event"] for e in match_communities(two, two)] == ["continue", "continue"]
    assert {e["event"] for e in match_communities(two, {**two, "z": 5, "w": 5})} == {"continue", "appear"}
