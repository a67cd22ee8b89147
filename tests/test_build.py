"""The build: conforms, writes three formats that agree, and is deterministic."""

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from spacecoop.build.pipeline import build_graph, validate_build, write_outputs
from spacecoop.cli import main
from spacecoop.io.read import parse_file


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    result = build_graph()
    report = validate_build(result)
    stats = write_outputs(result, report, out)
    return result, report, stats, out


def test_the_real_graph_conforms(built):
    _result, report, _stats, _out = built
    assert report.conforms, report.as_text()


def test_no_blank_nodes_reach_the_outputs(built):
    result, *_ = built
    from rdflib import BNode
    assert not any(isinstance(term, BNode) for triple in result.graph for term in triple)


def test_ntriples_and_jsonld_parse_back_to_the_turtle_graph(built):
    _result, _report, _stats, out = built
    turtle = parse_file(out / "spacecoop.ttl")
    assert isomorphic(turtle, parse_file(out / "spacecoop.nt"))
    assert isomorphic(turtle, parse_file(out / "spacecoop.jsonld"))


def test_plain_literals_stay_plain_after_reload(built):
    _result, _report, _stats, out = built
    reloaded = parse_file(out / "spacecoop.nt")
    rows = list(reloaded.query(
        'PREFIX sco: <https://w3id.org/spacecoop/ontology#> SELECT ?o WHERE { ?o sco:gcatCode "NPOLO" }'))
    assert len(rows) == 1


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
    assert (lavochkin, SCO.partnerOf, ID.country["cn"]) not in result.graph


def test_build_exits_1_on_a_violation_and_2_on_a_malformed_file(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n"
                      "<https://w3id.org/spacecoop/id/cooperation/x> a sco:Cooperation .\n")
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
