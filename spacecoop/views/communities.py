"""Communities of a partnership graph: Louvain, greedy modularity, Leiden; modularity; stability across seeds.

A partition is a ``dict`` node → community number. Communities are numbered by size (largest first),
ties broken by their smallest node, so a partition prints the same however the algorithm ordered its
sets. Every function that draws random numbers takes ``seed=``; graphs are read in sorted node order.

Leiden runs through ``igraph`` and ``leidenalg`` when they are installed (``pip install python-igraph
leidenalg``); without them :func:`detect` with ``method="leiden"`` raises, and ``method="auto"`` uses Louvain.

>>> import networkx as nx
>>> G = nx.barbell_graph(4, 0)
>>> part = detect(G, "louvain", seed=1)
>>> sorted(set(part.values())), len(part) == len(G)
([0, 1], True)
>>> round(modularity(G, part), 3)
0.423
>>> adjusted_rand_index(part, {n: 1 - c for n, c in part.items()})
1.0
"""

from __future__ import annotations

import importlib.util
from collections import Counter, defaultdict
from dataclasses import dataclass
from math import comb

import networkx as nx
from networkx.algorithms import community as nxc

from spacecoop.errors import SpaceCoopError

__all__ = [
    "METHODS",
    "HAVE_LEIDEN",
    "detect",
    "louvain",
    "greedy",
    "leiden",
    "modularity",
    "partition_from_sets",
    "communities_of",
    "adjusted_rand_index",
    "pairs_kept_together",
    "node_agreement",
    "Stability",
    "stability",
]

METHODS = ("louvain", "greedy", "leiden", "auto")
HAVE_LEIDEN = bool(importlib.util.find_spec("igraph") and importlib.util.find_spec("leidenalg"))


def partition_from_sets(sets) -> dict:
    """Partition ``dict`` from an iterable of node sets, numbered by size (largest first), then smallest node.

    >>> partition_from_sets([{"c"}, {"b", "a"}])
    {'a': 0, 'b': 0, 'c': 1}
    """
    ordered = sorted((sorted(s) for s in sets if s), key=lambda s: (-len(s), s[0]))
    return {node: i for i, members in enumerate(ordered) for node in members}


def communities_of(partition: dict) -> list[list]:
    """The communities of ``partition`` as sorted lists, largest first.

    >>> communities_of({"a": 1, "b": 0, "c": 1})
    [['a', 'c'], ['b']]
    """
    groups = defaultdict(list)
    for node, community in partition.items():
        groups[community].append(node)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))


def _as_integers(G: nx.Graph, weight: str) -> tuple[nx.Graph, list]:
    """``G`` relabelled 0…n-1 in sorted node order, and the nodes by label.

    networkx's algorithms keep nodes in sets; sets of strings iterate in an order that follows Python's
    string hashing, which changes from process to process. Small integers hash to themselves, so the
    same seed then gives the same communities in every process.
    """
    nodes = sorted(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    H = nx.Graph()
    H.add_nodes_from(range(len(nodes)))
    H.add_edges_from(
        sorted(
            (min(index[a], index[b]), max(index[a], index[b]), {"weight": d.get(weight, 1)})
            for a, b, d in G.edges(data=True)
            if a != b
        )
    )
    return H, nodes


def louvain(G: nx.Graph, seed: int = 0, resolution: float = 1.0, weight: str = "weight") -> dict:
    """Louvain communities (networkx), with ``seed``; isolated nodes are communities of their own."""
    H, nodes = _as_integers(G, weight)
    found = nxc.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    return partition_from_sets({nodes[i] for i in members} for members in found)


def greedy(G: nx.Graph, seed: int = 0, resolution: float = 1.0, weight: str = "weight") -> dict:
    """Greedy modularity communities (Clauset–Newman–Moore); deterministic, ``seed`` is ignored.

    Slow on large graphs (notes/engines.md: no result in 300 s at 12k nodes): use Louvain or Leiden there.
    """
    H, nodes = _as_integers(G, weight)
    if H.number_of_edges() == 0:
        return partition_from_sets({n} for n in nodes)
    found = nxc.greedy_modularity_communities(H, weight="weight", resolution=resolution)
    return partition_from_sets({nodes[i] for i in members} for members in found)


def leiden(G: nx.Graph, seed: int = 0, resolution: float = 1.0, weight: str = "weight") -> dict:
    """Leiden communities (leidenalg on igraph, modularity objective), with ``seed``.

    The igraph graph is built straight from the sorted edge list (faster than converting from networkx).
    """
    if not HAVE_LEIDEN:
        raise SpaceCoopError("Leiden needs python-igraph and leidenalg: pip install python-igraph leidenalg")
    import igraph as ig
    import leidenalg

    H, nodes = _as_integers(G, weight)
    edges = sorted(H.edges)
    graph = ig.Graph(n=len(nodes), edges=edges)
    weights = [H.edges[a, b]["weight"] for a, b in edges]
    if resolution == 1.0:
        found = leidenalg.find_partition(graph, leidenalg.ModularityVertexPartition, weights=weights, seed=seed)
    else:
        found = leidenalg.find_partition(
            graph, leidenalg.RBConfigurationVertexPartition, weights=weights, resolution_parameter=resolution, seed=seed
        )
    return partition_from_sets({nodes[i] for i in members} for members in found)


def detect(G: nx.Graph, method: str = "louvain", seed: int = 0, resolution: float = 1.0) -> dict:
    """Communities of ``G`` by ``method`` (``louvain``, ``greedy``, ``leiden``, or ``auto``: Leiden if installed).

    Every node is in exactly one community; edge attribute ``weight`` (default 1) is used.
    """
    if method == "auto":
        method = "leiden" if HAVE_LEIDEN else "louvain"
    functions = {"louvain": louvain, "greedy": greedy, "leiden": leiden}
    if method not in functions:
        raise SpaceCoopError(f"unknown community method {method!r} (want one of {', '.join(METHODS)})")
    return functions[method](G, seed=seed, resolution=resolution)


def modularity(G: nx.Graph, partition: dict, weight: str = "weight", resolution: float = 1.0) -> float:
    """Weighted modularity of ``partition`` on ``G`` (0.0 for a graph without edges).

    >>> G = nx.path_graph(4)
    >>> modularity(G, {n: 0 for n in G})
    0.0
    """
    if G.number_of_edges() == 0:
        return 0.0
    return float(nxc.modularity(G, communities_of(partition), weight=weight, resolution=resolution))


def adjusted_rand_index(first: dict, second: dict) -> float:
    """Adjusted Rand index of two partitions of the same nodes (1: identical up to numbering; about 0: chance).

    Only nodes in both are compared. Two partitions that each put everything together, or everything
    apart, are identical: 1.0.

    >>> round(adjusted_rand_index({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": 0, "b": 1, "c": 0, "d": 1}), 6)
    -0.5
    """
    nodes = sorted(set(first) & set(second))
    n = len(nodes)
    if n < 2:
        return 1.0
    table = Counter((first[v], second[v]) for v in nodes)
    rows = Counter(first[v] for v in nodes)
    cols = Counter(second[v] for v in nodes)
    index = sum(comb(c, 2) for c in table.values())
    sum_rows = sum(comb(c, 2) for c in rows.values())
    sum_cols = sum(comb(c, 2) for c in cols.values())
    expected = sum_rows * sum_cols / comb(n, 2)
    maximum = (sum_rows + sum_cols) / 2
    if maximum == expected:
        return 1.0
    return float((index - expected) / (maximum - expected))


def pairs_kept_together(first: dict, second: dict) -> float:
    """Share of the node pairs together in ``first`` that are together in ``second`` too (1.0 if none).

    Counted from the contingency table, in time linear in the nodes.

    >>> pairs_kept_together({"a": 0, "b": 0, "c": 0}, {"a": 0, "b": 0, "c": 1})
    0.3333333333333333
    """
    nodes = set(first) & set(second)
    together = sum(comb(c, 2) for c in Counter(first[v] for v in nodes).values())
    kept = sum(comb(c, 2) for c in Counter((first[v], second[v]) for v in nodes).values())
    return kept / together if together else 1.0


def node_agreement(reference: dict, other: dict) -> dict:
    """Per node, the Jaccard overlap of its community in ``reference`` and its community in ``other``.

    >>> node_agreement({"a": 0, "b": 0, "c": 1}, {"a": 0, "b": 1, "c": 1})
    {'a': 0.5, 'b': 0.3333333333333333, 'c': 0.5}
    """
    nodes = sorted(set(reference) & set(other))
    ref_size = Counter(reference[v] for v in nodes)
    other_size = Counter(other[v] for v in nodes)
    both = Counter((reference[v], other[v]) for v in nodes)
    out = {}
    for v in nodes:
        shared = both[(reference[v], other[v])]
        out[v] = shared / (ref_size[reference[v]] + other_size[other[v]] - shared)
    return out


@dataclass(frozen=True)
class Stability:
    """How much communities change from seed to seed.

    Attributes
    ----------
    seeds : tuple of int
    mean_ari, min_ari : float
        Adjusted Rand index of each seed's partition against the reference seed's (the first).
    mean_kept : float
        Mean share of the reference's same-community pairs that stay together.
    modularities : tuple of float
        Modularity found with each seed.
    node_agreement : dict
        Node → mean Jaccard overlap between its reference community and its community under each seed
        (1.0: always the same company).
    """

    seeds: tuple
    mean_ari: float
    min_ari: float
    mean_kept: float
    modularities: tuple
    node_agreement: dict


def stability(G: nx.Graph, method: str = "louvain", seeds=range(10), resolution: float = 1.0) -> Stability:
    """Run ``method`` once per seed and compare each partition with the first seed's (linear time per seed).

    >>> s = stability(nx.barbell_graph(5, 1), "louvain", seeds=range(4))
    >>> s.min_ari, len(s.modularities), min(s.node_agreement.values())
    (1.0, 4, 1.0)
    """
    seeds = tuple(seeds)
    if not seeds:
        raise SpaceCoopError("stability needs at least one seed")
    partitions = [detect(G, method, seed=s, resolution=resolution) for s in seeds]
    reference = partitions[0]
    aris = [adjusted_rand_index(reference, p) for p in partitions]
    kept = [pairs_kept_together(reference, p) for p in partitions]
    agreement = Counter()
    for p in partitions:
        agreement.update(node_agreement(reference, p))
    return Stability(
        seeds=seeds,
        mean_ari=sum(aris) / len(aris),
        min_ari=min(aris),
        mean_kept=sum(kept) / len(kept),
        modularities=tuple(modularity(G, p, resolution=resolution) for p in partitions),
        node_agreement={n: agreement[n] / len(seeds) for n in sorted(agreement)},
    )
