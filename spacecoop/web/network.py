"""The partner-network picture of an entity page: the entity in the middle, its partners around it.

An inline SVG, drawn here without a plotting library: partners on a circle in order of how many
cooperation events they share with the entity (the most first, from the top, clockwise), a line
from the centre to each (wider for more events), thin lines between partners that took part in the
same event. Each partner is a link to its page.

>>> from rdflib import URIRef
>>> from spacecoop.web.entity import Value
>>> from spacecoop.web.iris import Links
>>> esa, nasa = URIRef("https://w3id.org/spacecoop/id/org/esa"), URIRef("https://w3id.org/spacecoop/id/org/nasa")
>>> svg = partner_svg(esa, "ESA", [(Value(nasa, "NASA"), 3)], [], Links("/id/org/esa"))
>>> svg.startswith("<svg") and 'href="/id/org/nasa"' in svg and svg.count("<line") == 1
True
"""

from __future__ import annotations

import math
from html import escape

from spacecoop.web.iris import Links, href_of_iri

__all__ = ["partner_svg"]

WIDTH, HEIGHT = 660, 400
RADIUS_X, RADIUS_Y = 170, 150


def _short(label: str, width: int = 22) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def partner_svg(center, center_label: str, partners, links_between, links: Links) -> str:
    """The SVG text for ``center`` and ``partners`` (``(Value, events shared)``, most first) and the
    ``links_between`` partners (``(iri, iri, events)``)."""
    middle, centre_y = WIDTH / 2, HEIGHT / 2
    places = {}
    for index, (partner, _) in enumerate(partners):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(partners), 1)
        places[partner.term] = (middle + RADIUS_X * math.cos(angle), centre_y + RADIUS_Y * math.sin(angle))
    most = max((n for _, n in partners), default=1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="Partners of {escape(center_label, quote=True)}">'
    ]
    for first, second, _ in links_between:
        (x1, y1), (x2, y2) = places[first], places[second]
        parts.append(f'<line class="between" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"/>')
    for partner, shared in partners:
        x, y = places[partner.term]
        width = 1 + 5 * shared / most
        parts.append(
            f'<line class="spoke" x1="{middle:.1f}" y1="{centre_y:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke-width="{width:.1f}"><title>{shared} event{"s" if shared != 1 else ""}</title></line>'
        )
    for partner, shared in partners:
        x, y = places[partner.term]
        anchor = "start" if x > middle + 1 else ("end" if x < middle - 1 else "middle")
        dx = 8 if anchor == "start" else (-8 if anchor == "end" else 0)
        dy = -9 if (anchor == "middle" and y < centre_y) else (16 if anchor == "middle" else 4)
        label = escape(partner.label, quote=True)
        parts.append(
            f'<a href="{escape(href_of_iri(str(partner.term), links), quote=True)}">'
            f'<circle class="partner" cx="{x:.1f}" cy="{y:.1f}" r="6"><title>{label}: {shared}</title></circle>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{escape(_short(partner.label))}</text></a>'
        )
    parts.append(
        f'<circle class="center" cx="{middle}" cy="{centre_y}" r="10"/>'
        f'<text class="center" x="{middle}" y="{centre_y + 26}" text-anchor="middle">'
        f"{escape(_short(center_label, 30))}</text></svg>"
    )
    return "".join(parts)
