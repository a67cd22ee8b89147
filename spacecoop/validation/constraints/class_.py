"""``sh:class``: each value (or the focus node of a node shape) is an instance of the class or of one of its
subclasses (``rdf:type/rdfs:subClassOf*`` in the data graph). The subclasses are read from the data graph once
(:meth:`~spacecoop.validation.compiler.FastValidator.subclasses`) and each value's types matched against them: a
few times faster on Oxigraph than the property path for every value.

>>> from rdflib import Graph
>>> from spacecoop.validation.compiler import FastValidator
>>> shapes = Graph().parse(format="turtle", data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
...     <urn:shape> sh:targetSubjectsOf <urn:agent> ; sh:property <urn:agent-is-an-actor> .
...     <urn:agent-is-an-actor> sh:path <urn:agent> ; sh:class <urn:Actor> ; sh:message "not an actor" .''')
>>> data = Graph().parse(format="turtle", data='''@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...     <urn:Agency> rdfs:subClassOf <urn:Actor> .  <urn:esa> a <urn:Agency> .
...     <urn:a> <urn:agent> <urn:esa> .  <urn:b> <urn:agent> <urn:nobody> .''')
>>> [(str(r.focus), str(r.value)) for r in FastValidator(shapes).validate_graph(data)]
[('urn:b', 'urn:nobody')]
"""

from __future__ import annotations

from spacecoop.validation.constraints.base import SH, TYPE, Constraint, group_by, n3

__all__ = ["Class"]


class Class(Constraint):
    parameter = SH["class"]
    component = "ClassConstraintComponent"
    on_nodes = True
    repeatable = True

    def condition(self, shape, value, var, compiler):
        t = compiler.var("t")
        return f"EXISTS {{ VALUES {t} {{ {' '.join(map(n3, compiler.subclasses(value)))} }} {var} {TYPE} {t} }}"

    def batchable(self, shape, value):
        return True

    def batch_results(self, pairs, store, fp, compiler):
        by_key = group_by(pairs, lambda pair: (pair[0].path, pair[1]))
        rows = " ".join(f"({n3(path)} {n3(cls)})" for path, cls in by_key)
        classes = " ".join(
            f"({n3(cls)} {n3(sub)})"
            for cls in dict.fromkeys(cls for _path, cls in by_key)
            for sub in compiler.subclasses(cls)
        )
        query = (
            f"SELECT DISTINCT ?this ?p ?c ?value WHERE {{ {fp} VALUES (?p ?c) {{ {rows} }} ?this ?p ?value "
            f"FILTER NOT EXISTS {{ VALUES (?c ?t) {{ {classes} }} ?value {TYPE} ?t }} }}"
        )
        return [
            compiler.result(shape, self.component, f, v)
            for f, path, cls, v in compiler.rows(store, query)
            for shape, _value in by_key[(path, cls)]
        ]
