"""``spacecoop push``: replace a graph in a SPARQL 1.1 store with the built graph, atomically.

1. upload the graph to a temporary named graph (Graph Store Protocol ``PUT``);
2. count the temporary graph and compare with ours — a short upload stops here;
3. swap it in with one SPARQL Update request, ``MOVE <tmp> TO <target>`` (one request is one
   transaction on Oxigraph: "either the full operation succeeds, or nothing is written");
4. count the target graph and compare again.

Until step 3 succeeds the target graph is untouched; if anything fails before it, the temporary
graph is dropped. The count compared is of distinct triples once ``xsd:string`` literals are
written plain, as a store keeps them.

>>> from rdflib import BNode, Graph, URIRef
>>> data, count = ntriples(Graph().parse(data="<urn:a> <urn:p> 'x', 'x'^^<http://www.w3.org/2001/XMLSchema#string> .", format="turtle"))
>>> count, data
(1, b'<urn:a> <urn:p> "x" .\\n')
"""

from __future__ import annotations

import argparse
import uuid

from rdflib import BNode, Graph, URIRef

from spacecoop.store.endpoint import Endpoint, EndpointError, Limits
from spacecoop.errors import SpaceCoopError
from spacecoop.commands.export import GRAPH_BASE
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


def push(graph: Graph, endpoint: Endpoint, target: str | None = None) -> int:
    """Replace ``target`` (``None``: the default graph) in the store with ``graph``; return its size there."""
    if target is None and not endpoint.dialect.has_default_graph:
        raise SpaceCoopError(f"{endpoint.url}: a {endpoint.dialect.name} store has no default graph of its own: "
                             "name the target with --graph")
    data, expected = ntriples(graph)
    temporary = f"{TEMPORARY_GRAPHS}{uuid.uuid4().hex}"
    try:
        endpoint.put_graph(temporary, data)
        uploaded = endpoint.graph_size(temporary)
        if uploaded != expected:
            raise SpaceCoopError(f"{endpoint.store_url}: the upload holds {uploaded} triples, not {expected}; "
                                 f"{_graph_ref(target)} left as it was")
        endpoint.update(f"MOVE {_graph_ref(temporary)} TO {_graph_ref(target)}")
    except SpaceCoopError as error:
        try:
            endpoint.update(f"DROP SILENT GRAPH <{temporary}>")
        except EndpointError as cleanup:
            note = f"; the temporary graph <{temporary}> is left behind ({cleanup.kind})"
            if isinstance(error, EndpointError):
                raise EndpointError(error.endpoint, error.kind, str(error)[len(error.endpoint) + 2:] + note) from None
            raise SpaceCoopError(f"{error}{note}") from None
        raise
    stored = endpoint.graph_size(target)
    if stored != expected:
        raise SpaceCoopError(f"{endpoint.url}: {_graph_ref(target)} holds {stored} triples after the swap, not {expected}")
    return stored


def _run(args: argparse.Namespace) -> int:
    from spacecoop.commands.query import graph_from

    graph = graph_from(args.data)
    endpoint = Endpoint(args.endpoint, limits=Limits(total=args.timeout), store_url=args.store_url,
                        update_url=args.update_url)
    count = push(graph, endpoint, args.graph)
    print(f"pushed {count} triples to {_graph_ref(args.graph)} at {endpoint.url}")
    return 0


def add_parser(subparsers) -> None:
    """Register ``spacecoop push``."""
    parser = subparsers.add_parser(
        "push", help="replace a graph in a SPARQL store with the built graph, atomically",
        description="Upload the built graph to a temporary graph, swap it in with one MOVE, and check the "
                    "store's count. On failure the previous graph stays whole. Credentials: "
                    "SPACECOOP_ENDPOINT_USER/PASSWORD or SPACECOOP_ENDPOINT_TOKEN in the environment.")
    parser.add_argument("--endpoint", required=True, metavar="URL", help="the store's SPARQL query endpoint")
    parser.add_argument("--graph", metavar="IRI", help="the named graph to replace (default: the default graph)")
    parser.add_argument("--store-url", metavar="URL", help="Graph Store Protocol endpoint, if not the usual one")
    parser.add_argument("--update-url", metavar="URL", help="SPARQL Update endpoint, if not the usual one")
    parser.add_argument("--data", metavar="FILE", help="push this RDF file instead of the built graph")
    parser.add_argument("--timeout", type=float, default=600.0, metavar="S",
                        help="time limit for each request to the store, retries included (default 600)")
    parser.set_defaults(func=_run)
