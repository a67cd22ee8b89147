"""SpaceCoop on the web: every IRI answers with a page for people and RDF for machines.

The modules, one job each:

- :mod:`~spacecoop.web.iris` — which path of the server (or file of the static site) an IRI lives at;
- :mod:`~spacecoop.web.negotiate` — which representation a request asks for (``Accept`` or a suffix);
- :mod:`~spacecoop.web.source` — the graph the pages read: an in-memory Oxigraph store or a SPARQL endpoint;
- :mod:`~spacecoop.web.describe` — an entity's own triples as Turtle, N-Triples or JSON-LD;
- :mod:`~spacecoop.web.entity` — what an entity page shows, read from the graph per request;
- :mod:`~spacecoop.web.network` — the partner-network picture (inline SVG);
- :mod:`~spacecoop.web.html` — the pages themselves (entity, search, query, ontology, not found);
- :mod:`~spacecoop.web.server` — ``spacecoop serve``: one small threaded HTTP server;
- :mod:`~spacecoop.web.site` — ``spacecoop site``: the same pages as static files.

docs/web.md says how the IRIs answer (200 with ``Content-Location``, ``Vary: Accept``).
"""
