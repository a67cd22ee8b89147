"""Bind parameters into query text as data: a ``VALUES`` block at the start of the WHERE clause.

A remote store gets the query as text, so a parameter has to travel inside it. Each value is an RDF
term written in N-Triples syntax (an IRI already checked to hold no ``<>"{}|^`\\`` or spaces; a literal
with ``\\``, ``"``, newline, carriage return, tab, backspace and form feed escaped — a raw tab would
reach rdflib's parser as spaces), inside
``VALUES ?name { term }`` — whatever the value holds, it stays one term.

>>> from rdflib import Literal, URIRef
>>> inject_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal('a" } DROP GRAPH <g> { "')})
'SELECT ?x WHERE { VALUES ?o { "a\\\\" } DROP GRAPH <g> { \\\\"" }  ?x ?p ?o }'
>>> inject_values("SELECT * { ?s ?p ?o }", {"s": URIRef("urn:x")})
'SELECT * { VALUES ?s { <urn:x> }  ?s ?p ?o }'
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from spacecoop.errors import SpaceCoopError

__all__ = ["nt_term", "inject_values", "where_clause_start", "check_text"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_FORBIDDEN_IN_IRI = re.compile(r"[\x00-\x20<>\"{}|^`\\]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Tokens that can hide a brace or the word WHERE: comments, strings (long ones first), IRIs.
_SKIP = re.compile(
    r"""\#[^\n]*"""
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*\""""
    r"""|<[^<>"{}|^`\\\x00-\x20]*>"""
    r"""|[?$]\w+|[A-Za-z_][\w\-.]*:[\w\-.%]*""",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z_][\w]*")


def check_text(value: str) -> str:
    """``value`` if it is text a query can carry, else a :class:`SpaceCoopError` naming it.

    A command-line argument holding bytes that are not UTF-8 reaches Python with a lone surrogate for each
    (``\\udc80`` for byte 0x80); no store can be sent it, and no graph holds it.

    >>> check_text("Луна")
    'Луна'
    >>> check_text("\\udc80")
    Traceback (most recent call last):
    ...
    spacecoop.errors.SpaceCoopError: value '\\udc80' is not text: it holds a lone surrogate (bytes that were not UTF-8)
    """
    if _LONE_SURROGATE.search(value):
        raise SpaceCoopError(f"value {value!r} is not text: it holds a lone surrogate (bytes that were not UTF-8)")
    return value


def nt_term(term: URIRef | Literal) -> str:
    """``term`` in N-Triples syntax, safe inside a query.

    >>> nt_term(Literal("two\\nlines \\\\ and \\"quotes\\""))
    '"two\\\\nlines \\\\\\\\ and \\\\"quotes\\\\""'
    >>> nt_term(Literal("Луна", lang="ru"))
    '"Луна"@ru'
    """
    if isinstance(term, (URIRef, Literal)):
        check_text(term)
    if isinstance(term, URIRef):
        if _FORBIDDEN_IN_IRI.search(term):
            raise SpaceCoopError(f"IRI {str(term)!r} holds a character an IRI cannot")
        return f"<{term}>"
    if isinstance(term, Literal):
        body = '"' + "".join(_ESCAPES.get(c, c) for c in str(term)) + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype:
            return f"{body}^^{nt_term(term.datatype)}"
        return body
    raise SpaceCoopError(f"cannot bind {term!r}: only IRIs and literals")


def where_clause_start(text: str) -> int:
    """The index just after the ``{`` that opens the query's WHERE clause.

    That is the first ``{`` at nesting depth 0 after the keyword ``WHERE``, or, in a
    ``SELECT``/``ASK``/``DESCRIBE`` without the keyword, the first ``{`` at depth 0; comments,
    strings and IRIs are skipped.

    >>> text = 'PREFIX a: <urn:a> # { \\nSELECT ("{" AS ?b) WHERE { }'
    >>> text[where_clause_start(text):]
    ' }'
    """
    depth, seen_form, seen_where, i = 0, None, False, 0
    while i < len(text):
        skip = _SKIP.match(text, i)
        if skip:
            i = skip.end()
            continue
        char = text[i]
        word = _WORD.match(text, i)
        if word and depth == 0:
            upper = word.group().upper()
            if upper in ("SELECT", "ASK", "DESCRIBE", "CONSTRUCT") and seen_form is None:
                seen_form = upper
            elif upper == "WHERE":
                seen_where = True
            i = word.end()
            continue
        if char == "{":
            if depth == 0 and (seen_where or seen_form in ("SELECT", "ASK", "DESCRIBE")):
                return i + 1
            depth += 1
        elif char == "}":
            depth -= 1
        i += 1
    raise SpaceCoopError("found no WHERE clause to bind parameters in")


def inject_values(text: str, bindings: dict[str, URIRef | Literal]) -> str:
    """``text`` with one ``VALUES ?name { term }`` block per binding at the start of its WHERE clause."""
    if not bindings:
        return text
    for name in bindings:
        if not _WORD.fullmatch(name):
            raise SpaceCoopError(f"{name!r} is not a variable name")
    start = where_clause_start(text)
    block = " ".join(f"VALUES ?{name} {{ {nt_term(term)} }}" for name, term in bindings.items())
    return f"{text[:start]} {block} {text[start:]}"
