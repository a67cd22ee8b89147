"""``sh:class``: each value (or the focus node of a node shape) is an instance of the class or of one of its
subclasses (``rdf:type/rdfs:subClassOf*`` in the data graph).

>>> from rdflib import URIRef
>>> Class().condition(None, URIRef("urn:c"), "?v")
'EXISTS { ?v <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <urn:c> }'
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, SUBCLASS, TYPE, Constraint, group_by, n3

__all__ = ["Class"]


class Class(Constraint):
    parameter = SH["class"]
    component = "ClassConstraintComponent"
    on_nodes = True
    repeatable = True

    def condition(self, shape, value, var):
        return f"EXISTS {{ {var} {TYPE}/{SUBCLASS}* {n3(value)} }}"

    def batchable(self, shape, value):
        return True

    def batch_results(self, pairs, store, fp, compiler):
        by_key = group_by(pairs, lambda pair: (pair[0].path, pair[1]))
        rows = " ".join(f"({n3(path)} {n3(cls)})" for path, cls in by_key)
        query = (
            f"SELECT DISTINCT ?this ?p ?c ?value WHERE {{ {fp} VALUES (?p ?c) {{ {rows} }} ?this ?p ?value "
            f"FILTER NOT EXISTS {{ ?value {TYPE}/{SUBCLASS}* ?c }} }}"
        )
        return [
            compiler.result(shape, self.component, f, v)
            for f, path, cls, v in compiler.rows(store, query)
            for shape, _value in by_key[(path, cls)]
        ]
