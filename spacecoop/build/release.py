"""A release of the built graph: checksums of every file, and a DCAT/VoID description data portals read.

:func:`describe_release` describes the built files of ``dist/`` as one ``dcat:Dataset`` and ``void:Dataset``
(title, version, licence, publisher, attribution of the data it derives from, counts of triples, entities and
classes) with a ``dcat:Distribution`` per file (media type, size, SHA-256 as an SPDX checksum). The datasets the
graph was imported from (GCAT's tables, each a ``void:Dataset`` in the graph with its own licence and
citation) are its sources, named with ``dcterms:source`` and ``prov:wasDerivedFrom``.

>>> from rdflib import Graph
>>> from spacecoop.namespaces import DCAT
>>> from spacecoop.build.release import describe_release
>>> g = describe_release({"triples": 10, "entities": {"Cooperation": 2}}, {}, [], version="0.1.0")
>>> (DATASET, RDF.type, DCAT.Dataset) in g
True
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, VOID, XSD

from spacecoop.namespaces import ID_BASE, SCO, bind_prefixes

__all__ = ["DATASET", "MEDIA_TYPES", "describe_release", "RELEASE_FILES"]

DATASET = URIRef("https://w3id.org/spacecoop/dataset")
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT3_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3; rdflib's DCAT namespace predates it
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "json": "application/json",
    "txt": "text/plain",
}
#: The files of ``dist/`` a release describes and checksums, in this order (those present).
RELEASE_FILES = (
    "spacecoop.ttl",
    "spacecoop.nt",
    "spacecoop.jsonld",
    "spacecoop.trig",
    "validation-report.ttl",
    "validation-report.txt",
    "stats.json",
)


def describe_release(
    stats: dict,
    digests: dict[str, str],
    files: list[Path],
    version: str,
    sources: Graph | None = None,
    issued: _dt.date | None = None,
) -> Graph:
    """The DCAT/VoID description of a release.

    Parameters
    ----------
    stats : dict
        The build's ``stats.json`` (``triples``, ``entities`` per class…).
    digests : dict
        File name → SHA-256.
    files : list of Path
        The released files (sizes are read from them).
    version : str
        The package version.
    sources : rdflib.Graph, optional
        The built graph's ``void:Dataset`` nodes (the imported tables), copied in as this dataset's sources.
    issued : datetime.date, optional
        The release date (default: today, UTC).
    """
    g = Graph()
    bind_prefixes(g)
    g.bind("dcat", DCAT)
    g.bind("void", VOID)
    g.bind("spdx", SPDX)
    issued = issued or _dt.datetime.now(_dt.timezone.utc).date()
    g.add((DATASET, RDF.type, DCAT.Dataset))
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add(
        (DATASET, DCTERMS.title, Literal("SpaceCoop: a knowledge graph of international space cooperation", lang="en"))
    )
    g.add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "Who works with whom in space, on what, since when, and says who: agencies, companies, institutes, "
                "countries and people; missions, payloads and programmes; and cooperation between them as dated, typed "
                "events, each traced to a verbatim quote from a source or to a row of a dataset.",
                lang="en",
            ),
        )
    )
    g.add((DATASET, DCTERMS.license, CC_BY_4))
    g.add((DATASET, DCTERMS.publisher, Literal("The SpaceCoop contributors")))
    g.add((DATASET, DCAT3_VERSION, Literal(version)))
    g.add((DATASET, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    g.add((DATASET, DCTERMS.conformsTo, URIRef("https://w3id.org/spacecoop/ontology")))
    g.add((DATASET, VOID.vocabulary, URIRef("https://w3id.org/spacecoop/ontology#")))
    g.add((DATASET, VOID.uriSpace, Literal(ID_BASE)))
    g.add((DATASET, DCAT.keyword, Literal("space cooperation", lang="en")))
    g.add((DATASET, DCAT.keyword, Literal("knowledge graph", lang="en")))
    g.add((DATASET, VOID.triples, Literal(int(stats.get("triples", 0)))))
    entities = stats.get("entities", {})
    g.add((DATASET, VOID.entities, Literal(sum(int(n) for n in entities.values()))))
    for name, count in sorted(entities.items()):
        partition = URIRef(f"{DATASET}/class/{name}")
        g.add((DATASET, VOID.classPartition, partition))
        g.add((partition, VOID["class"], SCO[name] if name in SCO.__annotations__ else URIRef(f"{SCO._NS}{name}")))
        g.add((partition, VOID.entities, Literal(int(count))))
    if sources is not None:
        for source in sorted(set(sources.subjects(RDF.type, VOID.Dataset))):
            g.add((DATASET, DCTERMS.source, source))
            g.add((DATASET, PROV.wasDerivedFrom, source))
            for predicate, obj in sources.predicate_objects(source):
                g.add((source, predicate, obj))
    for path in files:
        distribution = URIRef(f"{DATASET}/{path.name}")
        extension = path.name.rsplit(".", 1)[-1]
        g.add((DATASET, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(path.name)))
        g.add(
            (
                distribution,
                DCAT.mediaType,
                URIRef(f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[extension]}"),
            )
        )
        g.add((distribution, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
        g.add((distribution, DCTERMS.license, CC_BY_4))
        checksum = URIRef(f"{distribution}#sha256")
        g.add((distribution, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(digests[path.name], datatype=XSD.hexBinary)))
        if path.name.endswith(".nt"):
            g.add((DATASET, VOID.dataDump, distribution))
    return g
