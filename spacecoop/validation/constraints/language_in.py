"""``sh:languageIn``: each value (or the focus node of a node shape) is a literal whose language tag is one of
the list or a subtag of one (``en-GB`` matches ``en``), case ignored.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='<urn:s> <http://www.w3.org/ns/shacl#languageIn> ("en" "fr") .', format="turtle")
>>> shape = type("Shape", (), {"graph": shapes})
>>> 'IN ("en", "fr")' in LanguageIn().condition(shape, next(shapes.objects(None, SH.languageIn)), "?v", None)
True
"""

from __future__ import annotations

from rdflib import Literal
from rdflib.collection import Collection

from spacecoop.validation.constraints.base import SH, Constraint, n3

__all__ = ["LanguageIn"]


class LanguageIn(Constraint):
    parameter = SH.languageIn
    component = "LanguageInConstraintComponent"
    on_nodes = True

    def condition(self, shape, value, var, compiler):
        listed = ", ".join(n3(Literal(str(tag).lower())) for tag in Collection(shape.graph, value))
        return (
            f"(isLiteral({var}) && (LCASE(LANG({var})) IN ({listed}) || "
            f'STRBEFORE(CONCAT(LCASE(LANG({var})), "-"), "-") IN ({listed})))'
        )
