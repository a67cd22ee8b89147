"""Parameters are data: checked, typed by the header, bound without touching the query's shape;
updates are refused; a runaway query in-process is stopped by its time limit."""

from __future__ import annotations

import functools
import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.algebra import translateQuery

from spacecoop.errors import SpaceCoopError
from spacecoop.store.inject import inject_values, where_clause_start
from spacecoop.commands.query import add_parser, run_local, run_oxigraph
from spacecoop.store.knowledge import KnowledgeStore
from spacecoop.store.querylib import bind_params, check_is_query, load_query, parse_query, to_term

NAMES = parse_query(
    "#+ param: name — a name (literal)\n#+ param: who — an organisation (IRI)\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "SELECT ?who ?label ?name WHERE { ?who skos:prefLabel ?label . FILTER(STR(?label) = ?name) } ORDER BY ?who ?label"
)
NASTY = [
    'x" } ; DROP GRAPH <urn:g> ; SELECT * { "',
    "}",
    "a'b\"c",
    "line\nbreak\r",
    "\\",
    "\\u0022 }",
    "{ ?s ?p ?o }",
    "DROP GRAPH <https://w3id.org/spacecoop/graph/derived>",
    "#comment",
    "<urn:x>",
    "é中\U0001f680",
]


def _shape(node):
    """The algebra with every literal blanked: what is left is the query's shape."""
    if isinstance(node, Literal):
        return "LIT"
    if isinstance(node, dict):
        return (getattr(node, "name", "dict"), tuple(sorted((repr(k), _shape(v)) for k, v in node.items())))
    if isinstance(node, (list, tuple)):
        return tuple(_shape(item) for item in node)
    if isinstance(node, (set, frozenset)):
        return tuple(sorted(repr(item) for item in node))
    return repr(node)


def _literals(node):
    if isinstance(node, Literal):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _literals(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _literals(item)


def _algebra(text: str):
    return translateQuery(parseQuery(text)).algebra


@functools.cache
def _reference_shape():
    """The algebra's shape with a plain value bound: what every other value must give."""
    return _shape(_algebra(inject_values(NAMES.text, {"name": Literal("x")})))


@pytest.mark.parametrize(
    "value",
    [
        "not an iri",
        "urn:a b",
        "<urn:x>",
        'urn:x"',
        "urn:{x}",
        "urn:a|b",
        "urn:a^b",
        "urn:a`b",
        "urn:a\\b",
        "",
        "nope:x y",
        "https://x.org/\n",
    ],
)
def test_an_iri_parameter_refuses_what_is_not_an_iri(value):
    with pytest.raises(SpaceCoopError, match="wants an IRI"):
        to_term(value, "IRI")


def test_prefixed_names_expand_and_unknown_parameters_are_refused():
    assert bind_params(NAMES, {"who": "scorg:esa"}) == {"who": URIRef("https://w3id.org/spacecoop/id/org/esa")}
    with pytest.raises(SpaceCoopError, match="no parameter 'org'"):
        bind_params(NAMES, {"org": "scorg:esa"})


@pytest.mark.parametrize("value", NASTY)
def test_a_hostile_literal_is_matched_literally_in_process(value, fixture_graph):
    graph = Graph() + fixture_graph
    graph.add((URIRef("urn:spacecoop:test:x"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal(value)))
    rows = run_local(graph, NAMES.text, bind_params(NAMES, {"name": value}), 30).rows
    assert rows == [(URIRef("urn:spacecoop:test:x"), Literal(value), Literal(value))]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_injected_values_never_change_the_query_shape(value):
    """Whatever the string, the bound query parses to the same algebra, the value one literal of it."""
    bound = inject_values(NAMES.text, {"name": Literal(value)})
    assert _shape(_algebra(bound)) == _reference_shape()
    if "\\u" not in value and "\\U" not in value:  # rdflib decodes \u escapes before parsing strings
        assert set(_literals(_algebra(bound))) == {Literal(value)}


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_the_values_block_goes_where_the_where_clause_opens(value):
    text = f'PREFIX a: <urn:a#>\n# {{ comment {value!r}\nSELECT ?x ("{{" AS ?y) WHERE {{ ?x a:p ?o }} ORDER BY ?x'
    assert text[where_clause_start(text) - 1 :].startswith("{ ?x a:p ?o }")


@pytest.mark.parametrize(
    "update",
    [
        "DROP GRAPH <urn:g>",
        "CLEAR ALL",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }",
        "MOVE <urn:a> TO DEFAULT",
        "SELECT * WHERE { ?s ?p ?o } ; DROP GRAPH <urn:g>",
    ],
)
def test_updates_are_refused_before_anything_runs(update):
    with pytest.raises(SpaceCoopError):
        check_is_query(update)


def test_the_command_refuses_an_update_file_and_sends_nothing(tmp_path, misbehaving, capsys):
    import argparse

    update = tmp_path / "drop.rq"
    update.write_text("#+ summary: not a query\nDROP GRAPH <https://w3id.org/spacecoop/graph/derived>\n")
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(["query", str(update), "--endpoint", misbehaving.url("ok")])
    with pytest.raises(SpaceCoopError, match="is a SPARQL update"):
        args.func(args)
    assert misbehaving.hits == {}


def test_a_runaway_query_is_stopped_in_process(fixture_graph):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    start = time.monotonic()
    with pytest.raises(SpaceCoopError, match="ran longer than 1 s"):
        run_local(fixture_graph, runaway, {}, timeout=1)
    assert time.monotonic() - start < 30  # a hang guard, not a timing


def test_a_library_query_reads_the_same_bindings_in_process(fixture_graph):
    spec = load_query("partners")
    rows = run_local(fixture_graph, spec.text, bind_params(spec, {"org": "scorg:npolo"}), 30).rows
    assert {row[1] for row in rows} == {
        URIRef("https://w3id.org/spacecoop/id/org/esa"),
        URIRef("https://w3id.org/spacecoop/id/org/cnsa"),
    }


@pytest.mark.parametrize("value", NASTY)
def test_a_hostile_literal_is_matched_literally_on_pyoxigraph(value, fixture_graph):
    graph = Graph() + fixture_graph
    graph.add((URIRef("urn:spacecoop:test:x"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal(value)))
    rows = run_oxigraph(
        KnowledgeStore.from_graph(graph, "oxigraph"), NAMES.text, bind_params(NAMES, {"name": value}), 30
    ).rows
    assert rows == [(URIRef("urn:spacecoop:test:x"), Literal(value), Literal(value))]


@pytest.mark.parametrize("value", ["\udc80", "scorg:esa\udcff", "urn:x\ud800"])
def test_a_value_with_a_lone_surrogate_is_refused_on_either_engine(value, fixture_graph):
    """fuzz-cli: an argument holding bytes that are not UTF-8 (``$'\\x80'``) reaches Python as a lone surrogate;
    bound into a query on Oxigraph it raised UnicodeEncodeError (an internal error), on rdflib it matched
    nothing. It is now refused, naming the value, before any query runs."""
    for kind in ("literal", "IRI"):
        with pytest.raises(SpaceCoopError, match="is not text: it holds a lone surrogate"):
            to_term(value, kind)
    store = KnowledgeStore.from_graph(Graph() + fixture_graph, "oxigraph")
    with pytest.raises(SpaceCoopError, match="lone surrogate"):
        store.select(NAMES.text, {"name": Literal(value)})


def test_the_built_graph_is_read_from_a_fresh_dist_file_with_plain_literals_kept(tmp_path, monkeypatch):
    """notes/engines.md, trap 1: after every load path, a plain-literal lookup still matches."""
    import spacecoop.build.pipeline
    from spacecoop.build.built import load_built_graph
    from spacecoop.io.outputs import write_checksums

    (tmp_path / "graph").mkdir()
    source = tmp_path / "graph" / "x.ttl"
    source.write_text("# input\n")
    dist = tmp_path / "dist" / "spacecoop.nt"
    dist.parent.mkdir()
    dist.write_text('<urn:a> <urn:status> "active" .\n')
    write_checksums(dist.parent, [dist.name])  # a build records its outputs' digests; only then is dist fresh
    graph = load_built_graph(dist, tmp_path)
    assert (URIRef("urn:a"), URIRef("urn:status"), Literal("active")) in graph
    assert run_local(graph, 'SELECT ?s WHERE { ?s <urn:status> "active" } ORDER BY ?s', {}).rows == [(URIRef("urn:a"),)]

    class Built:
        graph = Graph()

    monkeypatch.setattr(spacecoop.build.pipeline, "build_graph", lambda: Built)
    later = dist.stat().st_mtime + 10
    os.utime(source, (later, later))
    assert load_built_graph(dist, tmp_path) is Built.graph, "a stale dist file is rebuilt"
