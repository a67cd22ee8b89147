"""The ingest acceptance check: the seed article's cooperation statements, right, and nothing from furniture.

`spacecoop ingest data/sources/sputnik-lavochkin-china-lunar.txt --published 2017-06-08` against the
project's own graph (ontology/ and graph/), and against the fixed test gazetteer.
"""

from datetime import date

import pytest

from spacecoop.ingest.article import read_article
from spacecoop.ingest.extract import extract
from spacecoop.ingest.gazetteer import Gazetteer
from spacecoop.io.paths import DATA_DIR

from .conftest import SEED

SEED_TEXT = DATA_DIR / "sources" / "sputnik-lavochkin-china-lunar.txt"
ORG, COUNTRY = "https://w3id.org/spacecoop/id/org/", "https://w3id.org/spacecoop/id/country/"
EXPECTED = [
    # (participants, type, status, modality, a piece of the quote, speaker)
    (
        {ORG + "npolo", COUNTRY + "cn"},
        "intent",
        "offered",
        "stated-intent",
        "is ready to work with China",
        "lemeshevsky",
    ),
    (
        {COUNTRY + "cn", COUNTRY + "ru"},
        "talks",
        "under-discussion",
        "asserted",
        "China and Russia were in",
        "xu-yansong",
    ),
    (
        {ORG + "npolo", COUNTRY + "cn"},
        "intent-to-negotiate",
        "offered",
        "stated-intent",
        "Luna-Resurs (Luna 26/27)",
        "lemeshevsky",
    ),
    ({ORG + "npolo", ORG + "esa"}, "joint-mission", "active", "asserted", "working closely with", "lemeshevsky"),
    ({ORG + "npolo", COUNTRY + "cn"}, "joint-mission", "unlikely", "unlikely", "is not very likely", "lemeshevsky"),
]


@pytest.fixture(scope="module")
def project_gazetteer(built):
    return Gazetteer.from_graph(built.graph)


def _check(result):
    assert len(result.claims) == len(EXPECTED)
    for claim, (parties, cooptype, status, modality, quote, speaker) in zip(result.claims, EXPECTED):
        assert {str(p.entity.iri) for p in claim.parties} == parties
        assert (claim.cooptype, claim.status, claim.modality) == (cooptype, status, modality)
        assert quote in claim.sentence.text
        assert result.text[claim.sentence.start : claim.sentence.end] == claim.sentence.text
        assert claim.stated_by is not None and speaker in str(claim.stated_by.iri)
        assert "Pentagon" not in claim.sentence.text and "Community" not in claim.sentence.text


def test_seed_with_the_fixture_gazetteer(gazetteer):
    _check(extract(read_article(SEED), date(2017, 6, 8), gazetteer))


def test_seed_with_the_project_graph(project_gazetteer):
    path = SEED_TEXT if SEED_TEXT.exists() else SEED
    result = extract(read_article(path), date(2017, 6, 8), project_gazetteer)
    _check(result)
    esa = next(c for c in result.claims if c.cooptype == "joint-mission" and c.status == "active")
    assert [str(e.iri).rsplit("/", 1)[-1] for e in esa.concerns] == ["luna-25"]
    assert result.claims[0].stated_on.date == date(2017, 6, 8)  # "told Sputnik on Thursday"
    assert result.claims[1].stated_on.date == date(2017, 6, 7)  # Xu "said on Wednesday"


def test_the_seed_copy_is_the_shared_source():
    if SEED_TEXT.exists():
        assert SEED_TEXT.read_bytes() == SEED.read_bytes()
