"""From article text to candidate claims: who cooperates with whom, how, said by whom, and where.

For each body sentence: link known names and propose new things; resolve "the firm", "the Russian
company", "we" (in a quote: the speaker's organisation) to organisations met before; find the speaker
("X said", "said X", "according to X", "the head of … noted") and when they spoke; find the cooperation
cue and its clause; take the parties named in that clause (not the speaker, not the organisation in a
speaker's post, not a country whose organisation is already a party). When a clause names only one
party, the other is the speaker's organisation or, failing that, the counterpart of the previous claim
(not a compatriot), unless the cue only says who built something. A participle clause ("…, carrying the
Emirati rover") shares its sentence's subject. A sentence gives one claim, or one per counterpart where it lists them one by one
("two memorandums, one with ESA and one with CNES"). A cue that finds no counterpart takes its parties
from a list in the next sentence ("The founding signatories are …"). Signing a multilateral programme
itself ("signed the Artemis Accords") is an accession, whose counterpart is the programme's lead when the
graph names exactly one. What a party "was to supply" shares the status of the cooperation the article
last said was suspended or terminated. A country named as a modifier ("the US-Africa Leaders Summit") is
not a party. A claim that only repeats the one of the sentence before ("The document was signed by …")
is that claim, resting on both sentences.

>>> from datetime import date
>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix sco: <https://w3id.org/spacecoop/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <https://w3id.org/spacecoop/id/org/esa> a sco:SpaceAgency ; skos:prefLabel "European Space Agency"@en ; skos:altLabel "ESA"@en .
... <https://w3id.org/spacecoop/id/org/rosk> a sco:SpaceAgency ; skos:prefLabel "Roscosmos"@en .
... ''', format="turtle")
>>> text = "PARIS — ESA has suspended its cooperation with Roscosmos on Thursday, its Director General Josef Aschbacher said.\\n"
>>> result = extract(text, date(2022, 3, 17), Gazetteer.from_graph(g))
>>> [(c.cooptype, c.status, sorted(p.entity.iri.split("/")[-1] for p in c.parties)) for c in result.claims]
[('suspended', 'suspended', ['esa', 'rosk'])]
>>> result.claims[0].start_date.date, result.claims[0].stated_by.label
(datetime.date(2022, 3, 17), 'Josef Aschbacher')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from rdflib import URIRef

from spacecoop.ingest.cues import CueMatch, find_cues
from spacecoop.ingest.dates import DateMention, resolve_dates
from spacecoop.ingest.discourse import Discourse, Proposed
from spacecoop.ingest.furniture import body_spans
from spacecoop.ingest.gazetteer import ACTOR_KINDS, Entity, Gazetteer, Mention
from spacecoop.ingest.mentions import corefs, demonyms, post_org, sentence_mentions
from spacecoop.ingest.plans import PlanMention, find_plans
from spacecoop.ingest.sentences import Sentence, plain, split_sentences
from spacecoop.ingest.similarity import SimilarityMention, find_similarities
from spacecoop.ingest.speakers import find_speaker
from spacecoop.namespaces import SCO

__all__ = [
    "Found",
    "Party",
    "Claim",
    "Designation",
    "Post",
    "PlanIn",
    "SimilarityIn",
    "Extraction",
    "extract",
    "is_list_sentence",
]

_WE = re.compile(r"\b(?:we|our|us)\b", re.I)
_QUOTED = re.compile(r"\"[^\"]+\"")
_PROVIDE = re.compile(r"^(?:provid|suppl|contribut|deliver|build|built|fl[yei]|ride|rode|travel)", re.I)
_BUILD = re.compile(r"^(?:build|built)", re.I)
_PARTICIPLE = re.compile(r"[a-z]+ing\b")
_ONE_WITH = re.compile(r"\b(?:one|another|the\s+other)\s+with\b", re.I)
_COUNTERFACTUAL = re.compile(
    r"\b(?:was|were)\s+(?:to|supposed\s+to|due\s+to|meant\s+to|set\s+to|expected\s+to)\s+"
    r"(?:\w+\s+){0,2}$|\bhad\s+been\s+(?:due|set|expected)\s+to\s+(?:\w+\s+){0,2}$",
    re.I,
)
_HALTED = ("suspended", "terminated", "declined")
_SIGN = re.compile(r"^sign", re.I)
_LIST = re.compile(
    r"^\s*(?:the|its|their)\s+(?:[\w-]+\s+){0,2}(?:signatories|signers|members|partners|participants|"
    r"parties|countries|nations|agencies)\s+(?:are|were|include|included)\b",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """An actor found for a claim: where in the sentence (-1: in a sentence that lists the parties), how
    (``via``: a name, "we", the speaker…) and how sure."""

    entity: Entity
    position: int
    via: str
    confidence: float


@dataclass(frozen=True)
class Pending:
    """A cue of the previous sentence that found no counterpart, for a next sentence that lists them."""

    sentence: Sentence
    cue: CueMatch
    in_clause: list[Mention]
    speaker: Entity | None
    stated_on: DateMention | None


@dataclass(frozen=True)
class PlanIn:
    """A plan or milestone and the sentence that gives it."""

    sentence: Sentence
    plan: PlanMention


@dataclass(frozen=True)
class SimilarityIn:
    """A likeness between missions and the sentence that gives it."""

    sentence: Sentence
    similarity: SimilarityMention


@dataclass(frozen=True)
class Party:
    """A party to a claim, its role (a ``role:`` concept) and how it was found."""

    entity: Entity
    role: str
    via: str


@dataclass
class Claim:
    """A candidate cooperation claim resting on one sentence."""

    sentence: Sentence
    cue: CueMatch
    parties: list[Party]
    concerns: list[Entity]
    stated_by: Entity | None
    stated_on: DateMention | None
    start_date: DateMention | None
    confidence: float
    also: tuple[Sentence, ...] = ()  # further sentences the claim rests on (a list of its parties)

    @property
    def cooptype(self) -> str:
        return self.cue.cooptype

    @property
    def status(self) -> str:
        return self.cue.status

    @property
    def modality(self) -> str:
        return self.cue.modality


@dataclass(frozen=True)
class Designation:
    """A sentence names a mission: "Luna-Resurs (Luna 26/27)"."""

    sentence: Sentence
    name: str
    missions: tuple[Entity, ...]
    confidence: float


@dataclass(frozen=True)
class Post:
    """A person's post in an organisation, as the article gives it."""

    person: Entity
    org: Entity
    label: str
    sentence: Sentence


@dataclass
class Extraction:
    """All that was read from one article."""

    text: str
    published: date
    sentences: list[Sentence]
    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    proposed: dict[URIRef, Proposed] = field(default_factory=dict)
    speakers: dict[int, Entity] = field(default_factory=dict)
    plans: list[PlanIn] = field(default_factory=list)
    similarities: list[SimilarityIn] = field(default_factory=list)


def _roles(cue: CueMatch, parties: list[Found]) -> list[Party]:
    subjects = [p for p in parties if p.position < cue.start]
    provider_first = bool(_PROVIDE.match(cue.text))
    out = []
    for party in parties:
        entity, via = party.entity, party.via
        subject = party.position < cue.start
        if via in {"speaker", "discourse"}:
            out.append(Party(entity, "partner", via))
            continue
        if via == "programme":
            out.append(Party(entity, "lead", via))
            continue
        if cue.cooptype == "agreement":
            role = "signatory"
        elif cue.cooptype == "accession":
            role = "member" if subject else "partner"
        elif cue.cooptype == "payload-contribution":
            role = "payload-provider" if subject == provider_first else "lead"
        elif cue.cooptype == "launch-service":
            role = "launch-provider" if subject and provider_first else "partner"
        elif cue.cooptype == "joint-mission":
            role = "lead" if subject and len(subjects) == 1 else "partner"
        else:
            role = "partner"
        out.append(Party(entity, role, via))
    return out


def _compatriots(a: Entity, b: Entity) -> bool:
    countries = {x.iri if x.kind == "country" else x.country for x in (a, b)}
    return a.iri == b.iri or (None not in countries and len(countries) == 1)


def _segments(text: str, cue: CueMatch) -> list[tuple[int, int]]:
    """Where a clause gives its counterparts one by one ("one with ESA and one with CNES"), each part."""
    starts = [m.start() for m in _ONE_WITH.finditer(text, cue.clause_start, cue.clause_end)]
    if len(starts) < 2:
        return [(cue.clause_start, cue.clause_end)]
    return [(start, end) for start, end in zip(starts, starts[1:] + [cue.clause_end])]


def _claims(
    discourse: Discourse, result: Extraction, sentence: Sentence, mentions, excluded, speaker, stated_on, cue
) -> list[Claim]:
    """The claims a cue makes: parties in its clause, split where the clause lists counterparts one by one."""
    base, text = sentence.start, plain(sentence.text)
    in_clause = [m for m in mentions if cue.clause_start <= m.start - base and m.end - base <= cue.clause_end]
    found: list[Found] = []
    for mention in in_clause:
        if (
            mention in excluded
            or mention.entity.kind not in ACTOR_KINDS
            or _modifier(discourse.text, mention, mentions)
        ):
            continue
        entity = mention.entity
        if entity.kind == "person":
            entity = discourse.org_of(entity) or entity
        found.append(Found(entity, mention.start - base, mention.via, mention.confidence))
    if (
        cue.clause_start
        and _PARTICIPLE.match(text, cue.clause_start)
        and text[: cue.clause_start].rstrip().endswith(",")
    ):
        subject = next(
            (
                m
                for m in mentions
                if m.entity.kind in ACTOR_KINDS and m not in excluded and m.end - base <= cue.clause_start
            ),
            None,
        )  # "X lifted off, carrying …": X carries
        if subject is not None:
            found.append(
                Found(
                    discourse.org_of(subject.entity) or subject.entity,
                    subject.start - base,
                    subject.via,
                    subject.confidence,
                )
            )
    speaker_org = discourse.org_of(speaker) if speaker else None
    quoted = any(q.start() <= cue.start < q.end() for q in _QUOTED.finditer(text))
    if speaker_org and quoted:
        for we in _WE.finditer(text, cue.clause_start, cue.clause_end):
            found.append(Found(speaker_org, we.start(), "we", 0.8))
    segments = _segments(text, cue)
    common = [f for f in found if f.position < segments[0][0]] if len(segments) > 1 else []
    claims = []
    for start, end in segments:
        part = common + [f for f in found if start <= f.position < end] if len(segments) > 1 else found
        claim = _claim(
            discourse,
            result,
            sentence,
            part,
            speaker,
            speaker_org,
            stated_on,
            cue,
            in_clause,
            len(text),
            fall_back=not _BUILD.match(cue.text),
        )
        if claim:
            claims.append(claim)
    return claims


def _modifier(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """A country named as the first part of a compound name ("US-Africa Leaders Summit"), not a party."""
    if mention.entity.kind != "country" or not re.match(r"-[A-Z]", text[mention.end : mention.end + 2]):
        return False
    return not any(m.start == mention.end + 1 and m.entity.kind in ACTOR_KINDS for m in mentions)


def _programme_lead(discourse: Discourse, cue: CueMatch, concerns: list[Entity], parties: dict) -> Entity | None:
    """For an accession: the one lead of the programme joined, if it (or its country) is not a party yet."""
    if cue.cooptype != "accession":
        return None
    for programme in (c for c in concerns if c.kind == "program" and len(c.leads) == 1):
        lead = discourse.entity(programme.leads[0])
        taken = set(parties) | {p.entity.country for p in parties.values()}
        if lead is not None and lead.iri not in taken and lead.country not in taken:
            return lead
    return None


def _claim(
    discourse: Discourse,
    result: Extraction,
    sentence: Sentence,
    found,
    speaker,
    speaker_org,
    stated_on,
    cue,
    in_clause,
    length,
    *,
    also: tuple[Sentence, ...] = (),
    fall_back: bool = True,
) -> Claim | None:
    """One claim from the parties ``found``: deduplicated, completed by fallbacks, with roles and dates."""
    parties: dict[URIRef, Found] = {}
    for party in found:
        parties.setdefault(party.entity.iri, party)
    org_countries = {p.entity.country for p in parties.values() if p.entity.kind == "org"}
    parties = {iri: p for iri, p in parties.items() if not (p.entity.kind == "country" and iri in org_countries)}
    concerns_kinds = {"mission", "spacecraft", "payload", "program"}
    concerns = list({m.entity.iri: m.entity for m in in_clause if m.entity.kind in concerns_kinds}.values())
    lead = _programme_lead(discourse, cue, concerns, parties) if parties else None
    if lead is not None:
        parties[lead.iri] = Found(lead, length, "programme", 0.8)
    if not fall_back and len(parties) < 2:
        return None
    fallback = False
    if len(parties) == 1 and speaker_org and speaker_org.iri not in parties:
        parties[speaker_org.iri] = Found(speaker_org, length, "speaker", 0.8)
        fallback = True
    if len(parties) == 1:
        present = next(iter(parties.values())).entity
        for previous in reversed(result.claims):
            partner = next((p.entity for p in previous.parties if not _compatriots(p.entity, present)), None)
            if partner:
                parties[partner.iri] = Found(partner, length, "discourse", 0.7)
                fallback = True
                break
    if len(parties) < 2:
        return None
    ordered = sorted(parties.values(), key=lambda p: (p.position, str(p.entity.iri)))
    dates = [
        d
        for d in resolve_dates(sentence.text, result.published)
        if cue.clause_start <= d.start
        and d.end <= cue.clause_end
        and d.date <= result.published
        and not (stated_on and d.start == stated_on.start)
    ]
    dates.sort(key=lambda d: ({"day": 0, "month": 1, "year": 2}[d.precision], d.start))
    confidence = cue.confidence * min(p.confidence for p in ordered) * (0.8 if fallback else 1.0)
    return Claim(
        sentence,
        cue,
        _roles(cue, ordered),
        concerns,
        speaker,
        stated_on,
        dates[0] if dates else None,
        round(confidence, 2),
        also,
    )


def _counterfactual(cue: CueMatch, text: str, claims: list[Claim]) -> CueMatch:
    """ "X was to supply …": the cooperation shares the status of the one the article last said was halted."""
    if not _COUNTERFACTUAL.search(plain(text)[max(cue.clause_start, cue.start - 40) : cue.start]):
        return cue
    halted = next((c.status for c in reversed(claims) if c.status in _HALTED), None)
    return replace(cue, status=halted, modality="asserted") if halted else cue


def _bare_sign(cue: CueMatch, text: str, claims: list[Claim]) -> CueMatch:
    """ "… signed on behalf of their countries": a signing with no object is the signing just reported."""
    if cue.cooptype != "agreement" or not _SIGN.match(cue.text) or not claims:
        return cue
    if not re.match(r"\s*(?:on\s+behalf\b|for\s+(?:their|its|his|her)\b|[,.;])", plain(text)[cue.end :]):
        return cue
    previous = claims[-1]
    return replace(cue, cooptype=previous.cooptype) if previous.cooptype in {"agreement", "accession"} else cue


def _restates(claim: Claim, previous: Claim) -> bool:
    """Whether ``claim`` repeats the claim of the sentence just before: same type and status, no new party."""
    if previous.sentence.index + len(previous.also) + 1 != claim.sentence.index:
        return False
    if (claim.cooptype, claim.status) != (previous.cooptype, previous.status):
        return False
    named = {p.entity.iri for p in previous.parties}
    countries = {p.entity.iri for p in previous.parties if p.entity.kind == "country"}
    of_orgs = {p.entity.country for p in previous.parties if p.entity.kind != "country"} - {None}
    return all(p.entity.iri in named | of_orgs or p.entity.country in countries for p in claim.parties)


def _signs_programme(cue: CueMatch, sentence: Sentence, mentions: list[Mention]) -> CueMatch:
    """ "signed the Artemis Accords": signing a multilateral programme itself is joining it."""
    if cue.cooptype != "agreement" or not _SIGN.match(cue.text):
        return cue
    after = sentence.start + cue.end
    for mention in mentions:
        gap = plain(sentence.text)[cue.end : mention.start - sentence.start]
        if (
            mention.start >= after
            and SCO.MultilateralProgram in mention.entity.classes
            and re.fullmatch(r"\s+(?:the\s+)?", gap)
        ):
            return replace(cue, cooptype="accession")
    return cue


def is_list_sentence(text: str) -> bool:
    """Whether a sentence lists the parties of the one before it.

    >>> is_list_sentence("The founding signatories are Australia, Canada and Italy.")
    True
    >>> is_list_sentence("The signatories met in Rome.")
    False
    """
    return bool(_LIST.match(plain(text)))


def _listed_claim(
    discourse: Discourse, result: Extraction, pending: Pending, sentence: Sentence, mentions
) -> Claim | None:
    """The claim of the previous sentence's cue (``pending``), with the parties this sentence lists."""
    earlier, in_clause = pending.sentence, pending.in_clause
    found = [
        Found(m.entity, -1, m.via, m.confidence)
        for m in mentions
        if m.entity.kind in ACTOR_KINDS and not _modifier(discourse.text, m, mentions)
    ]
    found += [
        Found(m.entity, m.start - earlier.start, m.via, m.confidence)
        for m in in_clause
        if m.entity.kind in ACTOR_KINDS and not _modifier(discourse.text, m, in_clause)
    ]
    return _claim(
        discourse,
        result,
        earlier,
        found,
        pending.speaker,
        None,
        pending.stated_on,
        pending.cue,
        in_clause,
        len(earlier.text),
        also=(sentence,),
        fall_back=False,
    )


def _as_mission(discourse: Discourse, entity: Entity) -> Entity:
    """A spacecraft stands for its mission when plans and likeness are read ("the HAKUTO-R Mission 1 lander")."""
    mission = discourse.entity(entity.mission) if entity.kind == "spacecraft" and entity.mission else None
    return mission if mission is not None else entity


def _designations(discourse: Discourse, sentence: Sentence, mentions: list[Mention]) -> list[Designation]:
    """ "X (Y)" where Y names missions: the sentence says X is their name."""
    out = []
    text = plain(sentence.text)
    for match in re.finditer(r"(?P<name>[A-Z][\w'-]*[A-Za-z](?:-[A-Z][\w]*)*)\s*\((?P<inner>[^()]{2,40})\)", text):
        inner_start, inner_end = sentence.start + match.start("inner"), sentence.start + match.end("inner")
        missions = tuple(
            m.entity
            for m in mentions
            if inner_start <= m.start and m.end <= inner_end and m.entity.kind in {"mission", "spacecraft"}
        )
        name = sentence.text[match.start("name") : match.end("name")]
        if not missions or discourse.lookup(name) in missions:
            continue
        out.append(Designation(sentence, name, tuple({m.iri: m for m in missions}.values()), 0.7))
    return out


def extract(text: str, published: date, gazetteer: Gazetteer) -> Extraction:
    """Read ``text`` (an article, published on ``published``) into candidate claims."""
    sentences = split_sentences(text, body_spans(text))
    result = Extraction(text, published, sentences)
    discourse = Discourse(gazetteer, text)
    pending: Pending | None = None  # a cue of the previous sentence that found no counterpart
    for sentence in sentences:
        mentions, posts = sentence_mentions(discourse, sentence)
        again = corefs(discourse, sentence, mentions)
        post_spans = []
        for post in posts:
            start, end, label, person = post
            org = post_org(mentions, post, again)
            post_spans.append((start, end))
            if org:
                discourse.person_org[person.iri] = org
                clean = re.sub(r"^(?:the\s+)?(?:[A-Z][\w]*\s+)?(?:company|firm|agency|corporation)'s\s+", "", label)
                result.posts.append(Post(person, org, clean, sentence))
        mentions = sorted(mentions + again, key=lambda m: m.start)
        for mention in mentions:
            if mention.entity.kind == "person" and mention.via != "alias":
                discourse.learn_person(mention.entity)
        result.mentions[sentence.index] = mentions
        speaker, speaker_mentions, stated_on = find_speaker(discourse, sentence, mentions, published)
        if speaker:
            result.speakers[sentence.index] = speaker
        in_posts = [m for m in mentions if any(s <= m.start and m.end <= e for s, e in post_spans)]
        parties = sorted(mentions + demonyms(discourse, sentence, mentions), key=lambda m: m.start)
        cues = [
            _bare_sign(
                _counterfactual(_signs_programme(cue, sentence, mentions), sentence.text, result.claims),
                sentence.text,
                result.claims,
            )
            for cue in find_cues(sentence.text)
        ]
        listed = (
            _listed_claim(discourse, result, pending, sentence, parties)
            if pending and is_list_sentence(sentence.text)
            else None
        )
        if listed:
            result.claims.append(listed)
            cues = []
        pending = None
        for cue in cues:
            made = _claims(
                discourse, result, sentence, parties, set(speaker_mentions) | set(in_posts), speaker, stated_on, cue
            )
            for claim in made:
                if result.claims and _restates(claim, result.claims[-1]):
                    result.claims[-1].also += (sentence,)
                else:
                    result.claims.append(claim)
            if not made:
                pending = Pending(
                    sentence,
                    cue,
                    [
                        m
                        for m in parties
                        if cue.clause_start <= m.start - sentence.start and m.end - sentence.start <= cue.clause_end
                    ],
                    speaker,
                    stated_on,
                )
        result.designations += _designations(discourse, sentence, mentions)
        local = [
            Mention(
                m.start - sentence.start, m.end - sentence.start, _as_mission(discourse, m.entity), m.via, m.confidence
            )
            for m in mentions
        ]
        result.plans += [
            PlanIn(sentence, p) for p in find_plans(sentence.text, local, published, discourse.last_mission)
        ]
        result.similarities += [SimilarityIn(sentence, s) for s in find_similarities(sentence.text, local)]
        discourse.remember(mentions)
    result.proposed = discourse.proposed
    return result
