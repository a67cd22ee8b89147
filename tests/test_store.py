"""KnowledgeStore: rdflib and Oxigraph backends give the same answers on the real graph.

Each backend parses with its own parser; a plain literal must be found after every load path
(notes/engines.md, trap 1). Every query of the library and every view query gives the same rows
on both backends (GROUP_CONCAT lists compared as sets: their order is the engine's).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef

from spacecoop.build.pipeline import load_store, with_derivations
from spacecoop.errors import SpaceCoopError
from spacecoop.io.paths import QUERIES_DIR, graph_files, ontology_files
from spacecoop.store.querylib import bind_params, load_query
from spacecoop.store.results import normalise
from spacecoop.io.write import to_ntriples
from spacecoop.store.knowledge import AUTO_THRESHOLD_BYTES, KnowledgeStore, choose_backend

SCO = "https://w3id.org/spacecoop/ontology#"
PLAIN = Literal("NPOLO")  # sco:gcatCode of NPO Lavochkin: a plain string in graph/gcat
NPOLO = URIRef("https://w3id.org/spacecoop/id/org/npolo")
LOOKUP = f"SELECT ?org WHERE {{ ?org <{SCO}gcatCode> ?code }}"
LOOKUP_TEXT = f'SELECT ?org WHERE {{ ?org <{SCO}gcatCode> "NPOLO" }}'


def _finds_plain_literal(store: KnowledgeStore) -> None:
    assert store.query(LOOKUP, {"code": PLAIN}).rows == [(NPOLO,)], store.backend
    assert store.query(LOOKUP_TEXT).rows == [(NPOLO,)], store.backend


#: The graphs the backends are compared on: the ontology with the query and views fixtures (real organisations,
#: missions and cooperation, curated and dataset-stated, with the edge cases the queries must handle). rdflib's
#: SPARQL engine takes minutes per query on the whole built graph; Oxigraph answers on it are checked elsewhere.
FIXTURES = Path(__file__).parent / "fixtures"
COMPARED = [FIXTURES / "queries" / "graph.ttl", FIXTURES / "views" / "partnerships.ttl"]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The compared graphs held by rdflib, and the same graphs loaded into Oxigraph from their N-Triples by
    Oxigraph's parser."""
    graph = with_derivations(load_store(COMPARED)).graph
    path = tmp_path_factory.mktemp("store") / "built.nt"
    path.write_text(to_ntriples(graph), encoding="utf-8")
    rdflib_store = KnowledgeStore.from_graph(graph, backend="rdflib")
    oxigraph_store = KnowledgeStore.from_files([path], backend="oxigraph")
    return rdflib_store, oxigraph_store


# ---- loading: every path keeps plain literals plain ----


@pytest.fixture(scope="module")
def loaded():
    """ontology/ and graph/ loaded by each backend with its own parser."""
    files = [*ontology_files(), *graph_files()]
    return {backend: KnowledgeStore.from_files(files, backend=backend) for backend in ("rdflib", "oxigraph")}


@pytest.mark.parametrize("backend", ["rdflib", "oxigraph"])
def test_files_load_and_plain_literals_match(loaded, backend):
    assert loaded[backend].backend == backend
    _finds_plain_literal(loaded[backend])


def test_backends_load_the_same_triples(loaded):
    a, b = loaded["rdflib"], loaded["oxigraph"]
    assert len(a) == len(b)

    def plain(store):  # plain literals, with blank node subjects (their labels differ) as "_"
        return Counter(
            (s if not isinstance(s, BNode) else "_", p, normalise(o))
            for s, p, o in store.triples()
            if isinstance(o, Literal) and o.datatype is None and not o.language
        )

    assert plain(a) == plain(b)


def test_every_conversion_keeps_plain_literals(stores):
    rdflib_store, oxigraph_store = stores
    for store in stores:
        _finds_plain_literal(store)
    back = oxigraph_store.to_rdflib()  # Oxigraph → rdflib: xsd:string literals come back plain
    assert (NPOLO, URIRef(SCO + "gcatCode"), PLAIN) in back
    _finds_plain_literal(KnowledgeStore.from_graph(back, backend="rdflib"))
    _finds_plain_literal(KnowledgeStore.from_graph(rdflib_store.to_rdflib(), backend="oxigraph"))


def test_turtle_and_ntriples_round_trip_through_oxigraph(stores, tmp_path):
    _rdflib_store, oxigraph_store = stores
    ttl, nt = tmp_path / "g.ttl", tmp_path / "g.nt"
    ttl.write_bytes(oxigraph_store.serialise("turtle"))
    nt.write_bytes(oxigraph_store.serialise("nt"))
    assert oxigraph_store.serialise("nt") == nt.read_bytes()  # deterministic
    for path in (ttl, nt):
        again = KnowledgeStore.from_files([path], backend="oxigraph")
        assert len(again) == len(oxigraph_store)
        _finds_plain_literal(again)
        assert again.serialise("nt") == nt.read_bytes()


# ---- queries: the same rows on both backends ----


def _comparable(rows, variables, text):
    concatenated = set(re.findall(r"GROUP_CONCAT\(.*?\)\s+AS\s+\?(\w+)\)", text, flags=re.IGNORECASE | re.DOTALL))
    out = []
    for row in rows:
        items = []
        for name, term in zip(variables, row):
            term = normalise(term)
            if name in concatenated and term is not None:
                items.append(tuple(sorted(re.split(r"[ |]", str(term)))))
            else:
                items.append(term)
        out.append(tuple(items))
    return Counter(out)


def _library():
    cases = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        spec = load_query(path.stem)
        params = {}
        for example in spec.examples[:1]:
            params = dict(re.findall(r"--param (\w+)=(\S+)", example))
        cases.append(pytest.param(spec, params, id=path.stem))
    return cases


@pytest.mark.parametrize("spec, params", _library())
def test_library_query_same_rows_on_both_backends(stores, spec, params):
    rdflib_store, oxigraph_store = stores
    bindings = bind_params(spec, params)
    a = rdflib_store.query(spec.text, bindings)
    b = oxigraph_store.query(spec.text, bindings)
    assert a.rows or a.boolean is not None, "no rows: the comparison would prove nothing"
    assert a.vars == b.vars
    assert _comparable(a.rows, a.vars, spec.text) == _comparable(b.rows, b.vars, spec.text)


@pytest.mark.parametrize("view", sorted(p.stem for p in (QUERIES_DIR / "views").glob("*.rq")))
def test_view_query_same_rows_on_both_backends(stores, view):
    text = (QUERIES_DIR / "views" / f"{view}.rq").read_text(encoding="utf-8")
    rdflib_store, oxigraph_store = stores
    a, b = rdflib_store.select(text), oxigraph_store.select(text)
    assert a.variables == b.variables
    assert _comparable(a.rows, a.variables, text) == _comparable(b.rows, b.variables, text)


def test_views_build_through_the_store(stores):
    from spacecoop.views import partnerships as views

    rdflib_store, oxigraph_store = stores
    G = views.partnership_graph(rdflib_store.graph, level="org")
    H = views.partnership_graph(oxigraph_store, level="org")
    assert sorted(G.nodes) == sorted(H.nodes)
    assert sorted((u, v, d["weight"]) for u, v, d in G.edges(data=True)) == sorted(
        (u, v, d["weight"]) for u, v, d in H.edges(data=True)
    )


def test_construct_rules_same_on_both_backends(stores):
    from spacecoop.build.derive import rule_files

    rdflib_store, oxigraph_store = stores
    for rule in rule_files():
        text = rule.read_text(encoding="utf-8")
        a = {tuple(map(normalise, t)) for t in rdflib_store.construct(text)}
        b = {tuple(map(normalise, t)) for t in oxigraph_store.construct(text)}
        assert a == b, rule.name


def test_ask_and_bad_sparql(stores):
    for store in stores:
        assert store.query("ASK { ?s ?p ?o }").boolean is True
    with pytest.raises(SpaceCoopError):
        stores[1].query("SELECT nonsense")


# ---- choosing a backend ----


def test_auto_backend_by_size(tmp_path):
    small = tmp_path / "small.nt"
    small.write_text('<urn:a> <urn:p> "x" .\n', encoding="utf-8")
    assert choose_backend([small]) == "rdflib"
    big = tmp_path / "big.nt"
    line = '<urn:a> <urn:p> "%s" .\n'
    with open(big, "w", encoding="utf-8") as out:
        for i in range(AUTO_THRESHOLD_BYTES // 20 + 1):
            out.write(line % i)
    assert choose_backend([big]) == "oxigraph"
    assert KnowledgeStore.from_files([big]).backend == "oxigraph"
    assert choose_backend([big], "rdflib") == "rdflib"
    with pytest.raises(SpaceCoopError):
        choose_backend([small], "virtuoso")


def test_malformed_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text('<urn:a> <urn:p> "x" .\n<urn:b> <urn:p> .\n', encoding="utf-8")
    with pytest.raises(SpaceCoopError) as error:
        KnowledgeStore.from_files([bad], backend="oxigraph")
    assert "bad.nt" in str(error.value) and "2" in str(error.value)
