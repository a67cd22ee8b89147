"""Tests for spacecoop.importers.gcat: GCAT's orgs.tsv → RDF."""

import argparse
import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

from spacecoop.importers import gcat
from spacecoop.errors import SpaceCoopError
from spacecoop.namespaces import GEO, ID, ORG, RDF, SCO, VOCAB
from spacecoop.io.paths import DATA_DIR, GRAPH_DIR, ONTOLOGY_DIR
from spacecoop.importers.gcat_layers import sorted_turtle

FIXTURES = Path(__file__).parent / "fixtures" / "gcat"
COMMITTED = GRAPH_DIR / "gcat" / "organisations.ttl"
PRECISION = VOCAB["precision"]


def real_tsv() -> Path:
    """The full GCAT table: ``$SPACECOOP_GCAT_TSV``, else ``data/gcat/orgs.tsv``."""
    path = Path(os.environ.get("SPACECOOP_GCAT_TSV", DATA_DIR / "gcat" / "orgs.tsv"))
    assert path.is_file(), f"GCAT table {path} not found (data/gcat/ holds it; SPACECOOP_GCAT_TSV overrides)"
    return path


def load(name: str) -> gcat.GcatImport:
    return gcat.import_gcat(FIXTURES / name)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, value, precision, uncertain",
    [
        ("1965", dt.date(1965, 1, 1), "year", False),
        (" 509", dt.date(509, 1, 1), "year", False),
        ("1993 Jun", dt.date(1993, 6, 1), "month", False),
        ("1968 Feb 20", dt.date(1968, 2, 20), "day", False),
        ("1949 Oct  1", dt.date(1949, 10, 1), "day", False),
        ("1990s", dt.date(1990, 1, 1), "decade", False),
        ("2005?", dt.date(2005, 1, 1), "year", True),
        ("2008 Apr?", dt.date(2008, 4, 1), "month", True),
        ("2015 Feb ?", dt.date(2015, 2, 1), "month", True),
        ("1970s?", dt.date(1970, 1, 1), "decade", True),
    ],
)
def test_parse_gcat_date_forms(cell, value, precision, uncertain):
    assert gcat.parse_gcat_date(cell) == gcat.GcatDate(value, precision, uncertain)


@pytest.mark.parametrize("cell", ["-", "?", " - "])
def test_parse_gcat_date_unknown(cell):
    assert gcat.parse_gcat_date(cell) is None


@pytest.mark.parametrize("cell", ["1965 Foo 3", "1954 Jan 00", "2014 Feb 30", "soon", "*", "19650"])
def test_parse_gcat_date_malformed(cell):
    with pytest.raises(ValueError):
        gcat.parse_gcat_date(cell)


@given(st.dates(min_value=dt.date(100, 1, 1)), st.sampled_from(["year", "month", "day"]), st.booleans())
def test_parse_gcat_date_round_trip(date, precision, uncertain):
    cell = {"year": f"{date.year}", "month": f"{date:%Y %b}", "day": f"{date:%Y %b} {date.day:2d}"}[precision]
    parsed = gcat.parse_gcat_date(cell + ("?" if uncertain else ""))
    first = {"year": date.replace(month=1, day=1), "month": date.replace(day=1), "day": date}[precision]
    assert parsed == gcat.GcatDate(first, precision, uncertain)


def test_row_lifetimes_with_precision_uncertainty_and_ongoing():
    g = load("dates.tsv").graph
    crr, crrc, sls = ID.org["crr"], ID.org["crrc"], ID.org["2sls"]
    assert g.value(crr, SCO.startDate) == Literal(dt.date(1962, 11, 1))
    assert g.value(crr, SCO.startDatePrecision) == PRECISION.day
    assert g.value(crr, SCO.startDateUncertain) is None
    assert g.value(crr, SCO.endDate) == Literal(dt.date(1970, 6, 1))
    assert g.value(crr, SCO.endDatePrecision) == PRECISION.month
    assert g.value(crr, SCO.endDateUncertain) == Literal(True)
    assert g.value(crrc, SCO.startDateUncertain) == Literal(True)
    assert g.value(crrc, SCO.endDate) is None and g.value(crrc, SCO.ongoing) is None
    assert g.value(sls, SCO.startDatePrecision) == PRECISION.decade
    assert g.value(sls, SCO.ongoing) == Literal(True) and g.value(sls, SCO.endDate) is None
    assert gcat.parse_gcat_date(" 509") == gcat.GcatDate(dt.date(509, 1, 1), "year", False)  # France's TStart


# --- phases, parents, countries ----------------------------------------------------------------


def test_lavochkin_phases_in_order_with_primary():
    g = load("lavochkin.tsv").graph
    npol, npolo = ID.org["npol"], ID.org["npolo"]
    assert g.value(npol, SCO.succeededBy) == npolo and g.value(npolo, SCO.precededBy) == npol
    assert g.value(npol, SCO.precededBy) is None and g.value(npolo, SCO.succeededBy) is None
    assert g.value(npolo, SCO.primaryPhase) == npol
    assert g.value(npol, SCO.primaryPhase) is None  # the primary phase is not its own phase
    assert {str(g.value(n, SCO.gcatPrimaryCode)) for n in (npol, npolo)} == {"NPOL"}
    assert str(g.value(npolo, SCO.gcatCode)) == "NPOLO"


def test_phase_with_unknown_start_is_placed_by_its_end_and_undated_phase_is_reported():
    result = load("phases.tsv")
    g = result.graph
    assert g.value(ID.org["anrf"], SCO.precededBy) == ID.org["an"]  # AN: '-' to 1991; ANRF from 1991
    assert (g.value(ID.org["6555a"], SCO.precededBy), g.value(ID.org["6555a"], SCO.succeededBy)) == (None, None)
    assert g.value(ID.org["6555gms"], SCO.primaryPhase) == ID.org["6555a"]
    assert any(code == "6555A" and "phase order" in message for _, code, message in result.warnings)


def test_parent_links_and_missing_parent_is_a_warning():
    assert (ID.org["npolo"], ORG.subOrganizationOf, ID.org["orkk"]) in load("lavochkin.tsv").graph
    result = load("names.tsv")
    assert (ID.org["cast"], ORG.subOrganizationOf, ID.org["casc"]) in result.graph
    assert (ID.org["bwyic"], RDF.type, SCO.Organisation) in result.graph  # imported all the same
    assert result.graph.value(ID.org["bwyic"], ORG.subOrganizationOf) is None
    assert any(code == "BWYIC" and "'CALT'" in message for _, code, message in result.warnings)


def test_state_codes_link_iso_countries_and_country_rows_add_no_node():
    result = load("lavochkin.tsv")
    g = result.graph
    assert g.value(ID.org["npol"], SCO.country) == ID.country["ru"]
    assert sorted(result.countries) == ["RU", "SU"]  # they live in graph/countries/
    assert (ID.country["ru"], None, None) not in g and (ID.country["su"], None, None) not in g
    assert (ID.country["suhh"], None, None) not in g


def test_gcat_only_state_codes_resolve_to_iso():
    result = load("countries.tsv")
    assert set(result.graph.objects(ID.org["asi"], SCO.country)) == {ID.country["it"]}  # GCAT 'I'
    assert not any(
        str(o).endswith(("/country/i", "/country/f", "/country/su")) for o in result.graph.objects(None, SCO.country)
    )


def test_a_country_as_parent_is_the_country_not_a_parent_organisation():
    result = load("countries.tsv")  # AAT: parent AU; ASI: parent I (the Italian state)
    g = result.graph
    assert (ID.country["aat"], None, None) not in g  # a territory row resolves to Australia
    assert set(g.objects(ID.org["asi"], SCO.country)) == {ID.country["it"]}
    assert (None, ORG.subOrganizationOf, None) not in g


def test_igo_esa():
    result = load("esa.tsv")
    g, esa, igo = result.graph, ID.org["esa"], ID.org["i-esa"]
    assert (igo, RDF.type, SCO.IntergovernmentalOrganisation) in g
    assert (igo, RDF.type, SCO.Country) not in g and (ID.country["i-esa"], None, None) not in g
    assert g.value(esa, SCO.country) == igo
    assert g.value(igo, SCO.primaryPhase) == ID.org["i-esro"]
    assert g.value(igo, SCO.precededBy) == ID.org["i-esro"]
    assert g.value(igo, SCO.ongoing) == Literal(True)
    assert result.imported == {"igo": 2, "organisation": 1} and len(result.countries) == 1


def test_roles_and_class_are_concepts_with_notations_in_the_vocabularies():
    g = load("lavochkin.tsv").graph
    roles = set(g.objects(ID.org["npolo"], SCO.orgRole))
    assert roles == {VOCAB["orgrole"][s] for s in ("payload-owner", "launch-agency", "vehicle-maker", "payload-maker")}
    assert g.value(ID.org["npol"], SCO.orgClass) == VOCAB["orgclass"].business
    for name, slugs in (("orgclass", gcat.CLASS_SLUGS), ("orgrole", gcat.ROLE_SLUGS)):
        vocab = Graph().parse(ONTOLOGY_DIR / "vocab" / f"{name}.ttl")
        for code, slug in slugs.items():
            assert str(vocab.value(VOCAB[name][slug], SKOS.notation)) == code


# --- names -----------------------------------------------------------------------------------


def test_chinese_names_are_tagged():
    g = load("names.tsv").graph
    cast = ID.org["cast"]
    assert g.value(cast, SKOS.prefLabel) == Literal(
        "Chinese Academy of Space Technology, Beijing (CASC 5th Acad)", lang="en"
    )
    alt = set(g.objects(cast, SKOS.altLabel))
    assert Literal("中国空间技术研究院", lang="zh") in alt
    assert Literal("Zhongguo kongjian jishu yanjiu yuan", lang="zh-Latn") in alt
    assert Literal("CAST", lang="und-Latn") in alt  # a short name GCAT does not place


def test_russian_names_are_tagged():
    g = load("lavochkin.tsv").graph
    assert g.value(ID.org["npol"], SKOS.prefLabel) == Literal("NPO Lavochkin", lang="en")
    assert Literal("НПО им. Лавочкина", lang="ru") in set(g.objects(ID.org["npol"], SKOS.altLabel))


def test_uncertain_name_keeps_its_doubt_visible():
    result = load("names.tsv")
    chis = ID.org["chis"]
    assert Literal("Zhongguo weixing tongxin gongsi", lang="zh-Latn") in set(result.graph.objects(chis, SKOS.altLabel))
    notes = [str(note) for note in result.graph.objects(chis, SKOS.editorialNote)]
    assert notes == ["GCAT marks the Name as uncertain: 'Zhongguo weixing tongxin gongsi?'"]
    assert any(code == "CHIS" and "uncertain" in message for _, code, message in result.warnings)


def test_tex_accents_are_decoded():
    g = load("names.tsv").graph
    assert str(g.value(ID.org["dma"], SKOS.prefLabel)) == "Délégation Ministérielle pour l'Armement"


# --- broken input ----------------------------------------------------------------------------


def test_broken_rows_are_reported_with_line_and_reason_while_others_import():
    result = load("broken.tsv")
    rejected = {line: (code, reason) for line, code, reason in result.rejected}
    assert set(rejected) == {4, 5, 8}
    assert "10 cells" in rejected[4][1]
    assert rejected[5][0] == "ru" and "duplicate" in rejected[5][1] and "line 2" in rejected[5][1]
    assert "astronomical polity" in rejected[8][1]
    warnings = {(line, message.split()[0]) for line, _, message in result.warnings}
    assert {(3, "TStart"), (3, "TStop"), (7, "Longitude")} <= warnings
    assert any(line == 6 and "'NOPE'" in m for line, _, m in result.warnings)
    assert any(line == 6 and "'XX'" in m for line, _, m in result.warnings)
    assert (result.rows_read, result.imported_total, result.countries) == (7, 3, {"RU": ID.country["ru"]})
    g, npol = result.graph, ID.org["npol"]
    assert g.value(npol, SCO.startDate) is None and g.value(npol, SCO.endDate) is None
    assert g.value(npol, SKOS.prefLabel) == Literal("NPO Lavochkin", lang="en")
    assert g.value(ID.org["amcg"], GEO.lat) is None and g.value(ID.org["amcg"], GEO.long) is None
    assert g.value(ID.org["amcg"], SCO.location) == Literal("Princeton, New Jersey")


@pytest.mark.parametrize(
    "content, line, message",
    [
        (b"Code\tUCode\n", 1, "header"),
        (b"#" + "\t".join(gcat.COLUMNS).encode() + b"\nNPOL\t\xff\n", 2, "not UTF-8"),
    ],
)
def test_unreadable_tables_raise_with_file_and_line(tmp_path, content, line, message):
    bad = tmp_path / "orgs.tsv"
    bad.write_bytes(content)
    with pytest.raises(SpaceCoopError, match=message) as caught:
        gcat.import_gcat(bad)
    assert (caught.value.path, caught.value.line) == (str(bad), line)
    assert str(caught.value).startswith(f"{bad}:{line}: ")


def test_missing_file_raises(tmp_path):
    with pytest.raises(SpaceCoopError, match="cannot read"):
        gcat.import_gcat(tmp_path / "absent.tsv")


# --- the command -----------------------------------------------------------------------------


def run_command(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    gcat.add_parser(parser.add_subparsers())
    args = parser.parse_args(["import-gcat", *argv])
    return args.func(args)


def test_command_writes_deterministically_and_atomically(tmp_path, capsys):
    first, second = tmp_path / "out" / "a.ttl", tmp_path / "out" / "b.ttl"
    assert run_command(str(FIXTURES / "broken.tsv"), "--out", str(first)) == 0
    assert run_command(str(FIXTURES / "broken.tsv"), "--out", str(second)) == 0
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in first.parent.iterdir()) == ["a.ttl", "b.ttl"]  # no temp files left
    out = capsys.readouterr().out
    assert "rows read: 7" in out and "rejected: 3" in out and "broken.tsv:8 EARTH" in out
    assert Graph().parse(first, format="turtle").value(ID.org["npolo"], SCO.gcatCode) == Literal("NPOLO")


def test_command_exit_code_2_on_unreadable_table(tmp_path, capsys):
    from spacecoop import cli

    code = cli.main(["import-gcat", str(tmp_path / "absent.tsv"), "--out", str(tmp_path / "x.ttl")])
    assert code == 2 and "absent.tsv" in capsys.readouterr().err
    assert not (tmp_path / "x.ttl").exists()


# --- the real tables -------------------------------------------------------------------------


def test_real_tables_regenerate_the_committed_graph():
    result = gcat.import_gcat(gcat.DEFAULT_TSV, gcat.PREVIOUS_TSV)
    assert sorted_turtle(result.graph).encode("utf-8") == COMMITTED.read_bytes()


def test_real_table_every_row_imported_or_reported():
    result = gcat.import_gcat(real_tsv())
    assert result.rows_read == 2873
    assert result.imported_total + len(result.countries) + len(result.rejected) == 2873
    assert result.imported == {"igo": 11, "organisation": 2713} and len(result.countries) == 146
    assert [code for _, code, _ in result.rejected] == ["EARTH", "LUNA", "X"]  # X: GCAT's unknown state
    assert len(set(result.graph.subjects(SCO.gcatCode, None))) == result.imported_total


def test_2024_backbone_keeps_every_iri_of_the_2020_table():
    before = set(gcat.import_gcat(gcat.PREVIOUS_TSV).graph.subjects(SCO.gcatCode, None))
    result = gcat.import_gcat(gcat.DEFAULT_TSV, gcat.PREVIOUS_TSV)
    after = set(result.graph.subjects(SCO.gcatCode, None))
    assert before <= after and len(after) - len(before) > 700
    assert result.rows_read == 3647 and result.imported["kept"] == 2
    g = result.graph
    # AM was AMSAT in 2020 and is Armenia in 2024: both IRIs live, AMSAT from the earlier table
    assert g.value(ID.org["am"], RDF.type) == SCO.Organisation
    assert g.value(ID.org["am"], DCTERMS.source) == gcat.PREVIOUS_DATASET.iri
    assert "to a country" in str(g.value(ID.org["am"], SKOS.editorialNote))
    assert result.countries["AM"] == ID.country["am"]  # Armenia is an ISO country (graph/countries/)
    # TUB1 is gone from the 2024 table; it keeps its IRI and says so
    assert "not in the current table" in str(g.value(ID.org["tub1"], SKOS.editorialNote))
    # a dependent polity ISO codes is that ISO country; one it does not code is an organisation of its state
    assert result.countries["HK"] == ID.country["hk"] and result.countries["AAT"] == ID.country["au"]
    assert (ID.org["cn-31"], SCO.orgRole, VOCAB["orgrole"]["dependent-polity"]) in g
    assert g.value(ID.org["cn-31"], SCO.country) == ID.country["cn"]


def test_english_name_first_where_gcat_only_transliterates():
    """GCAT's ROSK has no EName and a transliterated Name: the English name comes from gcat_english_names.tsv."""
    result = gcat.import_gcat(gcat.DEFAULT_TSV)
    rosk = ID.org["rosk"]
    assert result.graph.value(rosk, SKOS.prefLabel) == Literal("Roscosmos", lang="en")
    alt = set(result.graph.objects(rosk, SKOS.altLabel))
    assert Literal("Korporatsii Roskosmos", lang="ru-Latn") in alt
    assert Literal("Roskosmos", lang="ru-Latn") in alt
    assert "iiab.me" in str(result.graph.value(rosk, SKOS.editorialNote))


def test_english_name_replaces_a_misspelt_or_abbreviated_gcat_name():
    """KAZK's EName is misspelt and ISPUT's Name abbreviated: the English name of the page is preferred, and GCAT's
    form stays an English altLabel (ISPUT's Name is English though GCAT gives it without an EName)."""
    result = gcat.import_gcat(gcat.DEFAULT_TSV)
    g = result.graph
    kazk, isput = ID.org["kazk"], ID.org["isput"]
    assert g.value(kazk, SKOS.prefLabel) == Literal("National Space Agency of the Republic of Kazakhstan", lang="en")
    assert Literal("Kazakh National Space Agnecy", lang="en") in set(g.objects(kazk, SKOS.altLabel))
    assert g.value(isput, SKOS.prefLabel) == Literal(
        "Intersputnik International Organization of Space Communications", lang="en"
    )
    alt = set(g.objects(isput, SKOS.altLabel))
    assert {Literal("Intersputnik Intl. Org of Space Comms.", lang="en"), Literal("Intersputnik", lang="en")} <= alt


def test_english_names_table_rows_need_a_page(tmp_path):
    table = tmp_path / "names.tsv"
    table.write_text("#code\tenglish\tsource\nROSK\tRoscosmos\n", encoding="utf-8")
    with pytest.raises(SpaceCoopError) as error:
        gcat.english_names(table)
    assert "names.tsv:2" in str(error.value)
