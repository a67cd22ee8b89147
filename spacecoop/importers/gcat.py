"""Import GCAT's organisations table (``orgs.tsv``) as RDF: the backbone of organisations and countries.

The backbone is the 2024 table (``data/gcat/orgs-2024.tsv``); an IRI minted from the earlier table
(about 2020, ``data/gcat/orgs.tsv``) lives on: a changed row keeps its IRI (IRIs are minted from
the code), a row the 2024 table dropped is imported from the earlier table with a note.

Every row becomes one resource: a row whose Type has ``IGO`` a
``sco:IntergovernmentalOrganisation``, any other row a ``sco:Organisation`` — except a
country row: countries are ISO 3166 countries, which live in ``graph/countries/``
(:mod:`spacecoop.importers.countries`), so a ``CY`` row, or a ``CYP`` row (dependent polity)
that ISO 3166-1 codes (Hong Kong), adds no node: its code resolves to the ISO country through
:func:`~spacecoop.importers.countries.gcat_country_iri` (``F`` → ``country:fr``, ``SU`` →
``country:suhh``, ``AAT`` → ``country:au``). A ``CY`` row that resolves to no country (GCAT's
unknown ``X``) is rejected; a ``CYP`` row that ISO does not code (Shanghai, Dagestan) is an
organisation belonging to its state.
The two ``AP`` rows (Earth, Moon: GCAT's "astronomical polities") are not organisations
and are reported as not imported. A row that cannot be imported at all is reported with
its line and the reason; a cell that cannot be read is dropped from its row and reported
as a warning. Nothing is dropped silently.

Decisions, documented once here:

- **Phases** of one organisation share a UCode. They are ordered by start date; a phase
  with no start date is placed by its end date, just before phases that start on that
  date; a phase with neither date stays out of the order (reported). Ties break on the
  code. Consecutive phases are linked with ``sco:precededBy``/``sco:succeededBy``.
- **Names**: ``skos:prefLabel`` @en is the English name of ``gcat_english_names.tsv`` where it
  has one (each with its page), else EName, or Name where EName is ``-``. Every other
  distinct form is a ``skos:altLabel``, tagged by :func:`language_tag`. A ``?`` in a name
  cell is kept visible: a trailing ``?`` leaves the label and goes into a
  ``skos:editorialNote`` together with the raw cell (and a warning); a bracketed remark
  (``[Merged with BMBW?]``) becomes an editorial note too. TeX accents (``f\\"{u}r``)
  are decoded.
- **Countries**: StateCode gives ``sco:country`` (the ISO country or, for ``I-ESA``-like
  codes, the IGO). A Parent that is an organisation gives ``org:subOrganizationOf``; a Parent that
  is a country (the state of a territory, the government of ASI) gives ``sco:country``.
- **Dates**: ``1965`` → year, ``1993 Jun`` → month, ``1968 Feb 20`` → day, ``1990s`` →
  decade (``precision:decade``), a trailing ``?`` → ``…Uncertain true``; ``-`` and a
  lone ``?`` mean unknown; ``*`` (TStop) → ``sco:ongoing true``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from spacecoop.errors import SpaceCoopError
from spacecoop.importers.tabular import CC_BY_4, Dataset, Finding, Report, Row, read_table
from spacecoop.importers.countries import gcat_country_iri
from spacecoop.importers.gcat_table import COLUMNS, GcatDate, parse_gcat_date
from spacecoop.importers.gcat_rows import DEEPCAT_SOURCE, LAUNCHLOG_SOURCE, split_codes
from spacecoop.importers.gcat_builds import DEEPCAT_COLUMNS, MISSIONS_FILE, mission_links_text
from spacecoop.importers.gcat_launches import LAUNCHLOG_COLUMNS
from spacecoop.importers.gcat_layers import (
    LAYERS_DIR,
    backbone_from,
    check_layers,
    curated_graph,
    format_layers,
    import_layers,
    sorted_turtle,
    triples_written,
    write_layers,
)
from spacecoop.namespaces import DCTERMS, GEO, ID, ORG, RDF, SCO, SKOS, VOCAB, XSD, bind_prefixes
from spacecoop.io.paths import DATA_DIR, GRAPH_DIR
from spacecoop.io.outputs import check_output, write_atomic

__all__ = [
    "GcatImport",
    "GcatDate",
    "split_codes",
    "unknown_codes",
    "format_unknown_codes",
    "DATASET",
    "CLASS_SLUGS",
    "ROLE_SLUGS",
    "import_gcat",
    "parse_gcat_date",
    "detect_script",
    "language_tag",
    "summarise",
    "add_parser",
]

DATASET = ID.dataset["gcat-orgs"]
ATTRIBUTION = "Data from GCAT (J. McDowell, planet4589.org/space/gcat)"
GCAT_URL = "https://planet4589.org/space/gcat"
#: The organisations table as imported: the 2024 snapshot, or any table given to :func:`import_gcat`.
ORGS_DATASET = Dataset(
    DATASET,
    "GCAT organisations, imported into SpaceCoop",
    "The organisations table of GCAT, the General Catalog of Artificial Space Objects (data/gcat/"
    'orgs-2024.tsv, "Updated 2024 Jan 13", 3,647 rows); organisations that are only in the earlier '
    "table of about 2020 (data/gcat/orgs.tsv) keep their IRIs and come from that table "
    "(see gcat-orgs-2020). Snapshots, not updated. Generated by `spacecoop import-gcat`.",
    GCAT_URL,
    ATTRIBUTION,
    "Jonathan C. McDowell",
    CC_BY_4,
)
#: The earlier table (about 2020), the home of the rows the 2024 table no longer has.
PREVIOUS_DATASET = Dataset(
    ID.dataset["gcat-orgs-2020"],
    "GCAT organisations of about 2020, for the rows dropped since",
    "The organisations table of GCAT as of about 2020 (data/gcat/orgs.tsv, 2,873 rows), the table "
    "SpaceCoop was first built from. Only the rows whose IRI the 2024 table does not give again are "
    "imported from it. A snapshot, not updated.",
    GCAT_URL,
    ATTRIBUTION,
    "Jonathan C. McDowell",
    CC_BY_4,
)
#: The columns of the launch log and of the deep-space catalogue that hold organisation or state codes.
LAUNCHLOG_CODES = ("SatOwner", "SatState", "Agency", "LVState")
DEEPCAT_CODES = ("Owner", "State", "Manufacturer")
DEFAULT_TSV = DATA_DIR / "gcat" / "orgs-2024.tsv"
PREVIOUS_TSV = DATA_DIR / "gcat" / "orgs.tsv"
DEFAULT_OUT = GRAPH_DIR / "gcat" / "organisations.ttl"
ENGLISH_NAMES_FILE = Path(__file__).with_name("gcat_english_names.tsv")

#: GCAT Class code → ``orgclass:`` slug (see ontology/vocab/orgclass.ttl for the sources).
CLASS_SLUGS = {
    "A": "academic",
    "B": "business",
    "C": "civil",
    "D": "defence",
    "E": "unexplained-e",
    "O": "unexplained-o",
}
#: GCAT Type code → ``orgrole:`` slug (see ontology/vocab/orgrole.ttl for the sources).
ROLE_SLUGS = {
    "O": "payload-owner",
    "LA": "launch-agency",
    "LV": "vehicle-maker",
    "PL": "payload-maker",
    "E": "engine-maker",
    "LS": "launch-site",
    "S": "suborbital-payload-operator",
    "W": "meteorological-rocketry",
    "P": "parent-organisation",
    "CY": "country",
    "CYP": "dependent-polity",
    "IGO": "intergovernmental-organisation",
    "AP": "astronomical-polity",
}

#: State code → (language, the scripts it is written in, the tag of a Latin-script name of
#: the state's that is not English). Only what we are sure of: GCAT's Name is a
#: transliteration for the first group and the local name for the Latin-script group; an
#: Arabic-script name is Arabic in these states, but their Latin names may be French or English.
_ARABIC = ("ar", {"Arab"}, None)
STATE_LANGUAGES = {
    "CN": ("zh", {"Hani"}, "zh-Latn"),
    "TW": ("zh", {"Hani"}, "zh-Latn"),
    "J": ("ja", {"Jpan", "Hani", "Hira", "Kana"}, "ja-Latn"),
    "KR": ("ko", {"Kore", "Hang"}, "ko-Latn"),
    "KP": ("ko", {"Kore", "Hang"}, "ko-Latn"),
    "RU": ("ru", {"Cyrl"}, "ru-Latn"),
    "SU": ("ru", {"Cyrl"}, "ru-Latn"),
    "IR": ("fa", {"Arab"}, "fa-Latn"),
    "F": ("fr", {"Latn"}, "fr"),
    "D": ("de", {"Latn"}, "de"),
    "I": ("it", {"Latn"}, "it"),
    "E": ("es", {"Latn"}, "es"),
    **dict.fromkeys(("DZ", "EG", "IQ", "JO", "LB", "LY", "MA", "QA", "SA", "SY", "UAE", "YE"), _ARABIC),
}
#: First word of a Unicode character name → ISO 15924 script code.
SCRIPTS = {
    "LATIN": "Latn",
    "FULLWIDTH": "Latn",
    "CJK": "Hani",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "KATAKANA-HIRAGANA": "Kana",
    "HANGUL": "Hang",
    "CYRILLIC": "Cyrl",
    "ARABIC": "Arab",
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "THAI": "Thai",
    "LAO": "Laoo",
    "KHMER": "Khmr",
    "GEORGIAN": "Geor",
    "BENGALI": "Beng",
    "DEVANAGARI": "Deva",
    "SINHALA": "Sinh",
    "THAANA": "Thaa",
    "TIBETAN": "Tibt",
    "TAMIL": "Taml",
}
CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
TEX_ACCENT_RE = re.compile(r"""\\([\'"`^~])\{?([A-Za-z])\}?""")
TEX_ACCENTS = {"'": "\u0301", '"': "\u0308", "`": "\u0300", "^": "\u0302", "~": "\u0303"}


@dataclass
class GcatImport:
    """What :func:`import_gcat` made of one file: the graph, the rows imported by kind (``igo``,
    ``organisation``, ``kept``), the country rows (code → ISO country; they add no node) and the
    :class:`~spacecoop.importers.tabular.Report` of the rest."""

    graph: Graph
    report: Report
    imported: Counter = field(default_factory=Counter)
    countries: dict = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return self.report.rows_read

    @property
    def rejected(self) -> list[Finding]:
        """The rows kept out, as ``(line, code, reason)``."""
        return self.report.rejected

    @property
    def warnings(self) -> list[Finding]:
        """The cells dropped or doubted in imported rows, as ``(line, code, message)``."""
        return self.report.warnings

    @property
    def imported_total(self) -> int:
        """How many rows became resources."""
        return sum(self.imported.values())


def detect_script(text: str) -> str | None:
    """The ISO 15924 script of ``text``'s letters, ignoring Latin mixed into another script.

    ``Jpan`` for kanji with kana, ``Kore`` for hanja with hangul, ``Zyyy`` for other
    mixtures, ``None`` when there are no letters.

    >>> detect_script("НПО им. Лавочкина"), detect_script("中国空间技术研究院")
    ('Cyrl', 'Hani')
    >>> detect_script("宇宙航空研究開発機構 JAXA"), detect_script("JAXA")
    ('Hani', 'Latn')
    >>> detect_script("東京大学ロケット")
    'Jpan'
    """
    scripts = {SCRIPTS.get(unicodedata.name(ch, "?").split()[0], "Zzzz") for ch in text if ch.isalpha()}
    if len(scripts) > 1:
        scripts.discard("Latn")
    if {"Hira", "Kana"} & scripts and scripts <= {"Hani", "Hira", "Kana"}:
        return "Jpan"
    if scripts == {"Hani", "Hang"}:
        return "Kore"
    return scripts.pop() if len(scripts) == 1 else ("Zyyy" if scripts else None)


def language_tag(text: str, state: str, english: bool = False) -> str:
    """The BCP 47 tag for a name of an organisation of ``state``.

    ``english`` says the name is known to be English. A Latin name of a state with a
    non-Latin language is its transliteration (``ru-Latn``); a name we cannot place is
    ``und-`` plus its script.

    >>> language_tag("NPO Lavochkin", "RU"), language_tag("НПО им. Лавочкина", "RU")
    ('ru-Latn', 'ru')
    >>> language_tag("Zhongguo kexueyuan", "CN"), language_tag("中国科学院", "CN")
    ('zh-Latn', 'zh')
    >>> language_tag("European Space Agency", "I-ESA", english=True)
    'en'
    >>> language_tag("Kyiv Polytechnic", "UA"), language_tag("Київ", "UA")
    ('und-Latn', 'und-Cyrl')
    >>> language_tag("Centre Royal de Teledetection Spatiale", "MA"), language_tag("المغرب", "MA")
    ('und-Latn', 'ar')
    """
    script = detect_script(text) or "Zyyy"
    language, native, latin = STATE_LANGUAGES.get(state, (None, set(), None))
    if script == "Latn" and (english or latin):
        return "en" if english else latin
    if script in native:
        return language
    return "und" if script == "Zyyy" else f"und-{script}"


def import_gcat(path: str | os.PathLike, previous: str | os.PathLike | None = None) -> GcatImport:
    """Read GCAT's ``orgs.tsv`` at ``path`` into a :class:`GcatImport`; pure, writes nothing.

    ``previous`` is an earlier organisations table whose IRIs must live on: each of its rows whose
    IRI ``path`` does not give again (a code dropped since, or a code now given to another kind of
    thing: ``AM`` was AMSAT, an organisation, and is Armenia in 2024) is imported from the earlier
    table, with its own lifetime and a note, and counted as ``kept``.

    Raises :class:`~spacecoop.errors.SpaceCoopError` (with the file and line) when the file
    cannot be read as a GCAT table at all.

    >>> import pathlib, spacecoop
    >>> fixtures = pathlib.Path(spacecoop.__file__).parents[1] / "tests" / "fixtures" / "gcat"
    >>> result = import_gcat(fixtures / "lavochkin.tsv")
    >>> result.rows_read, result.imported_total, sorted(result.countries), result.rejected
    (5, 3, ['RU', 'SU'], [])
    >>> g, npolo = result.graph, ID.org["npolo"]
    >>> g.value(npolo, SCO.precededBy) == ID.org["npol"], g.value(npolo, SCO.primaryPhase)
    (True, rdflib.term.URIRef('https://w3id.org/spacecoop/id/org/npol'))
    """
    table = read_table(path, COLUMNS, key="Code", what="GCAT organisations table")
    graph = Graph(store="SimpleMemory", bind_namespaces="core")  # no contexts: faster to fill and to read
    result = GcatImport(bind_prefixes(graph), table.report)
    rows = _accepted_rows(table.rows, table.report)
    iris = {row["Code"]: _iri(row) for row in rows}
    kinds = {row["Code"]: _kind(row) for row in rows}
    ORGS_DATASET.describe(result.graph)
    for row in rows:
        if kinds[row["Code"]] == "country":
            result.countries[row["Code"]] = iris[row["Code"]]
            continue
        _add_row(result, row.line, row, iris, kinds)
        result.imported[kinds[row["Code"]]] += 1
    _link_phases(result, [(row.line, row) for row in rows if kinds[row["Code"]] != "country"], iris)
    if previous is not None:
        _keep_previous(result, previous, iris, kinds)
    result.warnings.sort()
    return result


def _keep_previous(result: GcatImport, previous, iris, kinds) -> None:
    """Import the rows of the earlier table whose IRI the current table does not give (see
    :func:`import_gcat`); their links point into the current table."""
    table = read_table(previous, COLUMNS, key="Code", what="GCAT organisations table")
    current = set(iris.values())
    dropped = [
        row for row in _accepted_rows(table.rows, table.report) if _iri(row) not in current and _kind(row) != "country"
    ]
    if not dropped:
        return
    PREVIOUS_DATASET.describe(result.graph)
    name = Path(previous).name
    for row in dropped:
        code, node = row["Code"], _iri(row)
        now = (
            f"the current table gives code {code} to a {kinds[code]}"
            if code in iris
            else f"code {code} is not in the current table (2024 Jan 13)"
        )
        row_iris, row_kinds = {**iris, code: node}, {**kinds, code: _kind(row)}
        _add_row(result, row.line, row, row_iris, row_kinds, source=PREVIOUS_DATASET.iri)
        result.graph.add(
            (
                node,
                SKOS.editorialNote,
                Literal(
                    f"Kept from GCAT's organisations table of about 2020 ({name}, line {row.line}): {now}.", lang="en"
                ),
            )
        )
        result.imported["kept"] += 1


def _accepted_rows(rows: list[Row], report: Report) -> list[Row]:
    """The rows that can be imported; every other row goes to ``report.rejected``."""
    accepted, seen = [], {}
    for row in rows:
        code = row["Code"]
        if not CODE_RE.fullmatch(code):
            report.reject(row.line, code, f"code {code!r} is not a GCAT code")
        elif code.lower() in seen:
            report.reject(
                row.line,
                code,
                f"duplicate of the code on line {seen[code.lower()]} (codes are unique case-insensitively)",
            )
        else:
            seen[code.lower()] = row.line
            if "AP" in row["Type"].split("/"):
                report.reject(row.line, code, "astronomical polity (Earth, Moon): not an organisation or a country")
            elif "CY" in row["Type"].split("/") and _kind(row) != "country" and "IGO" not in row["Type"]:
                report.reject(
                    row.line,
                    code,
                    f"country code {code!r} stands for no ISO 3166 country (see spacecoop/importers/gcat_states.tsv)",
                )
            else:
                accepted.append(row)
    report.rejected.sort()
    return accepted


def _kind(row) -> str:
    types = set(row["Type"].split("/"))
    if "IGO" in types:
        return "igo"
    if {"CY", "CYP"} & types and gcat_country_iri(row["Code"]) is not None:
        return "country"
    return "organisation"


def _iri(row) -> URIRef:
    if _kind(row) == "country":
        return gcat_country_iri(row["Code"])
    return ID.org[row["Code"].lower()]


def _add_row(result: GcatImport, line: int, row: dict[str, str], iris, kinds, source=DATASET) -> None:
    g, code, node = result.graph, row["Code"], iris[row["Code"]]

    def warn(message: str) -> None:
        result.warnings.append((line, code, message))

    kind = kinds[code]
    g.add(
        (
            node,
            RDF.type,
            {"country": SCO.Country, "igo": SCO.IntergovernmentalOrganisation, "organisation": SCO.Organisation}[kind],
        )
    )
    g.add((node, DCTERMS.source, source))
    g.add((node, SCO.gcatCode, Literal(code)))
    g.add((node, SCO.gcatPrimaryCode, Literal(row["UCode"])))
    if row["UCode"] != code:
        if row["UCode"] in iris:
            g.add((node, SCO.primaryPhase, iris[row["UCode"]]))
        else:
            warn(f"primary code {row['UCode']!r} has no row of its own (or was rejected)")
    for state in {row["StateCode"]} - {"-", code}:
        country = iris[state] if kinds.get(state) == "igo" else gcat_country_iri(state)
        if country is not None:
            g.add((node, SCO.country, country))
        else:
            warn(f"state code {state!r} is not a country or intergovernmental organisation")
    for parent in set(row["Parent"].split("/")) - {"-", code}:
        if parent not in iris:
            warn(f"parent {parent!r} is not in the table; the link is left out")
        else:
            g.add((node, SCO.country if kinds[parent] == "country" else ORG.subOrganizationOf, iris[parent]))
    if row["Class"] != "-":
        if row["Class"] in CLASS_SLUGS:
            g.add((node, SCO.orgClass, VOCAB["orgclass"][CLASS_SLUGS[row["Class"]]]))
        else:
            warn(f"unknown Class {row['Class']!r}")
    for part in set(row["Type"].split("/")) - {"-"}:
        if part in ROLE_SLUGS:
            g.add((node, SCO.orgRole, VOCAB["orgrole"][ROLE_SLUGS[part]]))
        else:
            warn(f"unknown Type part {part!r}")
    _add_lifetime(g, node, row, warn)
    _add_place(g, node, row, warn)
    _add_names(g, node, row, warn)


def _add_lifetime(g: Graph, node, row, warn) -> None:
    for column, (date, precision, uncertain) in (
        ("TStart", (SCO.startDate, SCO.startDatePrecision, SCO.startDateUncertain)),
        ("TStop", (SCO.endDate, SCO.endDatePrecision, SCO.endDateUncertain)),
    ):
        if column == "TStop" and row[column] == "*":
            g.add((node, SCO.ongoing, Literal(True)))
            continue
        try:
            parsed = parse_gcat_date(row[column])
        except ValueError as error:
            warn(f"{column} {row[column]!r} dropped: {error}")
            continue
        if parsed:
            g.add((node, date, Literal(parsed.value)))
            g.add((node, precision, VOCAB["precision"][parsed.precision]))
            if parsed.uncertain:
                g.add((node, uncertain, Literal(True)))


def _add_place(g: Graph, node, row, warn) -> None:
    if row["Location"].strip(" :-"):  # ':' and '::' are GCAT's empty "city:site"
        g.add((node, SCO.location, Literal(row["Location"])))
    numbers = {}
    for column, limit in (("Latitude", 90), ("Longitude", 180), ("Error", None)):
        if row[column] == "-":
            continue
        if not NUMBER_RE.fullmatch(row[column]):  # Decimal() also takes NaN, Infinity and 1e999999999
            warn(f"{column} {row[column]!r} dropped: not a number")
            continue
        numbers[column] = Decimal(row[column])
        if limit and abs(numbers[column]) > limit:
            warn(f"{column} {row[column]!r} is out of range; the coordinates are left out")
            numbers.pop(column)
    if numbers.get("Latitude") == numbers.get("Longitude") == 0:
        warn("coordinates 0, 0 are a placeholder; left out")
    elif "Latitude" in numbers and "Longitude" in numbers:
        g.add((node, GEO.lat, Literal(numbers["Latitude"], datatype=XSD.decimal)))
        g.add((node, GEO.long, Literal(numbers["Longitude"], datatype=XSD.decimal)))
        if "Error" in numbers:
            g.add((node, SCO.locationUncertainty, Literal(numbers["Error"], datatype=XSD.decimal)))


def _clean_name(column: str, cell: str, warn) -> tuple[str | None, list[str]]:
    """A name cell as (label text or ``None``, editorial notes keeping what was taken out)."""
    text = TEX_ACCENT_RE.sub(lambda m: unicodedata.normalize("NFC", m[2] + TEX_ACCENTS[m[1]]), cell)
    text = re.sub(r"(\s+-)+$", "", " ".join(text.split()))  # 'UNK     -' pads with dashes
    notes = [f"GCAT {column} remark: {remark}" for remark in re.findall(r"\[([^\]]*)\]", text)]
    text = re.sub(r"\s*\[[^\]]*\]", "", text).strip()
    if "?" in text:
        notes.append(f"GCAT marks the {column} as uncertain: {cell.strip()!r}")
        text = re.sub(r"\s*(\(\?\)|\?)$", "", text)
    for note in notes:
        warn(note)
    return (text if text.strip("- ") else None), notes


def _add_names(g: Graph, node, row, warn) -> None:
    cleaned, notes = {}, []
    for column in ("EName", "Name", "ShortEName", "ShortName", "UName"):
        cleaned[column], column_notes = _clean_name(column, row[column], warn)
        notes += column_notes
    override = english_names().get(row["Code"])
    preferred = (
        (override[0] if override else None)
        or cleaned["EName"]
        or cleaned["Name"]
        or cleaned["ShortEName"]
        or cleaned["ShortName"]
    )
    if not preferred:
        warn("no name in any name column")
        return
    g.add((node, SKOS.prefLabel, Literal(preferred, lang="en")))
    if override:
        given = (
            "GCAT's English name kept as an alternative"
            if cleaned["EName"] or override[2]
            else "GCAT gives no English name"
        )
        notes.append(f"English name from {override[1]}; {given}")
    # GCAT leaves EName/ShortEName '-' where Name/ShortName are already English (unless
    # gcat_english_names.tsv says they are not); a ShortName beside an EName but no
    # ShortEName (an acronym?) cannot be placed.
    english = {preferred, cleaned["EName"], cleaned["ShortEName"]}
    if row["EName"] == "-" and (not override or override[2]):
        english.add(cleaned["Name"])
    if row["EName"] == row["ShortEName"] == "-" and (not override or override[2]):
        english.add(cleaned["ShortName"])
    state, seen = row["StateCode"], {preferred}
    for column in ("EName", "ShortEName", "Name", "ShortName", "UName"):
        text = cleaned[column]
        if text and text not in seen:
            seen.add(text)
            placed = column != "ShortName" or row["ShortEName"] != "-" or bool(override)
            tag = language_tag(text, state if placed else "", english=text in english)
            g.add((node, SKOS.altLabel, Literal(text, lang=tag)))
    for note in notes:
        g.add((node, SKOS.editorialNote, Literal(note, lang="en")))


@cache
def english_names(path: Path = ENGLISH_NAMES_FILE) -> dict[str, tuple[str, str, bool]]:
    """GCAT code → (English name, the page it was read on, whether GCAT's Name is an English form), from
    ``gcat_english_names.tsv``. A fourth cell ``english`` says that GCAT's Name, given without an EName, is an
    English form of the name (abbreviated or misspelt) rather than a native one, so it stays an English altLabel.

    >>> english_names()["ROSK"][:1], english_names()["ROSK"][2], english_names()["ISPUT"][2]
    (('Roscosmos',), False, True)
    """
    names = {}
    for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text.strip() and not text.startswith("#"):
            cells = text.split("\t")
            if (
                len(cells) not in (3, 4)
                or not cells[2].startswith("https://")
                or (len(cells) == 4 and cells[3] != "english")
            ):
                raise SpaceCoopError(
                    "a row needs a GCAT code, an English name, the https page it was read on and, optionally, "
                    "'english' where GCAT's Name is an English form",
                    path=str(path),
                    line=line,
                )
            names[cells[0]] = (cells[1], cells[2], len(cells) == 4)
    return names


def _link_phases(result: GcatImport, rows, iris) -> None:
    """Order the phases of each UCode and link neighbours (rule in the module docstring)."""
    groups = defaultdict(list)
    for line, row in rows:
        groups[row["UCode"]].append((line, row))
    for phases in groups.values():
        if len(phases) < 2:
            continue
        keyed = []
        for line, row in phases:
            key = _phase_key(row)
            if key is None:
                result.warnings.append(
                    (line, row["Code"], "phase has no start or end date; left out of the phase order")
                )
            else:
                keyed.append((key, row["Code"]))
        keyed.sort()
        for (_, earlier), (_, later) in zip(keyed, keyed[1:]):
            result.graph.add((iris[later], SCO.precededBy, iris[earlier]))
            result.graph.add((iris[earlier], SCO.succeededBy, iris[later]))


def _phase_key(row) -> tuple[dt.date, int, str] | None:
    for column, rank in (("TStart", 1), ("TStop", 0)):
        try:
            parsed = parse_gcat_date(row[column]) if row[column] != "*" else None
        except ValueError:
            parsed = None
        if parsed:
            return (parsed.value, rank, row["Code"])
    return None


def unknown_codes(known: set[str], rows, columns: tuple[str, ...]) -> dict[str, list[int]]:
    """Codes in ``columns`` of ``rows`` (tabular rows) that are not in ``known``: code → lines using it.

    >>> from spacecoop.importers.tabular import Row
    >>> unknown_codes({"NASA"}, [Row(2, {"Owner": "NASA/YUANX"}), Row(3, {"Owner": "YUANX?"})], ("Owner",))
    {'YUANX': [2, 3]}
    """
    missing: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        for column in columns:
            for code in split_codes(row[column]):
                if code not in known and row.line not in missing[code][-1:]:
                    missing[code].append(row.line)
    return dict(sorted(missing.items()))


def format_unknown_codes(name: str, missing: dict[str, list[int]], first: int = 10) -> str:
    """One line per unknown code, the most used first: ``CODE: N rows (file:line, …)``."""
    ranked = sorted(missing.items(), key=lambda item: (-len(item[1]), item[0]))
    lines = [f"{name}: {len(missing)} codes not in the organisations table"]
    for code, lines_using in ranked[:first]:
        shown = ", ".join(f"{name}:{line}" for line in lines_using[:3])
        lines.append(
            f"  {code}: {len(lines_using)} row{'s' * (len(lines_using) != 1)} ({shown}"
            f"{', …' if len(lines_using) > 3 else ''})"
        )
    if len(ranked) > first:
        lines.append(f"  … and {len(ranked) - first} more codes")
    return "\n".join(lines)


def summarise(result: GcatImport, first: int = 5) -> str:
    """A short human-readable report of an import: rows imported by kind, then the table's report.

    >>> import pathlib, spacecoop
    >>> fixtures = pathlib.Path(spacecoop.__file__).parents[1] / "tests" / "fixtures" / "gcat"
    >>> print(summarise(import_gcat(fixtures / "lavochkin.tsv")))
    imported: 3 (organisation 3); country rows: 2 (resolved to ISO 3166 countries)
    lavochkin.tsv: rows read: 5, kept: 5, rejected: 0, warnings: 0
    """
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(result.imported.items()))
    return (
        f"imported: {result.imported_total} ({kinds}); country rows: {len(result.countries)} "
        "(resolved to ISO 3166 countries)\n" + result.report.format(first)
    )


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``import-gcat [TSV [--previous TSV]] [--out FILE]`` on the ``spacecoop`` command line."""
    parser = subparsers.add_parser(
        "import-gcat",
        help="turn GCAT's organisations table, launch log and deep-space catalogue into Turtle",
        description="Import a GCAT organisations table as RDF and write it as deterministic Turtle. "
        "Without TSV: the 2024 table of data/gcat/, keeping the IRIs of the 2020 table, "
        "into graph/gcat/organisations.ttl, then the launch-services layer (launchlog.tsv) "
        "and the builders layer (deepcat.tsv) into graph/gcat/launches.ttl and builds.ttl. "
        "Bad rows are kept out and reported with their line. Exit code 0 on success, 2 when a "
        "table cannot be read or an output would shrink by more than half.",
    )
    parser.add_argument("tsv", metavar="TSV", nargs="?", help="a GCAT organisations table (orgs.tsv)")
    parser.add_argument("--previous", metavar="TSV", help="an earlier organisations table whose IRIs must live on")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="FILE",
        help="where to write the Turtle (default: graph/gcat/organisations.ttl in the project)",
    )
    parser.add_argument(
        "--layers-dir",
        type=Path,
        default=LAYERS_DIR,
        metavar="DIR",
        help="where the launch-services and builders layers go (launches.ttl, builds.ttl; "
        "default: graph/gcat); written only without TSV",
    )
    parser.add_argument(
        "--match-missions",
        action="store_true",
        help="match the curated missions to their deep-space catalogue rows again and rewrite "
        "spacecoop/importers/gcat_missions.tsv (by default the layers link the missions it lists)",
    )
    parser.add_argument(
        "--allow-shrink",
        action="store_true",
        help="replace an output even with less than half of its triples (refused by default)",
    )
    parser.set_defaults(func=_run)
    return parser


SHRINK_LIMIT = 0.5
"""An import may not replace an output more than twice its size (in triples) without ``--allow-shrink``."""


def check_not_shrinking(result: GcatImport, tsv: str, out: Path, allow_shrink: bool = False) -> None:
    """Refuse an import that imported nothing, or that would replace ``out`` with less than
    :data:`SHRINK_LIMIT` of its triples (a cut or header-only table must not empty the backbone)."""
    if result.imported_total == 0:
        raise SpaceCoopError(
            f"no organisation could be imported ({result.rows_read} rows read, "
            f"{len(result.rejected)} rejected): {out} is left as it was",
            path=tsv,
        )
    before = None if allow_shrink else triples_written(out)  # what cannot be read: replacing it loses nothing
    if before is not None and len(result.graph) < SHRINK_LIMIT * before:
        raise SpaceCoopError(
            f"the import holds {len(result.graph):,} triples, {out} holds {before:,}: an import "
            f"that shrinks its output by more than half is refused ({out} is left as it was); "
            "check the table, or pass --allow-shrink",
            path=tsv,
        )


def _run(args: argparse.Namespace) -> int:
    tsv, previous = (args.tsv, args.previous) if args.tsv else (DEFAULT_TSV, args.previous or PREVIOUS_TSV)
    inputs = [tsv, previous] if previous else [tsv]
    check_output(args.out, inputs)
    result = import_gcat(tsv, previous)
    check_not_shrinking(result, str(tsv), args.out, args.allow_shrink)
    layers, planned = None, []
    if not args.tsv:
        layers = import_layers(backbone_from(result.graph), curated_graph() if args.match_missions else None)
        if args.match_missions:
            write_atomic(MISSIONS_FILE, mission_links_text(layers.matches))
        tables = [*inputs, LAUNCHLOG_SOURCE.path, DEEPCAT_SOURCE.path]
        planned = check_layers(layers, args.layers_dir, args.allow_shrink)
        for out, _ in planned:
            check_output(out, tables)
    write_atomic(args.out, sorted_turtle(result.graph), inputs)
    print(summarise(result))
    if layers is not None:
        written = write_layers(planned, tables)
        print(format_layers(layers))
        print("wrote " + ", ".join(str(path) for path in written))
    if not args.tsv:
        known = {str(code) for code in result.graph.objects(None, SCO.gcatCode)} | set(result.countries)
        for path, columns, code_columns, key in (
            (DATA_DIR / "gcat" / "launchlog.tsv", LAUNCHLOG_COLUMNS, LAUNCHLOG_CODES, "JCAT"),
            (DATA_DIR / "gcat" / "deepcat.tsv", DEEPCAT_COLUMNS, DEEPCAT_CODES, "JCAT"),
        ):
            table = read_table(path, columns, key=key, what=f"GCAT table {path.name}")
            print(format_unknown_codes(path.name, unknown_codes(known, table.rows, code_columns)))
    print(f"wrote {len(result.graph)} triples to {args.out}")
    return 0
