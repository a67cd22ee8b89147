"""``spacecoop site``: every page written, its RDF beside it, and no link in the whole site broken."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from rdflib import Graph, URIRef

from spacecoop.web.site import entity_iris


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src", "data-index"):
            if attributes.get(name):
                self.links.append(attributes[name])


def broken_links(root: Path) -> list[str]:
    """Every relative link of every HTML file under ``root`` whose file (or ``#anchor``) is missing."""
    pages: dict[Path, _Links] = {}
    for page in root.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[page.resolve()] = parser
    broken = []
    for page, parser in pages.items():
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            if link.startswith("/"):
                broken.append(f"{page.relative_to(root.resolve())}: root-absolute link {link}")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(root.resolve())}: {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{page.relative_to(root.resolve())}: no #{parts.fragment} in {link}")
    return broken


@pytest.fixture(scope="module")
def site(web_data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "spacecoop", "site", "--out", str(out), "--data", str(web_data), "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote" in done.stdout
    return out


def test_every_entity_has_a_page_and_its_rdf_beside_it(site, web_app):
    iris = entity_iris(web_app.source)
    assert len(iris) > 20
    for iri in iris:
        stem = site / iri.removeprefix("https://w3id.org/spacecoop/")
        assert stem.with_name(stem.name + ".html").is_file(), iri
        for suffix in ("ttl", "nt", "jsonld"):
            assert stem.with_name(f"{stem.name}.{suffix}").is_file(), (iri, suffix)
    graph = Graph().parse(site / "id" / "org" / "esa.ttl")
    assert (URIRef("https://w3id.org/spacecoop/id/org/esa"), None, None) in graph
    page = (site / "id" / "org" / "esa.html").read_text(encoding="utf-8")
    assert "<h1>European Space Agency</h1>" in page and "<blockquote>" in page


def test_no_link_in_the_static_site_is_broken(site):
    assert broken_links(site) == []


def test_the_broken_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html">b</a><a href="a.html#nowhere">x</a><a href="https://x.org/">out</a>'
    )
    assert broken_links(tmp_path) == ["a.html: b.html", "a.html: no #nowhere in a.html#nowhere"]


def test_the_static_search_index_and_query_page(site):
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert ["id/org/npolo.html", "NPO Lavochkin"] in [entry[:2] for entry in index]
    assert any("НПО им. Лавочкина" in entry[2] for entry in index)
    query = (site / "query.html").read_text(encoding="utf-8")
    assert 'id="partners"' in query and "yasgui" not in query  # the static page needs no endpoint


def test_a_failed_run_leaves_the_previous_site_whole(site, tmp_path):
    before = sorted(p.name for p in site.iterdir())
    done = subprocess.run(
        [sys.executable, "-m", "spacecoop", "site", "--out", str(site), "--data", str(tmp_path / "missing.nt"), "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert sorted(p.name for p in site.iterdir()) == before
