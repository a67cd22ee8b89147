"""What every compiled constraint shares: the :class:`Constraint` base, the refusal, the result, SPARQL pieces.

A constraint component (``sh:minCount``, ``sh:class``…) is compiled by one class in a module of its own, as
pySHACL keeps one module per component. The compiler (:mod:`spacecoop.validation.compiler`) finds the shape's
targets and, for each parameter a shape gives, asks its constraint for

- :meth:`Constraint.check`: refuse (:class:`Unsupported`) what is not compiled, before any query runs;
- :meth:`Constraint.violation`: a group pattern with a solution exactly when a focus node fails (a nested
  shape: ``sh:node``, ``sh:not``, ``sh:or``, ``sh:qualifiedValueShape``);
- :meth:`Constraint.results`: the validation results of a top-level shape, as pySHACL reports them.

A constraint on each value alone (``sh:datatype``, ``sh:minLength``…) gives only :meth:`Constraint.condition`,
a SPARQL expression true when a value passes; the base class makes its pattern and its results.

>>> n3(Literal("a \\"b\\""))
'"a \\\\"b\\\\""'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, Namespace, URIRef

__all__ = ["SH", "TYPE", "SUBCLASS", "XSD", "STRINGY", "Unsupported", "Result", "Constraint", "n3", "group_by"]

SH = Namespace("http://www.w3.org/ns/shacl#")
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
XSD = "http://www.w3.org/2001/XMLSchema#"
STRINGY = f"<{XSD}string>, <http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"


class Unsupported(Exception):
    """The shapes or the data use something the compiled shapes do not cover: pySHACL validates it."""


@dataclass
class Result:
    """One validation result, as pySHACL would report it (terms are rdflib terms)."""

    focus: object
    value: object
    path: object
    shape: object
    component: URIRef
    severity: URIRef
    messages: list
    source_constraint: object = None
    details: list = field(default_factory=list)


def n3(term) -> str:
    """A term as written in a SPARQL query."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        body = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None:
            return f"{body}^^<{term.datatype}>"
        return body
    raise Unsupported(f"cannot write {term!r} into a query")


def group_by(items, key) -> dict:
    """``items`` grouped by ``key(item)``, in their order."""
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


class Constraint:
    """One SHACL constraint component compiled to SPARQL. Subclasses set the class attributes and override
    :meth:`condition` (a constraint on each value alone) or :meth:`violation` and :meth:`results`."""

    #: The parameter that gives the constraint (``sh:minCount``).
    parameter: URIRef
    #: The local name of its constraint component (``MinCountConstraintComponent``).
    component: str
    #: Whether a node shape (no ``sh:path``) and a property shape may use it.
    on_nodes = False
    on_properties = True
    #: Whether a shape may give the parameter several times (each is a constraint of its own).
    repeatable = False
    #: Whether a nested shape may use it.
    nested = True

    def check(self, shape, value, compiler, nested: bool) -> None:
        """Refuse (:class:`Unsupported`) a value or a use that is not compiled."""

    def condition(self, shape, value, var: str, compiler) -> str | None:
        """A SPARQL expression true when the value ``var`` passes (a constraint on each value alone), or None
        when every value passes (``compiler``: the :class:`~spacecoop.validation.compiler.FastValidator`, for
        fresh variables and the classes of the data graph)."""
        raise NotImplementedError

    def violation(self, shape, value, var: str, compiler) -> str | None:
        """A group pattern with a solution exactly when the focus node ``var`` fails; None when none can."""
        if shape.path is None:
            condition = self.condition(shape, value, var, compiler)
            return None if condition is None else f"{{ FILTER(!({condition})) }}"
        x = compiler.var("x")
        condition = self.condition(shape, value, x, compiler)
        return None if condition is None else f"{{ {var} {n3(shape.path)} {x} FILTER(!({condition})) }}"

    def results(self, shape, value, store, focus, compiler) -> list[Result]:
        """The results of a top-level shape on the focus nodes ``focus(var)`` binds (a group pattern)."""
        fp = focus("?this")
        if shape.path is None:
            condition = self.condition(shape, value, "?this", compiler)
            if condition is None:
                return []
            rows = compiler.rows(store, f"SELECT ?this WHERE {{ {fp} FILTER(!({condition})) }}")
            return [compiler.result(shape, self.component, f, f) for (f,) in rows]
        condition = self.condition(shape, value, "?value", compiler)
        if condition is None:
            return []
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {fp} ?this {n3(shape.path)} ?value FILTER(!({condition})) }}"
        return [compiler.result(shape, self.component, f, v) for f, v in compiler.rows(store, query)]

    def batchable(self, shape, value) -> bool:
        """Whether :meth:`batch_results` may take this property shape's constraint with others'."""
        return False

    def batch_results(self, pairs, store, fp: str, compiler) -> list[Result]:
        """The results of several (property shape, value) pairs of one node shape in one query."""
        raise NotImplementedError
