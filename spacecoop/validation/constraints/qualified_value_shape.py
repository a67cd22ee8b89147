"""``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount 1``: at least one value on the path conforms to
another shape (other counts, ``sh:qualifiedMaxCount`` and ``sh:qualifiedValueShapesDisjoint`` are not compiled).

>>> QualifiedValueShape().component
'QualifiedMinCountConstraintComponent'
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, Constraint, Unsupported, n3

__all__ = ["QualifiedValueShape"]


class QualifiedValueShape(Constraint):
    parameter = SH.qualifiedValueShape
    component = "QualifiedMinCountConstraintComponent"

    def check(self, shape, value, compiler, nested):
        if [int(c) for c in shape.graph.objects(shape.node, SH.qualifiedMinCount)] != [1]:
            raise Unsupported("sh:qualifiedValueShape needs exactly sh:qualifiedMinCount 1")
        if any(shape.graph.objects(shape.node, SH.qualifiedMaxCount)) or any(
            shape.graph.objects(shape.node, SH.qualifiedValueShapesDisjoint)
        ):
            raise Unsupported("sh:qualifiedMaxCount / sh:qualifiedValueShapesDisjoint")
        compiler.check_inner(value)

    def violation(self, shape, value, var, compiler):
        q = compiler.var("q")
        inner = compiler.violation_group(compiler.shape(value), q)
        return f"{{ FILTER NOT EXISTS {{ {var} {n3(shape.path)} {q} FILTER NOT EXISTS {inner} }} }}"

    def results(self, shape, value, store, focus, compiler):
        inner = compiler.violation_group(compiler.shape(value), "?_q")
        query = (
            f"SELECT ?this WHERE {{ {focus('?this')} FILTER NOT EXISTS {{ ?this {n3(shape.path)} ?_q "
            f"FILTER NOT EXISTS {inner} }} }}"
        )
        return [compiler.result(shape, self.component, f) for (f,) in compiler.rows(store, query)]
