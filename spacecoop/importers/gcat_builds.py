"""The builders layer: who built whose deep-space probe, from GCAT's deep-space catalogue, and the curated
missions GCAT lists.

One payload row of ``data/gcat/deepcat.tsv`` (a ``Type`` starting with ``P``) names its ``Owner``,
``State`` and ``Manufacturer``. Decisions, documented once here:

- **A manufacturing contract** is a payload built by an organisation that is not among its owners, in the
  same state or another (the deep-space catalogue is small, and who builds whose probe at home — JPL's
  for NASA, Lavochkin's for the Soviet academy — is part of the question): ``cooptype:manufacturing-contract``
  with the owners and the owner state as ``customer``, the builders and their states (on the launch date)
  as ``manufacturer``; status ``completed``, ``sco:endDate`` the launch date (the probe was built by then),
  the row of ``source:gcat-deepcat`` as evidence. The spacecraft gains ``sco:manufacturer``.
- **The spacecraft**: the launch log's ``craft:<JCAT>`` where the launch-services layer describes the same
  object (deepcat's ``Satcat`` number), else ``craft:<deepcat JCAT>`` described here.
- **Curated missions** (``sco:Mission`` in ``graph/``) gain ``sco:jcat`` and ``sco:cosparId`` from the row
  that is theirs, matched carefully (:func:`match_missions`): a name of the mission (its labels, and the
  parts of a label before and in brackets) equals the row's ``Name`` or ``PLName`` once case, spaces and
  punctuation are set aside; where the curated record dates the launch (a launch ``sco:Milestone``), the
  row's launch date is within a day of it (or in its month or year, for a milestone known to that
  precision); where it does not, the name must be the row's ``Name`` (GCAT's recommended name, not the
  project name: the curated LISA is not the row of LISA Pathfinder, whose ``PLName`` is LISA) and the
  mission must not be only of Earth-orbit kinds (the curated GRACE is not a lunar hopper named Grace);
  where several rows fit, the one whose ``Name`` is the mission's preferred label (the curated Hiten, also
  called Hagoromo, is the row Hiten, not its subsatellite Hagoromo); and the match is one row to one
  mission. Everything else is left unlinked and reported.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from spacecoop.importers.gcat_rows import (
    DEEPCAT_SOURCE,
    Backbone,
    Layer,
    craft_iri,
    parse_launch_date,
    row_name,
    slug,
    split_codes,
)
from spacecoop.importers.tabular import Row, read_table
from spacecoop.errors import SpaceCoopError
from spacecoop.namespaces import ID, SCO

__all__ = [
    "DEEPCAT_COLUMNS",
    "MISSIONS_FILE",
    "Match",
    "payload_rows",
    "curated_missions",
    "match_missions",
    "read_mission_links",
    "mission_links_text",
    "builds",
]

MISSIONS_FILE = Path(__file__).with_name("gcat_missions.tsv")
_MISSIONS_HEADER = """\
# Curated missions and the row of GCAT's deep-space catalogue (data/gcat/deepcat.tsv) that is their spacecraft,
# as spacecoop.importers.gcat_builds.match_missions matched them (name and launch date; see its module).
# Written by `spacecoop import-gcat --match-missions`, read by `spacecoop import-gcat`: the builders layer gives
# each mission its sco:jcat and sco:cosparId from this list, so the layer does not change when a curated file does.
#mission\tjcat\tpiece\tmatch
"""

DEEPCAT_COLUMNS = (
    "JCAT",
    "Satcat",
    "Launch_Tag",
    "Piece",
    "Type",
    "Name",
    "PLName",
    "LDate",
    "Parent",
    "SDate",
    "Primary",
    "DDate",
    "Status",
    "Dest",
    "Owner",
    "State",
    "Manufacturer",
    "Bus",
    "Motor",
    "Mass",
    "MassFlag",
    "DryMass",
    "DryFlag",
    "TotMass",
    "TotFlag",
    "Length",
    "LFlag",
    "Diameter",
    "DFlag",
    "Span",
    "SpanFlag",
    "Shape",
    "ODate",
    "Perigee",
    "PF",
    "Apogee",
    "AF",
    "Inc",
    "IF",
    "OpOrbit",
    "OQUAL",
    "AltNames",
)


#: Mission kinds of spacecraft that stay in Earth orbit: not in the deep-space catalogue.
EARTH_ORBIT_KINDS = {"earth-observation", "navigation", "communications"}


@dataclass(frozen=True)
class Match:
    """A curated mission and the deep-space catalogue row that is its spacecraft."""

    mission: URIRef
    jcat: str
    piece: str
    how: str


@dataclass
class CuratedMission:
    """What the matching reads of a curated mission: its names and the launch dates the record gives."""

    iri: URIRef
    names: set[str] = field(default_factory=set)
    launches: list[tuple[dt.date, str]] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    preferred: set[str] = field(default_factory=set)

    @property
    def earth_orbit_only(self) -> bool:
        return bool(self.kinds) and self.kinds <= EARTH_ORBIT_KINDS


def _key(name: str) -> str:
    """A name with case, spaces and punctuation set aside: ``Chang'e-4`` → ``change4``."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def payload_rows(path: str | os.PathLike = DEEPCAT_SOURCE.path):
    """The deep-space catalogue's table and its payload rows, each with its launch date (``None`` when
    unknown); a row whose date cannot be read is rejected in the table's report."""
    table = read_table(path, DEEPCAT_COLUMNS, key="JCAT", what="GCAT deep space catalog")
    rows = []
    for row in table.rows:
        if not row["Type"].startswith("P"):
            continue
        try:
            date = parse_launch_date(row["LDate"]).value if row["LDate"] not in ("-", "?") else None
        except ValueError as error:
            table.report.reject(row.line, row["JCAT"], str(error))
            continue
        rows.append((row, date))
    return table, rows


_MISSIONS_QUERY = """
PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?mission ?name ?kind WHERE {
  ?mission a sco:Mission ; skos:prefLabel|skos:altLabel ?name . OPTIONAL { ?mission sco:missionKind ?kind } }"""
_PREFERRED_QUERY = """
PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?mission ?name WHERE { ?mission a sco:Mission ; skos:prefLabel ?name }"""
_LAUNCHES_QUERY = """
PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX milestonekind: <https://w3id.org/spacecoop/vocab/milestonekind/>
SELECT ?mission ?date ?precision WHERE {
  ?m a sco:Milestone ; sco:milestoneKind milestonekind:launch ; sco:concerns ?mission ; sco:date ?date .
  OPTIONAL { ?m sco:datePrecision ?precision } }"""


def _rows(graph: Graph, query: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in graph.query(query)]  # type: ignore[arg-type]


def curated_missions(graph: Graph) -> dict[URIRef, CuratedMission]:
    """The missions of a curated ``graph`` with their name keys and recorded launch dates."""
    missions: dict[URIRef, CuratedMission] = {}
    for mission, name, kind in _rows(graph, _MISSIONS_QUERY):
        entry = missions.setdefault(mission, CuratedMission(mission))
        if kind is not None:
            entry.kinds.add(str(kind).rsplit("/", 1)[-1])
        text = str(name)
        for part in (text, *re.split(r"\s*[()]\s*", text)):
            if _key(part):
                entry.names.add(_key(part))
    for mission, name in _rows(graph, _PREFERRED_QUERY):
        missions[mission].preferred |= {_key(part) for part in (str(name), *re.split(r"\s*[()]\s*", str(name)))}
    for mission, date, precision in _rows(graph, _LAUNCHES_QUERY):
        if mission in missions and isinstance(date.toPython(), dt.date):
            missions[mission].launches.append((date.toPython(), str(precision).rsplit("/", 1)[-1]))
    return missions


def _date_agrees(launched: dt.date | None, recorded: list[tuple[dt.date, str]]) -> bool:
    if not recorded:
        return True
    if launched is None:
        return False
    for date, precision in recorded:
        if precision == "day" and abs((launched - date).days) <= 1:
            return True
        if precision == "month" and (launched.year, launched.month) == (date.year, date.month):
            return True
        if precision == "year" and launched.year == date.year:
            return True
    return False


def match_missions(missions: dict[URIRef, CuratedMission], rows) -> tuple[list[Match], list[str]]:
    """The curated missions matched to payload rows (rule in the module docstring), and a line for each
    mission whose name GCAT has but that was left unlinked (ambiguous, or dated otherwise).

    >>> from rdflib import Literal
    >>> missions = {ID.mission["luna-25"]: CuratedMission(ID.mission["luna-25"], {"luna25", "lunaglob"},
    ...                                                    [(dt.date(2023, 8, 10), "day")])}
    >>> row = Row(9, {"JCAT": "D01128", "Name": "Luna-25", "PLName": "Luna-Glob", "Piece": "2023-118A"})
    >>> matches, unlinked = match_missions(missions, [(row, dt.date(2023, 8, 10))])
    >>> matches[0].jcat, matches[0].how, unlinked
    ('D01128', 'name Luna-25, launch date 2023-08-10 as recorded', [])
    """
    by_key: dict[str, list] = {}
    for row, date in rows:
        for column in ("Name", "PLName"):
            if row[column] not in ("", "-"):
                by_key.setdefault(_key(row[column]), []).append((row, date, column))
    found: dict[URIRef, tuple] = {}
    unlinked = []
    for iri, mission in sorted(missions.items()):
        columns = ("Name", "PLName") if mission.launches else ("Name",)
        candidates = {
            row["JCAT"]: (row, date)
            for key in mission.names
            for row, date, column in by_key.get(key, [])
            if column in columns
        }
        if not candidates or (not mission.launches and mission.earth_orbit_only):
            continue
        agreeing = {jcat: pair for jcat, pair in candidates.items() if _date_agrees(pair[1], mission.launches)}
        if len(agreeing) > 1:  # the row of the mission's preferred name, where the others carry other names of it
            preferred = {jcat: pair for jcat, pair in agreeing.items() if _key(pair[0]["Name"]) in mission.preferred}
            agreeing = preferred if len(preferred) == 1 else agreeing
        if len(agreeing) == 1:
            found[iri] = next(iter(agreeing.values()))
        else:
            listed = ", ".join(f"{jcat} {row['Name']} ({date})" for jcat, (row, date) in sorted(candidates.items()))
            why = "no row launched on the recorded date" if not agreeing else "several rows fit"
            unlinked.append(f"{iri}: {why}: {listed}")
    claimed: dict[str, list[URIRef]] = {}
    for iri, (row, _) in found.items():
        claimed.setdefault(row["JCAT"], []).append(iri)
    matches = []
    for iri, (row, date) in sorted(found.items()):
        if len(claimed[row["JCAT"]]) > 1:
            unlinked.append(f"{iri}: row {row['JCAT']} fits {len(claimed[row['JCAT']])} missions")
            continue
        name = row["Name"] if _key(row["Name"]) in missions[iri].names else row["PLName"]
        how = f"name {name}, " + (
            f"launch date {date} as recorded" if missions[iri].launches else "no launch date recorded"
        )
        matches.append(Match(iri, row["JCAT"], row["Piece"], how))
    return matches, unlinked


def mission_links_text(matches: list[Match]) -> str:
    """The matches as the text of :data:`MISSIONS_FILE` (sorted by mission)."""
    lines = [f"{str(m.mission).rsplit('/', 1)[-1]}\t{m.jcat}\t{m.piece}\t{m.how}" for m in matches]
    return _MISSIONS_HEADER + "".join(line + "\n" for line in sorted(lines))


def read_mission_links(path: Path = MISSIONS_FILE) -> list[Match]:
    """The matches listed in :data:`MISSIONS_FILE`.

    >>> [m.jcat for m in read_mission_links() if m.mission == ID.mission["luna-25"]]
    ['D01128']
    """
    matches = []
    for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.strip() and not text.startswith("#"):
            cells = text.split("\t")
            if len(cells) != 4 or not all(cells[:2]):
                raise SpaceCoopError(
                    "a row needs a mission slug, a JCAT, a COSPAR piece and how it matched", path=str(path), line=line
                )
            matches.append(Match(ID.mission[cells[0]], cells[1], cells[2], cells[3]))
    return matches


def builds(backbone: Backbone, rows, launch_crafts: set[URIRef], matches: list[Match], table_report) -> Layer:
    """The builders layer of the payload ``rows`` (from :func:`payload_rows`); ``launch_crafts`` are the
    spacecraft the launch-services layer describes; ``matches`` the curated missions matched."""
    layer = Layer("builds", reports=[table_report])
    source = DEEPCAT_SOURCE
    source.describe(layer)
    mission_of = {match.jcat: match for match in matches}
    for match in matches:
        layer.add(match.mission, SCO.jcat, Literal(match.jcat))
        if match.piece not in ("", "-"):
            layer.add(match.mission, SCO.cosparId, Literal(match.piece))
        layer.count("missions linked")
    for row, date in rows:
        owners = split_codes(row["Owner"])
        makers = [code for code in split_codes(row["Manufacturer"]) if code not in owners]
        known = [node for code in makers if (node := backbone.organisation(code)) is not None]
        for code in makers:
            if backbone.organisation(code) is None:
                table_report.warn(row.line, row["JCAT"], f"manufacturer {code!r} is not in the organisations table")
        if not known:
            continue
        customers = backbone.parties(owners, row["State"], date)
        builders = known + [state for node in known if (state := backbone.state_of(node, date)) is not None]
        parties = [(a, "customer") for a in customers] + [(a, "manufacturer") for a in builders]
        if len({agent for agent, _ in parties}) < 2:
            continue
        craft = _craft(layer, row, launch_crafts)
        for node in known:
            layer.add(craft, SCO.manufacturer, node)
        concerns = [craft]
        if row["JCAT"] in mission_of:
            concerns.append(mission_of[row["JCAT"]].mission)
        name = row_name(row)
        label = f"{name} ({row['Owner']}, {row['State']}) built by {'/'.join(makers)}"
        layer.cooperation(
            ID.cooperation[f"gcat-build-{slug(row['JCAT'])}"],
            label,
            "manufacturing-contract",
            "completed",
            parties,
            source.evidence(layer, row["JCAT"]),
            source.snapshot,
            concerns,
            end=date,
        )
    return layer


def _craft(layer: Layer, row: Row, launch_crafts: set[URIRef]) -> URIRef:
    """The launch layer's spacecraft for the same object (deepcat's ``Satcat``), or one described here."""
    if row["Satcat"].isdigit() and (node := craft_iri(f"S{int(row['Satcat']):05d}")) in launch_crafts:
        return node
    return layer.spacecraft(row)
