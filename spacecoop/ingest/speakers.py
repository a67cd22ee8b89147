"""Who says a sentence, and when: "X said on Wednesday", "said X", "according to X", "the head of … noted".

The speaker is a person or organisation named just before a speech verb (possibly with an appositive
between: "Xu Yansong, the head of …, said"), a person just after it, or, for "the head of the company
noted" and "he said", the person the article named last (who holds a post there). The day of speaking
is a date right after the verb ("told Sputnik on Thursday").

>>> from datetime import date
>>> from rdflib import Graph
>>> from spacecoop.ingest.gazetteer import Gazetteer
>>> from spacecoop.ingest.mentions import sentence_mentions
>>> from spacecoop.ingest.sentences import Sentence
>>> text = "Xu Yansong, the head of the department, said on Wednesday that talks began."
>>> discourse = Discourse(Gazetteer.from_graph(Graph()), text)
>>> sentence = Sentence(0, 0, len(text), text)
>>> found, _ = sentence_mentions(discourse, sentence)
>>> speaker, _, when = find_speaker(discourse, sentence, found, date(2017, 6, 8))
>>> speaker.label, when.date
('Xu Yansong', datetime.date(2017, 6, 7))
"""

from __future__ import annotations

import re
from datetime import date

from spacecoop.ingest.dates import DateMention, resolve_dates
from spacecoop.ingest.discourse import Discourse
from spacecoop.ingest.gazetteer import Entity, Mention
from spacecoop.ingest.sentences import Sentence, plain

__all__ = ["find_speaker"]

_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|noted|notes|announced|announces|added|adds|stated|states|wrote|"
    r"writes|explained|confirmed|confirms|declared|remarked)\b"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+$", re.I)
_SPEAKER_GAP = re.compile(r"\)?\s*(?:has|have|had)?\s*|\)?\s*,[^,]{1,160},\s*")
_HEAD_OF = re.compile(r"\b(?:head|chief|director(?:[- ]general)?|president|administrator|spokes\w+)\s+of\s+$", re.I)
_POST_SUBJECT = re.compile(
    r"^\s*(?:the\s+)?(?:head|chief|director(?:[- ]general)?|president|administrator|spokes\w+|"
    r"official|minister)\b[^,]{0,80}$|^\s*(?:he|she)\s*$",
    re.I,
)


def find_speaker(
    discourse: Discourse, sentence: Sentence, mentions: list[Mention], published: date
) -> tuple[Entity | None, list[Mention], DateMention | None]:
    """Who says the sentence, the mentions that name them, and when they said it."""
    text = plain(sentence.text)
    base = sentence.start
    local = [(m.start - base, m.end - base, m) for m in mentions]
    for start, _end, mention in local:
        if mention.entity.kind in {"org", "person"} and _ACCORDING.search(text[:start]):
            return mention.entity, [mention], None
    for verb in _SPEECH.finditer(text):
        before = [(s, e, m) for s, e, m in local if e <= verb.start() and m.entity.kind in {"person", "org"}]
        speaker = None
        for s, e, mention in reversed(before):
            if _SPEAKER_GAP.fullmatch(text, e, verb.start()):
                named = [m for _, e2, m in before if m.entity == mention.entity and 0 <= s - e2 <= 3]
                speaker = (mention.entity, [mention, *named])
                if mention.entity.kind == "org" and _HEAD_OF.search(text[:s]):
                    holders = [p for p in discourse.people if discourse.org_of(p) == mention.entity] or discourse.people
                    speaker = (holders[-1], [mention]) if holders else speaker
                break
        if speaker is None:
            after = next(
                (
                    (s, e, m)
                    for s, e, m in local
                    if s >= verb.end() and m.entity.kind == "person" and re.fullmatch(r"\s*", text[verb.end() : s])
                ),
                None,
            )
            if after:
                speaker = (after[2].entity, [after[2]])
        if speaker is None and discourse.people and _POST_SUBJECT.match(text[: verb.start()].split(",")[-1]):
            subject = [m for s, e, m in local if e <= verb.start()]
            speaker = (discourse.people[-1], subject)
        if speaker is None:
            continue
        dates = [
            d
            for d in resolve_dates(text[verb.end() : verb.end() + 40], published)
            if d.kind in {"weekday", "relative-day", "day-month", "month-day", "iso"} and d.start <= 12
        ]
        stated_on = None
        if dates:
            d = dates[0]
            stated_on = DateMention(d.start + verb.end(), d.end + verb.end(), d.text, d.date, d.precision, d.kind)
        return speaker[0], speaker[1], stated_on
    return None, [], None
