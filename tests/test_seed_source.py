"""The seed article is encoded in full, and every quote is verbatim at its offsets."""

import pytest
from rdflib.namespace import RDF

from spacecoop.namespaces import ID, OA, SCO
from spacecoop.io.paths import PROJECT_ROOT

SEED = ID.source["sputnik-2017-06-08-lavochkin-china-lunar"]


@pytest.fixture(scope="module")
def graph(built):
    return built.graph


def _local_text(graph, source):
    return (PROJECT_ROOT / str(graph.value(source, SCO.localCopy))).read_text(encoding="utf-8")


def test_every_quote_with_offsets_is_verbatim_in_its_local_copy(graph):
    checked = 0
    for selector in graph.subjects(OA.start, None):
        evidence = next(graph.subjects(OA.hasSelector, selector))
        text = _local_text(graph, graph.value(evidence, OA.hasSource))
        start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
        assert text[start:end] == str(graph.value(selector, OA.exact)), evidence
        checked += 1
    assert checked >= 13


def test_every_quote_of_a_local_source_is_found_in_it(graph):
    for evidence in graph.subjects(OA.hasSource, SEED):
        exact = str(graph.value(graph.value(evidence, OA.hasSelector), OA.exact))
        assert exact in _local_text(graph, SEED), evidence


def test_no_claim_comes_from_the_page_furniture(graph):
    text = _local_text(graph, SEED)
    furniture_starts = text.index("Pentagon Blues")
    for selector in graph.subjects(OA.start, None):
        assert int(graph.value(selector, OA.end)) <= furniture_starts


def test_both_dates_of_the_source_are_recorded_with_their_basis(graph):
    assert str(graph.value(SEED, SCO.publicationDate)) == "2017-06-08"
    assert str(graph.value(SEED, SCO.printedDate)) == "2020-10-21"
    assert graph.value(SEED, SCO.publicationDateBasis) and graph.value(SEED, SCO.printedDateBasis)


def test_the_five_cooperation_statements_have_the_right_types_and_statuses(graph):
    rows = graph.query(
        """
        PREFIX sco: <https://w3id.org/spacecoop/ontology#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?type ?status (GROUP_CONCAT(DISTINCT STR(?agent); separator=" ") AS ?agents) WHERE {
          ?c a sco:Cooperation ; sco:cooperationType ?type ; sco:status ?status ;
             sco:evidence/oa:hasSource <%s> ; sco:participation/sco:agent ?agent .
        } GROUP BY ?c ?type ?status"""
        % SEED
    )
    found = {
        (str(r.type).rsplit("/", 1)[-1], str(r.status).rsplit("/", 1)[-1], " ".join(sorted(r.agents.split())))
        for r in rows
    }
    cn, ru, lav, esa = (str(ID.country["cn"]), str(ID.country["ru"]), str(ID.org["npolo"]), str(ID.org["esa"]))
    assert found == {
        ("intent", "offered", " ".join(sorted([cn, lav]))),
        ("talks", "under-discussion", " ".join(sorted([cn, ru]))),
        ("intent-to-negotiate", "offered", " ".join(sorted([cn, lav]))),
        ("joint-mission", "terminated", " ".join(sorted([esa, lav]))),
        ("declined", "unlikely", " ".join(sorted([cn, lav]))),
    }


def test_speakers_hold_their_posts(graph):
    from rdflib.namespace import ORG

    assert (ID.person["sergei-lemeshevsky"], ORG.holds, ID.post["lavochkin-director-general"]) in graph
    assert graph.value(ID.post["lavochkin-director-general"], ORG.postIn) == ID.org["npolo"]
    unit = graph.value(ID.post["cnsa-international-cooperation-head"], ORG.postIn)
    assert graph.value(unit, ORG.unitOf) == ID.org["cnsa"]


def test_planned_dates_are_kept_as_reported(graph):
    plans = {
        str(graph.value(plan, SCO.concerns)).rsplit("/", 1)[-1]: str(graph.value(plan, SCO.date))[:4]
        for plan in graph.subjects(RDF.type, SCO.Plan)
        if str(graph.value(plan, SCO.reportedOn)) == "2017-06-08"
    }
    assert plans == {"luna-25": "2019", "luna-26": "2020", "luna-27": "2021", "luna-29": "2024"}


def test_luna_grunt_conflict_is_kept_with_both_sources(graph):
    rows = list(
        graph.query("""
        PREFIX sco: <https://w3id.org/spacecoop/ontology#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT DISTINCT ?mission ?source WHERE {
          ?d a sco:Designation ; sco:name ?name ; sco:designates ?mission ; sco:evidence/oa:hasSource ?source .
          FILTER(STR(?name) = "Luna-Grunt") }""")
    )
    assert {str(r.mission).rsplit("/", 1)[-1] for r in rows} >= {"luna-28", "luna-29"}
    assert len({r.source for r in rows}) >= 2
