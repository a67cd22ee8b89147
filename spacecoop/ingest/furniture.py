"""Find the article's body and leave out page furniture, so that furniture never becomes a claim.

Furniture is what a web page wraps around a story: timestamps and dateline headers, player and
share widgets ("Listen Live", "Get short URL"), counters, related-story links, tag lines,
"Community standards", copyright lines. The rules are general, not one page's:

- a line matching a widget phrase (:data:`FURNITURE_LINE`) is furniture;
- a headline-like line (Title Case, no sentence-final punctuation) is furniture;
- the remaining lines form paragraphs (a line continues the previous one when that one has no final
  punctuation and it starts in lower case: hard-wrapped text); a paragraph is body when it ends like a
  sentence and has at least four words;
- a dateline at the start of a body paragraph ("MOSCOW (Sputnik) — ") is cut off.

>>> text = "20:06 GMT21 October 2020\\nListen Live\\n  0 71\\n\\n  MOSCOW (Sputnik) — Xu said that talks began.\\n\\n  Pentagon Blues: US Worried by China's Growing Cooperation\\n  lunar program, China, Russia\\n"
>>> [text[s:e] for s, e in body_spans(text)]
['Xu said that talks began.']
"""

from __future__ import annotations

import re

__all__ = ["FURNITURE_LINE", "DATELINE", "body_spans"]

FURNITURE_LINE = re.compile(
    r"""^\s*(?:
        listen(?:\ live)? | get\ (?:the\ )?short\ url | share(?:\ this(?:\ article|\ story)?)?\b.* |
        follow\ us\b.* | subscribe\b.* | newsletter\b.* | get\ the\ app\b.* | sign\ up\b.* |
        tags?\s*:.* | topics?\s*:.* | related(?:\ stories|\ articles|\ news)?\s*:?.* | read\ (?:more|also)\b.* |
        more\ on\ this\ topic\b.* | see\ also\b.* | community\ standards.* | discussion.* |
        copyright\b.* | ©.* | all\ rights\ reserved.* | \d+\ comments? | comments?\b.* |
        advertisement | photo\s*:.* | image\s*:.* | video\s*:.* | [\d\s:./,|-]+ |
        (?:\d{1,2}:\d{2}\s*(?:GMT|UTC)?.*) | (?:updated|published)\s*:?.*\d.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A whole line that is a widget, a counter, a timestamp or a link list heading."""

DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*)(?:,\s*[A-Z][\w .]{0,30}?)?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s+"
)
"""A dateline opening a paragraph: a place in capitals, an optional place or date and agency, a dash."""

_FINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”]$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MINOR = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "over", "the", "to", "with", "vs"}


def _is_headline(line: str) -> bool:
    """A Title Case line without final punctuation: a link to another story."""
    words = [w for w in _WORD.findall(line) if w.lower() not in _MINOR]
    if len(words) < 3 or _FINAL.search(line):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _lines(text: str):
    """``(start, end)`` of each line's content, without the line break."""
    start = 0
    for match in re.finditer(r"\r\n|\r|\n", text):
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def body_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each body paragraph of ``text``, furniture and datelines left out."""
    paragraphs: list[list[int]] = []
    previous_open = False  # whether the previous kept line may continue on the next one
    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped or FURNITURE_LINE.match(line) or _is_headline(stripped):
            previous_open = False
            continue
        lead = start + len(line) - len(line.lstrip())
        tail = start + len(line.rstrip())
        if previous_open and stripped[0].islower():
            paragraphs[-1][1] = tail
        else:
            paragraphs.append([lead, tail])
        previous_open = not _FINAL.search(stripped)
    spans = []
    for start, end in paragraphs:
        paragraph = text[start:end]
        if not _FINAL.search(paragraph) or len(_WORD.findall(paragraph)) < 4:
            continue
        dateline = DATELINE.match(paragraph)
        if dateline and len(_WORD.findall(paragraph[dateline.end() :])) >= 4:
            start += dateline.end()
        spans.append((start, end))
    return spans
