"""The query library: find a query by name, read its header and turn parameter values into RDF terms.

A query in ``queries/`` starts with a header of ``#+`` comment lines::

    #+ summary: Partners of an organisation, with the type, status, date and source of each cooperation.
    #+ param: org — the organisation (IRI)
    #+ example: spacecoop query partners --param org=https://w3id.org/spacecoop/id/org/npolo

A parameter is a variable of the query. Its value is bound as data, never spliced into the text:
an ``(IRI)`` parameter takes an absolute IRI or a prefixed name with one of our prefixes; a
``(literal)`` parameter becomes a plain string literal, whatever characters it holds.

>>> spec = parse_query("#+ summary: Names.\\n#+ param: who — a person (IRI)\\nSELECT ?n WHERE { ?who ?p ?n }")
>>> spec.summary, spec.params
('Names.', {'who': 'IRI'})
>>> bind_params(spec, {"who": "person:xu-yansong"})
{'who': rdflib.term.URIRef('https://w3id.org/spacecoop/id/person/xu-yansong')}
>>> bind_params(spec, {"who": "not an iri"})
Traceback (most recent call last):
...
spacecoop.errors.SpaceCoopError: parameter 'who' wants an IRI, not 'not an iri'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pyparsing import ParseException, ParseResults
from rdflib import Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from spacecoop.errors import SpaceCoopError
from spacecoop.namespaces import PREFIXES
from spacecoop.io.paths import QUERIES_DIR
from spacecoop.io.read import read_limited
from spacecoop.store.inject import check_text

MAX_QUERY_BYTES = 1_000_000
"""The largest query file read (ours are a few kilobytes)."""
MAX_QUERY_NESTING = 64
"""How deep a query's groups may nest (rdflib's parser recurses on them)."""

__all__ = [
    "QuerySpec",
    "parse_query",
    "find_query",
    "load_query",
    "list_queries",
    "bind_params",
    "to_term",
    "check_is_query",
    "check_local",
    "MAX_QUERY_BYTES",
    "MAX_QUERY_NESTING",
]


_PARAM_LINE = re.compile(r"^(\w+)\s*(?:—|–|-{1,2})\s*(.*?)\s*\((IRI|literal)\)\s*$")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*")
_PREFIXED_NAME = re.compile(r"([A-Za-z][\w\-]*):([\w\-.%]*)")


@dataclass(frozen=True)
class QuerySpec:
    """A query's text and what its header says.

    Attributes
    ----------
    name : str
        The file name without ``.rq`` (``checks/…`` for checks), or the path given.
    text : str
        The query text, unchanged.
    summary : str
        The ``#+ summary:`` line.
    params : dict
        Parameter name → ``"IRI"`` or ``"literal"``, in header order.
    examples : tuple of str
        The ``#+ example:`` lines.
    """

    name: str
    text: str
    summary: str = ""
    params: dict[str, str] = field(default_factory=dict)
    examples: tuple[str, ...] = ()


def parse_query(text: str, name: str = "<query>") -> QuerySpec:
    """Read the ``#+`` header of ``text``.

    >>> parse_query("#+ summary: All.\\nSELECT * WHERE { ?s ?p ?o }").summary
    'All.'
    """
    summary, params, examples = "", {}, []
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].strip().partition(":")
        value = value.strip()
        if key == "summary":
            summary = value
        elif key == "example":
            examples.append(value)
        elif key == "param":
            match = _PARAM_LINE.match(value)
            if not match:
                raise SpaceCoopError(f"bad '#+ param:' line {value!r}: want 'name — meaning (IRI|literal)'", path=name)
            params[match.group(1)] = match.group(3)
    return QuerySpec(name=name, text=text, summary=summary, params=params, examples=tuple(examples))


def find_query(name_or_path: str, queries_dir: Path = QUERIES_DIR) -> Path:
    """The file of a query given by name (``partners``, ``checks/orphan-source-violation``) or path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.exists() and not path.is_dir():
        return path  # a FIFO or a device too: load_query refuses it with a clear message
    candidate = queries_dir / f"{name_or_path}.rq"
    if candidate.is_file():
        return candidate
    known = ", ".join(list_queries(queries_dir)) or "none"
    raise SpaceCoopError(f"no query named {name_or_path!r} (known: {known})")


def load_query(name_or_path: str, queries_dir: Path = QUERIES_DIR) -> QuerySpec:
    """Read and check a query: its header, and that it is a query, not an update."""
    path = find_query(name_or_path, queries_dir)
    name = (
        path.stem
        if path.parent == queries_dir
        else (f"checks/{path.stem}" if path.parent == queries_dir / "checks" else str(path))
    )
    data = read_limited(path, MAX_QUERY_BYTES, "queries")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SpaceCoopError(
            f"not UTF-8: byte {data[error.start]:#04x} at offset {error.start}",
            path=str(path),
            line=data[: error.start].count(b"\n") + 1,
        ) from None
    check_is_query(text, name)
    return parse_query(text, name)


def list_queries(queries_dir: Path = QUERIES_DIR) -> list[str]:
    """Names of the competency questions and the checks, sorted."""
    names = [p.stem for p in queries_dir.glob("*.rq")]
    names += [f"checks/{p.stem}" for p in queries_dir.glob("checks/*.rq")]
    return sorted(names)


def check_is_query(text: str, name: str = "<query>") -> None:
    """Raise unless ``text`` parses as one SPARQL 1.1 query; an update is refused before anything is sent.

    >>> check_is_query("DROP GRAPH <urn:x>", "q")
    Traceback (most recent call last):
    ...
    spacecoop.errors.SpaceCoopError: q: is a SPARQL update; 'query' runs queries only and never sends an update
    """
    try:
        parseQuery(text)
    except RecursionError:
        raise SpaceCoopError(
            f"nested too deeply to parse (brackets or groups; keep it under {MAX_QUERY_NESTING} levels)", path=name
        ) from None
    except ParseException as query_error:
        try:
            parseUpdate(text)
        except ParseException:
            raise SpaceCoopError(
                f"not a SPARQL 1.1 query: {query_error.msg} (line {query_error.lineno}, column {query_error.col})",
                path=name,
            ) from None
        raise SpaceCoopError(
            "is a SPARQL update; 'query' runs queries only and never sends an update", path=name
        ) from None


def check_local(text: str, name: str = "<query>") -> None:
    """Raise unless ``text`` can run in-process without a request: ``SERVICE`` would send the query to
    another address (rdflib and Oxigraph both follow it), and ``FROM``/``FROM NAMED`` name graphs to
    fetch (rdflib would ignore them, answering from another graph than the one asked for). Both are
    refused, with what to do instead; on a store (``--endpoint``) they are the store's to handle.

    >>> check_local("SELECT * WHERE { SERVICE <http://e.org/sparql> { ?s ?p ?o } }", "q")
    Traceback (most recent call last):
    ...
    spacecoop.errors.SpaceCoopError: q: SERVICE sends the query to another address: an in-process query never makes a request (run it on a store with --endpoint, or drop the SERVICE clause)
    >>> check_local('SELECT * WHERE { ?s ?p "SERVICE <http://e.org/>" } # FROM <http://e.org/g>', "q")
    """
    try:
        found = _clauses(parseQuery(text))
    except (ParseException, RecursionError):
        check_is_query(text, name)
        raise
    if "ServiceGraphPattern" in found:
        raise SpaceCoopError(
            "SERVICE sends the query to another address: an in-process query never makes a "
            "request (run it on a store with --endpoint, or drop the SERVICE clause)",
            path=name,
        )
    if "DatasetClause" in found:
        raise SpaceCoopError(
            "FROM and FROM NAMED name graphs to load, and an in-process query loads nothing: "
            "drop the clause (the query runs on the built graph, or on --data FILE with every "
            "named graph merged), or run it on a store with --endpoint",
            path=name,
        )


def _clauses(node, found: set | None = None, depth: int = 0) -> set:
    """The names of the parse-tree nodes of a query (``ServiceGraphPattern``, ``DatasetClause``, …)."""
    found = set() if found is None else found
    if depth > 4 * MAX_QUERY_NESTING:
        raise SpaceCoopError(f"nested too deeply (keep it under {MAX_QUERY_NESTING} levels)")
    if isinstance(node, CompValue):
        found.add(node.name)
        children = node.values()
    elif isinstance(node, (list, tuple, ParseResults)):
        children = node
    elif isinstance(node, dict):
        children = node.values()
    else:
        return found
    for child in children:
        _clauses(child, found, depth + 1)
    return found


def to_term(value: str, kind: str) -> URIRef | Literal:
    """The RDF term for a parameter value: an IRI (``kind == "IRI"``) or a plain literal.

    >>> to_term("scorg:npolo", "IRI")
    rdflib.term.URIRef('https://w3id.org/spacecoop/id/org/npolo')
    >>> to_term('x" } ; DROP GRAPH <urn:g> {', "literal")
    rdflib.term.Literal('x" } ; DROP GRAPH <urn:g> {')
    """
    check_text(value)
    if kind == "literal":
        return Literal(value)
    prefixed = _PREFIXED_NAME.fullmatch(value)
    if prefixed and prefixed.group(1) in PREFIXES:
        value = PREFIXES[prefixed.group(1)] + prefixed.group(2)
    if not _ABSOLUTE_IRI.fullmatch(value):
        raise SpaceCoopError(f"wants an IRI, not {value!r}")
    return URIRef(value)


def bind_params(spec: QuerySpec, values: dict[str, str]) -> dict[str, URIRef | Literal]:
    """Turn ``--param`` values into terms, by the types the header declares."""
    bindings = {}
    for key, value in values.items():
        if key not in spec.params:
            declared = ", ".join(spec.params) or "none"
            raise SpaceCoopError(f"query {spec.name!r} has no parameter {key!r} (it has: {declared})")
        try:
            bindings[key] = to_term(value, spec.params[key])
        except SpaceCoopError as error:
            raise SpaceCoopError(f"parameter {key!r} {error.message}") from None
    return bindings
