"""``sh:node``: each value (or the focus node of a node shape) conforms to another shape; each failing value
is one result, with the other shape's results on it as ``sh:detail``, as pySHACL reports them.

>>> Node().component
'NodeConstraintComponent'
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, Constraint, Result, Unsupported, n3

__all__ = ["Node"]


def _copy(results: list[Result]) -> list[Result]:
    return [
        Result(
            r.focus,
            r.value,
            r.path,
            r.shape,
            r.component,
            r.severity,
            list(r.messages),
            r.source_constraint,
            _copy(r.details),
        )
        for r in results
    ]


class Node(Constraint):
    parameter = SH.node
    component = "NodeConstraintComponent"
    on_nodes = True
    repeatable = True

    def check(self, shape, value, compiler, nested):
        compiler.check_inner(value)

    def violation(self, shape, value, var, compiler):
        if shape.path is None:
            return f"{{ FILTER EXISTS {compiler.violation_group(compiler.shape(value), var)} }}"
        x = compiler.var("x")
        return f"{{ {var} {n3(shape.path)} {x} FILTER EXISTS {compiler.violation_group(compiler.shape(value), x)} }}"

    def results(self, shape, value, store, focus, compiler):
        """The failing (focus, value) pairs come first, from one query; the inner shape's results are then
        computed on the failing values alone, and both must agree."""
        inner = compiler.shape(value)
        group = compiler.violation_group(inner, "?value")
        if shape.path is None:  # node-level sh:node: the value is the focus itself
            query = f"SELECT ?this ?value WHERE {{ {focus('?this')} BIND(?this AS ?value) FILTER EXISTS {group} }}"
        else:
            query = (
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus('?this')} ?this {n3(shape.path)} ?value "
                f"FILTER EXISTS {group} }}"
            )
        pairs = compiler.rows(store, query)
        if not pairs:
            return []
        failing = sorted({v for _f, v in pairs}, key=lambda term: (type(term).__name__, term.n3()))
        values = " ".join(n3(v) for v in failing)
        details: dict = {}
        for result in compiler.shape_results(store, inner, lambda var: f"{{ VALUES {var} {{ {values} }} }}"):
            details.setdefault(result.focus, []).append(result)
        if set(details) != set(failing):
            raise Unsupported(f"sh:node {inner.node}: the failing values and the inner results disagree")
        return [compiler.result(shape, self.component, f, v, details=_copy(details[v])) for f, v in pairs]
