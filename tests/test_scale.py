"""The build at any size (``spacecoop.build.pipeline``, on Oxigraph) against rdflib doing the same on a synthetic
graph: the same rows of the checks, stats, derived triples and report; outputs sorted on disk with the same
bytes as in memory; blank nodes named as rdflib's skolemisation names them."""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Graph

from spacecoop.build.pipeline import load_store, with_derivations
from spacecoop.cli import main
from spacecoop.build.derive import derive
from spacecoop.io.read import load_ontology, parse_file
from spacecoop.io.skolem import skolemise
from spacecoop.namespaces import bind_prefixes
from spacecoop.io.write import turtle_from_ntriples, write_turtle
from spacecoop.build.stats import compute_stats
from spacecoop.build.synth import write_synthetic
from spacecoop.validation.shacl import run_checks, validate_graph


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic graph of 20k triples with one finding of each planted kind, and the same in rdflib."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.nt"
    out = io.StringIO()
    write_synthetic(out, triples=20_000, seed=7, violations=16)
    path.write_text(out.getvalue(), encoding="utf-8")
    graph = load_ontology()
    graph.parse(path, format="nt")
    return path, graph


def test_checks_find_the_same_rows_on_rdflib_and_oxigraph(synthetic):
    path, graph = synthetic
    on_rdflib = sorted(map(repr, run_checks(graph)))
    on_oxigraph = sorted(map(repr, run_checks(load_store([path]))))
    assert on_rdflib == on_oxigraph
    assert any("cooperation-participants-violation" in row for row in on_rdflib), "the planted check finding"


def test_stats_are_the_same_on_both(synthetic):
    path, graph = synthetic
    stats = compute_stats(graph)
    assert stats == compute_stats(load_store([path]))
    assert stats["entities"]["Cooperation"] > 100 and stats["cooperation_by_type"]


def test_rules_derive_the_same_triples_on_both(synthetic):
    path, graph = synthetic
    built = with_derivations(load_store([path]))
    assert set(built.derived) == set(derive(graph)) and len(built.added) > 0


def test_validate_reports_what_the_rdflib_graph_gives(synthetic, capsys):
    path, graph = synthetic
    assert main(["validate", "--format", "json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report == json.loads(validate_graph(skolemise(graph)).as_json())
    assert len(report["results"]) >= 16


def test_sorted_on_disk_equals_sorted_in_memory(synthetic, tmp_path):
    path, _graph = synthetic
    store = load_store([path])
    store.write_ntriples(tmp_path / "graph.nt")
    in_memory = store.sorted_ntriples()
    assert (tmp_path / "graph.nt").read_bytes() == in_memory
    write_turtle(tmp_path / "graph.nt", tmp_path / "graph.ttl")
    assert (tmp_path / "graph.ttl").read_bytes() == turtle_from_ntriples(in_memory)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt", "graph.ttl"], "no temporary file is left"


def test_a_blank_node_is_skolemised_as_the_rdflib_build_names_it(tmp_path):
    draft = tmp_path / "draft.ttl"
    draft.write_text(
        "@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n"
        "<https://w3id.org/spacecoop/id/cooperation/x> sco:participation "
        "[ sco:agent <https://w3id.org/spacecoop/id/org/esa> ] .\n"
    )
    expected = skolemise(bind_prefixes(Graph()).parse(draft))
    store = load_store([draft], with_ontology=False)
    assert set(store.triples()) == set(expected)


def test_query_and_export_read_a_large_file_with_oxigraph(synthetic, tmp_path, capsys):
    path, graph = synthetic
    assert path.stat().st_size > 2_000_000, "auto must pick Oxigraph for this file"
    rows = {}
    for engine in ("rdflib", "auto"):
        assert (
            main(
                [
                    "query",
                    "country-partners",
                    "--data",
                    str(path),
                    "--engine",
                    engine,
                    "--format",
                    "json",
                    "--param",
                    "country=https://w3id.org/spacecoop/id/country/us",
                ]
            )
            == 0
        )
        rows[engine] = json.loads(capsys.readouterr().out)
    assert rows["auto"] == rows["rdflib"] and rows["auto"]["results"]["bindings"]
    assert main(["export", "--data", str(path), "--format", "nt", "--out", str(tmp_path / "out.nt")]) == 0
    assert (tmp_path / "out.nt").read_bytes() == load_store([path], with_ontology=False).sorted_ntriples()
    assert main(["export", "--data", str(path), "--format", "ttl", "--out", str(tmp_path / "out.ttl")]) == 0
    assert set(parse_file(tmp_path / "out.ttl")) == set(parse_file(tmp_path / "out.nt"))
