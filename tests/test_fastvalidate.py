"""The fast validator gives pySHACL's report, to the letter, or refuses.

The comparisons that run pySHACL over many graphs (every shape case, a slice of the real graph, a synthetic
graph) are marked ``slow``: CI runs them; the quick run checks each shape case with the fast validator alone
(tests/test_shapes.py).

Each comparison takes every validation result of both report graphs (nested ``sh:detail`` ones
too) as (severity, source shape, focus, path, value, messages, constraint component) and compares
the two multisets; on small graphs the report graphs must also be isomorphic.
"""

from __future__ import annotations

import importlib.util
import io
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from spacecoop.errors import SpaceCoopError
from spacecoop.validation.compiler import FastValidator, Unsupported, flatten, report_graph
from spacecoop.io.read import load_ontology, parse_file
from spacecoop.namespaces import bind_prefixes
from spacecoop.io.skolem import skolemise
from spacecoop.build.pipeline import load_store, with_derivations
from spacecoop.build.synth import PLANTED_KINDS, write_synthetic
from spacecoop.io.paths import graph_files
from spacecoop.validation.shacl import SH, _shape_name, _term, load_shapes, validate_graph


def _shape_cases():
    """The cases of tests/test_shapes.py: one update per way of breaking the valid fixture."""
    path = Path(__file__).parent / "test_shapes.py"
    spec = importlib.util.spec_from_file_location("spacecoop_test_shapes_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # a broken tests/test_shapes.py fails here, loudly
    return module.CASES, module.FIXTURE, module.PREFIXES


CASES, FIXTURE, PREFIXES = _shape_cases()


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


def _results(report: Graph, shapes: Graph, data: Graph) -> Counter:
    found = Counter()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        found[
            (
                str(report.value(r, SH.resultSeverity)),
                _shape_name(shapes, report.value(r, SH.sourceShape)),
                _term(data, report.value(r, SH.focusNode)),
                _term(data, report.value(r, SH.resultPath)),
                _term(data, report.value(r, SH.value)),
                tuple(sorted(str(m) for m in report.objects(r, SH.resultMessage))),
                str(report.value(r, SH.sourceConstraintComponent)),
                len(list(report.objects(r, SH.detail))),
            )
        ] += 1
    return found


def _compare(data: Graph, shapes: Graph, graphs_too: bool = False) -> Counter:
    reference = validate_graph(data, shapes, engine="pyshacl").graph
    validator = FastValidator(shapes)
    try:
        found = validator.validate_graph(data)
    except Unsupported:
        found = None
    if found is None or validator.refused:
        # a refusal is allowed (never a different answer): then "auto" must give pySHACL's report
        fast = validate_graph(data, shapes, engine="auto").graph
        graphs_too = False
    else:
        fast = report_graph(shapes, found)
    expected, got = _results(reference, shapes, data), _results(fast, shapes, data)
    assert got == expected, f"missing: {expected - got}\nextra: {got - expected}"
    if graphs_too:
        assert isomorphic(reference, fast)
    return expected


def _copy(graph: Graph) -> Graph:
    copy = bind_prefixes(Graph(bind_namespaces="core"))
    for triple in graph:
        copy.add(triple)
    return copy


# ---- the shape fixtures ----


@pytest.fixture(scope="module")
def valid_data(ontology):
    return parse_file(FIXTURE, _copy(ontology))


def test_valid_fixture_same_empty_report(valid_data, shapes):
    assert _compare(skolemise(valid_data), shapes, graphs_too=True) == Counter()


@pytest.mark.slow
@pytest.mark.parametrize("shape, update", CASES, ids=[f"{i:02d}-{shape}" for i, (shape, _) in enumerate(CASES)])
def test_each_shape_case_same_report(valid_data, shapes, shape, update):
    data = _copy(valid_data)
    data.update(PREFIXES + update)
    found = _compare(skolemise(data), shapes, graphs_too=True)
    assert any(key[1] == f"scsh:{shape}" for key in found)


# ---- the real graph ----

#: A slice of graph/ small enough for pySHACL (which takes many minutes over the whole graph): two curated
#: areas and the shared agents, publishers and countries; the organisations of GCAT are left out, so the
#: participants they type show up as violations, which both validators must report alike.
REAL_SLICE = ("agents", "publishers", "countries", "mars", "agreements")


@pytest.mark.slow
def test_real_graph_slice_same_report(shapes):
    files = [path for path in graph_files() if path.parent.name in REAL_SLICE]
    assert {path.parent.name for path in files} == set(REAL_SLICE)
    _compare(with_derivations(load_store(files)).graph, shapes)


def test_every_shape_of_ours_is_compiled(shapes):
    """No shape of ontology/shapes.ttl falls back to pySHACL (the build would say so, and take longer)."""
    validator = FastValidator(shapes)
    assert validator.refused == {} and len(validator.top) > 20


# ---- synthetic graphs with planted findings ----


def _synthetic(ontology, triples: int, seed: int, violations: int):
    out = io.StringIO()
    summary = write_synthetic(out, triples=triples, seed=seed, violations=violations)
    data = _copy(ontology)
    data.parse(data=out.getvalue(), format="nt")
    return data, summary


@pytest.mark.slow
def test_synthetic_planted_findings_same_report(ontology, shapes):
    # every planted kind twice, and three more: repeats on the same kind of node, each found once
    data, summary = _synthetic(ontology, 6_000, seed=7, violations=2 * len(PLANTED_KINDS) + 3)
    found = _compare(data, shapes)
    top = FastValidator(shapes).validate_graph(data)
    assert len(top) == len(summary.planted) == 2 * len(PLANTED_KINDS) + 3
    got = Counter(
        (_term(data, r.focus), _shape_name(shapes, r.shape), str(r.component).rsplit("#", 1)[-1]) for r in top
    )
    want = Counter(
        (_term(data, URIRef(focus)), PLANTED_KINDS[kind][1], PLANTED_KINDS[kind][2]) for kind, focus in summary.planted
    )
    assert got == want
    assert sum(found.values()) == len(flatten(top))


# ---- refusals ----


def test_refuses_a_constraint_it_does_not_compile(ontology, shapes):
    odd = _copy(shapes)
    odd.update(
        "PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX scsh: <https://w3id.org/spacecoop/shapes#> "
        "INSERT DATA { scsh:Extra a sh:NodeShape ; sh:targetClass <https://w3id.org/spacecoop/ontology#Mission> ;"
        ' sh:property [ sh:path <https://w3id.org/spacecoop/ontology#cosparId> ; sh:pattern "^[0-9]{4}-" ;'
        ' sh:message "COSPAR ids look like 2023-118A." ] }'
    )
    refused = FastValidator(odd).refused
    assert set(refused) == {URIRef("https://w3id.org/spacecoop/shapes#Extra")} and "pattern" in str(refused)
    data = _copy(ontology)
    data.add((URIRef("urn:x:m"), RDF.type, URIRef("https://w3id.org/spacecoop/ontology#Mission")))
    data.add((URIRef("urn:x:m"), URIRef("https://w3id.org/spacecoop/ontology#cosparId"), Literal("bad")))
    with pytest.raises(SpaceCoopError):
        validate_graph(data, odd, engine="fast")
    auto = validate_graph(data, odd, engine="auto")  # pySHACL validates scsh:Extra, and scsh:Extra only
    reference = validate_graph(data, odd, engine="pyshacl")
    assert sorted(auto.findings) == sorted(reference.findings)
    assert any(f.shape == "scsh:Extra" for f in auto.findings)
    assert list(auto.fallbacks) == ["scsh:Extra"] and "scsh:Extra" in auto.as_text()


def test_refuses_blank_nodes(ontology, shapes):
    data = _copy(ontology)
    data.parse(data="<urn:x:a> <urn:x:p> [ <urn:x:q> 1 ] .", format="turtle")
    with pytest.raises(Unsupported):
        FastValidator(shapes).validate_graph(data)


def test_refuses_to_guess_how_an_explicit_xsd_string_prints(ontology, shapes):
    data = _copy(ontology)
    coop = URIRef("https://w3id.org/spacecoop/id/cooperation/typed-string")
    data.add((coop, RDF.type, URIRef("https://w3id.org/spacecoop/ontology#Cooperation")))
    data.add(
        (coop, URIRef("https://w3id.org/spacecoop/ontology#reportedOn"), Literal("2020-01-01", datatype=XSD.string))
    )
    validator = FastValidator(shapes)
    validator.validate_graph(data)
    assert validator.refused, "the shape reporting the value is refused"
    # auto falls back for that shape and gives the reference answer
    assert sorted(validate_graph(data, shapes).findings) == sorted(
        validate_graph(data, shapes, engine="pyshacl").findings
    )


def test_auto_names_the_constraint_that_sent_it_to_pyshacl(ontology):
    """A shape the compiler does not cover (sh:pattern) makes ``auto`` run pySHACL and say why."""
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix sco: <https://w3id.org/spacecoop/ontology#> .
        <urn:x:shape> a sh:NodeShape ; sh:targetClass sco:Mission ;
            sh:property [ sh:path sco:cospar ; sh:pattern "^[0-9]{4}-" ; sh:message "a COSPAR id" ] ."""
    )
    data = Graph().parse(
        data="""@prefix sco: <https://w3id.org/spacecoop/ontology#> .
        <urn:x:m> a sco:Mission ; sco:cospar "x" ."""
    )
    report = validate_graph(data, shapes, engine="auto")
    assert not report.conforms
    assert "pattern" in report.fallback and "Validated by pySHACL" in report.as_text()
    assert validate_graph(data, shapes, engine="pyshacl").fallback == ""
