"""The query library: every query is documented, portable, parameterised as its header says, totally
ordered, and answers on the fixture graph; every check is silent on good data and speaks on bad."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from spacecoop.io.paths import QUERIES_DIR
from spacecoop.commands.query import run_local
from spacecoop.store.querylib import bind_params, list_queries, load_query


QUESTIONS = [name for name in list_queries() if not name.startswith("checks/")]
CHECKS = [name for name in list_queries() if name.startswith("checks/")]
VIOLATIONS = Path(__file__).parent / "fixtures" / "queries" / "violations.ttl"


def example_params(spec) -> dict[str, str]:
    """The ``--param`` values of a query's first example line."""
    words = shlex.split(spec.examples[0]) if spec.examples else []
    return dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word == "--param")


def test_the_library_has_enough_questions_and_checks():
    assert len(QUESTIONS) >= 20
    assert len(CHECKS) >= 3
    assert all(name.endswith("-violation") for name in CHECKS)


@pytest.mark.parametrize("name", QUESTIONS + CHECKS)
def test_query_is_documented_and_parses_alone(name):
    spec = load_query(name)
    assert spec.summary, "a '#+ summary:' line"
    prepareQuery(spec.text)  # its own PREFIX lines suffice
    projected = {str(v) for v in prepareQuery(spec.text).algebra["PV"]}
    for param in spec.params:
        assert param in projected, f"parameter {param} is a projected variable: the output shows what was asked"
    if not name.startswith("checks/"):
        assert spec.examples and spec.examples[0].startswith(f"spacecoop query {name}")
        assert set(example_params(spec)) <= set(spec.params)


@pytest.mark.parametrize("name", QUESTIONS + CHECKS)
def test_query_ends_in_a_total_order(name):
    """ORDER BY is the last clause and names every projected variable (or every GROUP BY key)."""
    text = re.sub(r"(?m)^#[^\n]*", "", load_query(name).text)
    tail = text.rsplit("ORDER BY", 1)
    assert len(tail) == 2 and "}" not in tail[1], "ends in ORDER BY"
    ordered = set(re.findall(r"\?(\w+)", tail[1]))
    grouped = re.search(r"GROUP BY([^\n]*)", text)
    if grouped:
        assert set(re.findall(r"\?(\w+)", grouped.group(1))) <= ordered
    else:
        projected = {str(v) for v in prepareQuery(text).algebra["PV"]}
        assert projected <= ordered


@pytest.mark.parametrize("name", QUESTIONS)
def test_example_answers_on_the_fixture(name, fixture_graph):
    spec = load_query(name)
    results = run_local(fixture_graph, spec.text, bind_params(spec, example_params(spec)), 60, name)
    assert results.rows, f"the example of {name} finds something in tests/fixtures/queries/graph.ttl"


@pytest.mark.parametrize("name", CHECKS)
def test_check_is_silent_on_good_data(name, fixture_graph):
    assert run_local(fixture_graph, load_query(name).text, {}, 60, name).rows == []


@pytest.mark.parametrize("name", CHECKS)
def test_check_finds_its_violation(name, fixture_graph):
    bad = Graph().parse(VIOLATIONS) + fixture_graph
    rows = run_local(bad, load_query(name).text, {}, 60, name).rows
    assert rows, f"{VIOLATIONS.name} holds a case {name} must report"
    assert all("/bad-" in str(row[0]) for row in rows)


def test_checks_are_where_the_build_looks():
    assert {p.stem for p in (QUERIES_DIR / "checks").glob("*-violation.rq")} == {c[len("checks/") :] for c in CHECKS}
