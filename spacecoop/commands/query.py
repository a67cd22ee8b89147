"""``spacecoop query``: run a query of the library (or any SELECT/ASK file) in-process or on a store.

In-process it runs on the built graph with rdflib, parameters bound through ``initBindings``
(or on pyoxigraph through :class:`~spacecoop.store.knowledge.KnowledgeStore`, ``--engine oxigraph``);
with ``--endpoint`` it runs on any SPARQL 1.1 store, parameters bound as a ``VALUES`` block
(:mod:`spacecoop.store.inject`). Either way the rows come back in one normal form
(:mod:`spacecoop.store.results`), so the two print the same table. An update is refused before
anything runs, and a time limit stops a runaway query on both paths.

>>> from rdflib import Graph
>>> g = Graph().parse(data="<urn:a> <urn:p> 'x' . <urn:b> <urn:p> 'y' .", format="turtle")
>>> spec = parse_query("#+ param: s — subject (IRI)\\nSELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o")
>>> run_local(g, spec.text, bind_params(spec, {"s": "urn:b"})).rows
[(rdflib.term.Literal('y'),)]
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from contextlib import contextmanager

from rdflib import Graph

from spacecoop.store.endpoint import Endpoint, Limits
from spacecoop.commands.argtypes import non_negative_seconds
from spacecoop.errors import SpaceCoopError
from spacecoop.store.inject import inject_values
from spacecoop.build.built import choose_engine, graph_from, store_from
from spacecoop.io.paths import QUERIES_DIR
from spacecoop.store.querylib import bind_params, check_local, list_queries, load_query, parse_query
from spacecoop.store.results import RESULT_FORMATS, Results, format_results, from_rdflib
from spacecoop.store.knowledge import KnowledgeStore

__all__ = ["add_parser", "run_local", "run_oxigraph", "run_remote"]


class _TimeUp(BaseException):
    """Raised by the alarm inside rdflib; a BaseException so that no ``except Exception`` swallows it."""


@contextmanager
def _time_limit(seconds: float | None, name: str):
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        raise SpaceCoopError("an in-process time limit needs the main thread (use --timeout 0 to run unbounded)")

    def alarm(signum, frame):
        raise _TimeUp()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp:
        raise SpaceCoopError(f"query {name!r} stopped: it ran longer than {seconds:g} s (--timeout)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_local(graph: Graph, text: str, bindings: dict, timeout: float | None = None, name: str = "<query>") -> Results:
    """Run SELECT/ASK ``text`` on ``graph`` with rdflib, ``bindings`` as ``initBindings``, within ``timeout`` s."""
    with _time_limit(timeout, name):
        return from_rdflib(graph.query(text, initBindings=bindings))


def run_oxigraph(
    knowledge: KnowledgeStore, text: str, bindings: dict, timeout: float | None = None, name: str = "<query>"
) -> Results:
    """Run SELECT/ASK ``text`` on an Oxigraph-backed :class:`~spacecoop.store.knowledge.KnowledgeStore` within ``timeout`` s.

    pyoxigraph lets go of the interpreter while it evaluates, so no signal reaches it: the query runs
    in a worker thread, abandoned at the time limit (it ends with the process).
    """
    outcome: dict = {}

    def work():
        try:
            outcome["results"] = knowledge.select(text, bindings)
        except BaseException as error:  # handed over to the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=work, name=f"spacecoop-query-{name}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise SpaceCoopError(f"query {name!r} stopped: it ran longer than {timeout:g} s (--timeout)")
    if "error" in outcome:
        if isinstance(outcome["error"], SyntaxError):
            raise SpaceCoopError(f"{name}: {' '.join(str(outcome['error']).split())}") from None
        raise outcome["error"]
    return outcome["results"]


def run_remote(endpoint: Endpoint, text: str, bindings: dict, timeout: float | None = None) -> Results:
    """Run SELECT/ASK ``text`` on a store, ``bindings`` injected as ``VALUES`` blocks."""
    return endpoint.select(inject_values(text, bindings), timeout)


def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"want key=value, not {text!r}")
    return key, value


def _list(out) -> int:
    for name in list_queries():
        spec = parse_query((QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8"), name)
        params = ", ".join(f"{k} ({v})" for k, v in spec.params.items())
        print(f"{name}{f' [{params}]' if params else ''}: {spec.summary}", file=out)
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.list:
        return _list(sys.stdout)
    if not args.query:
        raise SpaceCoopError("name a query (see --list) or give a .rq file")
    spec = load_query(args.query)
    if not args.endpoint:
        check_local(spec.text, spec.name)
    bindings = bind_params(spec, dict(args.param))
    timeout = args.timeout or None
    if args.endpoint:
        limits = Limits(total=timeout or Limits.total)
        endpoint = Endpoint(args.endpoint, limits=limits, default_graph=args.graph)
        results = run_remote(endpoint, spec.text, bindings, timeout)
    else:
        if choose_engine(args.data, args.engine, built="oxigraph") == "oxigraph":
            results = run_oxigraph(store_from(args.data), spec.text, bindings, timeout, spec.name)
        else:
            results = run_local(graph_from(args.data), spec.text, bindings, timeout, spec.name)
    print(format_results(results, args.format))
    if spec.name.endswith("-violation") and results.rows:
        return 1
    return 0


def add_parser(subparsers) -> None:
    """Register ``spacecoop query``."""
    parser = subparsers.add_parser(
        "query",
        help="run a competency question (queries/*.rq) in-process or on a SPARQL store",
        description="Run a query of the library by name (see --list) or a .rq file: in-process on the "
        "built graph, or on a SPARQL 1.1 store with --endpoint. Parameters are bound as data. "
        "A checks/*-violation query exits 1 when it finds rows.",
    )
    parser.add_argument("query", nargs="?", metavar="NAME|FILE", help="query name (e.g. partners) or .rq file")
    parser.add_argument(
        "--param",
        action="append",
        type=_param,
        default=[],
        metavar="KEY=VALUE",
        help="bind a parameter the query's header declares (repeatable)",
    )
    parser.add_argument(
        "--endpoint",
        metavar="URL",
        help="SPARQL query endpoint (credentials: "
        "SPACECOOP_ENDPOINT_USER/PASSWORD or SPACECOOP_ENDPOINT_TOKEN in the environment)",
    )
    parser.add_argument("--graph", metavar="IRI", help="with --endpoint: the named graph to query as default graph")
    parser.add_argument("--data", metavar="FILE", help="in-process: query this RDF file instead of the built graph")
    parser.add_argument(
        "--engine",
        choices=("auto", "rdflib", "oxigraph"),
        default="auto",
        help="in-process engine: rdflib, or pyoxigraph (much faster on the big questions; loads "
        "--data with its own parser); auto (the default): pyoxigraph for the built graph and for a "
        "--data file over 2 MB, rdflib for a smaller file",
    )
    parser.add_argument("--format", choices=RESULT_FORMATS, default="table", help="output format (default: table)")
    parser.add_argument(
        "--timeout",
        type=non_negative_seconds,
        default=60.0,
        metavar="S",
        help="stop the query after S seconds (default 60; 0: no limit in-process)",
    )
    parser.add_argument("--list", action="store_true", help="list the queries with their summaries")
    parser.set_defaults(func=_run)
