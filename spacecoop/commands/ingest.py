"""The ``ingest``, ``review`` and ``accept`` subcommands.

``spacecoop ingest ARTICLE.txt --published 2017-06-08 --publisher Sputnik --out candidates.ttl`` reads a
news article (never fetching anything) into candidate claims; ``spacecoop review candidates.ttl`` lists
them for a curator; ``spacecoop accept candidates.ttl ID… --into graph/news/FILE.ttl`` promotes the
accepted ones into the curated graph.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from spacecoop.errors import SpaceCoopError
from spacecoop.ingest.article import MAX_ARTICLE_BYTES, read_article
from spacecoop.ingest.candidates import candidate_graph, candidates_json, describe_source
from spacecoop.ingest.extract import extract
from spacecoop.ingest.gazetteer import Gazetteer, load_knowledge_graph
from spacecoop.ingest.review import accept, review_listing
from spacecoop.commands.argtypes import iso_date
from spacecoop.io.read import parse_file
from spacecoop.io.outputs import check_output, write_atomic
from spacecoop.io.write import to_turtle

__all__ = ["add_parser", "ingest_file"]


def add_parser(subparsers) -> None:
    """Register ``ingest``, ``review`` and ``accept``."""
    parser = subparsers.add_parser(
        "ingest",
        help="read a news article into sourced candidate claims",
        description="Read a space-news article (UTF-8 text, at most "
        f"{MAX_ARTICLE_BYTES:,} bytes; nothing is fetched) into candidate cooperation claims in the "
        "SpaceCoop model, linked to the knowledge graph's names. Exit 0 success, 2 bad input.",
    )
    parser.add_argument("article", type=Path, metavar="ARTICLE", help="the article as a plain-text file (UTF-8)")
    parser.add_argument("--url", help="where the article was published (schema:url)")
    parser.add_argument(
        "--published",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="publication date; relative dates are resolved against it (default: the first date "
        "printed at the top of the text)",
    )
    parser.add_argument("--publisher", metavar="NAME", help="the news outlet (default: 'Unknown publisher')")
    parser.add_argument(
        "--source-id",
        metavar="SLUG",
        help="slug of the article's IRI, source:SLUG, e.g. one already curated (default: the file name)",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here (atomically) instead of to stdout")
    parser.add_argument(
        "--format",
        choices=("turtle", "json", "review"),
        default="turtle",
        help="the candidates as Turtle (the default), JSON, or a review sheet to read",
    )
    parser.add_argument(
        "--graph",
        type=Path,
        action="append",
        metavar="PATH",
        help="Turtle file or folder whose names are linked (repeatable; default: ontology/ and graph/)",
    )
    parser.set_defaults(func=_run_ingest)

    review = subparsers.add_parser(
        "review",
        help="list candidate claims for a curator",
        description="List the candidates of a file written by `spacecoop ingest`: id, "
        "type, status, participants, quote, confidence.",
    )
    review.add_argument(
        "candidates",
        type=Path,
        metavar="CANDIDATES",
        help="the candidate claims that `spacecoop ingest` wrote (Turtle)",
    )
    review.set_defaults(func=_run_review)

    promote = subparsers.add_parser(
        "accept",
        help="promote accepted candidates into a curated file",
        description="Copy the candidates with the given ids (as `spacecoop review` lists them), with their "
        "evidence, source and proposed entities, into a curated Turtle file (created or merged). "
        "sco:confidence is dropped; sco:extractedBy stays as provenance.",
    )
    promote.add_argument(
        "candidates",
        type=Path,
        metavar="CANDIDATES",
        help="the candidate claims that `spacecoop ingest` wrote (Turtle)",
    )
    promote.add_argument("ids", nargs="+", metavar="ID", help="the candidates to accept, as `review` lists them")
    promote.add_argument("--into", type=Path, required=True, metavar="FILE", help="e.g. graph/news/FILE.ttl")
    promote.set_defaults(func=_run_accept)


def ingest_file(
    path: Path,
    gazetteer: Gazetteer,
    *,
    published: date | None = None,
    publisher: str | None = None,
    url: str | None = None,
    source_id: str | None = None,
    output: str = "turtle",
) -> str:
    """Read the article at ``path`` and return its candidates as Turtle, JSON or a review listing."""
    text = read_article(path)
    source = describe_source(path, text, published=published, publisher=publisher, url=url, source_id=source_id)
    extraction = extract(text, source.published, gazetteer)
    if output == "json":
        return candidates_json(extraction, source)
    graph = candidate_graph(extraction, source)
    return review_listing(graph) + "\n" if output == "review" else to_turtle(graph)


def _run_ingest(args: argparse.Namespace) -> int:
    inputs = [args.article, *(args.graph or [])]
    if args.out:
        check_output(args.out, inputs)  # before the work: never the article itself, never a device
    read_article(args.article)  # fail on bad input before loading the graph
    gazetteer = Gazetteer.from_graph(load_knowledge_graph(args.graph))
    if not gazetteer.entities:
        print(
            "spacecoop ingest: warning: the knowledge graph names nothing; entities are only proposed", file=sys.stderr
        )
    result = ingest_file(
        args.article,
        gazetteer,
        published=args.published,
        publisher=args.publisher,
        url=args.url,
        source_id=args.source_id,
        output=args.format,
    )
    if args.out:
        write_atomic(args.out, result, inputs)
    else:
        sys.stdout.write(result)
    return 0


def _run_review(args: argparse.Namespace) -> int:
    print(review_listing(parse_file(args.candidates)))
    return 0


def _run_accept(args: argparse.Namespace) -> int:
    if not args.candidates.exists():
        raise SpaceCoopError("no such file", path=str(args.candidates))
    count = accept(args.candidates, args.ids, args.into)
    print(f"accepted {count} candidate(s) into {args.into}")
    return 0
