"""``sh:sparql``: a SELECT query with ``$this`` whose every row is a result (top-level node shapes); its
messages with ``{?var}`` filled in from the row, as pySHACL fills them.

>>> from rdflib import URIRef
>>> format_message("{$this} has no {?what}", (URIRef("urn:x"), None, URIRef("urn:x"), {"what": "name"}))
'urn:x has no name'
"""

from __future__ import annotations

import re

from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from spacecoop.store.inject import where_clause_start
from spacecoop.validation.constraints.base import SH, Constraint, Result, Unsupported

__all__ = ["Sparql", "format_message"]

_KEYS = {RDF.type, SH.message, SH.prefixes, SH.select, RDFS.comment, SH.name, SH.description}


def format_message(message: str, bound_vars) -> str:
    """pySHACL's substitution of ``{?var}`` and ``{$var}`` in SPARQL constraint messages, to the letter."""
    this, path, value, row = bound_vars
    names = dict(row)
    if this is not None:
        names["this"] = this
    if path is not None:
        names["path"] = path
    if value is not None:
        names["value"] = value
    for var, val in names.items():
        message = re.sub("{{[?$]{}}}".format(var), str(val), message)
    return message


class Sparql(Constraint):
    parameter = SH.sparql
    component = "SPARQLConstraintComponent"
    on_nodes = True
    on_properties = False
    repeatable = True
    nested = False

    def check(self, shape, value, compiler, nested):
        self.text(shape.graph, value)
        if not list(shape.graph.objects(value, SH.message)) and not shape.messages:
            raise Unsupported("a SPARQL constraint without sh:message")

    @staticmethod
    def text(shapes, constraint) -> str:
        """The constraint's query with its prefixes declared and ``$this`` as ``?this``."""
        keys = set(shapes.predicates(constraint, None))
        if keys - _KEYS:
            raise Unsupported(f"SPARQL constraint {constraint} uses {keys}")
        if any(shapes.objects(constraint, SH.deactivated)):
            raise Unsupported("sh:deactivated")
        selects = list(shapes.objects(constraint, SH.select))
        if len(selects) != 1:
            raise Unsupported("a SPARQL constraint needs one sh:select")
        text = str(selects[0])
        if re.search(r"[?$](currentShape|shapesGraph|PATH|value|path|failure)\b", text):
            raise Unsupported("SPARQL constraint with pre-bound or special variables other than $this")
        if len(re.findall(r"\bSELECT\b", text, flags=re.IGNORECASE)) != 1:
            raise Unsupported("SPARQL constraint with a subquery")
        where = re.search(r"\bWHERE\b", text, flags=re.IGNORECASE)
        head = text[: where.start()] if where else ""
        if not re.search(r"\$this\b", head) or "*" in head:
            raise Unsupported("SPARQL constraint that does not project $this")
        prefixes = []
        for ontology in shapes.objects(constraint, SH.prefixes):
            for declaration in shapes.objects(ontology, SH.declare):
                prefix = shapes.value(declaration, SH.prefix)
                namespace = shapes.value(declaration, SH.namespace)
                prefixes.append(f"PREFIX {prefix}: <{namespace}>")
        return "\n".join(prefixes) + "\n" + re.sub(r"\$this\b", "?this", text)

    def results(self, shape, value, store, focus, compiler):
        text = self.text(shape.graph, value)
        start = where_clause_start(text)
        query = f"{text[:start]} {focus('?this')} {text[start:]}"
        rows = compiler.solutions(store, query)
        extra_messages = list(shape.graph.objects(value, SH.message))
        seen = set()
        out = []
        for row in rows:
            this = row.pop("this", None)
            if this is None:
                raise Unsupported("a SPARQL constraint row without $this")
            key = (this, frozenset(row.items()))
            if key in seen:
                continue
            seen.add(key)
            bound = (this, None, this, row)
            messages = []
            for m in [*(m for m in extra_messages if m not in shape.messages), *shape.messages]:
                messages.append(Literal(format_message(str(m.value), bound)) if isinstance(m, Literal) else m)
            out.append(
                Result(
                    focus=this,
                    value=this,
                    path=None,
                    shape=shape.node,
                    component=SH[self.component],
                    severity=shape.severity,
                    messages=messages,
                    source_constraint=value,
                )
            )
        return out
