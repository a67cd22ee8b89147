"""The launch market as a network of states: who launched for whom (``queries/launch-market.rq``).

:func:`launch_market_graph` draws the launch services alone — nothing else of the graph — as a directed
graph from each launching state to each customer state (an intergovernmental body such as ESA is a node of
its own), weighted by the number of payloads launched, with the decades as an attribute.

>>> from rdflib import Graph
>>> g = Graph().parse(data=EXAMPLE_TTL, format="turtle")
>>> G = launch_market_graph(g)
>>> sorted((curie(a), curie(b), w) for a, b, w in G.edges(data="weight"))
[('country:us', 'country:gb', 1)]
>>> G.nodes[ID_BASE + "country/gb"]["label"], G.edges[ID_BASE + "country/us", ID_BASE + "country/gb"]["decades"]
('United Kingdom', '1960')
>>> launch_market_graph(g, since=1970).number_of_edges()
0
"""

from __future__ import annotations

import networkx as nx

from spacecoop.io.paths import QUERIES_DIR
from spacecoop.namespaces import ID_BASE  # noqa: F401 (the doctests)
from spacecoop.views.partnerships import curie, select

__all__ = ["LAUNCH_MARKET_QUERY", "launch_market_rows", "launch_market_graph", "EXAMPLE_TTL"]

LAUNCH_MARKET_QUERY = QUERIES_DIR / "launch-market.rq"

EXAMPLE_TTL = """
@prefix sco: <https://w3id.org/spacecoop/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix role: <https://w3id.org/spacecoop/vocab/role/> .
@prefix ct: <https://w3id.org/spacecoop/vocab/cooptype/> .
<https://w3id.org/spacecoop/id/org/bnc> a sco:Organisation ; sco:country <https://w3id.org/spacecoop/id/country/gb> .
<https://w3id.org/spacecoop/id/org/gsfc> a sco:Organisation ; sco:country <https://w3id.org/spacecoop/id/country/us> .
<https://w3id.org/spacecoop/id/country/gb> a sco:Country ; skos:prefLabel "United Kingdom"@en .
<https://w3id.org/spacecoop/id/country/us> a sco:Country ; skos:prefLabel "United States"@en .
<https://w3id.org/spacecoop/id/cooperation/gcat-launch-s00285> a sco:Cooperation ;
    sco:cooperationType ct:launch-service ; sco:startDate "1962-04-26"^^xsd:date ;
    sco:participation [ sco:agent <https://w3id.org/spacecoop/id/org/bnc> ; sco:role role:customer ] ,
                      [ sco:agent <https://w3id.org/spacecoop/id/org/gsfc> ; sco:role role:launch-provider ] .
"""


def launch_market_rows(source) -> list[tuple[int, str, str, str, str, int]]:
    """The rows of ``queries/launch-market.rq`` on ``source`` (an rdflib graph, an Oxigraph store or an
    endpoint: see :func:`~spacecoop.views.partnerships.select`) as ``(decade, provider, provider label,
    customer, customer label, services)``."""
    results = select(source, LAUNCH_MARKET_QUERY.read_text(encoding="utf-8"))
    index = {name: i for i, name in enumerate(results.variables)}
    rows = []
    for row in results.rows:
        decade, provider, customer = row[index["decade"]], row[index["provider"]], row[index["customer"]]
        names = (row[index["providerName"]], row[index["customerName"]])
        rows.append(
            (
                int(float(str(decade))),
                str(provider),
                str(names[0] or curie(str(provider))),
                str(customer),
                str(names[1] or curie(str(customer))),
                int(str(row[index["services"]])),
            )
        )
    return rows


def launch_market_graph(source, since: int | None = None, until: int | None = None) -> nx.DiGraph:
    """The launch market of the decades from ``since`` to ``until`` (years; a decade counts when its first
    year is in the range): an edge from the launching state to the customer state, ``weight`` the payloads
    launched, ``decades`` the decades (``|``-joined, for GraphML), nodes labelled, in sorted order."""
    graph = nx.DiGraph()
    for decade, provider, provider_label, customer, customer_label, services in sorted(launch_market_rows(source)):
        if (since is not None and decade + 9 < since) or (until is not None and decade > until):
            continue
        for node, label in ((provider, provider_label), (customer, customer_label)):
            graph.add_node(node, label=label, curie=curie(node))
        if graph.has_edge(provider, customer):
            edge = graph.edges[provider, customer]
            edge["weight"] += services
            edge["decades"] = "|".join(sorted(set(edge["decades"].split("|")) | {str(decade)}))
        else:
            graph.add_edge(provider, customer, weight=services, decades=str(decade))
    return graph
