"""The Python API for notebooks and scripts: the graph, its questions as DataFrames, its partnerships as graphs.

>>> import spacecoop
>>> store = spacecoop.load()
>>> partners = spacecoop.query("partners", org="scorg:esa", source=store)
>>> {"partner", "partner_label"} <= set(partners.columns)
True
>>> G = spacecoop.partnerships(level="country", since=2000, source=store)
>>> G.number_of_nodes() > 10
True

Every function takes ``source=``: a store from :func:`load` (the default: the built graph, loaded once
and kept), an rdflib graph, or an :class:`~spacecoop.store.endpoint.Endpoint` of a SPARQL 1.1 store.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import networkx as nx
import pandas as pd
import pyoxigraph
from rdflib import BNode, Literal, URIRef

from spacecoop.build.built import built_store
from spacecoop.errors import SpaceCoopError
from spacecoop.io.paths import QUERIES_DIR
from spacecoop.io.read import parse_file
from spacecoop.namespaces import PREFIXES
from spacecoop.store.querylib import bind_params, load_query, parse_query
from spacecoop.views import centrality
from spacecoop.views import communities as community_methods
from spacecoop.views.partnerships import Filters, curie, partnership_graph, select

__all__ = ["load", "query", "partnerships", "communities", "brokers", "queries"]

_loaded: dict[str, pyoxigraph.Store] = {}


def load(data: str | Path | None = None) -> pyoxigraph.Store:
    """The knowledge graph in an in-memory Oxigraph store.

    Parameters
    ----------
    data : str or Path, optional
        An RDF file (Turtle, N-Triples, TriG, N-Quads, JSON-LD) read through the strict loader.
        Without it: the built graph (``dist/spacecoop.nt`` in a checkout, built first if stale; the
        packaged build when installed), loaded once per process.

    Returns
    -------
    pyoxigraph.Store
        Pass it as ``source=`` to the other functions, or query it with pyoxigraph directly.

    Examples
    --------
    >>> store = load()
    >>> len(store) > 1000
    True
    """
    if data is None:
        if "built" not in _loaded:
            _loaded["built"] = built_store()
        return _loaded["built"]
    store = pyoxigraph.Store()
    store.bulk_load(
        parse_file(Path(data)).serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES
    )
    return store


def queries() -> pd.DataFrame:
    """The query library: one row per query, with its summary and parameters.

    >>> library = queries()
    >>> "partners" in set(library["name"])
    True
    """
    from spacecoop.store.querylib import list_queries

    rows = []
    for name in list_queries():
        spec = parse_query((QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8"), name)
        rows.append(
            {
                "name": name,
                "summary": spec.summary,
                "parameters": ", ".join(f"{key} ({kind})" for key, kind in spec.params.items()),
            }
        )
    return pd.DataFrame(rows, columns=["name", "summary", "parameters"])


def _expand(value: object) -> str:
    """A parameter as the query library's binder wants it: CURIEs expanded, dates and numbers as text."""
    if isinstance(value, URIRef):
        return str(value)
    text = value.isoformat() if isinstance(value, _dt.date) else str(value)
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return text


def _cell(term: object) -> object:
    """A result term as a DataFrame cell: an IRI as its CURIE, a date as a date, a number as a number."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return curie(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (_dt.date, int, float, bool)) and not isinstance(value, Literal):
            return pd.Timestamp(value) if isinstance(value, _dt.date) else value
        return str(term)
    return term


def _labels(source, iris: set[str]) -> dict[str, str]:
    """English (else any) ``rdfs:label`` or ``skos:prefLabel`` of each IRI, one query for all."""
    if not iris:
        return {}
    text = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?node (SAMPLE(?label) AS ?name) WHERE {
  ?node skos:prefLabel|rdfs:label ?label .
  FILTER (lang(?label) = "en" || lang(?label) = "")
} GROUP BY ?node"""
    results = select(source, text, {"node": [URIRef(iri) for iri in sorted(iris)]})
    return {str(node): str(name) for node, name in results.rows if name is not None}


def query(name_or_text: str, *, source=None, labels: bool = True, **params) -> pd.DataFrame:
    """Run a query of the library (by name) or a SELECT query (its text) and return a DataFrame.

    Parameters
    ----------
    name_or_text : str
        A name of ``spacecoop.queries()`` (``"partners"``, ``"views/partnerships-country"``), a ``.rq``
        file, or the text of a SELECT query.
    source : optional
        Where to run it (see the module docstring); default: :func:`load`'s built graph.
    labels : bool
        Add a ``<column>_label`` column beside each column of IRIs (English names).
    **params
        The query's parameters (its header lists them): CURIEs (``org="scorg:esa"``), IRIs, text,
        numbers or dates; bound as data, never spliced into the query.

    Returns
    -------
    pandas.DataFrame
        One column per variable: IRIs as CURIEs, dates as ``Timestamp``, numbers as numbers.

    Examples
    --------
    >>> frame = query("SELECT ?type (COUNT(*) AS ?n) WHERE { ?c a ?type } GROUP BY ?type ORDER BY DESC(?n) LIMIT 1")
    >>> list(frame.columns)
    ['type', 'n', 'type_label']
    """
    source = load() if source is None else source
    spec = parse_query(name_or_text, "<query>") if "{" in name_or_text else load_query(name_or_text)
    bindings = bind_params(spec, {key: _expand(value) for key, value in params.items()})
    results = select(source, spec.text, {key: [term] for key, term in bindings.items()})
    if results.boolean is not None:
        return pd.DataFrame({"answer": [results.boolean]})
    frame = pd.DataFrame([[_cell(term) for term in row] for row in results.rows], columns=results.variables)
    if labels:
        for column in results.variables:
            iris = {
                str(row[i])
                for row in results.rows
                for i in [results.variables.index(column)]
                if isinstance(row[i], URIRef)
            }
            if iris:
                names = _labels(source, iris)
                frame[f"{column}_label"] = [
                    names.get(str(row[results.variables.index(column)])) for row in results.rows
                ]
    return frame


def partnerships(
    level: str = "country",
    *,
    since: int | None = None,
    until: int | None = None,
    status: str | list[str] | None = None,
    types: str | list[str] | None = None,
    as_of: str | _dt.date | None = None,
    source=None,
) -> nx.Graph:
    """Who works with whom: a weighted partnership graph of countries or organisations.

    Parameters
    ----------
    level : {"country", "org"}
        Countries (each organisation counted for its country; intergovernmental bodies stay themselves),
        or the organisations as they take part.
    since, until : int, optional
        Keep cooperation dated in these years (inclusive).
    status, types : str or list of str, optional
        Keep cooperation with these statuses (``"agreed"``, ``"active"`` …) or cooperation types
        (``"joint-mission"``, ``"launch-service"`` …).
    as_of : str or date, optional
        Drop cooperation dated after this day.
    source : optional
        Where to run it; default: :func:`load`'s built graph.

    Returns
    -------
    networkx.Graph
        Nodes are IRIs with ``label``, ``short_label``, ``curie``, ``kind``; edges have ``weight`` (events),
        ``types``, ``statuses``, ``years``.

    Examples
    --------
    >>> G = partnerships("country", types="joint-mission")
    >>> all(G.edges[e]["weight"] >= 1 for e in G.edges)
    True
    """
    if level not in ("country", "org"):
        raise SpaceCoopError(f"level must be 'country' or 'org', not {level!r}")

    def as_tuple(value) -> tuple:
        return () if value is None else (value,) if isinstance(value, str) else tuple(value)

    filters = Filters(statuses=as_tuple(status), types=as_tuple(types), as_of=as_of, since=since, until=until)
    return partnership_graph(load() if source is None else source, level, filters)


def communities(
    graph: nx.Graph | None = None,
    *,
    method: str = "louvain",
    seed: int = 0,
    resolution: float = 1.0,
    **partnership_args,
) -> pd.DataFrame:
    """Blocs: the communities of a partnership graph, one row per node.

    Parameters
    ----------
    graph : networkx.Graph, optional
        A graph from :func:`partnerships`; without it, ``partnerships(**partnership_args)``.
    method : {"louvain", "greedy", "leiden"}
        The community method (leiden needs the ``leiden`` extra).
    seed, resolution
        The method's random seed and resolution: the same seed gives the same blocs.

    Returns
    -------
    pandas.DataFrame
        Columns ``node`` (CURIE), ``label``, ``community`` (0 the largest), ``weighted_degree``, sorted by
        community and weighted degree.

    Examples
    --------
    >>> blocs = communities(level="country")
    >>> list(blocs.columns)
    ['node', 'label', 'community', 'weighted_degree']
    """
    graph = partnerships(**partnership_args) if graph is None else graph
    if graph.number_of_edges() == 0:
        return pd.DataFrame(columns=["node", "label", "community", "weighted_degree"])
    partition = community_methods.detect(graph, method=method, seed=seed, resolution=resolution)
    frame = pd.DataFrame(
        {
            "node": [graph.nodes[n].get("curie", curie(str(n))) for n in partition],
            "label": [graph.nodes[n].get("label", str(n)) for n in partition],
            "community": list(partition.values()),
            "weighted_degree": [graph.degree(n, weight="weight") for n in partition],
        }
    )
    return frame.sort_values(["community", "weighted_degree", "node"], ascending=[True, False, True], ignore_index=True)


def brokers(graph: nx.Graph, blocs: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """Who links the blocs: nodes with partners in several communities, ranked by brokerage.

    Parameters
    ----------
    graph : networkx.Graph
        A partnership graph.
    blocs : pandas.DataFrame
        Its communities, from :func:`communities`.
    top : int
        How many to return.

    Returns
    -------
    pandas.DataFrame
        Columns ``node``, ``label``, ``community``, ``participation`` (0: all partners in one bloc; towards 1:
        spread over many), ``communities_spanned``, ``brokerage``.

    Examples
    --------
    >>> G = partnerships("country")
    >>> list(brokers(G, communities(G), top=3).columns)[:3]
    ['node', 'label', 'community']
    """
    by_curie = {graph.nodes[n].get("curie", curie(str(n))): n for n in graph}
    partition = {by_curie[row.node]: int(row.community) for row in blocs.itertuples() if row.node in by_curie}
    rows = [
        {
            "node": graph.nodes[entry["node"]].get("curie", curie(str(entry["node"]))),
            "label": graph.nodes[entry["node"]].get("label", str(entry["node"])),
            **{key: entry[key] for key in ("community", "participation", "communities_spanned", "brokerage")},
        }
        for entry in centrality.brokers(graph, partition, top=top)
    ]
    return pd.DataFrame(
        rows, columns=["node", "label", "community", "participation", "communities_spanned", "brokerage"]
    )
