"""Validation against the SpaceCoop shapes and the ``*-violation`` checks, with a report a curator can act on.

``spacecoop validate PATH…`` validates files (together with the ontology and vocabularies, so
that subclasses and concept schemes are known) and prints the results grouped by shape, each
with its focus node, path, value and message. Exit 0 conforms (warnings allowed), 1 violations,
2 error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from spacecoop.errors import SpaceCoopError
from spacecoop.io.read import load_ontology, parse_file, parse_files
from spacecoop.namespaces import bind_prefixes
from spacecoop.io.paths import CHECKS_DIR, SHAPES_FILE
from spacecoop.build.skolem import skolemise

__all__ = ["ENGINES", "Finding", "Report", "validate_graph", "report_from_graph", "load_shapes", "run_checks", "add_parser"]

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Finding:
    """One result: which shape, on which node and path, with which value, how severe and why."""

    severity: str
    shape: str
    focus: str
    path: str
    value: str
    message: str


@dataclass
class Report:
    """All findings of one validation, with the report graph pySHACL produced."""

    findings: list[Finding] = field(default_factory=list)
    graph: Graph | None = None

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings are allowed)."""
        return not self.violations

    def by_shape(self) -> dict[str, list[Finding]]:
        groups: dict[str, list[Finding]] = defaultdict(list)
        for finding in sorted(self.findings):
            groups[finding.shape].append(finding)
        return dict(groups)

    def as_text(self) -> str:
        lines = [f"Conforms: {self.conforms} ({len(self.violations)} violations, {len(self.warnings)} warnings)"]
        for shape, findings in self.by_shape().items():
            lines.append(f"\n{shape} — {len(findings)} result(s)")
            for f in findings:
                lines.append(f"  [{f.severity}] {f.focus}")
                if f.path:
                    lines.append(f"      path:  {f.path}")
                if f.value:
                    lines.append(f"      value: {f.value}")
                lines.append(f"      {f.message}")
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps(
            {"conforms": self.conforms, "violations": len(self.violations), "warnings": len(self.warnings),
             "results": [asdict(f) for f in sorted(self.findings)]},
            indent=2, ensure_ascii=False,
        )


def load_shapes() -> Graph:
    """The shapes graph."""
    return parse_file(SHAPES_FILE)


def _shape_name(shapes: Graph, shape) -> str:
    """The IRI of the node shape a (possibly anonymous property) shape belongs to."""
    if isinstance(shape, URIRef):
        return shapes.namespace_manager.normalizeUri(shape)
    for parent in shapes.subjects(SH.property, shape):
        return _shape_name(shapes, parent)
    for parent in shapes.subjects(SH.sparql, shape):
        return _shape_name(shapes, parent)
    return str(shape)


def _term(graph: Graph, term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return graph.namespace_manager.normalizeUri(term)
    if isinstance(term, Literal):
        return term.n3(graph.namespace_manager)
    return str(term)


ENGINES = ("auto", "fast", "pyshacl")


def validate_graph(data: Graph | None, shapes: Graph | None = None, engine: str = "auto", store=None) -> Report:
    """Validate ``data`` (which must include the ontology and vocabularies) against the shapes.

    ``engine="pyshacl"`` is the reference. ``"fast"`` compiles the shapes to SPARQL and runs them on
    Oxigraph (:mod:`spacecoop.validation.compiler`): the same report, or an error when the shapes or the
    data use something it does not compile. ``"auto"`` (the default) takes the fast path and falls
    back to pySHACL whenever the fast path refuses. ``store``: the same triples in an Oxigraph
    :class:`~spacecoop.store.knowledge.KnowledgeStore`, which the fast path then uses; ``data`` may then be None
    (an rdflib copy of the store is made only if pySHACL has to run).
    """
    shapes = shapes if shapes is not None else load_shapes()
    if engine not in ENGINES:
        raise SpaceCoopError(f"unknown validation engine {engine!r}: use one of {', '.join(ENGINES)}")
    names = data if data is not None else bind_prefixes(Graph(bind_namespaces="core"))
    if engine != "pyshacl":
        from spacecoop.validation.compiler import FastValidator, Unsupported, report_graph

        try:
            validator = FastValidator(shapes)
            found = validator.validate_graph(data) if store is None else \
                validator.validate_store(store.store, store.explicit_strings)
            results = report_graph(shapes, found)
        except Unsupported as refusal:
            if engine == "fast":
                raise SpaceCoopError(f"the fast validator refuses: {refusal} (use --engine pyshacl)") from None
        else:
            return report_from_graph(results, shapes, names)
    data = data if data is not None else store.to_rdflib()
    try:
        _conforms, results, _text = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
        )
    except ReportableRuntimeError as error:
        raise SpaceCoopError(f"the shapes cannot be applied: {error.message}") from None
    return report_from_graph(results, shapes, data)


def report_from_graph(results: Graph, shapes: Graph, data: Graph) -> Report:
    """The findings of a SHACL report graph; terms are written with ``data``'s prefixes."""
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        findings.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1],
            shape=_shape_name(shapes, results.value(result, SH.sourceShape)),
            focus=_term(data, results.value(result, SH.focusNode)),
            path=_term(data, results.value(result, SH.resultPath)),
            value=_term(data, results.value(result, SH.value)),
            message=" ".join(str(m) for m in results.objects(result, SH.resultMessage)),
        ))
    return Report(findings=findings, graph=bind_prefixes(results))


def run_checks(source, checks_dir: Path = CHECKS_DIR) -> list[Finding]:
    """Run every ``*-violation.rq`` query on ``source`` (an rdflib graph or a
    :class:`~spacecoop.store.knowledge.KnowledgeStore`); each row it returns is a violation."""
    names = source if isinstance(source, Graph) else bind_prefixes(Graph(bind_namespaces="core"))
    findings = []
    for check in sorted(checks_dir.glob("*-violation.rq")):
        for row in source.query(check.read_text(encoding="utf-8")):
            values = [_term(names, value) for value in row]
            findings.append(Finding("Violation", f"check:{check.stem}", values[0] if values else "",
                                    "", " ".join(values[1:]), f"{check.name} returned this row"))
    return findings


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate", help="validate RDF files against the SpaceCoop shapes",
        description="Validate Turtle, N-Triples or JSON-LD files, together with the ontology and "
                    "vocabularies, against ontology/shapes.ttl. Exit 0 conforms, 1 violations, 2 error.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--format", choices=("text", "turtle", "json"), default="text")
    parser.add_argument("--engine", choices=ENGINES, default="auto",
                        help="pyshacl (the reference), fast (shapes compiled to SPARQL on Oxigraph, same report) "
                             "or auto (fast, falling back to pySHACL where it refuses; the default)")
    parser.add_argument("--backend", choices=("auto", "rdflib", "oxigraph"), default="auto",
                        help="where the files are loaded: rdflib (strict literal checks), oxigraph (millions of "
                             "triples; ill-typed literals are left to the shapes) or auto (oxigraph above 2 MB)")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from spacecoop.store.knowledge import choose_backend

    if choose_backend(args.paths, args.backend) == "oxigraph":
        from spacecoop.build.scale import load_store, validate_store

        report = validate_store(load_store(args.paths), engine=args.engine)
    else:
        report = validate_graph(skolemise(parse_files(args.paths, load_ontology())), engine=args.engine)
    if args.format == "text":
        print(report.as_text())
    elif args.format == "json":
        print(report.as_json())
    else:
        sys.stdout.write(report.graph.serialize(format="longturtle"))
    return 0 if report.conforms else 1
