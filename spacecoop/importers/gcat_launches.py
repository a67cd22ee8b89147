"""The launch-services layer: who launched whose payload across borders, from GCAT's launch log.

One row of ``data/gcat/launchlog.tsv`` is one payload with its owner (``SatOwner``, ``SatState``) and its
launch provider (``Agency``, ``LVState``). Decisions, documented once here:

- **A launch service is international**: a payload whose owner state differs from the launch provider's
  state on the launch date (states as :meth:`~spacecoop.importers.gcat_rows.Backbone.state` resolves
  them: ``I-ESA`` is ESA, ``SU`` after 1991-12-26 is Russia, ``RU`` before it the USSR) gives a
  cooperation of type ``cooptype:launch-service``. Payloads launched by another organisation of the same
  state (NASA's on a US Air Force rocket: 18,668 rows) are domestic procurement, not the international
  cooperation this graph records, and would make the layer five times larger; they are left out.
- **Participants**: the owners GCAT names (``scorg:<code>``, where the backbone has the code) with role
  ``customer``; the launch agencies with role ``launch-provider``. The owner state and the launch state
  take part with the same roles where none of the organisations of their side belongs to them on the
  launch date (an owner code the backbone lacks; a code whose backbone country differs: Russia's codes
  before 1992): so each side's state is always known, from a participant or its ``sco:country``, and the
  layer does not repeat what the backbone says.
- **What it concerns**: the payload (``craft:<JCAT>``, a ``sco:Spacecraft`` with ``sco:jcat``, its
  COSPAR piece as ``sco:cosparId`` and ``sco:launch``) and the launch (``launch:<launch tag>``: COSPAR
  id, UTC date, vehicle, outcome). The outcome follows the second letter of GCAT's launch code
  (``S`` success, ``F`` failure; digits after it are GCAT's success fraction, kept in
  ``sco:gcatLaunchCode``; GCAT's lcols page defines the code). A failed launch is still a contract:
  status ``completed``, with the outcome on the launch.
- **Co-ownership**: a payload with several owners (``GSFC/ESA``) of different states gives a
  ``cooptype:co-ownership`` cooperation (role ``co-owner``, status ``agreed``), whatever the launch.
- **Evidence**: the row (``sco:rowKey`` the JCAT) of the dataset ``source:gcat-launchlog``; the
  cooperation is dated by the launch (``sco:startDate``) and reported on the table's snapshot.

A row that cannot be read (cells, JCAT, date) is rejected with its line; a code the backbone lacks is
left out of the parties and counted. Nothing crashes on a bad row.
"""

from __future__ import annotations

import os

from rdflib import Literal, URIRef

from spacecoop.importers.gcat_rows import (
    LAUNCHLOG_SOURCE,
    Backbone,
    Layer,
    parse_launch_date,
    row_name,
    slug,
    split_codes,
)
from spacecoop.importers.tabular import read_table
from spacecoop.namespaces import ID, RDF, SCO, VOCAB

__all__ = ["LAUNCHLOG_COLUMNS", "OUTCOMES", "launch_services"]

LAUNCHLOG_COLUMNS = (
    "Launch_Tag",
    "Launch_Date",
    "Piece",
    "Type",
    "Name",
    "PLName",
    "JCAT",
    "SatOwner",
    "SatState",
    "LV_Type",
    "Flight_ID",
    "Platform",
    "Launch_Site",
    "Launch_Pad",
    "Ascent_Site",
    "Ascent_Pad",
    "Agency",
    "LVState",
    "Launch_Code",
    "LTCite",
)
#: The second letter of GCAT's launch code → ``outcome:`` slug.
OUTCOMES = {"S": "success", "F": "failure"}


def launch_services(
    backbone: Backbone, path: str | os.PathLike = LAUNCHLOG_SOURCE.path, missions: dict[URIRef, URIRef] | None = None
) -> Layer:
    """The launch-services layer of the launch log at ``path`` (pure: writes nothing).

    ``missions`` maps a spacecraft to the curated mission it is (from the builders layer's matching):
    the cooperation then concerns the mission too.

    >>> import pathlib, spacecoop, datetime as dt
    >>> fixtures = pathlib.Path(spacecoop.__file__).parents[1] / "tests" / "fixtures" / "gcat"
    >>> backbone = Backbone({ID.org["bnc"]: ID.country["gb"], ID.org["gsfc"]: ID.country["us"],
    ...                      ID.org["esa"]: ID.org["i-esa"], ID.org["i-esa"]: ID.org["i-esa"]})
    >>> layer = launch_services(backbone, fixtures / "launchlog.tsv")
    >>> layer.counts["launch-service"], layer.counts["co-ownership"]
    (3, 1)
    >>> print(layer.reports[0].format())
    launchlog.tsv: rows read: 7, kept: 5, rejected: 2, warnings: 0
      launchlog.tsv:7 S25009: not a GCAT launch date: '1997 Okt 15 0843:01'
      launchlog.tsv:8 : 5 cells, expected 20
    """
    missions = missions or {}
    table = read_table(path, LAUNCHLOG_COLUMNS, key="JCAT", what="GCAT launch log")
    layer = Layer("launches", reports=[table.report])
    report, source = table.report, LAUNCHLOG_SOURCE
    launches: dict[str, tuple] = {}
    described = False
    for row in table.rows:
        jcat = row["JCAT"]
        try:
            date = parse_launch_date(row["Launch_Date"]).value
        except ValueError as error:
            report.reject(row.line, jcat, str(error))
            continue
        owners, agencies = split_codes(row["SatOwner"]), split_codes(row["Agency"])
        customer_state = backbone.state(row["SatState"], date)
        provider_state = backbone.state(row["LVState"], date)
        coowners = [node for code in owners if (node := backbone.organisation(code)) is not None]
        coowned = len({backbone.state_of(node, date) for node in coowners} - {None}) > 1
        crossing = customer_state is not None and provider_state is not None and customer_state != provider_state
        if not (crossing or coowned):
            if row["SatState"] != row["LVState"] and (customer_state is None or provider_state is None):
                report.warn(
                    row.line,
                    jcat,
                    f"state {row['SatState'] if customer_state is None else row['LVState']!r} "
                    "is no country or intergovernmental organisation: not imported",
                )
            continue
        launch = _launch(layer, row, date, launches, report)
        if launch is None:
            continue
        if not described:
            source.describe(layer)
            described = True
        craft = layer.spacecraft(row, launch)
        evidence = source.evidence(layer, jcat)
        concerns = [craft, *([missions[craft]] if craft in missions else [])]
        name = row_name(row)
        if crossing:
            customers = backbone.parties(owners, row["SatState"], date)
            providers = backbone.parties(agencies, row["LVState"], date)
            outcome = OUTCOMES.get(row["Launch_Code"][1:2])
            label = (
                f"{name} ({row['SatOwner']}, {row['SatState']}) launched by {row['Agency']} "
                f"({row['LVState']}) on {row['LV_Type']}, {date.isoformat()}"
                + (" (launch failed)" if outcome == "failure" else "")
            )
            layer.cooperation(
                ID.cooperation[f"gcat-launch-{slug(jcat)}"],
                label,
                "launch-service",
                "completed",
                [(a, "customer") for a in customers] + [(a, "launch-provider") for a in providers],
                evidence,
                source.snapshot,
                concerns,
                start=date,
            )
        if coowned:
            label = f"{name} owned together by {row['SatOwner']}, launched {date.isoformat()}"
            layer.cooperation(
                ID.cooperation[f"gcat-coowned-{slug(jcat)}"],
                label,
                "co-ownership",
                "agreed",
                [(a, "co-owner") for a in coowners],
                evidence,
                source.snapshot,
                concerns,
                start=date,
            )
    return layer


def _launch(layer: Layer, row, date, launches: dict, report) -> URIRef | None:
    """The launch of ``row``, described once; a row that contradicts its launch's first row is rejected."""
    tag = row["Launch_Tag"]
    facts = (date, row["LV_Type"], row["Launch_Code"])
    if tag in launches:
        if launches[tag][0] != facts:
            first_line, (first_date, vehicle, code) = launches[tag][1], launches[tag][0]
            report.reject(
                row.line, row["JCAT"], f"launch {tag} differs from line {first_line} ({first_date}, {vehicle}, {code})"
            )
            return None
        return ID.launch[slug(tag)]
    launches[tag] = (facts, row.line)
    node = ID.launch[slug(tag)]
    layer.add(node, RDF.type, SCO.Launch)
    layer.add(node, SCO.cosparId, Literal(tag))
    layer.add(node, SCO.date, Literal(date))
    layer.add(node, SCO.datePrecision, VOCAB["precision"]["day"])
    if row["LV_Type"] not in ("", "-"):
        layer.add(node, SCO.launchVehicle, Literal(row["LV_Type"]))
    layer.add(node, SCO.gcatLaunchCode, Literal(row["Launch_Code"]))
    if row["Launch_Code"][1:2] in OUTCOMES:
        layer.add(node, SCO.outcome, VOCAB["outcome"][OUTCOMES[row["Launch_Code"][1:2]]])
    layer.count("launch")
    return node
