"""Query results in one normal form, whichever engine gave them, and their output formats.

A row is a tuple of terms (``None`` where unbound). Terms are normalised so that rdflib and a
store agree: an ``xsd:string`` literal is a plain literal (RDF 1.1: they are the same), a language
tag is lower case, and a typed literal keeps its lexical form and datatype.

>>> from rdflib import Literal, URIRef, XSD
>>> r = Results(["org", "n"], [(URIRef("https://w3id.org/spacecoop/id/org/esa"), Literal("2", datatype=XSD.integer))])
>>> print(format_results(r, "table"))
org       | n
----------+--
scorg:esa | 2
>>> print(format_results(r, "csv"), end="")
org,n
https://w3id.org/spacecoop/id/org/esa,2
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef, XSD
from rdflib.query import Result

from spacecoop.errors import SpaceCoopError
from spacecoop.store.inject import nt_term
from spacecoop.namespaces import PREFIXES

__all__ = ["Results", "normalise", "from_rdflib", "from_sparql_json", "format_results", "RESULT_FORMATS"]

RESULT_FORMATS = ("table", "csv", "tsv", "json")
Term = URIRef | Literal | BNode | None


@dataclass(frozen=True)
class Results:
    """The answer to a SELECT (``variables`` and ``rows``) or an ASK (``boolean``)."""

    variables: list[str]
    rows: list[tuple[Term, ...]]
    boolean: bool | None = None


def normalise(term: Term) -> Term:
    """``term`` in the form both engines agree on.

    >>> normalise(Literal("x", datatype=XSD.string)) == Literal("x")
    True
    >>> normalise(Literal("Luna", lang="EN")).language
    'en'
    """
    if isinstance(term, Literal):
        if term.datatype == XSD.string:
            return Literal(str(term))
        if term.language:
            return Literal(str(term), lang=term.language.lower())
        if term.datatype:
            return Literal(str(term), datatype=term.datatype, normalize=False)
    return term


def from_rdflib(result: Result) -> Results:
    """Normalise an rdflib result (reads it all)."""
    if result.type == "ASK":
        return Results([], [], bool(result.askAnswer))
    variables = [str(v) for v in result.vars]
    rows = [tuple(normalise(row[i]) for i in range(len(variables))) for row in result]
    return Results(variables, rows)


def _json_term(value: dict) -> Term:
    if not isinstance(value, dict) or not isinstance(value.get("value"), str):
        raise SpaceCoopError(f"a binding is not a SPARQL JSON term: {str(value)[:100]!r}")
    kind = value.get("type")
    text = value.get("value")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            if not isinstance(value["xml:lang"], str):
                raise SpaceCoopError(f"a language tag is not a string: {str(value['xml:lang'])[:100]!r}")
            return normalise(Literal(text, lang=value["xml:lang"]))
        datatype = value.get("datatype")
        if datatype is not None and not isinstance(datatype, str):
            raise SpaceCoopError(f"a datatype is not a string: {str(datatype)[:100]!r}")
        return normalise(Literal(text, datatype=URIRef(datatype) if datatype else None, normalize=False))
    raise SpaceCoopError(f"unknown term type {kind!r} in SPARQL JSON results")


def from_sparql_json(document: dict) -> Results:
    """Normalise SPARQL 1.1 Query Results JSON; anything else is a :class:`SpaceCoopError`.

    >>> from_sparql_json({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": 5}]}})
    Traceback (most recent call last):
    ...
    spacecoop.errors.SpaceCoopError: a binding is not a SPARQL JSON term: '5'
    """
    if not isinstance(document, dict):
        raise SpaceCoopError(f"not SPARQL JSON results (a {type(document).__name__}, not an object)")
    if "boolean" in document:
        if not isinstance(document["boolean"], bool):
            raise SpaceCoopError(f"an ASK answer that is not true or false: {str(document['boolean'])[:100]!r}")
        return Results([], [], document["boolean"])
    try:
        variables = list(document["head"]["vars"])
        bindings = document["results"]["bindings"]
        if (
            not all(isinstance(v, str) for v in variables)
            or not isinstance(bindings, list)
            or not all(isinstance(b, dict) for b in bindings)
        ):
            raise TypeError("variables as strings and bindings as objects")
        rows = [tuple(_json_term(b[v]) if v in b else None for v in variables) for b in bindings]
    except (KeyError, TypeError, AttributeError) as error:
        raise SpaceCoopError(f"not SPARQL JSON results (missing {error})") from None
    return Results(variables, rows)


def _short(term: Term) -> str:
    """A term as a person reads it in a table: prefixed IRIs, literals with their language."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        best = max((p for p in PREFIXES.items() if term.startswith(p[1])), key=lambda p: len(p[1]), default=None)
        return f"{best[0]}:{term[len(best[1]) :]}" if best else str(term)
    if isinstance(term, Literal) and term.language:
        return f"{term}@{term.language}"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term).replace("\n", " ")


def _json_value(term: URIRef | Literal | BNode) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def format_results(results: Results, fmt: str) -> str:
    """``results`` as a table (for people), CSV or TSV (SPARQL 1.1 CSV/TSV) or SPARQL JSON."""
    if fmt == "json":
        if results.boolean is not None:
            return json.dumps({"head": {}, "boolean": results.boolean}, indent=2)
        bindings = [
            {v: _json_value(t) for v, t in zip(results.variables, row) if t is not None} for row in results.rows
        ]
        return json.dumps(
            {"head": {"vars": results.variables}, "results": {"bindings": bindings}}, indent=2, ensure_ascii=False
        )
    if results.boolean is not None:
        return "true" if results.boolean else "false"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(results.variables)
        writer.writerows([["" if t is None else str(t) for t in row] for row in results.rows])
        return out.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in results.variables)]
        lines += [
            "\t".join("" if t is None else nt_term(t) if not isinstance(t, BNode) else f"_:{t}" for t in row)
            for row in results.rows
        ]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        cells = [[_short(t) for t in row] for row in results.rows]
        widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(results.variables)]
        lines = [" | ".join(v.ljust(w) for v, w in zip(results.variables, widths)).rstrip()]
        lines.append("-+-".join("-" * w for w in widths))
        lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
        return "\n".join(lines)
    raise SpaceCoopError(f"unknown format {fmt!r} (known: {', '.join(RESULT_FORMATS)})")
