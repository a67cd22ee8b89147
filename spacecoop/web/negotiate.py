"""Which representation a request asks for: by a suffix (``/id/org/esa.ttl``) or by its ``Accept`` header.

A suffix names a document and wins over ``Accept``; without one, the media types of ``Accept`` are
weighed by their ``q`` and the best one we can write is chosen. A browser's header (``text/html`` first)
gets HTML, and so does ``*/*`` (curl's default) or no header at all.

>>> choose("text/turtle")
'ttl'
>>> choose("application/ld+json;q=0.9, text/turtle;q=0.5")
'jsonld'
>>> choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
'html'
>>> choose("image/png") is None
True
>>> split_suffix("/id/org/esa.nt")
('/id/org/esa', 'nt')
>>> split_suffix("/id/org/esa")
('/id/org/esa', None)
"""

from __future__ import annotations

__all__ = ["MEDIA_TYPES", "ACCEPTED", "choose", "split_suffix"]

#: Each representation's suffix and the media type it is sent with.
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
}

#: Media types a client may ask for, and the representation each gets (in our order of preference).
ACCEPTED = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "text/plain": "nt",
}


def _weighted(accept: str):
    for position, item in enumerate(accept.split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            yield media.lower(), quality, position


def choose(accept: str | None) -> str | None:
    """The representation (``html``, ``ttl``, ``nt``, ``jsonld``) that best fits ``accept``; None if none fits."""
    if not accept or not accept.strip():
        return "html"
    best = None
    for media, quality, position in _weighted(accept):
        if quality <= 0:
            continue
        if media in ("*/*", "text/*"):
            kind = "html"
        else:
            kind = ACCEPTED.get(media)
        if kind is None:
            continue
        # higher q first; among equals, an explicit type before a wildcard, then the client's order
        rank = (quality, media not in ("*/*", "text/*"), -position)
        if best is None or rank > best[0]:
            best = (rank, kind)
    return best[1] if best else None


def split_suffix(path: str) -> tuple[str, str | None]:
    """A path without its representation suffix, and the suffix (None if it has none we know)."""
    stem, dot, suffix = path.rpartition(".")
    if dot and suffix in MEDIA_TYPES and "/" not in suffix:
        return stem, suffix
    return path, None
