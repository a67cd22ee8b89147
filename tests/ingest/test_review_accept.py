"""Review listings and accepting candidates into a curated file."""

from datetime import date

import pytest
from rdflib import Graph

from spacecoop.errors import SpaceCoopError
from spacecoop.commands.ingest import ingest_file
from spacecoop.ingest.review import accept, review_listing
from spacecoop.namespaces import ID, ORG, SCO

from .conftest import SEED


@pytest.fixture
def candidates(tmp_path, gazetteer):
    path = tmp_path / "candidates.ttl"
    path.write_text(ingest_file(SEED, gazetteer, published=date(2017, 6, 8), publisher="Sputnik"), encoding="utf-8")
    return path


def test_review_lists_id_type_status_participants_quote_confidence(candidates):
    listing = review_listing(Graph().parse(candidates))
    block = next(b for b in listing.split("\n\n") if b.startswith("sputnik-lavochkin-china-lunar-s1 "))
    assert "talks  status under-discussion" in block and "confidence 0.7" in block
    assert "participants: country:cn (partner), country:ru (partner)" in block
    assert "China and Russia were in" in block
    assert "sputnik-lavochkin-china-lunar-s7-luna-29-launch  plan  Luna-29: launch planned for 2024" in listing
    assert "similarity  Alike: Chang'e-4, Chang'e-5, Chang'e-6 and Luna-26, Luna-27, Luna-28" in listing
    assert listing.endswith("13 candidate(s)")  # 5 cooperation claims, 3 designations, 4 plans, 1 similarity


def test_accept_promotes_claims_with_their_evidence(candidates, tmp_path):
    into = tmp_path / "graph" / "news" / "sputnik.ttl"
    assert accept(candidates, ["sputnik-lavochkin-china-lunar-s0", "coop:sputnik-lavochkin-china-lunar-s3"], into) == 2
    graph = Graph().parse(into)
    coop = ID.cooperation["sputnik-lavochkin-china-lunar-s0"]
    assert (coop, SCO.cooperationType, None) in graph
    assert (ID.cooperation["sputnik-lavochkin-china-lunar-s1"], None, None) not in graph
    evidence = graph.value(coop, SCO.evidence)
    assert graph.value(evidence, SCO.statedBy) == ID.person["sergei-lemeshevsky"]
    assert (ID.person["sergei-lemeshevsky"], ORG.holds, None) in graph  # the proposed speaker comes along
    assert (None, SCO.confidence, None) not in graph  # dropped on acceptance
    assert (coop, SCO.extractedBy, None) in graph  # kept as provenance
    accept(candidates, ["sputnik-lavochkin-china-lunar-s1"], into)  # merges into the same file
    assert (ID.cooperation["sputnik-lavochkin-china-lunar-s1"], None, None) in Graph().parse(into)


def test_accept_unknown_id_writes_nothing(candidates, tmp_path):
    into = tmp_path / "news.ttl"
    with pytest.raises(SpaceCoopError, match="no candidate with id nope"):
        accept(candidates, ["sputnik-lavochkin-china-lunar-s0", "nope"], into)
    assert not into.exists()


def test_accept_promotes_a_plan(candidates, tmp_path):
    into = tmp_path / "plans.ttl"
    assert accept(candidates, ["plan:sputnik-lavochkin-china-lunar-s3-luna-25-launch"], into) == 1
    graph = Graph().parse(into)
    plan = ID.plan["sputnik-lavochkin-china-lunar-s3-luna-25-launch"]
    assert (plan, SCO.milestoneKind, None) in graph and (plan, SCO.reportedOn, None) in graph
    assert (graph.value(plan, SCO.evidence), None, None) in graph
