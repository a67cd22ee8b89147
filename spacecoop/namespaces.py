"""The namespaces SpaceCoop uses, as rdflib namespaces.

``SCO`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelt term raises
instead of silently minting a new IRI.

>>> SCO.Cooperation
rdflib.term.URIRef('https://w3id.org/spacecoop/ontology#Cooperation')
>>> SCO.Cooperaton
Traceback (most recent call last):
...
AttributeError: term 'Cooperaton' not in namespace 'https://w3id.org/spacecoop/ontology#'
>>> ID.mission["luna-25"]
rdflib.term.URIRef('https://w3id.org/spacecoop/id/mission/luna-25')

``ID`` is closed the same way: ``ID.misison`` raises.
"""

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "SCO",
    "SCSH",
    "OA",
    "SCHEMA",
    "GEO",
    "WD",
    "WDT",
    "DBO",
    "VOID",
    "DCAT",
    "VOCAB",
    "ID",
    "ID_BASE",
    "VOCAB_BASE",
    "PREFIXES",
    "bind_prefixes",
    "DCTERMS",
    "FOAF",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "XSD",
]

ONTOLOGY_IRI = "https://w3id.org/spacecoop/ontology"
ID_BASE = "https://w3id.org/spacecoop/id/"
VOCAB_BASE = "https://w3id.org/spacecoop/vocab/"


class SCO(DefinedNamespace):
    """The SpaceCoop ontology (``sco:``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # Classes
    Actor: URIRef
    Organisation: URIRef
    SpaceAgency: URIRef
    IntergovernmentalOrganisation: URIRef
    Company: URIRef
    ResearchInstitute: URIRef
    GovernmentBody: URIRef
    Publisher: URIRef
    OrganisationalUnit: URIRef
    Country: URIRef
    Person: URIRef
    Mission: URIRef
    Spacecraft: URIRef
    Payload: URIRef
    Program: URIRef
    MultilateralProgram: URIRef
    ProgramStage: URIRef
    Cooperation: URIRef
    Participation: URIRef
    Plan: URIRef
    Milestone: URIRef
    Designation: URIRef
    Similarity: URIRef
    Evidence: URIRef
    SourceDocument: URIRef
    Dataset: URIRef
    Launch: URIRef
    Claim: URIRef

    # Organisations
    country: URIRef
    gcatCode: URIRef
    iso3166Alpha2: URIRef
    iso3166Alpha3: URIRef
    iso3166Numeric: URIRef
    iso3166Alpha4: URIRef
    gcatPrimaryCode: URIRef
    primaryPhase: URIRef
    precededBy: URIRef
    succeededBy: URIRef
    orgClass: URIRef
    orgRole: URIRef
    location: URIRef
    locationUncertainty: URIRef
    ongoing: URIRef

    # Missions, spacecraft, payloads, programs
    missionKind: URIRef
    operator: URIRef
    partOfProgram: URIRef
    inStage: URIRef
    spacecraft: URIRef
    partOfMission: URIRef
    objective: URIRef
    cosparId: URIRef
    jcat: URIRef
    launch: URIRef
    launchVehicle: URIRef
    gcatLaunchCode: URIRef
    manufacturer: URIRef
    onMission: URIRef
    carriedBy: URIRef
    builtBy: URIRef
    providedBy: URIRef
    ledBy: URIRef
    stageOf: URIRef
    stageNumber: URIRef

    # Cooperation
    cooperationType: URIRef
    status: URIRef
    modality: URIRef
    participation: URIRef
    agent: URIRef
    role: URIRef
    concerns: URIRef
    crewMember: URIRef
    reportedOn: URIRef
    reportedOnPrecision: URIRef
    reason: URIRef
    followUpOf: URIRef
    participant: URIRef
    partnerOf: URIRef

    # Plans, milestones, names and likeness
    milestoneKind: URIRef
    outcome: URIRef
    name: URIRef
    designates: URIRef
    firstGroup: URIRef
    secondGroup: URIRef

    # Evidence and sources
    evidence: URIRef
    rowKey: URIRef
    statedBy: URIRef
    statedOn: URIRef
    publicationDate: URIRef
    publicationDatePrecision: URIRef
    publicationDateBasis: URIRef
    printedDate: URIRef
    printedDateBasis: URIRef
    localCopy: URIRef
    extractedBy: URIRef
    confidence: URIRef
    derivedBy: URIRef

    # Dates
    startDate: URIRef
    startDatePrecision: URIRef
    startDateUncertain: URIRef
    endDate: URIRef
    endDatePrecision: URIRef
    endDateUncertain: URIRef
    date: URIRef
    datePrecision: URIRef


SCSH = Namespace("https://w3id.org/spacecoop/shapes#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
DBO = Namespace("http://dbpedia.org/ontology/")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

VOCAB_SCHEMES = (
    "cooptype",
    "status",
    "role",
    "modality",
    "missionkind",
    "precision",
    "milestonekind",
    "outcome",
    "orgclass",
    "orgrole",
    "cameo",
    "plover",
)
VOCAB = {scheme: Namespace(f"{VOCAB_BASE}{scheme}/") for scheme in VOCAB_SCHEMES}

ID_KINDS = {
    "scorg": "org",
    "country": "country",
    "person": "person",
    "post": "post",
    "mission": "mission",
    "craft": "spacecraft",
    "payload": "payload",
    "program": "program",
    "stage": "stage",
    "source": "source",
    "publisher": "publisher",
    "evidence": "evidence",
    "coop": "cooperation",
    "plan": "plan",
    "milestone": "milestone",
    "claim": "claim",
    "dataset": "dataset",
    "launch": "launch",
    "genid": "genid",
}


#: Kinds of things minted under ``ID_BASE`` without a prefix of their own: the software agents a claim
#: is attributed to (the ingest pipeline's extractor).
UNPREFIXED_KINDS = ("agent",)


class _IdNamespaces:
    """``ID.mission["luna-25"]``: the namespace of each kind of thing, by kind name. Closed like ``SCO``: a kind
    that is not one of :data:`ID_KINDS` (or :data:`UNPREFIXED_KINDS`) raises instead of minting a new space.

    >>> ID.misison["luna-25"]
    Traceback (most recent call last):
    ...
    AttributeError: kind 'misison' not in namespace 'https://w3id.org/spacecoop/id/'
    """

    KINDS = frozenset(ID_KINDS.values()) | frozenset(UNPREFIXED_KINDS)

    def __getattr__(self, kind: str) -> Namespace:
        if kind not in self.KINDS:
            raise AttributeError(f"kind {kind!r} not in namespace {ID_BASE!r}")
        return Namespace(f"{ID_BASE}{kind}/")


ID = _IdNamespaces()

PREFIXES: dict[str, str] = {
    "sco": str(SCO._NS),
    "scsh": str(SCSH),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "geo": str(GEO),
    "foaf": str(FOAF),
    "void": str(VOID),
    "dcat": str(DCAT),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WD),
    **{scheme: str(ns) for scheme, ns in VOCAB.items()},
    **{prefix: f"{ID_BASE}{kind}/" for prefix, kind in ID_KINDS.items()},
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every SpaceCoop prefix on ``graph`` (replacing rdflib's defaults) and return it.

    >>> g = bind_prefixes(Graph(bind_namespaces="core"))
    >>> dict(g.namespaces())["sco"]
    rdflib.term.URIRef('https://w3id.org/spacecoop/ontology#')
    """
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph
