"""The SHACL constraint components the compiled shapes cover, one module each (as pySHACL keeps them).

:data:`CONSTRAINTS` maps each parameter to its :class:`~spacecoop.validation.constraints.base.Constraint`;
a shape that gives any other ``sh:`` parameter is refused and validated by pySHACL instead.

>>> sorted(str(p).rsplit("#", 1)[1] for p in CONSTRAINTS)[:4]
['class', 'datatype', 'hasValue', 'languageIn']
"""

from __future__ import annotations

from spacecoop.validation.constraints.class_ import Class
from spacecoop.validation.constraints.datatype import Datatype
from spacecoop.validation.constraints.has_value import HasValue
from spacecoop.validation.constraints.language_in import LanguageIn
from spacecoop.validation.constraints.less_than import LessThan
from spacecoop.validation.constraints.max_count import MaxCount
from spacecoop.validation.constraints.min_count import MinCount
from spacecoop.validation.constraints.min_inclusive import MinInclusive
from spacecoop.validation.constraints.min_length import MinLength
from spacecoop.validation.constraints.node import Node
from spacecoop.validation.constraints.node_kind import NodeKind
from spacecoop.validation.constraints.not_ import Not
from spacecoop.validation.constraints.or_ import Or
from spacecoop.validation.constraints.qualified_value_shape import QualifiedValueShape
from spacecoop.validation.constraints.sparql import Sparql
from spacecoop.validation.constraints.unique_lang import UniqueLang

__all__ = ["CONSTRAINTS"]

#: Parameter → its compiled constraint, in the order the results of a shape are computed.
CONSTRAINTS: dict = {
    constraint.parameter: constraint
    for constraint in (
        Class(),
        LanguageIn(),
        Not(),
        Or(),
        Node(),
        Sparql(),
        MinCount(),
        MaxCount(),
        Datatype(),
        MinInclusive(),
        MinLength(),
        NodeKind(),
        HasValue(),
        UniqueLang(),
        LessThan(),
        QualifiedValueShape(),
    )
}
