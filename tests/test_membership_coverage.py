"""Coverage of the memberships the record claims to hold, against the counts the organisations publish.

The published lists are not copied into the repository (they are not under an open licence): each case
keeps the count a page states, the page's address and the sentence that states it. The graph's side is
every state with an active membership of that kind in the organisation (``graph/memberships/``).
docs/coverage-memberships.md says what the comparison found and what is missing, and why.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

MEMBERSHIPS = Path(__file__).resolve().parents[1] / "graph" / "memberships" / "cooperation.ttl"
ORG = "https://w3id.org/spacecoop/id/org/"
ROLE = "https://w3id.org/spacecoop/vocab/role/"

# organisation, role, count published, where it was read, what it says
PUBLISHED = [
    (
        "esa",
        "member",
        23,
        "https://en.wikipedia.org/wiki/Enlargement_of_the_European_Space_Agency",
        "The current membership of the European Space Agency includes 23 member states, three associate "
        "members and one cooperating state",
    ),
    (
        "esa",
        "associate-member",
        3,
        "https://en.wikipedia.org/wiki/Enlargement_of_the_European_Space_Agency",
        "The current membership of the European Space Agency includes 23 member states, three associate "
        "members and one cooperating state",
    ),
    (
        "i-eum",
        "member",
        30,
        "https://www.eumetsat.int/website/home/AboutUs/WhoWeAre/MemberStates/index.html",
        "Currently a total of 30 Member States are a part of EUMETSAT, and the organisation continues to grow.",
    ),
]

CURRENT_MEMBERS = """
PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX cooptype: <https://w3id.org/spacecoop/vocab/cooptype/>
PREFIX role: <https://w3id.org/spacecoop/vocab/role/>
PREFIX status: <https://w3id.org/spacecoop/vocab/status/>
SELECT DISTINCT ?state WHERE {
  ?event sco:cooperationType cooptype:membership ;
         sco:status status:active ;
         sco:participation [ sco:agent ?organisation ; sco:role role:host ] ,
                           [ sco:agent ?state ; sco:role ?role ] .
}
ORDER BY ?state
"""


@pytest.fixture(scope="module")
def memberships() -> Graph:
    return Graph().parse(MEMBERSHIPS, format="turtle")


def current_members(graph: Graph, organisation: str, role: str) -> list[str]:
    """The states that hold an active membership of ``role`` in ``organisation`` (lower-case IRI tails)."""
    rows = graph.query(
        CURRENT_MEMBERS, initBindings={"organisation": URIRef(ORG + organisation), "role": URIRef(ROLE + role)}
    )
    return [str(row.state).rsplit("/", 1)[1] for row in rows]


@pytest.mark.parametrize(("organisation", "role", "count", "url", "quote"), PUBLISHED)
def test_the_record_holds_every_published_member(memberships, organisation, role, count, url, quote):
    members = current_members(memberships, organisation, role)
    assert len(members) == count, f"{organisation} {role}s in the graph {members} against {count} read on {url}"


def test_a_withdrawn_member_is_not_counted(memberships):
    """Poland's Intersputnik membership ended in 2025: it is terminated, so it is not a current member."""
    assert "pl" not in current_members(memberships, "isput", "founding-member")
    assert "cu" in current_members(memberships, "isput", "founding-member")
