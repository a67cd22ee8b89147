"""``sh:or``: the focus node conforms to at least one shape of the list (node shapes).

>>> Or().component
'OrConstraintComponent'
"""

from __future__ import annotations

from rdflib.collection import Collection

from spacecoop.validation.constraints.base import SH, Constraint

__all__ = ["Or"]


class Or(Constraint):
    parameter = SH["or"]
    component = "OrConstraintComponent"
    on_nodes = True
    on_properties = False
    repeatable = True

    def check(self, shape, value, compiler, nested):
        for member in Collection(shape.graph, value):
            compiler.check_inner(member)

    def _fails_all(self, shape, value, var, compiler) -> str:
        return " && ".join(
            f"EXISTS {compiler.violation_group(compiler.shape(member), var)}"
            for member in Collection(shape.graph, value)
        )

    def violation(self, shape, value, var, compiler):
        return f"{{ FILTER({self._fails_all(shape, value, var, compiler)}) }}"

    def results(self, shape, value, store, focus, compiler):
        tests = self._fails_all(shape, value, "?this", compiler)
        rows = compiler.rows(store, f"SELECT ?this WHERE {{ {focus('?this')} FILTER({tests}) }}")
        return [compiler.result(shape, self.component, f, f) for (f,) in rows]
