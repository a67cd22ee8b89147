"""``sh:hasValue``: the value is among the values on the path.

>>> HasValue().component
'HasValueConstraintComponent'
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, Constraint, n3

__all__ = ["HasValue"]


class HasValue(Constraint):
    parameter = SH.hasValue
    component = "HasValueConstraintComponent"

    def violation(self, shape, value, var, compiler):
        return f"{{ FILTER NOT EXISTS {{ {var} {n3(shape.path)} {n3(value)} }} }}"

    def results(self, shape, value, store, focus, compiler):
        query = f"SELECT ?this WHERE {{ {focus('?this')} FILTER NOT EXISTS {{ ?this {n3(shape.path)} {n3(value)} }} }}"
        return [compiler.result(shape, self.component, f) for (f,) in compiler.rows(store, query)]
