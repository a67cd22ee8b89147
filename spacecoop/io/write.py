"""Deterministic, atomic output: the same graph always gives the same bytes, and a file is
either written whole or not at all.

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
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from spacecoop.namespaces import PREFIXES, bind_prefixes
from spacecoop.io.paths import CONTEXT_FILE

__all__ = ["to_turtle", "to_ntriples", "to_jsonld", "write_atomic", "sorted_lines", "turtle_from_ntriples",
           "write_turtle", "trig_from_graphs", "nquads_from_graphs"]


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
    from spacecoop.store.knowledge import to_ox

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


def write_turtle(ntriples: Path, path: Path) -> None:
    """Turtle of a sorted N-Triples file, as :func:`turtle_from_ntriples` writes it, streamed from file to
    file (atomically) for graphs too large to hold as text."""
    path = Path(path)
    raw, temporary = (path.with_name(f".{path.name}.{part}.tmp") for part in ("raw", "sorted"))
    try:
        triples = (quad.triple for quad in ox.parse(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES))
        ox.serialize(triples, output=str(raw), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
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
        os.replace(temporary, path)
    finally:
        raw.unlink(missing_ok=True)
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


def to_jsonld(graph: Graph) -> str:
    """JSON-LD compacted with ``ontology/context.jsonld`` (read locally), nodes sorted by ``@id``;
    language tags in lower case, as Oxigraph writes them in the other formats."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = document.get("@graph", [document] if "@id" in document else [])
    for node in nodes:
        for key, value in node.items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and "@language" in item:
                    item["@language"] = item["@language"].lower()
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True))
    document = {"@context": "https://w3id.org/spacecoop/context.jsonld",
                "@graph": sorted(nodes, key=lambda node: node.get("@id", ""))}
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
