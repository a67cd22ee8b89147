"""``sh:nodeKind``: each value is of the kind (an IRI, a literal, a blank node, or one of two).

>>> NodeKind().condition(None, SH.IRI, "?v", None)
'isIRI(?v)'
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, Constraint, Unsupported

__all__ = ["NodeKind"]

KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


class NodeKind(Constraint):
    parameter = SH.nodeKind
    component = "NodeKindConstraintComponent"

    def check(self, shape, value, compiler, nested):
        if value not in KINDS:
            raise Unsupported(f"sh:nodeKind {value}")

    def condition(self, shape, value, var, compiler):
        return KINDS[value].format(v=var)
