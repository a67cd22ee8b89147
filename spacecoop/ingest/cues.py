"""Cooperation cues: find what a sentence says about cooperation, typed into our SKOS concepts.

The lexicon is data, ``cues.tsv`` next to this module: cue rows give a cooperation type, a status and a
modality; modifier rows ("not very likely", "will", "could", "not") adjust the status and modality of
the cue they qualify. A cue's *clause* is the stretch of its sentence between subordinating words
("because", "which", "while", "after"…) or semicolons: participants are looked for there.

>>> match = find_cue("At the moment, the cooperation with China on Luna-Glob is not very likely because we have a partner")
>>> match.cooptype, match.status, match.modality, match.text
('joint-mission', 'unlikely', 'unlikely', 'cooperation with')
>>> match.clause_end < len("At the moment, the cooperation with China on Luna-Glob is not very likely because")
True
>>> m = find_cue("China and Russia will cooperate closely on the station")
>>> m.cooptype, m.status, m.modality
('joint-mission', 'agreed', 'future')
>>> find_cue("Luna-29 sample return mission is planned for 2024.") is None
True
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacecoop.errors import SpaceCoopError
from spacecoop.ingest.sentences import plain

__all__ = ["CUES_FILE", "Cue", "CueMatch", "load_cues", "find_cue", "find_cues"]

CUES_FILE = Path(__file__).with_name("cues.tsv")
_CLAUSE_BREAK = re.compile(
    r"\b(?:because|since|although|though|whereas|while|which|after|before|so\s+that|unless)\b|;|\s[—–]\s|"
    r",\s+and\s+that\b"
)
_COORDINATION = re.compile(
    r",\s+(?:and|but)\s+(?=(?:\S+\s+){0,2}[A-Z])|,\s+(?=(?!(?:including|according|during|following|"
    r"concerning|regarding|something|nothing|anything|everything)\b)[a-z]+ing\b)"
)
_BEFORE_WINDOW = 40


@dataclass(frozen=True)
class Cue:
    """One row of the lexicon."""

    kind: str  # "cue" or "modifier"
    pattern: re.Pattern
    cooptype: str | None
    status: str | None
    modality: str | None
    confidence: float
    scope: str | None
    line: int


@dataclass(frozen=True)
class CueMatch:
    """A sentence's cue, with its type, status and modality after modifiers, and its clause."""

    start: int
    end: int
    text: str
    cooptype: str
    status: str
    modality: str
    confidence: float
    clause_start: int
    clause_end: int
    modifiers: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_cues(path: Path = CUES_FILE) -> tuple[Cue, ...]:
    """The rows of the cue lexicon at ``path``, in order; a bad row raises naming its line."""
    cues = []
    with open(path, encoding="utf-8", newline="") as stream:
        for number, row in enumerate(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 7 or row[0] not in {"cue", "modifier"}:
                raise SpaceCoopError(
                    "a cue row needs kind, pattern, cooptype, status, modality, confidence, scope",
                    path=str(path),
                    line=number,
                )
            kind, pattern, cooptype, status, modality, confidence, scope = row[:7]
            try:
                compiled = re.compile(pattern, re.IGNORECASE)
                weight = float(confidence)
            except (re.error, ValueError) as error:
                raise SpaceCoopError(f"bad cue row: {error}", path=str(path), line=number) from None
            cues.append(
                Cue(
                    kind,
                    compiled,
                    *(None if v == "-" else v for v in (cooptype, status, modality)),
                    weight,
                    None if scope == "-" else scope,
                    number,
                )
            )
    return tuple(cues)


def _clauses(text: str, cues: tuple[Cue, ...]) -> list[tuple[int, int]]:
    """The clauses of ``text``: split at subordinating words, and where ", and" (before a name), ", but" or
    ", carrying" join two parts that each hold a cue (two statements, not one statement listing parties)."""
    bounds, start = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    split = []
    for clause_start, clause_end in bounds:
        for match in _COORDINATION.finditer(text, clause_start, clause_end):
            if _has_cue(text, clause_start, match.start(), cues) and _has_cue(text, match.end(), clause_end, cues):
                split.append((clause_start, match.start()))
                clause_start = match.end()
        split.append((clause_start, clause_end))
    return split


def _has_cue(text: str, start: int, end: int, cues: tuple[Cue, ...]) -> bool:
    return any(c.kind == "cue" and c.pattern.search(text, start, end) for c in cues)


def find_cues(sentence: str, cues: tuple[Cue, ...] | None = None) -> list[CueMatch]:
    """One cue per clause of ``sentence`` that has one: the clause's first lexicon row that matches,
    adjusted by the modifiers in its scope.

    >>> [(m.cooptype, m.text) for m in find_cues("CNSA said the lander will carry an Italian instrument, "
    ...                                           "and that a payload from Pakistan will fly on the orbiter.")]
    [('payload-contribution', 'carry an Italian instrument'), ('payload-contribution', 'payload from Pakistan will fly')]
    >>> [(m.cooptype, m.text) for m in find_cues("The probe will carry a camera from Italy, "
    ...                                           "and ESA and JAXA have signed an agreement.")]
    [('payload-contribution', 'carry a camera'), ('agreement', 'signed')]
    """
    cues = cues if cues is not None else load_cues()
    text = plain(sentence)
    found = []
    for clause_start, clause_end in _clauses(text, cues):
        for cue in (c for c in cues if c.kind == "cue"):
            hit = cue.pattern.search(text, clause_start, clause_end)
            if hit:
                found.append(_adjusted(sentence, text, cue, hit, clause_start, clause_end, cues))
                break
    return found


def find_cue(sentence: str, cues: tuple[Cue, ...] | None = None) -> CueMatch | None:
    """The first cue found in ``sentence`` (see :func:`find_cues`), or ``None``."""
    found = find_cues(sentence, cues)
    return found[0] if found else None


def _adjusted(sentence, text, cue, found, clause_start, clause_end, cues) -> CueMatch:
    status, modality, confidence, applied = cue.status, cue.modality, cue.confidence, []
    for modifier in (c for c in cues if c.kind == "modifier"):
        if modifier.scope == "before":
            window = (max(clause_start, found.start() - _BEFORE_WINDOW), found.start())
        else:
            window = (clause_start, clause_end)
        hit = modifier.pattern.search(text, *window)
        if not hit:
            continue
        if modifier.status and (modifier.modality != "future" or status == "active"):
            status = modifier.status
        modality = modifier.modality or modality
        confidence *= modifier.confidence
        applied.append(hit.group())
    return CueMatch(
        found.start(),
        found.end(),
        sentence[found.start() : found.end()],
        cue.cooptype,
        status,
        modality,
        round(confidence, 3),
        clause_start,
        clause_end,
        tuple(applied),
    )
