"""The ontology is OWL 2 DL as OWL tools see it: owlready2 loads it and HermiT (Protégé's default reasoner)
classifies it, with no option, and every term carries what those tools show."""

from pathlib import Path

import owlready2
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from spacecoop.io.paths import ontology_files
from spacecoop.namespaces import SCO


@pytest.fixture(scope="module")
def ontology_nt(tmp_path_factory) -> Path:
    """The ontology, its alignments and vocabularies as one N-Triples file (owlready2 reads no Turtle)."""
    graph = Graph()
    for path in ontology_files():
        graph.parse(path)
    path = tmp_path_factory.mktemp("owl") / "spacecoop.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    return path


@pytest.mark.slow
def test_owlready2_loads_it_and_hermit_classifies_it(ontology_nt):
    world = owlready2.World()
    ontology = world.get_ontology(ontology_nt.as_uri()).load(format="ntriples")
    assert len(list(ontology.classes())) > 20
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    cooperation = world[str(SCO.Cooperation)]
    assert cooperation is not None and cooperation.label.en == ["cooperation event"]


def test_no_datatype_outside_the_owl2_datatype_map():
    """HermiT refuses a range it does not know, xsd:date among them; the shapes check dates instead."""
    graph = Graph()
    for path in ontology_files():
        graph.parse(path)
    outside = {
        "http://www.w3.org/2001/XMLSchema#date",
        "http://www.w3.org/2001/XMLSchema#gYear",
        "http://www.w3.org/2001/XMLSchema#gYearMonth",
        "http://www.w3.org/2001/XMLSchema#duration",
    }
    assert {str(r) for r in graph.objects(None, RDFS.range)} & outside == set()


def test_no_class_of_properties():
    """A class whose members are properties makes the ontology OWL Full; derived properties are annotated."""
    graph = Graph()
    for path in ontology_files():
        graph.parse(path)
    assert not set(graph.subjects(RDFS.subClassOf, RDF.Property))
    derived = set(graph.subjects(SCO.derivedBy, None))
    assert {SCO.partnerOf, SCO.participant} <= derived
    assert (SCO.derivedBy, RDF.type, OWL.AnnotationProperty) in graph
    assert all(isinstance(rule, URIRef) for rule in graph.objects(None, SCO.derivedBy))


def test_the_html_reference_names_every_term():
    """docs/ontology.html is pyLODE's reference (scripts/ontology-reference); a term added since fails here."""
    html = (Path(__file__).parents[1] / "docs" / "ontology.html").read_text(encoding="utf-8")
    graph = Graph().parse(ontology_files()[0])
    terms = {s for s in graph.subjects(RDFS.isDefinedBy, None) if str(s).startswith(str(SCO._NS))}
    assert len(terms) > 80
    assert [term for term in terms if str(term) not in html] == []
