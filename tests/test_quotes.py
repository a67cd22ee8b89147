"""Quotes in graph/ keep the characters of the page they were read on.

A quote (``oa:exact`` of an evidence node's selector) that went through a wrong decoding carries the
replacement character U+FFFD where a letter was (``Topol\ufffdnek`` for ``Topolánek``): it is then no longer the
page's text. No curated quote may hold it.
"""

from pathlib import Path

from rdflib import Graph, URIRef

GRAPH = Path(__file__).resolve().parents[1] / "graph"
GENERATED = {"gcat", "countries", "identities"}
EXACT = URIRef("http://www.w3.org/ns/oa#exact")
REPLACEMENT = "\ufffd"


def curated_files() -> list[Path]:
    return sorted(path for path in GRAPH.rglob("*.ttl") if path.relative_to(GRAPH).parts[0] not in GENERATED)


def quotes_with_replacement_character(path: Path) -> list[str]:
    graph = Graph().parse(path, format="turtle")
    return [str(quote) for quote in graph.objects(None, EXACT) if REPLACEMENT in str(quote)]


def test_no_quote_holds_the_replacement_character():
    broken = {
        str(path.relative_to(GRAPH)): found
        for path in curated_files()
        if (found := quotes_with_replacement_character(path))
    }
    assert not broken, broken


def test_no_file_of_graph_holds_the_replacement_character():
    files = [path for path in GRAPH.rglob("*.ttl") if REPLACEMENT in path.read_text(encoding="utf-8")]
    assert not files, [str(path.relative_to(GRAPH)) for path in files]


def test_a_broken_quote_is_found(tmp_path):
    sample = tmp_path / "sources.ttl"
    sample.write_text(
        "@prefix oa: <http://www.w3.org/ns/oa#> .\n"
        '<https://example.org/e> oa:hasSelector [ oa:exact "Mirek Topol\ufffdnek" ] .\n',
        encoding="utf-8",
    )
    assert quotes_with_replacement_character(sample) == ["Mirek Topol\ufffdnek"]
