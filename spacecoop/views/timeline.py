"""Partnerships over time: snapshots per year or window, partnerships gained and lost, clusters that split and merge.

Everything here works on the rows of one partnership query (:func:`spacecoop.views.partnerships.partnership_rows`:
one row per pair and year with its event count), so a whole timeline costs one SPARQL query.

- :func:`snapshot` / :func:`snapshots` — the partnership graph of the events up to a year
  (``window=None``, cumulative) or of the last ``window`` years (a partnership then ends when its events
  fall out of the window).
- :func:`edge_changes` — partnerships gained and lost between two snapshots.
- :func:`match_communities` — how the communities of one snapshot carry into the next: continue, split,
  merge, appear, vanish.
- :func:`activity_by_year` — events per year within each bloc and between blocs.

>>> from spacecoop.views.partnerships import PairYear
>>> rows = [PairYear("a", "b", 2018, 1), PairYear("b", "c", 2020, 2), PairYear("a", "b", 2021, 1)]
>>> sorted(snapshot(rows, 2020).edges(data="weight"))
[('a', 'b', 1), ('b', 'c', 2)]
>>> sorted(snapshot(rows, 2021, window=2).edges)
[('a', 'b'), ('b', 'c')]
>>> edge_changes(snapshot(rows, 2018, window=1), snapshot(rows, 2020, window=1))
{'gained': [('b', 'c')], 'lost': [('a', 'b')], 'kept': []}
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from spacecoop.views.communities import communities_of
from spacecoop.views.partnerships import PairYear, graph_from_rows  # noqa: F401 (PairYear: the doctests)

__all__ = ["years_of", "snapshot", "snapshots", "edge_changes", "match_communities", "activity_by_year", "BETWEEN"]

BETWEEN = "between blocs"


def years_of(rows) -> list[int]:
    """The years that have events, sorted."""
    return sorted({r.year for r in rows})


def snapshot(rows, year: int, window: int | None = None, attributes: dict | None = None) -> nx.Graph:
    """Partnership graph of the events dated up to ``year`` (and, with ``window``, after ``year - window``)."""
    start = None if window is None else year - window + 1
    keep = [r for r in rows if r.year <= year and (start is None or r.year >= start)]
    return graph_from_rows(keep, attributes, year=year, window=window or 0)


def snapshots(rows, years=None, window: int | None = None, attributes: dict | None = None) -> dict[int, nx.Graph]:
    """:func:`snapshot` for each of ``years`` (default: every year from the first event to the last)."""
    if years is None:
        found = years_of(rows)
        years = range(found[0], found[-1] + 1) if found else ()
    return {year: snapshot(rows, year, window, attributes) for year in years}


def _pairs(G: nx.Graph) -> set:
    return {(min(a, b), max(a, b)) for a, b in G.edges}


def edge_changes(before: nx.Graph, after: nx.Graph) -> dict[str, list]:
    """Partnerships ``gained`` (in ``after`` only), ``lost`` (in ``before`` only) and ``kept``, each sorted."""
    old, new = _pairs(before), _pairs(after)
    return {"gained": sorted(new - old), "lost": sorted(old - new), "kept": sorted(old & new)}


def match_communities(before: dict, after: dict, threshold: float = 0.3) -> list[dict]:
    """How communities of partition ``before`` carry into partition ``after``.

    A community of ``before`` *flows* into one of ``after`` when that one holds at least ``threshold`` of
    its nodes present in both (or the reverse). An old community flowing into several new ones *split*; a
    new community receiving several old ones is a *merge*; one to one *continues*; a new community
    receiving none *appears*; an old one flowing into none *vanishes*. Communities are named by their
    number in the partition (largest first).

    >>> before = {"a": 0, "b": 0, "c": 0, "d": 0, "x": 1, "y": 1}
    >>> after = {"a": 0, "b": 0, "c": 1, "d": 1, "x": 1, "y": 1}
    >>> [(e["event"], e["before"], e["after"]) for e in match_communities(before, after)]
    [('split', [0], [0, 1]), ('merge', [0, 1], [0])]
    """
    common = set(before) & set(after)
    old_groups = {c: set(m) for c, m in enumerate(communities_of({n: before[n] for n in before}))}
    new_groups = {c: set(m) for c, m in enumerate(communities_of({n: after[n] for n in after}))}
    old_index = {n: c for c, m in old_groups.items() for n in m}
    new_index = {n: c for c, m in new_groups.items() for n in m}
    overlap = Counter((old_index[n], new_index[n]) for n in common)
    flows = set()
    for (o, n), shared in overlap.items():
        o_size = len(old_groups[o] & common) or 1
        n_size = len(new_groups[n] & common) or 1
        if shared / o_size >= threshold or shared / n_size >= threshold:
            flows.add((o, n))
    out_of = defaultdict(set)
    into = defaultdict(set)
    for o, n in flows:
        out_of[o].add(n)
        into[n].add(o)
    events = []
    for o in sorted(old_groups):
        if not out_of[o]:
            events.append({"event": "vanish", "before": [o], "after": []})
        elif len(out_of[o]) > 1:
            events.append({"event": "split", "before": [o], "after": sorted(out_of[o])})
    for n in sorted(new_groups):
        if not into[n]:
            events.append({"event": "appear", "before": [], "after": [n]})
        elif len(into[n]) > 1:
            events.append({"event": "merge", "before": sorted(into[n]), "after": [n]})
        else:
            (o,) = into[n]
            if len(out_of[o]) == 1:
                events.append({"event": "continue", "before": [o], "after": [n]})
    for event in events:
        event["nodes_before"] = sum(len(old_groups[c]) for c in event["before"])
        event["nodes_after"] = sum(len(new_groups[c]) for c in event["after"])
    return events


def activity_by_year(rows, partition: dict, blocs=None) -> dict[int, Counter]:
    """Pair-events per year inside each bloc and between blocs.

    A pair-event is one pair taking part in one event (an event of three partners is three
    pair-events). ``blocs`` lists the community numbers to keep apart (default: all); pairs in other
    communities count under ``"other"``, pairs across communities under :data:`BETWEEN`.

    >>> rows = [PairYear("a", "b", 2020, 2), PairYear("b", "x", 2020, 1), PairYear("x", "y", 2021, 1)]
    >>> dict(activity_by_year(rows, {"a": 0, "b": 0, "x": 1, "y": 1})[2020])
    {0: 2, 'between blocs': 1}
    """
    keep = set(partition.values()) if blocs is None else set(blocs)
    out: dict[int, Counter] = defaultdict(Counter)
    for row in rows:
        ca, cb = partition.get(row.a), partition.get(row.b)
        if ca is None or cb is None:
            continue
        key = BETWEEN if ca != cb else (ca if ca in keep else "other")
        out[row.year][key] += row.events
    return dict(sorted(out.items()))
