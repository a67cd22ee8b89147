"""``spacecoop site``: write the web pages of the graph as static files (:mod:`spacecoop.web.site`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser"]


def _run(args: argparse.Namespace) -> int:
    from spacecoop.build.built import built_store, store_from
    from spacecoop.web.app import WebApp
    from spacecoop.web.site import write_site
    from spacecoop.web.source import LocalSource

    graph = store_from(args.data) if args.data else built_store()
    app = WebApp(LocalSource(graph, add_ontology=bool(args.data)))

    def progress(done: int, total: int) -> None:
        print(f"  {done}/{total} entities", file=sys.stderr, flush=True)

    stats = write_site(app, Path(args.out), progress=None if args.quiet else progress)
    print(f"Wrote {stats.pages} pages ({stats.files} files) to {args.out} in {stats.seconds:.1f} s")
    return 0


def add_parser(subparsers) -> None:
    """Register ``spacecoop site``."""
    parser = subparsers.add_parser(
        "site",
        help="write every entity page, with its RDF, as static files",
        description="Write the pages of spacecoop serve as static files (for any web server or GitHub Pages): "
        "one HTML page per entity with its Turtle, N-Triples and JSON-LD beside it, the ontology, "
        "the search and the query library. OUT is replaced whole when the run succeeds.",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write (replaced)")
    parser.add_argument("--data", metavar="FILE", help="the pages of this RDF file instead of the built graph")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    parser.set_defaults(func=_run)
