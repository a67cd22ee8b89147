"""Every term used in ontology/, graph/ and queries/ is declared: a typo fails here, it never mints an IRI."""

import re

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, SDO, SH, SKOS, VANN, VOID, XSD

from spacecoop.io.read import load_ontology, parse_file
from spacecoop.namespaces import GEO, ID_BASE, OA, SCO, VOCAB_BASE
from spacecoop.io.paths import ONTOLOGY_DIR, QUERIES_DIR, graph_files

EXTERNAL = [DCTERMS, ORG, PROV, FOAF, SDO, SKOS, OWL, RDFS, RDF, XSD, SH, VANN, VOID, DCAT]
# Terms of vocabularies rdflib does not ship, as their specifications define them.
OA_TERMS = {
    "SpecificResource",
    "TextQuoteSelector",
    "TextPositionSelector",
    "hasSource",
    "hasSelector",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "Annotation",
    "hasTarget",
    "hasBody",
}
GEO_TERMS = {"lat", "long", "alt", "Point", "SpatialThing", "location"}
OPEN_NAMESPACES = (
    "http://www.wikidata.org/",
    "http://dbpedia.org/ontology/",
    "https://w3id.org/spacecoop/rules/",
    "https://w3id.org/spacecoop/graph/",
)


@pytest.fixture(scope="module")
def declared():
    ontology = load_ontology()
    ours = set(ontology.subjects(RDFS.isDefinedBy, URIRef("https://w3id.org/spacecoop/ontology")))
    concepts = set(ontology.subjects(RDF.type, SKOS.Concept)) | set(ontology.subjects(RDF.type, SKOS.ConceptScheme))
    return ours | concepts


def _is_declared(term: URIRef, declared) -> bool:
    text = str(term)
    if term in declared:
        return True
    if text.startswith(str(OA)):
        return text[len(str(OA)) :] in OA_TERMS
    if text.startswith(str(GEO)):
        return text[len(str(GEO)) :] in GEO_TERMS
    for namespace in EXTERNAL:
        base = str(namespace._NS)
        if text.startswith(base):
            local = text[len(base) :]
            return local in namespace.__annotations__ or local in getattr(namespace, "_extras", ())
    return text.startswith(OPEN_NAMESPACES)


def _vocabulary_terms(path) -> set:
    """Predicates, classes, and objects of the file at ``path`` that live in a vocabulary namespace (not instance
    IRIs), read with Oxigraph's parser (the build's strict checks are tested elsewhere)."""
    ours, rdf_type = (str(SCO._NS), VOCAB_BASE), str(RDF.type)
    terms = set()
    for quad in pyoxigraph.parse(path=path):
        subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
        terms.add(predicate)
        if isinstance(obj, pyoxigraph.NamedNode) and (predicate == rdf_type or obj.value.startswith(ours)):
            terms.add(obj.value)
        if isinstance(subject, pyoxigraph.NamedNode) and subject.value.startswith(ours):
            terms.add(subject.value)
    return {URIRef(term) for term in terms}


def _undeclared(paths, declared):
    missing = set()
    for path in paths:
        for term in _vocabulary_terms(path):
            if not _is_declared(term, declared):
                missing.add((path.name, str(term)))
    return sorted(missing)


def test_every_term_in_the_ontology_is_declared(declared):
    paths = sorted(ONTOLOGY_DIR.rglob("*.ttl"))
    assert _undeclared(paths, declared) == []


def test_every_term_in_the_graph_is_declared(declared):
    assert _undeclared(graph_files(), declared) == []


PREFIX_LINE = re.compile(r"PREFIX\s+([\w-]*):\s*<([^>]+)>", re.I)
PREFIXED_NAME = re.compile(r"(?<![\w<\"'])([A-Za-z][\w-]*):([A-Za-z_][\w-]*)")


def _query_terms(text: str):
    namespaces = dict(PREFIX_LINE.findall(text))
    body = PREFIX_LINE.sub("", text)
    body = re.sub(r"#[^\n]*", "", body)
    body = re.sub(r'"[^"\n]*"', '""', body)
    for prefix, local in PREFIXED_NAME.findall(body):
        if prefix in namespaces:
            yield URIRef(namespaces[prefix] + local)
    for iri in re.findall(r"<([^>\s]+)>", body):
        yield URIRef(iri)


def test_every_term_in_the_queries_is_declared(declared):
    missing = set()
    for path in sorted(QUERIES_DIR.rglob("*.rq")):
        for term in _query_terms(path.read_text(encoding="utf-8")):
            if str(term).startswith(ID_BASE):
                continue
            if not _is_declared(term, declared):
                missing.add((path.name, str(term)))
    assert sorted(missing) == []


def test_a_typo_is_caught(declared, tmp_path):
    typo = tmp_path / "typo.ttl"
    typo.write_text(
        "@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n"
        "<https://w3id.org/spacecoop/id/mission/x> sco:missonKind <https://w3id.org/spacecoop/vocab/missionkind/lander> .\n"
    )
    assert _undeclared([typo], declared) == [("typo.ttl", "https://w3id.org/spacecoop/ontology#missonKind")]
    assert (
        list(_query_terms("PREFIX sco: <https://w3id.org/spacecoop/ontology#>\nSELECT * { ?m sco:cooperationTyp ?t }"))[
            0
        ]
        not in declared
    )


def test_the_python_namespace_matches_the_ontology(declared):
    python_terms = {SCO[name] for name in SCO.__annotations__}
    ontology_terms = {term for term in declared if str(term).startswith(str(SCO._NS))}
    assert python_terms == ontology_terms


def test_every_ontology_term_has_a_label_a_comment_and_is_defined_by():
    from spacecoop.io.paths import ONTOLOGY_DIR

    ontology = parse_file(ONTOLOGY_DIR / "spacecoop.ttl")
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(SCO._NS))}
    assert len(terms) > 80
    for term in terms:
        assert ontology.value(term, RDFS.label), term
        assert ontology.value(term, RDFS.comment), term  # what Protégé, WebVOWL and Widoco show
        assert ontology.value(term, RDFS.isDefinedBy) == URIRef("https://w3id.org/spacecoop/ontology"), term


def test_every_concept_is_labelled_defined_and_in_its_scheme(declared):
    ontology = load_ontology()
    for concept in ontology.subjects(RDF.type, SKOS.Concept):
        assert ontology.value(concept, SKOS.prefLabel), concept
        assert ontology.value(concept, SKOS.definition), concept
        scheme = ontology.value(concept, SKOS.inScheme)
        assert scheme is not None and str(concept).startswith(str(scheme)), concept


def test_every_cooperation_type_maps_to_cameo_and_plover():
    ontology = load_ontology()
    scheme = URIRef("https://w3id.org/spacecoop/vocab/cooptype")
    for concept in ontology.subjects(SKOS.inScheme, scheme):
        matches = {str(m) for m in ontology.objects(concept, SKOS.closeMatch)}
        assert any("/vocab/cameo/" in m for m in matches) and any("/vocab/plover/" in m for m in matches), concept
