"""``spacecoop release``: SHA256SUMS that sha256sum checks, and a DCAT/VoID description whose counts, sizes and
checksums are those of the files, with the licence and the attribution of the data it derives from."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from spacecoop.build.release import DATASET, SPDX

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _spacecoop(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "spacecoop", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("release")
    assert _spacecoop("-q", "build", "--out", str(dist)).returncode == 0
    done = _spacecoop("release", "--dist", str(dist))
    assert done.returncode == 0, done.stderr
    return dist


def test_checksums_check(release):
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=release, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.count(": OK") >= 8, done.stdout + done.stderr


def test_the_description_matches_the_files(release):
    g = Graph().parse(release / "spacecoop.dcat.ttl")
    stats = json.loads((release / "stats.json").read_text(encoding="utf-8"))
    assert g.value(DATASET, VOID.triples).toPython() == stats["triples"]
    assert g.value(DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    sums = dict(line.split()[::-1] for line in (release / "SHA256SUMS").read_text().splitlines())
    distributions = set(g.objects(DATASET, DCAT.distribution))
    assert len(distributions) >= 7
    for distribution in distributions:
        name = str(g.value(distribution, DCTERMS.title))
        assert g.value(distribution, DCAT.byteSize).toPython() == (release / name).stat().st_size
        checksum = g.value(distribution, SPDX.checksum)
        assert str(g.value(checksum, SPDX.checksumValue)) == sums[name]


def test_the_imported_datasets_travel_with_their_licence_and_citation(release):
    g = Graph().parse(release / "spacecoop.dcat.ttl")
    sources = set(g.objects(DATASET, DCTERMS.source))
    assert sources, "the GCAT tables are named as sources"
    for source in sources:
        assert g.value(source, DCTERMS.license) is not None, source
        citation = str(g.value(source, DCTERMS.bibliographicCitation))
        assert ("GCAT" in citation) == ("gcat" in str(source)), (source, citation)


def test_a_stale_build_is_refused(tmp_path):
    done = _spacecoop("release", "--dist", str(tmp_path))
    assert done.returncode == 2 and "run `spacecoop build" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "SHA256SUMS").exists()
