"""Similarity claims: a sentence says missions are alike ("were quite similar to", "the backup of").

The missions named before the cue in its clause are one group, those named after it (in the same clause)
the other.

>>> from spacecoop.ingest.gazetteer import Entity, Mention
>>> def mission(name, start):
...     return Mention(start, start + len(name), Entity(f"https://w3id.org/spacecoop/id/mission/{name.lower()}", name, "mission"))
>>> text = "Chang'e-6, the backup of the Chang'e-5 mission, is to collect samples."
>>> [([m.label for m in s.first], [m.label for m in s.second])
...  for s in find_similarities(text, [mission("Chang'e-6", 0), mission("Chang'e-5", 29)])]
[(["Chang'e-6"], ["Chang'e-5"])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacecoop.ingest.gazetteer import Entity, Mention
from spacecoop.ingest.sentences import plain

__all__ = ["SimilarityMention", "find_similarities"]

_LIKE = re.compile(
    r"\b(?:(?:is|are|was|were|be)\s+(?:\w+\s+)?(?:similar|identical|alike|comparable|akin)\s+to|"
    r"(?:the\s+|a\s+)?(?:backup|back-up|twin|copy|clone|sister\s+(?:mission|craft|probe|ship))\s+(?:of|to)|"
    r"(?:is|are|was|were)\s+(?:based|modelled|modeled)\s+on|derived\s+from)\b",
    re.I,
)
_BREAK = re.compile(r"\b(?:because|since|although|though|whereas|while|after|before)\b|;|\.\s")


@dataclass(frozen=True)
class SimilarityMention:
    """Two groups of missions a sentence says are alike."""

    first: tuple[Entity, ...]
    second: tuple[Entity, ...]


def _group(mentions: list[Mention]) -> tuple[Entity, ...]:
    return tuple({m.entity.iri: m.entity for m in mentions}.values())


def find_similarities(sentence: str, mentions: list[Mention]) -> list[SimilarityMention]:
    """Similarities in ``sentence``; ``mentions`` have offsets in the sentence."""
    text = plain(sentence)
    missions = [m for m in sorted(mentions, key=lambda m: m.start) if m.entity.kind == "mission"]
    found = []
    for cue in _LIKE.finditer(text):
        breaks_before = [b.end() for b in _BREAK.finditer(text, 0, cue.start())]
        after_break = next((b.start() for b in _BREAK.finditer(text, cue.end())), len(text))
        first = _group([m for m in missions if (breaks_before[-1] if breaks_before else 0) <= m.start < cue.start()])
        second = _group([m for m in missions if cue.end() <= m.start < after_break])
        if first and second and not set(e.iri for e in first) & set(e.iri for e in second):
            found.append(SimilarityMention(first, second))
    return found
