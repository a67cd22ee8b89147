"""Links to Wikidata (spacecoop/importers/wikidata.py): regenerated as committed, every link on a node we have,
each QID from one of the checked tables; close links only where there is no exact one."""

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from spacecoop.errors import SpaceCoopError
from spacecoop.importers.wikidata import (
    CLOSE_TABLE,
    DEFAULT_OUT,
    checked_rows,
    close_links,
    wikidata_graph,
    wikidata_links,
)
from spacecoop.io.write import to_turtle
from spacecoop.namespaces import ID, RDF, SCO, WD


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


def test_a_close_link_goes_where_wikidata_holds_our_node_in_another_item():
    exact, _excluded = wikidata_links()
    close = close_links(exact=exact)
    assert close[str(ID.country["bumm"])] == exact[str(ID.country["mm"])] == "Q836"  # Burma in Myanmar's item
    assert not set(close) & set(exact)
    assert all(row.source.startswith("https://") and row.label for row in checked_rows(CLOSE_TABLE))


def test_every_country_has_an_exact_or_a_close_link(built):
    exact, _excluded = wikidata_links()
    linked = set(exact) | set(close_links(exact=exact))
    countries = {str(s) for s in built.graph.subjects(RDF.type, SCO.Country)}
    assert countries and countries <= linked


def test_a_close_row_for_a_node_with_an_exact_link_is_refused_with_its_line(tmp_path):
    table = tmp_path / "close.tsv"
    header = next(line for line in CLOSE_TABLE.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    row = "country:fr\tQ142\tFrance\thttps://example.org/page\ta note"
    table.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(SpaceCoopError) as raised:
        close_links(table)
    assert "country/fr has an exact link (Q142)" in str(raised.value) and raised.value.line == 2
