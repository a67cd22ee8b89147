"""Centrality and brokerage in a partnership graph: who is central, and who bridges clusters.

- :func:`centralities` — degree, weighted degree (strength), betweenness and eigenvector centrality.
  Betweenness treats an edge's weight as closeness (distance = 1 / weight): many shared events make a
  short path. Eigenvector centrality is computed per connected component (it is undefined across
  components) and scaled by the component's share of the nodes, so a pair off on its own does not rank
  beside the hub of the main network; isolated nodes get 0.
- :func:`participation_coefficient` — Guimerà–Amaral: ``1 - Σ_c (k_ic / k_i)²`` over communities ``c``,
  with weighted degrees; 0 when all of a node's partnerships stay in one community.
- :func:`brokers` — nodes whose partnerships span several communities, ranked by :func:`brokerage`.

>>> import networkx as nx
>>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("d", "x"), ("x", "y")])
>>> part = {"a": 0, "b": 0, "c": 0, "d": 0, "x": 1, "y": 1}
>>> round(participation_coefficient(G, part)["d"], 3)
0.444
>>> [b["node"] for b in brokers(G, part)]
['d', 'x']
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from spacecoop.views.partnerships import induced

__all__ = ["centralities", "participation_coefficient", "communities_spanned", "brokerage", "brokers", "eigenvector"]


def eigenvector(G: nx.Graph, weight: str = "weight") -> dict:
    """Eigenvector centrality per connected component, scaled by the component's share of nodes.

    >>> G = nx.Graph([(1, 2), (3, 4), (4, 5)]); G.add_node(6)
    >>> {n: round(v, 3) for n, v in eigenvector(G).items()}
    {1: 0.236, 2: 0.236, 3: 0.25, 4: 0.354, 5: 0.25, 6: 0.0}
    """
    n = len(G)
    out = {node: 0.0 for node in G}
    for component in sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0])):
        if len(component) < 2:
            continue
        H = induced(G, component)
        try:
            values = nx.eigenvector_centrality(H, max_iter=2000, tol=1e-10, weight=weight)
        except nx.PowerIterationFailedConvergence:
            values = {node: 1 / len(component) ** 0.5 for node in component}
        share = len(component) / n
        for node in component:
            out[node] = float(values[node]) * share
    return out


def centralities(
    G: nx.Graph, weight: str = "weight", exact_up_to: int = 1000, samples: int = 500, seed: int = 0
) -> dict[str, dict]:
    """Per node: ``degree``, ``weighted_degree``, ``degree_centrality``, ``betweenness``, ``eigenvector``.

    Works on disconnected graphs and on graphs without edges. Betweenness is exact up to ``exact_up_to``
    nodes; above, it is estimated from ``samples`` source nodes drawn with ``seed`` (networkx's ``k=``),
    since exact betweenness grows as nodes × edges.

    >>> c = centralities(nx.star_graph(3))
    >>> c[0]["degree"], c[0]["betweenness"], c[1]["betweenness"]
    (3, 1.0, 0.0)
    """
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes))
    for a, b, d in sorted(G.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        w = d.get(weight, 1) or 1
        H.add_edge(a, b, weight=w, distance=1.0 / w)
    if len(H) <= 2:
        between = {n: 0.0 for n in H}
    elif len(H) <= exact_up_to:
        between = nx.betweenness_centrality(H, weight="distance", normalized=True)
    else:
        between = nx.betweenness_centrality(H, k=min(samples, len(H)), weight="distance", normalized=True, seed=seed)
    degree_c = nx.degree_centrality(H) if len(H) > 1 else {n: 0.0 for n in H}
    eig = eigenvector(H, weight="weight")
    return {
        node: {
            "degree": H.degree(node),
            "weighted_degree": H.degree(node, weight="weight"),
            "degree_centrality": float(degree_c[node]),
            "betweenness": float(between[node]),
            "eigenvector": eig[node],
        }
        for node in H
    }


def _weight_by_community(G: nx.Graph, partition: dict, node, weight: str) -> dict:
    spread = defaultdict(float)
    for neighbour, data in G[node].items():
        if neighbour != node:
            spread[partition[neighbour]] += data.get(weight, 1)
    return spread


def participation_coefficient(G: nx.Graph, partition: dict, weight: str = "weight") -> dict:
    """Guimerà–Amaral participation coefficient of every node (0 for a node without edges)."""
    out = {}
    for node in G:
        spread = _weight_by_community(G, partition, node, weight)
        total = sum(spread.values())
        out[node] = 1.0 - sum((w / total) ** 2 for w in spread.values()) if total else 0.0
    return out


def communities_spanned(G: nx.Graph, partition: dict) -> dict:
    """How many communities each node's partnerships reach (its own included if it has a partner there).

    >>> communities_spanned(nx.path_graph(3), {0: 0, 1: 0, 2: 1})
    {0: 1, 1: 2, 2: 1}
    """
    return {node: len({partition[m] for m in G[node] if m != node}) for node in G}


def brokerage(participation: float, weighted_degree: float) -> float:
    """Brokerage score: ``participation · ln(1 + weighted degree)``.

    >>> round(brokerage(0.5, 2), 3), round(brokerage(0.5, 20), 3)
    (0.549, 1.522)
    """
    return participation * math.log1p(weighted_degree)


def brokers(
    G: nx.Graph, partition: dict, weight: str = "weight", top: int | None = None, measures: dict | None = None
) -> list[dict]:
    """Nodes whose partnerships span two or more communities, best brokers first.

    Ranked by :func:`brokerage` (participation coefficient damped by the log of the weighted degree: an
    even spread over blocs counts most, and a well-tied node above one with a single tie to each bloc,
    without letting the biggest hubs win on size alone), then betweenness, then node. Each entry: ``node``, ``community``,
    ``communities_spanned``, ``participation``, ``outside_weight`` (weight of edges to other communities),
    ``betweenness``, ``brokerage``.
    """
    measures = measures or centralities(G, weight)
    participation = participation_coefficient(G, partition, weight)
    spanned = communities_spanned(G, partition)
    found = []
    for node in sorted(G):
        if spanned[node] < 2:
            continue
        spread = _weight_by_community(G, partition, node, weight)
        found.append(
            {
                "node": node,
                "community": partition[node],
                "communities_spanned": spanned[node],
                "participation": participation[node],
                "outside_weight": sum(w for c, w in spread.items() if c != partition[node]),
                "betweenness": measures[node]["betweenness"],
                "brokerage": brokerage(participation[node], measures[node]["weighted_degree"]),
            }
        )
    found.sort(key=lambda b: (-round(b["brokerage"], 9), -round(b["betweenness"], 12), str(b["node"])))
    return found[:top] if top else found
