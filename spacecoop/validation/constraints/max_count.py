"""``sh:maxCount``: at most n values on the path (a nested shape: at most 1).

>>> MaxCount().component
'MaxCountConstraintComponent'
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, Constraint, Unsupported, group_by, n3

__all__ = ["MaxCount"]


class MaxCount(Constraint):
    parameter = SH.maxCount
    component = "MaxCountConstraintComponent"

    def check(self, shape, value, compiler, nested):
        if nested and int(value) != 1:
            raise Unsupported("sh:maxCount other than 1 in a nested shape")

    def violation(self, shape, value, var, compiler):
        p, x, y = n3(shape.path), compiler.var("x"), compiler.var("y")
        return f"{{ {var} {p} {x} . {var} {p} {y} FILTER(!sameTerm({x}, {y})) }}"

    def results(self, shape, value, store, focus, compiler):
        query = (
            f"SELECT ?this WHERE {{ {focus('?this')} ?this {n3(shape.path)} ?_x }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_x) > {int(value)})"
        )
        return [compiler.result(shape, self.component, f) for (f,) in compiler.rows(store, query)]

    def batchable(self, shape, value):
        return True

    def batch_results(self, pairs, store, fp, compiler):
        by_key = group_by(pairs, lambda pair: (pair[0].path, int(pair[1])))
        rows = " ".join(f"({n3(path)} {n})" for path, n in by_key)
        query = (
            f"SELECT ?this ?p ?n WHERE {{ {fp} VALUES (?p ?n) {{ {rows} }} ?this ?p ?_x }} "
            f"GROUP BY ?this ?p ?n HAVING (COUNT(DISTINCT ?_x) > ?n)"
        )
        return [
            compiler.result(shape, self.component, f)
            for f, path, n in compiler.rows(store, query)
            for shape, _value in by_key[(path, int(n))]
        ]
