"""Validation against the SpaceCoop shapes and the ``*-violation`` checks, with a report a curator can act on.

``spacecoop validate PATH…`` (:mod:`spacecoop.commands.validate`) validates files with them and prints the
results grouped by shape, each with its focus node, path, value and message.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from spacecoop.errors import SpaceCoopError
from spacecoop.io.read import parse_file
from spacecoop.namespaces import bind_prefixes
from spacecoop.io.paths import CHECKS_DIR, SHAPES_FILE

__all__ = ["ENGINES", "Finding", "Report", "validate_graph", "report_from_graph", "load_shapes", "run_checks"]

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
    """All findings of one validation, with the report graph. ``fallbacks``: the shapes pySHACL validated
    under ``engine="auto"`` because the compiled shapes refused them, each with why (empty when the compiled
    shapes validated everything, or pySHACL was asked for)."""

    findings: list[Finding] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)
    fallbacks: dict[str, str] = field(default_factory=dict)

    @property
    def fallback(self) -> str:
        """The fallbacks in one line: ``shape (why); …``."""
        return "; ".join(f"{shape} ({why})" for shape, why in sorted(self.fallbacks.items()))

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
        if self.fallback:
            lines.append(f"Validated by pySHACL: {self.fallback}")
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
        fallback = {"fallback": dict(sorted(self.fallbacks.items()))} if self.fallbacks else {}
        return json.dumps(
            {
                "conforms": self.conforms,
                "violations": len(self.violations),
                "warnings": len(self.warnings),
                **fallback,
                "results": [asdict(f) for f in sorted(self.findings)],
            },
            indent=2,
            ensure_ascii=False,
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
    Oxigraph (:mod:`spacecoop.validation.compiler`): the same report, or an error when a shape or the data
    use something it does not compile. ``"auto"`` (the default) runs the compiled shapes and validates the
    shapes they refuse with pySHACL — those shapes only, or every shape when the data itself is refused —
    and names each with why in :attr:`Report.fallbacks`. ``store``: the same triples in an Oxigraph
    :class:`~spacecoop.store.knowledge.KnowledgeStore`, which the compiled shapes then use; ``data`` may then
    be None (an rdflib copy of the store is made only if pySHACL has to run).
    """
    shapes = shapes if shapes is not None else load_shapes()
    if engine not in ENGINES:
        raise SpaceCoopError(f"unknown validation engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "pyshacl":
        return _pyshacl(data if data is not None else store.to_rdflib(), shapes)
    from spacecoop.validation.compiler import FastValidator, Unsupported, report_graph

    validator = FastValidator(shapes)
    try:
        found = (
            validator.validate_graph(data)
            if store is None
            else validator.validate_store(store.to_oxigraph(), store.explicit_strings)
        )
    except Unsupported as refusal:  # the data as a whole
        if engine == "fast":
            raise SpaceCoopError(f"the fast validator refuses the data: {refusal} (use --engine pyshacl)") from None
        report = _pyshacl(data if data is not None else store.to_rdflib(), shapes)
        report.fallbacks = {"every shape": f"the data: {refusal}"}
        return report
    refused = {_shape_name(shapes, shape): why for shape, why in validator.refused.items()}
    if refused and engine == "fast":
        shape, why = min(refused.items())
        raise SpaceCoopError(f"the fast validator refuses {shape}: {why} (use --engine pyshacl)")
    names = data if data is not None else bind_prefixes(Graph(bind_namespaces="core"))
    report = report_from_graph(report_graph(shapes, found), shapes, names)
    if refused:
        data = data if data is not None else store.to_rdflib()
        if all(isinstance(shape, URIRef) for shape in validator.refused):
            extra = _pyshacl(data, shapes, [str(shape) for shape in validator.refused])
            report = Report(report.findings + extra.findings, _merged(report.graph, extra.graph))
        else:  # pySHACL takes shapes by IRI: an anonymous one is validated with all the others
            report = _pyshacl(data, shapes)
            refused["every shape"] = "a refused shape is a blank node, which pySHACL cannot be asked for alone"
        report.fallbacks = refused
    return report


def _pyshacl(data: Graph, shapes: Graph, use_shapes: list[str] | None = None) -> Report:
    """pySHACL's report on ``data``, with every shape or the shapes ``use_shapes`` names."""
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    try:
        _conforms, results, _text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            use_shapes=use_shapes,
        )
    except ReportableRuntimeError as error:
        raise SpaceCoopError(f"the shapes cannot be applied: {error.message}") from None
    return report_from_graph(results, shapes, data)


def _merged(first: Graph, second: Graph) -> Graph:
    """Two validation report graphs as one: one ``sh:ValidationReport`` holding the results of both."""
    merged = bind_prefixes(Graph(bind_namespaces="core"))
    report = first.value(None, RDF.type, SH.ValidationReport)
    other = second.value(None, RDF.type, SH.ValidationReport)
    conforms = all(
        bool(graph.value(node, SH.conforms).toPython()) for graph, node in ((first, report), (second, other))
    )
    for s, p, o in first:
        if not (s == report and p == SH.conforms):
            merged.add((s, p, o))
    for s, p, o in second:
        if s == other:
            if p == SH.result:
                merged.add((report, p, o))
        else:
            merged.add((s, p, o))
    merged.add((report, SH.conforms, Literal(conforms)))
    return merged


def report_from_graph(results: Graph, shapes: Graph, data: Graph) -> Report:
    """The findings of a SHACL report graph; terms are written with ``data``'s prefixes."""
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1],
                shape=_shape_name(shapes, results.value(result, SH.sourceShape)),
                focus=_term(data, results.value(result, SH.focusNode)),
                path=_term(data, results.value(result, SH.resultPath)),
                value=_term(data, results.value(result, SH.value)),
                message=" ".join(str(m) for m in results.objects(result, SH.resultMessage)),
            )
        )
    return Report(findings=findings, graph=bind_prefixes(results))


def run_checks(source, checks_dir: Path = CHECKS_DIR) -> list[Finding]:
    """Run every ``*-violation.rq`` query on ``source`` (an rdflib graph or a
    :class:`~spacecoop.store.knowledge.KnowledgeStore`); each row it returns is a violation."""
    names = source if isinstance(source, Graph) else bind_prefixes(Graph(bind_namespaces="core"))
    findings = []
    for check in sorted(checks_dir.glob("*-violation.rq")):
        for row in source.query(check.read_text(encoding="utf-8")):
            values = [_term(names, value) for value in row]
            findings.append(
                Finding(
                    "Violation",
                    f"check:{check.stem}",
                    values[0] if values else "",
                    "",
                    " ".join(values[1:]),
                    f"{check.name} returned this row",
                )
            )
    return findings
