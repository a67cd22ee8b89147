"""``spacecoop clusters``: blocs and brokers of the partnership network, written as tables, graphs and pictures.

``spacecoop clusters [--level org|country] [--as-of DATE] [--since YEAR --until YEAR] [--status S…]
[--type T…] [--method louvain|greedy|leiden|auto] [--seed N] [--seeds K] [--out DIR]`` builds the
partnership view (:mod:`spacecoop.views.partnerships`), finds communities (:mod:`spacecoop.views.communities`), measures
centrality and brokerage (:mod:`spacecoop.views.centrality`) and change over time (:mod:`spacecoop.views.timeline`),
and writes to ``--out`` (default ``dist/clusters-LEVEL``):

- ``communities.csv`` (node, names, kind, country, community and its size, how often the seeds agree),
  ``centrality.csv`` (degree, weighted degree, betweenness, eigenvector, participation coefficient,
  communities spanned, brokerage), ``edges.csv``, ``timeline.csv`` (per year: pair-events per bloc,
  partnerships in total and in a sliding window, gained, lost), ``cluster-changes.csv``;
- ``partnerships.graphml`` and ``partnerships.gexf`` (dynamic: each edge starts at its first event and,
  when its last events ended it — terminated, suspended, declined, unlikely — ends there), scalar
  attributes only;
- ``partnerships.png`` (the network coloured by community, main actors labelled, a legend) and
  ``timeline.png`` (pair-events per year by bloc; partnerships over time);
- ``summary.txt``, the summary it prints.

By default events count when their status is agreed, active, completed, suspended or terminated (the
statuses of ``sco:partnerOf``); ``--status all`` counts offers, talks and refusals too. The graph is built
from ``graph/`` (plus ``--also`` files; ``dist/spacecoop.nt`` when it is fresh) or read from ``--data``, and
queried in-process with Oxigraph (``--engine rdflib`` for rdflib), or queried on ``--endpoint``. Same inputs and
seed: byte-identical files. Exit 0 on success, 2 on error.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import networkx as nx

from spacecoop.commands.argtypes import iso_date, positive_count, positive_seconds, seed
from spacecoop.commands.argtypes import year as year_number
from spacecoop.views.centrality import (
    brokerage,
    brokers as find_brokers,
    centralities,
    communities_spanned,
    participation_coefficient,
)
from spacecoop.views.communities import METHODS, communities_of, detect, modularity, stability
from spacecoop.errors import SpaceCoopError
from spacecoop.io.paths import DIST_DIR
from spacecoop.io.write import write_atomic
from spacecoop.views.timeline import BETWEEN, activity_by_year, edge_changes, match_communities, snapshot, years_of
from spacecoop.views.partnerships import (
    LEVELS,
    ORIGINS,
    Filters,
    induced,
    partnership_graph,
    partnership_rows,
    to_store,
)

__all__ = [
    "add_parser",
    "run",
    "ClusterRun",
    "DEFAULT_STATUSES",
    "ENDED_STATUSES",
    "plot_network",
    "plot_timeline",
    "to_gexf",
    "to_graphml",
    "gephi_visuals",
]

DEFAULT_STATUSES = ("agreed", "active", "completed", "suspended", "terminated")
ENDED_STATUSES = frozenset({"terminated", "suspended", "declined", "unlikely"})
WINDOW = 5  # years of the sliding window in timeline.csv / timeline.png
LABELLED = 40  # how many main actors the network picture names
PLOTTED = 160  # the network picture shows at most this many actors, the strongest (the tables hold them all)
SMALL_BLOC = 6  # the network picture says what holds a bloc of at most this many members together
BLOC_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)
OTHER_COLOUR = "#b0b0b0"


# ---------------------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------------------


def _csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _num(value: float) -> str:
    return f"{value:.6f}"


def to_graphml(G: nx.Graph) -> bytes:
    """GraphML bytes of ``G`` (insertion order kept: sorted graphs give identical bytes)."""
    out = io.BytesIO()
    if any("viz" in data for _, data in G.nodes(data=True)):  # Gephi's drawing attributes are GEXF's alone
        G = G.copy()
        for _, data in G.nodes(data=True):
            data.pop("viz", None)
    nx.write_graphml(G, out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


def to_gexf(G: nx.Graph, modified: str) -> bytes:
    """GEXF 1.2 bytes of ``G``; ``lastmodifieddate`` is set to ``modified`` (not today) for reproducible bytes."""
    text = "\n".join(nx.generate_gexf(G, encoding="utf-8", prettyprint=True, version="1.2draft")) + "\n"
    text = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{modified}"', text, count=1)
    return text.encode("utf-8")


# ---------------------------------------------------------------------------------------------------------
# The analysis
# ---------------------------------------------------------------------------------------------------------


class ClusterRun:
    """Everything one run computes (kept together for the writers, the summary and the notebook).

    Parameters
    ----------
    source : rdflib.Graph or Endpoint
    level : {"country", "org"}
    filters : Filters
    method : str
        Community method (:data:`spacecoop.views.communities.METHODS`).
    seed : int
        Seed of the reported partition; stability is measured over ``seeds`` seeds from ``seed`` on.
    """

    def __init__(
        self,
        source,
        level: str = "country",
        filters: Filters | None = None,
        method: str = "louvain",
        seed: int = 0,
        seeds: int = 10,
    ):
        started = time.perf_counter()
        self.level, self.filters, self.method, self.seed = level, filters or Filters(), method, seed
        self.rows = partnership_rows(source, level, self.filters)
        self.graph = partnership_graph(source, level, self.filters, rows=self.rows)
        self.attributes = {n: dict(d) for n, d in self.graph.nodes(data=True)}
        self.query_seconds = time.perf_counter() - started
        G = self.graph
        self.partition = detect(G, method, seed=seed)
        self.communities = communities_of(self.partition)
        self.modularity = modularity(G, self.partition)
        self.one_cluster_modularity = modularity(G, {n: 0 for n in G})
        self.stability = stability(G, method, seeds=range(seed, seed + max(1, seeds)))
        self.measures = centralities(G)
        self.participation = participation_coefficient(G, self.partition)
        self.spanned = communities_spanned(G, self.partition)
        self.brokers = find_brokers(G, self.partition, measures=self.measures)
        self.years = years_of(self.rows)
        self.seconds = time.perf_counter() - started

    # -- names --

    def name(self, node) -> str:
        return self.attributes[node].get("short_label") or self.attributes[node].get("curie") or node

    def strength(self, node) -> float:
        return self.measures[node]["weighted_degree"]

    def members_by_strength(self, community: int) -> list:
        return sorted(self.communities[community], key=lambda n: (-self.strength(n), n))

    def bloc_name(self, community: int) -> str:
        top = self.members_by_strength(community)
        return f"Bloc {community + 1}: {', '.join(self.name(n) for n in top[:3])}"

    def ties(self, community: int, top: int = 3) -> list[str]:
        """The strongest partnerships inside ``community``, each with its events and their kinds: why its
        members group together ("France–India: 25 events (agreement, payload-contribution)")."""
        members = self.communities[community]
        inside = [(a, b, d) for a, b, d in self.graph.edges(members, data=True) if a in members and b in members]
        inside.sort(key=lambda e: (-e[2].get("weight", 1), self.name(e[0]), self.name(e[1])))
        lines = []
        for a, b, data in inside[:top]:
            a, b = sorted((a, b), key=lambda n: (-self.strength(n), n))
            weight = data.get("weight", 1)
            kinds = ", ".join(str(data.get("types", "")).split("|"))
            lines.append(f"{self.name(a)}–{self.name(b)}: {weight:g} event{'s' * (weight != 1)} ({kinds})")
        return lines

    def seed_agreement(self, node) -> float:
        """Mean Jaccard overlap of ``node``'s community across the stability seeds (1.0: always the same)."""
        return self.stability.node_agreement.get(node, 1.0)

    # -- the edge and node times for the dynamic GEXF --

    def edge_times(self, a, b) -> tuple[str, str | None]:
        """GEXF start and end of a partnership: its first event; the date of its last events if they ended it."""
        if not hasattr(self, "_by_pair"):
            self._by_pair = {}
            for r in self.rows:
                self._by_pair.setdefault((r.a, r.b), []).append(r)
        group = self._by_pair[(min(a, b), max(a, b))]
        last_year = max(r.year for r in group)
        last = [r for r in group if r.year == last_year]
        statuses = {s.rsplit("/", 1)[-1] for r in last for s in r.statuses}
        start = min(r.first for r in group)
        end = max(r.last for r in last) if statuses and statuses <= ENDED_STATUSES else None
        return start, end

    def export_graph(self) -> nx.Graph:
        """The partnership graph with community and centrality attributes, GEXF start/end times, and the
        colour, size and position Gephi draws (:func:`gephi_visuals`)."""
        G = nx.Graph(
            level=self.level,
            filters=self.filters.describe(),
            method=self.method,
            seed=self.seed,
            modularity=round(self.modularity, 6),
            mode="dynamic",
        )
        starts: dict = {}
        edges = []
        for a, b, data in self.graph.edges(data=True):
            start, end = self.edge_times(a, b)
            edge = dict(data, start=start, same_community=int(self.partition[a] == self.partition[b]))
            if end:
                edge["end"] = end
            edges.append((min(a, b), max(a, b), edge))
            for n in (a, b):
                starts[n] = min(starts.get(n, start), start)
        viz = gephi_visuals(self)
        for node in sorted(self.graph):
            m = self.measures[node]
            G.add_node(
                node,
                **self.attributes[node],
                viz=viz[node],
                community=self.partition[node] + 1,
                degree=int(m["degree"]),
                weighted_degree=float(m["weighted_degree"]),
                betweenness=round(m["betweenness"], 9),
                eigenvector=round(m["eigenvector"], 9),
                participation=round(self.participation[node], 9),
                communities_spanned=int(self.spanned[node]),
                start=starts.get(node, ""),
            )
        for a, b, edge in sorted(edges, key=lambda e: (e[0], e[1])):
            G.add_edge(a, b, **edge)
        return G

    # -- timeline --

    def timeline_rows(self) -> list[dict]:
        if not self.years:
            return []
        blocs = list(range(min(4, len(self.communities))))
        activity = activity_by_year(self.rows, self.partition, blocs)
        out, previous = [], None
        for year in range(self.years[0], self.years[-1] + 1):
            cumulative = snapshot(self.rows, year)
            window = snapshot(self.rows, year, window=WINDOW)
            change = (
                edge_changes(previous, window) if previous is not None else {"gained": sorted(window.edges), "lost": []}
            )
            previous = window
            counts = activity.get(year, Counter())
            out.append(
                {
                    "year": year,
                    **{f"bloc_{b + 1}": counts.get(b, 0) for b in blocs},
                    "other": counts.get("other", 0),
                    "between_blocs": counts.get(BETWEEN, 0),
                    "partnerships": cumulative.number_of_edges(),
                    f"partnerships_last_{WINDOW}_years": window.number_of_edges(),
                    "gained": len(change["gained"]),
                    "lost": len(change["lost"]),
                }
            )
        return out

    def cluster_changes(self, step: int = WINDOW) -> list[dict]:
        """Communities of windowed snapshots every ``step`` years, matched from one to the next."""
        if not self.years:
            return []
        last = self.years[-1]
        marks = [y for y in range(last, self.years[0] - 1, -step)][::-1]
        out, before, before_year = [], None, None
        for year in marks:
            G = snapshot(self.rows, year, window=step)
            if G.number_of_edges() == 0:
                continue
            part = detect(G, self.method, seed=self.seed)
            if before is not None:
                groups_before = communities_of(before)
                groups_after = communities_of(part)
                for event in match_communities(before, part):
                    if event["event"] == "continue":
                        continue

                    def names(groups, ids):
                        def rank(n):
                            return (-self.strength(n) if n in self.measures else 0, n)

                        return "; ".join("+".join(self.name(n) for n in sorted(groups[i], key=rank)[:3]) for i in ids)

                    out.append(
                        {
                            "from_window": f"{before_year - step + 1}-{before_year}",
                            "to_window": f"{year - step + 1}-{year}",
                            "event": event["event"],
                            "before": names(groups_before, event["before"]),
                            "after": names(groups_after, event["after"]),
                            "nodes_before": event["nodes_before"],
                            "nodes_after": event["nodes_after"],
                        }
                    )
            before, before_year = part, year
        return out


# ---------------------------------------------------------------------------------------------------------
# Pictures
# ---------------------------------------------------------------------------------------------------------


def _colour(community: int) -> str:
    return BLOC_COLOURS[community] if community < len(BLOC_COLOURS) else OTHER_COLOUR


def _separate(centres: dict, radii: dict, gap: float, rounds: int = 400) -> dict:
    """Push circles apart until none overlap (plus ``gap``), with a weak pull to the middle. Deterministic."""
    import numpy as np

    keys = sorted(centres)
    p = {k: np.asarray(centres[k], dtype=float).copy() for k in keys}
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                d = p[b] - p[a]
                dist = float(np.hypot(*d))
                need = radii[a] + radii[b] + gap
                if dist < need:
                    direction = d / dist if dist > 1e-9 else np.array([math.cos(i + 1.0), math.sin(i + 1.0)])
                    shift = (need - dist) / 2 * direction
                    p[a] -= shift
                    p[b] += shift
                    moved = True
        for k in keys:
            p[k] *= 0.995
        if not moved and _ > 50:
            break
    return p


def _layout(run: ClusterRun, limit: int = PLOTTED) -> dict:
    """Each community laid out in a disc of its own; the discs placed by a spring layout of the community
    graph (communities with many partnerships between them sit near each other) and pushed apart so no
    two overlap. Deterministic for a seed."""
    import numpy as np

    G, part = run.graph, run.partition
    if len(G) > limit:  # lay out only what is drawn: the strongest actors
        G = induced(G, sorted(G, key=lambda n: (-run.strength(n), n))[:limit])
    groups = [[n for n in members if n in G] for members in run.communities]
    present = [c for c, members in enumerate(groups) if members]
    Q = nx.Graph()
    Q.add_nodes_from(present)
    for a, b, w in sorted(G.edges(data="weight")):
        ca, cb = part[a], part[b]
        if ca != cb:
            key = (min(ca, cb), max(ca, cb))
            Q.add_edge(*key, weight=Q.edges[key]["weight"] + w if Q.has_edge(*key) else w)
    radii = {c: 0.45 + 0.36 * math.sqrt(len(groups[c])) for c in present}
    if len(present) == 1:
        centres = {present[0]: np.zeros(2)}
    else:
        spread = sum(radii.values())
        centres = nx.spring_layout(Q, seed=run.seed, weight="weight", iterations=300)
        centres = {c: np.asarray(centres[c]) * spread for c in present}
        centres = _separate(centres, radii, gap=0.35)
    pos = {}
    for c, members in enumerate(groups):
        if not members:
            continue
        if len(members) == 1:
            local = {members[0]: np.zeros(2)}
        else:
            H = induced(G, members)
            local = nx.spring_layout(H, seed=run.seed, weight=None, iterations=300, k=1.8 / math.sqrt(len(members)))
            middle = np.mean(np.array(list(local.values())), axis=0)
            local = {n: np.asarray(p) - middle for n, p in local.items()}
            scale = max(float(np.hypot(*np.array(list(local.values())).T).max()), 1e-9)
            local = {n: p / scale for n, p in local.items()}
        for n, p in local.items():
            pos[n] = centres[c] + p * (radii[c] - 0.2)
    return pos


def gephi_visuals(run: ClusterRun) -> dict:
    """Per node, GEXF's ``viz`` attributes: the colour of its bloc, a size by weighted degree, and its position
    in the picture's layout (every node laid out, not only those drawn), so Gephi opens the same picture.

    The GraphML writer skips the dict-valued ``viz`` attribute; :func:`to_graphml` drops it first."""
    pos = _layout(run, limit=len(run.graph) + 1)
    max_strength = max((run.strength(n) for n in run.graph), default=1) or 1
    visuals = {}
    for node in run.graph:
        colour = _colour(run.partition[node]).lstrip("#")
        red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        visuals[node] = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "size": round(4 + 36 * math.sqrt(run.strength(node) / max_strength), 3),
            "position": {"x": round(float(pos[node][0]) * 100, 3), "y": round(float(pos[node][1]) * 100, 3), "z": 0.0},
        }
    return visuals


def _marker_area(run: ClusterRun, node, max_strength: float) -> float:
    """Marker area in points², by weighted degree; smaller markers on larger graphs."""
    shrink = min(1.0, math.sqrt(120 / max(1, len(run.graph))))
    return (20 + 1400 * math.sqrt(run.strength(node) / max_strength)) * shrink


def _node_radius_points(run: ClusterRun, node, max_strength: float) -> float:
    return math.sqrt(_marker_area(run, node, max_strength)) / 2


def _place_labels(fig, ax, run: ClusterRun, pos: dict, chosen: list, bold: set, max_strength: float) -> None:
    """Label ``chosen`` nodes (most important first), each at the first nearby spot that overlaps no label:
    beside the node, else farther out with a leader line. A broker (``bold``) is always labelled; another
    node with no free spot goes unlabelled (the tables name every node)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    placed = []
    for n in chosen:
        r = _node_radius_points(run, n, max_strength) + 2
        near = [
            (0, r),
            (0, -r),
            (r, 0),
            (-r, 0),
            (r * 0.8, r * 0.8),
            (-r * 0.8, r * 0.8),
            (r * 0.8, -r * 0.8),
            (-r * 0.8, -r * 0.8),
            (0, r + 11),
            (0, -r - 11),
            (0, r + 22),
            (0, -r - 22),
        ]
        far = [
            (round(d * math.cos(a), 1), round(d * math.sin(a), 1))
            for d in (r + 30, r + 55)
            for a in (math.pi * k / 4 for k in range(8))
        ]
        best = None
        for dx, dy in near + far:
            ha = "center" if abs(dx) < 1 else ("left" if dx > 0 else "right")
            va = "center" if abs(dy) < 1 else ("bottom" if dy > 0 else "top")
            label = ax.annotate(
                run.name(n),
                pos[n],
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=10.5 if run.strength(n) > max_strength / 4 else 9,
                fontweight="bold" if n in bold else "normal",
                zorder=4,
                arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.6} if (dx, dy) in far else None,
                bbox={
                    "boxstyle": "round,pad=0.15",
                    "fc": "white",
                    "ec": "#333333" if n in bold else "none",
                    "alpha": 0.85,
                    "lw": 0.8,
                },
            )
            box = label.get_window_extent(renderer).expanded(1.12, 1.3)
            if not any(box.overlaps(other) for other in placed):
                best = (label, box)
                break
            label.remove()
        if best is None and n in bold:  # a broker is named even where no spot is free
            label = ax.annotate(
                run.name(n),
                pos[n],
                xytext=(0, r),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=10.5,
                fontweight="bold",
                zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "#333333", "lw": 0.8},
            )
            best = (label, label.get_window_extent(renderer))
        if best is not None:
            placed.append(best[1])


def plot_network(run: ClusterRun, labelled: int = LABELLED) -> bytes:
    """PNG of the partnership network: nodes coloured by community and sized by weighted degree."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    G, part = run.graph, run.partition
    pos = _layout(run)
    if len(run.graph) > PLOTTED:
        G = induced(G, sorted(G, key=lambda n: (-run.strength(n), n))[:PLOTTED])
    fig, ax = plt.subplots(figsize=(15, 11), dpi=110)
    max_strength = max((run.strength(n) for n in G), default=1) or 1
    for a, b, w in sorted(G.edges(data="weight")):
        inside = part[a] == part[b]
        ax.plot(
            [pos[a][0], pos[b][0]],
            [pos[a][1], pos[b][1]],
            color=_colour(part[a]) if inside else "#555555",
            alpha=0.35 if inside else 0.3,
            lw=0.6 + 1.2 * math.log1p(w),
            zorder=1,
            linestyle="-" if inside else (0, (4, 2)),
        )
    nodes = sorted(G, key=lambda n: (run.strength(n), n))
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[_marker_area(run, n, max_strength) for n in nodes],
        c=[_colour(part[n]) for n in nodes],
        edgecolors="white",
        linewidths=0.8,
        zorder=2,
    )
    broker_nodes = [b["node"] for b in run.brokers[:8]]
    ranked = sorted(G, key=lambda n: (-run.strength(n), n))
    chosen = list(dict.fromkeys(broker_nodes + ranked[:labelled]))
    chosen.sort(key=lambda n: (-run.strength(n), n))
    _place_labels(fig, ax, run, pos, chosen, set(broker_nodes), max_strength)
    handles = []
    shown = min(len(run.communities), len(BLOC_COLOURS))
    for c in range(shown):
        members = run.communities[c]
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                color=_colour(c),
                markersize=10,
                label=f"{run.bloc_name(c)} ({len(members)} members)",
            )
        )
    if len(run.communities) > shown:
        rest = sum(len(c) for c in run.communities[shown:])
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                color=OTHER_COLOUR,
                markersize=10,
                label=f"{len(run.communities) - shown} smaller groups ({rest} members)",
            )
        )
    handles.append(Line2D([], [], color="#555555", ls=(0, (4, 2)), label="partnership between blocs"))
    handles.append(
        Line2D(
            [],
            [],
            marker="s",
            ls="",
            mfc="white",
            mec="#333333",
            markersize=10,
            label="boxed bold: top brokers (partners spread over blocs)",
        )
    )
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=10,
        frameon=False,
        title="Communities (" + run.method + f", seed {run.seed})",
        title_fontsize=11,
    )
    notes = [
        f"Bloc {c + 1}: " + "; ".join(run.ties(c, 2))
        for c in range(shown)
        if len(run.communities[c]) <= SMALL_BLOC and run.ties(c, 2)
    ]
    if notes:  # a small bloc surprises; its strongest ties say why it holds together
        fig.canvas.draw()
        box = legend.get_window_extent().transformed(ax.transAxes.inverted())
        ax.text(
            1.0,
            box.y0 - 0.02,
            "Why the small blocs hold together:\n"
            + "\n".join(textwrap.fill(note, 60, subsequent_indent="    ") for note in notes),
            transform=ax.transAxes,
            va="top",
            ha="left",
            fontsize=9,
            color="#333333",
        )
    filters = run.filters.describe() or "all events"
    subset = "" if len(G) == len(run.graph) else f" (showing the {len(G)} with most events)"
    ax.set_title(
        f"Space cooperation partnerships at {run.level} level: {len(run.graph)} actors{subset}, "
        f"{run.graph.number_of_edges()} partnerships, modularity {run.modularity:.2f}\n"
        f"events counted: {filters}\nnode size: weighted degree (events); edge width: shared events",
        fontsize=12,
        loc="left",
    )
    ax.set_axis_off()
    ax.margins(0.06)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def plot_timeline(run: ClusterRun, rows: list[dict] | None = None) -> bytes:
    """PNG of change over time: pair-events per year by bloc (stacked) and partnerships per year."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = run.timeline_rows() if rows is None else rows
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(14, 9), dpi=110, sharex=True, gridspec_kw={"height_ratios": [3, 2]}
    )
    hidden = []
    if rows:
        active = [r["year"] for r in rows if r["partnerships_last_%d_years" % WINDOW] or r["gained"]]
        start = active[0] if active else rows[0]["year"]
        for before, after in zip(active, active[1:]):
            if after - before > 10:  # a long quiet spell: start the plot after it, and say what was left out
                start = after
        hidden = [r for r in rows if r["year"] < start]
        rows = [r for r in rows if r["year"] >= start]
    if rows:
        years = [r["year"] for r in rows]
        bloc_keys = [k for k in rows[0] if k.startswith("bloc_")]
        series = [(k, run.bloc_name(int(k.split("_")[1]) - 1), _colour(int(k.split("_")[1]) - 1)) for k in bloc_keys]
        series += [("other", "other blocs", OTHER_COLOUR), ("between_blocs", "between blocs", "#333333")]
        bottom_values = [0] * len(rows)
        for key, label, colour in series:
            values = [r[key] for r in rows]
            if not any(values):
                continue
            top.bar(
                years,
                values,
                bottom=bottom_values,
                color=colour,
                label=label,
                width=0.85,
                hatch="//" if key == "between_blocs" else None,
                edgecolor="white" if key != "between_blocs" else "#dddddd",
                linewidth=0.3,
            )
            bottom_values = [b + v for b, v in zip(bottom_values, values)]
        top.set_ylabel("pair-events per year\n(one per pair of partners in an event)")
        top.legend(loc="upper left", fontsize=9, frameon=False)
        earlier = sum(
            sum(v for k, v in r.items() if k.startswith("bloc_") or k in ("other", "between_blocs")) for r in hidden
        )
        busy = [r["year"] for r in hidden if r["gained"] or r["partnerships_last_%d_years" % WINDOW]]
        note = (
            f"\nnot shown: {earlier} pair-events of {busy[0]}–{busy[-1]}, before a gap of more than 10 years"
            if busy and earlier
            else ""
        )
        top.set_title(
            f"Space cooperation over time, {run.level} level; events counted: {run.filters.describe() or 'all'}{note}",
            fontsize=12,
        )
        top.grid(axis="y", alpha=0.3)
        bottom.plot(
            years, [r["partnerships"] for r in rows], color="#1f1f1f", lw=2, label="partnerships so far (cumulative)"
        )
        window_key = f"partnerships_last_{WINDOW}_years"
        bottom.plot(
            years,
            [r[window_key] for r in rows],
            color="#1f77b4",
            lw=2,
            ls="--",
            label=f"partnerships active in the last {WINDOW} years",
        )
        bottom.bar(
            years,
            [r["gained"] for r in rows],
            color="#2ca02c",
            alpha=0.5,
            width=0.4,
            align="edge",
            label="gained (window)",
        )
        bottom.bar(
            years,
            [-r["lost"] for r in rows],
            color="#d62728",
            alpha=0.5,
            width=0.4,
            align="edge",
            label="lost (window)",
        )
        bottom.axhline(0, color="#888888", lw=0.6)
        bottom.set_ylabel("partnerships (edges)")
        bottom.set_xlabel("year of event (start date, else report date)")
        bottom.legend(loc="upper left", fontsize=9, frameon=False)
        bottom.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------
# Writing and the summary
# ---------------------------------------------------------------------------------------------------------


def summary(run: ClusterRun, top: int = 6) -> str:
    G = run.graph
    s = run.stability
    lines = [
        f"Partnership network, {run.level} level ({run.filters.describe() or 'all events'}): {len(G)} actors, "
        f"{G.number_of_edges()} partnerships, {sum(r.events for r in run.rows)} pair-events"
        + (f", {run.years[0]}–{run.years[-1]}" if run.years else ""),
        f"Communities ({run.method}, seed {run.seed}): {len(run.communities)}, modularity {run.modularity:.3f} "
        f"(one cluster: {run.one_cluster_modularity:.3f})",
        f"Stability over {len(s.seeds)} seeds: adjusted Rand index mean {s.mean_ari:.3f}, min {s.min_ari:.3f}; "
        f"pairs kept together {s.mean_kept:.3f}; modularity {min(s.modularities):.3f}–{max(s.modularities):.3f}",
        "",
        "Largest clusters (members by weighted degree):",
    ]
    for c, members in enumerate(run.communities[:top]):
        names = ", ".join(run.name(n) for n in run.members_by_strength(c)[:8])
        more = f" … +{len(members) - 8}" if len(members) > 8 else ""
        lines.append(f"  {c + 1}. ({len(members)}) {names}{more}")
    if len(run.communities) > top:
        lines.append(f"  … {len(run.communities) - top} more ({sum(len(m) for m in run.communities[top:])} actors)")
    lines += ["", "What holds each cluster together (its strongest partnerships inside, with the kinds of events):"]
    for c in range(min(top, len(run.communities))):
        lines += [f"  {c + 1}. {tie}" for tie in run.ties(c)]
    lines += [
        "",
        "Top brokers (partnerships spread over clusters: participation coefficient × ln(1 + weighted degree)):",
    ]
    for b in run.brokers[: top + 2]:
        n = b["node"]
        lines.append(
            f"  {run.name(n)} — cluster {b['community'] + 1}, spans {b['communities_spanned']} clusters, "
            f"participation {b['participation']:.2f}, weighted degree {run.strength(n):g}, "
            f"betweenness {b['betweenness']:.3f}"
        )
    if not run.brokers:
        lines.append("  (none: no actor has partners in two clusters)")
    return "\n".join(lines)


def write_outputs(run: ClusterRun, out: Path) -> list[Path]:
    """Write every output file of ``run`` to ``out``; return the paths."""
    out = Path(out)
    G = run.graph
    written = []

    def text(name, content):
        write_atomic(out / name, content)
        written.append(out / name)

    def binary(name, content):
        write_atomic(out / name, content)
        written.append(out / name)

    text(
        "communities.csv",
        _csv(
            [
                "node",
                "curie",
                "label",
                "short_label",
                "kind",
                "country",
                "org_class",
                "community",
                "community_size",
                "seed_agreement",
            ],
            [
                [
                    n,
                    a["curie"],
                    a["label"],
                    a["short_label"],
                    a["kind"],
                    a["country"],
                    a["org_class"],
                    run.partition[n] + 1,
                    len(run.communities[run.partition[n]]),
                    _num(run.seed_agreement(n)),
                ]
                for n, a in sorted(run.attributes.items(), key=lambda kv: (run.partition[kv[0]], kv[0]))
            ],
        ),
    )
    broker_rank = {b["node"]: i + 1 for i, b in enumerate(run.brokers)}
    text(
        "centrality.csv",
        _csv(
            [
                "node",
                "curie",
                "short_label",
                "community",
                "degree",
                "weighted_degree",
                "betweenness",
                "eigenvector",
                "participation",
                "communities_spanned",
                "brokerage",
                "broker_rank",
            ],
            [
                [
                    n,
                    run.attributes[n]["curie"],
                    run.name(n),
                    run.partition[n] + 1,
                    m["degree"],
                    m["weighted_degree"],
                    _num(m["betweenness"]),
                    _num(m["eigenvector"]),
                    _num(run.participation[n]),
                    run.spanned[n],
                    _num(brokerage(run.participation[n], m["weighted_degree"])),
                    broker_rank.get(n, ""),
                ]
                for n, m in sorted(run.measures.items(), key=lambda kv: (-kv[1]["weighted_degree"], kv[0]))
            ],
        ),
    )
    text(
        "edges.csv",
        _csv(
            [
                "a",
                "b",
                "a_label",
                "b_label",
                "weight",
                "types",
                "statuses",
                "years",
                "first_date",
                "last_date",
                "same_community",
                "sources",
                "cooperations",
            ],
            [
                [
                    a,
                    b,
                    run.name(a),
                    run.name(b),
                    d["weight"],
                    d["types"],
                    d["statuses"],
                    d["years"],
                    d["first_date"],
                    d["last_date"],
                    int(run.partition[a] == run.partition[b]),
                    d["sources"],
                    d["cooperations"],
                ]
                for a, b, d in sorted(G.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1])))
            ],
        ),
    )
    timeline = run.timeline_rows()
    if timeline:
        text("timeline.csv", _csv(list(timeline[0]), [list(r.values()) for r in timeline]))
    changes = run.cluster_changes()
    text(
        "cluster-changes.csv",
        _csv(
            ["from_window", "to_window", "event", "before", "after", "nodes_before", "nodes_after"],
            [list(c.values()) for c in changes],
        ),
    )
    exported = run.export_graph()
    modified = max((d["last_date"] for _, _, d in G.edges(data=True)), default="1970-01-01")
    binary("partnerships.graphml", to_graphml(exported))
    binary("partnerships.gexf", to_gexf(exported, modified))
    binary("partnerships.png", plot_network(run))
    binary("timeline.png", plot_timeline(run, timeline))
    text("summary.txt", summary(run) + "\n")
    return written


# ---------------------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------------------


def _source(args):
    """Where the views query: a store (``--endpoint``), or the graph in-process, in Oxigraph by default."""
    if args.endpoint:
        from spacecoop.store.endpoint import Endpoint, Limits

        return Endpoint(args.endpoint, limits=Limits(total=args.timeout), default_graph=args.graph)
    if args.data:
        path = Path(args.data)
        if args.engine == "oxigraph":  # the strict loader, Oxigraph's parser (named graphs merged)
            from spacecoop.store.knowledge import KnowledgeStore

            return KnowledgeStore.from_files([path], backend="oxigraph").store
        from spacecoop.io.read import parse_file

        return parse_file(path)
    if args.also:
        from spacecoop.build.pipeline import build_graph

        graph = build_graph(args.also).graph
    elif args.engine == "oxigraph":  # the built N-Triples bulk-loaded, no rdflib graph on the way
        from spacecoop.build.built import built_store

        return built_store()
    else:
        from spacecoop.build.built import load_built_graph

        graph = load_built_graph()
    return to_store(graph) if args.engine == "oxigraph" else graph


def run(args: argparse.Namespace) -> int:
    """Handle ``spacecoop clusters``; return the exit code."""
    statuses = () if args.status == ["all"] else tuple(args.status or DEFAULT_STATUSES)
    if args.since is not None and args.until is not None and args.since > args.until:
        raise SpaceCoopError(f"--since {args.since} is after --until {args.until}")
    try:
        filters = Filters(
            statuses=statuses,
            types=tuple(args.type or ()),
            as_of=args.as_of.isoformat() if args.as_of else None,
            since=args.since,
            until=args.until,
            origin=args.origin,
        )
        filters.values()
    except (ValueError, KeyError) as error:
        raise SpaceCoopError(f"bad filter: {error}") from None
    started = time.perf_counter()
    source = _source(args)
    loaded = time.perf_counter() - started
    result = ClusterRun(source, args.level, filters, args.method, args.seed, args.seeds)
    if len(result.graph) == 0:
        raise SpaceCoopError("no partnerships match these filters: nothing to cluster")
    out = args.out or DIST_DIR / f"clusters-{args.level}"
    paths = write_outputs(result, out)
    print(summary(result))
    print(
        f"\nTimes: load {loaded:.1f} s, views and analysis {result.seconds:.1f} s "
        f"(queries {result.query_seconds:.1f} s), total {time.perf_counter() - started:.1f} s"
    )
    print(f"Wrote {out}/: {', '.join(p.name for p in paths)}")
    return 0


def add_parser(subparsers) -> None:
    """Register ``spacecoop clusters``."""
    parser = subparsers.add_parser(
        "clusters",
        help="blocs and brokers of the partnership network: CSV, GraphML, GEXF, PNG",
        description="Build the organisation or country partnership network from the cooperation events, find "
        "communities (seeded) and brokers, follow them over time, and write CSV tables, GraphML, a "
        "dynamic GEXF, two pictures and a summary to --out.",
    )
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default="country",
        help="org: actors as they take part; country: each counted for its country, "
        "intergovernmental organisations (ESA) as their own nodes (default: country)",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="leave out events dated after DATE (start date, else report date)",
    )
    parser.add_argument(
        "--origin",
        choices=ORIGINS,
        default="curated",
        help="which events: the curated record (default), the dataset-derived layers (GCAT's launch services, "
        "co-ownerships, manufacturing contracts), or all",
    )
    parser.add_argument("--since", type=year_number, metavar="YEAR", help="only events dated in YEAR or later")
    parser.add_argument("--until", type=year_number, metavar="YEAR", help="only events dated in YEAR or earlier")
    parser.add_argument(
        "--status",
        nargs="+",
        metavar="STATUS",
        help="statuses to count (status: concept names or IRIs; 'all' for every status; "
        f"default: {' '.join(DEFAULT_STATUSES)})",
    )
    parser.add_argument(
        "--type",
        nargs="+",
        metavar="TYPE",
        help="cooperation types to count (cooptype: names or IRIs, e.g. agreement accession)",
    )
    parser.add_argument(
        "--method",
        choices=METHODS,
        default="louvain",
        help="community detection (default louvain; leiden needs python-igraph and leidenalg; "
        "auto: leiden if installed)",
    )
    parser.add_argument("--seed", type=seed, default=0, help="random seed of the reported partition (default 0)")
    parser.add_argument(
        "--seeds",
        type=positive_count,
        default=10,
        metavar="K",
        help="seeds to run for the stability measure (default 10)",
    )
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: dist/clusters-LEVEL)")
    parser.add_argument(
        "--also",
        type=Path,
        nargs="+",
        default=[],
        metavar="FILE",
        help="extra Turtle files to build with graph/ (drafts not merged yet)",
    )
    parser.add_argument(
        "--data", metavar="FILE", help="read this RDF file (e.g. dist/spacecoop.nt) instead of building"
    )
    parser.add_argument(
        "--engine",
        choices=("oxigraph", "rdflib"),
        default="oxigraph",
        help="in-process SPARQL engine for the views (default oxigraph: same answers, far faster)",
    )
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="query a SPARQL 1.1 store instead (credentials from "
        "SPACECOOP_ENDPOINT_USER/PASSWORD or SPACECOOP_ENDPOINT_TOKEN)",
    )
    parser.add_argument("--graph", metavar="IRI", help="with --endpoint: the named graph to query")
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=300.0,
        metavar="S",
        help="with --endpoint: time limit per query in seconds (default 300)",
    )
    parser.set_defaults(func=run)


if __name__ == "__main__":  # pragma: no cover - for trying the module without the lead's cli registration
    _parser = argparse.ArgumentParser(prog="spacecoop")
    add_parser(_parser.add_subparsers(dest="command", required=True))
    _args = _parser.parse_args(["clusters", *sys.argv[1:]])
    try:
        sys.exit(_args.func(_args))
    except SpaceCoopError as _error:
        print(f"spacecoop clusters: error: {_error}", file=sys.stderr)
        sys.exit(2)
