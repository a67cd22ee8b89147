"""``sh:lessThan``: each value is less than each value of the other property; strings and IRIs compare as
text, only with strings and IRIs; values that cannot be compared fail, as in pySHACL.

>>> "STR(?a) < STR(?b)" in less_than("?a", "?b")
True
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, STRINGY, Constraint, n3

__all__ = ["LessThan", "less_than"]


def _stringy(x: str) -> str:
    return f"(isIRI({x}) || (isLiteral({x}) && DATATYPE({x}) IN ({STRINGY})))"


def less_than(v: str, w: str) -> str:
    """True when the value ``v`` passes against the other property's value ``w``."""
    return (
        f"IF({_stringy(v)} || {_stringy(w)}, {_stringy(v)} && {_stringy(w)} && STR({v}) < STR({w}), "
        f"COALESCE({v} < {w}, false))"
    )


class LessThan(Constraint):
    parameter = SH.lessThan
    component = "LessThanConstraintComponent"

    def violation(self, shape, value, var, compiler):
        x, y = compiler.var("x"), compiler.var("y")
        return f"{{ {var} {n3(shape.path)} {x} . {var} {n3(value)} {y} FILTER(!({less_than(x, y)})) }}"

    def results(self, shape, value, store, focus, compiler):
        query = (
            f"SELECT ?this ?value ?other WHERE {{ {focus('?this')} ?this {n3(shape.path)} ?value . "
            f"?this {n3(value)} ?other FILTER(!({less_than('?value', '?other')})) }}"
        )
        return [compiler.result(shape, self.component, f, v) for f, v, _other in compiler.rows(store, query)]
