"""``spacecoop clusters``: writes every file, the same bytes twice with one seed, GraphML and GEXF that
networkx reads back with weights and attributes, CSVs whose partition covers every node once, and clear
errors. Runs on the real graph/ plus the views fixture, read with --data."""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from spacecoop.commands import clusters
from spacecoop.errors import SpaceCoopError

FILES = [
    "communities.csv",
    "centrality.csv",
    "edges.csv",
    "timeline.csv",
    "cluster-changes.csv",
    "partnerships.graphml",
    "partnerships.gexf",
    "partnerships.png",
    "timeline.png",
    "summary.txt",
]


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="spacecoop")
    clusters.add_parser(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["clusters", *argv])


@pytest.fixture(scope="module")
def data(built_with_views, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("clusters") / "graph.nt"
    built_with_views.store.write_ntriples(path)
    return path


@pytest.fixture(scope="module")
def runs(data, tmp_path_factory):
    outs = []
    for i in range(2):
        out = tmp_path_factory.mktemp(f"run{i}")
        args = _args("--data", str(data), "--seed", "3", "--seeds", "3", "--out", str(out))
        assert args.func(args) == 0
        outs.append(out)
    return outs


def test_writes_every_file_and_prints_a_summary(runs):
    for name in FILES:
        assert (runs[0] / name).stat().st_size > 0, name
    summary = (runs[0] / "summary.txt").read_text(encoding="utf-8")
    assert "Largest clusters" in summary and "Top brokers" in summary and "modularity" in summary
    assert not list(runs[0].glob(".*.tmp"))  # no temporary files left behind


def test_same_seed_gives_byte_identical_files(runs):
    for name in FILES:
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes(), name


def test_same_bytes_in_processes_with_different_string_hashing(data, tmp_path):
    """Regression: networkx subgraphs iterate nodes in hash order, which moved the picture between processes."""
    root = Path(__file__).resolve().parent.parent
    outs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"hash{hash_seed}"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "spacecoop.commands.clusters",
                "--data",
                str(data),
                "--seeds",
                "2",
                "--out",
                str(out),
            ],
            check=True,
            cwd=root,
            env=env,
            capture_output=True,
            timeout=600,
        )
        outs.append(out)
    for name in FILES:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_graphml_and_gexf_read_back_with_weights_and_attributes(runs):
    edges = {(r["a"], r["b"]): int(r["weight"]) for r in csv.DictReader(open(runs[0] / "edges.csv", encoding="utf-8"))}
    for name, reader in (("partnerships.graphml", nx.read_graphml), ("partnerships.gexf", nx.read_gexf)):
        G = reader(runs[0] / name)
        assert G.number_of_edges() == len(edges), name
        for (a, b), weight in edges.items():
            assert int(float(G.edges[a, b]["weight"])) == weight, name
        esa = G.nodes["https://w3id.org/spacecoop/id/org/i-esa"]
        assert esa["label"] == "European Space Agency" and esa["kind"] == "intergovernmental-organisation"
        assert int(esa["community"]) >= 1 and float(esa["betweenness"]) >= 0
    text = (runs[0] / "partnerships.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text and ' start="' in text


def test_communities_csv_covers_every_node_once(runs):
    rows = list(csv.DictReader(open(runs[0] / "communities.csv", encoding="utf-8")))
    nodes = [r["node"] for r in rows]
    assert len(nodes) == len(set(nodes))
    G = nx.read_graphml(runs[0] / "partnerships.graphml")
    assert set(nodes) == set(G)
    sizes = {}
    for r in rows:
        sizes.setdefault(r["community"], set()).add(r["node"])
    assert all(int(r["community_size"]) == len(sizes[r["community"]]) for r in rows)


def test_org_level_with_filters(data, tmp_path):
    args = _args(
        "--data",
        str(data),
        "--level",
        "org",
        "--as-of",
        "2024-12-31",
        "--since",
        "2015",
        "--status",
        "agreed",
        "active",
        "--seeds",
        "2",
        "--out",
        str(tmp_path),
    )
    assert args.func(args) == 0
    rows = list(csv.DictReader(open(tmp_path / "edges.csv", encoding="utf-8")))
    assert rows and all(r["last_date"] <= "2024-12-31" and r["first_date"] >= "2015" for r in rows)
    assert all(set(r["statuses"].split("|")) <= {"agreed", "active"} for r in rows)


def test_errors_are_clear(data, tmp_path):
    with pytest.raises(SpaceCoopError, match="no partnerships"):
        args = _args("--data", str(data), "--since", "2200", "--out", str(tmp_path))
        args.func(args)
    with pytest.raises(SpaceCoopError, match="after --until"):
        args = _args("--data", str(data), "--since", "2020", "--until", "2010", "--out", str(tmp_path))
        args.func(args)
    with pytest.raises(SystemExit):
        _args("--as-of", "yesterday")


@pytest.mark.parametrize("option", ["--status", "--type"])
def test_a_filter_that_is_not_text_is_an_error_not_an_internal_error(data, tmp_path, capsys, option):
    """fuzz-cli: ``clusters --status $'\\x80'`` (a lone surrogate once decoded) ended in an internal error,
    UnicodeEncodeError from Oxigraph; it is now exit 2 with a message naming the value, and nothing written."""
    from spacecoop.cli import main

    out = tmp_path / "out"
    assert main(["clusters", "--data", str(data), option, "agreed", "\udc80", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "lone surrogate" in error and "\\udc80" in error and "internal error" not in error
    assert not out.exists()


def test_gexf_carries_colour_size_and_position_for_gephi(runs):
    """Gephi opens the picture: every node has a viz colour (its bloc's), a size (by weighted degree) and a
    position; nodes of one community share a colour."""
    import xml.etree.ElementTree as ET

    viz = "{http://www.gexf.net/1.2draft/viz}"
    root = ET.parse(runs[0] / "partnerships.gexf").getroot()
    community = {r["node"]: r["community"] for r in csv.DictReader(open(runs[0] / "communities.csv", encoding="utf-8"))}
    strength = {
        r["node"]: float(r["weighted_degree"])
        for r in csv.DictReader(open(runs[0] / "centrality.csv", encoding="utf-8"))
    }
    colours, sizes = {}, {}
    nodes = root.iter("{http://www.gexf.net/1.2draft}node")
    for node in nodes:
        colour, size, position = (node.find(viz + tag) for tag in ("color", "size", "position"))
        assert colour is not None and size is not None and position is not None, node.get("id")
        colours.setdefault(community[node.get("id")], set()).add((colour.get("r"), colour.get("g"), colour.get("b")))
        sizes[node.get("id")] = float(size.get("value"))
        assert position.get("x") is not None and position.get("y") is not None
    assert len(sizes) == len(community) > 5
    assert all(len(shades) == 1 for shades in colours.values())
    biggest, smallest = max(strength, key=strength.get), min(strength, key=strength.get)
    assert sizes[biggest] > sizes[smallest]
