"""Strict loading of RDF files: no network, clear errors naming the file and the line.

Files are read as bytes and decoded as UTF-8 here, so that rdflib never opens a URL; JSON-LD
contexts must be our local context or inline, never a remote address (nor an ``@import``).
Every refusal is a :class:`~spacecoop.errors.SpaceCoopError` naming the file, the line (where
there is one) or the node, and the problem. What is refused (``SECURITY.md`` explains why):

- a file that cannot be read, is not a regular file (a FIFO, a device such as ``/dev/zero``, or a
  link to one: they would block or never end), is larger than :data:`MAX_FILE_BYTES`, is empty,
  binary (NUL bytes) or not UTF-8 (a UTF-8 byte order mark is accepted and ignored);
- RDF/XML (``.rdf``, ``.owl``, ``.xml``): never parsed, so XML entities are never resolved;
- malformed Turtle, TriG, N-Triples or N-Quads, with the exact line from Oxigraph's parser;
- blank nodes ``[ … ]`` or collections ``( … )`` nested deeper than :data:`MAX_NESTING`;
- a literal or an IRI (subject, predicate, object, datatype or graph name) longer than
  :data:`MAX_LITERAL_CHARS` characters, a language tag longer than :data:`MAX_LANGUAGE_TAG_CHARS`;
- an ill-typed literal (``"2019-13-45"^^xsd:date``): a literal of xsd:date, xsd:dateTime,
  xsd:integer, xsd:decimal, xsd:boolean or xsd:anyURI whose lexical form is not in its
  datatype's lexical space (checked strictly here, where rdflib is lax), or any other literal
  rdflib itself finds ill-typed;
- an IRI with a space, a control character or one of ``<>"{}|^`\\``;
- a JSON-LD ``@context`` or ``@import`` that is an address other than our own context.

``owl:imports`` is never followed: a file with one loads, and a warning says it was not followed.

Named graphs (TriG, N-Quads, JSON-LD ``@graph`` with an ``@id``) are **merged**: every triple of every
graph of the file is read into the one graph a command works on (the graph names are not kept), so
nothing a dataset holds is silently dropped. :func:`triples_in_file` counts them, for commands that
must check that nothing was lost on the way (``push``).

>>> from spacecoop.io.paths import ONTOLOGY_DIR
>>> len(parse_file(ONTOLOGY_DIR / "vocab" / "precisions.ttl")) > 10
True
"""

from __future__ import annotations

import calendar
import json
import logging
import os
import re
import stat
import sys
import warnings
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, Literal, URIRef

from spacecoop.errors import SpaceCoopError
from spacecoop.namespaces import bind_prefixes
from spacecoop.io.paths import CONTEXT_FILE, graph_files, is_generated, ontology_files
from spacecoop.io.terms import from_ox

__all__ = [
    "SUFFIX_FORMATS",
    "MAX_FILE_BYTES",
    "MAX_LITERAL_CHARS",
    "MAX_LANGUAGE_TAG_CHARS",
    "MAX_NESTING",
    "rdf_format",
    "read_limited",
    "parse_file",
    "parse_files",
    "read_quads",
    "load_checked",
    "triples_in_file",
    "load_ontology",
    "load_sources",
]

SUFFIX_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}
OUR_CONTEXT_IRIS = {"https://w3id.org/spacecoop/context.jsonld", "context.jsonld"}
XML_SUFFIXES = {".rdf", ".owl", ".xml", ".rdfs"}

MAX_FILE_BYTES = 100_000_000
"""The largest RDF file read (100 MB, some million triples; the whole graph is a few MB)."""
MAX_LITERAL_CHARS = 100_000
"""The longest literal accepted (100,000 characters: a quote or a description is far shorter)."""
MAX_LANGUAGE_TAG_CHARS = 64
"""The longest language tag accepted (BCP 47 tags in use are under 20 characters)."""
MAX_NESTING = 32
"""How deep blank nodes ``[ … ]``, collections ``( … )`` and JSON-LD objects may nest (ours nest 2 or 3 deep)."""

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_XML_LITERALS = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral"}
OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
IRI_KEYWORDS = {"@id", "@type", "@vocab", "@base"}
BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_DATE = r"(?P<year>-?(?:[1-9]\d{4,}|\d{4}))-(?P<month>\d\d)-(?P<day>\d\d)"
LEXICAL_FORMS = {
    XSD + "date": re.compile(_DATE + _TZ, re.ASCII),
    XSD + "dateTime": re.compile(
        _DATE + r"T(?P<hour>\d\d):(?P<minute>[0-5]\d):(?P<second>\d\d(?:\.\d+)?)" + _TZ, re.ASCII
    ),
    XSD + "integer": re.compile(r"[+-]?\d+", re.ASCII),
    XSD + "decimal": re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII),
    XSD + "boolean": re.compile(r"true|false|1|0"),
}
"""The lexical spaces of XML Schema 1.1 (no surrounding spaces: RDF applies no whitespace facet;
digits are ASCII digits only, ``re.ASCII``: ``"٢٠١٩-٠١-٠١"`` is not a date)."""
UNCHECKED_BY_RDFLIB = {*LEXICAL_FORMS, XSD + "anyURI", XSD + "string"}
_XSD_STRING = XSD + "string"
_OX_IRI, _OX_LITERAL = pyoxigraph.NamedNode, pyoxigraph.Literal


def rdf_format(path: Path) -> str:
    """The rdflib format name for a file, from its suffix.

    >>> rdf_format(Path("graph/x.ttl"))
    'turtle'
    >>> rdf_format(Path("x.rdf"))
    Traceback (most recent call last):
    ...
    spacecoop.errors.SpaceCoopError: x.rdf: RDF/XML is not read (XML entities and DTDs are never resolved): convert the file to Turtle
    """
    suffix = Path(path).suffix.lower()
    if suffix in XML_SUFFIXES:
        raise SpaceCoopError(
            "RDF/XML is not read (XML entities and DTDs are never resolved): convert the file to Turtle", path=str(path)
        )
    try:
        return SUFFIX_FORMATS[suffix]
    except KeyError:
        raise SpaceCoopError(
            f"unknown RDF file type {suffix!r}: use one of {', '.join(sorted(SUFFIX_FORMATS))}", path=str(path)
        ) from None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def read_limited(path: Path, limit: int, what: str = "RDF files", reader: str = "SpaceCoop") -> bytes:
    """The bytes of ``path``, refused (:class:`SpaceCoopError`) unless it is a regular file of at most
    ``limit`` bytes: a folder, a FIFO, a device (``/dev/zero``) or a link to one is refused before a
    byte is read (it is opened without blocking), and a file that grows past ``limit`` while read is too.

    >>> read_limited(Path("/dev/zero"), 10)
    Traceback (most recent call last):
    ...
    spacecoop.errors.SpaceCoopError: /dev/zero: is a character device, not a regular file: SpaceCoop reads regular files only
    """
    path = Path(path)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]+:/", str(path)) and not path.exists():  # Path("http://x") is "http:/x"
        raise SpaceCoopError(
            "is an address, not a file: SpaceCoop reads local files only and never fetches", path=str(path)
        )
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise SpaceCoopError(f"is a folder, not one of the {what} SpaceCoop reads", path=str(path)) from None
    except OSError as error:
        raise SpaceCoopError(f"cannot read file: {error.strerror}", path=str(path)) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise SpaceCoopError(f"is a folder, not one of the {what} SpaceCoop reads", path=str(path))
        raise SpaceCoopError(
            f"is {_file_kind(mode)}, not a regular file: SpaceCoop reads regular files only", path=str(path)
        )
    with os.fdopen(descriptor, "rb") as stream:
        size = os.fstat(descriptor).st_size
        if size > limit:
            raise SpaceCoopError(
                f"file is {size:,} bytes; {reader} reads {what} of at most {limit:,} bytes", path=str(path)
            )
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise SpaceCoopError(f"cannot read file: {error.strerror}", path=str(path)) from None
    if len(data) > limit:
        raise SpaceCoopError(
            f"file grew past {limit:,} bytes while it was read; {reader} reads {what} of at most {limit:,} bytes",
            path=str(path),
        )
    return data


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"


def _read_text(path: Path) -> str:
    data = read_limited(path, MAX_FILE_BYTES)
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark: accepted, dropped
        data = data[3:]
    if not data.strip():
        raise SpaceCoopError("file is empty", path=str(path))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise SpaceCoopError("file is UTF-16 text: save it as UTF-8", path=str(path), line=1)
    if b"\x00" in data:
        raise SpaceCoopError(
            "file is binary (it holds NUL bytes), not RDF text",
            path=str(path),
            line=data.count(b"\n", 0, data.index(b"\x00")) + 1,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = " (Latin-1 or Windows-1252? save it as UTF-8)" if data[error.start] >= 0x80 else ""
        raise SpaceCoopError(
            f"not UTF-8: byte {data[error.start]:#04x} at offset {error.start}{hint}", path=str(path), line=line
        ) from None


OXIGRAPH_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nquads": "N_QUADS"}
DATASET_FORMATS = {"trig", "nquads", "json-ld"}
"""Formats that hold named graphs: read as datasets, every graph merged into the one graph."""

_TOKENS = re.compile(
    r'''"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"'''
    r"""|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[\[\]()]"""
)


def _nesting_error(text: str, path: Path) -> SpaceCoopError | None:
    """Blank nodes or collections nested deeper than MAX_NESTING (rdflib's parser recurses on them)."""
    depth = 0
    for token in _TOKENS.finditer(text):
        char = token.group()
        if char in "[(":
            depth += 1
            if depth > MAX_NESTING:
                return SpaceCoopError(
                    f"blank nodes or collections nested more than {MAX_NESTING} deep",
                    path=str(path),
                    line=_line_of(text, token.start()),
                )
        elif char in "])":
            depth -= 1
    return None


def _parse_oxigraph(text: str, rdf_type: str, path: Path) -> list:
    """Parse with Oxigraph, which reports exact lines and columns (and nests without recursion)."""
    try:
        return list(
            pyoxigraph.parse(text.encode("utf-8"), format=getattr(pyoxigraph.RdfFormat, OXIGRAPH_FORMATS[rdf_type]))
        )
    except SyntaxError as error:
        raise _malformed(error, rdf_type, path) from None


def _malformed(error: SyntaxError, rdf_type: str, path: Path) -> SpaceCoopError:
    """Oxigraph's syntax error as ours: its line, its words (without the position it repeats)."""
    message = re.sub(r"^Parser error (at|between) ", "", str(error))
    message = re.sub(r" \(line \d+\)$", "", message)
    return SpaceCoopError(f"malformed {rdf_type}: {' '.join(message.split())}", path=str(path), line=error.lineno)


def _syntax_error(text: str, rdf_type: str, path: Path) -> SpaceCoopError | None:
    """Locate a syntax error with Oxigraph's parser, which reports exact lines and columns."""
    if rdf_type not in OXIGRAPH_FORMATS:
        return None
    try:
        _parse_oxigraph(text, rdf_type, path)
    except SpaceCoopError as error:
        return error
    return None


def _ill_typed(lexical: str, datatype: str) -> str | None:
    """Why ``lexical`` is not a valid ``datatype`` value, or None.

    >>> _ill_typed("2019-13-45", XSD + "date")
    'month 13 does not exist'
    >>> _ill_typed("2019-02-29", XSD + "date"), _ill_typed("2020-02-29", XSD + "date")
    ('February 2019 has 28 days', None)
    >>> _ill_typed("1e5", XSD + "decimal"), _ill_typed("yes", XSD + "boolean") is not None
    ('not in the lexical space of xsd:decimal', True)
    >>> _ill_typed("https://e.org/a b", XSD + "anyURI")
    'holds a space or a character not allowed in an IRI'
    """
    if datatype == XSD + "anyURI":
        return "holds a space or a character not allowed in an IRI" if BAD_IRI_CHARS.search(lexical) else None
    form = LEXICAL_FORMS.get(datatype)
    if form is None:
        return None
    match = form.fullmatch(lexical)
    if not match:
        return f"not in the lexical space of xsd:{datatype[len(XSD) :]}"
    if "month" not in form.groupindex:
        return None
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not 1 <= month <= 12:
        return f"month {month} does not exist"
    days = calendar.monthrange(year if 1 <= year <= 9999 else 2000 + year % 400, month)[1]
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days" if day else "day 0 does not exist"
    if "hour" in form.groupindex:
        hour, minute, second = int(match["hour"]), int(match["minute"]), float(match["second"])
        if hour > 24 or (hour == 24 and (minute or second)):
            return f"hour {hour} does not exist" if hour > 24 else "24:00:00 is the only time in hour 24"
        if second >= 60:
            return f"second {match['second']} does not exist"
    return None


def _find_line(text: str, needle: str) -> int | None:
    """The line of the first occurrence of ``needle`` in ``text`` (as written, between quotes)."""
    for candidate in (f'"{needle}"^^', f'"{needle}"', f"'{needle}'", f'"{needle[:60]}', needle[:60]):
        offset = text.find(candidate)
        if offset >= 0:
            return _line_of(text, offset)
    return None


def _node(term) -> str:
    if isinstance(term, (pyoxigraph.NamedNode, URIRef)):
        return f"<{term.value if isinstance(term, pyoxigraph.NamedNode) else term}>"
    return "a blank node"


class _Checker:
    """Checks of the terms a file states, from Oxigraph's quads or rdflib's triples."""

    MAX_PROBLEMS = 50  # then stop looking for lines: a file may hold millions of bad literals

    def __init__(self, text: str, path: Path):
        self.text, self.path = text, path
        self.problems: list[tuple[int | None, str]] = []
        self.imports: list[tuple[int | None, str]] = []
        self.more = 0

    def add(self, needle: str, message: str) -> None:
        if len(self.problems) >= self.MAX_PROBLEMS:
            self.more += 1
        else:
            self.problems.append((_find_line(self.text, needle), message))

    def iri(self, value: str) -> None:
        if len(value) > MAX_LITERAL_CHARS:
            self.add(value[:60], f"IRI of {len(value):,} characters: the limit is {MAX_LITERAL_CHARS:,}")
        elif BAD_IRI_CHARS.search(value):
            self.add(value, f"IRI <{value}> holds a space or a character not allowed in an IRI")

    def literal(self, subject, predicate: str, lexical: str, datatype: str | None, ill_typed: bool) -> None:
        where = f"on {_node(subject)} <{predicate}>"
        if len(lexical) > MAX_LITERAL_CHARS:
            self.add(
                lexical[:60], f"literal of {len(lexical):,} characters {where}: the limit is {MAX_LITERAL_CHARS:,}"
            )
            return
        if datatype is None or datatype in RDF_XML_LITERALS:
            return
        reason = _ill_typed(lexical, datatype)
        if reason is None and ill_typed:
            reason = "rdflib cannot read it"
        if reason:
            short = f"xsd:{datatype[len(XSD) :]}" if datatype.startswith(XSD) else f"<{datatype}>"
            self.add(lexical, f'ill-typed literal "{lexical}"^^{short} {where}: {reason}')

    def statement(self, subject, predicate: str, obj) -> None:
        if predicate == OWL_IMPORTS and isinstance(obj, (pyoxigraph.NamedNode, URIRef)):
            target = obj.value if isinstance(obj, pyoxigraph.NamedNode) else str(obj)
            self.imports.append((_find_line(self.text, target), target))

    def language(self, subject, predicate: str, lexical: str, tag: str) -> None:
        if len(tag) > MAX_LANGUAGE_TAG_CHARS:
            self.add(
                tag[:60],
                f"language tag of {len(tag):,} characters on {_node(subject)} <{predicate[:200]}>: "
                f"the limit is {MAX_LANGUAGE_TAG_CHARS}",
            )

    def check_quad(self, quad) -> None:
        """One Oxigraph quad (streamed: the caller need not hold the file's quads). Kept lean: it runs once per
        triple of files of millions of triples."""
        subject, predicate, obj, graph_name = quad
        for term in (subject, predicate, graph_name):
            if type(term) is _OX_IRI and len(term.value) > MAX_LITERAL_CHARS:
                self.iri(term.value)
        if type(obj) is _OX_IRI:
            if len(obj.value) > MAX_LITERAL_CHARS:
                self.iri(obj.value)
            elif predicate.value == OWL_IMPORTS:
                self.statement(subject, OWL_IMPORTS, obj)
            return
        if type(obj) is not _OX_LITERAL:
            return
        lexical, tag = obj.value, obj.language
        if tag:
            if len(tag) > MAX_LANGUAGE_TAG_CHARS:
                self.language(subject, predicate.value, lexical, tag)
            if len(lexical) > MAX_LITERAL_CHARS:
                self.literal(subject, predicate.value, lexical, None, False)
            return
        datatype = obj.datatype.value
        if len(lexical) > MAX_LITERAL_CHARS or len(datatype) > MAX_LITERAL_CHARS:
            if len(datatype) > MAX_LITERAL_CHARS:
                self.iri(datatype)
            self.literal(subject, predicate.value, lexical, datatype, False)
        elif datatype != _XSD_STRING and _literal_problem(lexical, datatype):
            self.literal(subject, predicate.value, lexical, datatype, _rdflib_ill_typed(lexical, datatype))

    def check_quads(self, quads) -> None:
        for quad in quads:
            self.check_quad(quad)

    def check_graph(self, triples) -> None:
        for subject, predicate, obj in triples:
            for term in (subject, predicate, obj, getattr(obj, "datatype", None)):
                if isinstance(term, URIRef):
                    self.iri(str(term))
            self.statement(subject, str(predicate), obj)
            if isinstance(obj, Literal):
                if obj.language:
                    self.language(subject, str(predicate), str(obj), obj.language)
                datatype = str(obj.datatype) if obj.datatype else None
                self.literal(subject, str(predicate), str(obj), datatype, bool(getattr(obj, "ill_typed", False)))

    def raise_problems(self) -> None:
        if not self.problems:
            return
        problems = sorted(self.problems, key=lambda p: (p[0] or 0, p[1]))
        line, first = problems[0]
        hidden = len(problems) - 6 + self.more
        more = (
            ""
            if len(problems) == 1
            else "; and "
            + "; ".join(f"{f'line {n}: ' if n else ''}{message}" for n, message in problems[1:6])
            + (f"; … {hidden} more" if hidden > 0 else "")
        )
        raise SpaceCoopError(first + more, path=str(self.path), line=line)

    def warn_imports(self) -> None:
        for line, target in self.imports:
            place = f"{self.path}:{line}" if line else str(self.path)
            print(
                f"spacecoop: warning: {place}: owl:imports <{target}> is not followed (SpaceCoop never fetches "
                "while loading); load the imported file locally if its terms are needed",
                file=sys.stderr,
            )


@contextmanager
def _quiet_rdflib():
    """rdflib logs a traceback for each ill-typed literal and warns on odd booleans: we report them ourselves."""
    term_logger = logging.getLogger("rdflib.term")
    disabled = term_logger.disabled
    term_logger.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        term_logger.disabled = disabled


@lru_cache(maxsize=65_536)
def _literal_problem(lexical: str, datatype: str) -> bool:
    """Whether a typed literal is ill-typed, by our lexical checks or rdflib's (cached: values repeat)."""
    if _ill_typed(lexical, datatype):
        return True
    return datatype.startswith(XSD) and datatype not in UNCHECKED_BY_RDFLIB and _rdflib_ill_typed(lexical, datatype)


def _rdflib_ill_typed(lexical: str, datatype: str) -> bool:
    with _quiet_rdflib():
        return bool(getattr(Literal(lexical, datatype=URIRef(datatype)), "ill_typed", False))


def _local_jsonld(text: str, path: Path) -> str:
    """Replace our context's address by the local context; refuse any other remote context."""
    try:
        document = json.loads(text, parse_int=_json_integer)
    except json.JSONDecodeError as error:
        raise SpaceCoopError(f"malformed JSON: {error.msg}", path=str(path), line=error.lineno) from None
    except RecursionError:
        raise SpaceCoopError(f"JSON nested too deeply (the limit is {MAX_NESTING})", path=str(path)) from None
    except ValueError as error:
        raise SpaceCoopError(f"malformed JSON: {error}", path=str(path)) from None
    surrogate = LONE_SURROGATE.search(text)
    if surrogate is None and "\\u" in text.lower():
        surrogate = LONE_SURROGATE.search(json.dumps(document, ensure_ascii=False))
    if surrogate is not None:
        raise SpaceCoopError(
            "holds a lone surrogate (an escape such as \\ud800 that is half of a character): "
            "it cannot be written as UTF-8",
            path=str(path),
            line=_line_of(text, surrogate.start()) if surrogate.string is text else None,
        )
    local_context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]

    def too_deep():
        return SpaceCoopError(f"JSON-LD objects or arrays nested more than {MAX_NESTING} deep", path=str(path))

    def resolve(node, depth=0):
        if depth > MAX_NESTING:
            raise too_deep()
        if isinstance(node, dict):
            resolved = {}
            for key, value in node.items():
                for iri in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
                    if key in IRI_KEYWORDS and isinstance(iri, str) and BAD_IRI_CHARS.search(iri):
                        raise SpaceCoopError(
                            f"{key} {iri!r} holds a space or a character not allowed in an IRI "
                            "(rdflib would silently drop the node)",
                            path=str(path),
                            line=_find_line(text, iri),
                        )
                if key == "@context":
                    resolved[key] = resolve_context(value, depth + 1)
                elif key == "@import":
                    if isinstance(value, str) and value not in OUR_CONTEXT_IRIS:
                        raise SpaceCoopError(
                            f"remote JSON-LD @import {value!r} is never fetched: inline it",
                            path=str(path),
                            line=_find_line(text, value),
                        )
                    resolved[key] = local_context if isinstance(value, str) else value
                else:
                    resolved[key] = resolve(value, depth + 1)
            return resolved
        if isinstance(node, list):
            return [resolve(item, depth + 1) for item in node]
        return node

    def resolve_context(context, depth):
        if depth > MAX_NESTING:
            raise too_deep()
        if isinstance(context, list):
            return [resolve_context(item, depth + 1) for item in context]
        if isinstance(context, str):
            if context in OUR_CONTEXT_IRIS:
                return local_context
            raise SpaceCoopError(
                f"remote JSON-LD @context {context!r} is never fetched: inline it",
                path=str(path),
                line=_find_line(text, context),
            )
        return resolve(context, depth)

    return json.dumps(resolve(document))


LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
MAX_JSON_NUMBER_DIGITS = 100


def _json_integer(text: str) -> int:
    """A JSON integer of at most :data:`MAX_JSON_NUMBER_DIGITS` digits (Python refuses over 4,300 with a ValueError)."""
    if len(text) > MAX_JSON_NUMBER_DIGITS:
        raise ValueError(f"a number of {len(text):,} digits (the limit is {MAX_JSON_NUMBER_DIGITS})")
    return int(text)


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file strictly into ``graph`` (a new graph by default) and return it.

    Raises :class:`~spacecoop.errors.SpaceCoopError` naming the file (and the line where the
    parser tells it, or the node) for unreadable, empty, binary, non-UTF-8, too large, malformed,
    too deeply nested or ill-typed input (see the module docstring). Nothing is added to
    ``graph`` from a file that is refused. The triples of named graphs are merged in:

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "d.trig").write_text("<urn:a> <urn:p> 1 . <urn:g> { <urn:b> <urn:p> 2 . }")
    >>> len(parse_file(folder / "d.trig")), triples_in_file(folder / "d.trig")
    (2, 2)
    """
    path = Path(path)
    rdf_type = rdf_format(path)
    text = _read_text(path)
    graph = graph if graph is not None else bind_prefixes(Graph(bind_namespaces="core"))
    checker = _Checker(text, path)
    if rdf_type == "json-ld":
        text = _local_jsonld(text, path)
    else:
        checker.check_quads(_parse_oxigraph(text, rdf_type, path))
        checker.raise_problems()
        nesting = _nesting_error(text, path)
        if nesting:
            raise nesting
    if rdf_type in DATASET_FORMATS:
        part = Dataset()
        _rdflib_parse(part, text, rdf_type, path)
        triples = [(s, p, o) for s, p, o, _ in part.quads((None, None, None, None))]
        if rdf_type == "json-ld":
            checker.check_graph(triples)
            checker.raise_problems()
        for prefix, namespace in part.namespaces():
            graph.bind(prefix, namespace, override=False)
        graph.addN((s, p, o, graph) for s, p, o in triples)
    else:
        _rdflib_parse(graph, text, rdf_type, path)
    checker.warn_imports()
    return graph


STREAM_ABOVE_BYTES = 20_000_000
"""Files larger than this are parsed by :func:`read_quads` from the file, never held as text."""


def read_quads(path: Path, limit: int = MAX_FILE_BYTES):
    """The triples of a Turtle, TriG, N-Triples or N-Quads file as Oxigraph quads in the default graph
    (named graphs merged, as :func:`parse_file` does), each checked as :func:`parse_file` checks them.

    A generator, for files too large to hold as text (up to ``limit`` bytes): the quads stream out as
    they are read, and a :class:`SpaceCoopError` raised at the end (or on the first syntax error) means
    the file is refused — the caller throws away what it added. A file held as text (up to
    :data:`STREAM_ABOVE_BYTES`) is refused before any quad when it nests deeper than :data:`MAX_NESTING`
    (Oxigraph's parser does not recurse: past that size the limit is not needed and not checked).
    """
    path = Path(path)
    rdf_type = rdf_format(path)
    if rdf_type not in OXIGRAPH_FORMATS:
        raise SpaceCoopError(f"{rdf_type} is not streamed: read it with parse_file", path=str(path))
    size = _regular_size(path, limit)
    ox_format = getattr(pyoxigraph.RdfFormat, OXIGRAPH_FORMATS[rdf_type])
    if size <= STREAM_ABOVE_BYTES:
        text = _read_text(path)
        nesting = _nesting_error(text, path)
        if nesting:
            raise nesting
        checker = _Checker(text, path)
        source = pyoxigraph.parse(text.encode("utf-8"), format=ox_format)
    else:
        checker = _Checker("", path)
        source = pyoxigraph.parse(path=str(path), format=ox_format)
    default = pyoxigraph.DefaultGraph()
    try:
        for quad in source:
            checker.check_quad(quad)
            yield (
                quad
                if type(quad.graph_name) is pyoxigraph.DefaultGraph
                else pyoxigraph.Quad(quad.subject, quad.predicate, quad.object, default)
            )
    except SyntaxError as error:
        raise _malformed(error, rdf_type, path) from None
    except (OSError, ValueError) as error:
        raise SpaceCoopError(f"cannot read file: {error}", path=str(path)) from None
    checker.raise_problems()
    checker.warn_imports()


_LOADED_GRAPH_FORMATS = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES}
_TOO_LONG = """ASK {{ ?s ?p ?o FILTER(STRLEN(STR(?s)) > {chars} || STRLEN(STR(?p)) > {chars} || STRLEN(STR(?o)) > {chars}
  || (isLiteral(?o) && (STRLEN(LANG(?o)) > {tag} || STRLEN(STR(DATATYPE(?o))) > {chars}))) }}"""
_IMPORTS = f"ASK {{ ?s <{OWL_IMPORTS}> ?o }}"
_TYPED_LITERALS = f"""SELECT DISTINCT ?o WHERE {{ ?s ?p ?o
  FILTER(isLiteral(?o) && LANG(?o) = "" && DATATYPE(?o) != <{_XSD_STRING}>) }}"""


_LONG_TAG = re.compile(r"@[A-Za-z0-9-]{%d,}" % (MAX_LANGUAGE_TAG_CHARS + 1))


def _may_hold_long_terms(text: str) -> bool:
    """Whether a Turtle or N-Triples text may state a term longer than the limits: an IRI, a literal or a datatype
    longer than :data:`MAX_LITERAL_CHARS` sits on one line unless it is a long-quoted literal, and a language
    tag longer than :data:`MAX_LANGUAGE_TAG_CHARS` is one run of letters, digits and hyphens after an ``@``.

    >>> _may_hold_long_terms('<urn:a> <urn:p> "x"@en .'), _may_hold_long_terms('"x"@' + "a" * 65)
    (False, True)
    """
    if _LONG_TAG.search(text):
        return True
    if len(text) <= MAX_LITERAL_CHARS:
        return False
    return '"""' in text or "'''" in text or max(map(len, text.split("\n"))) > MAX_LITERAL_CHARS


def load_checked(store: pyoxigraph.Store, paths, limit: int = MAX_FILE_BYTES) -> bool:
    """Load Turtle and N-Triples files into the default graph of an empty ``store`` with Oxigraph's own loader,
    then run on the store the checks :func:`read_quads` runs quad by quad (lengths, language tags, ill-typed
    literals), several times faster than reading every quad into Python.

    True: every file loaded and nothing to report. False: the store is to be thrown away and the files read
    with :func:`read_quads`, which names the file and the line — a check found something, a file is malformed
    or of another format, or states an ``owl:imports`` to warn of. A stored literal is checked by its value:
    an ill-typed one keeps its lexical form, a valid one may come back in its canonical form, still valid.

    >>> from spacecoop.io.paths import ONTOLOGY_DIR
    >>> store = pyoxigraph.Store()
    >>> load_checked(store, [ONTOLOGY_DIR / "vocab" / "precisions.ttl"]), len(store) > 10
    (True, True)
    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "bad.ttl"
    >>> _ = bad.write_text('<urn:a> <urn:p> "2019-02-29"^^<http://www.w3.org/2001/XMLSchema#date> .')
    >>> load_checked(pyoxigraph.Store(), [bad])
    False
    """
    long_terms_possible = False
    for path in map(Path, paths):
        ox_format = _LOADED_GRAPH_FORMATS.get(rdf_format(path))
        if ox_format is None:
            return False
        try:
            if _regular_size(path, limit) <= STREAM_ABOVE_BYTES:
                text = _read_text(path)
                if _nesting_error(text, path):
                    return False
                long_terms_possible = long_terms_possible or _may_hold_long_terms(text)
                store.load(text, format=ox_format)
            else:
                long_terms_possible = True
                store.bulk_load(path=str(path), format=ox_format)
        except (SpaceCoopError, SyntaxError, OSError, ValueError):
            return False
    if long_terms_possible and store.query(_TOO_LONG.format(chars=MAX_LITERAL_CHARS, tag=MAX_LANGUAGE_TAG_CHARS)):
        return False
    if store.query(_IMPORTS):
        return False
    typed = store.query(_TYPED_LITERALS)
    assert isinstance(typed, pyoxigraph.QuerySolutions)
    for (literal,) in typed:
        datatype = literal.datatype.value
        if datatype not in RDF_XML_LITERALS and _literal_problem(literal.value, datatype):
            return False
    return True


def _regular_size(path: Path, limit: int) -> int:
    """The size of a regular file of at most ``limit`` bytes (refused otherwise, as :func:`read_limited` does)."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise SpaceCoopError(f"cannot read file: {error.strerror}", path=str(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise SpaceCoopError("is a folder, not one of the RDF files SpaceCoop reads", path=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise SpaceCoopError(
            f"is {_file_kind(info.st_mode)}, not a regular file: SpaceCoop reads regular files only", path=str(path)
        )
    if info.st_size == 0:
        raise SpaceCoopError("file is empty", path=str(path))
    if info.st_size > limit:
        raise SpaceCoopError(
            f"file is {info.st_size:,} bytes; SpaceCoop reads RDF files of at most {limit:,} bytes", path=str(path)
        )
    return info.st_size


def triples_in_file(path: Path) -> int:
    """How many distinct triples ``path`` holds, in all its graphs (a check on what a command loaded).

    Counted as a store counts them (``"x"`` and ``"x"^^xsd:string`` are one literal); the file is read
    strictly, as :func:`parse_file` reads it.
    """
    path = Path(path)
    if rdf_format(path) in OXIGRAPH_FORMATS:
        return len({quad.triple for quad in read_quads(path)})
    return len({(s, p, _plain(o)) for s, p, o in parse_file(path)})


def _plain(term):
    if isinstance(term, Literal) and term.datatype == URIRef(XSD + "string"):
        return Literal(str(term))
    return term


def _rdflib_parse(graph: Graph, text: str, rdf_type: str, path: Path) -> None:
    try:
        with _quiet_rdflib():
            graph.parse(data=text, format=rdf_type, publicID=path.resolve().as_uri())
    except RecursionError:
        raise SpaceCoopError(
            f"nested too deeply to parse (the limit is {MAX_NESTING} levels)", path=str(path)
        ) from None
    except Exception as error:  # rdflib raises many types for bad syntax
        message = " ".join(str(error).split())
        line = re.search(r"\bat line (\d+)", message)  # Oxigraph accepted it: rdflib's own line is all there is
        raise SpaceCoopError(
            f"malformed {rdf_type}: {message}", path=str(path), line=int(line[1]) if line else None
        ) from None


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
    """Ontology, vocabularies and every file under ``graph/`` (plus ``extra`` files), as parsed.

    The ``extra`` files (drafts, ``build --also``) are read first, so that a bad draft fails
    before the whole graph has been loaded.
    """
    extra = [Path(path) for path in extra]
    graph = parse_files(extra)
    files = [*ontology_files(), *graph_files()]
    parse_files([path for path in files if not is_generated(path)], graph)
    for path in filter(is_generated, files):
        _add_generated(path, graph)
    return graph


def _add_generated(path: Path, graph: Graph) -> None:
    """Add a generated layer (``graph/gcat/``, ``graph/countries/``) through Oxigraph's parser, with the
    checks of :func:`read_quads`: the same triples as :func:`parse_file` gives, in half the time (the layers
    are Turtle that Oxigraph or rdflib wrote, so no curated lexical form is at stake)."""
    quads = list(read_quads(path))
    graph.addN((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), graph) for q in quads)
