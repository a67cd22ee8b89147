"""One test per crash the fuzzers (scripts/fuzz-ingest, scripts/fuzz-gcat) found, named after it.

docs/fuzzing.md lists the runs and what each found. A crash is any exception other than
SpaceCoopError; each input here is the smallest one kept by the fuzzer, or a hand-made one with
the same cause.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from spacecoop.importers.gcat import COLUMNS, import_gcat, summarise
from spacecoop.io.write import to_turtle

HEADER = "#" + "\t".join(COLUMNS) + "\n"


def gcat_row(**cells: str) -> str:
    row = dict(
        zip(
            COLUMNS,
            [
                "NPOL",
                "NPOL",
                "-",
                "O",
                "B",
                "1965",
                "-",
                "Lavochkin",
                "NPO Lavochkin",
                "Khimki",
                "37.45",
                "55.90",
                "0.0000",
                "-",
                "-",
                "-",
                "-",
            ],
        )
    )
    row.update(cells)
    return "\t".join(row[column] for column in COLUMNS) + "\n"


# ---- GCAT importer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell", ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "1e999999999999999999", "1E5", "\u0661\u0662"]
)
@pytest.mark.parametrize("column", ["Latitude", "Longitude", "Error"])
def test_gcat_non_finite_or_exponent_coordinate_is_a_warning_not_a_crash(tmp_path, column, cell):
    """decimal.InvalidOperation from abs(Decimal('NaN')) > 90, and decimal.Overflow from Decimal('1e999…')."""
    path = tmp_path / "orgs.tsv"
    path.write_text(HEADER + gcat_row(**{column: cell}), encoding="utf-8")
    result = import_gcat(path)
    assert result.imported_total == 1
    assert any(f"{column} {cell!r} dropped: not a number" in message for _, _, message in result.warnings)
    summarise(result)
    to_turtle(result.graph)


# ---- news-article reader (ingest) -----------------------------------------------------------------


def test_ingest_printed_date_with_a_weekday_does_not_overflow():
    """OverflowError: printed_date() resolves every date of the article's head against date.min, and
    "on Wednesday" steps back from it (fuzz-ingest, first minute). Fixed in resolve_dates(), which
    now catches OverflowError with ValueError."""
    from spacecoop.ingest.dates import printed_date

    assert printed_date("The agency announced on Wednesday.\n13.07.2022\nMOSCOW") == date(2022, 7, 13)
    assert printed_date("Yesterday the agency spoke.\n13.07.2022") == date(2022, 7, 13)


@pytest.mark.parametrize(
    "published, phrase",
    [(date.min, "yesterday"), (date.max, "tomorrow"), (date.min, "on Sunday"), (date(1, 1, 3), "on Friday")],
)
def test_ingest_relative_dates_at_the_ends_of_the_calendar_do_not_overflow(published, phrase):
    """The same OverflowError through --published 0001-01-01 or 9999-12-31."""
    from spacecoop.ingest.dates import resolve_dates

    resolve_dates(f"ESA said {phrase} that talks were halted.", published)


def test_ingest_fuzz_crash_input_gives_candidates_or_an_error(tmp_path):
    """The smallest input fuzz-ingest kept for the crash above, through the reader end to end."""
    from spacecoop.errors import SpaceCoopError
    from spacecoop.ingest.article import read_article
    from spacecoop.ingest.candidates import describe_source

    path = tmp_path / "article.txt"
    path.write_bytes(
        b"1325.0nal Space Administrat.07.2022\nListen Live\n\nMOSCOW/PARIS \xe2\x80\x94 The ion (CNSA) "
        b"announced on Wednesday.\n\nThe probe is due to launch around 2026.\n"
    )
    try:
        describe_source(path, read_article(path))
    except SpaceCoopError:
        pass


def test_ingest_plan_in_a_bare_month_of_an_article_dated_9999_does_not_crash():
    """ValueError: year 10000 is out of range (fuzz-ingest, run 2): an article printed "9999-12-31" at its
    top, and a plan "for launch in July" is moved to the next July, in year 10000 (ingest/plans.py
    ``_forward``)."""
    from spacecoop.ingest.plans import _forward
    from spacecoop.ingest.dates import resolve_dates

    published = date(9999, 12, 31)
    (july,) = [m for m in resolve_dates("The probe is planned for launch in July.", published) if m.kind == "month"]
    assert _forward(july, published).date.year == 9999


def test_ingest_fuzz_crash_input_with_a_plan_in_9999(tmp_path):
    """The article the fuzzer kept for the crash above, end to end (with the fixture gazetteer)."""
    from spacecoop.errors import SpaceCoopError
    from spacecoop.ingest.article import read_article
    from spacecoop.ingest.candidates import candidate_graph, describe_source
    from spacecoop.ingest.extract import extract
    from spacecoop.ingest.gazetteer import Gazetteer, load_knowledge_graph

    gazetteer = Gazetteer.from_graph(
        load_knowledge_graph([Path(__file__).parent / "fixtures" / "ingest" / "gazetteer.ttl"])
    )
    path = tmp_path / "article.txt"
    path.write_text(
        "9999-12-31\nRoscosmos and the European Space Agency (ESA) signed a memorandum of understanding.\n"
        "The European Luna-25 is planned for launch in July.\n",
        encoding="utf-8",
    )
    try:
        source = describe_source(path, read_article(path))
        candidate_graph(extract(read_article(path), source.published, gazetteer), source)
    except SpaceCoopError:
        pass


# ---- strict RDF loader ------------------------------------------------------------------------------


def test_load_language_tag_after_a_line_break_is_an_error_with_its_line(tmp_path):
    """fuzz-load: ``"Chang'e-3"\\r\\n@en`` — Oxigraph accepts white space before a language tag, rdflib
    does not, so the file was refused without a line. rdflib's own line is now reported."""
    from spacecoop.errors import SpaceCoopError
    from spacecoop.io.read import parse_file

    path = tmp_path / "tag.ttl"
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n"
        '<https://w3id.org/spacecoop/id/mission/change-3>\n    skos:prefLabel "Chang\'e-3"\r\n@en .\n',
        encoding="utf-8",
        newline="",
    )
    with pytest.raises(SpaceCoopError, match="malformed turtle") as caught:
        parse_file(path)
    assert caught.value.line == 5
