"""rdflib terms to pyoxigraph terms and back.

>>> from rdflib import Literal
>>> from_ox(to_ox(Literal("ESA")))  # a plain literal stays plain
rdflib.term.Literal('ESA')
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from spacecoop.errors import SpaceCoopError

__all__ = ["to_ox", "from_ox"]

XSD_STRING = str(XSD.string)


def to_ox(term):
    """An rdflib term as a pyoxigraph term (plain literals become ``xsd:string`` ones, as in RDF 1.1)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise SpaceCoopError(f"cannot store the term {term!r}")


def from_ox(term):
    """A pyoxigraph term as an rdflib term; ``xsd:string`` literals come back plain."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise SpaceCoopError(f"cannot convert the term {term!r}")
