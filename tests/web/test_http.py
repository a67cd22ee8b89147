"""``spacecoop serve`` over HTTP, as a browser, curl and a Linked Data client use it."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from spacecoop.store.querylib import list_queries, load_query
from spacecoop.web.app import runnable_text

pytestmark = pytest.mark.server

ESA = URIRef("https://w3id.org/spacecoop/id/org/esa")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def first_answer(url: str, accept: str | None):
    """The server's own answer to a request, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with opener.open(request, timeout=60) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def fetch(
    url: str, accept: str | None = None, method: str = "GET", data: bytes | None = None, content_type: str | None = None
):
    headers = {"Accept": accept} if accept else {}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, headers=headers, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_browser_gets_the_entity_page_with_its_timeline_and_sources(web_server):
    status, headers = first_answer(web_server.url + "/id/org/esa", BROWSER)
    assert status == 303 and headers["Location"] == "/id/org/esa.html" and headers["Vary"] == "Accept"
    status, headers, body = fetch(web_server.url + "/id/org/esa", BROWSER)
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>European Space Agency</h1>" in page
    assert 'id="cooperation"' in page and "<blockquote>" in page and "<svg" in page
    assert 'href="/id/org/npolo"' in page  # a partner links to its page


@pytest.mark.parametrize(
    "accept, media, fmt",
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
    ],
)
def test_accept_headers_get_rdf_of_the_entity(web_server, accept, media, fmt):
    suffix = {"turtle": "ttl", "nt": "nt", "json-ld": "jsonld"}[fmt]
    status, headers = first_answer(web_server.url + "/id/org/esa", accept)
    assert status == 303 and headers["Location"] == f"/id/org/esa.{suffix}" and 'rel="alternate"' in headers["Link"]
    status, headers, body = fetch(web_server.url + "/id/org/esa", accept)  # the redirect followed
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    graph = Graph().parse(data=body.decode(), format=fmt)
    assert (ESA, SKOS.prefLabel, Literal("European Space Agency", lang="en")) in graph


@pytest.mark.parametrize("suffix, fmt", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_suffixes_name_documents_whatever_the_accept_header(web_server, suffix, fmt):
    status, headers, body = fetch(f"{web_server.url}/id/org/esa.{suffix}", BROWSER)
    assert status == 200 and "Vary" not in headers
    assert (ESA, None, None) in Graph().parse(data=body.decode(), format=fmt)


def test_json_ld_embeds_its_context(web_server):
    _, _, body = fetch(web_server.url + "/id/org/esa.jsonld")
    document = json.loads(body)
    assert isinstance(document["@context"], dict) and document["@context"]["sco"].startswith("https://w3id.org/")


def test_the_description_holds_the_nodes_minted_under_the_iri(web_server):
    _, _, body = fetch(web_server.url + "/id/cooperation/lavochkin-esa-luna-glob-2017.nt")
    graph = Graph().parse(data=body.decode(), format="nt")
    agents = set(graph.objects(None, URIRef("https://w3id.org/spacecoop/ontology#agent")))
    assert ESA in agents and len(agents) >= 2


def test_an_unknown_iri_gets_a_helpful_404(web_server):
    status, headers, body = fetch(web_server.url + "/id/org/lavochkin", BROWSER)
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert "Did you mean" in body.decode() and 'href="/id/org/npolo"' in body.decode()
    assert fetch(web_server.url + "/id/org/nobody-at-all.ttl")[0] == 404
    assert fetch(web_server.url + "/not/a/path")[0] == 404


def test_an_accept_header_we_cannot_meet_gets_406_with_the_alternatives(web_server):
    status, headers, body = fetch(web_server.url + "/id/org/esa", "image/png")
    assert status == 406 and b"/id/org/esa.ttl" in body and 'rel="alternate"' in headers["Link"]


def test_search_finds_names_in_any_language(web_server):
    _, _, body = fetch(web_server.url + "/search?q=" + urllib.parse.quote("лавочкин"), BROWSER)
    assert 'href="/id/org/npolo"' in body.decode()
    _, _, body = fetch(web_server.url + "/search?q=luna-glob", BROWSER)
    assert 'href="/id/mission/luna-25"' in body.decode()


def test_the_ontology_page_and_its_rdf(web_server):
    status, _, body = fetch(web_server.url + "/ontology", BROWSER)
    assert status == 200 and 'id="Cooperation"' in body.decode()
    _, _, body = fetch(web_server.url + "/ontology", "text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    assert (URIRef("https://w3id.org/spacecoop/ontology#Cooperation"), None, None) in graph


@pytest.mark.parametrize("name", [n for n in list_queries() if "/" not in n])
def test_every_library_query_runs_on_the_endpoint_as_the_query_page_loads_it(web_server, name):
    text = runnable_text(load_query(name))
    status, headers, body = fetch(
        web_server.url + "/query",
        "application/sparql-results+json",
        "POST",
        urllib.parse.urlencode({"query": text}).encode(),
        "application/x-www-form-urlencoded",
    )
    assert status == 200, body[:300]
    assert "results" in json.loads(body) or "boolean" in json.loads(body)


def test_results_download_as_csv(web_server):
    text = runnable_text(load_query("partners"))
    status, headers, body = fetch(web_server.url + "/query?format=csv&query=" + urllib.parse.quote(text))
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and rows[0][0] == "org" and len(rows) > 1


def test_the_endpoint_is_read_only(web_server):
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    status, _, _ = fetch(web_server.url + "/query", None, "POST", update.encode(), "application/sparql-update")
    assert status in (400, 405)
    status, _, _ = fetch(
        web_server.url + "/query",
        None,
        "POST",
        urllib.parse.urlencode({"update": update}).encode(),
        "application/x-www-form-urlencoded",
    )
    assert status in (400, 405)
    ask = "ASK { <urn:x> <urn:y> <urn:z> }"
    _, _, body = fetch(web_server.url + "/query?query=" + urllib.parse.quote(ask))
    assert json.loads(body)["boolean"] is False
    assert fetch(web_server.url + "/id/org/esa", method="PUT", data=b"x")[0] == 405


def test_assets_are_served_and_nothing_outside_them(web_server):
    status, headers, body = fetch(web_server.url + "/assets/vendor/yasgui.min.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript") and len(body) > 100_000
    assert fetch(web_server.url + "/assets/%2e%2e/app.py")[0] == 404
    assert fetch(web_server.url + "/assets/../app.py")[0] == 404


def test_cors_only_when_asked(web_app):
    assert "Access-Control-Allow-Origin" not in web_app.respond("GET", "/id/org/esa", "", "text/turtle").headers
    web_app.cors = True
    try:
        assert web_app.respond("GET", "/id/org/esa", "", "text/turtle").headers["Access-Control-Allow-Origin"] == "*"
    finally:
        web_app.cors = False


@pytest.mark.parametrize("path", ["/id/org/esa", "/id/cooperation/lavochkin-esa-luna-glob-2017", "/id/mission/luna-25"])
def test_the_three_formats_hold_the_same_triples(web_server, path):
    from rdflib.compare import isomorphic

    graphs = [
        Graph().parse(data=fetch(f"{web_server.url}{path}.{suffix}")[2].decode(), format=fmt)
        for suffix, fmt in (("nt", "nt"), ("ttl", "turtle"), ("jsonld", "json-ld"))
    ]
    assert len(graphs[0]) > 3
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])
