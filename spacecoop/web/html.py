"""The pages, as HTML text: an entity, search results, the query page, the ontology, not found, the home page.

Every function takes what to show and a :class:`~spacecoop.web.iris.Links` that says how links are
written (server paths or relative static files), and returns a whole HTML document. Every piece of
text from the graph goes through :func:`esc`.

>>> from spacecoop.web.iris import Links
>>> from rdflib import URIRef, Literal
>>> term(URIRef("https://w3id.org/spacecoop/id/org/esa"), "ESA", Links("/id/org/nasa"))
'<a href="/id/org/esa">ESA</a>'
>>> term(Literal("<b>", lang="en"), "<b>", Links("/"))
'&lt;b&gt; <span class="lang">en</span>'
"""

from __future__ import annotations

from html import escape

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from spacecoop.web.iris import Links, href_of_iri, path_of
from spacecoop.web.network import partner_svg

__all__ = [
    "esc",
    "term",
    "page",
    "entity_page",
    "not_found_page",
    "search_page",
    "static_search_page",
    "results_table",
    "query_page",
    "index_page",
    "error_page",
]


def esc(text) -> str:
    """Text made safe for HTML (quotes too)."""
    return escape(str(text), quote=True)


def term(value, label: str, links: Links) -> str:
    """A term as HTML: a link for an IRI (to its page here, or out), text with its language for a literal."""
    if isinstance(value, URIRef):
        ours = path_of(str(value)) is not None
        attributes = "" if ours else ' class="external" rel="noopener"'
        return f'<a href="{esc(href_of_iri(str(value), links))}"{attributes}>{esc(label)}</a>'
    if isinstance(value, Literal):
        if value.datatype == XSD.anyURI:
            return f'<a href="{esc(value)}" class="external" rel="noopener">{esc(value)}</a>'
        text = esc(label)
        return f'{text} <span class="lang">{esc(value.language)}</span>' if value.language else text
    return esc(label)


def _date(value, precision: str = "day") -> str:
    """A date as precise as it is known: ``2013`` for a year, ``2013-05`` for a month."""
    if value is None:
        return ""
    text = str(value)
    return {"year": text[:4], "month": text[:7]}.get(precision, text)


def page(
    title: str, body: str, links: Links, *, head: str = "", alternates: dict | None = None, query: str = ""
) -> str:
    """A whole document: header with the search box and the site's links, ``body``, footer."""
    alternate = "".join(
        f'<link rel="alternate" type="{esc(media)}" href="{esc(href)}">' for media, href in (alternates or {}).items()
    )
    search_action = links.href_file("search.html") if links.static else "/search"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · SpaceCoop</title>
<link rel="stylesheet" href="{esc(links.asset("style.css"))}">{alternate}{head}
</head><body>
<header><a class="home" href="{esc(links.href_file("index.html") if links.static else "/")}">SpaceCoop</a>
<nav><a href="{esc(links.href("/ontology"))}">Ontology</a>
<a href="{esc(_query_href(links))}">Query</a></nav>
<form class="search" action="{esc(search_action)}" method="get" role="search">
<input type="search" name="q" value="{esc(query)}" placeholder="Search names in any language" aria-label="Search">
<button type="submit">Search</button></form></header>
<main>
{body}
</main>
<footer>SpaceCoop — an open knowledge graph of international space cooperation. Data: CC BY 4.0.</footer>
</body></html>
"""


def _query_href(links: Links) -> str:
    return links.href_file("query.html") if links.static else "/query"


def _values(values, links: Links) -> str:
    return ", ".join(term(v.term, v.label, links) for v in values)


def _facts_table(facts, links: Links, css: str = "facts") -> str:
    if not facts:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{term(f.prop, f.label, links)}</th><td>{_values(f.values, links)}'
        + (f' <span class="more">… {f.total - len(f.values)} more</span>' if f.total > len(f.values) else "")
        + "</td></tr>"
        for f in facts
    )
    return f'<table class="{css}">{rows}</table>'


def _event(event, links: Links) -> str:
    when = _date(event.start, event.start_precision) or _date(event.reported, event.reported_precision)
    span = when + (f" – {_date(event.end, event.end_precision)}" if event.end is not None else "")
    badges = "".join(
        f'<span class="badge {name}">{term(v.term, v.label, links)}</span>'
        for name, v in (("type", event.type), ("status", event.status), ("modality", event.modality))
        if v is not None
    )
    people = "".join(
        f"<li>{term(a.term, a.label, links)}"
        + (f' <span class="role">({term(r.term, r.label, links)})</span>' if r.label else "")
        + "</li>"
        for a, r in event.participants
    )
    about = f'<p class="concerns">About: {_values(event.concerns, links)}</p>' if event.concerns else ""
    reason = f'<p class="reason">Why: {esc(event.reason)}</p>' if event.reason else ""
    conflict = (
        f'<p class="conflict" title="Other sources report this differently">⚠ Sources disagree: see '
        f"{_values(event.conflicts, links)}</p>"
        if event.conflicts
        else ""
    )
    sources = []
    for item in event.evidence:
        quote = f"<blockquote>{esc(item['quote'])}</blockquote>" if item["quote"] else ""
        title = item["title"] or (item["url"] or "source")
        cite = term(item["source"], title, links) if item["source"] is not None else esc(title)
        by = f" — {term(item['publisher'].term, item['publisher'].label, links)}" if item["publisher"] else ""
        published = (
            f", {esc(_date(item['published'], item.get('published_precision', 'day')))}"
            if item["published"] is not None
            else ""
        )
        url = f' <a class="external" rel="noopener" href="{esc(item["url"])}">[web]</a>' if item["url"] else ""
        sources.append(f"<li>{quote}<cite>{cite}</cite>{by}{published}{url}</li>")
    reported = (
        f'<span class="reported">reported {"in " if event.reported_precision != "day" else ""}'
        f"{esc(_date(event.reported, event.reported_precision))}</span>"
        if event.reported is not None
        else ""
    )
    return (
        f'<li class="event{" has-conflict" if event.conflicts else ""}"><div class="when">{esc(span)}</div>'
        f'<div class="what"><h3>{term(event.iri, event.label, links)}</h3><div class="badges">{badges}{reported}</div>'
        f'<ul class="participants">{people}</ul>{about}{reason}{conflict}'
        f"<details open><summary>{len(event.evidence)} source{'s' if len(event.evidence) != 1 else ''}</summary>"
        f'<ul class="sources">{"".join(sources)}</ul></details></div></li>'
    )


def results_table(results, labels: dict, links: Links) -> str:
    """Rows of a SELECT as a table, IRIs linked to their pages."""
    head = "".join(f"<th>{esc(v)}</th>" for v in results.variables)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{term(cell, labels.get(cell, str(cell)) if isinstance(cell, URIRef) else str(cell), links)}</td>"
            if cell is not None
            else "<td></td>"
            for cell in row
        )
        + "</tr>"
        for row in results.rows
    )
    return f'<table class="results"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def entity_page(entity, links: Links, formats: dict) -> str:
    """The page of one entity; ``formats`` maps a media type to the link of that representation."""
    names = "".join(f"<li>{term(n, str(n), links)}</li>" for n in entity.names)
    types = _values(entity.types, links)
    country = f'<p class="country">Country: {_values(entity.country, links)}</p>' if entity.country else ""
    parts = [
        f'<h1>{esc(entity.label)}</h1><p class="iri"><code>{esc(entity.iri)}</code> · {types}</p>{country}',
        '<p class="formats">As data: '
        + " · ".join(
            f'<a href="{esc(href)}" type="{esc(media)}">{esc(name)}</a>' for name, (media, href) in formats.items()
        )
        + "</p>",
    ]
    if names:
        parts.append(f'<section><h2>Names</h2><ul class="names">{names}</ul></section>')
    if entity.lineage:
        parts.append(f"<section><h2>Lineage</h2>{_facts_table(entity.lineage, links)}</section>")
    if entity.identifiers:
        parts.append(f"<section><h2>Identifiers</h2>{_facts_table(entity.identifiers, links)}</section>")
    if entity.timeline:
        picture = ""
        if entity.partners:
            picture = (
                f'<figure class="network">{partner_svg(entity.iri, entity.label, entity.partners, entity.partner_links, links)}'
                f"<figcaption>Partners in the cooperation below; line width: events shared.</figcaption></figure>"
            )
        events = "".join(_event(e, links) for e in entity.timeline)
        parts.append(
            f'<section id="cooperation"><h2>Cooperation ({len(entity.timeline)})</h2>{picture}'
            f'<ol class="timeline">{events}</ol></section>'
        )
    for spec, param, results, labels in entity.sections:
        run = f"{_query_href(links)}#{spec.name}"
        parts.append(
            f'<section class="library"><h2>{esc(spec.summary)}</h2>{results_table(results, labels, links)}'
            f'<p class="small">From the library query <a href="{esc(run)}"><code>{esc(spec.name)}</code></a> '
            f"with <code>{esc(param)}</code> = this entity.</p></section>"
        )
    if entity.facts:
        parts.append(f"<section><h2>Statements</h2>{_facts_table(entity.facts, links)}</section>")
    if entity.inbound:
        parts.append(
            f"<section><h2>Referred to by</h2>{_facts_table(entity.inbound, links, 'facts inbound')}</section>"
        )
    alternates = {media: href for _, (media, href) in formats.items()}
    return page(entity.label, "\n".join(parts), links, alternates=alternates)


def not_found_page(path: str, suggestions, links: Links) -> str:
    """The 404 page: what was asked for, and names that look like it."""
    hint = ""
    if suggestions:
        hint = (
            "<p>Did you mean:</p><ul>"
            + "".join(f"<li>{term(iri, label, links)}</li>" for iri, label in suggestions)
            + "</ul>"
        )
    body = (
        f"<h1>Not found</h1><p>The graph has nothing at <code>{esc(path)}</code>.</p>{hint}"
        '<p>Search for a name with the box above, browse the <a href="'
        + esc(links.href("/ontology"))
        + '">ontology</a>, or ask the graph on the <a href="'
        + esc(_query_href(links))
        + '">query page</a>.</p>'
    )
    return page("Not found", body, links)


def error_page(status: int, message: str, links: Links) -> str:
    """A page for a request we cannot answer (a bad query, an unsupported representation)."""
    return page(f"Error {status}", f"<h1>Error {status}</h1><p>{esc(message)}</p>", links)


def search_page(query: str, hits, links: Links) -> str:
    """Search results: each hit's label, the name that matched, its type."""
    if not query:
        body = "<h1>Search</h1><p>Type a name (any language, any part of it) in the box above.</p>"
    elif not hits:
        body = f"<h1>Search</h1><p>No name contains <q>{esc(query)}</q>.</p>"
    else:
        items = "".join(
            f"<li>{term(iri, label, links)}"
            + (
                f' <span class="matched">({esc(matched)}{" " + esc(lang) if lang else ""})</span>'
                if matched != label
                else ""
            )
            + (f' <span class="type">{esc(kind)}</span>' if kind else "")
            + "</li>"
            for iri, label, matched, lang, kind in hits
        )
        body = f'<h1>Search</h1><p>{len(hits)} name{"s" if len(hits) != 1 else ""} contain <q>{esc(query)}</q>:</p><ol class="hits">{items}</ol>'
    return page(f"Search: {query}" if query else "Search", body, links, query=query)


def static_search_page(links: Links) -> str:
    """The static site's search page: ``search.js`` matches the query against ``search.json``."""
    body = (
        f'<h1>Search</h1><ol class="hits" id="hits" data-index="{esc(links.href_file("search.json"))}"></ol>'
        f'<script src="{esc(links.asset("search.js"))}"></script>'
    )
    return page("Search", body, links)


def index_page(counts, links: Links, examples) -> str:
    """The home page: what the graph holds, and a few entities to start from."""
    rows = "".join(f"<tr><td>{term(cls, label, links)}</td><td>{n}</td></tr>" for cls, label, n in counts)
    starts = "".join(f"<li>{term(iri, label, links)}</li>" for iri, label in examples)
    body = (
        "<h1>SpaceCoop</h1><p>Who works with whom in space, on what, since when — and says who. "
        "Every entity has a page; every page has its data as Turtle, N-Triples and JSON-LD.</p>"
        f'<section><h2>Start from</h2><ul class="starts">{starts}</ul></section>'
        f'<section><h2>What the graph holds</h2><table class="facts">{rows}</table></section>'
    )
    return page("SpaceCoop", body, links)


def query_page(specs, links: Links, endpoint: str | None) -> str:
    """The query page: YASGUI on the server's SPARQL endpoint, every library query a click away.

    ``specs`` are pairs of a library query and its text ready to run (its example's values bound).

    ``endpoint`` is None in the static site: the queries are listed with their text, to paste into a store.
    """
    items = []
    for spec, text in specs:
        params = "".join(f"<li><code>?{esc(name)}</code> ({esc(kind)})</li>" for name, kind in spec.params.items())
        params = f'<ul class="params">{params}</ul>' if params else ""
        items.append(
            f'<li class="library-query" id="{esc(spec.name)}"><button type="button" class="load" data-name="{esc(spec.name)}">'
            f"{esc(spec.name)}</button> {esc(spec.summary)}{params}"
            f'<pre class="query-text" hidden>{esc(text)}</pre></li>'
        )
    if endpoint is None:
        head = ""
        editor = (
            "<p>This is a static copy: run these queries with <code>spacecoop query NAME</code>, or on "
            "<code>spacecoop serve</code>'s query page, or paste them into any SPARQL store.</p>"
            '<pre id="shown-query"></pre>'
        )
        script = f'<script src="{esc(links.asset("query-static.js"))}"></script>'
    else:
        head = f'<link rel="stylesheet" href="{esc(links.asset("vendor/yasgui.min.css"))}">'
        editor = (
            f'<div id="yasgui" data-endpoint="{esc(endpoint)}"></div>'
            f'<p class="downloads">Download the results: <a id="download-csv" href="#">CSV</a> · '
            f'<a id="download-json" href="#">JSON</a></p>'
        )
        script = (
            f'<script src="{esc(links.asset("vendor/yasgui.min.js"))}"></script>'
            f'<script src="{esc(links.asset("query.js"))}"></script>'
        )
    body = (
        f"<h1>Query</h1>{editor}<section><h2>The library ({len(specs)} queries)</h2>"
        f'<p class="small">A click loads a query; set its parameters in the <code>VALUES</code> line it gets.</p>'
        f'<ol class="library">{"".join(items)}</ol></section>{script}'
    )
    return page("Query", body, links, head=head)
