"""``sh:minLength``: the text of each value (not a blank node) has at least n characters.

>>> from rdflib import Literal
>>> MinLength().condition(None, Literal(0), "?v", None) is None
True
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, Constraint

__all__ = ["MinLength"]


class MinLength(Constraint):
    parameter = SH.minLength
    component = "MinLengthConstraintComponent"

    def condition(self, shape, value, var, compiler):
        length = int(value)
        return f"(!isBlank({var}) && STRLEN(STR({var})) >= {length})" if length > 0 else None
