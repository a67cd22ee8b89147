"""Deterministic, atomic output: the same graph always gives the same bytes, and a file is
either written whole or not at all (through :mod:`spacecoop.io.outputs`, where ``write_atomic`` lives).

>>> from rdflib import Graph, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("https://e.org/b"), URIRef("https://e.org/p"), URIRef("https://e.org/a")))
>>> _ = g.add((URIRef("https://e.org/a"), URIRef("https://e.org/p"), URIRef("https://e.org/b")))
>>> print(to_ntriples(g), end="")
<https://e.org/a> <https://e.org/p> <https://e.org/b> .
<https://e.org/b> <https://e.org/p> <https://e.org/a> .
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from itertools import groupby
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, XSD

from spacecoop.errors import SpaceCoopError
from spacecoop.namespaces import PREFIXES, bind_prefixes
from spacecoop.io.outputs import check_output, replace_into, temporary_sibling, write_atomic
from spacecoop.io.paths import CONTEXT_FILE
from spacecoop.io.terms import to_ox

__all__ = ["to_turtle", "to_ntriples", "to_jsonld", "write_jsonld", "jsonld_context", "compact", "write_atomic", "sorted_lines", "sort_file",
           "turtle_from_ntriples", "write_turtle", "write_trig", "trig_from_graphs", "nquads_from_graphs"]


def to_turtle(graph: Graph) -> str:
    """Turtle with our prefixes, subjects and predicates sorted (rdflib ``longturtle``)."""
    out = bind_prefixes(Graph(bind_namespaces="core"))
    for triple in graph:
        out.add(triple)
    return out.serialize(format="longturtle")


def to_ntriples(triples) -> str:
    """N-Triples of a graph (or any iterable of rdflib triples), one line per triple, sorted
    (Oxigraph's writer, as for every N-Triples, N-Quads, Turtle and TriG output: lexical forms are
    kept, language tags written in lower case, as RDF 1.1 allows)."""
    data = ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples),
                        format=ox.RdfFormat.N_TRIPLES)
    return sorted_lines(data).decode("utf-8")


def sorted_lines(data: bytes) -> bytes:
    r"""N-Triples or N-Quads with the lines sorted, duplicates and blank lines dropped.

    >>> sorted_lines(b"<urn:b> <urn:p> <urn:o> .\n\n<urn:a> <urn:p> <urn:o> .\n<urn:b> <urn:p> <urn:o> .\n")
    b'<urn:a> <urn:p> <urn:o> .\n<urn:b> <urn:p> <urn:o> .\n'
    """
    return b"".join(line + b"\n" for line in sorted(set(data.splitlines())) if line.strip())


def turtle_from_ntriples(ntriples: bytes) -> bytes:
    r"""Turtle of sorted N-Triples, in their order: Oxigraph's writer, our prefixes sorted at the top.

    >>> print(turtle_from_ntriples(b'<https://w3id.org/spacecoop/id/org/esa> <http://www.w3.org/2000/01/rdf-schema#label> "ESA" .\n').decode().splitlines()[-1])
    scorg:esa rdfs:label "ESA" .
    """
    triples = (quad.triple for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    return _prefixes_sorted(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))


def sort_file(unsorted: Path, ordered: Path) -> None:
    """Sort the lines of ``unsorted`` into ``ordered``, duplicates dropped, on disk: the system's ``sort``
    (``LC_ALL=C``: bytewise, the order of :func:`sorted_lines`), so a file of millions of lines is never
    held in memory."""
    sorting = subprocess.run(["sort", "-u", "-S", "25%", "-T", str(Path(ordered).parent), "-o", str(ordered),
                              str(unsorted)], env={**os.environ, "LC_ALL": "C"}, capture_output=True, text=True)
    if sorting.returncode != 0:
        raise SpaceCoopError(f"sort failed: {sorting.stderr.strip()}", path=str(ordered))


def _write_with_sorted_prefixes(quads, rdf_format, path: Path, inputs) -> None:
    """Serialise ``quads`` (or triples) with Oxigraph's writer to ``path``, atomically, streamed through a
    temporary file, the ``@prefix`` lines at its top sorted (Oxigraph writes them in an order of its own)."""
    path = check_output(Path(path), inputs)
    raw, temporary = temporary_sibling(path, "raw"), temporary_sibling(path, "sorted")
    try:
        ox.serialize(quads, output=str(raw), format=rdf_format, prefixes=PREFIXES)
        with open(raw, "rb") as source, open(temporary, "wb") as out:
            header = []
            for line in source:
                if not line.startswith(b"@prefix "):
                    out.write(b"".join(sorted(header)) + line)
                    break
                header.append(line)
            else:
                out.write(b"".join(sorted(header)))
            shutil.copyfileobj(source, out, 1 << 20)
        replace_into(temporary, path)
    finally:
        raw.unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)


def write_turtle(ntriples: Path, path: Path) -> None:
    """Turtle of a sorted N-Triples file, as :func:`turtle_from_ntriples` writes it, streamed from file to
    file (atomically) for graphs too large to hold as text."""
    triples = (quad.triple for quad in ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES))
    _write_with_sorted_prefixes(triples, ox.RdfFormat.TURTLE, path, [ntriples])


def write_trig(ntriples: Path, graphs_of, path: Path) -> None:
    """TriG of a sorted N-Triples file split into named graphs — ``graphs_of(line)`` gives the graph IRIs
    (bytes) of each line — as :func:`trig_from_graphs` writes it (graphs in IRI order, each one's triples
    sorted), streamed from file to file (atomically): ``graph<TAB>line`` records sorted on disk, then read
    back as N-Quads by Oxigraph."""
    path = check_output(Path(path), [ntriples])
    records, ordered = temporary_sibling(path, "records"), temporary_sibling(path, "ordered")
    quads = temporary_sibling(path, "nq")
    try:
        with open(ntriples, "rb") as source, open(records, "wb") as out:
            write = out.write
            for line in source:
                for graph in graphs_of(line):
                    write(graph + b"\t" + line)
        sort_file(records, ordered)
        records.unlink()
        with open(ordered, "rb") as source, open(quads, "wb") as out:
            write = out.write
            for record in source:  # graph<TAB><s> <p> <o> .\n  →  <s> <p> <o> <graph> .\n
                tab = record.index(b"\t")
                write(record[tab + 1 : -3] + b" <" + record[:tab] + b"> .\n")
        ordered.unlink()
        parsed = ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS)
        _write_with_sorted_prefixes(parsed, ox.RdfFormat.TRIG, path, [ntriples])
    finally:
        for temporary in (records, ordered, quads):
            temporary.unlink(missing_ok=True)


def trig_from_graphs(graphs: dict) -> bytes:
    """TriG of named graphs (graph IRI → sorted N-Triples of its triples), graphs in IRI order, our prefixes."""
    quads = (ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(name))
             for name in sorted(graphs) for quad in ox.parse(graphs[name], format=ox.RdfFormat.N_TRIPLES))
    return _prefixes_sorted(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))


def nquads_from_graphs(graphs: dict) -> bytes:
    """N-Quads of named graphs (graph IRI → N-Triples of its triples), lines sorted."""
    quads = (ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(name))
             for name, ntriples in graphs.items() for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    return sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def _prefixes_sorted(text: bytes) -> bytes:
    """Oxigraph writes the prefixes in an order of its own: sort those lines, keep the rest."""
    lines = text.split(b"\n")
    end = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return b"\n".join(sorted(lines[:end]) + lines[end:])


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """The ``@context`` object of ``ontology/context.jsonld``, which every JSON-LD we write embeds whole."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


@lru_cache(maxsize=1)
def _context_prefixes() -> dict[str, str]:
    """The context's prefixes (simple terms ending in ``/`` or ``#``): namespace → prefix."""
    return {iri: name for name, iri in jsonld_context().items()
            if isinstance(iri, str) and not name.startswith("@") and iri.endswith(("/", "#"))}


_LOCAL_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-.]*$")


@lru_cache(maxsize=1 << 20)
def compact(iri: str) -> str:
    """``iri`` as a compact IRI of our JSON-LD context where one fits, else whole.

    >>> compact("https://w3id.org/spacecoop/ontology#Cooperation"), compact("urn:x")
    ('sco:Cooperation', 'urn:x')

    An IRI whose scheme is one of the context's prefixes would be read back as a compact IRI, so it is
    refused rather than written wrong:

    >>> compact("geo:48.2,16.4")
    Traceback (most recent call last):
    ...
    spacecoop.errors.SpaceCoopError: the IRI 'geo:48.2,16.4' cannot be written in JSON-LD: its scheme 'geo' is a prefix of ontology/context.jsonld
    """
    # a local name holds no "/" nor "#": the one namespace that may fit ends at the last of them
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    name = _context_prefixes().get(iri[:cut]) if cut else None
    if name is not None and _LOCAL_NAME.match(iri[cut:]):
        return f"{name}:{iri[cut:]}"
    scheme, colon, rest = iri.partition(":")
    if colon and not rest.startswith("//") and scheme in jsonld_context():
        raise SpaceCoopError(f"the IRI {iri!r} cannot be written in JSON-LD: its scheme {scheme!r} is a prefix of "
                             "ontology/context.jsonld")
    return iri


_XSD_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)
_NEWLINE = "\x1e"


def _jsonld_id(term) -> str:
    """The ``@id`` of a pyoxigraph subject or object."""
    return f"_:{term.value}" if type(term) is ox.BlankNode else compact(term.value)


def _jsonld_value(term) -> tuple:
    """A pyoxigraph object as a JSON-LD value object, its (key, text) pairs in key order."""
    if type(term) is not ox.Literal:
        return (("@id", _jsonld_id(term)),)
    if term.language:
        return ("@language", term.language.lower()), ("@value", term.value)
    datatype = term.datatype.value
    if datatype != _XSD_STRING:
        return ("@type", compact(datatype)), ("@value", term.value)
    return (("@value", term.value),)


def to_jsonld(triples) -> str:
    """JSON-LD of a graph (or any iterable of rdflib triples) that any JSON-LD processor reads offline: the
    context of ``ontology/context.jsonld`` is embedded whole, never named by an address. Flat: one node
    per subject, sorted by ``@id``, each value as written in the N-Triples (a literal keeps its lexical
    form and datatype, language tags in lower case), so it expands to exactly the same triples.

    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import SKOS
    >>> esa = URIRef("https://w3id.org/spacecoop/id/org/esa")
    >>> document = json.loads(to_jsonld([(esa, SKOS.prefLabel, Literal("ESA", lang="en"))]))
    >>> document["@context"]["scorg"], document["@graph"]
    ('https://w3id.org/spacecoop/id/org/', [{'@id': 'scorg:esa', 'skos:prefLabel': [{'@language': 'en', '@value': 'ESA'}]}])
    """
    by_subject: dict = {}
    for subject, predicate, obj in triples:
        by_subject.setdefault(_jsonld_id(to_ox(subject)), []).append((to_ox(predicate), to_ox(obj)))
    nodes = (_jsonld_node(node_id, by_subject[node_id]) for node_id in sorted(by_subject))
    return "".join(_jsonld_document(nodes))


def write_jsonld(ntriples: Path, path: Path) -> None:
    """:func:`to_jsonld` of a sorted N-Triples file, the same text, streamed from file to file (atomically) for
    graphs too large to hold: a node per subject as its lines come (a subject's lines are together), the nodes
    sorted on disk by ``@id``, then joined into the document."""
    path = check_output(Path(path), [ntriples])
    records, ordered, temporary = (temporary_sibling(path, part) for part in ("records", "ordered", "document"))
    try:
        with open(records, "wb") as out:
            triples = (quad.triple for quad in ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES))
            for subject, group in groupby(triples, key=lambda triple: triple.subject):
                node_id = _jsonld_id(subject)
                text = _jsonld_node(node_id, ((t.predicate, t.object) for t in group))
                # one record a line: raw control characters are never in JSON text, always escaped
                out.write(f"{node_id}\t{text.replace(chr(10), _NEWLINE)}\n".encode("utf-8"))
        sort_file(records, ordered)
        records.unlink()
        with open(ordered, "rb") as source, open(temporary, "wb") as out:
            nodes = (record.decode("utf-8").split("\t", 1)[1][:-1].replace(_NEWLINE, "\n") for record in source)
            out.writelines(part.encode("utf-8") for part in _jsonld_document(nodes))
        replace_into(temporary, path)
    finally:
        for scratch in (records, ordered, temporary):
            scratch.unlink(missing_ok=True)


def _jsonld_node(node_id: str, pairs) -> str:
    """The text of the node of one subject from its (predicate, object) pairs of pyoxigraph terms, as
    ``_indented(node, 2)`` writes it: ``@type`` for its classes, a sorted list of values per property, each pair
    once. Written here, not by :func:`_indented`: a node is always this shape, and the graph has many.

    >>> esa = ox.NamedNode("https://w3id.org/spacecoop/id/org/esa")
    >>> pairs = [(ox.NamedNode(_RDF_TYPE), ox.NamedNode("https://w3id.org/spacecoop/ontology#SpaceAgency")),
    ...          (ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("ESA", language="EN"))]
    >>> _jsonld_node("scorg:esa", pairs) == _indented({"@id": "scorg:esa", "@type": ["sco:SpaceAgency"],
    ...     "rdfs:label": [{"@language": "en", "@value": "ESA"}]}, 2)
    True
    """
    values: dict = {}  # key → value (as a tuple of pairs) → None, in the order first seen
    for predicate, obj in pairs:
        if predicate.value == _RDF_TYPE and type(obj) is ox.NamedNode:
            values.setdefault("@type", {})[compact(obj.value)] = None
        else:
            values.setdefault(compact(predicate.value), {})[_jsonld_value(obj)] = None
    encode = _ENCODE_STRING
    entries = {"@id": encode(node_id)}
    for key in values:
        listed = list(values[key])
        if key == "@type":
            texts = [encode(value) for value in sorted(listed, key=json.dumps)]
        else:
            if len(listed) > 1:
                listed.sort(key=lambda value: json.dumps(dict(value), sort_keys=True))
            texts = ["{\n     " + ",\n     ".join(f"{encode(k)}: {encode(v)}" for k, v in value) + "\n    }"
                     for value in listed]
        entries[key] = "[\n    " + ",\n    ".join(texts) + "\n   ]"
    return "{\n   " + ",\n   ".join(f"{encode(key)}: {entries[key]}" for key in sorted(entries)) + "\n  }"


def _jsonld_document(nodes):
    """The text of the document, in parts: our context, then the nodes (each already indented for its place)
    — what ``json.dumps({"@context": …, "@graph": […]}, indent=1, sort_keys=True)`` writes."""
    yield '{\n "@context": ' + _indented(jsonld_context(), 1) + ',\n "@graph": '
    first = True
    for node in nodes:
        yield ("[\n  " if first else ",\n  ") + node
        first = False
    yield "[]\n}\n" if first else "\n ]\n}\n"


_ENCODE_STRING = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _indented(value, level: int = 0) -> str:
    """``json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)``, the same text, without the
    pure-Python encoder ``json`` falls back to when it indents (several times slower on a large graph).

    >>> document = {"b": [{"y": "é\\n", "x": 1.5}, True, None], "a": {}, "c": []}
    >>> _indented(document) == json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False)
    True
    """
    if isinstance(value, str):
        return _ENCODE_STRING(value)
    inner, outer = "\n" + " " * (level + 1), "\n" + " " * level
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{_ENCODE_STRING(key)}: {_ENCODE_STRING(item) if type(item) is str else _indented(item, level + 1)}"
                 for key, item in sorted(value.items())]
        return "{" + inner + ("," + inner).join(items) + outer + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [_ENCODE_STRING(item) if type(item) is str else _indented(item, level + 1) for item in value]
        return "[" + inner + ("," + inner).join(items) + outer + "]"
    return json.dumps(value)
