"""Plans and milestones: when a mission is to launch, land or return samples, and when it did.

A *plan* is a milestone reported before it happened ("Luna-27 lander mission is planned for 2021",
"The launch is scheduled for 3 May", "which is supposed to launch in 2019"); a *milestone* is one the
article reports as done ("lifted off on Sunday", "brought back … in 2020"). The mission is the one named
nearest before the date, else the one the sentence names, else, for "the launch", "the lander", "the
probe", "it", the mission the article named last. The kind (``milestonekind:``) is read from the words
between the mission and the date; a plan with no such word is a launch only when the mission itself is
"planned for" the date. A bare month in a plan is the next such month ("planned for launch in July").

>>> from datetime import date
>>> from spacecoop.ingest.gazetteer import Entity, Mention
>>> luna = Entity("https://w3id.org/spacecoop/id/mission/luna-27", "Luna-27", "mission")
>>> text = "Luna-27 lander mission is planned for 2021."
>>> [(p.kind, p.date.date.isoformat(), p.date.precision, p.happened) for p in find_plans(
...     text, [Mention(0, 7, luna)], date(2017, 6, 8))]
[('launch', '2021-01-01', 'year', False)]
>>> text = "The plan includes the launch of lunar orbiter Luna-27 in 2020."
>>> [(p.kind, p.date.date.year) for p in find_plans(text, [Mention(46, 53, luna)], date(2017, 6, 8))]
[('launch', 2020)]
>>> text = "The lander lifted off on Sunday and is planned to touch down in July."
>>> [(p.kind, p.date.date.isoformat(), p.date.precision, p.happened) for p in find_plans(
...     text, [], date(2022, 12, 12), last_mission=luna)]
[('launch', '2022-12-11', 'day', True), ('landing', '2023-07-01', 'month', False)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacecoop.ingest.dates import DateMention, resolve_dates
from spacecoop.ingest.gazetteer import Entity, Mention
from spacecoop.ingest.sentences import plain

__all__ = ["PlanMention", "find_plans", "MILESTONE_KINDS"]

MILESTONE_KINDS = (
    ("landing", r"land(?:s|ed|ing)?|touch(?:es|ed)?\s+down|touchdown|soft[- ]landing"),
    (
        "sample-return",
        r"(?:return(?:s|ed)?|bring(?:s)?\s+back|brought\s+back)\s+(?:\S+\s+){0,4}?(?:samples?|soil|regolith)",
    ),
    ("lunar-orbit-insertion", r"enter(?:s|ed)?\s+(?:lunar\s+)?orbit|orbit\s+insertion"),
    ("end-of-mission", r"end\s+of\s+(?:the\s+)?mission"),
    ("launch", r"launch(?:es|ed|ing)?|lift(?:s|ed)?\s+off|lifted\s+off|blast(?:s|ed)?\s+off|liftoff|blastoff"),
)
"""Milestone kinds and the words that name them, most specific first."""

_KIND = [(kind, re.compile(rf"\b(?:{pattern})\b", re.I)) for kind, pattern in MILESTONE_KINDS]
_PLANNED = re.compile(
    r"\b(?:planned|scheduled|due|set|slated|expected|supposed|targeted|projected|intended)\s+"
    r"(?:for|to|in|at)\b|\b(?:will|plans?\s+to|aims?\s+to|is\s+to|are\s+to)\s+(?:\w+\s+)?"
    rf"(?:{MILESTONE_KINDS[-1][1]}|{MILESTONE_KINDS[0][1]})\b|\bthe\s+launch\s+of\b",
    re.I,
)
_PLANNED_FOR = re.compile(r"\b(?:is|are|was|were)\s+(?:planned|scheduled|due|slated|set|expected)\s+for\s+$", re.I)
_DONE = re.compile(
    r"\b(?:launched|lifted\s+off|blasted\s+off|landed|touched\s+down|brought\s+back|returned|"
    r"entered\s+(?:lunar\s+)?orbit)\b",
    re.I,
)
_BACK_REFERENCE = re.compile(
    r"^\s*(?:the\s+(?:launch|lander|landing|probe|mission|spacecraft|orbiter|rover|"
    r"craft)|it)\b",
    re.I,
)
_KIND_OF = re.compile(r"\b(?P<word>launch|landing|touchdown)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_DATED = {"iso", "dotted", "day-month", "month-day", "month-year", "month", "year", "relative", "weekday"}


@dataclass(frozen=True)
class PlanMention:
    """A planned (``happened`` false) or reported (true) milestone of ``mission`` in a sentence."""

    mission: Entity
    kind: str
    date: DateMention
    happened: bool


def _kind(text: str, start: int, end: int) -> str | None:
    """The milestone kind named in ``text[start:end]`` nearest its end."""
    found = [(m.end(), kind) for kind, pattern in _KIND for m in pattern.finditer(text, start, end)]
    return max(found)[1] if found else None


def _forward(mention: DateMention, published: date) -> DateMention:
    """A bare month in a plan: the next such month, not the last."""
    if mention.kind != "month" or mention.date >= date(published.year, published.month, 1):
        return mention
    if mention.date.year == date.max.year:  # an article dated 9999: no next year to move to
        return mention
    return DateMention(
        mention.start,
        mention.end,
        mention.text,
        mention.date.replace(year=mention.date.year + 1),
        mention.precision,
        mention.kind,
    )


def find_plans(
    sentence: str, mentions: list[Mention], published: date, last_mission: Entity | None = None
) -> list[PlanMention]:
    """Plans and milestones in ``sentence``; ``mentions`` have offsets in the sentence."""
    text = plain(sentence)
    missions = sorted((m for m in mentions if m.entity.kind == "mission"), key=lambda m: m.start)
    found: list[PlanMention] = []
    for mention in resolve_dates(sentence, published):
        if mention.kind not in _DATED:
            continue
        before = [m for m in missions if m.end <= mention.start]
        if before:
            mission, anchor = before[-1].entity, before[-1].end
            named_by = _KIND_OF.search(text, 0, before[-1].start)
        elif missions:
            mission, anchor, named_by = missions[0].entity, 0, None
        elif last_mission is not None and _BACK_REFERENCE.match(text):
            mission, anchor, named_by = last_mission, 0, None
        else:
            continue
        lead = re.match(r"(?:on|in|for|by|around|at)\s+", mention.text, re.I)
        between = text[anchor : mention.start + (lead.end() if lead else 0)]
        kind = _kind(text, anchor, mention.start) or (_kind(named_by.group("word"), 0, 20) if named_by else None)
        planned = _PLANNED.search(between) is not None
        done = _DONE.search(between) is not None and not planned and mention.date <= published
        if done and kind:
            found.append(PlanMention(mission, kind, mention, True))
            continue
        if mention.kind == "weekday" or not (planned or mention.date > published):
            continue
        if kind is None and _PLANNED_FOR.search(between):
            kind = "launch"
        if kind:
            found.append(PlanMention(mission, kind, _forward(mention, published), False))
    return found
