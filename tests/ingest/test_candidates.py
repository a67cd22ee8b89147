"""Candidates are Turtle in the curated model: they parse, have no blank nodes, quote the text exactly,
are deterministic, and are valid under the shapes (validated with the ontology and the gazetteer graph)."""

import json
from datetime import date

import pytest
from rdflib import BNode, Graph

from spacecoop.ingest.article import read_article
from spacecoop.ingest.candidates import EXTRACTOR, candidate_graph, describe_source
from spacecoop.commands.ingest import ingest_file
from spacecoop.ingest.extract import extract
from spacecoop.io.read import load_ontology
from spacecoop.namespaces import OA, SCO
from spacecoop.io.write import to_turtle
from spacecoop.io.skolem import skolemise
from spacecoop.validation.shacl import validate_graph

from .conftest import ARTICLES, SEED


def _candidates(path, gazetteer, published=date(2017, 6, 8)):
    text = read_article(path)
    source = describe_source(path, text, published=published, publisher="Sputnik")
    return text, candidate_graph(extract(text, source.published, gazetteer), source)


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.stem)
def test_candidates_parse_and_quote_exactly(path, gazetteer):
    text, graph = _candidates(path, gazetteer)
    reparsed = Graph().parse(data=to_turtle(graph), format="turtle")
    assert len(reparsed) == len(graph)
    assert not any(isinstance(term, BNode) for triple in reparsed for term in triple)
    for selector in reparsed.subjects(OA.exact, None):
        start, end = int(reparsed.value(selector, OA.start)), int(reparsed.value(selector, OA.end))
        assert text[start:end] == str(reparsed.value(selector, OA.exact))
    for candidate in reparsed.subjects(SCO.confidence, None):
        assert (candidate, SCO.extractedBy, EXTRACTOR) in reparsed
        assert 0 <= float(reparsed.value(candidate, SCO.confidence)) <= 1


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.stem)
def test_candidates_are_valid_under_the_shapes(path, gazetteer, gazetteer_graph):
    _, graph = _candidates(path, gazetteer)
    data = load_ontology()
    for triple in gazetteer_graph:
        data.add(triple)
    for triple in graph:
        data.add(triple)
    report = validate_graph(skolemise(data))
    ours = {str(subject) for subject in graph.subjects()}
    ours |= {graph.namespace_manager.normalizeUri(subject) for subject in graph.subjects()}
    violations = [finding for finding in report.violations if finding.focus in ours]
    assert violations == [], report.as_text()


def test_output_is_deterministic(gazetteer):
    first = ingest_file(SEED, gazetteer, published=date(2017, 6, 8), publisher="Sputnik")
    second = ingest_file(SEED, gazetteer, published=date(2017, 6, 8), publisher="Sputnik")
    assert first == second


def test_json_and_review_outputs(gazetteer):
    document = json.loads(ingest_file(SEED, gazetteer, published=date(2017, 6, 8), output="json"))
    assert [c["type"] for c in document["cooperation"]] == [
        "intent",
        "talks",
        "intent-to-negotiate",
        "joint-mission",
        "joint-mission",
    ]
    assert document["cooperation"][0]["id"] == "sputnik-lavochkin-china-lunar-s0"
    listing = ingest_file(SEED, gazetteer, published=date(2017, 6, 8), output="review")
    assert "sputnik-lavochkin-china-lunar-s4  joint-mission  status unlikely" in listing


def test_designations_from_brackets(gazetteer):
    _, graph = _candidates(SEED, gazetteer)
    names = {
        (str(graph.value(d, SCO.name)), str(graph.value(d, SCO.designates)).rsplit("/", 1)[-1])
        for d in graph.subjects(SCO.name, None)
    }
    assert {("Luna-Resurs", "luna-26"), ("Luna-Resurs", "luna-27"), ("Luna-Grunt", "luna-29")} <= names
