"""Link names in the text to the knowledge graph's things, through their labels and variants.

Every ``skos:prefLabel`` and ``skos:altLabel`` of an organisation, country, person, mission,
spacecraft, payload or programme in the graph is a name. A name matches the text token by token,
whatever the separators and accents: "Chang'e-4", "Chang'e 4", "Chang’e-4" (curly apostrophe) and
"Chang'e4" are one name. Generated variants add the initialism of a designator ("CE-4" for "Chang'e-4"),
the acronym of a long organisation name, and a country's short name ("Germany" for "Germany, Federal
Republic of"); ``places.tsv`` adds the short names news use for countries ("United States", "Britain").
Acronyms match in capitals only; one-word names need a capital, unless the graph writes the name in
lower case ("ispace"); where a name is shared, a label beats a variant and a current organisation a former one.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix sco: <https://w3id.org/spacecoop/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <https://w3id.org/spacecoop/id/mission/change-4> a sco:Mission ; skos:prefLabel "Chang'e-4"@en .
... <https://w3id.org/spacecoop/id/mission/luna-25> a sco:Mission ; skos:prefLabel "Luna-25"@en ; skos:altLabel "Luna-Glob"@en .
... ''', format="turtle")
>>> gaz = Gazetteer.from_graph(g)
>>> text = "Chang’e-4, CE-4 and Chang'e 4 are one; Luna-Glob is Luna-25."
>>> [(text[m.start:m.end], m.entity.iri.split("/")[-1]) for m in gaz.find(text, 0, len(text))]
[('Chang’e-4', 'change-4'), ('CE-4', 'change-4'), ("Chang'e 4", 'change-4'), ('Luna-Glob', 'luna-25'), ('Luna-25', 'luna-25')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, SKOS

from spacecoop.ingest.places import country_names
from spacecoop.io.read import load_sources, parse_files
from spacecoop.namespaces import SCO

__all__ = ["Entity", "Mention", "Gazetteer", "ACTOR_KINDS", "tokens", "fold", "load_knowledge_graph"]

KIND_BY_CLASS = {
    SCO.Organisation: "org",
    SCO.SpaceAgency: "org",
    SCO.IntergovernmentalOrganisation: "org",
    SCO.Company: "org",
    SCO.ResearchInstitute: "org",
    SCO.GovernmentBody: "org",
    ORG.FormalOrganization: "org",
    ORG.Organization: "org",
    SCO.OrganisationalUnit: "unit",
    SCO.Country: "country",
    SCO.Person: "person",
    SCO.Mission: "mission",
    SCO.Spacecraft: "spacecraft",
    SCO.Payload: "payload",
    SCO.Program: "program",
    SCO.MultilateralProgram: "program",
}
_KIND_ORDER = ("person", "country", "org", "unit", "program", "mission", "spacecraft", "payload")
ACTOR_KINDS = frozenset({"org", "country", "person"})
"""Kinds of things that can take part in cooperation."""

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_GAP = re.compile(r"[\s'’‘ʼ\-‐‑–.]{0,2}")
_MINOR = {"and", "of", "for", "the", "de", "du", "des", "d", "la", "le", "et", "on", "in", "at", "di", "del"}


def fold(token: str) -> str:
    """A token's comparison form: lower case, accents removed.

    >>> fold("Études")
    'etudes'
    """
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """The letter runs and digit runs of ``text[start:end]``, as matches carrying their offsets."""
    return list(_TOKEN.finditer(text, start, len(text) if end is None else end))


@dataclass(frozen=True)
class Entity:
    """A thing a name can refer to: its IRI, one label, its kind, and what the graph says of it."""

    iri: URIRef
    label: str
    kind: str
    classes: frozenset = frozenset()
    country: URIRef | None = None
    ended: bool = False
    post_orgs: tuple = ()  # for people: the organisations of the posts they hold
    proposed: bool = False
    leads: tuple = ()  # for programmes: the IRIs of the organisations that lead them (sco:ledBy)
    mission: URIRef | None = None  # for spacecraft: the mission they are part of (sco:partOfMission)


@dataclass(frozen=True)
class Mention:
    """A stretch ``text[start:end]`` that names ``entity``; ``via`` says how it was found."""

    start: int
    end: int
    entity: Entity
    via: str = "label"
    confidence: float = 1.0


@dataclass(frozen=True)
class _Name:
    iri: URIRef
    rank: int  # 0 a label of the graph, 1 a generated variant, 2 an alias learnt from this article
    case: str  # "acronym": capitals only; "capital": first letter capital; "any"
    pref: bool


def _case_rule(label_tokens: list[str]) -> str:
    letters = [t for t in label_tokens if not t.isdigit()]
    if letters and all(t.isupper() for t in letters) and sum(map(len, letters)) >= 2:
        return "acronym"
    if letters and letters[0][0].islower() and fold(letters[0]) not in _MINOR:
        return "lower"  # a brand the graph writes in lower case: "ispace"
    significant = [t for t in letters if fold(t) not in _MINOR]
    return "any" if len(significant) >= 3 else "capital"


def _case_ok(rule: str, found: list[str]) -> bool:
    letters = [t for t in found if not t.isdigit()]
    if rule == "acronym":
        return all(t.isupper() for t in letters)
    if rule == "capital":
        return bool(letters) and letters[0][0].isupper()
    if rule == "lower":
        return bool(letters) and not letters[0].isupper()
    return True


def _variants(label: str, kind: str) -> list[tuple[list[str], str]]:
    """Generated names for ``label``: a designator's initialism, an organisation's acronym."""
    parts = [m.group() for m in _TOKEN.finditer(label)]
    out = []
    if kind in {"mission", "spacecraft"} and len(parts) >= 3 and parts[-1].isdigit():
        name = parts[:-1]
        if all(not p.isdigit() for p in name):
            out.append(([("".join(p[0] for p in name)).upper(), parts[-1]], "acronym"))
    if kind == "org":
        words = [p for p in parts if not p.isdigit() and fold(p) not in _MINOR]
        if len(words) >= 3 and all(w[0].isupper() for w in words):
            out.append((["".join(w[0] for w in words)], "acronym"))
    if kind == "country":
        short = re.split(r"\s*[,(]", label)[0].strip()
        if short and short != label.strip():
            out.append(([m.group() for m in _TOKEN.finditer(short)], "capital"))
    return out


@dataclass
class Gazetteer:
    """Names of the knowledge graph's things, indexed by their folded tokens."""

    entities: dict[URIRef, Entity] = field(default_factory=dict)
    names: dict[tuple, list[_Name]] = field(default_factory=dict)
    prefixes: set = field(default_factory=set)

    @classmethod
    def from_graph(cls, graph: Graph) -> "Gazetteer":
        """A gazetteer of every labelled organisation, country, person, mission, spacecraft, payload and programme."""
        gazetteer = cls()
        kinds: dict[URIRef, set] = {}
        for klass, kind in KIND_BY_CLASS.items():
            for subject in graph.subjects(RDF.type, klass):
                if isinstance(subject, URIRef):
                    kinds.setdefault(subject, set()).add(kind)
        for iri in sorted(kinds):
            if (iri, RDF.type, SCO.Publisher) in graph:
                continue  # a news outlet is where claims come from, not a party to them
            kind = next(k for k in _KIND_ORDER if k in kinds[iri])
            prefs = sorted(str(o) for o in graph.objects(iri, SKOS.prefLabel))
            alts = sorted(str(o) for o in graph.objects(iri, SKOS.altLabel))
            if not prefs and not alts:
                continue
            english = [str(o) for o in graph.objects(iri, SKOS.prefLabel) if getattr(o, "language", None) == "en"]
            country = next(iter(sorted(graph.objects(iri, SCO.country))), None)
            posts = sorted(graph.objects(iri, ORG.holds))
            post_orgs = tuple(sorted({o for p in posts for o in graph.objects(p, ORG.postIn)}))
            ended = (iri, SCO.endDate, None) in graph or (iri, SCO.succeededBy, None) in graph
            leads = tuple(sorted(o for o in graph.objects(iri, SCO.ledBy) if isinstance(o, URIRef)))
            mission = next(iter(sorted(graph.objects(iri, SCO.partOfMission))), None)
            entity = Entity(
                iri,
                (english or prefs or alts)[0],
                kind,
                frozenset(graph.objects(iri, RDF.type)),
                country,
                ended,
                post_orgs,
                leads=leads,
                mission=mission,
            )
            gazetteer.add(entity, prefs, pref=True)
            gazetteer.add(entity, alts, pref=False)
        for alias, names in country_names().items():
            if gazetteer.lookup(alias) is None:
                country = next((e for e in map(gazetteer.lookup, names) if e is not None and e.kind == "country"), None)
                if country is not None:
                    gazetteer.add(country, [alias], rank=1)
        return gazetteer

    def add(self, entity: Entity, labels, *, pref: bool = False, rank: int = 0) -> None:
        """Index ``labels`` (and their generated variants) as names of ``entity``."""
        self.entities.setdefault(entity.iri, entity)
        for label in labels:
            parts = [m.group() for m in _TOKEN.finditer(label)]
            if not parts:
                continue
            named = [(parts, _case_rule(parts), rank)]
            if rank == 0:
                named += [(p, case, 1) for p, case in _variants(label, entity.kind)]
            for name_parts, case, name_rank in named:
                key = tuple(fold(p) for p in name_parts)
                entry = _Name(entity.iri, name_rank, case, pref)
                if entry not in self.names.setdefault(key, []):
                    self.names[key].append(entry)
                for length in range(1, len(key) + 1):
                    self.prefixes.add(key[:length])

    def entity(self, iri: URIRef, extra: "Gazetteer | None" = None) -> Entity | None:
        """The entity with ``iri``, here or in ``extra``."""
        return self.entities.get(iri) or (extra.entities.get(iri) if extra else None)

    def lookup(self, name: str, extra: "Gazetteer | None" = None) -> Entity | None:
        """The entity a whole ``name`` means, if the name is known (case rules apply)."""
        text = name
        found = self.find(text, 0, len(text), extra)
        return found[0].entity if len(found) == 1 and (found[0].start, found[0].end) == (0, len(text)) else None

    def _choose(self, entries: list[_Name], extra: "Gazetteer | None") -> tuple[Entity, float]:
        best = min(e.rank for e in entries)
        entries = [e for e in entries if e.rank == best]
        iris = sorted({e.iri for e in entries})
        if len(iris) > 1:
            current = [i for i in iris if not self.entity(i, extra).ended]
            iris = current or iris
        if len(iris) > 1:
            preferred = sorted({e.iri for e in entries if e.pref and e.iri in iris})
            iris = preferred or iris
        confidence = (1.0 if best == 0 else 0.85) * (1.0 if len(iris) == 1 else 0.6)
        return self.entity(iris[0], extra), confidence

    def find(self, text: str, start: int, end: int, extra: "Gazetteer | None" = None) -> list[Mention]:
        """Mentions of known things in ``text[start:end]``, longest name first, left to right.

        ``extra`` holds names learnt from the article itself (people's surnames, acronyms).
        """
        extra_prefixes = extra.prefixes if extra else set()
        extra_names = extra.names if extra else {}
        toks = tokens(text, start, end)
        folded = [fold(t.group()) for t in toks]
        mentions, i = [], 0
        while i < len(toks):
            match = None
            for j in range(i, len(toks)):
                if j > i and not _GAP.fullmatch(text, toks[j - 1].end(), toks[j].start()):
                    break
                key = tuple(folded[i : j + 1])
                if key not in self.prefixes and key not in extra_prefixes:
                    break
                found = [t.group() for t in toks[i : j + 1]]
                entries = [e for e in (*self.names.get(key, ()), *extra_names.get(key, ())) if _case_ok(e.case, found)]
                if entries:
                    match = (j, entries)
            if match is None:
                i += 1
                continue
            j, entries = match
            entity, confidence = self._choose(entries, extra)
            via = {0: "label", 1: "variant", 2: "alias"}[min(e.rank for e in entries)]
            mentions.append(Mention(toks[i].start(), toks[j].end(), entity, via, confidence))
            i = j + 1
        return mentions


def load_knowledge_graph(paths=None) -> Graph:
    """The graph whose names are linked: ``paths`` (files or folders of Turtle), or ontology and ``graph/``."""
    if paths is None:
        return load_sources()
    files = []
    for path in map(Path, paths):
        files += sorted(path.rglob("*.ttl")) if path.is_dir() else [path]
    return parse_files(files)
