"""Strict loading of RDF files: no network, clear errors naming the file and the line.

Files are read as bytes and decoded as UTF-8 here, so that rdflib never opens a URL; JSON-LD
contexts must be our local context or inline, never a remote address.

>>> from spacecoop.paths import ONTOLOGY_DIR
>>> len(parse_file(ONTOLOGY_DIR / "vocab" / "precisions.ttl")) > 10
True
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph
from rdflib import Graph

from spacecoop.errors import SpaceCoopError
from spacecoop.namespaces import bind_prefixes
from spacecoop.paths import CONTEXT_FILE, graph_files, ontology_files

__all__ = ["FORMATS", "rdf_format", "parse_file", "parse_files", "load_ontology", "load_sources"]

FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}
OUR_CONTEXT_IRIS = {"https://w3id.org/spacecoop/context.jsonld", "context.jsonld"}


def rdf_format(path: Path) -> str:
    """The rdflib format name for a file, from its suffix.

    >>> rdf_format(Path("graph/x.ttl"))
    'turtle'
    """
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise SpaceCoopError(
            f"unknown RDF file type {path.suffix!r}: use one of {', '.join(sorted(FORMATS))}", path=str(path)
        ) from None


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SpaceCoopError(f"cannot read file: {error.strerror}", path=str(path)) from None
    if not data.strip():
        raise SpaceCoopError("file is empty", path=str(path))
    if b"\x00" in data:
        raise SpaceCoopError("file is binary (it holds NUL bytes), not RDF text", path=str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SpaceCoopError(f"not UTF-8: byte {data[error.start]:#04x} at offset {error.start}", path=str(path), line=line) from None


OXIGRAPH_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nquads": "N_QUADS"}


def _syntax_error(text: str, rdf_type: str, path: Path) -> SpaceCoopError | None:
    """Locate a syntax error with Oxigraph's parser, which reports exact lines and columns."""
    if rdf_type not in OXIGRAPH_FORMATS:
        return None
    try:
        for _quad in pyoxigraph.parse(text.encode("utf-8"), format=getattr(pyoxigraph.RdfFormat, OXIGRAPH_FORMATS[rdf_type])):
            pass
    except SyntaxError as error:
        message = re.sub(r"^Parser error (at|between) ", "", str(error))
        return SpaceCoopError(f"malformed {rdf_type}: {message}", path=str(path), line=error.lineno)
    return None


def _local_jsonld(text: str, path: Path) -> str:
    """Replace our context's address by the local context; refuse any other remote context."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SpaceCoopError(f"malformed JSON: {error.msg}", path=str(path), line=error.lineno) from None
    local_context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]

    def resolve(node):
        if isinstance(node, dict):
            resolved = {}
            for key, value in node.items():
                resolved[key] = resolve_context(value) if key == "@context" else resolve(value)
            return resolved
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    def resolve_context(context):
        if isinstance(context, list):
            return [resolve_context(item) for item in context]
        if isinstance(context, str):
            if context in OUR_CONTEXT_IRIS:
                return local_context
            raise SpaceCoopError(f"remote JSON-LD @context {context!r} is never fetched: inline it", path=str(path))
        return resolve(context)

    return json.dumps(resolve(document))


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file strictly into ``graph`` (a new graph by default) and return it.

    Raises :class:`~spacecoop.errors.SpaceCoopError` naming the file (and the line where the
    parser tells it) for unreadable, empty, binary, non-UTF-8 or malformed files.
    """
    path = Path(path)
    rdf_type = rdf_format(path)
    text = _read_text(path)
    if rdf_type == "json-ld":
        text = _local_jsonld(text, path)
    graph = graph if graph is not None else bind_prefixes(Graph(bind_namespaces="core"))
    syntax_error = _syntax_error(text, rdf_type, path)
    if syntax_error:
        raise syntax_error
    try:
        graph.parse(data=text, format=rdf_type, publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib raises many types for bad syntax
        message = " ".join(str(error).split())
        raise SpaceCoopError(f"malformed {rdf_type}: {message}", path=str(path)) from None
    return graph


def parse_files(paths, graph: Graph | None = None) -> Graph:
    """Parse several files into one graph."""
    graph = graph if graph is not None else bind_prefixes(Graph(bind_namespaces="core"))
    for path in paths:
        parse_file(Path(path), graph)
    return graph


def load_ontology() -> Graph:
    """The ontology, alignments and vocabularies as one graph."""
    return parse_files(ontology_files())


def load_sources(extra=()) -> Graph:
    """Ontology, vocabularies and every file under ``graph/`` (plus ``extra`` files), as parsed."""
    return parse_files([*ontology_files(), *graph_files(), *map(Path, extra)])
