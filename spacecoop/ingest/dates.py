"""Resolve the dates a news sentence speaks of against the article's publication date.

A weekday ("on Thursday") is the most recent such day on or before publication; "next year",
"last month", "in 2021", "in November 2017", "on 9 March" (the publication's year), "March 9, 2021",
"16-17 March" (its last day), "today", "yesterday" and ISO dates are understood. Each resolved date
carries its precision: ``day``, ``month`` or ``year`` (a month or year is written as its first day).

>>> from datetime import date
>>> [(m.text, m.date.isoformat(), m.precision) for m in resolve_dates(
...     "Lemeshevsky told Sputnik on Thursday that Luna-27 is planned for 2021 and talks start next year.",
...     date(2017, 6, 8))]
[('on Thursday', '2017-06-08', 'day'), ('for 2021', '2021-01-01', 'year'), ('next year', '2018-01-01', 'year')]
>>> [(m.text, m.date.isoformat()) for m in resolve_dates("signed on 9 March; said on Wednesday", date(2021, 3, 10))]
[('on 9 March', '2021-03-09'), ('on Wednesday', '2021-03-10')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacecoop.ingest.sentences import plain

__all__ = ["DateMention", "resolve_dates", "printed_date", "WEEKDAYS", "MONTHS"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("dotted", re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b")),
    (
        "day-month",
        re.compile(
            rf"(?<!\d)(?:on\s+)?(?:(?P<first>\d{{1,2}})\s*[-–]\s*)?(?P<day>\d{{1,2}})\s+{_MONTH}\b(?:,?\s+(?P<year>\d{{4}})\b)?"
        ),
    ),
    ("month-day", re.compile(rf"\b(?:on\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})\b(?!\d)(?:,?\s+(?P<year>\d{{4}})\b)?")),
    ("month-year", re.compile(rf"\b(?:in\s+)?{_MONTH}\s+(?P<year>\d{{4}})\b")),
    ("month", re.compile(rf"\bin\s+(?-i:{_MONTH})\b")),
    (
        "weekday",
        re.compile(
            r"\b(?:(?:on|last|this|earlier\s+on|late\s+on|early\s+on)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    ("relative-day", re.compile(r"\b(?P<rel>today|yesterday|tomorrow)\b")),
    ("relative", re.compile(r"\b(?P<which>next|last|this|previous|following)\s+(?P<unit>year|month)\b")),
    (
        "year",
        re.compile(
            r"\b(?:in\s+|by\s+|around\s+|for\s+)?(?P<year>(?:19[5-9]|20\d)\d)\b(?!\s*(?:grams|kg|km|tonnes|people|%))"
        ),
    ),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]`` of the sentence, resolved to ``date`` with a precision."""

    start: int
    end: int
    text: str
    date: date
    precision: str
    kind: str


def _month_number(name: str) -> int:
    return next(i for i, month in enumerate(MONTHS, start=1) if month.startswith(name.lower()[:3]))


def _resolve(kind: str, match: re.Match, published: date) -> tuple[date, str] | None:
    groups = match.groupdict()
    if kind in {"iso", "dotted"}:
        return date(int(groups["year"]), int(groups["month"]), int(groups["day"])), "day"
    if kind in {"day-month", "month-day"}:
        year = int(groups["year"]) if groups.get("year") else published.year
        return date(year, _month_number(groups["month"]), int(groups["day"])), "day"
    if kind == "month-year":
        return date(int(groups["year"]), _month_number(groups["month"]), 1), "month"
    if kind == "month":
        month = _month_number(groups["month"])
        year = published.year if month <= published.month else published.year - 1
        return date(year, month, 1), "month"
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(groups["weekday"].lower())) % 7
        return published - timedelta(days=back), "day"
    if kind == "relative-day":
        return published + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[groups["rel"].lower()]), "day"
    if kind == "relative":
        step = {"next": 1, "following": 1, "this": 0, "last": -1, "previous": -1}[groups["which"].lower()]
        if groups["unit"].lower() == "year":
            return date(published.year + step, 1, 1), "year"
        month_index = published.year * 12 + published.month - 1 + step
        return date(month_index // 12, month_index % 12 + 1, 1), "month"
    return date(int(groups["year"]), 1, 1), "year"


def resolve_dates(sentence: str, published: date) -> list[DateMention]:
    """The date expressions of ``sentence``, resolved against ``published``, in text order."""
    text, taken, found = plain(sentence), [], []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            try:
                resolved = _resolve(kind, match, published)
            except (ValueError, OverflowError):  # "31 February"; a weekday before date.min
                continue
            if resolved:
                taken.append((match.start(), match.end()))
                found.append(
                    DateMention(match.start(), match.end(), sentence[match.start() : match.end()], *resolved, kind)
                )
    return sorted(found, key=lambda mention: mention.start)


def printed_date(text: str, head: int = 300) -> date | None:
    """The first full date (day, month and year) printed in the first ``head`` characters, if any.

    >>> printed_date("20:06 GMT21 October 2020\\nListen Live")
    datetime.date(2020, 10, 21)
    >>> printed_date("13.07.2022\\nMOSCOW")
    datetime.date(2022, 7, 13)
    """
    for mention in resolve_dates(text[:head], date.min):
        if (
            mention.precision == "day"
            and mention.kind in {"iso", "dotted", "day-month", "month-day"}
            and mention.date.year > 1
        ):
            return mention.date
    return None
