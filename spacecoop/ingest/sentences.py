"""Split article text into sentences that keep their character offsets.

A sentence's ``text`` is always ``article_text[start:end]``: offsets are Python ``str`` indices.

>>> text = 'Xu said on Wednesday that talks began. "We are ready," Lemeshevsky said. Mr. Li agreed.'
>>> [s.text for s in split_sentences(text, [(0, len(text))])]
['Xu said on Wednesday that talks began.', '"We are ready," Lemeshevsky said.', 'Mr. Li agreed.']
>>> s = split_sentences(text, [(0, len(text))])[1]
>>> text[s.start:s.end] == s.text, s.index
(True, 1)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences", "plain"]

# A full stop, question or exclamation mark, then closing quotes or brackets, then a space and a
# capital, a digit or an opening quote: a sentence boundary (unless an abbreviation ends there).
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9À-Ý])")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "no",
    "vs",
    "approx",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "u.n",
    "fig",
    "est",
}


_PLAIN = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\t": " ",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
    }
)


def plain(text: str) -> str:
    """``text`` with typographic spaces, apostrophes, quotes and hyphens made plain, one character for one.

    Patterns match the plain text; offsets stay those of the original.

    >>> plain("Chang’e-4 in\u00a0talks")
    "Chang'e-4 in talks"
    """
    return text.translate(_PLAIN)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: its position among the sentences, and ``text == article[start:end]``."""

    index: int
    start: int
    end: int
    text: str


_LONGEST_WORD = 64


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial ("Mr.", "U.S.", "J.")."""
    if text[dot] != ".":
        return False
    # the word before the dot, looked for in the few characters before it (not text[:dot], which would
    # make splitting an article quadratic in its length); a longer word is no abbreviation either way
    word = re.search(r"([A-Za-z.]+)$", text[max(0, dot - _LONGEST_WORD) : dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and word.group(1)[-1].isupper())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    """The sentences of ``text`` inside ``spans`` (body paragraphs as ``(start, end)``), numbered from 0."""
    sentences: list[Sentence] = []
    for span_start, span_end in spans:
        start = span_start
        for match in _BOUNDARY.finditer(text, span_start, span_end):
            if _is_abbreviation(text, match.start()):
                continue
            s, e = _trimmed(text, start, match.end())
            if e > s:
                sentences.append(Sentence(len(sentences), s, e, text[s:e]))
            start = match.end()
        s, e = _trimmed(text, start, span_end)
        if e > s:
            sentences.append(Sentence(len(sentences), s, e, text[s:e]))
    return sentences
