"""Fast SHACL validation with pySHACL's answer: our shapes compiled to SPARQL and run on Oxigraph.

pySHACL stays the reference (:func:`spacecoop.validation.shacl.validate_graph` with ``engine="pyshacl"``).
This module compiles the shapes graph into one SPARQL query per constraint and runs them on an
in-memory ``pyoxigraph.Store``; the results are turned into the same validation results pySHACL
makes (focus node, path, value, severity, source shape, constraint component, messages with
``{?var}`` filled in, nested ``sh:detail`` results of ``sh:node``) and into the same report graph.

Only the SHACL subset our shapes use is compiled: targets ``sh:targetClass`` (with the
``rdfs:subClassOf`` closure of the data graph), ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``;
property shapes whose path is one IRI, with ``sh:minCount``, ``sh:maxCount``, ``sh:class``,
``sh:datatype``, ``sh:node``, ``sh:hasValue``, ``sh:uniqueLang``, ``sh:qualifiedValueShape`` with
``sh:qualifiedMinCount`` 1, ``sh:minInclusive``, ``sh:lessThan``, ``sh:minLength``, ``sh:languageIn``;
node-level ``sh:class``, ``sh:not``, ``sh:or``, ``sh:languageIn`` and SPARQL-based constraints
(``sh:select`` with ``$this``); ``sh:severity``, ``sh:message``. Anything else — another
constraint, a complex path, a shape without ``sh:message``, a graph with blank nodes, an
``xsd:string`` value pySHACL would print differently — raises :class:`Unsupported`, and the
caller falls back to pySHACL: the fast path refuses, it never silently differs.

>>> from rdflib import Graph
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...   sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "Give a name." ] .''', format="turtle")
>>> data = Graph().parse(data="<urn:ex:a> a <urn:ex:C> .", format="turtle")
>>> [(str(r.focus), str(r.path), str(r.messages[0])) for r in FastValidator(shapes).validate_graph(data)]
[('urn:ex:a', 'urn:ex:name', 'Give a name.')]
"""

from __future__ import annotations

import itertools
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import SimpleNamespace

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from spacecoop.store.knowledge import KnowledgeStore, from_ox

__all__ = ["Unsupported", "Result", "FastValidator", "report_graph", "flatten"]

SH = Namespace("http://www.w3.org/ns/shacl#")
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_MEMBER = "urn:spacecoop:fastvalidate:member"
_STRINGY = f"<{_XSD}string>, <http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"
# Datatypes whose well-formedness a SPARQL cast decides as rdflib does (ill-typed literals fail).
_CASTS = {f"{_XSD}{name}" for name in ("date", "integer", "boolean", "decimal", "dateTime", "double", "float")}
_NO_LEXICAL_CHECK = {f"{_XSD}string", f"{_XSD}anyURI", str(RDF.langString)}

# Every predicate a shape may carry; anything else in the sh: namespace makes the fast path refuse.
_SHAPE_KEYS = {
    RDF.type, SH.name, SH.description, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property,
    SH.path, SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.node, SH.hasValue, SH.uniqueLang,
    SH.languageIn, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.minInclusive, SH.lessThan, SH.minLength,
    SH["not"], SH["or"], SH.sparql, SH.severity, SH.message, RDFS.label, RDFS.comment, SH.order, SH.group,
}
_CONSTRAINT_KEYS = {
    SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.node, SH.hasValue, SH.uniqueLang, SH.languageIn,
    SH.qualifiedValueShape, SH.minInclusive, SH.lessThan, SH.minLength, SH["not"], SH["or"], SH.sparql,
}


class Unsupported(Exception):
    """The shapes or the data use something the fast path does not compile: use pySHACL."""


@dataclass
class Result:
    """One validation result, as pySHACL would report it (terms are rdflib terms)."""

    focus: object
    value: object
    path: object
    shape: object
    component: URIRef
    severity: URIRef
    messages: list
    source_constraint: object = None
    details: list = field(default_factory=list)


def flatten(results) -> list[Result]:
    """Every result with its nested ``sh:detail`` results, depth first."""
    out = []
    for result in results:
        out.append(result)
        out.extend(flatten(result.details))
    return out


def _n3(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        body = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None:
            return f"{body}^^<{term.datatype}>"
        return body
    raise Unsupported(f"cannot write {term!r} into a query")


class _Shape:
    """What the fast path needs of one shape."""

    def __init__(self, graph: Graph, node):
        self.node = node
        self.graph = graph
        keys = set(graph.predicates(node, None))
        unknown = {k for k in keys if k not in _SHAPE_KEYS and str(k).startswith(str(SH))}
        if unknown:
            raise Unsupported(f"shape {node} uses {', '.join(sorted(map(str, unknown)))}")
        if (node, RDF.type, RDFS.Class) in graph or (node, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in graph:
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
        self.constraints = {k: list(graph.objects(node, k)) for k in keys & _CONSTRAINT_KEYS}
        for key, values in self.constraints.items():
            if len(values) > 1 and key not in (SH["class"], SH.sparql, SH.node, SH["not"], SH["or"]):
                raise Unsupported(f"shape {node} repeats {key}")
        self.properties = list(graph.objects(node, SH.property))
        self.targets = {k: list(graph.objects(node, k)) for k in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)}

    def one(self, key):
        return self.constraints[key][0]


class FastValidator:
    """Compile a shapes graph once; validate Oxigraph stores (or rdflib graphs) with it."""

    def __init__(self, shapes: Graph, workers: int | None = None):
        self.shapes = shapes
        self.workers = workers
        self._shapes: dict = {}
        self._counter = itertools.count()
        self.top = []
        shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
        for key in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
            shape_nodes |= set(shapes.subjects(key, None))
        if any(shapes.subjects(SH.targetNode, None)):
            raise Unsupported("sh:targetNode")
        for node in sorted(shape_nodes, key=str):
            shape = self.shape(node)
            if any(shape.targets.values()):
                if shape.path is not None:
                    raise Unsupported(f"property shape {node} with targets")
                self.top.append(shape)
        # compile everything now, so that an unsupported construct refuses before any query runs
        for shape in self.top:
            self._check(shape, nested=False, seen=())

    # ---- shapes ----
    def shape(self, node) -> _Shape:
        if node not in self._shapes:
            self._shapes[node] = _Shape(self.shapes, node)
        return self._shapes[node]

    def var(self, stem: str = "v") -> str:
        return f"?_{stem}{next(self._counter)}"

    def _check(self, shape: _Shape, nested: bool, seen: tuple) -> None:
        if shape.node in seen:
            raise Unsupported(f"recursive shape {shape.node}")
        seen = seen + (shape.node,)
        if shape.path is None and set(shape.constraints) - {SH["class"], SH["not"], SH["or"], SH.languageIn, SH.sparql, SH.node}:
            raise Unsupported(f"node shape {shape.node} uses {set(shape.constraints)}")
        if SH.sparql in shape.constraints:
            if nested or shape.path is not None:
                raise Unsupported("SPARQL constraints in nested or property shapes")
            for constraint in shape.constraints[SH.sparql]:
                self._sparql_text(constraint)
                if not list(self.shapes.objects(constraint, SH.message)) and not shape.messages:
                    raise Unsupported("a SPARQL constraint without sh:message")
        if SH.minCount in shape.constraints and nested and int(shape.one(SH.minCount)) > 1:
            raise Unsupported("sh:minCount above 1 in a nested shape")
        if SH.maxCount in shape.constraints and nested and int(shape.one(SH.maxCount)) != 1:
            raise Unsupported("sh:maxCount other than 1 in a nested shape")
        if SH.qualifiedValueShape in shape.constraints:
            counts = list(self.shapes.objects(shape.node, SH.qualifiedMinCount))
            if [int(c) for c in counts] != [1]:
                raise Unsupported("sh:qualifiedValueShape needs exactly sh:qualifiedMinCount 1")
            if any(self.shapes.objects(shape.node, SH.qualifiedMaxCount)) or any(
                    self.shapes.objects(shape.node, SH.qualifiedValueShapesDisjoint)):
                raise Unsupported("sh:qualifiedMaxCount / sh:qualifiedValueShapesDisjoint")
        elif any(self.shapes.objects(shape.node, SH.qualifiedMinCount)):
            raise Unsupported("sh:qualifiedMinCount without sh:qualifiedValueShape")
        if SH.datatype in shape.constraints:
            datatype = str(shape.one(SH.datatype))
            if datatype not in _CASTS | _NO_LEXICAL_CHECK:
                raise Unsupported(f"sh:datatype {datatype}")
        if SH.minInclusive in shape.constraints:
            minimum = shape.one(SH.minInclusive)
            if not (isinstance(minimum, Literal) and isinstance(minimum.value, int) and not isinstance(minimum.value, bool)):
                raise Unsupported("sh:minInclusive other than an integer")
        if SH.uniqueLang in shape.constraints and shape.one(SH.uniqueLang) != Literal(True):
            raise Unsupported("sh:uniqueLang other than true")
        for key in (SH.node, SH["not"], SH.qualifiedValueShape):
            for inner in shape.constraints.get(key, []):
                inner_shape = self.shape(inner)
                if inner_shape.severity != SH.Violation:
                    raise Unsupported("a nested shape with a severity other than violation")
                self._check(inner_shape, nested=True, seen=seen)
        for members in shape.constraints.get(SH["or"], []):
            for inner in Collection(self.shapes, members):
                inner_shape = self.shape(inner)
                if inner_shape.severity != SH.Violation:
                    raise Unsupported("a nested shape with a severity other than violation")
                self._check(inner_shape, nested=True, seen=seen)
        for prop in shape.properties:
            prop_shape = self.shape(prop)
            if prop_shape.path is None:
                raise Unsupported(f"sh:property {prop} without sh:path")
            if prop_shape.properties:
                raise Unsupported("property shapes nested in property shapes")
            self._check(prop_shape, nested=nested, seen=seen)

    # ---- SPARQL pieces ----
    def target_pattern(self, shape: _Shape, var: str) -> str:
        """A group pattern binding ``var`` to each focus node of ``shape`` once."""
        classes = sorted({sub for cls in shape.targets[SH.targetClass] for sub in self._subclasses(cls)}, key=str)
        subjects_of, objects_of = shape.targets[SH.targetSubjectsOf], shape.targets[SH.targetObjectsOf]
        if len(classes) == 1 and not subjects_of and not objects_of:
            return f"{{ {var} {_TYPE} {_n3(classes[0])} }}"  # one triple per node: no duplicates
        branches = []
        if classes:
            t = self.var("t")
            branches.append(f"{{ VALUES {t} {{ {' '.join(map(_n3, classes))} }} {var} {_TYPE} {t} }}")
        for prop in subjects_of:
            branches.append(f"{{ {var} {_n3(prop)} {self.var('o')} }}")
        for prop in objects_of:
            branches.append(f"{{ {self.var('s')} {_n3(prop)} {var} }}")
        if not branches:
            return "{ FILTER(false) }"
        return f"{{ SELECT DISTINCT {var} WHERE {{ {' UNION '.join(branches)} }} }}"

    def _subclasses(self, cls) -> list:
        """``cls`` and its subclasses in the data graph (rdfs:subClassOf, transitively)."""
        subclasses = self._closure.get(cls)
        if subclasses is None:
            query = f"SELECT DISTINCT ?c WHERE {{ ?c {_SUBCLASS}* {_n3(cls)} }}"
            subclasses = [c for (c,) in self._rows(self._store, query)] or [cls]
            if cls not in subclasses:
                subclasses.append(cls)
            self._closure[cls] = subclasses
        return subclasses

    def value_condition(self, shape: _Shape, var: str) -> str | None:
        """A SPARQL expression true when the value ``var`` passes the value-level constraints of ``shape``."""
        parts = []
        if SH.datatype in shape.constraints:
            datatype = str(shape.one(SH.datatype))
            if datatype == str(RDF.langString):
                parts.append(f'(isLiteral({var}) && LANG({var}) != "")')
            elif datatype in _NO_LEXICAL_CHECK:
                parts.append(f"(isLiteral({var}) && DATATYPE({var}) = <{datatype}>)")
            else:
                parts.append(f"(isLiteral({var}) && DATATYPE({var}) = <{datatype}> && "
                             f"COALESCE(isLiteral(<{datatype}>(STR({var}))), false))")
        if SH.minInclusive in shape.constraints:
            minimum = shape.one(SH.minInclusive)
            parts.append(f"(!isLiteral({var}) || DATATYPE({var}) NOT IN ({_STRINGY})) && "
                         f"COALESCE({var} >= {_n3(minimum)}, false)")
        if SH.minLength in shape.constraints:
            length = int(shape.one(SH.minLength))
            if length > 0:
                parts.append(f"(!isBlank({var}) && STRLEN(STR({var})) >= {length})")
        if SH.languageIn in shape.constraints:
            languages = [str(x).lower() for x in Collection(self.shapes, shape.one(SH.languageIn))]
            listed = ", ".join(_n3(Literal(x)) for x in languages)
            parts.append(f'(isLiteral({var}) && (LCASE(LANG({var})) IN ({listed}) || '
                         f'STRBEFORE(CONCAT(LCASE(LANG({var})), "-"), "-") IN ({listed})))')
        return " && ".join(f"({p})" for p in parts) if parts else None

    def _class_missing(self, var: str, cls) -> str:
        return f"FILTER NOT EXISTS {{ {var} {_TYPE}/{_SUBCLASS}* {_n3(cls)} }}"

    def _less_than_ok(self, v: str, w: str) -> str:
        stringy = lambda x: f"(isIRI({x}) || (isLiteral({x}) && DATATYPE({x}) IN ({_STRINGY})))"  # noqa: E731
        return (f"IF({stringy(v)} || {stringy(w)}, {stringy(v)} && {stringy(w)} && STR({v}) < STR({w}), "
                f"COALESCE({v} < {w}, false))")

    def violation_group(self, shape: _Shape, var: str) -> str:
        """A group pattern with a solution exactly when ``var`` does not conform to ``shape``."""
        branches = []
        c = shape.constraints
        if shape.path is None:
            for cls in c.get(SH["class"], []):
                branches.append(f"{{ {self._class_missing(var, cls)} }}")
            condition = self.value_condition(shape, var)
            if condition:
                branches.append(f"{{ FILTER(!({condition})) }}")
            for inner in c.get(SH["not"], []):
                branches.append(f"{{ FILTER NOT EXISTS {self.violation_group(self.shape(inner), var)} }}")
            for members in c.get(SH["or"], []):
                tests = " && ".join(f"EXISTS {self.violation_group(self.shape(m), var)}"
                                    for m in Collection(self.shapes, members))
                branches.append(f"{{ FILTER({tests}) }}")
            for inner in c.get(SH.node, []):
                branches.append(f"{{ FILTER EXISTS {self.violation_group(self.shape(inner), var)} }}")
        else:
            p = _n3(shape.path)
            x = self.var("x")
            if SH.minCount in c and int(shape.one(SH.minCount)) > 0:
                branches.append(f"{{ FILTER NOT EXISTS {{ {var} {p} {x} }} }}")
            if SH.maxCount in c:
                y = self.var("y")
                branches.append(f"{{ {var} {p} {x} . {var} {p} {y} FILTER(!sameTerm({x}, {y})) }}")
            for cls in c.get(SH["class"], []):
                branches.append(f"{{ {var} {p} {x} {self._class_missing(x, cls)} }}")
            condition = self.value_condition(shape, x)
            if condition:
                branches.append(f"{{ {var} {p} {x} FILTER(!({condition})) }}")
            if SH.hasValue in c:
                branches.append(f"{{ FILTER NOT EXISTS {{ {var} {p} {_n3(shape.one(SH.hasValue))} }} }}")
            if SH.uniqueLang in c:
                y = self.var("y")
                branches.append(f"{{ {var} {p} {x} . {var} {p} {y} FILTER({self._same_lang(x, y)}) }}")
            if SH.lessThan in c:
                y = self.var("y")
                branches.append(f"{{ {var} {p} {x} . {var} {_n3(shape.one(SH.lessThan))} {y} "
                                f"FILTER(!({self._less_than_ok(x, y)})) }}")
            for inner in c.get(SH.node, []):
                branches.append(f"{{ {var} {p} {x} FILTER EXISTS {self.violation_group(self.shape(inner), x)} }}")
            if SH.qualifiedValueShape in c:
                q = self.var("q")
                inner = self.violation_group(self.shape(shape.one(SH.qualifiedValueShape)), q)
                branches.append(f"{{ FILTER NOT EXISTS {{ {var} {p} {q} FILTER NOT EXISTS {inner} }} }}")
        for prop in shape.properties:
            branches.append(self.violation_group(self.shape(prop), var))
        if not branches:
            return "{ FILTER(false) }"
        return "{ " + " UNION ".join(branches) + " }"

    @staticmethod
    def _same_lang(x: str, y: str) -> str:
        return (f'isLiteral({x}) && isLiteral({y}) && LANG({x}) != "" && !sameTerm({x}, {y}) && '
                f"LCASE(LANG({x})) = LCASE(LANG({y}))")

    def _sparql_text(self, constraint) -> str:
        keys = set(self.shapes.predicates(constraint, None))
        if keys - {RDF.type, SH.message, SH.prefixes, SH.select, RDFS.comment, SH.name, SH.description}:
            raise Unsupported(f"SPARQL constraint {constraint} uses {keys}")
        if any(self.shapes.objects(constraint, SH.deactivated)):
            raise Unsupported("sh:deactivated")
        selects = list(self.shapes.objects(constraint, SH.select))
        if len(selects) != 1:
            raise Unsupported("a SPARQL constraint needs one sh:select")
        text = str(selects[0])
        if re.search(r"[?$](currentShape|shapesGraph|PATH|value|path|failure)\b", text):
            raise Unsupported("SPARQL constraint with pre-bound or special variables other than $this")
        if len(re.findall(r"\bSELECT\b", text, flags=re.IGNORECASE)) != 1:
            raise Unsupported("SPARQL constraint with a subquery")
        head = text[: re.search(r"\bWHERE\b", text, flags=re.IGNORECASE).start()] if re.search(
            r"\bWHERE\b", text, flags=re.IGNORECASE) else ""
        if not re.search(r"\$this\b", head) or "*" in head:
            raise Unsupported("SPARQL constraint that does not project $this")
        prefixes = []
        for ontology in self.shapes.objects(constraint, SH.prefixes):
            for declaration in self.shapes.objects(ontology, SH.declare):
                prefix = self.shapes.value(declaration, SH.prefix)
                namespace = self.shapes.value(declaration, SH.namespace)
                prefixes.append(f"PREFIX {prefix}: <{namespace}>")
        return "\n".join(prefixes) + "\n" + re.sub(r"\$this\b", "?this", text)

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
        return self.validate_store(knowledge.store, knowledge.explicit_strings)

    def validate_store(self, store: ox.Store, explicit_strings=frozenset()) -> list[Result]:
        """Validate the default graph of an Oxigraph store (holding data, ontology and vocabularies).

        ``explicit_strings``: lexical forms of literals that were explicit ``xsd:string`` ones in the
        rdflib graph the store was copied from (a result reporting one is refused: pySHACL would write
        the datatype, Oxigraph cannot).
        """
        self._store, self._closure, self._explicit_strings = store, {}, frozenset(explicit_strings)
        for shape in self.top:  # the subclass closures first, so that threads only read them
            for cls in shape.targets[SH.targetClass]:
                self._subclasses(cls)

        def run(shape):
            pattern = self.target_pattern(shape, "?this")
            if "SELECT DISTINCT" not in pattern:
                return self._results(store, shape, lambda var: self.target_pattern(shape, var))
            # a union of targets: compute the focus nodes once, into a scratch named graph of the store
            graph = ox.NamedNode(f"urn:spacecoop:fastvalidate:focus:{id(shape)}:{next(self._counter)}")
            store.update(f"INSERT {{ GRAPH <{graph.value}> {{ <{_MEMBER}> <{_MEMBER}> ?this }} }} WHERE {{ {pattern} }}")
            try:
                return self._results(store, shape, lambda var: f"{{ GRAPH <{graph.value}> {{ <{_MEMBER}> <{_MEMBER}> {var} }} }}")
            finally:
                store.remove_graph(graph)

        # Oxigraph evaluates queries without the GIL: run the shapes side by side, keep their order
        workers = max(1, min(self.workers or (os.cpu_count() or 1), len(self.top)))
        if workers == 1:
            per_shape = [run(shape) for shape in self.top]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                per_shape = list(pool.map(run, self.top))
        return [result for results in per_shape for result in results]

    def _rows(self, store: ox.Store, query: str) -> list[tuple]:
        try:
            solutions = store.query(query)
        except SyntaxError as error:  # a bug of the compiler: refuse rather than differ
            raise Unsupported(f"compiled query does not parse: {error}\n{query}") from None
        names = [v.value for v in solutions.variables]
        try:
            return [tuple(self._term(solution[name]) for name in names) for solution in solutions]
        except Unsupported as refusal:
            error = refusal
        # drop the solutions in this thread before raising (pyoxigraph's iterators may not change threads)
        del solutions
        raise error

    def _term(self, term):
        converted = from_ox(term)
        if isinstance(converted, Literal) and converted.datatype is None and converted.language is None \
                and str(converted) in self._explicit_strings:
            raise Unsupported("a reported value may be an explicit xsd:string literal")
        if isinstance(converted, BNode):
            raise Unsupported("a blank node in a result")
        return converted

    def _result(self, shape: _Shape, component: str, focus, value=None, path=None, **extra) -> Result:
        if not shape.messages:
            # pySHACL would write a generic message here: refuse rather than guess its wording
            raise Unsupported(f"a result of {shape.node}, which has no sh:message")
        return Result(focus=focus, value=value, path=path if path is not None else shape.path, shape=shape.node,
                      component=SH[component], severity=shape.severity, messages=list(shape.messages), **extra)

    def _batched(self, store, props: list, fp: str) -> tuple[list[Result], dict]:
        """sh:minCount 1, sh:maxCount and sh:class of several property shapes of one node shape, in one
        query each (a VALUES block of paths), rather than one query per property shape."""
        out, done = [], {}
        mins = [prop for prop in props if SH.minCount in prop.constraints and int(prop.one(SH.minCount)) == 1]
        maxes = [prop for prop in props if SH.maxCount in prop.constraints]
        classes = [(prop, cls) for prop in props for cls in prop.constraints.get(SH["class"], [])]
        if len(mins) > 1:
            by_path = _group(mins, lambda prop: (prop.path,))
            query = (f"SELECT ?this ?p WHERE {{ {fp} VALUES ?p {{ {' '.join(_n3(k[0]) for k in by_path)} }} "
                     f"FILTER NOT EXISTS {{ ?this ?p ?_x }} }}")
            for f, path in self._rows(store, query):
                out.extend(self._result(prop, "MinCountConstraintComponent", f) for prop in by_path[(path,)])
            for prop in mins:
                done.setdefault(prop.node, set()).add(SH.minCount)
        if len(maxes) > 1:
            by_key = _group(maxes, lambda prop: (prop.path, int(prop.one(SH.maxCount))))
            rows = " ".join(f"({_n3(path)} {n})" for path, n in by_key)
            query = (f"SELECT ?this ?p ?n WHERE {{ {fp} VALUES (?p ?n) {{ {rows} }} ?this ?p ?_x }} "
                     f"GROUP BY ?this ?p ?n HAVING (COUNT(DISTINCT ?_x) > ?n)")
            for f, path, n in self._rows(store, query):
                out.extend(self._result(prop, "MaxCountConstraintComponent", f) for prop in by_key[(path, int(n))])
            for prop in maxes:
                done.setdefault(prop.node, set()).add(SH.maxCount)
        if len(classes) > 1:
            by_key = _group(classes, lambda pair: (pair[0].path, pair[1]))
            rows = " ".join(f"({_n3(path)} {_n3(cls)})" for path, cls in by_key)
            query = (f"SELECT DISTINCT ?this ?p ?c ?value WHERE {{ {fp} VALUES (?p ?c) {{ {rows} }} ?this ?p ?value "
                     f"FILTER NOT EXISTS {{ ?value {_TYPE}/{_SUBCLASS}* ?c }} }}")
            for f, path, cls, v in self._rows(store, query):
                out.extend(self._result(prop, "ClassConstraintComponent", f, v) for prop, _c in by_key[(path, cls)])
            for prop, _cls in classes:
                done.setdefault(prop.node, set()).add(SH["class"])
        return out, done

    def _results(self, store, shape: _Shape, focus, skip=()) -> list[Result]:
        """All results of ``shape`` on the focus nodes that ``focus(var)`` (a group pattern) binds."""
        out = []
        c = shape.constraints
        this = "?this"
        fp = focus(this)
        if shape.path is None:
            for cls in c.get(SH["class"], []):
                for (f,) in self._rows(store, f"SELECT ?this WHERE {{ {fp} {self._class_missing(this, cls)} }}"):
                    out.append(self._result(shape, "ClassConstraintComponent", f, f))
            condition = self.value_condition(shape, this)
            if condition:
                component = "LanguageInConstraintComponent"
                for (f,) in self._rows(store, f"SELECT ?this WHERE {{ {fp} FILTER(!({condition})) }}"):
                    out.append(self._result(shape, component, f, f))
            for inner in c.get(SH["not"], []):
                group = self.violation_group(self.shape(inner), this)
                for (f,) in self._rows(store, f"SELECT ?this WHERE {{ {fp} FILTER NOT EXISTS {group} }}"):
                    out.append(self._result(shape, "NotConstraintComponent", f, f))
            for members in c.get(SH["or"], []):
                tests = " && ".join(f"EXISTS {self.violation_group(self.shape(m), this)}"
                                    for m in Collection(self.shapes, members))
                for (f,) in self._rows(store, f"SELECT ?this WHERE {{ {fp} FILTER({tests}) }}"):
                    out.append(self._result(shape, "OrConstraintComponent", f, f))
            for inner in c.get(SH.node, []):
                out.extend(self._node_results(store, shape, self.shape(inner), focus, None))
            for constraint in c.get(SH.sparql, []):
                out.extend(self._sparql_results(store, shape, constraint, fp))
            props = [self.shape(prop) for prop in shape.properties]
            batched, done = self._batched(store, props, fp)
            out.extend(batched)
            for prop in props:
                out.extend(self._results(store, prop, focus, skip=done.get(prop.node, ())))
            return out
        p = _n3(shape.path)
        if SH.minCount in c and SH.minCount not in skip:
            n = int(shape.one(SH.minCount))
            if n == 1:
                query = f"SELECT ?this WHERE {{ {fp} FILTER NOT EXISTS {{ ?this {p} ?_x }} }}"
            else:
                query = (f"SELECT ?this WHERE {{ {fp} OPTIONAL {{ ?this {p} ?_x }} }} "
                         f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_x) < {n})")
            if n > 0:
                out.extend(self._result(shape, "MinCountConstraintComponent", f) for (f,) in self._rows(store, query))
        if SH.maxCount in c and SH.maxCount not in skip:
            n = int(shape.one(SH.maxCount))
            query = (f"SELECT ?this WHERE {{ {fp} ?this {p} ?_x }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_x) > {n})")
            out.extend(self._result(shape, "MaxCountConstraintComponent", f) for (f,) in self._rows(store, query))
        for cls in (c.get(SH["class"], []) if SH["class"] not in skip else []):
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {fp} ?this {p} ?value {self._class_missing('?value', cls)} }}"
            out.extend(self._result(shape, "ClassConstraintComponent", f, v) for f, v in self._rows(store, query))
        for key, component in ((SH.datatype, "DatatypeConstraintComponent"),
                               (SH.minInclusive, "MinInclusiveConstraintComponent"),
                               (SH.minLength, "MinLengthConstraintComponent"),
                               (SH.languageIn, "LanguageInConstraintComponent")):
            if key in c:
                single = SimpleNamespace(constraints={key: c[key]}, one=lambda k: c[k][0])
                condition = self.value_condition(single, "?value")
                if condition:
                    query = f"SELECT DISTINCT ?this ?value WHERE {{ {fp} ?this {p} ?value FILTER(!({condition})) }}"
                    out.extend(self._result(shape, component, f, v) for f, v in self._rows(store, query))
        if SH.hasValue in c:
            query = f"SELECT ?this WHERE {{ {fp} FILTER NOT EXISTS {{ ?this {p} {_n3(shape.one(SH.hasValue))} }} }}"
            out.extend(self._result(shape, "HasValueConstraintComponent", f) for (f,) in self._rows(store, query))
        if SH.uniqueLang in c:
            query = (f"SELECT DISTINCT ?this ?lang WHERE {{ {fp} ?this {p} ?a , ?b "
                     f"FILTER({self._same_lang('?a', '?b')}) BIND(LCASE(LANG(?a)) AS ?lang) }}")
            out.extend(self._result(shape, "UniqueLangConstraintComponent", f) for f, _l in self._rows(store, query))
        if SH.lessThan in c:
            query = (f"SELECT ?this ?value ?other WHERE {{ {fp} ?this {p} ?value . "
                     f"?this {_n3(shape.one(SH.lessThan))} ?other FILTER(!({self._less_than_ok('?value', '?other')})) }}")
            out.extend(self._result(shape, "LessThanConstraintComponent", f, v) for f, v, _o in self._rows(store, query))
        if SH.qualifiedValueShape in c:
            inner = self.violation_group(self.shape(shape.one(SH.qualifiedValueShape)), "?_q")
            query = f"SELECT ?this WHERE {{ {fp} FILTER NOT EXISTS {{ ?this {p} ?_q FILTER NOT EXISTS {inner} }} }}"
            out.extend(self._result(shape, "QualifiedMinCountConstraintComponent", f)
                       for (f,) in self._rows(store, query))
        for inner in c.get(SH.node, []):
            out.extend(self._node_results(store, shape, self.shape(inner), focus, p))
        return out

    def _node_results(self, store, shape: _Shape, inner: _Shape, focus, p: str | None) -> list[Result]:
        """sh:node: one result per (focus, value) failing ``inner``, with the inner results as details.

        The failing (focus, value) pairs come first, from one query; the inner shape's results are
        then computed on the failing values alone, and both must agree.
        """
        group = self.violation_group(inner, "?value")
        if p is None:  # node-level sh:node: the value is the focus itself
            pairs_query = f"SELECT ?this ?value WHERE {{ {focus('?this')} BIND(?this AS ?value) FILTER EXISTS {group} }}"
        else:
            pairs_query = f"SELECT DISTINCT ?this ?value WHERE {{ {focus('?this')} ?this {p} ?value FILTER EXISTS {group} }}"
        pairs = self._rows(store, pairs_query)
        if not pairs:
            return []
        failing = sorted({v for _f, v in pairs}, key=lambda term: (type(term).__name__, term.n3()))
        values = " ".join(_n3(v) for v in failing)
        inner_focus = lambda var: f"{{ VALUES {var} {{ {values} }} }}"  # noqa: E731
        details: dict = {}
        for result in self._results(store, inner, inner_focus):
            details.setdefault(result.focus, []).append(result)
        if set(details) != set(failing):
            raise Unsupported(f"sh:node {inner.node}: the failing values and the inner results disagree")
        return [self._result(shape, "NodeConstraintComponent", f, v, details=_copy(details[v])) for f, v in pairs]

    def _sparql_results(self, store, shape: _Shape, constraint, fp: str) -> list[Result]:
        text = self._sparql_text(constraint)
        start = _where_start(text)
        query = f"{text[:start]} {fp} {text[start:]}"
        try:
            solutions = store.query(query)
        except SyntaxError as error:
            raise Unsupported(f"SPARQL constraint does not parse for Oxigraph: {error}") from None
        names = [v.value for v in solutions.variables]
        try:
            rows = [{name: self._term(solution[name]) for name in names if solution[name] is not None}
                    for solution in solutions]
        except Unsupported as refusal:
            error = refusal
        else:
            error = None
        del solutions  # in this thread (pyoxigraph's iterators may not change threads)
        if error is not None:
            raise error
        extra_messages = list(self.shapes.objects(constraint, SH.message))
        seen = set()
        out = []
        for row in rows:
            this = row.pop("this", None)
            if this is None:
                raise Unsupported("a SPARQL constraint row without $this")
            key = (this, frozenset(row.items()))
            if key in seen:
                continue
            seen.add(key)
            bound = (this, None, this, row)
            messages = []
            for m in extra_messages:
                if m in shape.messages:
                    continue
                messages.append(Literal(_format_message(str(m.value), bound)) if isinstance(m, Literal) else m)
            for m in shape.messages:
                messages.append(Literal(_format_message(str(m.value), bound)) if isinstance(m, Literal) else m)
            out.append(Result(focus=this, value=this, path=None, shape=shape.node,
                              component=SH.SPARQLConstraintComponent, severity=shape.severity,
                              messages=messages, source_constraint=constraint))
        return out


def _group(items, key) -> dict:
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _copy(results: list[Result]) -> list[Result]:
    return [Result(r.focus, r.value, r.path, r.shape, r.component, r.severity, list(r.messages),
                   r.source_constraint, _copy(r.details)) for r in results]


def _format_message(message: str, bound_vars) -> str:
    """pySHACL's substitution of ``{?var}`` and ``{$var}`` in SPARQL constraint messages, to the letter."""
    this, path, value, row = bound_vars
    names = dict(row)
    if this is not None:
        names["this"] = this
    if path is not None:
        names["path"] = path
    if value is not None:
        names["value"] = value
    for var, val in names.items():
        message = re.sub("{{[?$]{}}}".format(var), str(val), message)
    return message


def _where_start(text: str) -> int:
    from spacecoop.store.inject import where_clause_start

    return where_clause_start(text)


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
    graph, _text = Validator.create_validation_report(SimpleNamespace(graph=shapes), conforms,
                                                      [triples_of(r) for r in results])
    return graph
