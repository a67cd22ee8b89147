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
import tempfile
from pathlib import Path

from rdflib import Graph

from spacecoop.namespaces import bind_prefixes
from spacecoop.paths import CONTEXT_FILE

__all__ = ["to_turtle", "to_ntriples", "to_jsonld", "write_atomic"]


def to_turtle(graph: Graph) -> str:
    """Turtle with our prefixes, subjects and predicates sorted (rdflib ``longturtle``)."""
    out = bind_prefixes(Graph(bind_namespaces="core"))
    for triple in graph:
        out.add(triple)
    return out.serialize(format="longturtle")


def to_ntriples(graph: Graph) -> str:
    """N-Triples, one line per triple, sorted."""
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())


def to_jsonld(graph: Graph) -> str:
    """JSON-LD compacted with ``ontology/context.jsonld`` (read locally), nodes sorted by ``@id``."""
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = document.get("@graph", [document] if "@id" in document else [])
    for node in nodes:
        for key, value in node.items():
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
