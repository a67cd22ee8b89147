"""The five UN space treaties in the record against the counts their status pages state.

``data/treaties/stated-counts.tsv`` names, for each treaty, the counts a status page gives and the evidence
node that quotes them. The record may hold fewer parties than a page counts (it is built from the tables the
pages show, and docs/treaties.md says what is missing), but never more, and the Moon Agreement, whose whole
status table was read, must match it exactly. The coverage table of docs/treaties.md gives, for each treaty,
the parties the record holds and the count a page states: both columns must be what the record and
``stated-counts.tsv`` hold, so that the documentation cannot drift from either.
"""

import csv

import pytest

from spacecoop.io.paths import DATA_DIR, PROJECT_ROOT
from spacecoop.namespaces import ID

TREATIES = [
    "outer-space-treaty",
    "rescue-agreement",
    "liability-convention",
    "registration-convention",
    "moon-agreement",
]
STATED = DATA_DIR / "treaties" / "stated-counts.tsv"
COVERAGE_DOC = PROJECT_ROOT / "docs" / "treaties.md"
DOC_NAMES = {
    "Outer Space Treaty": "outer-space-treaty",
    "Rescue Agreement": "rescue-agreement",
    "Liability Convention": "liability-convention",
    "Registration Convention": "registration-convention",
    "Moon Agreement": "moon-agreement",
}

PREFIXES = """
    PREFIX sco: <https://w3id.org/spacecoop/ontology#>
    PREFIX cooptype: <https://w3id.org/spacecoop/vocab/cooptype/>
    PREFIX role: <https://w3id.org/spacecoop/vocab/role/>
    PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def stated_rows() -> list[dict[str, str]]:
    with open(STATED, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def documented_coverage() -> dict[str, tuple[int, int]]:
    """The coverage table of docs/treaties.md: treaty slug -> (parties in the record, parties stated).

    >>> documented_coverage()["moon-agreement"]
    (18, 18)
    """
    rows = {}
    lines = COVERAGE_DOC.read_text(encoding="utf-8").splitlines()
    start = lines.index("| treaty | parties in the record | parties stated | as of |")
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[DOC_NAMES[cells[0]]] = (int(cells[1]), int(cells[2]))
    return rows


def states(store, treaty: str, cooperation_type: str, role: str) -> set[str]:
    """The agents that take ``role`` in the ``cooperation_type`` events that concern ``treaty`` (``store``: the
    built graph's Oxigraph store)."""
    rows = store.query(
        PREFIXES
        + f"""
        SELECT DISTINCT ?state WHERE {{
          ?event sco:concerns ?treaty ; sco:cooperationType cooptype:{cooperation_type} ;
                 sco:participation [ sco:agent ?state ; sco:role role:{role} ] .
        }}""",
        {"treaty": ID.program[treaty]},
    )
    return {str(row[0]) for row in rows}


@pytest.fixture(scope="module")
def counts(built):
    measured = {}
    for treaty in TREATIES:
        parties = states(built.result.store, treaty, "treaty-party", "party")
        signers = states(built.result.store, treaty, "treaty-signature", "signatory")
        measured[treaty] = {"parties": len(parties), "signers": len(signers), "signed-only": len(signers - parties)}
    return measured


def test_every_treaty_has_a_stated_party_count():
    assert {row["treaty"] for row in stated_rows() if row["measure"] == "parties"} == set(TREATIES)


def test_each_stated_count_is_quoted_by_its_evidence(built):
    for row in stated_rows():
        found = built.result.store.query(
            PREFIXES + "SELECT ?q WHERE { ?e oa:hasSelector/oa:exact ?q }", {"e": ID.evidence[row["evidence"]]}
        )
        quotes = [str(r[0]) for r in found]
        assert len(quotes) == 1, f"evidence:{row['evidence']} has one quote"
        assert row["count"] in quotes[0], f"evidence:{row['evidence']} states {row['count']}"


def test_the_record_never_holds_more_parties_than_the_pages_count(counts):
    for row in stated_rows():
        if row["measure"] == "parties":
            assert counts[row["treaty"]]["parties"] <= int(row["count"]), row


def test_the_moon_agreement_matches_the_secretary_generals_table(counts):
    stated = {row["measure"]: int(row["count"]) for row in stated_rows() if row["treaty"] == "moon-agreement"}
    assert counts["moon-agreement"]["parties"] == stated["parties"]
    assert counts["moon-agreement"]["signers"] == stated["signers"]


def test_the_documented_coverage_is_what_the_record_and_the_pages_hold(counts):
    stated = {row["treaty"]: int(row["count"]) for row in stated_rows() if row["measure"] == "parties"}
    documented = documented_coverage()
    assert set(documented) == set(TREATIES)
    for treaty, (in_record, in_pages) in documented.items():
        assert in_record == counts[treaty]["parties"], f"docs/treaties.md: {treaty} parties in the record"
        assert in_pages == stated[treaty], f"docs/treaties.md: {treaty} parties stated"
