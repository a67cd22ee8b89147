"""Review candidates and accept the good ones into ``graph/``.

A curator reads the listing (id, type, status, participants, quote, confidence) and accepts claims by
id. Accepting copies each chosen claim with everything it rests on that the candidates file describes
(participations, evidence and quote, the source and its publisher, proposed people, posts,
organisations and missions it names) into a curated file, where it becomes a curated claim with the
article as its source.

What is kept of the machine extraction: ``sco:extractedBy`` stays on the claim and its evidence, as
provenance (which software found the quote; it is a ``prov:wasAttributedTo``); ``sco:confidence`` is
dropped, since the curator's acceptance replaces the machine's guess.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from rdflib import Graph, URIRef

from spacecoop.errors import SpaceCoopError
from spacecoop.io.read import parse_file
from spacecoop.namespaces import OA, RDF, SCO, SKOS, bind_prefixes
from spacecoop.io.outputs import check_output, write_atomic
from spacecoop.io.write import to_jsonld, to_ntriples, to_turtle

__all__ = ["CANDIDATE_CLASSES", "review_listing", "accept"]

CANDIDATE_CLASSES = (SCO.Cooperation, SCO.Designation, SCO.Plan, SCO.Milestone, SCO.Similarity)
"""The kinds of claim a curator accepts by id."""

_DROPPED = (SCO.confidence,)


def _short(graph: Graph, term) -> str:
    return graph.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)


def _candidates(graph: Graph) -> list[URIRef]:
    """Cooperation claims, then the other claims (designations, plans, milestones, likeness), in sentence order."""

    def order(node):
        sentence = re.search(r"-s(\d+)(?:-|$)", str(node))
        return ((node, RDF.type, SCO.Cooperation) not in graph, int(sentence.group(1)) if sentence else -1, str(node))

    return sorted(
        {s for klass in CANDIDATE_CLASSES for s in graph.subjects(RDF.type, klass) if isinstance(s, URIRef)}, key=order
    )


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def review_listing(graph: Graph, width: int = 100) -> str:
    """A plain-text listing of the candidates in ``graph``, one block per claim.

    >>> g = Graph().parse(data='''@prefix sco: <https://w3id.org/spacecoop/ontology#> .
    ... <https://w3id.org/spacecoop/id/claim/a-s2-name-luna-29> a sco:Designation ;
    ...   sco:name "Luna-Grunt"@en ; sco:designates <https://w3id.org/spacecoop/id/mission/luna-29> .''', format="turtle")
    >>> print(review_listing(g))
    a-s2-name-luna-29  designation  'Luna-Grunt' = mission:luna-29  confidence -
    <BLANKLINE>
    1 candidate(s)
    """
    bind_prefixes(graph)
    blocks = []
    for node in _candidates(graph):
        confidence = graph.value(node, SCO.confidence)
        quote = next(
            (
                str(q)
                for e in graph.objects(node, SCO.evidence)
                for s in graph.objects(e, OA.hasSelector)
                for q in graph.objects(s, OA.exact)
            ),
            "",
        )
        if (node, RDF.type, SCO.Cooperation) in graph:
            parties = []
            for participation in sorted(graph.objects(node, SCO.participation)):
                agent, role = graph.value(participation, SCO.agent), graph.value(participation, SCO.role)
                parties.append(f"{_short(graph, agent)} ({_local(role)})")
            head = (
                f"{_local(node)}  {_local(graph.value(node, SCO.cooperationType))}  "
                f"status {_local(graph.value(node, SCO.status))}  modality {_local(graph.value(node, SCO.modality))}  "
                f"confidence {confidence if confidence is not None else '-'}"
            )
            lines = [head, f"    participants: {', '.join(parties)}"]
            concerns = sorted(_short(graph, c) for c in graph.objects(node, SCO.concerns))
            if concerns:
                lines.append(f"    concerns: {', '.join(concerns)}")
        elif (node, RDF.type, SCO.Designation) in graph:
            lines = [
                f"{_local(node)}  designation  '{graph.value(node, SCO.name)}' = "
                f"{_short(graph, graph.value(node, SCO.designates))}  "
                f"confidence {confidence if confidence is not None else '-'}"
            ]
        else:
            kind = next(
                k
                for k, c in (("similarity", SCO.Similarity), ("plan", SCO.Plan), ("milestone", SCO.Milestone))
                if (node, RDF.type, c) in graph
            )
            lines = [
                f"{_local(node)}  {kind}  {graph.value(node, SKOS.prefLabel)}  "
                f"confidence {confidence if confidence is not None else '-'}"
            ]
        if quote:
            lines += textwrap.wrap(f"“{quote}”", width=width, initial_indent="    ", subsequent_indent="     ")
        blocks.append("\n".join(lines))
    blocks.append(f"{len(blocks)} candidate(s)")
    return "\n\n".join(blocks)


def _resolve_ids(graph: Graph, ids: list[str]) -> list[URIRef]:
    """The candidates named by ``ids``: their local ids, full IRIs or ``coop:``/``claim:`` names."""
    candidates = _candidates(graph)
    by_name = {}
    for candidate in candidates:
        by_name[_local(candidate)] = candidate
        by_name[str(candidate)] = candidate
        by_name[_short(graph, candidate)] = candidate
    unknown = [given for given in ids if given not in by_name]
    if unknown:
        raise SpaceCoopError(f"no candidate with id {', '.join(unknown)} (see `spacecoop review`)")
    return [by_name[given] for given in ids]


def _closure(graph: Graph, roots: list[URIRef]) -> Graph:
    """The roots' triples and those of every node they lead to that the file describes (not other claims)."""
    out = Graph()
    others = set(_candidates(graph)) - set(roots)
    todo, seen = list(roots), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for _, predicate, value in graph.triples((node, None, None)):
            if predicate in _DROPPED:
                continue
            out.add((node, predicate, value))
            if (
                isinstance(value, URIRef)
                and predicate != RDF.type
                and value not in others
                and (value, None, None) in graph
            ):
                todo.append(value)
    return out


ACCEPT_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}
"""The files ``accept --into`` writes, by suffix: each in the format its suffix promises."""


def accept(candidates_path: Path, ids: list[str], into: Path) -> int:
    """Copy the candidates ``ids`` of ``candidates_path`` into the curated file ``into``; return how many.

    An existing Turtle or N-Triples file keeps its text, comments included: the new triples (those it
    does not hold yet) are appended as a block of their own. A JSON-LD file is rewritten as JSON-LD
    (JSON has no comments). Another suffix is refused before anything is read.
    """
    into = Path(into)
    suffix = into.suffix.lower()
    if suffix not in ACCEPT_FORMATS:
        raise SpaceCoopError(
            f"accept writes Turtle, N-Triples or JSON-LD ({', '.join(sorted(ACCEPT_FORMATS))}), "
            f"not {suffix or 'a file without a suffix'}",
            path=str(into),
        )
    check_output(into, [candidates_path])
    graph = parse_file(Path(candidates_path))
    chosen = _resolve_ids(graph, ids)
    kept = _closure(graph, chosen)
    exists = into.exists()
    target = parse_file(into) if exists else bind_prefixes(Graph(bind_namespaces="core"))
    new = bind_prefixes(Graph(bind_namespaces="core"))
    for triple in kept:
        if triple not in target:
            new.add(triple)
    if ACCEPT_FORMATS[suffix] == "json-ld":
        target += new
        write_atomic(into, to_jsonld(target), [candidates_path])
    elif not exists:
        write_atomic(into, to_turtle(new) if suffix == ".ttl" else to_ntriples(new), [candidates_path])
    elif len(new):
        text = into.read_text(encoding="utf-8-sig")
        addition = _turtle_block(new, text) if suffix == ".ttl" else to_ntriples(new)
        write_atomic(into, text + ("" if text.endswith("\n") else "\n") + addition, [candidates_path])
    return len(chosen)


def _turtle_block(new: Graph, existing: str) -> str:
    """The Turtle of ``new`` to append to the text ``existing``: its ``@prefix`` lines that ``existing``
    already declares the same way are left out (Turtle allows the others mid-file)."""
    declared = set(re.findall(r"(?m)^\s*@prefix\s+\S*:\s*<[^>]*>\s*\.", existing))
    lines = [
        line
        for line in to_turtle(new).splitlines()
        if not (line.startswith("@prefix") and " ".join(line.split()) in {" ".join(d.split()) for d in declared})
    ]
    return "\n# accepted from candidates\n" + "\n".join(lines).strip("\n") + "\n"
