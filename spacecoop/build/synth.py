"""A synthetic SpaceCoop graph of any size, for benchmarks and scale tests.

``spacecoop synth --triples N [--seed S] [--violations K] --out FILE.nt`` streams N-Triples (about N
triples, never held in memory as a graph) in our model: countries; organisations with GCAT-like
lineage (primary phase, preceding and succeeding phases, parents, countries, lifetimes with
precisions); publishers and dated news sources; evidence with verbatim quotes and offsets;
programmes with stages; missions with spacecraft and payloads; cooperation events with
participations, roles, types, statuses and modalities; plans and milestones; designations,
similarities, people and posts. Concepts are the real ones of ``ontology/vocab``.

The output is a function of ``(N, seed, K)`` alone: the same arguments give the same bytes. Loaded
with the ontology and vocabularies it is valid under ``ontology/shapes.ttl`` and passes the
``*-violation`` checks, except for exactly K planted findings, one result each, of the kinds in
:data:`PLANTED_KINDS` (taken in turn). :func:`write_synthetic` returns what it planted.

>>> import io
>>> out = io.StringIO()
>>> summary = write_synthetic(out, triples=3000, seed=1, violations=2)
>>> summary.triples == out.getvalue().count("\\n"), sorted(summary.planted_kinds())
(True, ['missing-cooperation-type', 'status-from-wrong-scheme'])
"""

from __future__ import annotations

import bisect
import json
import random
from collections import Counter
from dataclasses import dataclass, field

from spacecoop.errors import SpaceCoopError

__all__ = ["PLANTED_KINDS", "SynthSummary", "write_synthetic"]

SCO = "https://w3id.org/spacecoop/ontology#"
ID = "https://w3id.org/spacecoop/id/"
VOCAB = "https://w3id.org/spacecoop/vocab/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
OA = "http://www.w3.org/ns/oa#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# The concepts of our schemes (ontology/vocab/*.ttl); tests check that each one exists there.
COOPERATION_KINDS = (  # (type, status, modality) that make sense together
    ("intent", "offered", "stated-intent"),
    ("intent-to-negotiate", "offered", "stated-intent"),
    ("talks", "under-discussion", "asserted"),
    ("agreement", "agreed", "asserted"),
    ("accession", "agreed", "asserted"),
    ("joint-mission", "active", "asserted"),
    ("joint-mission", "completed", "asserted"),
    ("payload-contribution", "active", "asserted"),
    ("payload-contribution", "agreed", "future"),
    ("data-sharing", "active", "asserted"),
    ("technical-support", "completed", "asserted"),
    ("launch-service", "agreed", "future"),
    ("aid", "completed", "asserted"),
    ("declined", "declined", "negated"),
    ("declined", "unlikely", "unlikely"),
    ("suspended", "suspended", "asserted"),
    ("talks-halted", "suspended", "asserted"),
    ("terminated", "terminated", "asserted"),
    ("talks", "under-discussion", "hypothetical"),
)
ROLES = (
    "lead",
    "partner",
    "host",
    "payload-provider",
    "instrument-builder",
    "contractor",
    "launch-provider",
    "operator",
    "signatory",
    "member",
    "founding-member",
    "funder",
)
MISSION_KINDS = (
    "orbiter",
    "lander",
    "rover",
    "sample-return",
    "relay",
    "crewed",
    "station",
    "flyby",
    "impactor",
    "technology-demonstrator",
)
MILESTONE_KINDS = ("launch", "lunar-orbit-insertion", "landing", "sample-return", "end-of-mission")
OUTCOMES = ("success", "partial-success", "failure")
ORG_CLASSES = ("academic", "business", "civil", "defence")
ORG_ROLES = ("payload-owner", "launch-agency", "vehicle-maker", "engine-maker", "payload-maker", "launch-site")
ORG_KINDS = ("SpaceAgency", "Company", "Company", "ResearchInstitute", "GovernmentBody", "Organisation")
COUNTRIES = (
    "us",
    "su",
    "ru",
    "cn",
    "f",
    "d",
    "uk",
    "j",
    "i",
    "in",
    "ca",
    "br",
    "il",
    "ir",
    "kp",
    "kr",
    "au",
    "nl",
    "b",
    "e",
    "s",
    "n",
    "dk",
    "ch",
    "a",
    "pl",
    "cz",
    "ua",
    "by",
    "kz",
    "ae",
    "sa",
    "tr",
    "eg",
    "ng",
    "za",
    "ar",
    "mx",
    "cl",
    "pe",
    "id",
    "my",
    "th",
    "vn",
    "pk",
    "bd",
    "lk",
    "sg",
    "nz",
    "fi",
    "gr",
    "pt",
    "hu",
    "ro",
    "bg",
    "lu",
    "ie",
    "ee",
    "lt",
    "lv",
)
WORDS = (
    "Lunar",
    "Orbital",
    "Deep",
    "Space",
    "Polar",
    "Solar",
    "Stellar",
    "Quantum",
    "Aero",
    "Astro",
    "Nova",
    "Vega",
    "Helios",
    "Kosmos",
    "Zenith",
    "Apex",
    "Meridian",
    "Aurora",
    "Horizon",
    "Pioneer",
    "Titan",
    "Orion",
    "Luna",
    "Mars",
    "Venus",
    "Terra",
    "Chang",
    "Tian",
    "Shen",
    "Yuan",
    "Sputnik",
    "Soyuz",
    "Energia",
)
VERBS = (
    "signed an agreement with",
    "is in talks with",
    "will fly a payload from",
    "agreed to cooperate with",
    "declined an offer from",
    "suspended work with",
    "completed a joint mission with",
    "will launch for",
)

#: The kinds of planted findings, in the order they are taken; each gives exactly one result.
PLANTED_KINDS = {
    "missing-cooperation-type": ("Violation", "scsh:CooperationShape", "MinCountConstraintComponent"),
    "status-from-wrong-scheme": ("Violation", "scsh:CooperationShape", "NodeConstraintComponent"),
    "report-date-not-a-date": ("Violation", "scsh:CooperationShape", "DatatypeConstraintComponent"),
    "two-statuses": ("Violation", "scsh:CooperationShape", "MaxCountConstraintComponent"),
    "payload-without-evidence": ("Violation", "scsh:PayloadShape", "MinCountConstraintComponent"),
    "no-english-label": ("Violation", "scsh:NamedThingShape", "QualifiedMinCountConstraintComponent"),
    "two-english-labels": ("Violation", "scsh:NamedThingShape", "UniqueLangConstraintComponent"),
    "stage-number-zero": ("Violation", "scsh:ProgramStageShape", "MinInclusiveConstraintComponent"),
    "quote-offsets-reversed": ("Violation", "scsh:EvidenceShape", "NodeConstraintComponent"),
    "operator-not-an-actor": ("Violation", "scsh:MissionShape", "ClassConstraintComponent"),
    "source-without-location": ("Violation", "scsh:SourceDocumentShape", "OrConstraintComponent"),
    "country-also-organisation": ("Violation", "scsh:CountryShape", "NotConstraintComponent"),
    "one-distinct-participant": ("Violation", "scsh:CooperationShape", "SPARQLConstraintComponent"),
    "plan-already-past": ("Warning", "scsh:PlanBeforeReportWarningShape", "SPARQLConstraintComponent"),
    "participants-one-organisation": ("Warning", "scsh:SameOrganisationWarningShape", "SPARQLConstraintComponent"),
    "event-outside-lifetime": ("Warning", "scsh:EventWithinLifetimeWarningShape", "SPARQLConstraintComponent"),
}
_KIND_ORDER = tuple(PLANTED_KINDS)
# Planted kinds that need a cooperation event; the others hang on other things.
_COOPERATION_KINDS = {
    "missing-cooperation-type",
    "status-from-wrong-scheme",
    "report-date-not-a-date",
    "two-statuses",
    "one-distinct-participant",
    "participants-one-organisation",
    "event-outside-lifetime",
}


@dataclass
class SynthSummary:
    """What was written: the number of triples, and each planted finding as (kind, focus IRI)."""

    triples: int = 0
    planted: list[tuple[str, str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def planted_kinds(self) -> Counter:
        return Counter(kind for kind, _focus in self.planted)

    def as_json(self) -> str:
        return json.dumps(
            {
                "triples": self.triples,
                "planted": [{"kind": k, "focus": f} for k, f in self.planted],
                "entities": dict(sorted(self.counts.items())),
            },
            indent=2,
        )


def _iri(value: str) -> str:
    return f"<{value}>"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _lang(text: str, lang: str) -> str:
    return f'"{_escape(text)}"@{lang}'


def _plain(text: str) -> str:
    return f'"{_escape(text)}"'


def _typed(text: str, datatype: str) -> str:
    return f'"{_escape(text)}"^^<{XSD}{datatype}>'


def _date(year: int, month: int = 1, day: int = 1) -> str:
    return _typed(f"{year:04d}-{month:02d}-{day:02d}", "date")


def _int(value: int) -> str:
    return _typed(str(value), "integer")


class _Writer:
    """Streams triples and counts them."""

    def __init__(self, out):
        self.out = out
        self.count = 0
        self._buffer: list[str] = []

    def t(self, s: str, p: str, o: str) -> None:
        self._buffer.append(f"{s} {p} {o} .\n")
        self.count += 1
        if len(self._buffer) >= 20000:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self._buffer))
        self._buffer.clear()


def _p(local: str) -> str:
    return f"<{SCO}{local}>"


A = _iri(RDF_TYPE)
PREF = _iri(SKOS + "prefLabel")
ALT = _iri(SKOS + "altLabel")


def _concept(scheme: str, name: str) -> str:
    return f"<{VOCAB}{scheme}/{name}>"


@dataclass
class _Org:
    iri: str
    primary: str
    start: int
    end: int | None


class _Generator:
    # Entities per 1000 triples, tuned so that the output size follows --triples.
    def __init__(self, out, triples: int, seed: int, violations: int):
        if triples < 1000:
            raise SpaceCoopError("--triples must be at least 1000")
        if violations < 0:
            raise SpaceCoopError("--violations must not be negative")
        self.w = _Writer(out)
        self.rng = random.Random(seed)
        self.target = triples
        self.summary = SynthSummary()
        self.pending = [_KIND_ORDER[i % len(_KIND_ORDER)] for i in range(violations)]
        scale = triples / 1000.0
        self.n_orgs = max(20, int(6 * scale))
        self.n_publishers = max(3, int(scale / 20))
        self.n_programs = max(2, int(0.4 * scale))
        self.n_missions = max(4, int(3 * scale))
        self.orgs: list[_Org] = []
        self.current: list[_Org] = []  # ongoing phases, sorted by start year
        self.current_starts: list[int] = []
        self.sources: list[str] = []
        self.missions: list[str] = []
        self.crafts: list[str] = []
        self.programs: list[str] = []
        self.stages: list[str] = []
        self.persons: list[str] = []
        self.serial = Counter()

    # ---- helpers ----
    def name(self, words: int = 2) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words))

    def new_id(self, kind: str) -> str:
        self.serial[kind] += 1
        self.summary.counts[kind] += 1
        return f"{ID}{kind}/syn-{self.serial[kind]:07d}"

    def take(self, kinds: set[str] | None = None) -> str | None:
        """The next pending planted kind if it belongs here (``kinds``), removing it."""
        if not self.pending:
            return None
        kind = self.pending[0]
        if kinds is None or kind in kinds:
            return self.pending.pop(0)
        return None

    def planted(self, kind: str, focus: str) -> None:
        self.summary.planted.append((kind, focus))

    def labels(self, iri: str, text: str, ru: bool = False) -> None:
        t = self.w.t
        t(_iri(iri), PREF, _lang(text, "en"))
        if ru:
            t(_iri(iri), PREF, _lang(text.upper(), "ru-Latn"))
        if self.rng.random() < 0.3:
            t(_iri(iri), ALT, _lang(text.split(" ")[0], "en"))

    # ---- the parts ----
    def countries(self) -> None:
        t = self.w.t
        for code in COUNTRIES:
            iri = f"{ID}country/{code}"
            self.summary.counts["country"] += 1
            t(_iri(iri), A, _p("Country"))
            t(_iri(iri), PREF, _lang(f"Country {code.upper()}", "en"))
            t(_iri(iri), _p("gcatCode"), _plain(code.upper()))
            t(_iri(iri), _p("orgRole"), _concept("orgrole", "country"))
        self.country_iris = [f"{ID}country/{code}" for code in COUNTRIES]

    def organisations(self) -> None:
        t, rng = self.w.t, self.rng
        made = 0
        while made < self.n_orgs:
            phases = rng.choice((1, 1, 1, 2, 2, 3, 4))
            country = rng.choice(self.country_iris)
            kind = rng.choice(ORG_KINDS)
            base = self.name(2)
            start = rng.randint(1950, 1995)
            parent = rng.choice(self.orgs).iri if self.orgs and rng.random() < 0.4 else None
            iris = [self.new_id("org") for _ in range(phases)]
            years = [start]
            for _ in range(phases - 1):
                years.append(min(years[-1] + rng.randint(3, 12), 1998))
            for index, iri in enumerate(iris):
                s = _iri(iri)
                end = years[index + 1] if index + 1 < phases else None
                begin = years[index]
                org = _Org(iri, iris[0], begin, end)
                t(s, A, _p(kind))
                t(s, PREF, _lang(f"{base} {index + 1}" if index else base, "en"))
                if rng.random() < 0.2:
                    t(s, ALT, _lang(base.upper(), "ru"))
                t(s, _iri(DCT + "source"), _iri(f"{ID}dataset/gcat-orgs"))
                t(s, _p("country"), _iri(country))
                code = iri.rsplit("-", 1)[-1]
                t(s, _p("gcatCode"), _plain(f"S{code}"))
                t(s, _p("gcatPrimaryCode"), _plain(f"S{iris[0].rsplit('-', 1)[-1]}"))
                if index:
                    t(s, _p("primaryPhase"), _iri(iris[0]))
                    t(s, _p("precededBy"), _iri(iris[index - 1]))
                if index + 1 < phases:
                    t(s, _p("succeededBy"), _iri(iris[index + 1]))
                if parent:
                    t(s, _iri(ORG + "subOrganizationOf"), _iri(parent))
                t(s, _p("orgClass"), _concept("orgclass", rng.choice(ORG_CLASSES)))
                for role in sorted(set(rng.sample(ORG_ROLES, rng.randint(1, 3)))):
                    t(s, _p("orgRole"), _concept("orgrole", role))
                t(s, _p("location"), _plain(f"{self.name(1)}grad"))
                t(s, _iri(GEO + "lat"), _typed(f"{rng.uniform(-60, 70):.4f}", "decimal"))
                t(s, _iri(GEO + "long"), _typed(f"{rng.uniform(-180, 180):.4f}", "decimal"))
                precision = rng.choice(("year", "month", "day"))
                month = rng.randint(1, 12) if precision != "year" else 1
                day = rng.randint(1, 28) if precision == "day" else 1
                t(s, _p("startDate"), _date(begin, month, day))
                t(s, _p("startDatePrecision"), _concept("precision", precision))
                if end is not None:
                    t(s, _p("endDate"), _date(end))
                    t(s, _p("endDatePrecision"), _concept("precision", "year"))
                else:
                    t(s, _p("ongoing"), _typed("true", "boolean"))
                self.orgs.append(org)
                if end is None:
                    self.current.append(org)
                made += 1
        self.current.sort(key=lambda o: (o.start, o.iri))
        self.current_starts = [o.start for o in self.current]

    def publishers_and_people(self) -> None:
        t, rng = self.w.t, self.rng
        self.publishers = []
        for _ in range(self.n_publishers):
            iri = self.new_id("publisher")
            t(_iri(iri), A, _p("Publisher"))
            t(_iri(iri), PREF, _lang(f"{self.name(1)} News", "en"))
            self.publishers.append(iri)
        for _ in range(max(2, self.n_orgs // 50)):
            person, post = self.new_id("person"), self.new_id("post")
            org = rng.choice(self.orgs).iri
            t(_iri(person), A, _p("Person"))
            t(_iri(person), PREF, _lang(f"{self.name(1)} {self.name(1)}ov", "en"))
            t(_iri(person), _iri(ORG + "holds"), _iri(post))
            t(_iri(post), A, _iri(ORG + "Post"))
            t(_iri(post), PREF, _lang("Director General", "en"))
            t(_iri(post), _iri(ORG + "postIn"), _iri(org))
            t(_iri(post), _p("evidence"), _iri(self.evidence(2015)))
            self.persons.append(person)

    def source(self, year: int) -> str:
        """A new news source published in ``year``."""
        t, rng = self.w.t, self.rng
        iri = self.new_id("source")
        s = _iri(iri)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        t(s, A, _p("SourceDocument"))
        t(s, A, _iri(SCHEMA + "NewsArticle"))
        t(s, _iri(DCT + "title"), _lang(f"{self.name(3)} news {self.serial['source']}", "en"))
        t(s, _iri(DCT + "publisher"), _iri(rng.choice(self.publishers)))
        t(s, _p("publicationDate"), _date(year, month, day))
        t(s, _p("publicationDatePrecision"), _concept("precision", "day"))
        kind = self.take({"source-without-location"})
        if kind:
            self.planted(kind, iri)
        else:
            t(s, _iri(SCHEMA + "url"), _typed(f"https://news.example.org/{year}/{self.serial['source']}", "anyURI"))
        self.sources.append(iri)
        return iri

    def evidence(self, year: int, quote: str | None = None) -> str:
        """New evidence (with its selector) citing a source of ``year`` (a new one now and then)."""
        t, rng = self.w.t, self.rng
        iri = self.new_id("evidence")
        s = _iri(iri)
        source = self.source(year) if not self.sources or rng.random() < 0.35 else rng.choice(self.sources)
        selector = f"{iri}/selector"
        quote = quote or f"{self.name(2)} {rng.choice(VERBS)} {self.name(2)}"
        t(s, A, _p("Evidence"))
        t(s, _iri(OA + "hasSource"), _iri(source))
        t(s, _iri(OA + "hasSelector"), _iri(selector))
        t(_iri(selector), A, _iri(OA + "TextQuoteSelector"))
        t(_iri(selector), _iri(OA + "exact"), _plain(quote))
        if rng.random() < 0.3:
            start = rng.randint(0, 5000)
            kind = self.take({"quote-offsets-reversed"})
            end = start + len(quote)
            if kind:
                self.planted(kind, iri)
                start, end = end, start
            t(_iri(selector), _iri(OA + "start"), _int(start))
            t(_iri(selector), _iri(OA + "end"), _int(end))
        if rng.random() < 0.2 and self.persons:
            t(s, _p("statedBy"), _iri(rng.choice(self.persons)))
            t(s, _p("statedOn"), _date(year, 6, 1))
        return iri

    def programs_and_missions(self) -> None:
        t, rng = self.w.t, self.rng
        for _ in range(self.n_programs):
            iri = self.new_id("program")
            multilateral = rng.random() < 0.2
            t(_iri(iri), A, _p("MultilateralProgram" if multilateral else "Program"))
            self.labels(iri, f"{self.name(1)} Programme")
            t(_iri(iri), _p("ledBy"), _iri(rng.choice(self.current).iri))
            self.programs.append(iri)
            for number in range(1, rng.randint(1, 3) + 1):
                stage = self.new_id("stage")
                t(_iri(stage), A, _p("ProgramStage"))
                t(_iri(stage), PREF, _lang(f"Stage {number}", "en"))
                t(_iri(stage), _p("stageOf"), _iri(iri))
                kind = self.take({"stage-number-zero"})
                if kind:
                    self.planted(kind, stage)
                t(_iri(stage), _p("stageNumber"), _int(0 if kind else number))
                self.stages.append(stage)
        for _ in range(self.n_missions):
            self.mission()

    def mission(self) -> None:
        t, rng = self.w.t, self.rng
        iri = self.new_id("mission")
        craft = f"{ID}spacecraft/{iri.rsplit('/', 1)[-1]}"
        s = _iri(iri)
        operator = rng.choice(self.current)
        t(s, A, _p("Mission"))
        kind = self.take({"no-english-label"})
        if kind:
            self.planted(kind, iri)
            t(s, PREF, _lang(f"{self.name(1)}-{self.serial['mission']}", "fr"))
        else:
            self.labels(iri, f"{self.name(1)}-{self.serial['mission']}", ru=rng.random() < 0.2)
        for mk in sorted(set(rng.sample(MISSION_KINDS, rng.randint(1, 2)))):
            t(s, _p("missionKind"), _concept("missionkind", mk))
        kind = self.take({"operator-not-an-actor"})
        if kind:
            self.planted(kind, iri)
            t(s, _p("operator"), _iri(f"{ID}org/unknown-{self.serial['mission']}"))
        else:
            t(s, _p("operator"), _iri(operator.iri))
        t(s, _p("country"), _iri(rng.choice(self.country_iris)))
        if self.programs and rng.random() < 0.6:
            t(s, _p("partOfProgram"), _iri(rng.choice(self.programs)))
        if self.stages and rng.random() < 0.2:
            t(s, _p("inStage"), _iri(rng.choice(self.stages)))
        t(s, _p("spacecraft"), _iri(craft))
        t(s, _p("evidence"), _iri(self.evidence(rng.randint(2005, 2024))))
        t(_iri(craft), A, _p("Spacecraft"))
        t(_iri(craft), PREF, _lang(f"{self.name(1)} craft {self.serial['mission']}", "en"))
        t(_iri(craft), _p("partOfMission"), s)
        t(_iri(craft), _p("manufacturer"), _iri(rng.choice(self.current).iri))
        self.missions.append(iri)
        self.crafts.append(craft)

    def payload(self) -> None:
        t, rng = self.w.t, self.rng
        iri = self.new_id("payload")
        s = _iri(iri)
        index = rng.randrange(len(self.missions))
        t(s, A, _p("Payload"))
        t(s, PREF, _lang(f"{self.name(1)} instrument {self.serial['payload']}", "en"))
        t(s, _p("onMission"), _iri(self.missions[index]))
        t(s, _p("carriedBy"), _iri(self.crafts[index]))
        t(s, _p("builtBy"), _iri(rng.choice(self.current).iri))
        t(s, _p("providedBy"), _iri(rng.choice(self.country_iris)))
        kind = self.take({"payload-without-evidence"})
        if kind:
            self.planted(kind, iri)
        else:
            t(s, _p("evidence"), _iri(self.evidence(rng.randint(2005, 2024))))

    def agent_alive(self, year: int, exclude_primary: set[str]) -> _Org | str:
        """A current organisation founded by ``year`` and not a phase of ``exclude_primary``, or a country."""
        rng = self.rng
        upto = bisect.bisect_right(self.current_starts, year)
        for _ in range(8):
            if upto and rng.random() < 0.75:
                org = self.current[rng.randrange(upto)]
                if org.primary not in exclude_primary:
                    return org
            else:
                country = rng.choice(self.country_iris)
                if country not in exclude_primary:
                    return country
        return next(c for c in self.country_iris if c not in exclude_primary)

    def cooperation(self) -> None:
        t, rng = self.w.t, self.rng
        iri = self.new_id("cooperation")
        s = _iri(iri)
        kind = self.take(_COOPERATION_KINDS)
        if kind:
            self.planted(kind, iri)
        # the first agent: any phase (old phases too), dated within its lifetime
        first = rng.choice(self.orgs) if rng.random() < 0.6 else None
        if first is not None:
            low = max(first.start, 1990)
            high = min(first.end if first.end is not None else 2025, 2025)
            year = rng.randint(low, high) if low <= high else None
            if year is None:
                first = None
        if first is None:
            year = rng.randint(1995, 2025)
            first = self.agent_alive(year, set())
        agents = [first]
        primaries = {first.primary if isinstance(first, _Org) else first}
        for _ in range(rng.choice((1, 1, 1, 2))):
            other = self.agent_alive(year, primaries)
            agents.append(other)
            primaries.add(other.primary if isinstance(other, _Org) else other)
        agent_iris = [a.iri if isinstance(a, _Org) else a for a in agents]
        if kind == "one-distinct-participant":
            agent_iris = [agent_iris[0], agent_iris[0]]
        elif kind == "participants-one-organisation":
            # two phases of one organisation: a phase and its primary phase, both alive in ``year``
            org = self._pair_of_phases()
            year = max(org[0].start, org[1].start)
            agent_iris = [org[0].iri, org[1].iri]
        elif kind == "event-outside-lifetime":
            old = next((o for o in self.orgs if o.end is not None and o.end < 2010), None)
            if old is None:
                old = self.orgs[0]
            year = (old.end or 2000) + 12 if old.end else old.start - 10
            agent_iris = [old.iri, self.country_iris[0] if self.country_iris[0] != old.iri else self.country_iris[1]]
        ctype, status, modality = rng.choice(COOPERATION_KINDS)
        t(s, A, _p("Cooperation"))
        t(s, PREF, _lang(f"{self.name(1)} cooperation {self.serial['cooperation']}", "en"))
        if kind != "missing-cooperation-type":
            t(s, _p("cooperationType"), _concept("cooptype", ctype))
        if kind == "status-from-wrong-scheme":
            t(s, _p("status"), _concept("role", "partner"))
        else:
            t(s, _p("status"), _concept("status", status))
        if kind == "two-statuses":
            other_status = "completed" if status != "completed" else "active"
            t(s, _p("status"), _concept("status", other_status))
        t(s, _p("modality"), _concept("modality", modality))
        roles = rng.sample(ROLES, len(agent_iris))
        for index, (agent, role) in enumerate(zip(agent_iris, roles), start=1):
            part = f"{iri}/participation-{index}"
            t(s, _p("participation"), _iri(part))
            t(_iri(part), _p("agent"), _iri(agent))
            t(_iri(part), _p("role"), _concept("role", role))
        if self.missions and rng.random() < 0.5:
            t(s, _p("concerns"), _iri(rng.choice(self.missions)))
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if kind == "report-date-not-a-date":
            t(s, _p("reportedOn"), _plain(f"{year:04d}-{month:02d}-{day:02d}"))
        else:
            t(s, _p("reportedOn"), _date(year, month, day))
        if rng.random() < 0.3:
            t(s, _p("startDate"), _date(year))
            t(s, _p("startDatePrecision"), _concept("precision", "year"))
        t(s, _p("evidence"), _iri(self.evidence(year, f"{self.name(2)} {rng.choice(VERBS)} {self.name(2)}")))

    def _pair_of_phases(self) -> tuple[_Org, _Org]:
        for org in self.orgs:
            if org.primary != org.iri:
                primary = next(o for o in self.orgs if o.iri == org.primary)
                return primary, org
        raise SpaceCoopError("no organisation with two phases to plant 'participants-one-organisation'")

    def plan_or_milestone(self, milestone: bool) -> None:
        t, rng = self.w.t, self.rng
        iri = self.new_id("milestone" if milestone else "plan")
        s = _iri(iri)
        reported = rng.randint(2005, 2022)
        t(s, A, _p("Milestone" if milestone else "Plan"))
        t(s, _p("concerns"), _iri(rng.choice(self.missions)))
        t(s, _p("milestoneKind"), _concept("milestonekind", rng.choice(MILESTONE_KINDS)))
        precision = rng.choice(("year", "month", "day"))
        planned = reported + rng.randint(1, 6)
        kind = None if milestone else self.take({"plan-already-past"})
        if kind:
            self.planted(kind, iri)
            planned, precision = reported - 2, "year"
        t(
            s,
            _p("date"),
            _date(
                planned,
                rng.randint(1, 12) if precision != "year" else 1,
                rng.randint(1, 28) if precision == "day" else 1,
            ),
        )
        t(s, _p("datePrecision"), _concept("precision", precision))
        if milestone:
            t(s, _p("outcome"), _concept("outcome", rng.choice(OUTCOMES)))
        else:
            t(s, _p("reportedOn"), _date(reported, rng.randint(1, 12), rng.randint(1, 28)))
        t(s, _p("evidence"), _iri(self.evidence(reported)))

    def designation_and_similarity(self) -> None:
        t, rng = self.w.t, self.rng
        iri = self.new_id("claim")
        t(_iri(iri), A, _p("Designation"))
        t(_iri(iri), _p("name"), _lang(f"{self.name(1)}-Grunt-{self.serial['claim']}", "en"))
        t(_iri(iri), _p("designates"), _iri(rng.choice(self.missions)))
        t(_iri(iri), _p("evidence"), _iri(self.evidence(rng.randint(2010, 2024))))
        if rng.random() < 0.3:
            sim = self.new_id("claim")
            first, second = rng.sample(self.missions, 2)
            t(_iri(sim), A, _p("Similarity"))
            t(_iri(sim), _p("firstGroup"), _iri(first))
            t(_iri(sim), _p("secondGroup"), _iri(second))
            t(_iri(sim), _p("evidence"), _iri(self.evidence(rng.randint(2010, 2024))))

    def plant_on_things(self) -> None:
        """Planted kinds that hang on things made earlier (labels and country typing)."""
        t = self.w.t
        while self.pending and self.pending[0] in {"two-english-labels", "country-also-organisation"}:
            kind = self.pending.pop(0)
            self.serial[kind] += 1
            if kind == "two-english-labels":
                org = self.orgs[(self.serial[kind] * 7) % len(self.orgs)].iri
                t(_iri(org), PREF, _lang(f"Second English name {len(self.summary.planted)}", "en"))
                self.planted(kind, org)
            else:
                country = self.country_iris[(self.serial[kind] * 7) % len(self.country_iris)]
                t(_iri(country), A, _p("Organisation"))
                self.planted(kind, country)

    def run(self) -> SynthSummary:
        self.countries()
        self.organisations()
        self.publishers_and_people()
        self.programs_and_missions()
        rng = self.rng
        # the bulk: cooperation events with their evidence, payloads, plans, milestones, claims
        while self.w.count < self.target or self.pending:
            self.plant_on_things()
            roll = rng.random()
            if roll < 0.62:
                self.cooperation()
            elif roll < 0.77:
                self.payload()
            elif roll < 0.87:
                self.plan_or_milestone(milestone=False)
            elif roll < 0.95:
                self.plan_or_milestone(milestone=True)
            elif roll < 0.985:
                self.mission()
            else:
                self.designation_and_similarity()
            if self.w.count >= self.target and self.pending:
                # force the remaining planted kinds out
                kind = self.pending[0]
                if kind in _COOPERATION_KINDS:
                    self.cooperation()
                elif kind == "payload-without-evidence":
                    self.payload()
                elif kind == "plan-already-past":
                    self.plan_or_milestone(milestone=False)
                elif kind in {"no-english-label", "operator-not-an-actor"}:
                    self.mission()
                elif kind in {"quote-offsets-reversed", "source-without-location"}:
                    self._force_evidence(kind)
                elif kind == "stage-number-zero":
                    self._force_stage()
        self.w.flush()
        self.summary.triples = self.w.count
        return self.summary

    def _force_evidence(self, kind: str) -> None:
        """Evidence for a new cooperation whose source or offsets carry the planted finding."""
        t = self.w.t
        self.pending.pop(0)
        iri = self.new_id("evidence")
        source = self.new_id("source")
        selector = f"{iri}/selector"
        t(_iri(iri), A, _p("Evidence"))
        t(_iri(iri), _iri(OA + "hasSource"), _iri(source))
        t(_iri(iri), _iri(OA + "hasSelector"), _iri(selector))
        t(_iri(selector), A, _iri(OA + "TextQuoteSelector"))
        t(_iri(selector), _iri(OA + "exact"), _plain("a late quote"))
        t(_iri(source), A, _p("SourceDocument"))
        t(_iri(source), _iri(DCT + "publisher"), _iri(self.publishers[0]))
        if kind == "quote-offsets-reversed":
            t(_iri(selector), _iri(OA + "start"), _int(20))
            t(_iri(selector), _iri(OA + "end"), _int(8))
            t(_iri(source), _p("localCopy"), _plain("data/sources/synthetic.txt"))
            self.planted(kind, iri)
        else:
            self.planted(kind, source)
        t(_iri(source), _p("publicationDate"), _date(2020))
        t(_iri(source), _p("publicationDatePrecision"), _concept("precision", "year"))
        mission = self.missions[0]
        t(_iri(mission), _p("evidence"), _iri(iri))

    def _force_stage(self) -> None:
        t = self.w.t
        kind = self.pending.pop(0)
        stage = self.new_id("stage")
        t(_iri(stage), A, _p("ProgramStage"))
        t(_iri(stage), PREF, _lang("Stage zero", "en"))
        t(_iri(stage), _p("stageOf"), _iri(self.programs[0]))
        t(_iri(stage), _p("stageNumber"), _int(0))
        self.planted(kind, stage)


def write_synthetic(out, triples: int, seed: int = 0, violations: int = 0) -> SynthSummary:
    """Write about ``triples`` N-Triples lines to the text stream ``out``; return what was written."""
    return _Generator(out, triples, seed, violations).run()
