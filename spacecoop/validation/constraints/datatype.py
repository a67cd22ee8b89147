"""``sh:datatype``: each value is a literal of the datatype, and (for the datatypes a SPARQL cast checks as
rdflib does) well-formed: an ill-typed ``"2019-13-45"^^xsd:date`` fails.

>>> from rdflib.namespace import XSD
>>> Datatype().condition(None, XSD.string, "?v", None)
'(isLiteral(?v) && DATATYPE(?v) = <http://www.w3.org/2001/XMLSchema#string>)'
"""

from __future__ import annotations

from rdflib.namespace import RDF

from spacecoop.validation.constraints.base import SH, XSD, Constraint, Unsupported

__all__ = ["Datatype"]

#: Datatypes whose well-formedness a SPARQL cast decides as rdflib does (ill-typed literals fail the cast).
CASTS = {f"{XSD}{name}" for name in ("date", "integer", "boolean", "decimal", "dateTime", "double", "float")}
NO_LEXICAL_CHECK = {f"{XSD}string", f"{XSD}anyURI", str(RDF.langString)}


class Datatype(Constraint):
    parameter = SH.datatype
    component = "DatatypeConstraintComponent"

    def check(self, shape, value, compiler, nested):
        if str(value) not in CASTS | NO_LEXICAL_CHECK:
            raise Unsupported(f"sh:datatype {value}")

    def condition(self, shape, value, var, compiler):
        datatype = str(value)
        if datatype == str(RDF.langString):
            return f'(isLiteral({var}) && LANG({var}) != "")'
        if datatype in NO_LEXICAL_CHECK:
            return f"(isLiteral({var}) && DATATYPE({var}) = <{datatype}>)"
        return (
            f"(isLiteral({var}) && DATATYPE({var}) = <{datatype}> && "
            f"COALESCE(isLiteral(<{datatype}>(STR({var}))), false))"
        )
