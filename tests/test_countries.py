"""ISO 3166 countries (spacecoop.importers.countries) and the GCAT state codes that name them."""

import csv
import subprocess
import sys

import pycountry
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SKOS

from spacecoop.importers import countries
from spacecoop.io.paths import DATA_DIR, GRAPH_DIR, PROJECT_ROOT, graph_files
from spacecoop.io.write import to_turtle
from spacecoop.namespaces import ID, SCO

COMMITTED = GRAPH_DIR / "countries" / "countries.ttl"


@pytest.fixture(scope="module")
def graph():
    return countries.countries_graph()


def test_committed_file_is_what_the_generator_writes(graph):
    assert to_turtle(graph).encode("utf-8") == COMMITTED.read_bytes()


def test_every_iso_country_and_former_country_is_there(graph):
    typed = set(graph.subjects(RDF.type, SCO.Country))
    assert len(typed) == len(pycountry.countries) + len(pycountry.historic_countries)
    for iri in ("fr", "us", "cn", "ru", "gb", "suhh", "cshh", "ddde", "yucs"):
        assert ID.country[iri] in typed


def test_france_is_france_with_its_codes(graph):
    fr = ID.country["fr"]
    assert graph.value(fr, SKOS.prefLabel) == Literal("France", lang="en")
    assert Literal("French Republic", lang="en") in set(graph.objects(fr, SKOS.altLabel))
    codes = {
        p: {str(o) for o in graph.objects(fr, p)}
        for p in (SCO.iso3166Alpha2, SCO.iso3166Alpha3, SCO.iso3166Numeric, SCO.gcatCode)
    }
    assert codes == {
        SCO.iso3166Alpha2: {"FR"},
        SCO.iso3166Alpha3: {"FRA"},
        SCO.iso3166Numeric: {"250"},
        SCO.gcatCode: {"F"},
    }


def test_south_korea_has_an_english_name_not_a_transliteration(graph):
    kr = ID.country["kr"]
    assert graph.value(kr, SKOS.prefLabel) == Literal("South Korea", lang="en")
    labels = {str(label) for label in graph.objects(kr, SKOS.prefLabel | SKOS.altLabel)}
    assert "Korea, Republic of" in labels and "Great Han People's Nation" not in labels


def test_ussr_ends_on_its_gcat_date_and_russia_succeeds_it(graph):
    su = ID.country["suhh"]
    assert str(graph.value(su, SCO.endDate)) == "1991-12-26"
    successors = set(graph.objects(su, DCTERMS.isReplacedBy))
    assert ID.country["ru"] in successors and len(successors) == 13
    assert {str(c) for c in graph.objects(su, SCO.gcatCode)} >= {"SU"}
    assert set(graph.objects(ID.country["ddde"], DCTERMS.isReplacedBy)) == {ID.country["de"]}  # DDDE: DE
    assert set(graph.objects(ID.country["cshh"], DCTERMS.isReplacedBy)) == {ID.country["cz"], ID.country["sk"]}


def test_every_successor_is_a_country(graph):
    typed = set(graph.subjects(RDF.type, SCO.Country))
    assert set(graph.objects(None, DCTERMS.isReplacedBy)) <= typed


def test_every_gcat_state_code_resolves():
    unresolved = set()
    for table in ("orgs.tsv", "orgs-2024.tsv"):
        with open(DATA_DIR / "gcat" / table, encoding="utf-8", newline="") as handle:
            for cells in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(cells) > 3 and not cells[0].startswith("#"):
                    for code in {cells[2].strip()} | ({cells[0].strip()} if "CY" in cells[3].split("/") else set()):
                        if countries.gcat_country_iri(code) is None and not code.startswith("I-"):
                            unresolved.add(code)
    assert unresolved == {"X", "EARTH", "LUNA"}  # unknown, and GCAT's astronomical polities


def test_gcat_codes_that_differ_from_iso():
    assert countries.gcat_country_iri("UK") == ID.country["gb"]
    assert countries.gcat_country_iri("NI") == ID.country["gb"]  # GCAT: Northern Ireland; ISO NI: Nicaragua
    assert countries.gcat_country_iri("DD") == ID.country["ddde"]
    assert countries.gcat_country_iri("CSSR") == ID.country["cshh"]
    assert countries.gcat_country_iri("I-ESA") is None


def test_a_bad_mapping_row_names_its_line(tmp_path):
    table = tmp_path / "states.tsv"
    table.write_text("#gcat\tiso\twhy\nF\tFR\tFrance\nQQ\tZZ\tno such code\n", encoding="utf-8")
    with pytest.raises(Exception) as error:
        countries.gcat_states(table)
    assert "states.tsv:3" in str(error.value)


def test_curated_files_use_iso_country_iris_and_define_no_country():
    curated = [f for f in graph_files() if f.parent.name not in ("countries", "gcat")]
    iso = {str(c) for c in countries.countries_graph().subjects(RDF.type, SCO.Country)}
    for path in curated:
        g = Graph().parse(path)
        assert (None, RDF.type, SCO.Country) not in g, f"{path} defines a country"
        used = {str(o) for o in g.objects() if str(o).startswith(str(ID.country[""]))}
        assert used <= iso, f"{path}: {sorted(used - iso)}"


def test_migration_script_finds_nothing_left_to_do():
    run = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "migrate-country-iris"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_migration_rewrites_gcat_codes_and_keeps_iso_ones(tmp_path):
    old = tmp_path / "old.rq"
    old.write_text(
        "SELECT * { ?x sco:agent country:f , country:su , country:ni , country:uk ,"
        " <https://w3id.org/spacecoop/id/country/j> , country:i-esa }\n",
        encoding="utf-8",
    )
    script = PROJECT_ROOT / "scripts" / "migrate-country-iris"
    run = subprocess.run([sys.executable, str(script), str(old)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert old.read_text(encoding="utf-8") == (
        "SELECT * { ?x sco:agent country:fr , country:suhh , country:ni , country:gb ,"
        " <https://w3id.org/spacecoop/id/country/jp> , scorg:i-esa }\n"
    )
    bad = tmp_path / "bad.rq"
    bad.write_text("country:zz\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(bad)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "bad.rq:1" in run.stderr and bad.read_text(encoding="utf-8") == "country:zz\n"
