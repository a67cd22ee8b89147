"""The reader's general rules, each on a sentence of its own: possessives, lists of parties in the next
sentence, lower-case company names, country names and capitals, "X of Y" organisations, "was to supply",
signing a programme, restatements, plans, milestones and likeness."""

from datetime import date

import pytest
from rdflib import Graph

from spacecoop.ingest.extract import extract
from spacecoop.ingest.gazetteer import Gazetteer

GRAPH = """
@prefix sco: <https://w3id.org/spacecoop/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix country: <https://w3id.org/spacecoop/id/country/> . @prefix scorg: <https://w3id.org/spacecoop/id/org/> .
@prefix mission: <https://w3id.org/spacecoop/id/mission/> . @prefix program: <https://w3id.org/spacecoop/id/program/> .
@prefix craft: <https://w3id.org/spacecoop/id/spacecraft/> .
country:cn a sco:Country ; skos:prefLabel "China, People's Republic of"@en ; skos:altLabel "China"@en .
country:kz a sco:Country ; skos:prefLabel "Kazakhstan, Republic of"@en .
country:de a sco:Country ; skos:prefLabel "Germany, Federal Republic of"@en .
country:us a sco:Country ; skos:prefLabel "United States of America"@en ; skos:altLabel "USA"@en .
country:gb a sco:Country ; skos:prefLabel "United Kingdom of Great Britain and Northern Ireland"@en ; skos:altLabel "UK"@en .
country:ru a sco:Country ; skos:prefLabel "Russia"@en .
country:ng a sco:Country ; skos:prefLabel "Nigeria"@en .
country:rw a sco:Country ; skos:prefLabel "Rwanda"@en .
country:jp a sco:Country ; skos:prefLabel "Japan"@en .
country:ae a sco:Country ; skos:prefLabel "United Arab Emirates"@en .
scorg:esa a sco:IntergovernmentalOrganisation ; skos:prefLabel "European Space Agency"@en ; skos:altLabel "ESA"@en .
scorg:nasa a sco:SpaceAgency ; skos:prefLabel "NASA"@en ; sco:country country:us .
scorg:ispace a sco:Company ; skos:prefLabel "ispace, inc."@en ; skos:altLabel "ispace"@en ; sco:country country:jp .
scorg:jaxa a sco:SpaceAgency ; skos:prefLabel "JAXA"@en ; sco:country country:jp .
program:artemis-accords a sco:MultilateralProgram ; skos:prefLabel "Artemis Accords"@en ; sco:ledBy scorg:nasa .
mission:luna-25 a sco:Mission ; skos:prefLabel "Luna-25"@en .
mission:change-5 a sco:Mission ; skos:prefLabel "Chang'e-5"@en .
mission:change-6 a sco:Mission ; skos:prefLabel "Chang'e-6"@en .
mission:m1 a sco:Mission ; skos:prefLabel "HAKUTO-R M1"@en .
craft:m1-lander a sco:Spacecraft ; skos:prefLabel "HAKUTO-R Mission 1 lander"@en ; sco:partOfMission mission:m1 .
"""


@pytest.fixture(scope="module")
def small():
    return Gazetteer.from_graph(Graph().parse(data=GRAPH, format="turtle"))


def _read(text, small, published=date(2024, 7, 5)):
    return extract(text + "\n", published, small)


def _claims(result):
    return [
        (c.cooptype, c.status, sorted(str(p.entity.iri).rsplit("/", 1)[-1] for p in c.parties)) for c in result.claims
    ]


def _entities(result):
    return {str(m.entity.iri).split("/id/", 1)[1] for ms in result.mentions.values() for m in ms}


def test_possessive_is_not_part_of_a_name(small):
    result = _read("Kazakhstan signed the memorandum during Chinese President Xi Jinping's visit.", small)
    assert "person/xi-jinping" in _entities(result) and "person/xi-jinping-s" not in _entities(result)


def test_participants_listed_in_the_next_sentence(small):
    result = _read(
        "The space agencies of eight nations signed an agreement on Tuesday.\n"
        "The founding signatories are Germany, Japan, the United Kingdom and the United States.",
        small,
    )
    assert _claims(result) == [("agreement", "agreed", ["de", "gb", "jp", "us"])]
    assert [s.index for s in result.claims[0].also] == [1]


def test_signing_a_programme_is_joining_it_and_its_lead_is_the_counterpart(small):
    result = _read("Nigeria and Rwanda signed the Artemis Accords on Tuesday.", small)
    assert _claims(result) == [("accession", "agreed", ["nasa", "ng", "rw"])]


def test_a_bare_signing_restates_the_claim_before(small):
    result = _read(
        "Nigeria and Rwanda signed the Artemis Accords on Tuesday.\n"
        "Nigeria's minister and the head of Rwanda's agency signed on behalf of their countries.",
        small,
    )
    assert len(result.claims) == 1 and [s.index for s in result.claims[0].also] == [1]


def test_lower_case_company_names(small):
    assert small.lookup("ispace").iri.endswith("/ispace")
    unknown = Gazetteer.from_graph(Graph())
    result = extract(
        "rocketco has planned two more missions.\nThe firm rocketco's lander flew.\n", date(2024, 1, 1), unknown
    )
    assert "org/rocketco" in _entities(result)
    result = extract(
        "The deal was signed with the Japanese company starco, which builds landers.\n", date(2024, 1, 1), small
    )
    proposed = {
        str(iri).rsplit("/", 1)[-1]: entity for iri, proposed in result.proposed.items() for entity in [proposed.entity]
    }
    assert proposed["starco"].country.endswith("/country/jp")


def test_country_short_names_from_the_graph_and_places(small):
    assert small.lookup("Germany").iri.endswith("/country/de")
    assert small.lookup("United States").iri.endswith("/country/us")
    assert small.lookup("Britain").iri.endswith("/country/gb")


def test_capitals_stand_for_countries_where_they_act(small):
    result = _read("Beijing and Astana will cooperate closely on lunar research.", small)
    assert _claims(result)[0][2] == ["cn", "kz"]
    result = _read("Nigeria joined the accords at a summit in Washington.", small)
    assert "country/us" not in _entities(result)


def test_x_of_y_organisation_names(small):
    result = _read("The instrument comes from the Space Research Institute of the Russian Academy of Sciences.", small)
    assert "org/space-research-institute-of-the-russian-academy-of-sciences" in _entities(result)
    result = _read("It was built by the Institute of Space Technology (IST). IST said so.", small)
    assert "org/ist" in _entities(result)


def test_was_to_supply_shares_the_status_of_the_halted_cooperation(small):
    result = _read(
        "ESA will discontinue its cooperation with Russia on Luna-25.\n"
        "ESA was to supply a navigation camera for Luna-25.",
        small,
        date(2022, 4, 14),
    )
    assert [(c.cooptype, c.status) for c in result.claims] == [
        ("terminated", "terminated"),
        ("payload-contribution", "terminated"),
    ]


def test_a_country_as_a_modifier_is_not_a_party(small):
    result = _read("Two nations signed the accords on the sidelines of the US-Africa Leaders Summit.", small)
    assert result.claims == []


def test_plans_and_milestones(small):
    result = _read(
        "Luna-25 is planned for launch in July.\n"
        "The HAKUTO-R Mission 1 lander lifted off on Sunday.\n"
        "The lander is planned to touch down at the end of April 2023.\n"
        "Chang'e-5 brought back 1,731 grams of lunar soil in 2020.",
        small,
        date(2022, 12, 12),
    )
    timeline = [
        (str(p.mission.iri).rsplit("/", 1)[-1], p.kind, p.date.date.isoformat(), p.date.precision, p.happened)
        for p in (found.plan for found in result.plans)
    ]
    assert timeline == [
        ("luna-25", "launch", "2023-07-01", "month", False),
        ("m1", "launch", "2022-12-11", "day", True),
        ("m1", "landing", "2023-04-01", "month", False),
        ("change-5", "sample-return", "2020-01-01", "year", True),
    ]


def test_a_date_without_a_milestone_is_no_plan(small):
    result = _read("NASA will train astronauts ahead of a joint mission to Luna-25 in 2024.", small)
    assert result.plans == []


def test_similarity(small):
    result = _read("Chang'e-6, the backup of the Chang'e-5 mission, is to collect samples.", small)
    assert [
        ([m.label for m in s.first], [m.label for m in s.second])
        for s in (found.similarity for found in result.similarities)
    ] == [(["Chang'e-6"], ["Chang'e-5"])]


def test_a_bad_place_row_names_its_line(tmp_path):
    from spacecoop.errors import SpaceCoopError
    from spacecoop.ingest.places import capitals

    path = tmp_path / "places.tsv"
    path.write_text("# comment\ncapital\tBeijing\tChina\ncapital\tNowhere\n", encoding="utf-8")
    with pytest.raises(SpaceCoopError) as raised:
        capitals(path)
    assert "line" in str(raised.value) or getattr(raised.value, "line", None) == 3
