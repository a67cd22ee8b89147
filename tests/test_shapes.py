"""Every shape passes on valid data and fails on data that breaks it.

``fixtures/shapes/valid.ttl`` uses every class and conforms with no result at all. Each case
below breaks it with one SPARQL update and expects a result from the shape it names.
"""

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from spacecoop.io.read import load_ontology, parse_file
from spacecoop.io.skolem import skolemise
from spacecoop.validation.shacl import SH, load_shapes, validate_graph

FIXTURE = Path(__file__).parent / "fixtures" / "shapes" / "valid.ttl"
PREFIXES = """
PREFIX sco: <https://w3id.org/spacecoop/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX id: <https://w3id.org/spacecoop/id/>
PREFIX v: <https://w3id.org/spacecoop/vocab/>
"""
COOP = "<https://w3id.org/spacecoop/id/cooperation/alpha-beta>"
MISSION = "<https://w3id.org/spacecoop/id/mission/lander-1>"
YEARBOOK_PLAN = "<https://w3id.org/spacecoop/id/plan/lander-1-launch-yearbook>"

# (shape that must report, the update that breaks the valid graph)
CASES = [
    ("NamedThingShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/org/beta> skos:prefLabel ?l }"),
    ("NamedThingShape", 'INSERT DATA { <https://w3id.org/spacecoop/id/org/beta> skos:prefLabel "Beta Two"@en }'),
    (
        "NamedThingShape",
        "DELETE WHERE { <https://w3id.org/spacecoop/id/country/aa> skos:prefLabel ?l } ;"
        ' INSERT DATA { <https://w3id.org/spacecoop/id/country/aa> skos:prefLabel "Aland"@fr }',
    ),
    (
        "OrganisationShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/org/beta> sco:country <https://w3id.org/spacecoop/id/mission/lander-1> }",
    ),
    (
        "OrganisationShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/org/alpha> sco:precededBy <https://w3id.org/spacecoop/id/org/beta> }",
    ),
    ("CountryShape", "INSERT DATA { <https://w3id.org/spacecoop/id/country/aa> a sco:Company }"),
    (
        "PersonShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/person/ann> org:holds <https://w3id.org/spacecoop/id/org/alpha> }",
    ),
    ("PostShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/post/alpha-head> org:postIn ?o }"),
    ("OrganisationalUnitShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/org/alpha-unit> org:unitOf ?o }"),
    ("MissionShape", f"DELETE WHERE {{ {MISSION} sco:missionKind ?k }}"),
    (
        "MissionShape",
        f"DELETE WHERE {{ {MISSION} sco:missionKind ?k }} ; INSERT DATA {{ {MISSION} sco:missionKind v:status\\/active }}",
    ),
    (
        "SpacecraftShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/spacecraft/lander-1> sco:manufacturer <https://w3id.org/spacecoop/id/mission/lander-2> }",
    ),
    ("PayloadShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/payload/camera> sco:onMission ?m }"),
    ("PayloadShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/payload/camera> sco:evidence ?e }"),
    (
        "ProgramShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/program/moon> sco:ledBy <https://w3id.org/spacecoop/id/mission/lander-2> }",
    ),
    (
        "ProgramStageShape",
        "DELETE WHERE { <https://w3id.org/spacecoop/id/stage/moon-1> sco:stageNumber ?n } ;"
        " INSERT DATA { <https://w3id.org/spacecoop/id/stage/moon-1> sco:stageNumber 0 }",
    ),
    ("CooperationShape", f"DELETE WHERE {{ {COOP} sco:cooperationType ?t }}"),
    ("CooperationShape", f"INSERT DATA {{ {COOP} sco:cooperationType v:cooptype\\/talks }}"),
    (
        "CooperationShape",
        f"DELETE WHERE {{ {COOP} sco:status ?s }} ; INSERT DATA {{ {COOP} sco:status v:role\\/lead }}",
    ),
    ("CooperationShape", f"DELETE WHERE {{ {COOP} sco:reportedOn ?d }}"),
    ("CooperationShape", f"DELETE WHERE {{ {COOP} sco:evidence ?e }}"),
    (
        "CooperationShape",
        f"DELETE {{ ?p sco:agent ?a }} INSERT {{ ?p sco:agent <https://w3id.org/spacecoop/id/org/alpha> }}"
        f" WHERE {{ {COOP} sco:participation ?p . ?p sco:agent ?a }}",
    ),
    (
        "CooperationShape",
        "DELETE WHERE { <https://w3id.org/spacecoop/id/cooperation/alpha-bland-crew> sco:crewMember ?m }",
    ),
    (
        "CooperationShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/cooperation/alpha-bland-crew> sco:crewMember <https://w3id.org/spacecoop/id/org/beta> }",
    ),
    ("CooperationShape", f"INSERT DATA {{ {COOP} sco:crewMember <https://w3id.org/spacecoop/id/person/bob> }}"),
    ("ParticipationShape", f"DELETE {{ ?p sco:role ?r }} WHERE {{ {COOP} sco:participation ?p . ?p sco:role ?r }}"),
    (
        "ParticipationShape",
        f"DELETE {{ ?p sco:agent ?a }} INSERT {{ ?p sco:agent {MISSION} }}"
        f" WHERE {{ {COOP} sco:participation ?p . ?p sco:agent ?a }}",
    ),
    (
        "SameOrganisationWarningShape",
        f"DELETE {{ ?p sco:agent ?a }} INSERT {{ ?p sco:agent <https://w3id.org/spacecoop/id/org/alpha-old> }}"
        f" WHERE {{ {COOP} sco:participation ?p . ?p sco:agent <https://w3id.org/spacecoop/id/org/beta> . ?p sco:agent ?a }}",
    ),
    (
        "EventWithinLifetimeWarningShape",
        f'DELETE WHERE {{ {COOP} sco:startDate ?d }} ; INSERT DATA {{ {COOP} sco:startDate "1980-01-01"^^xsd:date }}',
    ),
    ("PlanShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/plan/lander-1-launch> sco:datePrecision ?p }"),
    (
        "PlanBeforeReportWarningShape",
        "DELETE WHERE { <https://w3id.org/spacecoop/id/plan/lander-1-launch> sco:date ?d } ;"
        ' INSERT DATA { <https://w3id.org/spacecoop/id/plan/lander-1-launch> sco:date "2019-01-01"^^xsd:date }',
    ),
    (
        "MilestoneShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/milestone/lander-1-launch> sco:outcome v:outcome\\/failure }",
    ),
    ("DesignationShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/claim/name-1> sco:designates ?m }"),
    (
        "ConflictingDesignationWarningShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/source/other> a sco:SourceDocument ;"
        ' dcterms:publisher <https://w3id.org/spacecoop/id/publisher/daily> ; schema:url "https://example.org/o"^^xsd:anyURI .'
        " <https://w3id.org/spacecoop/id/evidence/other> a sco:Evidence ; oa:hasSource <https://w3id.org/spacecoop/id/source/other> ;"
        ' oa:hasSelector <https://w3id.org/spacecoop/id/evidence/other/s> . <https://w3id.org/spacecoop/id/evidence/other/s> a oa:TextQuoteSelector ; oa:exact "Moon-Glob is Lander-2" .'
        ' <https://w3id.org/spacecoop/id/claim/name-2> a sco:Designation ; sco:name "Moon-Glob"@en ;'
        " sco:designates <https://w3id.org/spacecoop/id/mission/lander-2> ; sco:evidence <https://w3id.org/spacecoop/id/evidence/other> }",
    ),
    ("SimilarityShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/claim/alike> sco:secondGroup ?m }"),
    ("EvidenceShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/evidence/quote> oa:hasSource ?s }"),
    (
        "EvidenceShape",
        'DELETE { ?s oa:exact ?q } INSERT { ?s oa:exact "" } WHERE { <https://w3id.org/spacecoop/id/evidence/quote> oa:hasSelector ?s . ?s oa:exact ?q }',
    ),
    (
        "EvidenceShape",
        "DELETE { ?s oa:end ?e } INSERT { ?s oa:end 0 } WHERE { <https://w3id.org/spacecoop/id/evidence/quote> oa:hasSelector ?s . ?s oa:end ?e }",
    ),
    ("SourceDocumentShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/source/article> dcterms:publisher ?p }"),
    ("SourceDocumentShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/source/article> schema:url ?u }"),
    ("EvidenceShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/evidence/row> sco:rowKey ?k }"),
    ("EvidenceShape", 'INSERT DATA { <https://w3id.org/spacecoop/id/evidence/row> sco:rowKey "S00002" }'),
    ("RowEvidenceShape", "INSERT DATA { <https://w3id.org/spacecoop/id/evidence/quote> sco:rowKey 'S00001' }"),
    ("DatasetShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/source/table> dcterms:license ?l }"),
    ("DatasetShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/source/table> dcterms:bibliographicCitation ?c }"),
    (
        "DatasetShape",
        "DELETE WHERE { <https://w3id.org/spacecoop/id/source/table> dcterms:license ?l } ;"
        ' INSERT DATA { <https://w3id.org/spacecoop/id/source/table> dcterms:license "CC BY 4.0" }',
    ),
    ("LaunchShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/launch/l-1> sco:cosparId ?c }"),
    ("LaunchShape", 'INSERT DATA { <https://w3id.org/spacecoop/id/launch/l-1> sco:date "2022-03-05"^^xsd:date }'),
    ("LaunchShape", "INSERT DATA { <https://w3id.org/spacecoop/id/launch/l-1> sco:outcome v:outcome\\/failure }"),
    (
        "SpacecraftShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/spacecraft/sat-1> sco:launch <https://w3id.org/spacecoop/id/mission/lander-2> }",
    ),
    ("SpacecraftPlacedShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/spacecraft/sat-1> sco:jcat ?j }"),
    ("NewsArticleShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/source/article> sco:publicationDate ?d }"),
    ("StartDatePrecisionShape", f"DELETE WHERE {{ {COOP} sco:startDatePrecision ?p }}"),
    ("EndDatePrecisionShape", "DELETE WHERE { <https://w3id.org/spacecoop/id/org/alpha-old> sco:endDatePrecision ?p }"),
    (
        "PublicationDatePrecisionShape",
        "DELETE WHERE { <https://w3id.org/spacecoop/id/source/article> sco:publicationDatePrecision ?p }",
    ),
    # a report dated only by its source's year, written as a day
    ("ReportedOnPrecisionShape", f"DELETE WHERE {{ {YEARBOOK_PLAN} sco:reportedOnPrecision ?p }}"),
    (
        "ReportedOnPrecisionShape",
        f"DELETE WHERE {{ {YEARBOOK_PLAN} sco:reportedOnPrecision ?p }} ;"
        f" INSERT DATA {{ {YEARBOOK_PLAN} sco:reportedOnPrecision v:precision\\/month }}",
    ),
    ("ReportedOnPrecisionShape", f"INSERT DATA {{ {YEARBOOK_PLAN} sco:reportedOnPrecision v:precision\\/month }}"),
    ("ReportedOnPrecisionShape", f"INSERT DATA {{ {COOP} sco:reportedOnPrecision v:status\\/active }}"),
    ("ReportedOnPrecisionShape", f"INSERT DATA {{ {COOP} sco:reportedOnPrecision v:precision\\/year }}"),
    (
        "ReportedOnPrecisionShape",
        "INSERT DATA { <https://w3id.org/spacecoop/id/milestone/lander-1-launch> sco:reportedOnPrecision v:precision\\/day }",
    ),
]

# Shapes used only through sh:node: the case that breaks the property using them.
NODE_SHAPE_CASES = {
    "CooperationTypeConcept": "CooperationShape",
    "StatusConcept": "CooperationShape",
    "ModalityConcept": "CooperationShape",
    "RoleConcept": "ParticipationShape",
    "MissionKindConcept": "MissionShape",
    "PrecisionConcept": "PlanShape",
    "MilestoneKindConcept": "PlanShape",
    "OutcomeConcept": "MilestoneShape",
    "QuoteSelectorShape": "EvidenceShape",
}


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


@pytest.fixture(scope="module")
def valid_data():
    return parse_file(FIXTURE, load_ontology())


def _validate(data: Graph, shapes: Graph):
    return validate_graph(skolemise(data), shapes)


def test_valid_fixture_has_no_result_at_all(valid_data, shapes):
    report = _validate(valid_data, shapes)
    assert report.findings == [], report.as_text()


@pytest.mark.parametrize("shape, update", CASES, ids=[f"{i:02d}-{shape}" for i, (shape, _) in enumerate(CASES)])
def test_each_case_is_caught_by_its_shape(valid_data, shapes, shape, update):
    data = Graph()
    for triple in valid_data:
        data.add(triple)
    data.update(PREFIXES + update)
    report = _validate(data, shapes)
    reported = {finding.shape for finding in report.findings}
    assert f"scsh:{shape}" in reported, report.as_text()


def test_every_shape_has_a_failing_case(shapes):
    named = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    covered = {shape for shape, _ in CASES} | set(NODE_SHAPE_CASES)
    assert named == covered


def test_every_shape_has_a_name_description_and_messages(shapes):
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        if not isinstance(shape, URIRef):
            continue
        assert shapes.value(shape, SH.name) and shapes.value(shape, SH.description), shape
        constraints = list(shapes.objects(shape, SH.property)) + list(shapes.objects(shape, SH.sparql))
        for constraint in constraints:
            assert shapes.value(constraint, SH.message) or shapes.value(shape, SH.message), (shape, constraint)
        if not constraints:
            assert shapes.value(shape, SH.message), shape


def test_warnings_are_warnings_and_rules_are_violations(valid_data, shapes):
    data = Graph()
    for triple in valid_data:
        data.add(triple)
    data.update(PREFIXES + CASES[[s for s, _ in CASES].index("PlanBeforeReportWarningShape")][1])
    report = _validate(data, shapes)
    assert report.conforms and report.warnings


@pytest.mark.parametrize("planned, warned", [("2019-06-30", False), ("2019-01-01", False), ("2018-12-31", True)])
def test_a_report_known_to_the_year_makes_a_plan_past_only_before_that_year(valid_data, shapes, planned, warned):
    data = Graph()
    for triple in valid_data:
        data.add(triple)
    data.update(
        PREFIXES + f"DELETE {{ {YEARBOOK_PLAN} sco:date ?d ; sco:datePrecision ?p }}"
        f' INSERT {{ {YEARBOOK_PLAN} sco:date "{planned}"^^xsd:date ; sco:datePrecision <https://w3id.org/spacecoop/vocab/precision/day> }}'
        f" WHERE {{ {YEARBOOK_PLAN} sco:date ?d ; sco:datePrecision ?p }}"
    )
    report = _validate(data, shapes)
    assert report.conforms, report.as_text()
    assert ("scsh:PlanBeforeReportWarningShape" in {f.shape for f in report.findings}) == warned, report.as_text()


def test_a_day_source_of_the_same_date_lets_a_report_be_a_day(valid_data, shapes):
    data = Graph()
    for triple in valid_data:
        data.add(triple)
    data.update(
        PREFIXES + f"DELETE WHERE {{ {YEARBOOK_PLAN} sco:reportedOnPrecision ?p }} ;"
        " INSERT DATA { <https://w3id.org/spacecoop/id/source/new-year> a sco:SourceDocument ;"
        " dcterms:publisher <https://w3id.org/spacecoop/id/publisher/daily> ;"
        ' sco:publicationDate "2019-01-01"^^xsd:date ; sco:publicationDatePrecision <https://w3id.org/spacecoop/vocab/precision/day> ;'
        ' schema:url "https://example.org/new-year"^^xsd:anyURI .'
        " <https://w3id.org/spacecoop/id/evidence/new-year> a sco:Evidence ;"
        " oa:hasSource <https://w3id.org/spacecoop/id/source/new-year> ;"
        " oa:hasSelector <https://w3id.org/spacecoop/id/evidence/new-year/s> ."
        ' <https://w3id.org/spacecoop/id/evidence/new-year/s> a oa:TextQuoteSelector ; oa:exact "Lander-1 flies in 2021" .'
        f" {YEARBOOK_PLAN} sco:evidence <https://w3id.org/spacecoop/id/evidence/new-year> }}"
    )
    report = _validate(data, shapes)
    assert report.findings == [], report.as_text()
