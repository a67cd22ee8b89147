"""CONTRIBUTING.md's recipes, followed: a fact and a cooperation type written as they say build without
violations (``spacecoop build --also DRAFT``, the recipes' last step), and leaving out what they ask for is a
violation that names the claim. The draft's fact is an example made for the test (example.org), never data."""

from pathlib import Path

import pytest

from spacecoop.cli import main

PREFIXES = """\
@prefix sco: <https://w3id.org/spacecoop/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix cameo: <https://w3id.org/spacecoop/vocab/cameo/> .
@prefix plover: <https://w3id.org/spacecoop/vocab/plover/> .
@prefix cooptype: <https://w3id.org/spacecoop/vocab/cooptype/> .
@prefix status: <https://w3id.org/spacecoop/vocab/status/> .
@prefix role: <https://w3id.org/spacecoop/vocab/role/> .
@prefix modality: <https://w3id.org/spacecoop/vocab/modality/> .
@prefix precision: <https://w3id.org/spacecoop/vocab/precision/> .
@prefix scorg: <https://w3id.org/spacecoop/id/org/> .
@prefix source: <https://w3id.org/spacecoop/id/source/> .
@prefix publisher: <https://w3id.org/spacecoop/id/publisher/> .
@prefix evidence: <https://w3id.org/spacecoop/id/evidence/> .
@prefix coop: <https://w3id.org/spacecoop/id/cooperation/> .
"""

CLAIM = "https://w3id.org/spacecoop/id/cooperation/recipe-example"

# "Add a fact", steps 2 and 3: the cooperation, its evidence, the source and a new publisher
FACT = """
coop:recipe-example a sco:Cooperation ;
    skos:prefLabel "An example agreement written as the recipe says"@en ;
    sco:cooperationType {type} ;
    sco:status status:agreed ;
    sco:modality modality:asserted ;
    sco:participation [ sco:agent scorg:esa ; sco:role role:signatory ] ,
                      [ sco:agent scorg:jaxa ; sco:role role:signatory ] ;
    sco:reportedOn "2030-01-02"^^xsd:date ;
    sco:startDate "2030-01-02"^^xsd:date ; sco:startDatePrecision precision:day ;
    sco:evidence evidence:recipe-example-quote .

evidence:recipe-example-quote a sco:Evidence ;
    oa:hasSource source:recipe-example-page ;
    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "An example sentence." ] .

source:recipe-example-page a sco:SourceDocument , schema:NewsArticle ;
    dcterms:title "An example page"@en ;
    dcterms:publisher publisher:recipe-example ;
    sco:publicationDate "2030-01-02"^^xsd:date ; sco:publicationDatePrecision precision:day ;
    schema:url "https://example.org/recipe"^^xsd:anyURI .

publisher:recipe-example a sco:Publisher ; skos:prefLabel "Example publisher"@en .
"""

# "Add a cooperation type", step 1: the concept in its scheme, with its label, definition and close matches
COOPERATION_TYPE = """
cooptype:recipe-exchange a skos:Concept ;
    skos:inScheme <https://w3id.org/spacecoop/vocab/cooptype> ;
    skos:topConceptOf <https://w3id.org/spacecoop/vocab/cooptype> ;
    skos:prefLabel "example exchange"@en ;
    skos:definition "An example type of cooperation, made for a test."@en ;
    skos:closeMatch cameo:057 , plover:AGREE .
"""


def _build(tmp_path: Path, draft: str) -> tuple[int, str]:
    """``spacecoop build --also DRAFT`` into a folder of its own: the exit code and the validation report's text."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "draft.ttl"
    path.write_text(PREFIXES + draft, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["-q", "build", "--out", str(out), "--also", str(path)])
    report = out / "validation-report.txt"
    return code, report.read_text(encoding="utf-8") if report.exists() else ""


def _findings_about(report: str, node: str) -> list[str]:
    return [line for line in report.splitlines() if node in line]


@pytest.mark.slow
def test_a_fact_written_as_the_recipe_says_builds_without_violations(tmp_path):
    code, report = _build(tmp_path, FACT.format(type="cooptype:agreement"))
    assert code == 0, report
    assert _findings_about(report, CLAIM) == []
    assert f"<{CLAIM}>" in (tmp_path / "out" / "spacecoop.nt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_fact_without_the_status_the_recipe_asks_for_is_a_violation(tmp_path, capsys):
    fact = FACT.format(type="cooptype:agreement").replace("    sco:status status:agreed ;\n", "")
    assert "sco:status" not in fact
    code, _report = _build(tmp_path, fact)
    assert code == 1
    errors = capsys.readouterr().err
    assert "CooperationShape coop:recipe-example sco:status" in errors


@pytest.mark.slow
def test_a_cooperation_type_added_as_the_recipe_says_is_accepted_and_a_typo_is_not(tmp_path, capsys):
    code, report = _build(tmp_path / "added", COOPERATION_TYPE + FACT.format(type="cooptype:recipe-exchange"))
    assert code == 0, report
    code, _report = _build(tmp_path / "typo", COOPERATION_TYPE + FACT.format(type="cooptype:recipe-exchang"))
    assert code == 1
    errors = capsys.readouterr().err
    assert "CooperationShape coop:recipe-example sco:cooperationType" in errors
    assert "cooptype:recipe-exchang skos:inScheme" in errors
