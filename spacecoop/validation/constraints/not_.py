"""``sh:not``: the focus node does not conform to another shape (node shapes).

>>> Not().on_properties
False
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, Constraint

__all__ = ["Not"]


class Not(Constraint):
    parameter = SH["not"]
    component = "NotConstraintComponent"
    on_nodes = True
    on_properties = False
    repeatable = True

    def check(self, shape, value, compiler, nested):
        compiler.check_inner(value)

    def violation(self, shape, value, var, compiler):
        return f"{{ FILTER NOT EXISTS {compiler.violation_group(compiler.shape(value), var)} }}"

    def results(self, shape, value, store, focus, compiler):
        group = compiler.violation_group(compiler.shape(value), "?this")
        rows = compiler.rows(store, f"SELECT ?this WHERE {{ {focus('?this')} FILTER NOT EXISTS {group} }}")
        return [compiler.result(shape, self.component, f, f) for (f,) in rows]
