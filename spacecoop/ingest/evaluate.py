"""Precision and recall of ingest against gold annotations, per article and in total.

Gold files (``tests/fixtures/ingest/gold/*.toml``) list the entities an article's body mentions and its
cooperation claims, each party a *slot* of acceptable IRIs (an agency or its country). An extracted claim
matches a gold claim when type and status are equal and its participants fill the slots one to one.
Claim precision counts extracted claims matching some gold claim; recall, gold claims matched by some
extracted claim (a fact stated twice is found once). Entities are compared as sets of IRIs.

>>> gold = GoldClaim(slots=[{"scorg:npolo"}, {"country:cn", "scorg:cnsa"}], type="intent", status="offered")
>>> matches({"scorg:npolo", "scorg:cnsa"}, "intent", "offered", gold)
True
>>> matches({"scorg:npolo", "scorg:cnsa", "country:cn"}, "intent", "offered", gold)
False
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

__all__ = ["GoldClaim", "Gold", "Score", "load_gold", "matches", "score", "evaluate_manifest", "format_table"]


@dataclass(frozen=True)
class GoldClaim:
    """A cooperation claim as a careful reader sees it: one set of acceptable IRIs per party."""

    slots: list
    type: str
    status: str
    modality: str | None = None


@dataclass(frozen=True)
class Gold:
    """One article's gold: entity IRIs and claims, prefixed names as in the gold files."""

    entities: frozenset
    claims: tuple


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
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    def add(self, other: "Score") -> "Score":
        for name in ("entity_found", "entity_extracted", "entity_gold", "claim_correct", "claim_extracted",
                     "claim_found", "claim_gold"):
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


def _prefixed(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def load_gold(path: Path) -> Gold:
    """Read a gold TOML file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        claims = tuple(GoldClaim([set(slot) for slot in c["participants"]], c["type"], c["status"], c.get("modality"))
                       for c in data.get("claim", []))
    except (OSError, tomllib.TOMLDecodeError, KeyError) as error:
        raise SpaceCoopError(f"bad gold file: {error}", path=str(path)) from None
    return Gold(frozenset(data.get("entities", [])), claims)


def matches(participants: set, type_: str, status: str, gold: GoldClaim) -> bool:
    """Whether extracted participants, type and status match ``gold`` (parties fill its slots one to one)."""
    if type_ != gold.type or status != gold.status or len(participants) != len(gold.slots):
        return False
    return any(all(p in slot for p, slot in zip(order, gold.slots)) for order in itertools.permutations(participants))


def score(extraction: Extraction, gold: Gold) -> Score:
    """Compare one article's extraction with its gold."""
    entities = {_prefixed(str(m.entity.iri)) for ms in extraction.mentions.values() for m in ms}
    result = Score(len(entities & gold.entities), len(entities), len(gold.entities))
    extracted = [({_prefixed(str(p.entity.iri)) for p in c.parties}, c.cooptype, c.status, c.sentence.index)
                 for c in extraction.claims]
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
    return result


def evaluate_manifest(manifest: Path, gazetteer: Gazetteer) -> list[tuple[str, str, Score]]:
    """Score every article of ``manifest`` (``articles.toml``): ``(name, set, score)`` in manifest order."""
    root = Path(manifest).parent
    rows = []
    for article in tomllib.loads(Path(manifest).read_text(encoding="utf-8"))["article"]:
        text = read_article(root / "articles" / f"{article['name']}.txt")
        extraction = extract(text, date.fromisoformat(article["published"]), gazetteer)
        rows.append((article["name"], article["set"], score(extraction, load_gold(root / "gold" / f"{article['name']}.toml"))))
    return rows


def _pct(value) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def format_table(rows: list[tuple[str, str, Score]], details: bool = False) -> str:
    """Per-article and per-set totals: entity precision/recall, claim precision/recall."""
    lines = [f"{'article':34} {'set':4}  entity P    R    claim P    R   (claims found/gold, correct/extracted)"]
    totals: dict[str, Score] = {}
    for name, split, s in rows:
        lines.append(f"{name:34} {split:4}  {_pct(s.entity_precision)}  {_pct(s.entity_recall)}    "
                     f"{_pct(s.claim_precision)}  {_pct(s.claim_recall)}   ({s.claim_found}/{s.claim_gold}, "
                     f"{s.claim_correct}/{s.claim_extracted})")
        if details:
            lines += [f"    missed {m}" for m in s.missed] + [f"    wrong  {w}" for w in s.wrong]
        totals.setdefault(split, Score()).add(s)
    for split in sorted(totals):
        s = totals[split]
        lines.append(f"{'TOTAL ' + split:34} {split:4}  {_pct(s.entity_precision)}  {_pct(s.entity_recall)}    "
                     f"{_pct(s.claim_precision)}  {_pct(s.claim_recall)}   ({s.claim_found}/{s.claim_gold}, "
                     f"{s.claim_correct}/{s.claim_extracted})")
    return "\n".join(lines)
