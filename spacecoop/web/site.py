"""``spacecoop site``: the server's pages as static files, with each entity's RDF beside its page.

``/id/org/esa`` becomes ``id/org/esa.html`` with ``esa.ttl``, ``esa.nt`` and ``esa.jsonld`` beside it;
links between pages are relative, so the folder can be served from any web server or path (GitHub
Pages included; most servers answer ``/id/org/esa`` with ``esa.html``). The search box reads
``search.json``; the query page lists the library's queries (running them needs ``spacecoop serve``
or a store). Pages are written one at a time as they are read from the store: memory does not grow
with the number of entities. Files go to a temporary folder beside ``out`` that replaces it at the end,
so a failed run leaves the previous site whole.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
import time
from contextlib import nullcontext
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib.namespace import SKOS

from spacecoop.web.app import WebApp
from spacecoop.web.html import not_found_page, static_search_page
from spacecoop.web.iris import BASE, Links, file_of, path_of
from spacecoop.web.ontology import ONTOLOGY_IRI

__all__ = ["SiteStats", "write_site", "entity_iris", "RDF_SUFFIXES"]

RDF_SUFFIXES = ("ttl", "nt", "jsonld")

_ENTITIES = f"""SELECT DISTINCT ?x WHERE {{
  {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }}
  FILTER(isIRI(?x) && (STRSTARTS(STR(?x), "{BASE}id/") || STRSTARTS(STR(?x), "{BASE}vocab/")))
}} ORDER BY ?x"""
_NAMES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?p ?name WHERE { VALUES ?p { skos:prefLabel skos:altLabel } ?s ?p ?name } ORDER BY ?s ?p ?name"""


@dataclass
class SiteStats:
    """What a run wrote and how long it took."""

    pages: int
    files: int
    seconds: float


def entity_iris(source) -> list[str]:
    """Every IRI of ours (under ``id/`` and ``vocab/``) that the graph mentions, with a page of its own."""
    return [str(x) for (x,) in source.select(_ENTITIES).rows if path_of(str(x))]


def _write(root: Path, name: str, text: str | bytes) -> None:
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        target.write_text(text, encoding="utf-8")
    else:
        target.write_bytes(text)


#: What the forked workers share: the application and the folder being written.
_JOB: tuple | None = None


def _write_entities(iris: list[str]) -> tuple[int, int]:
    """Write the pages and RDF of ``iris`` (in a worker, or in the parent); how many pages, of how many."""
    app, work = _JOB
    written = 0
    for iri in iris:
        path = path_of(iri)
        own = app.source.describe(iri)
        text = app.entity_html(iri, Links(path, static=True), own)
        if text is None:
            continue
        _write(work, file_of(path), text)
        for suffix in RDF_SUFFIXES:
            _write(work, file_of(path, suffix), app.rdf_text(iri, suffix, own) or "")
        written += 1
    return written, len(iris)


def _search_index(source) -> list:
    """``[page file, label, [names…]]`` for every named entity with a page, for the static search."""
    entries: dict = {}
    for subject, prop, name in source.select(_NAMES).rows:
        path = path_of(str(subject))
        if path is None or "#" in path:
            continue
        entry = entries.setdefault(str(subject), [file_of(path), "", []])
        if prop == SKOS.prefLabel and (not entry[1] or (name.language or "") == "en"):
            entry[1] = str(name)
        entry[2].append(str(name))
    return [entry for entry in entries.values() if entry[1]]


def _copy_assets(root: Path) -> int:
    count = 0
    assets = resources.files("spacecoop.web").joinpath("assets")
    for folder in (assets, assets.joinpath("vendor")):
        for item in folder.iterdir():
            if item.is_file():
                relative = "assets/" + ("vendor/" if folder != assets else "") + item.name
                _write(root, relative, item.read_bytes())
                count += 1
    return count


def write_site(app: WebApp, out: Path, progress=None, workers: int | None = None) -> SiteStats:
    """Write every page and RDF file of ``app``'s graph under ``out``; ``progress(done, total)`` is
    called now and then. Entity pages are written by ``workers`` processes (default: one per CPU),
    forked with the store in memory, each writing its own share of the files."""
    workers = workers or os.cpu_count() or 1
    started = time.monotonic()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        files = _copy_assets(work)
        _write(work, "index.html", app.index_html(Links("/", static=True)))
        _write(work, "query.html", app.query_html(Links("/query", static=True), None))
        search = Links("/search", static=True)
        _write(work, "search.html", static_search_page(search))
        _write(work, "search.json", json.dumps(_search_index(app.source), ensure_ascii=False, separators=(",", ":")))
        _write(work, "404.html", not_found_page("this address", [], Links("/404", static=True)))
        _write(work, "ontology.html", app.ontology_html(Links("/ontology", static=True)))
        for suffix in RDF_SUFFIXES:
            _write(work, file_of("/ontology", suffix), app.rdf_text(ONTOLOGY_IRI, suffix) or "")
        files += 9 + len(RDF_SUFFIXES)
        iris = entity_iris(app.source)
        pages = 2
        chunks = [iris[start : start + 200] for start in range(0, len(iris), 200)]
        global _JOB
        _JOB = (app, work)
        parallel = workers > 1 and len(chunks) > 1
        try:
            with multiprocessing.get_context("fork").Pool(workers) if parallel else nullcontext() as pool:
                done = 0
                for written, count in (pool.imap_unordered if pool else map)(_write_entities, chunks):
                    pages, files, done = pages + written, files + written * (1 + len(RDF_SUFFIXES)), done + count
                    if progress and (done % 1000 < 200 or done == len(iris)):
                        progress(done, len(iris))
        finally:
            _JOB = None
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.replace(out, retired / out.name)
            os.replace(work, out)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return SiteStats(pages, files, time.monotonic() - started)
