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

__all__ = [
    "to_turtle",
    "to_ntriples",
    "to_jsonld",
    "write_jsonld",
    "jsonld_context",
    "compact",
    "write_atomic",
    "sorted_lines",
    "sort_file",
    "turtle_from_ntriples",
    "write_turtle",
    "write_trig",
    "trig_from_graphs",
    "nquads_from_graphs",
]


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
    data = ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples), format=ox.RdfFormat.N_TRIPLES)
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
    sorting = subprocess.run(
        ["sort", "-u", "-S", "25%", "-T", str(Path(ordered).parent), "-o", str(ordered), str(unsorted)],
        env={**os.environ, "LC_ALL": "C"},
        capture_output=True,
        text=True,
    )
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
    # the quads of an N-Triples file are in the default graph: Oxigraph's Turtle writer takes them as they come
    _write_with_sorted_prefixes(
        ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES), ox.RdfFormat.TURTLE, path, [ntriples]
    )


def write_trig(ntriples: Path, graphs_of, path: Path) -> None:
    """TriG of a sorted N-Triples file split into named graphs — ``graphs_of(line)`` gives the graph IRIs
    (bytes) of each line — as :func:`trig_from_graphs` writes it (graphs in IRI order, each one's triples
    sorted), streamed from file to file (atomically): ``graph<TAB>quad`` records (an N-Quads line after the tab)
    sorted on disk, the keys cut off (the system's ``cut``), then read as N-Quads by Oxigraph."""
    path = check_output(Path(path), [ntriples])
    records, ordered = temporary_sibling(path, "records"), temporary_sibling(path, "ordered")
    quads = temporary_sibling(path, "nq")
    try:
        with open(ntriples, "rb") as source, open(records, "wb") as out:
            write = out.write
            for line in source:  # <s> <p> <o> .\n  →  graph<TAB><s> <p> <o> <graph> .\n
                triple = line[: line.rindex(b" .")]
                for graph in graphs_of(line):
                    write(b"%s\t%s <%s> .\n" % (graph, triple, graph))
        sort_file(records, ordered)
        records.unlink()
        with open(quads, "wb") as out:  # an N-Triples line holds no tab: Oxigraph escapes it in a literal
            cutting = subprocess.run(["cut", "-f2-", str(ordered)], stdout=out, stderr=subprocess.PIPE, text=False)
        if cutting.returncode != 0:
            raise SpaceCoopError(f"cut failed: {cutting.stderr.decode(errors='replace').strip()}", path=str(path))
        ordered.unlink()
        _write_with_sorted_prefixes(
            ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS), ox.RdfFormat.TRIG, path, [ntriples]
        )
    finally:
        for temporary in (records, ordered, quads):
            temporary.unlink(missing_ok=True)


def trig_from_graphs(graphs: dict) -> bytes:
    """TriG of named graphs (graph IRI → sorted N-Triples of its triples), graphs in IRI order, our prefixes."""
    quads = (
        ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(name))
        for name in sorted(graphs)
        for quad in ox.parse(graphs[name], format=ox.RdfFormat.N_TRIPLES)
    )
    return _prefixes_sorted(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))


def nquads_from_graphs(graphs: dict) -> bytes:
    """N-Quads of named graphs (graph IRI → N-Triples of its triples), lines sorted."""
    quads = (
        ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(name))
        for name, ntriples in graphs.items()
        for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    )
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
    return {
        iri: name
        for name, iri in jsonld_context().items()
        if isinstance(iri, str) and not name.startswith("@") and iri.endswith(("/", "#"))
    }


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
        raise SpaceCoopError(
            f"the IRI {iri!r} cannot be written in JSON-LD: its scheme {scheme!r} is a prefix of "
            "ontology/context.jsonld"
        )
    return iri


_XSD_STRING = str(XSD.string)
_RDF_TYPE = str(RDF.type)
_NEWLINE = "\x1e"
_NOT_JSON = re.compile(r"[\x00-\x1f]|\\[uU]")  # in an N-Triples string: a raw control character or a \u escape


def _subject_text(line: str) -> str:
    """The subject of an N-Triples line, as written (``<iri>`` or ``_:label``: neither holds a space)."""
    return line[: line.index(" ")]


def _jsonld_id(token: str) -> str:
    """The ``@id`` of an N-Triples subject or object token (``<iri>`` or ``_:label``), JSON-encoded."""
    return _ENCODE_STRING(token if token[0] == "_" else compact(token[1:-1]))


def _jsonld_string(escaped: str, line: str) -> str:
    """The JSON text of the string between the quotes of an N-Triples literal (``escaped``, from ``line``).
    Oxigraph's escapes ``\\"``, ``\\\\``, ``\\n``, ``\\r``, ``\\t``, ``\\b``, ``\\f`` are JSON's own; a string with a
    ``\\u`` escape or a raw control character is read by Oxigraph and encoded again.

    >>> _jsonld_string('a \\\\"b\\\\" é', ""), _jsonld_string('\\\\u0001', '<urn:a> <urn:p> "\\\\u0001" .')
    ('"a \\\\"b\\\\" é"', '"\\\\u0001"')
    """
    if _NOT_JSON.search(escaped) is None:
        return f'"{escaped}"'
    (quad,) = ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return _ENCODE_STRING(quad.object.value)


def _jsonld_value(token: str, line: str) -> tuple:
    """An N-Triples object token (``line``: its line) as a JSON-LD value object: its (key, JSON text) pairs, in key
    order."""
    if token[0] != '"':
        return (('"@id"', _jsonld_id(token)),)
    close = token.rindex('"')
    text, suffix = _jsonld_string(token[1:close], line), token[close + 1 :]
    if suffix.startswith("@"):
        return ('"@language"', _ENCODE_STRING(suffix[1:].lower())), ('"@value"', text)
    if suffix.startswith("^^<") and suffix[3:-1] != _XSD_STRING:
        return ('"@type"', _ENCODE_STRING(compact(suffix[3:-1]))), ('"@value"', text)
    return (('"@value"', text),)


def _raw_id(node: tuple[str, str]) -> str:
    """The ``@id`` of a node from :func:`_jsonld_node`, unquoted: the order of the nodes (an IRI or a blank node
    label holds nothing JSON escapes)."""
    return node[0][1:-1]


def _sort_key(value: tuple) -> str:
    """The order of the values of one property: their ``json.dumps(value, sort_keys=True)`` text."""
    text = "{" + ", ".join(f"{key}: {item}" for key, item in value) + "}"
    return text if text.isascii() else json.dumps(json.loads(text), sort_keys=True)


def _jsonld_node(lines) -> tuple[str, str]:
    """The ``@id`` (JSON-encoded) and the text of the node of one subject, from its N-Triples lines, as
    ``_indented(node, 2)`` writes it: ``@type`` for its classes, a sorted list of values per property, each
    value once. Written here, not by :func:`_indented`: a node is always this shape, and the graph has many.

    >>> lines = ['<https://w3id.org/spacecoop/id/org/esa> <http://www.w3.org/2000/01/rdf-schema#label> "ESA"@EN .',
    ...     '<https://w3id.org/spacecoop/id/org/esa> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
    ...     '<https://w3id.org/spacecoop/ontology#SpaceAgency> .']
    >>> node_id, text = _jsonld_node(lines)
    >>> node_id, text == _indented({"@id": "scorg:esa", "@type": ["sco:SpaceAgency"],
    ...     "rdfs:label": [{"@language": "en", "@value": "ESA"}]}, 2)
    ('"scorg:esa"', True)
    """
    values: dict = {}  # JSON-encoded key → value (a tuple of pairs, or a JSON-encoded class) → None
    node_id = None
    for line in lines:
        subject_end = line.index(" ")
        predicate_end = line.index(" ", subject_end + 1)
        if node_id is None:
            node_id = _jsonld_id(line[:subject_end])
        predicate, obj = line[subject_end + 2 : predicate_end - 1], line[predicate_end + 1 : line.rindex(" .")]
        if predicate == _RDF_TYPE and obj[0] == "<":
            values.setdefault('"@type"', {})[_jsonld_id(obj)] = None
        else:
            values.setdefault(_ENCODE_STRING(compact(predicate)), {})[_jsonld_value(obj, line)] = None
    entries = {'"@id"': node_id}
    for key, listed in values.items():
        if key == '"@type"':
            texts = sorted(listed, key=lambda text: json.dumps(json.loads(text)))
        else:
            ordered = sorted(listed, key=_sort_key) if len(listed) > 1 else listed
            texts = ["{\n     " + ",\n     ".join(f"{k}: {v}" for k, v in value) + "\n    }" for value in ordered]
        entries[key] = "[\n    " + ",\n    ".join(texts) + "\n   ]"
    return node_id, "{\n   " + ",\n   ".join(f"{key}: {entries[key]}" for key in sorted(entries)) + "\n  }"


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
    lines = to_ntriples(triples).splitlines()
    nodes = sorted((_jsonld_node(group) for _, group in groupby(lines, key=_subject_text)), key=_raw_id)
    return "".join(_jsonld_document(text for _, text in nodes))


def write_jsonld(ntriples: Path, path: Path) -> None:
    """:func:`to_jsonld` of a sorted N-Triples file, the same text, streamed from file to file (atomically) for
    graphs too large to hold: a node per subject as its lines come (a subject's lines are together), the nodes
    sorted on disk by ``@id``, then joined into the document."""
    path = check_output(Path(path), [ntriples])
    records, ordered, temporary = (temporary_sibling(path, part) for part in ("records", "ordered", "document"))
    try:
        with open(ntriples, encoding="utf-8", newline="\n") as source, open(records, "w", encoding="utf-8") as out:
            for _, group in groupby(source, key=_subject_text):
                node_id, text = _jsonld_node(group)
                # one record a line: raw control characters are never in JSON text, always escaped
                out.write(f"{_raw_id((node_id, text))}\t{text.replace(chr(10), _NEWLINE)}\n")
        sort_file(records, ordered)
        records.unlink()
        with open(ordered, encoding="utf-8", newline="\n") as source, open(temporary, "w", encoding="utf-8") as out:
            nodes = (record.split("\t", 1)[1][:-1].replace(_NEWLINE, "\n") for record in source)
            out.writelines(_jsonld_document(nodes))
        replace_into(temporary, path)
    finally:
        for scratch in (records, ordered, temporary):
            scratch.unlink(missing_ok=True)


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
        items = [
            f"{_ENCODE_STRING(key)}: {_ENCODE_STRING(item) if type(item) is str else _indented(item, level + 1)}"
            for key, item in sorted(value.items())
        ]
        return "{" + inner + ("," + inner).join(items) + outer + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [_ENCODE_STRING(item) if type(item) is str else _indented(item, level + 1) for item in value]
        return "[" + inner + ("," + inner).join(items) + outer + "]"
    return json.dumps(value)
