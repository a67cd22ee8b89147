"""``spacecoop release``: checksums and a DCAT/VoID description for the build in ``dist/``.

Run it after ``spacecoop build``: it writes ``spacecoop.dcat.ttl`` (the dataset, its version, licence,
attribution and counts, a distribution per file with its size and SHA-256) and ``SHA256SUMS``
(``sha256sum -c SHA256SUMS`` checks the files). It refuses a build that is stale or did not conform.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from spacecoop import __version__
from spacecoop.build.built import BUILD_INPUTS, is_fresh
from spacecoop.build.release import RELEASE_FILES, describe_release
from spacecoop.errors import SpaceCoopError
from spacecoop.io.paths import DIST_DIR, PROJECT_ROOT
from spacecoop.io.outputs import sha256, write_atomic, write_checksums
from spacecoop.io.write import to_turtle

__all__ = ["add_parser"]

SOURCES_QUERY = """PREFIX void: <http://rdfs.org/ns/void#>
CONSTRUCT { ?dataset ?p ?o } WHERE { ?dataset a void:Dataset ; ?p ?o }"""


def _run(args: argparse.Namespace) -> int:
    dist = Path(args.dist)
    built = dist / "spacecoop.nt"
    if not is_fresh(built, BUILD_INPUTS, PROJECT_ROOT):
        raise SpaceCoopError(f"{built}: missing or older than the sources; run `spacecoop build --out {dist}` first")
    stats = json.loads((dist / "stats.json").read_text(encoding="utf-8"))
    if stats.get("violations", 0):
        raise SpaceCoopError(f"{dist}: the build has {stats['violations']} violations; a release must conform")
    files = [dist / name for name in RELEASE_FILES if (dist / name).is_file()]
    store = pyoxigraph.Store()
    store.bulk_load(path=str(built), format=pyoxigraph.RdfFormat.N_TRIPLES)
    sources = Graph().parse(
        data=store.query(SOURCES_QUERY).serialize(format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt"
    )
    digests = {path.name: sha256(path) for path in files}
    description = describe_release(stats, digests, files, __version__, sources)
    write_atomic(dist / "spacecoop.dcat.ttl", to_turtle(description))
    write_checksums(dist, [*(path.name for path in files), "spacecoop.dcat.ttl"])
    print(
        f"release {__version__}: {len(files) + 1} files described in {dist / 'spacecoop.dcat.ttl'}, "
        f"checksums in {dist / 'SHA256SUMS'}"
    )
    return 0


def add_parser(subparsers) -> None:
    """Register ``spacecoop release``."""
    parser = subparsers.add_parser(
        "release",
        help="write checksums and a DCAT/VoID description of the build",
        description="Describe the build in --dist for data portals (DCAT/VoID: licence, attribution, version, "
        "counts, a distribution per file) and write SHA256SUMS. Run after `spacecoop build`.",
    )
    parser.add_argument("--dist", type=Path, default=DIST_DIR, help="the build's folder (default: dist/)")
    parser.set_defaults(func=_run)
