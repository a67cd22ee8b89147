"""Linking names to the graph: variants, aliases, acronyms, ambiguity."""

from rdflib import Graph

from spacecoop.ingest.gazetteer import Gazetteer


def _linked(gazetteer, text):
    return [
        (text[m.start : m.end], str(m.entity.iri).rsplit("/", 2)[-2] + ":" + str(m.entity.iri).rsplit("/", 1)[-1])
        for m in gazetteer.find(text, 0, len(text))
    ]


def test_designator_variants(gazetteer):
    text = "Chang'e-4, Chang'e 4, Chang’e-4, Chang’e 4, Chang'e4 and CE-4."
    assert [iri for _, iri in _linked(gazetteer, text)] == ["mission:change-4"] * 6


def test_initialism_needs_capitals(gazetteer):
    assert _linked(gazetteer, "ce-4 and Ce-4") == []


def test_aliases_luna_glob_is_luna_25(gazetteer):
    assert _linked(gazetteer, "Luna-Glob (Luna 25)") == [
        ("Luna-Glob", "mission:luna-25"),
        ("Luna 25", "mission:luna-25"),
    ]


def test_acronyms_and_full_names(gazetteer):
    text = "the China National Space Administration (CNSA), the European Space Agency and ESA, but not esa"
    assert _linked(gazetteer, text) == [
        ("China National Space Administration", "org:cnsa"),
        ("CNSA", "org:cnsa"),
        ("European Space Agency", "org:esa"),
        ("ESA", "org:esa"),
    ]


def test_accents_and_case_in_long_names(gazetteer):
    assert _linked(gazetteer, "Centre National d'Etudes Spatiales") == [
        ("Centre National d'Etudes Spatiales", "org:cnes")
    ]


def test_generated_acronym_of_a_long_name():
    graph = Graph().parse(
        data="""@prefix sco: <https://w3id.org/spacecoop/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/spacecoop/id/org/x> a sco:SpaceAgency ; skos:prefLabel "Agence Spatiale Algérienne"@fr .""",
        format="turtle",
    )
    assert _linked(Gazetteer.from_graph(graph), "ASA and the Agence Spatiale Algerienne") == [
        ("ASA", "org:x"),
        ("Agence Spatiale Algerienne", "org:x"),
    ]


def test_shared_name_prefers_the_current_phase():
    graph = Graph().parse(
        data="""@prefix sco: <https://w3id.org/spacecoop/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/spacecoop/id/org/npol> a sco:Organisation ; skos:altLabel "Lavochkin"@en ;
            sco:endDate "2014-03-01"^^xsd:date .
        <https://w3id.org/spacecoop/id/org/npolo> a sco:Organisation ; skos:altLabel "Lavochkin"@en .""",
        format="turtle",
    )
    (mention,) = Gazetteer.from_graph(graph).find("Lavochkin", 0, 9)
    assert mention.entity.iri.endswith("/npolo") and mention.confidence == 1.0


def test_publishers_are_not_parties():
    graph = Graph().parse(
        data="""@prefix sco: <https://w3id.org/spacecoop/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/spacecoop/id/publisher/sputnik> a sco:Publisher , sco:Organisation ;
            skos:prefLabel "Sputnik"@en .""",
        format="turtle",
    )
    assert Gazetteer.from_graph(graph).find("told Sputnik", 0, 12) == []
