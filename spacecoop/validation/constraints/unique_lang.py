"""``sh:uniqueLang``: no two values on the path share a language tag (case ignored); one result per tag.

>>> "LCASE(LANG(?a)) = LCASE(LANG(?b))" in same_language("?a", "?b")
True
"""

from __future__ import annotations

from rdflib import Literal

from spacecoop.validation.constraints.base import SH, Constraint, Unsupported, n3

__all__ = ["UniqueLang", "same_language"]


def same_language(x: str, y: str) -> str:
    """True when ``x`` and ``y`` are two literals with the same language tag."""
    return (
        f'isLiteral({x}) && isLiteral({y}) && LANG({x}) != "" && !sameTerm({x}, {y}) && '
        f"LCASE(LANG({x})) = LCASE(LANG({y}))"
    )


class UniqueLang(Constraint):
    parameter = SH.uniqueLang
    component = "UniqueLangConstraintComponent"

    def check(self, shape, value, compiler, nested):
        if value != Literal(True):
            raise Unsupported("sh:uniqueLang other than true")

    def violation(self, shape, value, var, compiler):
        p, x, y = n3(shape.path), compiler.var("x"), compiler.var("y")
        return f"{{ {var} {p} {x} . {var} {p} {y} FILTER({same_language(x, y)}) }}"

    def results(self, shape, value, store, focus, compiler):
        query = (
            f"SELECT DISTINCT ?this ?lang WHERE {{ {focus('?this')} ?this {n3(shape.path)} ?a , ?b "
            f"FILTER({same_language('?a', '?b')}) BIND(LCASE(LANG(?a)) AS ?lang) }}"
        )
        return [compiler.result(shape, self.component, f) for f, _lang in compiler.rows(store, query)]
