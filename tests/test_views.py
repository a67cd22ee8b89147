"""Views: partnership graphs from aggregate queries — weights equal independent counts, filters hold,
country mapping follows its documented rules, graphs are deterministic and export-safe, and the same
queries give the same graph on Oxigraph as on rdflib."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from spacecoop.build.pipeline import build_graph
from spacecoop.namespaces import ID_BASE, RDF, SCO, VOCAB
from spacecoop.store.results import from_sparql_json
from spacecoop.views.partnerships import (
    Filters, bipartite_graph, curie, hierarchy_graph, partnership_graph, partnership_rows, project, select,
    to_store,
)

FIXTURE = Path(__file__).parent / "fixtures" / "views" / "partnerships.ttl"
ORG = ID_BASE + "org/"
COUNTRY = ID_BASE + "country/"
DEFAULT = ("agreed", "active", "completed", "suspended", "terminated")


@pytest.fixture(scope="module")
def kg():
    """The real graph/ plus the views fixture, built (rdflib: the independent counts run here)."""
    return build_graph(extra=[FIXTURE]).graph


@pytest.fixture(scope="module")
def store(kg):
    """The same graph in an in-memory Oxigraph store: the views run here (rdflib is compared below)."""
    return to_store(kg)


def _pair_counts(rows) -> Counter:
    counts = Counter()
    for row in rows:
        counts[(str(row[0]), str(row[1]))] += int(row[2])
    return counts


def test_org_edge_weights_equal_an_independent_count(kg, store):
    independent = """
        PREFIX sco: <https://w3id.org/spacecoop/ontology#>
        SELECT ?a ?b (COUNT(DISTINCT ?c) AS ?n) WHERE {
          ?c a sco:Cooperation ; sco:status ?s ; sco:participation ?pa , ?pb .
          ?pa sco:agent ?a . ?pb sco:agent ?b .
          FILTER(STR(?a) < STR(?b))
        } GROUP BY ?a ?b"""
    expected = _pair_counts(select(kg, independent).rows)
    G = partnership_graph(store, "org", Filters())
    found = {(min(a, b), max(a, b)): w for a, b, w in G.edges(data="weight")}
    assert found == dict(expected)
    assert found[(ORG + "esa", ORG + "nasa")] >= 2


def test_org_edge_weights_with_a_status_filter_equal_an_independent_count(kg, store):
    statuses = [VOCAB["status"][s] for s in DEFAULT]
    independent = """
        PREFIX sco: <https://w3id.org/spacecoop/ontology#>
        SELECT ?a ?b (COUNT(DISTINCT ?c) AS ?n) WHERE {
          ?c a sco:Cooperation ; sco:status ?s ; sco:participation/sco:agent ?a , ?b .
          FILTER(STR(?a) < STR(?b))
        } GROUP BY ?a ?b"""
    expected = _pair_counts(select(kg, independent, {"s": statuses}).rows)
    G = partnership_graph(store, "org", Filters(statuses=DEFAULT))
    assert {(min(a, b), max(a, b)): w for a, b, w in G.edges(data="weight")} == dict(expected)
    assert not G.has_edge(ORG + "cnsa", ORG + "nasa") or "under-discussion" not in G.edges[
        ORG + "cnsa", ORG + "nasa"]["statuses"]


def _country_units(kg) -> dict:
    """Python (not SPARQL) version of the documented country rule, for checking the country query."""
    units = {}
    for agent in set(kg.objects(None, SCO.agent)):
        kinds = set(kg.objects(agent, RDF.type))
        if SCO.Country in kinds:
            units[agent] = {agent}
        elif set(kg.objects(agent, SCO.country)):
            units[agent] = set(kg.objects(agent, SCO.country))
        elif SCO.IntergovernmentalOrganisation in kinds:
            units[agent] = {agent}
        else:
            units[agent] = set()
    return units


def test_country_edge_weights_equal_a_count_by_hand(kg, store):
    units = _country_units(kg)
    expected = Counter()
    for coop in set(kg.subjects(RDF.type, SCO.Cooperation)):
        agents = {a for p in kg.objects(coop, SCO.participation) for a in kg.objects(p, SCO.agent)}
        mapped = {u for a in agents for u in units[a]}
        for a, b in combinations(sorted(mapped, key=str), 2):
            expected[(str(a), str(b))] += 1
    G = partnership_graph(store, "country", Filters())
    assert {(min(a, b), max(a, b)): w for a, b, w in G.edges(data="weight")} == dict(expected)


def test_country_level_follows_the_documented_rules(kg, store):
    G = partnership_graph(store, "country", Filters())
    assert ORG + "i-esa" in G and ORG + "esa" not in G            # ESA counts for GCAT's I-ESA, a node of its own
    assert G.nodes[ORG + "i-esa"]["kind"] == "intergovernmental-organisation"
    assert ORG + "views-fixture-igo" in G                         # an IGO without sco:country counts for itself
    assert ORG + "views-fixture-company" not in G                  # an actor of no country is left out
    assert G.has_edge(COUNTRY + "pk", COUNTRY + "ru")              # a country participant counts for itself
    assert all(G.nodes[n]["kind"] in ("country", "intergovernmental-organisation") for n in G)


def test_as_of_excludes_later_events(kg, store):
    full = partnership_graph(store, "org", Filters())
    cut = partnership_graph(store, "org", Filters(as_of="2024-12-31"))
    assert full.has_edge(ORG + "nasa", ORG + "views-fixture-igo")      # fixture event h, 2025-02-10
    assert not cut.has_edge(ORG + "nasa", ORG + "views-fixture-igo")
    assert all(d["last_date"] <= "2024-12-31" for _, _, d in cut.edges(data=True))
    assert all(d["first_year"] <= 2024 for _, _, d in cut.edges(data=True))
    assert set(cut.edges) <= {tuple(e) for e in full.edges} | {tuple(reversed(e)) for e in full.edges}


def test_an_event_is_dated_by_its_start_date_else_its_report_date(kg, store):
    rows = partnership_rows(store, "org", Filters())
    d_rows = [r for r in rows if ID_BASE + "cooperation/views-fixture-d" in r.cooperations]
    assert d_rows and {r.year for r in d_rows} == {2018}               # started 2018, reported 2019
    c_rows = [r for r in rows if ID_BASE + "cooperation/views-fixture-c" in r.cooperations]
    assert {r.year for r in c_rows} == {2021}
    assert all(r.first == "2018-01-01" for r in d_rows)


def test_status_type_and_window_filters(kg, store):
    agreed = partnership_graph(store, "org", Filters(statuses=["agreed"]))
    assert agreed.number_of_edges() and all(d["statuses"] == "agreed" for _, _, d in agreed.edges(data=True))
    typed = partnership_graph(store, "country", Filters(types=["accession", "agreement"]))
    assert all(set(d["types"].split("|")) <= {"accession", "agreement"} for _, _, d in typed.edges(data=True))
    window = partnership_graph(store, "org", Filters(since=2019, until=2022))
    years = {int(y) for _, _, d in window.edges(data=True) for y in d["years"].split("|")}
    assert years and min(years) >= 2019 and max(years) <= 2022


def test_rows_sum_to_edge_weights(kg, store):
    rows = partnership_rows(store, "country", Filters(statuses=DEFAULT))
    G = partnership_graph(store, "country", Filters(statuses=DEFAULT), rows=rows)
    per_pair = Counter()
    for r in rows:
        per_pair[(r.a, r.b)] += r.events
    assert {(min(a, b), max(a, b)): w for a, b, w in G.edges(data="weight")} == dict(per_pair)


def test_views_are_deterministic_and_export_safe(kg, store):
    first = partnership_graph(store, "country", Filters(statuses=DEFAULT))
    second = partnership_graph(store, "country", Filters(statuses=DEFAULT))
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(data=True)) == list(second.edges(data=True))
    assert list(first.nodes) == sorted(first.nodes)
    for _, data in first.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) for v in data.values())
        assert {"kind", "label", "short_label", "curie", "country"} <= set(data)
    for _, _, data in first.edges(data=True):
        assert all(isinstance(v, (str, int, float)) for v in data.values())
    assert first.nodes[COUNTRY + "cn"]["short_label"] == "China"
    assert first.nodes[COUNTRY + "us"]["short_label"] == "USA"


def test_bipartite_mission_view_and_projection(kg, store):
    B = bipartite_graph(store, "mission")
    probe = ID_BASE + "mission/views-fixture-probe"
    relations = {curie(a if a != probe else b): d["relations"] for a, b, d in B.edges(probe, data=True)}
    assert relations == {"scorg:cnsa": "operator|participant", "scorg:esa": "participant|payload-provider",
                         "scorg:views-fixture-company": "participant|payload-builder"}
    assert B.nodes[probe]["bipartite"] == 1 and B.nodes[ORG + "esa"]["bipartite"] == 0
    P = project(B, "actor")
    assert P.has_edge(ORG + "cnsa", ORG + "esa")
    assert all(B.nodes[n]["bipartite"] == 0 for n in P)


def test_bipartite_program_view(kg, store):
    B = bipartite_graph(store, "program")
    program = ID_BASE + "program/views-fixture-program"
    assert "lead" in B.edges[ORG + "cnsa", program]["relations"]
    assert "participant" in B.edges[COUNTRY + "pk", program]["relations"]
    assert "payload-provider" in B.edges[ORG + "esa", program]["relations"]


def test_hierarchy_keeps_gcat_phases(kg, store):
    H = hierarchy_graph(store, around=[ORG + "cnsa"])
    assert H.edges[ORG + "cnsa", ORG + "mai"]["relation"] == "primary-phase"
    assert H.has_edge(ORG + "cnsa-international-cooperation-department", ORG + "cnsa")


class _OxigraphSource:
    """A store as the views see one: an object with ``select(text)`` — here Oxigraph in memory."""

    def __init__(self, graph):
        import pyoxigraph

        self.store = pyoxigraph.Store()
        self.store.load(graph.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        self.queries = []

    def select(self, text):
        import pyoxigraph

        self.queries.append(text)
        answer = self.store.query(text).serialize(format=pyoxigraph.QueryResultsFormat.JSON)
        return from_sparql_json(json.loads(answer))


def test_rdflib_oxigraph_and_the_remote_path_give_the_same_graph(kg, store):
    remote_store = _OxigraphSource(kg)
    filters = Filters(statuses=DEFAULT, as_of="2024-12-31")
    for level in ("org", "country"):
        local = partnership_graph(kg, level, filters)
        for other in (partnership_graph(store, level, filters), partnership_graph(remote_store, level, filters)):
            assert list(local.nodes(data=True)) == list(other.nodes(data=True))
            assert list(local.edges(data=True)) == list(other.edges(data=True))
    assert any("VALUES ?asOf" in q for q in remote_store.queries)


def test_parameters_travel_as_values_not_text(kg, store):
    hostile = Literal('x" } } DROP ALL ; SELECT * { "')
    for source in (kg, store):
        assert select(source, "SELECT ?s WHERE { ?s ?p ?o }", {"o": [hostile]}).rows == []
    with pytest.raises(Exception):
        select(kg, "SELECT ?s WHERE { ?s ?p ?o }", {"o": [URIRef("urn:a> <urn:b")]})
