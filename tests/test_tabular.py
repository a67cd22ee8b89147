"""Tests for spacecoop.importers.tabular: line-numbered rows, rejected rows reported, never a crash."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal

from spacecoop.errors import SpaceCoopError
from spacecoop.importers.tabular import CC_BY_4, Dataset, read_table
from spacecoop.namespaces import DCTERMS, ID

COLUMNS = ("JCAT", "Name", "State")


def write(tmp_path, text: bytes):
    path = tmp_path / "t.tsv"
    path.write_bytes(text)
    return path


def test_rows_keep_their_line_and_bad_rows_are_reported_with_file_and_line(tmp_path):
    path = write(
        tmp_path,
        b"#JCAT\tName\tState\n# Updated 2024 Jan 13\n"
        b"S00001\t Sputnik \tSU\n\nS00002\tshort\n\tno key\tUS\nS00003\tExplorer 1\tUS\r\n",
    )
    table = read_table(path, COLUMNS, key="JCAT")
    assert [(row.line, row["JCAT"], row["Name"]) for row in table.rows] == [
        (3, "S00001", "Sputnik"),
        (7, "S00003", "Explorer 1"),
    ]
    assert table.report.rows_read == 4 and table.report.kept == 2
    assert [(f.line, f.key) for f in table.report.rejected] == [(5, "S00002"), (6, "")]
    text = table.report.format()
    assert "t.tsv:5 S00002: 2 cells, expected 3" in text and "t.tsv:6 : no JCAT" in text


def test_warnings_are_reported_in_line_order_and_cut_after_the_first(tmp_path):
    table = read_table(write(tmp_path, b"JCAT\tName\tState\nS1\ta\tb\n"), COLUMNS, key="JCAT")
    for line in (9, 3, 5):
        table.report.warn(line, "S1", f"cell on {line}")
    assert table.report.format(first=2).splitlines()[1:] == [
        "  t.tsv:3 S1: cell on 3",
        "  t.tsv:5 S1: cell on 5",
        "  … and 1 more warnings",
    ]


@pytest.mark.parametrize(
    "content, line, message",
    [
        (b"JCAT\tName\n", 1, "header"),
        (b"#JCAT\tName\tState\nS1\t\xff\tUS\n", 2, "not UTF-8"),
    ],
)
def test_unreadable_tables_raise_with_file_and_line(tmp_path, content, line, message):
    path = write(tmp_path, content)
    with pytest.raises(SpaceCoopError, match=message) as caught:
        read_table(path, COLUMNS, key="JCAT", what="launch log")
    assert (caught.value.path, caught.value.line) == (str(path), line)


def test_missing_file_raises_naming_the_table(tmp_path):
    with pytest.raises(SpaceCoopError, match="cannot read the launch log"):
        read_table(tmp_path / "absent.tsv", COLUMNS, key="JCAT", what="launch log")


def test_dataset_node_carries_licence_attribution_and_snapshot():
    dataset = Dataset(
        ID.dataset["t"],
        "T",
        "what",
        "https://planet4589.org/space/gcat",
        "Data from GCAT",
        "J. McDowell",
        CC_BY_4,
        snapshot=Literal("2024-01-13", datatype=DCTERMS.W3CDTF),
    )
    g = Graph()
    dataset.describe(g)
    assert g.value(dataset.iri, DCTERMS.license) == CC_BY_4
    assert str(g.value(dataset.iri, DCTERMS.bibliographicCitation)) == "Data from GCAT"
    assert g.value(dataset.iri, DCTERMS.issued) is not None
