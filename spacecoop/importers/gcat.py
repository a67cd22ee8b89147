"""Import GCAT's organisations table (``orgs.tsv``) as RDF.

Every row becomes one resource: a ``CY`` row a :class:`sco:Country`, a row whose Type
has ``IGO`` a ``sco:IntergovernmentalOrganisation``, any other row a ``sco:Organisation``.
The two ``AP`` rows (Earth, Moon: GCAT's "astronomical polities") are not organisations
and are reported as not imported. A row that cannot be imported at all is reported with
its line and the reason; a cell that cannot be read is dropped from its row and reported
as a warning. Nothing is dropped silently.

Decisions, documented once here:

- **Phases** of one organisation share a UCode. They are ordered by start date; a phase
  with no start date is placed by its end date, just before phases that start on that
  date; a phase with neither date stays out of the order (reported). Ties break on the
  code. Consecutive phases are linked with ``sco:precededBy``/``sco:succeededBy``.
- **Names**: ``skos:prefLabel`` @en is EName, or Name where EName is ``-``. Every other
  distinct form is a ``skos:altLabel``, tagged by :func:`language_tag`. A ``?`` in a name
  cell is kept visible: a trailing ``?`` leaves the label and goes into a
  ``skos:editorialNote`` together with the raw cell (and a warning); a bracketed remark
  (``[Merged with BMBW?]``) becomes an editorial note too. TeX accents (``f\\"{u}r``)
  are decoded.
- **Countries**: StateCode gives ``sco:country`` (a country or, for ``I-ESA``-like codes,
  the IGO). A Parent that is an organisation gives ``org:subOrganizationOf``; a Parent that
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
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID

from spacecoop.errors import SpaceCoopError
from spacecoop.namespaces import DCTERMS, GEO, ID, ORG, RDF, SCO, SKOS, VOCAB, XSD, bind_prefixes
from spacecoop.io.paths import GRAPH_DIR
from spacecoop.io.write import to_turtle, write_atomic

__all__ = [
    "GcatImport", "GcatDate", "DATASET", "CLASS_SLUGS", "ROLE_SLUGS", "import_gcat",
    "parse_gcat_date", "detect_script", "language_tag", "summarise", "add_parser",
]

DATASET = ID.dataset["gcat-orgs"]
DEFAULT_OUT = GRAPH_DIR / "gcat" / "organisations.ttl"
COLUMNS = (
    "Code", "UCode", "StateCode", "Type", "Class", "TStart", "TStop", "ShortName", "Name",
    "Location", "Longitude", "Latitude", "Error", "Parent", "ShortEName", "EName", "UName",
)

#: GCAT Class code → ``orgclass:`` slug (see ontology/vocab/orgclass.ttl for the sources).
CLASS_SLUGS = {
    "A": "academic", "B": "business", "C": "civil", "D": "defence",
    "E": "unexplained-e", "O": "unexplained-o",
}
#: GCAT Type code → ``orgrole:`` slug (see ontology/vocab/orgrole.ttl for the sources).
ROLE_SLUGS = {
    "O": "payload-owner", "LA": "launch-agency", "LV": "vehicle-maker", "PL": "payload-maker",
    "E": "engine-maker", "LS": "launch-site", "S": "suborbital-payload-operator",
    "W": "meteorological-rocketry", "P": "parent-organisation", "CY": "country",
    "IGO": "intergovernmental-organisation", "AP": "astronomical-polity",
}

#: State code → (language, the scripts it is written in, the tag of a Latin-script name of
#: the state's that is not English). Only what we are sure of: GCAT's Name is a
#: transliteration for the first group and the local name for the Latin-script group; an
#: Arabic-script name is Arabic in these states, but their Latin names may be French or English.
_ARABIC = ("ar", {"Arab"}, None)
STATE_LANGUAGES = {
    "CN": ("zh", {"Hani"}, "zh-Latn"), "TW": ("zh", {"Hani"}, "zh-Latn"),
    "J": ("ja", {"Jpan", "Hani", "Hira", "Kana"}, "ja-Latn"),
    "KR": ("ko", {"Kore", "Hang"}, "ko-Latn"), "KP": ("ko", {"Kore", "Hang"}, "ko-Latn"),
    "RU": ("ru", {"Cyrl"}, "ru-Latn"), "SU": ("ru", {"Cyrl"}, "ru-Latn"),
    "IR": ("fa", {"Arab"}, "fa-Latn"),
    "F": ("fr", {"Latn"}, "fr"), "D": ("de", {"Latn"}, "de"), "I": ("it", {"Latn"}, "it"),
    "E": ("es", {"Latn"}, "es"),
    **dict.fromkeys(("DZ", "EG", "IQ", "JO", "LB", "LY", "MA", "QA", "SA", "SY", "UAE", "YE"), _ARABIC),
}
#: First word of a Unicode character name → ISO 15924 script code.
SCRIPTS = {
    "LATIN": "Latn", "FULLWIDTH": "Latn", "CJK": "Hani", "HIRAGANA": "Hira", "KATAKANA": "Kana",
    "KATAKANA-HIRAGANA": "Kana", "HANGUL": "Hang", "CYRILLIC": "Cyrl", "ARABIC": "Arab",
    "GREEK": "Grek", "HEBREW": "Hebr", "THAI": "Thai", "LAO": "Laoo", "KHMER": "Khmr",
    "GEORGIAN": "Geor", "BENGALI": "Beng", "DEVANAGARI": "Deva", "SINHALA": "Sinh",
    "THAANA": "Thaa", "TIBETAN": "Tibt", "TAMIL": "Taml",
}
MONTHS = {m: i for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
DATE_RE = re.compile(
    r"(?P<year>\d{1,4})(?:(?P<decade>s)|\s+(?P<month>[A-Z][a-z]{2})(?:\s+(?P<day>\d{1,2}))?)?"
    r"\s*(?P<doubt>\?)?")
CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
TEX_ACCENT_RE = re.compile(r"""\\([\'"`^~])\{?([A-Za-z])\}?""")
TEX_ACCENTS = {"'": "\u0301", '"': "\u0308", "`": "\u0300", "^": "\u0302", "~": "\u0303"}


class GcatDate(NamedTuple):
    """A GCAT date cell: the first day of the period, its precision, and GCAT's ``?``."""

    value: dt.date
    precision: str
    uncertain: bool


@dataclass
class GcatImport:
    """What :func:`import_gcat` made of one file.

    ``rejected`` and ``warnings`` hold ``(line, code, reason)``; ``imported`` counts the
    imported rows by kind (``country``, ``igo``, ``organisation``).
    """

    graph: Graph
    rows_read: int = 0
    imported: Counter = field(default_factory=Counter)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def imported_total(self) -> int:
        """How many rows became resources."""
        return sum(self.imported.values())


def parse_gcat_date(cell: str) -> GcatDate | None:
    """Read a GCAT TStart/TStop cell; ``None`` when the date is unknown.

    Raises :class:`ValueError` for a cell that is not a GCAT date (``*`` is handled by the
    caller, as it only means something in TStop).

    >>> parse_gcat_date("1965")
    GcatDate(value=datetime.date(1965, 1, 1), precision='year', uncertain=False)
    >>> parse_gcat_date("1949 Oct  1")
    GcatDate(value=datetime.date(1949, 10, 1), precision='day', uncertain=False)
    >>> parse_gcat_date("2008 Apr?").precision, parse_gcat_date("2008 Apr?").uncertain
    ('month', True)
    >>> parse_gcat_date("1990s").precision
    'decade'
    >>> parse_gcat_date("-") is None and parse_gcat_date("?") is None
    True
    >>> parse_gcat_date("1968 Feb 30")
    Traceback (most recent call last):
    ...
    ValueError: day is out of range for month
    """
    cell = cell.strip()
    if cell in ("-", "?"):
        return None
    match = DATE_RE.fullmatch(cell)
    if not match or (match["month"] and match["month"] not in MONTHS):
        raise ValueError(f"not a GCAT date: {cell!r}")
    month, day = MONTHS.get(match["month"] or "Jan"), int(match["day"] or 1)
    value = dt.date(int(match["year"]), month, day)
    precision = ("decade" if match["decade"] else "day" if match["day"]
                 else "month" if match["month"] else "year")
    return GcatDate(value, precision, bool(match["doubt"]))


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


def import_gcat(path: str | os.PathLike) -> GcatImport:
    """Read GCAT's ``orgs.tsv`` at ``path`` into a :class:`GcatImport`; pure, writes nothing.

    Raises :class:`~spacecoop.errors.SpaceCoopError` (with the file and line) when the file
    cannot be read as a GCAT table at all.

    >>> import pathlib, spacecoop
    >>> fixtures = pathlib.Path(spacecoop.__file__).parents[1] / "tests" / "fixtures" / "gcat"
    >>> result = import_gcat(fixtures / "lavochkin.tsv")
    >>> result.rows_read, result.imported_total, result.rejected
    (5, 5, [])
    >>> g, npolo = result.graph, ID.org["npolo"]
    >>> g.value(npolo, SCO.precededBy) == ID.org["npol"], g.value(npolo, SCO.primaryPhase)
    (True, rdflib.term.URIRef('https://w3id.org/spacecoop/id/org/npol'))
    """
    result = GcatImport(bind_prefixes(Graph(bind_namespaces="core")))
    rows = _accepted_rows(_read_rows(path), result)
    iris = {row["Code"]: _iri(row) for _, row in rows}
    kinds = {row["Code"]: _kind(row) for _, row in rows}
    _describe_dataset(result.graph)
    for line, row in rows:
        _add_row(result, line, row, iris, kinds)
        result.imported[kinds[row["Code"]]] += 1
    _link_phases(result, rows, iris)
    result.warnings.sort()
    return result


def _read_rows(path) -> list[tuple[int, list[str]]]:
    """The data lines of the file as (line number, cells); checks the header."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SpaceCoopError(f"cannot read the GCAT table: {error.strerror}", path=str(path)) from error
    lines = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            text = raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError as error:
            raise SpaceCoopError(f"not UTF-8 ({error.reason})", path=str(path), line=number) from error
        if number == 1:
            header = tuple(cell.strip() for cell in text.lstrip("#").split("\t"))
            if not text.startswith("#") or header != COLUMNS:
                raise SpaceCoopError("not a GCAT organisations table: the header line should be "
                                     "#" + "\t".join(COLUMNS), path=str(path), line=1)
        elif text.strip() and not text.startswith("#"):
            lines.append((number, text.split("\t")))
    return lines


def _accepted_rows(lines, result: GcatImport) -> list[tuple[int, dict[str, str]]]:
    """The rows that can be imported; every other row goes to ``result.rejected``."""
    rows, seen = [], {}
    for line, cells in lines:
        result.rows_read += 1
        code = cells[0].strip()
        if len(cells) != len(COLUMNS):
            result.rejected.append((line, code, f"{len(cells)} cells, expected {len(COLUMNS)}"))
        elif not CODE_RE.fullmatch(code):
            result.rejected.append((line, code, f"code {code!r} is not a GCAT code"))
        elif code.lower() in seen:
            result.rejected.append((line, code, f"duplicate of the code on line {seen[code.lower()]} "
                                                "(codes are unique case-insensitively)"))
        elif "AP" in cells[3].strip().split("/"):
            seen[code.lower()] = line
            result.rejected.append((line, code, "astronomical polity (Earth, Moon): not an "
                                                "organisation or a country"))
        else:
            seen[code.lower()] = line
            rows.append((line, {name: cell.strip() for name, cell in zip(COLUMNS, cells)}))
    return rows


def _kind(row) -> str:
    types = row["Type"].split("/")
    return "igo" if "IGO" in types else "country" if "CY" in types else "organisation"


def _iri(row) -> URIRef:
    slug = row["Code"].lower()
    return ID.country[slug] if _kind(row) == "country" else ID.org[slug]


def _describe_dataset(g: Graph) -> None:
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, DCTERMS.title, Literal("GCAT organisations, imported into SpaceCoop", lang="en")))
    g.add((DATASET, DCTERMS.source, Literal("https://planet4589.org/space/gcat", datatype=XSD.anyURI)))
    g.add((DATASET, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    g.add((DATASET, DCTERMS.bibliographicCitation,
           Literal("Data from GCAT (J. McDowell, planet4589.org/space/gcat)")))
    g.add((DATASET, DCTERMS.creator, Literal("Jonathan C. McDowell")))
    g.add((DATASET, DCTERMS.description, Literal(
        "A snapshot of about 2020 of the organisations table (orgs.tsv, 2,873 rows) of GCAT, "
        "the General Catalog of Artificial Space Objects; it is not updated. Generated by "
        "`spacecoop import-gcat`.", lang="en")))


def _add_row(result: GcatImport, line: int, row: dict[str, str], iris, kinds) -> None:
    g, code, node = result.graph, row["Code"], iris[row["Code"]]

    def warn(message: str) -> None:
        result.warnings.append((line, code, message))

    kind = kinds[code]
    g.add((node, RDF.type, {"country": SCO.Country, "igo": SCO.IntergovernmentalOrganisation,
                            "organisation": SCO.Organisation}[kind]))
    g.add((node, DCTERMS.source, DATASET))
    g.add((node, SCO.gcatCode, Literal(code)))
    g.add((node, SCO.gcatPrimaryCode, Literal(row["UCode"])))
    if row["UCode"] != code:
        if row["UCode"] in iris:
            g.add((node, SCO.primaryPhase, iris[row["UCode"]]))
        else:
            warn(f"primary code {row['UCode']!r} has no row of its own (or was rejected)")
    for state in {row["StateCode"]} - {"-", code}:
        if kinds.get(state) in ("country", "igo"):
            g.add((node, SCO.country, iris[state]))
        else:
            warn(f"state code {state!r} is not a country or intergovernmental organisation row")
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
    preferred = cleaned["EName"] or cleaned["Name"] or cleaned["ShortEName"] or cleaned["ShortName"]
    if not preferred:
        warn("no name in any name column")
        return
    g.add((node, SKOS.prefLabel, Literal(preferred, lang="en")))
    # GCAT leaves EName/ShortEName '-' where Name/ShortName are already English; a
    # ShortName beside an EName but no ShortEName (an acronym?) cannot be placed.
    english = {preferred, cleaned["ShortEName"]}
    if row["EName"] == "-":
        english.add(cleaned["Name"])
    if row["EName"] == row["ShortEName"] == "-":
        english.add(cleaned["ShortName"])
    state, seen = row["StateCode"], {preferred}
    for column in ("ShortEName", "Name", "ShortName", "UName"):
        text = cleaned[column]
        if text and text not in seen:
            seen.add(text)
            placed = column != "ShortName" or row["ShortEName"] != "-"
            tag = language_tag(text, state if placed else "", english=text in english)
            g.add((node, SKOS.altLabel, Literal(text, lang=tag)))
    for note in notes:
        g.add((node, SKOS.editorialNote, Literal(note, lang="en")))


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
                result.warnings.append((line, row["Code"], "phase has no start or end date; "
                                                            "left out of the phase order"))
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


def summarise(result: GcatImport, first: int = 5) -> str:
    """A short human-readable report of an import.

    >>> import pathlib, spacecoop
    >>> fixtures = pathlib.Path(spacecoop.__file__).parents[1] / "tests" / "fixtures" / "gcat"
    >>> print(summarise(import_gcat(fixtures / "lavochkin.tsv")))
    rows read: 5
    imported: 5 (country 2, organisation 3)
    rejected: 0
    warnings: 0
    """
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(result.imported.items()))
    lines = [f"rows read: {result.rows_read}", f"imported: {result.imported_total} ({kinds})",
             f"rejected: {len(result.rejected)}"]
    lines += [f"  line {line} {code}: {reason}" for line, code, reason in result.rejected]
    lines.append(f"warnings: {len(result.warnings)}")
    lines += [f"  line {line} {code}: {message}" for line, code, message in result.warnings[:first]]
    if len(result.warnings) > first:
        lines.append(f"  … and {len(result.warnings) - first} more")
    return "\n".join(lines)


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``import-gcat TSV [--out FILE]`` on the ``spacecoop`` command line."""
    parser = subparsers.add_parser(
        "import-gcat", help="turn GCAT's organisations table into Turtle",
        description="Import GCAT's orgs.tsv as RDF and write it as deterministic Turtle. "
                    "Exit code 0 on success, 2 when the table cannot be read.")
    parser.add_argument("tsv", metavar="TSV", help="GCAT organisations table (orgs.tsv)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="FILE",
                        help="where to write the Turtle (default: graph/gcat/organisations.ttl "
                             "in the project)")
    parser.set_defaults(func=_run)
    return parser


def _run(args: argparse.Namespace) -> int:
    result = import_gcat(args.tsv)
    write_atomic(args.out, to_turtle(result.graph))
    print(summarise(result))
    print(f"wrote {len(result.graph)} triples to {args.out}")
    return 0
