"""Precision and recall of ingest against gold annotations, per article and in total.

Gold files (``tests/fixtures/ingest/gold/*.toml``) list the entities an article's body mentions and its
cooperation claims, each party a *slot* of acceptable IRIs (an agency or its country). An extracted claim
matches a gold claim when type and status are equal and its participants fill the slots one to one.
Claim precision counts extracted claims matching some gold claim; recall, gold claims matched by some
extracted claim (a fact stated twice is found once). Entities are compared as sets of IRIs.

Plans (``[[plan]]``: the mission, a slot of acceptable IRIs; milestone kind; date; precision), milestones
(``[[milestone]]``, the same fields, for what happened) and similarities (``[[similarity]]``: two groups of
missions) are scored only for articles whose gold has that key (``plan = []`` says "no plans here"):
an extracted plan matches when all four fields agree, a similarity when its two groups equal the gold's.

>>> gold = GoldClaim(slots=[{"scorg:npolo"}, {"country:cn", "scorg:cnsa"}], type="intent", status="offered")
>>> matches({"scorg:npolo", "scorg:cnsa"}, "intent", "offered", gold)
True
>>> matches({"scorg:npolo", "scorg:cnsa", "country:cn"}, "intent", "offered", gold)
False
>>> plan = GoldPlan({"mission:luna-25"}, "launch", "2019-01-01", "year")
>>> plan_matches(("mission:luna-25", "launch", "2019-01-01", "year"), plan)
True
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacecoop.errors import SpaceCoopError
from spacecoop.ingest.article import read_article
from spacecoop.ingest.extract import Extraction, extract
from spacecoop.ingest.gazetteer import Gazetteer
from spacecoop.namespaces import PREFIXES

__all__ = [
    "GoldClaim",
    "GoldPlan",
    "Gold",
    "Score",
    "load_gold",
    "matches",
    "plan_matches",
    "score",
    "evaluate_manifest",
    "format_table",
]


@dataclass(frozen=True)
class GoldClaim:
    """A cooperation claim as a careful reader sees it: one set of acceptable IRIs per party."""

    slots: list
    type: str
    status: str
    modality: str | None = None


@dataclass(frozen=True)
class GoldPlan:
    """A plan or milestone as a careful reader sees it: acceptable mission IRIs, kind, ISO date, precision."""

    missions: set
    kind: str
    date: str
    precision: str


@dataclass(frozen=True)
class Gold:
    """One article's gold: entity IRIs and claims, prefixed names as in the gold files; plans, milestones
    and similarities (pairs of frozensets) where annotated, else ``None``."""

    entities: frozenset
    claims: tuple
    plans: tuple | None = None
    milestones: tuple | None = None
    similarities: tuple | None = None


@dataclass
class Score:
    """Counts behind precision and recall, for entities and for claims."""

    entity_found: int = 0
    entity_extracted: int = 0
    entity_gold: int = 0
    claim_correct: int = 0
    claim_extracted: int = 0
    claim_found: int = 0
    claim_gold: int = 0
    plan_correct: int = 0
    plan_extracted: int = 0
    plan_found: int = 0
    plan_gold: int = 0
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    def add(self, other: "Score") -> "Score":
        for name in (
            "entity_found",
            "entity_extracted",
            "entity_gold",
            "claim_correct",
            "claim_extracted",
            "claim_found",
            "claim_gold",
            "plan_correct",
            "plan_extracted",
            "plan_found",
            "plan_gold",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @staticmethod
    def _ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def entity_precision(self):
        return self._ratio(self.entity_found, self.entity_extracted)

    @property
    def entity_recall(self):
        return self._ratio(self.entity_found, self.entity_gold)

    @property
    def claim_precision(self):
        return self._ratio(self.claim_correct, self.claim_extracted)

    @property
    def claim_recall(self):
        return self._ratio(self.claim_found, self.claim_gold)

    @property
    def plan_precision(self):
        return self._ratio(self.plan_correct, self.plan_extracted)

    @property
    def plan_recall(self):
        return self._ratio(self.plan_found, self.plan_gold)


def _prefixed(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def load_gold(path: Path) -> Gold:
    """Read a gold TOML file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        claims = tuple(
            GoldClaim([set(slot) for slot in c["participants"]], c["type"], c["status"], c.get("modality"))
            for c in data.get("claim", [])
        )
        plans, milestones = (
            tuple(GoldPlan(set(p["mission"]), p["kind"], p["date"], p["precision"]) for p in data[key])
            if key in data
            else None
            for key in ("plan", "milestone")
        )
        similarities = (
            tuple((frozenset(s["first"]), frozenset(s["second"])) for s in data["similarity"])
            if "similarity" in data
            else None
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise SpaceCoopError(f"bad gold file: {error}", path=str(path)) from None
    return Gold(frozenset(data.get("entities", [])), claims, plans, milestones, similarities)


def matches(participants: set, type_: str, status: str, gold: GoldClaim) -> bool:
    """Whether extracted participants, type and status match ``gold`` (parties fill its slots one to one)."""
    if type_ != gold.type or status != gold.status or len(participants) != len(gold.slots):
        return False
    return any(all(p in slot for p, slot in zip(order, gold.slots)) for order in itertools.permutations(participants))


def plan_matches(plan: tuple, gold: GoldPlan) -> bool:
    """Whether an extracted ``(mission, kind, iso date, precision)`` is the ``gold`` plan or milestone."""
    mission, kind, day, precision = plan
    return mission in gold.missions and (kind, day, precision) == (gold.kind, gold.date, gold.precision)


def _score_plans(result: Score, label: str, extracted: list, gold: tuple | None, match) -> None:
    """Add plan-like items (plans, milestones, similarities) to the plan counts, if ``gold`` annotates them."""
    if gold is None:
        return
    result.plan_extracted += len(extracted)
    result.plan_gold += len(gold)
    for item in extracted:
        if any(match(item, g) for g in gold):
            result.plan_correct += 1
        else:
            result.wrong.append(f"{label} {item}")
    for g in gold:
        if any(match(item, g) for item in extracted):
            result.plan_found += 1
        else:
            result.missed.append(f"{label} {g}")


def score(extraction: Extraction, gold: Gold) -> Score:
    """Compare one article's extraction with its gold."""
    entities = {_prefixed(str(m.entity.iri)) for ms in extraction.mentions.values() for m in ms}
    result = Score(len(entities & gold.entities), len(entities), len(gold.entities))
    extracted = [
        ({_prefixed(str(p.entity.iri)) for p in c.parties}, c.cooptype, c.status, c.sentence.index)
        for c in extraction.claims
    ]
    result.claim_extracted, result.claim_gold = len(extracted), len(gold.claims)
    for parties, type_, status, index in extracted:
        if any(matches(parties, type_, status, g) for g in gold.claims):
            result.claim_correct += 1
        else:
            result.wrong.append(f"s{index} {type_}/{status} {sorted(parties)}")
    for g in gold.claims:
        if any(matches(parties, type_, status, g) for parties, type_, status, _ in extracted):
            result.claim_found += 1
        else:
            result.missed.append(f"{g.type}/{g.status} {[sorted(s) for s in g.slots]}")
    timeline = {False: [], True: []}
    for p in (found.plan for found in extraction.plans):
        timeline[p.happened].append((_prefixed(str(p.mission.iri)), p.kind, p.date.date.isoformat(), p.date.precision))
    _score_plans(result, "plan", timeline[False], gold.plans, plan_matches)
    _score_plans(result, "milestone", timeline[True], gold.milestones, plan_matches)
    likeness = [
        tuple(frozenset(_prefixed(str(m.iri)) for m in group) for group in (s.first, s.second))
        for s in (found.similarity for found in extraction.similarities)
    ]
    _score_plans(result, "similarity", likeness, gold.similarities, lambda item, g: set(item) == set(g))
    return result


def evaluate_manifest(manifest: Path, gazetteer: Gazetteer) -> list[tuple[str, str, Score]]:
    """Score every article of ``manifest`` (``articles.toml``): ``(name, set, score)`` in manifest order."""
    root = Path(manifest).parent
    rows = []
    for article in tomllib.loads(Path(manifest).read_text(encoding="utf-8"))["article"]:
        text = read_article(root / "articles" / f"{article['name']}.txt")
        extraction = extract(text, date.fromisoformat(article["published"]), gazetteer)
        rows.append(
            (article["name"], article["set"], score(extraction, load_gold(root / "gold" / f"{article['name']}.toml")))
        )
    return rows


def _pct(value) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def format_table(rows: list[tuple[str, str, Score]], details: bool = False) -> str:
    """Per-article and per-set totals: entity precision/recall, claim precision/recall."""
    lines = [
        f"{'article':30} {'set':6}  entity P    R    claim P    R   plan P    R   "
        "(claims found/gold, correct/extracted)"
    ]
    totals: dict[str, Score] = {}
    for name, split, s in rows:
        lines.append(_row(name, split, s))
        if details:
            lines += [f"    missed {m}" for m in s.missed] + [f"    wrong  {w}" for w in s.wrong]
        totals.setdefault(split, Score()).add(s)
    for split in sorted(totals):
        lines.append(_row("TOTAL " + split, split, totals[split]))
    return "\n".join(lines)


def _row(name: str, split: str, s: Score) -> str:
    return (
        f"{name:30} {split:6}  {_pct(s.entity_precision)}  {_pct(s.entity_recall)}    "
        f"{_pct(s.claim_precision)}  {_pct(s.claim_recall)}   {_pct(s.plan_precision)}  {_pct(s.plan_recall)}   "
        f"({s.claim_found}/{s.claim_gold}, {s.claim_correct}/{s.claim_extracted})"
    )
