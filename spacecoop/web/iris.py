"""Where an IRI lives: its path on the server and its files in the static site.

Every SpaceCoop IRI starts with ``https://w3id.org/spacecoop/``; the rest is its path here, so
``https://w3id.org/spacecoop/id/org/esa`` is served at ``/id/org/esa``. The ontology's terms
(``…/ontology#Cooperation``) all live on the one page ``/ontology``. Other IRIs (Wikidata, W3C
vocabularies) are not ours: pages link to them as they are.

>>> path_of("https://w3id.org/spacecoop/id/org/esa")
'/id/org/esa'
>>> path_of("https://w3id.org/spacecoop/ontology#Cooperation")
'/ontology#Cooperation'
>>> path_of("http://www.wikidata.org/entity/Q42") is None
True
>>> iri_of("/id/mission/luna-25")
'https://w3id.org/spacecoop/id/mission/luna-25'
>>> iri_of("/id/../etc/passwd") is None
True
>>> Links("/id/org/esa", static=True).href("/id/mission/luna-25")
'../../id/mission/luna-25.html'
>>> Links("/id/org/esa").href("/id/mission/luna-25", "ttl")
'/id/mission/luna-25.ttl'
"""

from __future__ import annotations

import re

__all__ = ["BASE", "path_of", "iri_of", "file_of", "href_of_iri", "Links"]

BASE = "https://w3id.org/spacecoop/"
_PAGE_PATH = re.compile(r"^/(?:ontology|(?:id|vocab)(?:/[A-Za-z0-9._~%-]+)+)$")


def path_of(iri: str) -> str | None:
    """The server path of one of our IRIs (with its ``#fragment``), or None for anyone else's."""
    if not iri.startswith(BASE):
        return None
    path, hash_, fragment = ("/" + iri[len(BASE) :]).partition("#")
    if not _PAGE_PATH.match(path) or ".." in path.split("/"):
        return None
    return path + hash_ + fragment


def iri_of(path: str) -> str | None:
    """The IRI a server path stands for, or None if the path is not one of an IRI."""
    if not _PAGE_PATH.match(path) or any(part in (".", "..") for part in path.split("/")):
        return None
    return BASE + path[1:]


def file_of(path: str, suffix: str = "html") -> str:
    """The static site's file (relative to its root) for a page path: ``/id/org/esa`` → ``id/org/esa.html``.

    >>> file_of("/"), file_of("/ontology", "ttl")
    ('index.html', 'ontology.ttl')
    """
    if path == "/":
        return "index." + suffix
    return f"{path[1:]}.{suffix}"


class Links:
    """How a page at ``page`` writes links: root paths on the server, relative ``.html`` files in the static site."""

    def __init__(self, page: str, static: bool = False):
        self.page = page
        self.static = static

    def href(self, path: str, suffix: str | None = None) -> str:
        """A link to the page at ``path`` (``#fragment`` kept), or to one of its ``suffix`` representations."""
        path, hash_, fragment = path.partition("#")
        if self.static:
            return self._up + file_of(path, suffix or "html") + hash_ + fragment
        return (path + (f".{suffix}" if suffix else "")) + hash_ + fragment

    def asset(self, name: str) -> str:
        """A link to one of the packaged assets (``style.css``, ``vendor/yasgui.min.js``)."""
        return self.href_file(f"assets/{name}")

    def href_file(self, name: str) -> str:
        """A link to a file at the site's root (``search.json``), whatever the page's depth."""
        return self._up + name if self.static else "/" + name

    @property
    def _up(self) -> str:
        """From this page's folder up to the site's root: ``../`` per level."""
        return "../" * file_of(self.page).count("/")


def href_of_iri(iri: str, links: Links) -> str:
    """Where a link to ``iri`` points: its page here if it is ours, else the IRI itself."""
    path = path_of(iri)
    return links.href(path) if path else iri
