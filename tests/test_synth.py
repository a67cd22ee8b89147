"""The synthetic graph: deterministic for a seed, about the size asked, in our model, and valid
except for exactly the planted findings (checked with the fast validator; tests/test_fastvalidate.py
shows it gives pySHACL's report on synthetic graphs)."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from spacecoop.errors import SpaceCoopError
from spacecoop.validation.compiler import FastValidator
from spacecoop.io.read import load_ontology
from spacecoop.namespaces import bind_prefixes
from spacecoop.build.synth import PLANTED_KINDS, write_synthetic
from spacecoop.validation.shacl import _shape_name, _term, load_shapes, run_checks


def _text(triples: int, seed: int = 0, violations: int = 0) -> tuple[str, object]:
    out = io.StringIO()
    summary = write_synthetic(out, triples=triples, seed=seed, violations=violations)
    return out.getvalue(), summary


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


def _with_ontology(ontology: Graph, text: str) -> Graph:
    data = bind_prefixes(Graph(bind_namespaces="core"))
    for triple in ontology:
        data.add(triple)
    return data.parse(data=text, format="nt")


def test_same_seed_same_bytes_other_seed_other_bytes():
    first, _ = _text(10_000, seed=3, violations=5)
    second, _ = _text(10_000, seed=3, violations=5)
    third, _ = _text(10_000, seed=4, violations=5)
    assert first == second
    assert first != third


@pytest.mark.parametrize("triples", [1_000, 10_000, 50_000])
def test_size_follows_the_request(triples):
    text, summary = _text(triples, seed=1)
    assert summary.triples == text.count("\n")
    assert triples <= summary.triples <= triples * 1.05 + 200


def test_valid_without_planted_findings(ontology):
    text, summary = _text(10_000, seed=5)
    data = _with_ontology(ontology, text)
    assert FastValidator(load_shapes()).validate_graph(data) == []
    assert run_checks(data) == []
    assert summary.planted == []


def test_exactly_the_planted_findings_counted_by_kind(ontology):
    k = len(PLANTED_KINDS) + 5
    text, summary = _text(12_000, seed=9, violations=k)
    assert sum(summary.planted_kinds().values()) == k
    assert set(summary.planted_kinds()) == set(PLANTED_KINDS)
    data = _with_ontology(ontology, text)
    shapes = load_shapes()
    top = FastValidator(shapes).validate_graph(data)
    by_kind = Counter()
    expected = {
        (PLANTED_KINDS[kind][1], PLANTED_KINDS[kind][2], URIRef(focus)): kind for kind, focus in summary.planted
    }
    for result in top:
        key = (_shape_name(shapes, result.shape), str(result.component).rsplit("#", 1)[-1], result.focus)
        assert key in expected, (key, _term(data, result.focus))
        by_kind[expected[key]] += 1
        assert str(result.severity).endswith(PLANTED_KINDS[expected[key]][0])
    assert by_kind == summary.planted_kinds()
    # the one check that sees a planted finding too: a cooperation whose two participations name one agent
    checks = Counter(f.shape for f in run_checks(data))
    assert checks == Counter(
        {"check:cooperation-participants-violation": summary.planted_kinds()["one-distinct-participant"]}
    )


def test_uses_only_concepts_of_our_vocabularies(ontology):
    text, _ = _text(5_000, seed=2, violations=len(PLANTED_KINDS))
    concepts = {str(c) for c in ontology.subjects(RDF.type, SKOS.Concept)}
    used = set(re.findall(r"<(https://w3id.org/spacecoop/vocab/[^>]+)>", text))
    assert used and used <= concepts
    classes_and_properties = set(re.findall(r"<(https://w3id.org/spacecoop/ontology#[^>]+)>", text))
    declared = {str(s) for s in ontology.subjects()}
    assert classes_and_properties <= declared


def _synth_command(argv) -> int:
    """``spacecoop synth`` through its own parser (whether or not cli.COMMAND_MODULES lists it yet)."""
    import argparse

    from spacecoop.commands import synth

    parser = argparse.ArgumentParser(prog="spacecoop")
    synth.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_command_writes_the_file_and_the_summary(tmp_path, capsys):
    out, summary = tmp_path / "syn.nt", tmp_path / "planted.json"
    code = _synth_command(
        ["synth", "--triples", "2000", "--seed", "1", "--violations", "3", "--out", str(out), "--summary", str(summary)]
    )
    assert code == 0
    assert out.read_text(encoding="utf-8") == _text(2000, seed=1, violations=3)[0]
    assert '"kind": "missing-cooperation-type"' in summary.read_text(encoding="utf-8")


def test_refuses_silly_sizes():
    with pytest.raises(SpaceCoopError):
        write_synthetic(io.StringIO(), triples=10)
