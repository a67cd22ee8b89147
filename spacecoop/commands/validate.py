"""``spacecoop validate PATH…``: validate files (together with the ontology and vocabularies, so that
subclasses and concept schemes are known) and print the results grouped by shape, each with its focus node,
path, value and message. The files are loaded as the build loads them (:func:`spacecoop.build.pipeline.load_store`:
strictly, into Oxigraph, blank nodes skolemised) at any size. Exit 0 conforms (warnings allowed), 1
violations, 2 error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spacecoop.build.pipeline import load_store
from spacecoop.validation.shacl import ENGINES, validate_graph

__all__ = ["add_parser"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="validate RDF files against the SpaceCoop shapes",
        description="Validate Turtle, N-Triples or JSON-LD files, together with the ontology and "
        "vocabularies, against ontology/shapes.ttl. Exit 0 conforms, 1 violations, 2 error.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="RDF files to validate (Turtle, N-Triples, TriG, N-Quads or JSON-LD)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "turtle", "json"),
        default="text",
        help="the report as text (the default), a SHACL report graph in Turtle, or JSON",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="pyshacl (the reference), fast (shapes compiled to SPARQL on Oxigraph, same report) "
        "or auto (fast, falling back to pySHACL where it refuses; the default)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    report = validate_graph(None, engine=args.engine, store=load_store(args.paths))
    if args.format == "text":
        print(report.as_text())
    elif args.format == "json":
        print(report.as_json())
    else:
        sys.stdout.write(report.graph.serialize(format="longturtle"))
    return 0 if report.conforms else 1
