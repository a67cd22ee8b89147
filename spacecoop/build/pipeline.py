"""The build, one pipeline on Oxigraph for every size: load strictly, derive, validate, write every output.

``spacecoop build [--out DIR] [--also FILE…]`` writes to DIR (default ``dist/``) ``spacecoop.nt``,
``spacecoop.ttl``, ``spacecoop.trig`` (one named graph per source), ``spacecoop.jsonld``,
``validation-report.ttl``, ``validation-report.txt`` and ``stats.json``, and prints a summary. Exit 0 when
the graph conforms (warnings allowed), 1 on violations, 2 on errors. Identical inputs give identical bytes.

1. :func:`load_store`: every file parsed by Oxigraph into one in-memory store, each quad checked as
   :mod:`spacecoop.io.read` checks it (ill-typed literals, limits, the line of the problem), blank nodes
   skolemised file by file (:mod:`spacecoop.io.skolem`);
2. :func:`with_derivations`: the CONSTRUCT rules of ``queries/rules/`` (:mod:`spacecoop.build.derive`);
3. :func:`validate_build`: the shapes (compiled to SPARQL, :mod:`spacecoop.validation`) and the
   ``*-violation`` checks, on the store;
4. :func:`write_outputs`: every output from the store — N-Triples sorted on disk, Turtle and TriG streamed
   from them, JSON-LD compacted with our context.

The store keeps a number by value: ``"34.7500"^^xsd:decimal`` is written ``"34.75"`` (the same literal
value, in its canonical form).

rdflib is what callers may ask for (:attr:`BuildResult.graph`, a copy), never what the build runs on.
"""

from __future__ import annotations

import ctypes
import json
import threading
import time
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from rdflib import Graph

from spacecoop.build.derive import derive_in_store
from spacecoop.build.stats import compute_stats
from spacecoop.io.paths import graph_files, ontology_files
from spacecoop.io.serialise import Homes, graph_homes
from spacecoop.io.terms import from_ox
from spacecoop.io.side_writer import writing_beside
from spacecoop.io.write import to_turtle, write_atomic, write_trig
from spacecoop.namespaces import bind_prefixes
from spacecoop.store.knowledge import KnowledgeStore
from spacecoop.validation.shacl import Report, run_checks, validate_graph

__all__ = [
    "OUTPUT_FORMATS",
    "BuildResult",
    "load_store",
    "build_graph",
    "with_derivations",
    "validate_build",
    "write_graph",
    "write_report",
    "write_outputs",
    "validate_and_write",
]

OUTPUT_FORMATS = ("ttl", "nt", "jsonld", "trig")


@dataclass
class BuildResult:
    """The built graph in an in-memory Oxigraph store (ontology, vocabularies, curated and generated data,
    derived triples), the triples the rules derived (N-Triples), and the time of each step."""

    store: KnowledgeStore
    added: bytes = b""
    timings: dict = field(default_factory=dict)

    @cached_property
    def graph(self) -> Graph:
        """The built graph as an rdflib graph (a copy, made when first asked for)."""
        return self.store.to_rdflib()

    @cached_property
    def derived(self) -> Graph:
        """The triples the rules derived, as an rdflib graph."""
        graph = bind_prefixes(Graph(bind_namespaces="core"))
        for quad in ox.parse(self.added, format=ox.RdfFormat.N_TRIPLES):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return graph


@contextmanager
def _timed(timings: dict, name: str):
    started = time.perf_counter()
    yield
    timings[name] = timings.get(name, 0.0) + time.perf_counter() - started


def load_store(paths, with_ontology: bool = True) -> KnowledgeStore:
    """``paths`` (first, so that a bad draft fails before the rest is read) and the ontology and vocabularies
    (unless ``with_ontology`` is false) loaded strictly into an in-memory Oxigraph store, blank nodes skolemised."""
    files = [*map(Path, paths), *(ontology_files() if with_ontology else [])]
    return KnowledgeStore.from_files(files, backend="oxigraph", skolemise=True)


def build_graph(extra=()) -> BuildResult:
    """Load ``extra`` files, the ontology, vocabularies and ``graph/`` (:func:`load_store`), then derive."""
    timings: dict = {}
    with _timed(timings, "load"):
        store = load_store([*extra, *graph_files()])
    result = with_derivations(store)
    result.timings = {**timings, **result.timings}
    return result


def with_derivations(store: KnowledgeStore) -> BuildResult:
    """``store`` (skolemised) with the triples the rules derive from it added."""
    timings: dict = {}
    with _timed(timings, "derive"):
        added = derive_in_store(store)
    return BuildResult(store=store, added=added, timings=timings)


def validate_build(result: BuildResult, engine: str = "auto") -> Report:
    """SHACL validation (``engine``: auto, fast or pyshacl; see ``validate_graph``) plus the ``*-violation`` checks."""
    with _timed(result.timings, "validate"):
        report = validate_graph(None, engine=engine, store=result.store)
        report.findings.extend(run_checks(result.store))
    return report


def write_graph(result: BuildResult, out_dir: Path, homes: Callable[[], Homes] | None = None) -> None:
    """Write the graph in four formats from the store: N-Triples sorted on disk, Turtle, JSON-LD and TriG streamed
    from them (their text is never held in memory; Turtle and JSON-LD by a second process, beside the TriG).
    Each file is written whole or not at all. ``homes``: gives the named graphs of the TriG
    (:func:`~spacecoop.io.serialise.graph_homes`, asked for last)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nt = out_dir / "spacecoop.nt"
    with _timed(result.timings, "write"):
        result.store.write_ntriples(nt)
        with writing_beside(nt, turtle=out_dir / "spacecoop.ttl", jsonld=out_dir / "spacecoop.jsonld"):
            homes_of = homes() if homes is not None else graph_homes(result.store)
            write_trig(nt, homes_of.line_graphs(), out_dir / "spacecoop.trig")


def write_report(result: BuildResult, report: Report, out_dir: Path, stats: dict | None = None) -> dict:
    """Write the validation report (Turtle and text) and the stats (``stats``: :func:`compute_stats` of the store,
    computed here when not given); return the stats."""
    out_dir = Path(out_dir)
    with _timed(result.timings, "write"):
        write_atomic(out_dir / "validation-report.ttl", to_turtle(report.graph))
        write_atomic(out_dir / "validation-report.txt", report.as_text() + "\n")
        stats = {
            **(stats if stats is not None else compute_stats(result.store)),
            "violations": len(report.violations),
            "warnings": len(report.warnings),
        }
        write_atomic(out_dir / "stats.json", json.dumps(stats, indent=2, sort_keys=True) + "\n")
    return stats


def write_outputs(result: BuildResult, report: Report, out_dir: Path) -> dict:
    """Write the graph (:func:`write_graph`), the report and the stats (:func:`write_report`); return the stats."""
    write_graph(result, out_dir)
    return write_report(result, report, out_dir)


def validate_and_write(result: BuildResult, out_dir: Path, engine: str = "auto") -> tuple[Report, dict]:
    """:func:`validate_build` and :func:`write_outputs` side by side: the store's queries — the named graphs of
    the TriG, the shapes (several at a time: at a million triples and more they take longer than the writers),
    the stats — run in a second thread, in Oxigraph without Python's lock, while the writers run in this one;
    then the report and the stats are written.

    The second thread only reads the store. This one waits for it in short steps, so that Ctrl-C, SIGTERM or a
    caller's alarm stops the build at once (pySHACL on the real graph runs for many minutes), and the second
    thread is then stopped too, at its next step in Python: nothing of it goes on running in the caller's
    process, and nothing of it holds up the end of the process."""
    queries = _Background(
        [(graph_homes, (result.store,)), (validate_build, (result, engine)), (compute_stats, (result.store,))]
    )
    homes, validating, counting = queries.futures
    try:
        write_graph(result, out_dir, lambda: _wait(homes))
        report = _wait(validating)
        stats = _wait(counting)
    except BaseException:
        queries.stop()
        raise
    return report, write_report(result, report, out_dir, stats)


WAIT_STEP = 0.2
"""Seconds between two looks at a result of the build's second thread (signals are handled in between)."""


class _Stopped(BaseException):
    """Raised in the build's second thread to end it: the build it worked for was interrupted."""


class _Background:
    """``tasks`` (function and arguments) run one after another in a daemon thread, a future for each result;
    :meth:`stop` cancels those not started and ends the one running at its next step in Python."""

    def __init__(self, tasks: list[tuple[Callable, tuple]]):
        self.futures: list[Future] = [Future() for _ in tasks]
        self._lock = threading.Lock()
        self._done = self._stopping = False
        self._thread = threading.Thread(target=self._run, args=(tasks,), name="spacecoop-build-queries", daemon=True)
        self._thread.start()

    def _run(self, tasks: list[tuple[Callable, tuple]]) -> None:
        try:
            for (function, args), future in zip(tasks, self.futures):
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    value = function(*args)
                except _Stopped:
                    raise
                except BaseException as error:  # noqa: BLE001 - handed over to the caller's thread
                    future.set_exception(error)
                    continue
                future.set_result(value)
            with self._lock:
                self._done = True
        except _Stopped:
            pass

    def stop(self) -> None:
        """Cancel the tasks not started, and raise :class:`_Stopped` in the thread if it still runs one (once:
        the exception reaches it inside :meth:`_run`, which ends quietly)."""
        for future in self.futures:
            future.cancel()
        with self._lock:
            if self._done or self._stopping or self._thread.ident is None:
                return
            self._stopping = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread.ident), ctypes.py_object(_Stopped))


def _wait(future: Future):
    """The result of ``future``, waited for in steps of :data:`WAIT_STEP` so that a signal is not held up.

    (A wait without a time limit blocks in the lock until the result comes: a Ctrl-C delivered meanwhile
    would only be seen then.)"""
    while True:
        try:
            return future.result(timeout=WAIT_STEP)
        except TimeoutError:
            continue
