"""Propose new things where a pattern shows one: organisations, people with their posts, missions.

- an organisation: capitalised words ending in a head noun ("… Association", "… Space Agency",
  "… Laboratory"), a head noun with its "of …" ("Institute of Space Technology", "Space Research Institute
  of the Russian Academy of Sciences"), or a head noun first ("Agence …", "Agenzia …"), with an acronym in
  brackets if given; a name in apposition to "space agency", "company", "firm" ("the national space agency,
  SUPARCO", "the Japanese company ispace"); a lower-case brand opening a sentence ("ispace has …");
- a person with a post: "Name Surname, the director general of …" or "Roscosmos chief Name Surname";
- a mission designator: "Luna-29", "Gaindesat-1A", "HAKUTO-R Mission 1" in a sentence about missions or
  spacecraft.

Proposals never overlap a name the knowledge graph already knows; a proposal that begins with a known
organisation's name ("Lavochkin Research and Production Association") is that organisation.

>>> [(p.name, p.kind, p.klass, p.acronym) for p in propose_organisations(
...     "Senegal's agency, the Agence Sénégalaise d'Études Spatiales (ASES), and China's Deep Space Exploration Laboratory")]
[("Agence Sénégalaise d'Études Spatiales", 'org', 'SpaceAgency', 'ASES'), ('Deep Space Exploration Laboratory', 'org', 'ResearchInstitute', None)]
>>> [(p.name, p.post) for p in propose_people("Xu Yansong, the head of the Department, said that Roscosmos chief Dmitry Rogozin agreed.")]
[('Xu Yansong', 'head of the Department'), ('Dmitry Rogozin', 'chief')]
>>> [p.name for p in propose_people("during Chinese President Xi Jinping's visit")]
['Xi Jinping']
>>> [(p.name, p.klass, p.acronym) for p in propose_organisations(
...     "built by the Institute of Space Technology (IST) with Pakistan's national space agency, SUPARCO.")]
[('Institute of Space Technology', 'ResearchInstitute', 'IST'), ('SUPARCO', 'SpaceAgency', None)]
>>> [(p.name, p.klass) for p in propose_organisations("ispace has planned two more missions.")]
[('ispace', 'Company')]
>>> [(p.name, p.kind) for p in propose_designators("Luna-29 sample return mission is planned for 2024.")]
[('Luna-29', 'mission')]
>>> slug("Agence Sénégalaise d'Études Spatiales")
'agence-senegalaise-d-etudes-spatiales'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacecoop.ingest.dates import MONTHS
from spacecoop.ingest.gazetteer import fold
from spacecoop.ingest.sentences import plain

__all__ = ["Proposal", "propose_organisations", "propose_people", "propose_designators", "slug", "POST_WORDS"]

_HEADS = (
    r"Association|Agency|Administration|Corporation|Company|Institute|Institution|University|Laboratory|Lab|"
    r"Centre|Center|Organisation|Organization|Academy|Bureau|Society|Foundation|Consortium|Authority|Commission"
)
_CAP = r"[A-ZÀ-Ý][\w'-]*"
_ORG_EN = re.compile(rf"(?:{_CAP}\s+(?:(?:and|of|for|on)\s+(?=[A-Z]))?)+(?:{_HEADS})\b")
_ORG_HEAD_FIRST = re.compile(
    rf"\b(?:Agence|Agenzia|Agencia|Centro|Instituto|Institut|Centre)(?:\s+(?:{_CAP}|d'{_CAP}|de|du|des|la|le|et|per|di|del|della|y)(?=[\s,.;:)(]|$))+"
)
_ORG_OF = re.compile(
    rf"\b(?:{_CAP}\s+){{0,3}}(?:{_HEADS}|Ministry)\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+(?:(?:and|of|for|on|the)\s+)*{_CAP})*"
)
_APPOSED = re.compile(
    r"\b(?P<noun>(?:space\s+)?agency|administration|company|firm|start-?up|operator|institute|university)\s*,?\s+"
    r"(?P<name>[A-Z]{3,}(?![\w-])|[a-z]+[A-Z][A-Za-z]*\b|[a-z][a-z0-9]{3,}(?<!ed)\b(?=['’]s\b|\s*[,;:)]|\s*\.\s*$))"
)
_BRAND_OPENING = re.compile(
    r"^(?:[A-Z][A-Z .,/]+\s+[—–-]\s+)?(?P<name>[a-z][a-z0-9]{2,})(?=['’]s\b|\s+(?:has|have|had|is|was|"
    r"will|said|says|announced|plans|signed|launched|and)\b)"
)
_NOT_APPOSED = {
    "which",
    "that",
    "said",
    "says",
    "also",
    "itself",
    "announced",
    "signed",
    "plans",
    "will",
    "with",
    "from",
    "this",
    "their",
    "there",
    "then",
    "when",
    "where",
    "while",
    "would",
    "could",
    "should",
    "have",
    "were",
}
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,9})\)")
_LEADING = {"the", "a", "an", "at", "in", "on", "by", "with", "from", "and", "its", "their", "earlier", "later", "both"}
_TRAILING = {"de", "du", "des", "la", "le", "et", "per", "di", "del", "della", "y"}

POST_WORDS = (
    r"head|chief|director(?:[- ]general)?|president|administrator|minister|spokes(?:person|man|woman)|"
    r"engineer|chair(?:man|woman|person)?|secretary|manager|deputy|ambassador|officer|commander|"
    r"scientist|CEO|founder|designer|leader|official"
)
_NAME = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?){1,2}"
_PERSON_POST_AFTER = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?P<post>[^,;\"]{{2,140}}?)"
    r"(?=,|;|\.(?:\s|$)|\s+(?:said|says|told|noted|announced|added|stated|wrote)\b|$)"
)
_PERSON_POST_BEFORE = re.compile(
    rf"\b(?P<post>(?i:chief\s+engineer|director[- ]general|deputy\s+head|chief|head|president|administrator|director|minister|spokes(?:person|man|woman)|CEO))\s+(?P<name>{_NAME})\b"
)
_POST_WORD = re.compile(rf"\b(?:{POST_WORDS})\b", re.IGNORECASE)
_NOT_NAMES = {"the", "earlier", "later", "at", "in", "on", "after", "before", "according", "both", "moon", "mars"}

_DESIGNATOR = re.compile(r"\b(?P<name>[A-Z][A-Za-z]+(?:['-][A-Za-z]+)*)[- ](?P<number>\d{1,3}[A-Z]?)\b(?![-/.,]?\d)")
_NOT_DESIGNATORS = {
    *MONTHS,
    "su",
    "mig",
    "tu",
    "il",
    "an",
    "boeing",
    "airbus",
    "falcon",
    "soyuz",
    "proton",
    "long",
    "ariane",
    "vega",
    "angara",
    "atlas",
    "delta",
    "electron",
    "chapter",
    "article",
    "section",
    "covid",
    "page",
    "figure",
    "table",
    "resolution",
    "flight",
    "gate",
    "block",
    "group",
    "phase",
    "stage",
    "room",
}
_MISSION_CONTEXT = re.compile(r"mission|lander|orbiter|rover|probe|spacecraft|satellite|sample|module|launch", re.I)
_CRAFT_BEFORE = re.compile(r"(?:nano|micro|cube)?satellite,?\s*$|spacecraft,?\s*$|cubesat,?\s*$", re.I)


@dataclass(frozen=True)
class Proposal:
    """A new thing seen at ``sentence[start:end]``: its name, kind, class and what came with it."""

    start: int
    end: int
    name: str
    kind: str  # "org", "person", "mission", "spacecraft"
    klass: str  # the sco: class
    acronym: str | None = None
    post: str | None = None  # for people: the post as written
    post_start: int | None = None
    post_end: int | None = None
    confidence: float = 0.6


def slug(text: str) -> str:
    """A lowercase ASCII slug: accents folded, anything else a hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _org_class(name: str) -> str:
    folded = fold(name)
    if re.search(r"\b(?:agency|administration|agence|agenzia|agencia)\b", folded):
        return "SpaceAgency" if re.search(r"spa[cz]|spati|espac|aerospace|aeronaut", folded) else "GovernmentBody"
    if re.search(r"\b(?:association|corporation|company|consortium)\b", folded):
        return "Company"
    if re.search(
        r"\b(?:institute|institution|university|laboratory|lab|academy|centre|center|centro|instituto|institut)\b",
        folded,
    ):
        return "ResearchInstitute"
    return "Organisation"


def propose_organisations(sentence: str) -> list[Proposal]:
    """Organisations named in ``sentence`` by their form, whether known or not (offsets in the sentence)."""
    text, found = plain(sentence), []
    for pattern in (_ORG_OF, _ORG_EN, _ORG_HEAD_FIRST):
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            words = list(re.finditer(r"\S+", text[start:end]))
            while words and (fold(words[0].group()) in _LEADING or words[0].group().endswith("'s")):
                words.pop(0)
            while words and fold(words[-1].group()) in _TRAILING:
                words.pop()
            while words and words[-1].group().endswith("'s"):
                words.pop()
            if len(words) < 2 or any(start + words[0].start() < f.end and f.start < end for f in found):
                continue
            start, end = start + words[0].start(), start + words[-1].end()
            acronym = _ACRONYM.match(text, end)
            name = sentence[start:end]
            found.append(Proposal(start, end, name, "org", _org_class(name), acronym.group(1) if acronym else None))
    for match in [*_APPOSED.finditer(text), *_BRAND_OPENING.finditer(text)]:
        start, end = match.start("name"), match.end("name")
        if fold(match.group("name")) in _NOT_APPOSED or any(start < f.end and f.start < end for f in found):
            continue
        noun = match.groupdict().get("noun") or "company"
        klass = _org_class(noun) if "space" not in noun else "SpaceAgency"
        found.append(Proposal(start, end, sentence[start:end], "org", klass, confidence=0.5))
    return sorted(found, key=lambda p: p.start)


def _person(sentence: str, match: re.Match, post: str, post_start: int) -> Proposal:
    """The proposal of a person named by ``match`` (its group ``name``), holding ``post`` from ``post_start``."""
    start, end = match.start("name"), match.end("name")
    return Proposal(
        start,
        end,
        sentence[start:end],
        "person",
        "Person",
        post=post,
        post_start=post_start,
        post_end=post_start + len(post),
        confidence=0.7,
    )


def propose_people(sentence: str) -> list[Proposal]:
    """People named with a post in ``sentence``: "Name Surname, the head of …", "… chief Name Surname"."""
    text, found = plain(sentence), []
    for match in _overlapping(_PERSON_POST_AFTER, text):
        post = match.group("post").strip()
        if (
            not _POST_WORD.search(post)
            or fold(match.group("name").split()[0]) in _NOT_NAMES
            or any(p.start <= match.start("name") < p.end for p in found)
        ):
            continue
        found.append(
            _person(
                sentence, match, sentence[match.start("post") : match.start("post") + len(post)], match.start("post")
            )
        )
    for match in _PERSON_POST_BEFORE.finditer(text):
        if any(p.start == match.start("name") for p in found) or fold(match.group("name").split()[0]) in _NOT_NAMES:
            continue
        found.append(_person(sentence, match, match.group("post"), match.start("post")))
    return sorted((_without_possessive(p) for p in found), key=lambda p: p.start)


def _overlapping(pattern: re.Pattern, text: str):
    """Matches of ``pattern`` that may overlap: after each, the search resumes at the next word."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        yield match
        following = re.search(r"\s\S", text[match.start() :])
        if following is None:
            return
        position = match.start() + following.end() - 1


def _without_possessive(proposal: Proposal) -> Proposal:
    """ "Xi Jinping's" names Xi Jinping."""
    if not re.search(r"['’]s$", proposal.name):
        return proposal
    return replace(proposal, end=proposal.end - 2, name=proposal.name[:-2])


def propose_designators(sentence: str) -> list[Proposal]:
    """Mission or spacecraft designators ("Luna-29") in a sentence that speaks of missions or spacecraft."""
    text = plain(sentence)
    if not _MISSION_CONTEXT.search(text):
        return []
    found = []
    for match in _DESIGNATOR.finditer(text):
        if fold(match.group("name")) in _NOT_DESIGNATORS:
            continue
        start = match.start()
        owner = re.search(r"(?<![\w'-])([A-Z][\w-]*[A-Za-z0-9])\s+$", text[:start])
        if fold(match.group("name")) in {"mission", "flight"} and owner:
            start = owner.start(1)  # "HAKUTO-R Mission 1"
        kind = "spacecraft" if _CRAFT_BEFORE.search(text[:start]) else "mission"
        found.append(
            Proposal(
                start,
                match.end(),
                sentence[start : match.end()],
                kind,
                "Spacecraft" if kind == "spacecraft" else "Mission",
                confidence=0.5,
            )
        )
    return found
