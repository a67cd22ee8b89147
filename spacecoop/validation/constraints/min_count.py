"""``sh:minCount``: at least n values on the path (a nested shape: at most 1).

>>> MinCount().parameter.endswith("minCount")
True
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, Constraint, Unsupported, group_by, n3

__all__ = ["MinCount"]


class MinCount(Constraint):
    parameter = SH.minCount
    component = "MinCountConstraintComponent"

    def check(self, shape, value, compiler, nested):
        if nested and int(value) > 1:
            raise Unsupported("sh:minCount above 1 in a nested shape")

    def violation(self, shape, value, var, compiler):
        if int(value) <= 0:
            return None
        return f"{{ FILTER NOT EXISTS {{ {var} {n3(shape.path)} {compiler.var('x')} }} }}"

    def results(self, shape, value, store, focus, compiler):
        n, fp, p = int(value), focus("?this"), n3(shape.path)
        if n <= 0:
            return []
        if n == 1:
            query = f"SELECT ?this WHERE {{ {fp} FILTER NOT EXISTS {{ ?this {p} ?_x }} }}"
        else:
            query = (
                f"SELECT ?this WHERE {{ {fp} OPTIONAL {{ ?this {p} ?_x }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_x) < {n})"
            )
        return [compiler.result(shape, self.component, f) for (f,) in compiler.rows(store, query)]

    def batchable(self, shape, value):
        return int(value) == 1

    def batch_results(self, pairs, store, fp, compiler):
        by_path = group_by([shape for shape, _value in pairs], lambda shape: shape.path)
        query = (
            f"SELECT ?this ?p WHERE {{ {fp} VALUES ?p {{ {' '.join(n3(path) for path in by_path)} }} "
            f"FILTER NOT EXISTS {{ ?this ?p ?_x }} }}"
        )
        return [
            compiler.result(shape, self.component, f)
            for f, path in compiler.rows(store, query)
            for shape in by_path[path]
        ]
