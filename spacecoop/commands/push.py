"""``spacecoop push``: replace a graph in a SPARQL 1.1 store with the built graph, atomically.

1. upload the graph to a temporary named graph (Graph Store Protocol ``PUT``);
2. count the temporary graph and compare with ours — a short upload stops here;
3. swap it in with one SPARQL Update request, ``MOVE <tmp> TO <target>`` (one request is one
   transaction on Oxigraph: "either the full operation succeeds, or nothing is written");
4. count the target graph and compare again.

``--timeout`` bounds the whole push, not each request. Until step 3 succeeds the target graph is untouched; if anything fails before it, the temporary
graph is dropped. Before step 1, a guard: the graph to send must hold every triple the ``--data``
file holds, in all its named graphs (TriG, N-Quads and JSON-LD datasets are merged into the one
target graph), so that a loader that lost triples can never empty a store's graph. The count compared is of distinct triples once ``xsd:string`` literals are
written plain, as a store keeps them.

>>> from rdflib import BNode, Graph, URIRef
>>> data, count = ntriples(Graph().parse(data="<urn:a> <urn:p> 'x', 'x'^^<http://www.w3.org/2001/XMLSchema#string> .", format="turtle"))
>>> count, data
(1, b'<urn:a> <urn:p> "x" .\\n')
"""

from __future__ import annotations

import argparse
import time
import uuid
from dataclasses import replace
from pathlib import Path

from rdflib import BNode, Graph, URIRef

from spacecoop.store.endpoint import Endpoint, EndpointError, Limits
from spacecoop.commands.argtypes import positive_seconds
from spacecoop.errors import SpaceCoopError
from spacecoop.io.serialise import GRAPH_BASE
from spacecoop.store.inject import nt_term
from spacecoop.store.results import normalise

__all__ = ["add_parser", "push", "ntriples", "TEMPORARY_GRAPHS"]

TEMPORARY_GRAPHS = GRAPH_BASE + "tmp/"


def ntriples(graph: Graph) -> tuple[bytes, int]:
    """``graph`` as sorted N-Triples of distinct triples (``xsd:string`` written plain), and their number."""
    lines = {f"{_nt(s)} {_nt(p)} {_nt(normalise(o))} .\n" for s, p, o in graph}
    return "".join(sorted(lines)).encode("utf-8"), len(lines)


def _nt(term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else nt_term(term)


def _graph_ref(graph: str | None) -> str:
    return nt_term(URIRef(graph)) if graph else "DEFAULT"


CLEANUP_SECONDS = 10.0
"""After a failure (or to count the result), what a push may take past its time limit."""


def _within(endpoint: Endpoint, deadline: float) -> Endpoint:
    """``endpoint`` with the time left until ``deadline`` as its limit for the next request: the limit
    is the whole push's, not each request's."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise EndpointError(endpoint.url, "timeout", "the push ran out of its time limit (--timeout)")
    endpoint.limits = replace(endpoint.limits, total=remaining, connect=min(endpoint.limits.connect, remaining))
    return endpoint


def push(
    graph: Graph, endpoint: Endpoint, target: str | None = None, *, at_least: int = 1, source: str = "the graph"
) -> int:
    """Replace ``target`` (``None``: the default graph) in the store with ``graph``; return its size there.

    Nothing is sent unless ``graph`` holds at least ``at_least`` triples (the number its ``source`` file
    holds): an empty or shrunken graph never replaces a store's graph.
    """
    if target is not None and not target:
        raise SpaceCoopError(
            f"{endpoint.shown}: the graph to replace has an empty IRI (None: the default graph); nothing was sent"
        )
    if target is None and not endpoint.dialect.has_default_graph:
        raise SpaceCoopError(
            f"{endpoint.shown}: a {endpoint.dialect.name} store has no default graph of its own: "
            "name the target with --graph"
        )
    data, expected = ntriples(graph)
    if expected < max(at_least, 1):
        raise SpaceCoopError(
            f"{source} holds {at_least:,} triples but only {expected:,} were read to push; "
            f"nothing was sent and {_graph_ref(target)} is left as it was"
        )
    temporary = f"{TEMPORARY_GRAPHS}{uuid.uuid4().hex}"
    deadline = time.monotonic() + endpoint.limits.total
    try:
        _within(endpoint, deadline).put_graph(temporary, data)
        uploaded = _within(endpoint, deadline).graph_size(temporary)
        if uploaded != expected:
            raise SpaceCoopError(
                f"{endpoint.shown_store_url}: the upload holds {uploaded} triples, not {expected}; "
                f"{_graph_ref(target)} left as it was"
            )
        _within(endpoint, deadline).update(f"MOVE {_graph_ref(temporary)} TO {_graph_ref(target)}")
    except SpaceCoopError as error:
        try:
            _within(endpoint, time.monotonic() + CLEANUP_SECONDS).update(f"DROP SILENT GRAPH <{temporary}>")
        except EndpointError as cleanup:
            note = f"; the temporary graph <{temporary}> is left behind ({cleanup.kind})"
            if isinstance(error, EndpointError):
                raise EndpointError(error.endpoint, error.kind, str(error)[len(error.endpoint) + 2 :] + note) from None
            raise SpaceCoopError(f"{error}{note}") from None
        raise
    stored = _within(endpoint, deadline + CLEANUP_SECONDS).graph_size(target)
    if stored != expected:
        raise SpaceCoopError(
            f"{endpoint.shown}: {_graph_ref(target)} holds {stored} triples after the swap, not {expected}"
        )
    return stored


def _run(args: argparse.Namespace) -> int:
    from spacecoop.build.built import graph_from
    from spacecoop.io.read import triples_in_file

    endpoint = Endpoint(
        args.endpoint, limits=Limits(total=args.timeout), store_url=args.store_url, update_url=args.update_url
    )
    graph = graph_from(args.data)
    at_least = triples_in_file(Path(args.data)) if args.data else 1
    count = push(graph, endpoint, args.graph, at_least=at_least, source=str(args.data or "the built graph"))
    print(f"pushed {count} triples to {_graph_ref(args.graph)} at {endpoint.shown}")
    return 0


def add_parser(subparsers) -> None:
    """Register ``spacecoop push``."""
    parser = subparsers.add_parser(
        "push",
        help="replace a graph in a SPARQL store with the built graph, atomically",
        description="Upload the built graph to a temporary graph, swap it in with one MOVE, and check the "
        "store's count. On failure the previous graph stays whole. Credentials: "
        "SPACECOOP_ENDPOINT_USER/PASSWORD or SPACECOOP_ENDPOINT_TOKEN in the environment.",
    )
    parser.add_argument("--endpoint", required=True, metavar="URL", help="the store's SPARQL query endpoint")
    parser.add_argument("--graph", metavar="IRI", help="the named graph to replace (default: the default graph)")
    parser.add_argument("--store-url", metavar="URL", help="Graph Store Protocol endpoint, if not the usual one")
    parser.add_argument("--update-url", metavar="URL", help="SPARQL Update endpoint, if not the usual one")
    parser.add_argument("--data", metavar="FILE", help="push this RDF file instead of the built graph")
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=600.0,
        metavar="S",
        help="time limit for the whole push, every request and retry included (default 600; "
        "a failed push takes at most 10 s more to drop its temporary graph)",
    )
    parser.set_defaults(func=_run)
