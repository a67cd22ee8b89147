"""What an article has established so far, sentence by sentence: the discourse.

The names it taught (people's surnames after their full names, acronyms given in brackets), the
organisations and people it has named (for "the firm", "he", "the head of the Russian company"), the
mission it named last (for "the launch", "the lander"), the posts it gave people, and the new things it
proposed.

>>> from rdflib import Graph
>>> from spacecoop.ingest.proposals import Proposal
>>> from spacecoop.ingest.sentences import Sentence
>>> discourse = Discourse(Gazetteer.from_graph(Graph()), "Sergei Lemeshevsky")
>>> person = discourse.propose(Proposal(0, 18, "Sergei Lemeshevsky", "person", "Person"), Sentence(0, 0, 18, "Sergei Lemeshevsky"))
>>> discourse.learn_person(person)
>>> [m.entity.label for m in discourse.find("Lemeshevsky said", 0, 16)]
['Sergei Lemeshevsky']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from spacecoop.ingest.gazetteer import Entity, Gazetteer, Mention
from spacecoop.ingest.proposals import Proposal, slug
from spacecoop.ingest.sentences import Sentence
from spacecoop.namespaces import ID, SCO

__all__ = ["DEMONYMS", "Proposed", "Discourse"]

DEMONYMS = {
    "Russian": "Russia",
    "Chinese": "China",
    "French": "France",
    "Italian": "Italy",
    "German": "Germany",
    "Japanese": "Japan",
    "Indian": "India",
    "American": "United States",
    "British": "United Kingdom",
    "Swedish": "Sweden",
    "Pakistani": "Pakistan",
    "Senegalese": "Senegal",
    "Emirati": "United Arab Emirates",
    "Canadian": "Canada",
    "Australian": "Australia",
    "Korean": "South Korea",
    "Saudi": "Saudi Arabia",
    "Egyptian": "Egypt",
    "Brazilian": "Brazil",
    "Ukrainian": "Ukraine",
    "Kazakh": "Kazakhstan",
}
"""Adjectives of nationality and the country name they point to (for "the Russian company")."""


@dataclass(frozen=True)
class Proposed:
    """A new thing the article proposed: its entity, the sentence, the acronym it was given, how sure."""

    entity: Entity
    sentence: Sentence
    acronym: str | None
    confidence: float


class Discourse:
    """What one article has said so far: the names it taught, the organisations and people it named,
    the posts it gave them, and the things it proposed."""

    def __init__(self, gazetteer: Gazetteer, text: str):
        self.gazetteer = gazetteer
        self.text = text
        self.learnt = Gazetteer()
        self.orgs: list[Entity] = []
        self.people: list[Entity] = []
        self.last_mission: Entity | None = None
        self.person_org: dict[URIRef, Entity] = {}
        self.proposed: dict[URIRef, Proposed] = {}

    def entity(self, iri: URIRef) -> Entity | None:
        """The entity with ``iri``, known to the graph or learnt from the article."""
        return self.gazetteer.entity(iri, self.learnt)

    def find(self, text: str, start: int, end: int) -> list[Mention]:
        """Names known to the graph or learnt from the article in ``text[start:end]``."""
        return self.gazetteer.find(text, start, end, self.learnt)

    def lookup(self, name: str) -> Entity | None:
        """The entity a whole ``name`` means, if known."""
        return self.gazetteer.lookup(name, self.learnt)

    def country_named(self, demonym: str | None) -> Entity | None:
        """The country of a nationality adjective ("Russian"), if the graph knows it."""
        name = DEMONYMS.get(demonym or "")
        return self.lookup(name) if name else None

    def org_of(self, entity: Entity) -> Entity | None:
        """An organisation itself; a person's organisation (by their post); else ``None``."""
        if entity.kind == "org":
            return entity
        if entity.kind == "person":
            if entity.iri in self.person_org:
                return self.person_org[entity.iri]
            orgs = [self.entity(o) for o in entity.post_orgs]
            return next((o for o in orgs if o is not None), None)
        return None

    def propose(self, proposal: Proposal, sentence: Sentence, country: Entity | None = None) -> Entity:
        """The entity for a proposal: a thing already known by its IRI, or a new one, remembered."""
        namespace = {"org": ID.org, "person": ID.person, "mission": ID.mission, "spacecraft": ID.spacecraft}
        local = slug(proposal.acronym) if proposal.acronym else slug(proposal.name)
        iri = namespace[proposal.kind][local]
        known = self.entity(iri)
        if known:
            return known
        entity = Entity(
            iri,
            proposal.name,
            proposal.kind,
            frozenset({SCO[proposal.klass]}),
            country.iri if country else None,
            proposed=True,
        )
        self.learnt.add(entity, [proposal.name], pref=True, rank=2)
        if proposal.acronym:
            self.learnt.add(entity, [proposal.acronym], rank=2)
        self.proposed[iri] = Proposed(entity, sentence, proposal.acronym, proposal.confidence)
        return entity

    def remember(self, mentions: list[Mention]) -> None:
        """After a sentence: the organisations and people it named, most recent last."""
        for mention in mentions:
            if mention.entity.kind == "org" and mention.via != "coref":
                self.orgs = [o for o in self.orgs if o.iri != mention.entity.iri] + [mention.entity]
            if mention.entity.kind == "person":
                self.people = [p for p in self.people if p.iri != mention.entity.iri] + [mention.entity]
            if mention.entity.kind == "mission":
                self.last_mission = mention.entity
            elif mention.entity.kind == "spacecraft" and self.entity(mention.entity.mission or URIRef("")) is not None:
                self.last_mission = self.entity(mention.entity.mission)

    def learn_person(self, person: Entity) -> None:
        """After a person is named in full, their surname (or any part of the name) names them too."""
        parts = [p for p in re.split(r"[\s]+", person.label) if len(p) >= 2]
        for part in parts:
            if not self.gazetteer.find(part, 0, len(part)):
                self.learnt.add(person, [part], rank=2)
