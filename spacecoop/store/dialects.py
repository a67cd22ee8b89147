"""What differs between SPARQL stores, in one place: where updates and graph uploads go, how a
server-side time limit is asked for, and whether the store has a default graph of its own.

A dialect is picked from the query endpoint's address (see ``docs/stores.md``):

>>> detect("http://127.0.0.1:7878/query").name
'oxigraph'
>>> detect("http://127.0.0.1:8890/sparql").store_url("http://127.0.0.1:8890/sparql")
'http://127.0.0.1:8890/sparql-graph-crud'
>>> detect("http://localhost:3030/ds/query").update_url("http://localhost:3030/ds/query")
'http://localhost:3030/ds/update'
>>> detect("http://localhost:7200/repositories/sc").update_url("http://localhost:7200/repositories/sc")
'http://localhost:7200/repositories/sc/statements'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

__all__ = ["Dialect", "DIALECTS", "detect"]


def _replace_last_segment(url: str, new: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rstrip("/").rsplit("/", 1)[0] + "/" + new
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _append(url: str, new: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/" + new, "", ""))


@dataclass(frozen=True)
class Dialect:
    """How to talk to one kind of store.

    Attributes
    ----------
    name : str
        ``oxigraph``, ``virtuoso``, ``graphdb`` or ``generic``.
    update_segment : str or None
        The last path segment of the update endpoint, replacing the query endpoint's (``update`` for
        Oxigraph and Fuseki's ``/query``); ``None`` when updates go to the query endpoint itself.
    store_segment : str or None
        Likewise for the Graph Store Protocol endpoint (``store``, ``sparql-graph-crud``).
    append : bool
        Append the segments to the endpoint instead of replacing its last one (GraphDB).
    timeout_parameter : str or None
        The request parameter for a server-side time limit, if the store takes one.
    timeout_scale : int
        Multiplier from seconds to the unit the store wants (Virtuoso: milliseconds).
    has_default_graph : bool
        False for a store whose "default graph" is the union of all its graphs (Virtuoso): push
        then needs a named graph, and queries name it as their default graph.
    partial_result_header : tuple of str or None
        A response header and value that mark a result cut short by the server's time limit
        (Virtuoso's "anytime" answers: ``X-SQL-State: S1TAT``); such a result is an error, not an answer.
    """

    name: str
    update_segment: str | None = None
    store_segment: str | None = None
    append: bool = False
    timeout_parameter: str | None = None
    timeout_scale: int = 1
    has_default_graph: bool = True
    partial_result_header: tuple[str, str] | None = None

    def update_url(self, endpoint: str) -> str:
        """The SPARQL update endpoint that goes with query endpoint ``endpoint``."""
        return self._derive(endpoint, self.update_segment)

    def store_url(self, endpoint: str) -> str:
        """The Graph Store Protocol endpoint that goes with ``endpoint``."""
        return self._derive(endpoint, self.store_segment)

    def _derive(self, endpoint: str, segment: str | None) -> str:
        if segment is None:
            return endpoint
        return _append(endpoint, segment) if self.append else _replace_last_segment(endpoint, segment)


DIALECTS = {
    # Oxigraph server: /query, /update, /store. Its time limit is server-wide (serve --timeout-s).
    "oxigraph": Dialect("oxigraph", update_segment="update", store_segment="store"),
    # Virtuoso: updates over /sparql (the SPARQL user needs SPARQL_UPDATE), graphs over
    # /sparql-graph-crud; "timeout" in milliseconds; no default graph of its own.
    "virtuoso": Dialect(
        "virtuoso",
        store_segment="sparql-graph-crud",
        timeout_parameter="timeout",
        timeout_scale=1000,
        has_default_graph=False,
        partial_result_header=("X-SQL-State", "S1TAT"),
    ),
    # GraphDB: /repositories/ID, updates at …/statements, graphs at …/rdf-graphs/service.
    "graphdb": Dialect(
        "graphdb",
        update_segment="statements",
        store_segment="rdf-graphs/service",
        append=True,
        timeout_parameter="timeout",
    ),
    "generic": Dialect("generic"),
}


def detect(endpoint: str) -> Dialect:
    """The dialect of the store whose query endpoint is ``endpoint``.

    ``…/query`` is Oxigraph's layout (Fuseki's ``/ds/query`` and ``/ds/update`` too); ``…/sparql``
    is Virtuoso's; ``…/repositories/ID`` GraphDB's; anything else is generic (updates to the same
    address; give the graph store with ``--store-url``).
    """
    path = urlsplit(endpoint).path.rstrip("/")
    if path.endswith("/query"):
        return DIALECTS["oxigraph"]
    if path.endswith("/sparql"):
        return DIALECTS["virtuoso"]
    if "/repositories/" in path:
        return DIALECTS["graphdb"]
    return DIALECTS["generic"]
