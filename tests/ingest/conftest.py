"""Fixtures for the ingest tests: the evaluation articles and a small, fixed gazetteer graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from spacecoop.ingest.gazetteer import Gazetteer

INGEST_FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
ARTICLES = INGEST_FIXTURES / "articles"
SEED = ARTICLES / "sputnik-lavochkin-china-lunar.txt"


@pytest.fixture(scope="session")
def gazetteer_graph() -> Graph:
    return Graph().parse(INGEST_FIXTURES / "gazetteer.ttl")


@pytest.fixture(scope="session")
def gazetteer(gazetteer_graph) -> Gazetteer:
    return Gazetteer.from_graph(gazetteer_graph)
