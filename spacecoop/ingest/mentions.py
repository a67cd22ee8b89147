"""Mentions in a sentence: known names, proposed things, "the firm", "an Italian instrument", and
capitals standing for their countries ("Beijing and Astana will …", not "in Washington").

>>> from rdflib import Graph
>>> from spacecoop.ingest.gazetteer import Gazetteer
>>> from spacecoop.ingest.sentences import Sentence
>>> g = Graph().parse(data='''
... @prefix sco: <https://w3id.org/spacecoop/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <https://w3id.org/spacecoop/id/org/npolo> a sco:Company ; skos:prefLabel "Lavochkin"@en .
... ''', format="turtle")
>>> text = "Russia's Lavochkin Research and Production Association is ready, Sergei Lemeshevsky, its director general, said."
>>> found, posts = sentence_mentions(Discourse(Gazetteer.from_graph(g), text), Sentence(0, 0, len(text), text))
>>> [(text[m.start:m.end], m.entity.iri.rsplit("/", 1)[-1], m.via) for m in found]
[('Lavochkin Research and Production Association', 'npolo', 'label-extended'), ('Sergei Lemeshevsky', 'sergei-lemeshevsky', 'proposed')]
>>> [post for _, _, post, _ in posts]
['its director general']
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacecoop.ingest.discourse import DEMONYMS, Discourse
from spacecoop.ingest.gazetteer import Entity, Mention
from spacecoop.ingest.places import capitals
from spacecoop.ingest.proposals import Proposal, propose_designators, propose_organisations, propose_people
from spacecoop.ingest.sentences import Sentence, plain
from spacecoop.namespaces import SCO

__all__ = ["sentence_mentions", "post_org", "corefs", "demonyms", "capital_mentions", "overlaps"]

_COREF = re.compile(
    r"\b(?i:the|this|that)\s+(?:(?P<adj>[A-Z][a-z]+)(?P<based>-based)?\s+)?(?:state\s+|space\s+)?"
    r"(?P<noun>company|firm|corporation|association|agency|administration|organisation|organization|"
    r"institute|laboratory|council)(?:'s)?\b"
)
_COMPANY_NOUNS = {"company", "firm", "corporation", "association"}
_DEMONYM_THING = re.compile(
    rf"\b(?P<adj>{'|'.join(DEMONYMS)})\s+(?:[\w-]+\s+){{0,2}}(?:instruments?|payloads?|experiments?|detectors?|"
    r"cameras?|retroreflectors?|spectrometers?|analy[sz]ers?|sensors?|rovers?|landers?|launch\s+vehicles?|"
    r"rockets?|launchers?)\b"
)


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    """Whether two spans share a character."""
    return a_start < b_end and b_start < a_end


def sentence_mentions(
    discourse: Discourse, sentence: Sentence
) -> tuple[list[Mention], list[tuple[int, int, str, Entity]]]:
    """Mentions of the sentence (offsets in the text) and the posts it gives (start, end, post, person).

    Known names first; then organisations by their form (one that begins with a known organisation's name
    is that organisation); people with posts; designators, and "Luna 26/27" lists.
    """
    text, base = discourse.text, sentence.start
    mentions = discourse.find(text, sentence.start, sentence.end)
    # organisations by their form
    for proposal in propose_organisations(sentence.text):
        start, end = base + proposal.start, base + proposal.end
        inside = [m for m in mentions if overlaps(start, end, m.start, m.end)]
        if any(m.start <= start and m.end >= end for m in inside):
            continue  # already known by this very name
        after = next(
            (
                m
                for m in mentions
                if m.entity.kind == "org" and m.start > end and re.fullmatch(r"\s+", text[end : m.start])
            ),
            None,
        )
        if after is not None and not inside:  # "State Space Corporation Roscosmos": a title of the name after it
            mentions = [m for m in mentions if m is not after] + [
                Mention(start, after.end, after.entity, "label-extended", 0.8)
            ]
            continue
        leading = [m for m in inside if m.entity.kind == "org" and m.start == start]
        if leading:
            entity, via, confidence = leading[0].entity, "label-extended", 0.8
            discourse.learnt.add(entity, [proposal.name], rank=2)
        else:
            country = _owner(discourse, text, start, mentions) or next(  # "Rwanda Space Agency"
                (m.entity for m in inside if m.entity.kind == "country" and m.start == start), None
            )
            entity, via, confidence = discourse.propose(proposal, sentence, country), "proposed", proposal.confidence
        mentions = [m for m in mentions if m not in inside] + [Mention(start, end, entity, via, confidence)]
        bracket = re.match(r"\s*\((\w+)\)", text[end : end + 14]) if proposal.acronym else None
        if bracket and not any(
            overlaps(end + bracket.start(1), end + bracket.end(1), m.start, m.end) for m in mentions
        ):
            mentions.append(Mention(end + bracket.start(1), end + bracket.end(1), entity, "alias", confidence))
    # people with their posts
    posts = []
    for proposal in propose_people(sentence.text):
        start, end = base + proposal.start, base + proposal.end
        if any(overlaps(start, end, m.start, m.end) and m.entity.kind != "person" for m in mentions):
            continue
        known = next((m for m in mentions if m.start == start and m.entity.kind == "person"), None)
        person = known.entity if known else discourse.propose(proposal, sentence, None)
        if not known:
            mentions.append(Mention(start, end, person, "proposed", proposal.confidence))
        post_start, post_end = base + proposal.post_start, base + proposal.post_end
        posts.append((post_start, post_end, proposal.post, person))
    mentions = [m for m in mentions if not re.match(r"-based\b", text[m.end : m.end + 7])]  # "Tokyo-based": a place
    mentions += capital_mentions(discourse, sentence, mentions)
    # designators, and "Luna 26/27" lists
    for proposal in propose_designators(sentence.text):
        start, end = base + proposal.start, base + proposal.end
        if any(overlaps(start, end, m.start, m.end) for m in mentions):
            continue
        mentions.append(
            Mention(start, end, discourse.propose(proposal, sentence, None), "proposed", proposal.confidence)
        )
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.entity.kind not in {"mission", "spacecraft"}:
            continue
        listed = re.match(r"/(\d{1,3})\b", text[mention.end : mention.end + 5])
        stem = re.match(r"(.*?)[- ]?\d+$", text[mention.start : mention.end])
        if listed and stem:
            name = f"{stem.group(1)}-{listed.group(1)}"
            other = discourse.lookup(name) or discourse.propose(
                Proposal(
                    0,
                    0,
                    name,
                    mention.entity.kind,
                    "Mission" if mention.entity.kind == "mission" else "Spacecraft",
                    confidence=0.5,
                ),
                sentence,
                None,
            )
            mentions.append(Mention(mention.end + 1, mention.end + 1 + len(listed.group(1)), other, "list", 0.8))
    return sorted(mentions, key=lambda m: m.start), posts


_POSSESSOR_GAP = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:[\w-]+\s*,\s*)?")
_DEMONYM_BEFORE = re.compile(rf"\b(?P<adj>{'|'.join(DEMONYMS)})\s+(?:[\w-]+\s+){{0,2}}$")
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|to|into|near|outside|via|through|across|around|visit(?:ed|ing|s)?|based|"
    r"of|for|by)\s+(?:the\s+)?$",
    re.I,
)


def _owner(discourse: Discourse, text: str, start: int, mentions: list[Mention]) -> Entity | None:
    """The country an organisation named at ``start`` belongs to by its noun phrase: "China's …",
    "Pakistan's national space agency, SUPARCO", "the Japanese company ispace"."""
    country = next(
        (
            m.entity
            for m in mentions
            if m.entity.kind == "country" and m.end <= start and _POSSESSOR_GAP.fullmatch(text, m.end, start)
        ),
        None,
    )
    if country is None:
        adjective = _DEMONYM_BEFORE.search(plain(text[max(0, start - 40) : start]))
        country = discourse.country_named(adjective.group("adj")) if adjective else None
    return country


def capital_mentions(discourse: Discourse, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """Capitals that act for their country: not after "in", "from", "visit"…, not part of a longer name.

    >>> from rdflib import Graph
    >>> from spacecoop.ingest.gazetteer import Gazetteer
    >>> g = Graph().parse(data='''
    ... @prefix sco: <https://w3id.org/spacecoop/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... <https://w3id.org/spacecoop/id/country/cn> a sco:Country ; skos:prefLabel "China"@en .
    ... <https://w3id.org/spacecoop/id/country/us> a sco:Country ; skos:prefLabel "United States"@en .
    ... ''', format="turtle")
    >>> text = "Beijing's probe will fly, a forum in Washington heard."
    >>> found = capital_mentions(Discourse(Gazetteer.from_graph(g), text), Sentence(0, 0, len(text), text), [])
    >>> [(text[m.start:m.end], m.entity.label) for m in found]
    [('Beijing', 'China')]
    """
    text, found, names = plain(sentence.text), [], capitals()
    for match in _capital_pattern().finditer(text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if _PLACE_BEFORE.search(text, 0, match.start()) or any(overlaps(start, end, m.start, m.end) for m in mentions):
            continue
        country = discourse.lookup(names[match.group()])
        if country is not None and country.kind == "country":
            found.append(Mention(start, end, country, "capital", 0.7))
    return found


@lru_cache(maxsize=1)
def _capital_pattern() -> re.Pattern:
    names = "|".join(re.escape(name) for name in sorted(capitals(), key=len, reverse=True))
    return re.compile(rf"\b(?:{names})\b(?!\s+[A-Z]|-based|\s+based)")


def post_org(mentions: list[Mention], post: tuple, corefs: list[Mention]) -> Entity | None:
    """The organisation a post is in: one named in the post, or one just before it ("Roscosmos chief")."""
    start, end, _, _ = post
    inside = [m for m in mentions + corefs if overlaps(start, end, m.start, m.end) and m.entity.kind == "org"]
    if inside:
        return inside[-1].entity
    before = [m for m in mentions if m.entity.kind == "org" and 0 <= start - m.end <= 2]
    return before[-1].entity if before else None


def corefs(discourse: Discourse, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """ "the firm", "the Russian company", "the agency's": the organisation met most recently that fits."""
    found = []
    for match in _COREF.finditer(plain(sentence.text)):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if any(overlaps(start, end, m.start, m.end) for m in mentions):
            continue
        country = (
            discourse.lookup(capitals().get(match.group("adj"), ""))
            if match.group("based")
            else discourse.country_named(match.group("adj"))
        )  # "the Tokyo-based company": Japanese
        if match.group("adj") and not match.group("based") and not country:
            continue
        seen = [
            m.entity
            for m in sorted((m for m in mentions if m.end <= start and m.entity.kind == "org"), key=lambda m: -m.start)
        ] + discourse.orgs[::-1]
        for org in seen:
            if country and org.country != country.iri:
                continue
            if (
                match.group("noun") in _COMPANY_NOUNS
                and SCO.Company not in org.classes
                and any(SCO.Company in o.classes for o in seen)
            ):
                continue
            found.append(Mention(start, end, org, "coref", 0.8))
            break
    return found


def demonyms(discourse: Discourse, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """ "an Italian laser retroreflector": the country whose adjective qualifies a contributed thing."""
    found = []
    for match in _DEMONYM_THING.finditer(plain(sentence.text)):
        start, end = sentence.start + match.start("adj"), sentence.start + match.end("adj")
        country = discourse.country_named(match.group("adj"))
        if country and not any(overlaps(start, end, m.start, m.end) for m in mentions):
            found.append(Mention(start, end, country, "demonym", 0.7))
    return found
