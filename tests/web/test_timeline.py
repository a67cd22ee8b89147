"""The timeline of an entity page shows report and publication dates at their precision."""

from __future__ import annotations

from rdflib import URIRef

from spacecoop.store.knowledge import KnowledgeStore
from spacecoop.web.entity import _timeline
from spacecoop.web.html import _event
from spacecoop.web.iris import Links
from spacecoop.web.source import LocalSource

GRAPH = """
@prefix sco: <https://w3id.org/spacecoop/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix precision: <https://w3id.org/spacecoop/vocab/precision/> .
@prefix id: <https://w3id.org/spacecoop/id/> .

id:country\\/ax a sco:Country ; skos:prefLabel "Aland"@en .
id:country\\/bb a sco:Country ; skos:prefLabel "Bland"@en .
id:cooperation\\/aa-signs a sco:Cooperation ; skos:prefLabel "Aland signs"@en ;
    sco:participation [ sco:agent id:country\\/ax ] , [ sco:agent id:country\\/bb ] ;
    sco:reportedOn "1969-01-01"^^xsd:date ; sco:reportedOnPrecision precision:year ;
    sco:evidence id:evidence\\/yearbook .
id:cooperation\\/aa-ratifies a sco:Cooperation ; skos:prefLabel "Aland ratifies"@en ;
    sco:participation [ sco:agent id:country\\/ax ] , [ sco:agent id:country\\/bb ] ;
    sco:reportedOn "1970-03-01"^^xsd:date ;
    sco:evidence id:evidence\\/yearbook .
id:evidence\\/yearbook a sco:Evidence ; oa:hasSource id:source\\/yearbook .
id:source\\/yearbook a sco:SourceDocument ;
    sco:publicationDate "1969-01-01"^^xsd:date ; sco:publicationDatePrecision precision:year .
"""


def test_a_report_known_to_the_year_shows_the_year(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    source = LocalSource(KnowledgeStore.from_files([path], "oxigraph"))
    events = _timeline(source, URIRef("https://w3id.org/spacecoop/id/country/ax"))
    assert [(e.label, str(e.reported), e.reported_precision) for e in events] == [
        ("Aland signs", "1969-01-01", "year"),
        ("Aland ratifies", "1970-03-01", "day"),
    ]
    signs, ratifies = (_event(e, Links("/id/country/ax")) for e in events)
    assert '<div class="when">1969</div>' in signs and "reported in 1969<" in signs and "</cite>, 1969</li>" in signs
    assert "1969-01-01" not in signs  # neither the report nor the source's date shows a placeholder day
    assert '<div class="when">1970-03-01</div>' in ratifies and "reported 1970-03-01<" in ratifies
