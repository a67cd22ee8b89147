"""The built graph, for every command and the Python API: ``dist/spacecoop.nt`` when it is fresh, else built now.

"Fresh" means newer than every input of the build (in a checkout), or the build the package carries
(installed). :func:`graph_from` and :func:`store_from` give a command its graph: a ``--data`` file
loaded strictly, else the built graph; :func:`built_store` gives the built graph in an Oxigraph store.

>>> is_fresh(PROJECT_ROOT / "no-such-file.nt")
False
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import Graph

from spacecoop.io.outputs import checksum_matches
from spacecoop.io.paths import BUILT_DIR, MODE, PROJECT_ROOT
from spacecoop.io.read import parse_file
from spacecoop.store.knowledge import KnowledgeStore, choose_backend

__all__ = [
    "DIST_NT",
    "BUILD_INPUTS",
    "is_fresh",
    "load_built_graph",
    "graph_from",
    "store_from",
    "choose_engine",
    "built_store",
]

DIST_NT = BUILT_DIR / "spacecoop.nt"
BUILD_INPUTS = ("ontology", "graph", "queries/rules", "spacecoop")


def is_fresh(output: Path, inputs: tuple[str, ...] = BUILD_INPUTS, root: Path = PROJECT_ROOT) -> bool:
    """Whether ``output`` exists, is newer than every file under the ``inputs`` folders (caches aside), and has
    the digest its build recorded in ``SHA256SUMS`` (a cut or mixed file is not fresh)."""
    if not output.is_file():
        return False
    if MODE == "package":  # the build the wheel carries was made from the very files beside it
        return True
    if not checksum_matches(output):
        return False
    built = output.stat().st_mtime
    return all(
        p.stat().st_mtime <= built
        for folder in inputs
        for p in (root / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def load_built_graph(dist: Path = DIST_NT, root: Path = PROJECT_ROOT) -> Graph:
    """The built graph: ``dist/spacecoop.nt`` when it is fresh, otherwise built now.

    N-Triples is read with rdflib's own parser, which keeps plain literals plain (the Oxigraph
    parsers would turn them into ``xsd:string`` ones: notes/engines.md, trap 1).
    """
    if is_fresh(dist, BUILD_INPUTS, root):
        return Graph().parse(dist, format="nt")
    from spacecoop.build.pipeline import build_graph

    return build_graph().graph


def graph_from(data: Path | None) -> Graph:
    """The graph a command works on: ``data`` parsed strictly when given, else the built graph."""
    return parse_file(Path(data)) if data else load_built_graph()


def store_from(data: Path | None) -> KnowledgeStore:
    """The same in an Oxigraph store: ``data`` loaded by Oxigraph's own parser (no rdflib graph on the way,
    so files of millions of triples load in seconds), else the built graph (:func:`built_store`)."""
    if data:
        return KnowledgeStore.from_files([Path(data)], backend="oxigraph")
    return KnowledgeStore.of_oxigraph(built_store())


def choose_engine(data: Path | None, engine: str = "auto", built: str = "rdflib") -> str:
    """``engine`` unless it is ``auto``: then Oxigraph for a ``--data`` file past
    :data:`~spacecoop.store.knowledge.AUTO_THRESHOLD_BYTES`, rdflib for a smaller one, and ``built`` for the
    built graph (no ``data``).

    >>> choose_engine(None, "auto", built="oxigraph"), choose_engine(None, "rdflib", built="oxigraph")
    ('oxigraph', 'rdflib')
    """
    if engine != "auto":
        return engine
    return choose_backend([Path(data)], "auto") if data else built


def built_store(dist: Path = DIST_NT, root: Path = PROJECT_ROOT) -> pyoxigraph.Store:
    """The built graph in an in-memory Oxigraph store: ``dist`` bulk-loaded when it is fresh (about a
    second for a quarter of a million triples), otherwise built now and copied in."""
    if is_fresh(dist, BUILD_INPUTS, root):
        store = pyoxigraph.Store()
        store.bulk_load(path=str(dist), format=pyoxigraph.RdfFormat.N_TRIPLES)
        return store
    from spacecoop.build.pipeline import build_graph

    return build_graph().store.to_oxigraph()
