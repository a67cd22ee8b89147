"""``spacecoop export --format FMT [--out FILE] [--data FILE]``: the built graph (or ``--data``) as Turtle,
N-Triples, JSON-LD, TriG or N-Quads — sorted, and written atomically (a temporary file renamed into place).
TriG and N-Quads put each source's claims in a named graph of its own (:mod:`spacecoop.io.serialise`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spacecoop.build.built import choose_engine, graph_from, store_from
from spacecoop.io.serialise import RDF_FORMATS, serialise
from spacecoop.io.outputs import check_output, write_atomic

__all__ = ["add_parser"]


def _run(args: argparse.Namespace) -> int:
    inputs = [Path(args.data)] if args.data else []
    if args.out:
        check_output(Path(args.out), inputs)  # before the work, not after
    if args.format in ("nt", "ttl") and choose_engine(args.data) == "oxigraph":
        # a file of millions of triples: Oxigraph reads it and writes it (numbers in canonical form)
        store = store_from(args.data)
        if args.out and args.format == "nt":
            store.write_ntriples(check_output(Path(args.out), inputs))  # sorted on disk
            return 0
        data = store.serialise("nt" if args.format == "nt" else "turtle")
        if args.out:
            write_atomic(Path(args.out), data, inputs)
        else:
            sys.stdout.buffer.write(data)
        return 0
    text = serialise(graph_from(args.data), args.format)
    if args.out:
        write_atomic(Path(args.out), text, inputs)
    else:
        sys.stdout.write(text)
    return 0


def add_parser(subparsers) -> None:
    """Register ``spacecoop export``."""
    parser = subparsers.add_parser(
        "export",
        help="write the built graph as ttl, nt, jsonld, trig or nq (sorted; named graph per source)",
        description="Serialise the built graph. TriG and N-Quads put each source's claims in a named graph "
        "of its own (see docs/stores.md). Output is sorted; --out is written atomically.",
    )
    parser.add_argument("--format", choices=RDF_FORMATS, required=True, help="the RDF syntax to write")
    parser.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    parser.add_argument("--data", metavar="FILE", help="export this RDF file instead of the built graph")
    parser.set_defaults(func=_run)
