"""An entity's description as RDF: Turtle, N-Triples, or JSON-LD with its context embedded.

The description is what :meth:`~spacecoop.web.source.LocalSource.describe` returns: the entity's own
triples and those of the nodes it owns. The writers are those of every output (:mod:`spacecoop.io.write`):
Oxigraph's for Turtle (with our prefixes) and N-Triples (lines sorted); JSON-LD flat, with
``ontology/context.jsonld`` embedded whole, so any JSON-LD processor reads it offline and gets exactly the
triples of the other two formats.

>>> import json
>>> from rdflib import Literal, URIRef
>>> from rdflib.namespace import SKOS
>>> esa = URIRef("https://w3id.org/spacecoop/id/org/esa")
>>> print(serialise([(esa, SKOS.prefLabel, Literal("European Space Agency", lang="en"))], "nt"), end="")
<https://w3id.org/spacecoop/id/org/esa> <http://www.w3.org/2004/02/skos/core#prefLabel> "European Space Agency"@en .
>>> document = json.loads(serialise([(esa, SKOS.prefLabel, Literal("ESA", lang="en"))], "jsonld"))
>>> document["@context"]["scorg"], document["@graph"]
('https://w3id.org/spacecoop/id/org/', [{'@id': 'scorg:esa', 'skos:prefLabel': [{'@language': 'en', '@value': 'ESA'}]}])
"""

from __future__ import annotations

from spacecoop.io.write import to_jsonld, to_ntriples, turtle_from_ntriples

__all__ = ["serialise"]


def serialise(triples, fmt: str) -> str:
    """``triples`` (rdflib terms) as ``ttl``, ``nt`` or ``jsonld`` (context embedded); the same triples
    give the same text."""
    if fmt == "jsonld":
        return to_jsonld(triples)
    if fmt == "nt":
        return to_ntriples(triples)
    if fmt == "ttl":
        return turtle_from_ntriples(to_ntriples(triples).encode("utf-8")).decode("utf-8")
    raise ValueError(f"unknown RDF format {fmt!r}")
