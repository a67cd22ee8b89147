"""What each request gets: routing, content negotiation and the pages, with no socket in sight.

:class:`WebApp` turns a request (method, path, query string, ``Accept``) into a :class:`Response`.
The server (:mod:`spacecoop.web.server`) only carries bytes; the static site
(:mod:`spacecoop.web.site`) asks the same methods for its files.

How an IRI answers (docs/web.md): ``/id/org/esa`` names an organisation, not a document, so it
answers 303 See Other to the document its ``Accept`` header prefers (``/id/org/esa.html`` for a
browser, ``*/*`` or none; ``/id/org/esa.ttl`` for ``text/turtle``…), with ``Vary: Accept`` and ``Link``
headers to all four; the documents answer 200. An unknown IRI gets 404 with a page that suggests
names; an ``Accept`` we cannot meet gets 406 listing what we can.

>>> from spacecoop.io.paths import ONTOLOGY_DIR
>>> from spacecoop.store.knowledge import KnowledgeStore
>>> from spacecoop.web.source import LocalSource
>>> app = WebApp(LocalSource(KnowledgeStore.from_files([ONTOLOGY_DIR / "vocab" / "statuses.ttl"], "oxigraph")))
>>> answer = app.respond("GET", "/vocab/status/agreed", "", "text/turtle")
>>> answer.status, answer.headers["Location"], answer.headers["Vary"]
(303, '/vocab/status/agreed.ttl', 'Accept')
>>> app.respond("GET", "/vocab/status/agreed.ttl", "", None).status
200
>>> app.respond("GET", "/id/org/nobody", "", "text/html").status
404
>>> app.respond("GET", "/vocab/status/agreed", "", "image/png").status
406
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qs

from rdflib import Literal, URIRef

from spacecoop.errors import SpaceCoopError
from spacecoop.store.querylib import bind_params, list_queries
from spacecoop.store.inject import inject_values
from spacecoop.web import html
from spacecoop.web.describe import serialise
from spacecoop.web.entity import labels_of, library_query, local_name, read_entity
from spacecoop.web.iris import BASE, Links, iri_of
from spacecoop.web.negotiate import MEDIA_TYPES, choose, split_suffix
from spacecoop.web.ontology import ONTOLOGY_IRI, ontology_page, ontology_triples
from spacecoop.web.source import RESULT_FORMATS

__all__ = ["Response", "WebApp", "ASSET_TYPES", "runnable_text", "SEARCH_QUERY"]

ASSET_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}
_RDF_NAMES = {"ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD"}

SEARCH_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?name ?type WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel }
  ?s ?p ?name .
  FILTER(CONTAINS(LCASE(STR(?name)), LCASE(STR(?q))))
  OPTIONAL { ?s a ?type }
} LIMIT 2000"""

_KNOWN = "SELECT ?p WHERE { { ?e ?p ?o } UNION { ?s ?p ?e } } LIMIT 1"
_INDEX_COUNTS = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?class FILTER(STRSTARTS(STR(?class), "https://w3id.org/spacecoop/ontology#")) } GROUP BY ?class ORDER BY DESC(?n)"""
_INDEX_STARTS = """PREFIX sco: <https://w3id.org/spacecoop/ontology#>
SELECT ?a (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a sco:Cooperation ; sco:participation/sco:agent ?a }
GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 16"""


@dataclass
class Response:
    """An answer: status, headers (``Content-Type`` included) and body."""

    status: int
    body: bytes
    headers: dict = field(default_factory=dict)


def runnable_text(spec) -> str:
    """A library query ready to run: the values of its ``#+ example:`` line bound as a ``VALUES`` block,
    so that the query page's editor runs it as it loads (the user changes the values).

    >>> from spacecoop.store.querylib import parse_query
    >>> spec = parse_query("#+ param: org — o (IRI)\\n#+ example: spacecoop query x --param org=scorg:esa\\n"
    ...                    "SELECT ?p WHERE { ?org ?p ?o }")
    >>> runnable_text(spec).splitlines()[-1]
    'SELECT ?p WHERE { VALUES ?org { <https://w3id.org/spacecoop/id/org/esa> }  ?org ?p ?o }'
    """
    values = {}
    for example in spec.examples:
        words = example.split()
        for flag, value in zip(words, words[1:]):
            if flag == "--param" and "=" in value:
                name, _, given = value.partition("=")
                values[name] = given
    bindings = bind_params(spec, {k: v for k, v in values.items() if k in spec.params})
    return inject_values(spec.text, bindings) if bindings else spec.text


@lru_cache(maxsize=None)
def _asset(name: str) -> bytes | None:
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    target = resources.files("spacecoop.web").joinpath("assets", *parts)
    return target.read_bytes() if target.is_file() else None


class WebApp:
    """The pages and the RDF of one graph source (:mod:`spacecoop.web.source`)."""

    def __init__(self, source, *, cors: bool = False, ontology=None):
        self.source = source
        self.cors = cors
        self._ontology = ontology

    @property
    def ontology(self):
        """The source of ``/ontology``: the ontology and vocabularies this package ships (whatever graph
        is served, the reference describes the terms this code knows), read on first use."""
        if self._ontology is None:
            from spacecoop.io.read import load_ontology
            from spacecoop.store.knowledge import KnowledgeStore
            from spacecoop.web.source import LocalSource

            self._ontology = LocalSource(KnowledgeStore.from_graph(load_ontology(), "oxigraph"))
        return self._ontology

    # ---- the library ----
    @staticmethod
    @lru_cache(maxsize=1)
    def library():
        """Every query of the library (not the rules or checks), read once."""
        return tuple(library_query(name) for name in list_queries() if "/" not in name)

    def warm_up(self) -> None:
        """Read what every page needs once (the library queries), so the first visitor does not wait."""
        self.library()
        _ = self.ontology  # reading the cached property loads it

    # ---- pages as text (the static site uses these too) ----
    def entity_html(self, iri: str, links: Links, own: list | None = None) -> str | None:
        entity = read_entity(self.source, iri, own)
        if entity is None:
            return None
        path = links.page
        formats = {_RDF_NAMES[f]: (MEDIA_TYPES[f].split(";")[0], links.href(path, f)) for f in _RDF_NAMES}
        return html.entity_page(entity, links, formats)

    def rdf_text(self, iri: str, fmt: str, own: list | None = None) -> str | None:
        if own is None:
            own = ontology_triples(self.ontology) if iri == ONTOLOGY_IRI else self.source.describe(iri)
        return serialise(own, fmt) if own else None

    def ontology_html(self, links: Links) -> str:
        formats = {_RDF_NAMES[f]: (MEDIA_TYPES[f].split(";")[0], links.href("/ontology", f)) for f in _RDF_NAMES}
        return ontology_page(self.ontology, links, formats)

    def index_html(self, links: Links) -> str:
        counts_rows = self.source.select(_INDEX_COUNTS).rows
        starts = self.source.select(_INDEX_STARTS).rows
        labels = labels_of(self.source, {c for c, _ in counts_rows} | {a for a, _ in starts})
        counts = [(c, labels[c], int(n)) for c, n in counts_rows]
        return html.index_page(counts, links, [(a, labels[a]) for a, _ in starts])

    def query_html(self, links: Links, endpoint: str | None) -> str:
        return html.query_page([(spec, runnable_text(spec)) for spec in self.library()], links, endpoint)

    def search(self, text: str, limit: int = 100) -> list[tuple]:
        """Entities whose names (``skos:prefLabel``, ``skos:altLabel``, any language) contain ``text``,
        case-insensitively: exact names first, then names that start with it, then the rest."""
        text = text.strip()
        if not text:
            return []
        rows = self.source.select(SEARCH_QUERY, {"q": Literal(text)}).rows
        folded = text.casefold()
        best: dict = {}
        types: dict = {}
        for subject, name, kind in rows:
            rank = (
                0 if str(name).casefold() == folded else 1 if str(name).casefold().startswith(folded) else 2,
                len(str(name)),
            )
            if subject not in best or rank < best[subject][0]:
                best[subject] = (rank, name)
            if kind is not None and str(kind).startswith(BASE):
                types.setdefault(subject, set()).add(kind)
        chosen = sorted(best, key=lambda s: (best[s][0], str(s)))[:limit]
        kinds = {s: min(types.get(s, ()), default=None, key=str) for s in chosen}
        labels = labels_of(self.source, set(chosen) | {k for k in kinds.values() if k is not None})
        return [
            (s, labels[s], str(best[s][1]), best[s][1].language or "", labels[kinds[s]] if kinds[s] is not None else "")
            for s in chosen
        ]

    # ---- requests ----
    def respond(
        self, method: str, path: str, query: str, accept: str | None, body: bytes = b"", content_type: str = ""
    ) -> Response:
        """The answer to one request (``GET``/``HEAD``; ``POST`` for SPARQL queries only)."""
        try:
            answer = self._route(method, path, query, accept, body, content_type)
        except SpaceCoopError as error:
            answer = self._html(
                400, html.error_page(400, error.message if hasattr(error, "message") else str(error), Links(path))
            )
        if self.cors:
            answer.headers["Access-Control-Allow-Origin"] = "*"
        if method == "HEAD":
            answer.headers["Content-Length"] = str(len(answer.body))
            answer.body = b""
        return answer

    def _route(self, method, path, query, accept, body, content_type) -> Response:
        if method not in ("GET", "HEAD", "POST"):
            return Response(
                405,
                b"only GET, HEAD and POST (for SPARQL queries)\n",
                {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD, POST"},
            )
        params = parse_qs(query, keep_blank_values=True)
        if method == "POST":
            if path != "/query":
                return Response(
                    405,
                    b"POST is for SPARQL queries at /query\n",
                    {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD"},
                )
            if content_type.startswith("application/sparql-query"):
                params["query"] = [body.decode("utf-8", "replace")]
            elif content_type.startswith("application/x-www-form-urlencoded"):
                params.update(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
            if "query" not in params:
                return Response(
                    400,
                    b"this endpoint is read-only: it answers SPARQL queries (query=...) and refuses updates\n",
                    {"Content-Type": "text/plain; charset=utf-8"},
                )
        if path == "/":
            return self._html(200, self.index_html(Links("/")))
        if path.startswith("/assets/"):
            return self._asset(path[len("/assets/") :])
        if path == "/search":
            text = params.get("q", [""])[0]
            return self._html(200, html.search_page(text, self.search(text), Links("/search")))
        if path == "/query":
            if "query" in params:
                return self._sparql(params["query"][0], params.get("format", [""])[0], accept)
            return self._html(200, self.query_html(Links("/query"), "/query"))
        return self._resource(path, accept)

    def _resource(self, raw_path: str, accept: str | None) -> Response:
        path, suffix = split_suffix(raw_path)
        iri = iri_of(path)
        if iri is None and suffix == "html":
            path, suffix = raw_path, None
            iri = iri_of(path)
        if iri is None:
            return self._not_found(raw_path)
        return self._negotiated(path, iri, suffix, accept)

    def _negotiated(self, path: str, iri: str, suffix: str | None, accept: str | None) -> Response:
        fmt = suffix or choose(accept)
        alternates = ", ".join(
            f'<{path}.{f}>; rel="alternate"; type="{MEDIA_TYPES[f].split(";")[0]}"' for f in MEDIA_TYPES
        )
        if fmt is None:
            listing = "".join(f"{MEDIA_TYPES[f].split(';')[0]}: {path}.{f}\n" for f in MEDIA_TYPES)
            return Response(
                406,
                f"none of the accepted types is served here; available:\n{listing}".encode(),
                {"Content-Type": "text/plain; charset=utf-8", "Link": alternates, "Vary": "Accept"},
            )
        if suffix is None and iri != ONTOLOGY_IRI and not self.source.select(_KNOWN, {"e": URIRef(iri)}).rows:
            return self._not_found(path)
        if suffix is None:  # the IRI names a thing, not a document: see the document that describes it
            return Response(
                303,
                f"See {path}.{fmt}\n".encode(),
                {
                    "Location": f"{path}.{fmt}",
                    "Vary": "Accept",
                    "Link": alternates,
                    "Content-Type": "text/plain; charset=utf-8",
                },
            )
        if fmt == "html":
            links = Links(path)
            text = self.ontology_html(links) if iri == ONTOLOGY_IRI else self.entity_html(iri, links)
        else:
            text = self.rdf_text(iri, fmt)
        if text is None:
            return self._not_found(path + (f".{suffix}" if suffix else ""))
        return Response(200, text.encode("utf-8"), {"Content-Type": MEDIA_TYPES[fmt], "Link": alternates})

    def _html(self, status: int, text: str, headers: dict | None = None) -> Response:
        return Response(status, text.encode("utf-8"), {"Content-Type": MEDIA_TYPES["html"], **(headers or {})})

    def _asset(self, name: str) -> Response:
        data = _asset(name)
        if data is None:
            return self._not_found("/assets/" + name)
        kind = ASSET_TYPES.get(posixpath.splitext(name)[1], "application/octet-stream")
        return Response(200, data, {"Content-Type": kind, "Cache-Control": "max-age=86400"})

    def _not_found(self, path: str) -> Response:
        words = local_name(path).replace("-", " ").split(".")[0]
        suggestions = [(s, label) for s, label, *_ in self.search(words, limit=8)] if words else []
        return self._html(404, html.not_found_page(path, suggestions, Links("/search")))

    def _sparql(self, text: str, fmt: str, accept: str | None) -> Response:
        if not fmt:
            accepted = (accept or "").lower()
            fmt = next((name for name, media in RESULT_FORMATS.items() if media.split(";")[0] in accepted), "json")
        data, media = self.source.sparql(text, fmt)
        headers = {"Content-Type": media}
        if fmt in ("csv", "tsv") and media == RESULT_FORMATS[fmt]:
            headers["Content-Disposition"] = f'attachment; filename="results.{fmt}"'
        return Response(200, data, headers)
