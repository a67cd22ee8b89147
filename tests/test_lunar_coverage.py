"""Coverage of the Artemis Accords signatories and the ILRS partners against the lists that were published.

Each list is kept here with the evidence node of ``graph/lunar/sources.ttl`` that quotes it: the test checks
that the quote states what the list is taken to say (its count, every name it gives), that the record holds
exactly the states the list names or counts on its date, and that the tables of
docs/coverage-memberships.md give the numbers the record and the lists give, so that neither can drift.
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef

from spacecoop.io.paths import PROJECT_ROOT

LUNAR = PROJECT_ROOT / "graph" / "lunar"
COVERAGE_DOC = PROJECT_ROOT / "docs" / "coverage-memberships.md"
ID = "https://w3id.org/spacecoop/id/"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

PREFIXES = """
PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX cooptype: <https://w3id.org/spacecoop/vocab/cooptype/>
PREFIX role: <https://w3id.org/spacecoop/vocab/role/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""

# The 48 states the State Department's statement of 11 December 2024 names beside the United States and
# Austria, as it names them, with the country each is in the record.
STATE_DEPARTMENT_2024_NAMES = {
    "Angola": "ao",
    "Argentina": "ar",
    "Armenia": "am",
    "Australia": "au",
    "Bahrain": "bh",
    "Belgium": "be",
    "Brazil": "br",
    "Bulgaria": "bg",
    "Canada": "ca",
    "Chile": "cl",
    "Colombia": "co",
    "the Republic of Cyprus": "cy",
    "Czech Republic": "cz",
    "Denmark": "dk",
    "Dominican Republic": "do",
    "Ecuador": "ec",
    "Estonia": "ee",
    "France": "fr",
    "Germany": "de",
    "Greece": "gr",
    "Iceland": "is",
    "India": "in",
    "Israel": "il",
    "Italy": "it",
    "Japan": "jp",
    "Lithuania": "lt",
    "Luxembourg": "lu",
    "Mexico": "mx",
    "Netherlands": "nl",
    "New Zealand": "nz",
    "Nigeria": "ng",
    "Panama": "pa",
    "Peru": "pe",
    "Poland": "pl",
    "the Republic of Korea": "kr",
    "Romania": "ro",
    "Rwanda": "rw",
    "Saudi Arabia": "sa",
    "Singapore": "sg",
    "Slovakia": "sk",
    "Slovenia": "si",
    "Spain": "es",
    "Sweden": "se",
    "Switzerland": "ch",
    "Ukraine": "ua",
    "the United Arab Emirates": "ae",
    "the United Kingdom": "gb",
    "Uruguay": "uy",
}

# as of (the last signature the list counts), evidence, what the quote says, the count, the states it names
ARTEMIS_LISTS = [
    (
        "2024-12-11",
        "miragenews-2024-state-department-artemis-accords-50-list",
        "Austria joins the United States and 48 other nations",
        50,
        {*STATE_DEPARTMENT_2024_NAMES.values(), "us", "at"},
    ),
    ("2025-10-27", "globebanner-2025-state-department-59", "59 countries have signed the Accords to date", 59, None),
    ("2026-01-11", "overlookhorizon-2026-portugal-59-others", "alongside 59 other countries", 60, None),
]

# ILRS: the Reuters table of October 2023 (country, year/month joined) and the Roscosmos list of April 2025
# (each row of the table quoted by an evidence node of its own)
REUTERS_2023_ROWS = {
    "straits-times-2023-china-founder": ("China* 2021/June", "cn"),
    "straits-times-2023-russia-founder": ("Russia* 2021/June", "ru"),
    "straits-times-2023-venezuela-july": ("Venezuela 2023/July", "ve"),
    "straits-times-2023-south-africa-september": ("South Africa 2023/September", "za"),
    "straits-times-2023-azerbaijan-october": ("Azerbaijan 2023/October", "az"),
    "straits-times-2023-pakistan-october": ("Pakistan 2023/October", "pk"),
    "straits-times-2023-belarus-october": ("Belarus 2023/October", "by"),
}
ROSCOSMOS_2025_NAMES = {
    "Senegal": "sn",
    "Egypt": "eg",
    "Ethiopia": "et",
    "South Africa": "za",
    "Djibouti": "dj",
    "Belarus": "by",
    "Pakistan": "pk",
    "Azerbaijan": "az",
    "Venezuela": "ve",
    "Thailand": "th",
    "Serbia": "rs",
    "Nicaragua": "ni",
    "Bolivia": "bo",
}
# states the record holds as ILRS members that the Roscosmos list leaves out (docs/coverage-memberships.md
# says why): the two founders, the United Arab Emirates (Chinese reports of 2023) and Kazakhstan (July 2024)
ILRS_BEYOND_ROSCOSMOS = {"cn", "ru", "ae", "kz"}


@pytest.fixture(scope="module")
def lunar() -> Graph:
    graph = Graph()
    for name in ("cooperation.ttl", "sources.ttl"):
        graph.parse(LUNAR / name, format="turtle")
    return graph


def quote(graph: Graph, evidence: str) -> str:
    rows = list(
        graph.query(
            PREFIXES + "SELECT ?q WHERE { ?e oa:hasSelector/oa:exact ?q }",
            initBindings={"e": URIRef(ID + "evidence/" + evidence)},
        )
    )
    assert len(rows) == 1, f"evidence:{evidence} has one quote"
    return str(rows[0][0])


def artemis_signatories(graph: Graph, as_of: str) -> set[str]:
    """The states that signed the Artemis Accords by ``as_of``: the founders' agreement and every accession
    (an intent to sign is not a signature)."""
    rows = graph.query(
        PREFIXES
        + """
        SELECT DISTINCT ?state WHERE {
          ?event sco:concerns <https://w3id.org/spacecoop/id/program/artemis-accords> ;
                 sco:cooperationType ?type ; sco:startDate ?date ;
                 sco:participation [ sco:agent ?state ; sco:role ?role ] .
          FILTER (?type IN (cooptype:accession, cooptype:agreement))
          FILTER (?role IN (role:signatory, role:founding-member, role:lead))
          FILTER (?date <= ?asOf)
        }""",
        initBindings={"asOf": Literal(as_of, datatype=XSD_DATE)},
    )
    return {str(row[0]).rsplit("/", 1)[1] for row in rows}


def ilrs_member_states(graph: Graph) -> set[str]:
    """The countries that take part in an ILRS accession as members or founding members."""
    rows = graph.query(
        PREFIXES
        + """
        SELECT DISTINCT ?state WHERE {
          ?event sco:concerns <https://w3id.org/spacecoop/id/program/ilrs> ; sco:cooperationType cooptype:accession ;
                 sco:participation [ sco:agent ?state ; sco:role ?role ] .
          FILTER (?role IN (role:member, role:founding-member))
          FILTER (STRSTARTS(STR(?state), "https://w3id.org/spacecoop/id/country/"))
        }"""
    )
    return {str(row[0]).rsplit("/", 1)[1] for row in rows}


def documented(header: str) -> list[list[str]]:
    """The rows of the table of docs/coverage-memberships.md that starts with ``header``."""
    lines = COVERAGE_DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index(header)
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


@pytest.mark.parametrize(("as_of", "evidence", "stated", "count", "named"), ARTEMIS_LISTS)
def test_each_artemis_list_is_quoted_by_its_evidence(lunar, as_of, evidence, stated, count, named):
    text = quote(lunar, evidence)
    assert stated in text
    if named is not None:
        for name in STATE_DEPARTMENT_2024_NAMES:
            assert f" {name}," in text or f" {name} -" in text, f"{name} in evidence:{evidence}"


@pytest.mark.parametrize(("as_of", "evidence", "stated", "count", "named"), ARTEMIS_LISTS)
def test_the_record_holds_every_listed_artemis_signatory(lunar, as_of, evidence, stated, count, named):
    signatories = artemis_signatories(lunar, as_of)
    assert len(signatories) == count, f"{sorted(signatories)} signed by {as_of}, against {count} listed"
    if named is not None:
        assert signatories == named


def test_latvias_decision_to_accede_is_not_a_signature(lunar):
    assert "lv" not in artemis_signatories(lunar, date.today().isoformat())


def test_the_documented_artemis_coverage_is_what_the_record_and_the_lists_hold(lunar):
    rows = documented("| Artemis Accords list | as of | signatories on the list | in the record |")
    assert [row[1] for row in rows] == [as_of for as_of, *_ in ARTEMIS_LISTS]
    for row, (as_of, _evidence, _stated, count, _named) in zip(rows, ARTEMIS_LISTS, strict=True):
        assert int(row[2]) == count, row
        assert int(row[3]) == len(artemis_signatories(lunar, as_of)), row


def test_the_ilrs_lists_are_quoted_and_held(lunar):
    for evidence, (row, _state) in REUTERS_2023_ROWS.items():
        assert quote(lunar, evidence) == row
    roscosmos = quote(lunar, "sputnik-africa-2025-list")
    assert [line.rstrip(";.") for line in roscosmos.splitlines()[1:]] == list(ROSCOSMOS_2025_NAMES)
    members = ilrs_member_states(lunar)
    assert {state for _row, state in REUTERS_2023_ROWS.values()} <= members
    assert set(ROSCOSMOS_2025_NAMES.values()) <= members
    assert members - set(ROSCOSMOS_2025_NAMES.values()) == ILRS_BEYOND_ROSCOSMOS


def test_the_documented_ilrs_coverage_is_what_the_record_holds(lunar):
    rows = {row[0]: row for row in documented("| ILRS list | as of | on the list | in the record |")}
    members = ilrs_member_states(lunar)
    reuters = rows["Reuters, partner nations (table)"]
    assert int(reuters[2]) == len(REUTERS_2023_ROWS)
    assert int(reuters[3]) == len({state for _row, state in REUTERS_2023_ROWS.values()} & members)
    roscosmos = rows["Roscosmos (Dmitry Bakanov), participating countries"]
    assert int(roscosmos[2]) == len(ROSCOSMOS_2025_NAMES)
    assert int(roscosmos[3]) == len(set(ROSCOSMOS_2025_NAMES.values()) & members)
    record = rows["the record: member states, founders included"]
    assert int(record[3]) == len(members)


# The ten institutions that signed ILRS memoranda with the Deep Space Exploration Laboratory at Tunxi on
# 5 September 2024, as China Science Daily names them, with the organisation each is in the record (None: left
# out, docs/coverage-memberships.md says why).
TUNXI_2024 = {
    "塞尔维亚贝尔格莱德天文台": "belgrade-observatory",
    "瑞士Spacetalk公司": "spacetalk",
    "阿联酋轨道空间公司": "orbsp",
    "巴拿马空间科学创新中心": "space-science-innovation-center-panama",
    "印度尼西亚班达楠榜大学": "bandar-lampung-university",
    "巴基斯坦国立科技大学": "nust-pakistan",
    "“一带一路”科学技术协会": None,
    "南非射电天文台": "sarao",
    "非洲空间发展基金会": "african-space-development-foundation",
    "非洲商务联盟": None,
}
NUMBERS = {7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def test_the_tunxi_memoranda_are_held_as_documented(lunar):
    text = quote(lunar, "sciencenet-2024-dsel-ten-institutions")
    for name in TUNXI_2024:
        assert name in text
    rows = lunar.query(
        PREFIXES
        + """
        SELECT DISTINCT ?member WHERE {
          ?event sco:concerns <https://w3id.org/spacecoop/id/program/ilrs> ; sco:cooperationType cooptype:accession ;
                 sco:startDate "2024-09-05"^^<http://www.w3.org/2001/XMLSchema#date> ;
                 sco:participation [ sco:agent ?member ; sco:role role:member ] .
        }"""
    )
    members = {str(row[0]).rsplit("/", 1)[1] for row in rows}
    held = {slug for slug in TUNXI_2024.values() if slug is not None}
    assert held <= members
    doc = " ".join(COVERAGE_DOC.read_text(encoding="utf-8").split())
    assert f"the record holds {NUMBERS[len(held)]} of them" in doc
