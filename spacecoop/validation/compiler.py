"""Fast SHACL validation with pySHACL's answer: our shapes compiled to SPARQL and run on Oxigraph.

pySHACL stays the reference (:func:`spacecoop.validation.shacl.validate_graph` with ``engine="pyshacl"``).
This module finds each shape's focus nodes (``sh:targetClass`` with the ``rdfs:subClassOf`` closure of the
data graph, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``) and hands every constraint to the module of
:mod:`spacecoop.validation.constraints` that compiles its component, one SPARQL query per constraint, run on
an in-memory ``pyoxigraph.Store``. The results are the validation results pySHACL makes (focus node, path,
value, severity, source shape, constraint component, messages with ``{?var}`` filled in, nested ``sh:detail``
results of ``sh:node``) and :func:`report_graph` makes the same report graph.

A top-level shape that uses what is not compiled — another constraint component, a complex path, a shape
without ``sh:message`` (pySHACL's generic wording is not guessed), a reported ``xsd:string`` value pySHACL
would print differently — is refused, alone: :attr:`FastValidator.refused` names it and says why, and the
caller validates that shape with pySHACL. The compiled shapes refuse, they never silently differ.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...   sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "Give a name." ] .
... ex:T a sh:NodeShape ; sh:targetClass ex:C ;
...   sh:property [ sh:path ex:name ; sh:pattern "^A" ; sh:message "Names start with A." ] .''', format="turtle")
>>> data = Graph().parse(data="<urn:ex:a> a <urn:ex:C> .", format="turtle")
>>> validator = FastValidator(shapes)
>>> [(str(r.focus), str(r.path), str(r.messages[0])) for r in validator.validate_graph(data)]
[('urn:ex:a', 'urn:ex:name', 'Give a name.')]
>>> {str(shape): why.split(" uses ")[1] for shape, why in validator.refused.items()}
{'urn:ex:T': 'http://www.w3.org/ns/shacl#pattern'}
"""

from __future__ import annotations

import itertools
import os
import queue
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from spacecoop.store.knowledge import KnowledgeStore, from_ox
from spacecoop.validation.constraints import CONSTRAINTS
from spacecoop.validation.constraints.base import SH, SUBCLASS, TYPE, Result, Unsupported, n3

__all__ = ["Unsupported", "Result", "FastValidator", "report_graph", "flatten"]

_MEMBER = "urn:spacecoop:fastvalidate:member"
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
# Every predicate a shape may carry besides the compiled parameters; anything else in the sh: namespace
# makes the shape refused.
_SHAPE_KEYS = {
    RDF.type,
    SH.name,
    SH.description,
    *_TARGETS,
    SH.property,
    SH.path,
    SH.severity,
    SH.message,
    RDFS.label,
    RDFS.comment,
    SH.order,
    SH.group,
    SH.qualifiedMinCount,
    *CONSTRAINTS,
}


def flatten(results) -> list[Result]:
    """Every result with its nested ``sh:detail`` results, depth first."""
    out = []
    for result in results:
        out.append(result)
        out.extend(flatten(result.details))
    return out


class _Shape:
    """What the compiler needs of one shape: its path, severity, messages, constraints, properties, targets."""

    def __init__(self, graph: Graph, node):
        self.node = node
        self.graph = graph
        keys = set(graph.predicates(node, None))
        unknown = {k for k in keys if k not in _SHAPE_KEYS and str(k).startswith(str(SH))}
        if unknown:
            raise Unsupported(f"shape {node} uses {', '.join(sorted(map(str, unknown)))}")
        if (node, RDF.type, RDFS.Class) in graph or (node, RDF.type, OWL.Class) in graph:
            raise Unsupported(f"shape {node} is also a class (implicit class target)")
        paths = list(graph.objects(node, SH.path))
        if len(paths) > 1:
            raise Unsupported(f"shape {node} has several paths")
        self.path = paths[0] if paths else None
        if self.path is not None and not isinstance(self.path, URIRef):
            raise Unsupported(f"shape {node} has a complex path")
        severities = list(graph.objects(node, SH.severity))
        self.severity = severities[0] if severities else SH.Violation
        self.messages = list(graph.objects(node, SH.message))
        self.constraints = {k: list(graph.objects(node, k)) for k in keys if k in CONSTRAINTS}
        for key, values in self.constraints.items():
            if len(values) > 1 and not CONSTRAINTS[key].repeatable:
                raise Unsupported(f"shape {node} repeats {key}")
        self.properties = list(graph.objects(node, SH.property))
        self.targets = {k: list(graph.objects(node, k)) for k in _TARGETS}


class FastValidator:
    """Compile a shapes graph once; validate Oxigraph stores (or rdflib graphs) with it. :attr:`refused`: the
    top-level shapes not compiled (shape → why), for the caller to validate otherwise."""

    def __init__(self, shapes: Graph):
        self.shapes = shapes
        self._shapes: dict = {}
        self._counter = itertools.count()
        self._seen: tuple = ()
        self.top: list[_Shape] = []
        self.refused: dict = {}
        shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
        for key in (*_TARGETS, SH.targetNode):
            shape_nodes |= set(shapes.subjects(key, None))
        for node in sorted(shape_nodes, key=str):
            if not any(any(shapes.objects(node, key)) for key in (*_TARGETS, SH.targetNode)):
                continue  # not validated on its own (a shape that others use, or none at all)
            try:  # compile everything now, so that a refusal comes before any query runs
                shape = self.shape(node)
                if shape.path is not None:
                    raise Unsupported(f"property shape {node} with targets")
                self._check(shape, nested=False, seen=())
            except Unsupported as refusal:
                self.refused[node] = str(refusal)
            else:
                self.top.append(shape)

    # ---- shapes ----
    def shape(self, node) -> _Shape:
        if node not in self._shapes:
            self._shapes[node] = _Shape(self.shapes, node)
        return self._shapes[node]

    def var(self, stem: str = "v") -> str:
        """A fresh SPARQL variable."""
        return f"?_{stem}{next(self._counter)}"

    def _check(self, shape: _Shape, nested: bool, seen: tuple) -> None:
        if shape.node in seen:
            raise Unsupported(f"recursive shape {shape.node}")
        outer, self._seen = self._seen, seen + (shape.node,)
        try:
            for key, values in shape.constraints.items():
                constraint = CONSTRAINTS[key]
                if not (constraint.on_nodes if shape.path is None else constraint.on_properties):
                    kind = "node" if shape.path is None else "property"
                    raise Unsupported(f"{kind} shape {shape.node} uses {key}")
                if nested and not constraint.nested:
                    raise Unsupported(f"{key} in a nested shape")
                for value in values:
                    constraint.check(shape, value, self, nested)
            if SH.qualifiedValueShape not in shape.constraints and any(
                self.shapes.objects(shape.node, SH.qualifiedMinCount)
            ):
                raise Unsupported("sh:qualifiedMinCount without sh:qualifiedValueShape")
            for prop in shape.properties:
                prop_shape = self.shape(prop)
                if prop_shape.path is None:
                    raise Unsupported(f"sh:property {prop} without sh:path")
                if prop_shape.properties:
                    raise Unsupported("property shapes nested in property shapes")
                self._check(prop_shape, nested=nested, seen=self._seen)
        finally:
            self._seen = outer

    def check_inner(self, node) -> None:
        """Check a shape nested in the one being checked (``sh:node``, ``sh:not``, ``sh:or``…)."""
        inner = self.shape(node)
        if inner.severity != SH.Violation:
            raise Unsupported("a nested shape with a severity other than violation")
        self._check(inner, nested=True, seen=self._seen)

    # ---- SPARQL pieces ----
    def target_pattern(self, shape: _Shape, var: str) -> str:
        """A group pattern binding ``var`` to each focus node of ``shape`` once."""
        classes = sorted({sub for cls in shape.targets[SH.targetClass] for sub in self.subclasses(cls)}, key=str)
        subjects_of, objects_of = shape.targets[SH.targetSubjectsOf], shape.targets[SH.targetObjectsOf]
        if len(classes) == 1 and not subjects_of and not objects_of:
            return f"{{ {var} {TYPE} {n3(classes[0])} }}"  # one triple per node: no duplicates
        branches = []
        if classes:
            t = self.var("t")
            branches.append(f"{{ VALUES {t} {{ {' '.join(map(n3, classes))} }} {var} {TYPE} {t} }}")
        for prop in subjects_of:
            branches.append(f"{{ {var} {n3(prop)} {self.var('o')} }}")
        for prop in objects_of:
            branches.append(f"{{ {self.var('s')} {n3(prop)} {var} }}")
        if not branches:
            return "{ FILTER(false) }"
        return f"{{ SELECT DISTINCT {var} WHERE {{ {' UNION '.join(branches)} }} }}"

    def subclasses(self, cls) -> list:
        """``cls`` and its subclasses in the data graph (rdfs:subClassOf, transitively), read once per
        validation."""
        subclasses = self._closure.get(cls)
        if subclasses is None:
            query = f"SELECT DISTINCT ?c WHERE {{ ?c {SUBCLASS}* {n3(cls)} }}"
            subclasses = [c for (c,) in self.rows(self._store, query)] or [cls]
            if cls not in subclasses:
                subclasses.append(cls)
            self._closure[cls] = subclasses
        return subclasses

    def violation_group(self, shape: _Shape, var: str) -> str:
        """A group pattern with a solution exactly when ``var`` does not conform to ``shape``."""
        branches = []
        for key, constraint in CONSTRAINTS.items():
            for value in shape.constraints.get(key, []):
                pattern = constraint.violation(shape, value, var, self)
                if pattern:
                    branches.append(pattern)
        for prop in shape.properties:
            branches.append(self.violation_group(self.shape(prop), var))
        if not branches:
            return "{ FILTER(false) }"
        return "{ " + " UNION ".join(branches) + " }"

    # ---- running ----
    def validate_graph(self, data: Graph) -> list[Result]:
        """Validate an rdflib graph (copied into Oxigraph); refuses graphs with blank nodes."""
        knowledge = KnowledgeStore("oxigraph")
        try:
            knowledge.add_graph(data)
        except ValueError as error:  # an IRI Oxigraph refuses (rdflib is lax about them)
            raise Unsupported(f"Oxigraph cannot hold a term of the data: {error}") from None
        if knowledge.query("ASK { { ?s ?p ?o FILTER(isBlank(?s)) } UNION { ?s ?p ?o FILTER(isBlank(?o)) } }").boolean:
            raise Unsupported("the data graph has blank nodes (skolemise it first)")
        return self.validate_store(knowledge.to_oxigraph(), knowledge.explicit_strings)

    def validate_store(self, store: ox.Store, explicit_strings=frozenset()) -> list[Result]:
        """Validate the default graph of an Oxigraph store (holding data, ontology and vocabularies) with the
        compiled shapes; a shape refused while it runs joins :attr:`refused`, its results left out.

        ``explicit_strings``: lexical forms of literals that were explicit ``xsd:string`` ones in the
        rdflib graph the store was copied from (a result reporting one is refused: pySHACL would write
        the datatype, Oxigraph cannot).
        """
        self._store, self._closure, self._explicit_strings = store, {}, frozenset(explicit_strings)
        for shape in self._shapes.values():  # the subclass closures first, so that threads only read them
            for cls in [*shape.targets[SH.targetClass], *shape.constraints.get(SH["class"], [])]:
                if isinstance(cls, URIRef):  # anything else is refused when its shape runs
                    self.subclasses(cls)

        def run(shape: _Shape):
            try:
                return self._run(store, shape), None
            except Unsupported as refusal:
                return [], str(refusal)

        # Oxigraph evaluates queries without the GIL: run the shapes side by side, one per core, keep their order
        workers = max(1, min(os.cpu_count() or 1, len(self.top)))
        self._focus_graphs: queue.SimpleQueue = queue.SimpleQueue()
        for worker in range(workers):
            self._focus_graphs.put(ox.NamedNode(f"urn:spacecoop:fastvalidate:focus:{worker}"))
        if workers == 1:
            per_shape = [run(shape) for shape in self.top]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                per_shape = list(pool.map(run, self.top))
        found = []
        for shape, (results, refusal) in zip(self.top, per_shape):
            if refusal is None:
                found.extend(results)
            else:
                self.refused[shape.node] = refusal
        return found

    def _run(self, store: ox.Store, shape: _Shape) -> list[Result]:
        pattern = self.target_pattern(shape, "?this")
        if "SELECT DISTINCT" not in pattern:
            return self.shape_results(store, shape, lambda var: self.target_pattern(shape, var))
        # a union of targets: compute the focus nodes once, into a scratch named graph of the store
        # one scratch graph per thread, the same names every time: Oxigraph keeps the memory of removed quads, and
        # gives it back only to the same quads added again (a graph of 10M triples grew by 1 GB of focus nodes)
        graph = self._focus_graphs.get()
        store.update(f"INSERT {{ GRAPH <{graph.value}> {{ <{_MEMBER}> <{_MEMBER}> ?this }} }} WHERE {{ {pattern} }}")
        try:
            return self.shape_results(
                store, shape, lambda var: f"{{ GRAPH <{graph.value}> {{ <{_MEMBER}> <{_MEMBER}> {var} }} }}"
            )
        finally:
            store.remove_graph(graph)
            self._focus_graphs.put(graph)

    def shape_results(self, store, shape: _Shape, focus, skip=()) -> list[Result]:
        """All results of ``shape`` on the focus nodes that ``focus(var)`` (a group pattern) binds."""
        out: list[Result] = []
        for key, constraint in CONSTRAINTS.items():
            if key not in skip:
                for value in shape.constraints.get(key, []):
                    out.extend(constraint.results(shape, value, store, focus, self))
        props = [self.shape(prop) for prop in shape.properties]
        done = self._batched(store, props, focus("?this"), out)
        for prop in props:
            out.extend(self.shape_results(store, prop, focus, skip=done.get(prop.node, ())))
        return out

    def _batched(self, store, props: list[_Shape], fp: str, out: list) -> dict:
        """The constraints of several property shapes of one node shape that one query answers together
        (``sh:minCount 1``, ``sh:maxCount``, ``sh:class``: a VALUES block of paths), rather than one query per
        property shape; their results go to ``out``. Returns property shape → the parameters done."""
        done: dict = {}
        for key, constraint in CONSTRAINTS.items():
            pairs = [
                (prop, value)
                for prop in props
                for value in prop.constraints.get(key, [])
                if constraint.batchable(prop, value)
            ]
            if len(pairs) > 1:
                out.extend(constraint.batch_results(pairs, store, fp, self))
                for prop, _value in pairs:
                    done.setdefault(prop.node, set()).add(key)
        return done

    def rows(self, store: ox.Store, query: str) -> list[tuple]:
        """The rows of a compiled SELECT, as rdflib terms."""
        try:
            solutions = store.query(query)
        except SyntaxError as error:  # a bug of the compiler: refuse rather than differ
            raise Unsupported(f"compiled query does not parse: {error}\n{query}") from None
        names = [v.value for v in solutions.variables]
        try:
            return [tuple(self._term(solution[name]) for name in names) for solution in solutions]
        except Unsupported as refusal:
            error = Unsupported(str(refusal))  # without the traceback that holds the solutions
        # drop the solutions in this thread before raising (pyoxigraph's iterators may not change threads)
        del solutions
        raise error

    def solutions(self, store: ox.Store, query: str) -> list[dict]:
        """The rows of a SELECT written in the shapes graph (a SPARQL constraint), as dicts of the bound names."""
        try:
            solutions = store.query(query)
        except SyntaxError as error:
            raise Unsupported(f"SPARQL constraint does not parse for Oxigraph: {error}") from None
        names = [v.value for v in solutions.variables]
        try:
            return [
                {name: self._term(solution[name]) for name in names if solution[name] is not None}
                for solution in solutions
            ]
        except Unsupported as refusal:
            error = Unsupported(str(refusal))  # without the traceback that holds the solutions
        del solutions  # in this thread (pyoxigraph's iterators may not change threads)
        raise error

    def _term(self, term):
        converted = from_ox(term)
        if (
            isinstance(converted, Literal)
            and converted.datatype is None
            and converted.language is None
            and str(converted) in self._explicit_strings
        ):
            raise Unsupported("a reported value may be an explicit xsd:string literal")
        if isinstance(converted, BNode):
            raise Unsupported("a blank node in a result")
        return converted

    def result(self, shape: _Shape, component: str, focus, value=None, path=None, **extra) -> Result:
        """One result of ``shape``, with its severity and messages."""
        if not shape.messages:
            # pySHACL would write a generic message here: refuse rather than guess its wording
            raise Unsupported(f"a result of {shape.node}, which has no sh:message")
        return Result(
            focus=focus,
            value=value,
            path=path if path is not None else shape.path,
            shape=shape.node,
            component=SH[component],
            severity=shape.severity,
            messages=list(shape.messages),
            **extra,
        )


def report_graph(shapes: Graph, results: list[Result]) -> Graph:
    """The validation report graph pySHACL would build for these results."""
    from pyshacl.validator import Validator

    def triples_of(result: Result):
        node = BNode()
        triples = [
            (node, RDF.type, SH.ValidationResult),
            (node, SH.sourceConstraintComponent, (shapes, result.component)),
            (node, SH.sourceShape, (shapes, result.shape)),
            (node, SH.resultSeverity, result.severity),
            (node, SH.focusNode, (None, result.focus)),
        ]
        if result.value is not None:
            triples.append((node, SH.value, (None, result.value)))
        if result.path is not None:
            triples.append((node, SH.resultPath, (shapes, result.path)))
        if result.source_constraint is not None:
            triples.append((node, SH.sourceConstraint, (shapes, result.source_constraint)))
        for message in result.messages:
            triples.append((node, SH.resultMessage, message))
        for detail in result.details:
            _text, detail_node, detail_triples = triples_of(detail)
            triples.append((node, SH.detail, detail_node))
            triples.extend(detail_triples)
        return "", node, triples

    conforms = not any(r.severity == SH.Violation for r in results)
    graph, _text = Validator.create_validation_report(
        SimpleNamespace(graph=shapes), conforms, [triples_of(r) for r in results]
    )
    return graph
