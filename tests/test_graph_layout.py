"""graph/ has one home per entity and one layout for curated areas (graph/README.md says where a fact goes).

An entity is typed (``rdf:type``) and labelled (``skos:prefLabel``, ``rdfs:label``) in exactly one curated
file; other files only refer to it. The generated layers (``graph/gcat/`` from the GCAT importer,
``graph/countries/`` from pycountry) are regenerated, not edited, so they are not counted: the curated kind
and other names of a GCAT organisation have their one curated home in ``graph/agents/organisations.ttl``.
"""

import re
from collections import Counter, defaultdict
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

GRAPH = Path(__file__).resolve().parents[1] / "graph"
GENERATED = {"gcat", "countries", "identities"}
AREA_FILES = {"entities.ttl", "cooperation.ttl", "sources.ttl"}
SHARED = {"agents", "publishers"}
TYPED_AT_LINE_START = re.compile(r"^([a-z]+:[A-Za-z0-9_.-]*[A-Za-z0-9_-]) a ", re.MULTILINE)


def curated_files() -> list[Path]:
    return sorted(path for path in GRAPH.rglob("*.ttl") if path.relative_to(GRAPH).parts[0] not in GENERATED)


def homes(files: list[Path]) -> dict[URIRef, set[str]]:
    """Each entity typed or labelled in ``files``, with the names of the files that do it."""
    found: dict[URIRef, set[str]] = defaultdict(set)
    for path in files:
        graph = Graph().parse(path, format="turtle")
        for predicate in (RDF.type, SKOS.prefLabel, RDFS.label):
            for subject in graph.subjects(predicate, None):
                if isinstance(subject, URIRef):
                    found[subject].add(str(path.relative_to(GRAPH)) if path.is_relative_to(GRAPH) else path.name)
    return found


def test_every_entity_is_typed_and_labelled_in_one_curated_file():
    several = {str(entity): sorted(files) for entity, files in homes(curated_files()).items() if len(files) > 1}
    assert not several, f"typed or labelled in more than one file (keep one home, refer elsewhere): {several}"


def typed_twice(text: str) -> list[str]:
    r"""Subjects that open two blocks with ``a`` in one Turtle text (a parser merges them silently).

    >>> typed_twice('ex:a a ex:T .\nex:b a ex:T .\nex:a a ex:T ; ex:p 1 .\n')
    ['ex:a']
    """
    return sorted(name for name, count in Counter(TYPED_AT_LINE_START.findall(text)).items() if count > 1)


def test_no_entity_is_typed_twice_in_one_file():
    twice = {str(path.relative_to(GRAPH)): typed_twice(path.read_text()) for path in curated_files()}
    twice = {path: names for path, names in twice.items() if names}
    assert not twice, f"typed in two blocks of one file (merge them into one): {twice}"


def test_curated_files_follow_the_layout():
    """No loose files at the top of graph/; an area holds entities.ttl, cooperation.ttl, sources.ttl only."""
    loose = sorted(path.name for path in GRAPH.glob("*.ttl"))
    assert not loose, f"Turtle files directly under graph/ (put them in an area folder): {loose}"
    for path in curated_files():
        folder, *rest = path.relative_to(GRAPH).parts
        if folder in SHARED:
            continue
        assert len(rest) == 1 and rest[0] in AREA_FILES, (
            f"graph/{folder}/{'/'.join(rest)}: an area holds only {sorted(AREA_FILES)}"
        )


def test_a_second_home_is_found(tmp_path):
    """ESA typed in one file and labelled in another has two homes."""
    prefix = "@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    (tmp_path / "a.ttl").write_text(prefix + "<urn:x:esa> a sco:SpaceAgency .\n")
    (tmp_path / "b.ttl").write_text(
        prefix + '<urn:x:esa> skos:prefLabel "ESA"@en .\n<urn:x:nasa> sco:country <urn:x:us> .\n'
    )
    found = homes(sorted(tmp_path.glob("*.ttl")))
    assert found == {URIRef("urn:x:esa"): {"a.ttl", "b.ttl"}}
