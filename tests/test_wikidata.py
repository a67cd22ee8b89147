"""Links to Wikidata (spacecoop/importers/wikidata.py): regenerated as committed, every link on a node we have,
each QID from one of the two checked tables."""

from rdflib import URIRef
from rdflib.namespace import SKOS

from spacecoop.importers.wikidata import DEFAULT_OUT, checked_rows, wikidata_graph, wikidata_links
from spacecoop.io.write import to_turtle
from spacecoop.namespaces import ID, WD


def test_the_committed_links_are_what_the_importer_writes():
    assert DEFAULT_OUT.read_text(encoding="utf-8") == to_turtle(wikidata_graph())


def test_every_country_of_the_owid_table_is_linked_or_left_out_for_a_reason():
    links, excluded = wikidata_links()
    countries = {iri for iri in links if iri.startswith(str(ID.country))}
    assert len(countries) >= 248
    assert links[str(ID.country["fr"])] == "Q142"
    assert [row.iri for row in excluded] == [str(ID.country["aq"])]  # the Antarctic Treaty area, not Antarctica


def test_every_hand_checked_row_names_its_page_and_label():
    rows = checked_rows()
    assert rows and all(row.source.startswith("https://") and row.label for row in rows)


def test_every_linked_node_is_in_the_graph_with_an_english_label(built):
    graph = built.graph
    links, _excluded = wikidata_links()
    unlabelled = [
        iri for iri in links if not any(label.language == "en" for label in graph.objects(URIRef(iri), SKOS.prefLabel))
    ]
    assert unlabelled == []
    assert all((URIRef(iri), SKOS.exactMatch, WD[qid]) in graph for iri, qid in links.items())
