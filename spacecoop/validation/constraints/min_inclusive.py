"""``sh:minInclusive``: each value is at least the minimum (an integer here); a string or an IRI fails, as
in pySHACL.

>>> from rdflib import Literal
>>> "?v >= " in MinInclusive().condition(None, Literal(1), "?v", None)
True
"""

from __future__ import annotations

from rdflib import Literal

from spacecoop.validation.constraints.base import SH, STRINGY, Constraint, Unsupported, n3

__all__ = ["MinInclusive"]


class MinInclusive(Constraint):
    parameter = SH.minInclusive
    component = "MinInclusiveConstraintComponent"

    def check(self, shape, value, compiler, nested):
        if not (isinstance(value, Literal) and isinstance(value.value, int) and not isinstance(value.value, bool)):
            raise Unsupported("sh:minInclusive other than an integer")

    def condition(self, shape, value, var, compiler):
        return f"(!isLiteral({var}) || DATATYPE({var}) NOT IN ({STRINGY})) && COALESCE({var} >= {n3(value)}, false)"
