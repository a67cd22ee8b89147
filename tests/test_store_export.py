"""``export`` (named graph per source, sorted, atomic) and ``serve`` (a local Oxigraph, stopped on Ctrl-C)."""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from spacecoop.store.endpoint import Endpoint, EndpointError, Limits
from spacecoop.commands.export import add_parser
from spacecoop.io.serialise import GRAPH_BASE, RDF_FORMATS, graph_homes, partition, serialise
from spacecoop.io.read import parse_file
from spacecoop.io.write import compact, jsonld_context, to_jsonld, write_jsonld, write_trig
from spacecoop.namespaces import ID, SCO
from spacecoop.io.skolem import skolemise

QUERY_GRAPH = Path(__file__).parent / "fixtures" / "queries" / "graph.ttl"
SPUTNIK = URIRef(GRAPH_BASE + "source/sputnik-2017-lavochkin-china-lunar")


@pytest.fixture(scope="module")
def built() -> Graph:
    return skolemise(Graph().parse(QUERY_GRAPH))


def _graph_of(graphs: dict, pattern) -> set[str]:
    """The named graphs (without GRAPH_BASE) holding a triple that matches ``pattern`` (None: any term)."""

    def matches(triple):
        return all(want is None or want == term for want, term in zip(pattern, triple))

    return {str(name).removeprefix(GRAPH_BASE) for name, triples in graphs.items() if any(map(matches, triples))}


def test_each_source_claims_in_a_graph_of_its_own(built):
    dataset = partition(built)
    coop = ID.cooperation["lavochkin-esa-luna-glob-2017"]
    evidence = ID.evidence["sputnik-2017-lavochkin-esa"]
    assert _graph_of(dataset, (coop, SCO.status, None)) == {"source/sputnik-2017-lavochkin-china-lunar"}
    participation = next(built.objects(coop, SCO.participation))
    assert _graph_of(dataset, (participation, SCO.agent, None)) == {"source/sputnik-2017-lavochkin-china-lunar"}
    selector = next(built.objects(evidence, URIRef("http://www.w3.org/ns/oa#hasSelector")))
    assert _graph_of(dataset, (selector, None, None)) == {"source/sputnik-2017-lavochkin-china-lunar"}
    assert _graph_of(dataset, (ID.org.npolo, SCO.partnerOf, ID.org.esa)) == {"derived"}
    assert _graph_of(dataset, (ID.org.esa, RDFS.label, None)) == set()
    assert _graph_of(dataset, (ID.org.esa, SCO.gcatCode, None)) == {"backbone"}
    assert _graph_of(dataset, (SCO.partnerOf, RDFS.label, None)) == {"ontology"}
    assert _graph_of(dataset, (ID.source["sputnik-2017-lavochkin-china-lunar"], None, None)) == {"backbone"}


def test_a_claim_citing_two_sources_is_in_both_and_nothing_is_lost(built):
    graph = Graph() + built
    other = ID.evidence["other"]
    graph.add((ID.cooperation["lavochkin-esa-luna-glob-2017"], SCO.evidence, other))
    graph.add((other, URIRef("http://www.w3.org/ns/oa#hasSource"), ID.source["esa-2022-luna-terminated"]))
    dataset = partition(graph)
    coop = ID.cooperation["lavochkin-esa-luna-glob-2017"]
    assert _graph_of(dataset, (coop, SCO.status, None)) == {
        "source/sputnik-2017-lavochkin-china-lunar",
        "source/esa-2022-luna-terminated",
    }
    assert _graph_of(dataset, (coop, SCO.evidence, other)) == {"source/esa-2022-luna-terminated"}
    union = set()
    for triples in dataset.values():
        union |= set(triples)
    assert union == set(graph)


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_output_is_deterministic_and_parses_back(fmt):
    first = serialise(skolemise(Graph().parse(QUERY_GRAPH)), fmt)
    second = serialise(skolemise(Graph().parse(QUERY_GRAPH)), fmt)
    assert first == second
    if fmt in ("trig", "nq"):
        store = pyoxigraph.Store()
        store.load(first.encode(), format=pyoxigraph.RdfFormat.TRIG if fmt == "trig" else pyoxigraph.RdfFormat.N_QUADS)
        graphs = {str(g.value) for g in store.named_graphs()}
        assert {GRAPH_BASE + "backbone", GRAPH_BASE + "derived", GRAPH_BASE + "ontology", str(SPUTNIK)} <= graphs
        assert len(store) >= len(Graph().parse(QUERY_GRAPH))


def test_trig_streamed_from_ntriples_is_the_trig_written_in_memory(built, tmp_path):
    """The build writes TriG from its sorted N-Triples file (streamed, sorted on disk): the same bytes."""
    nt = tmp_path / "graph.nt"
    nt.write_text(serialise(built, "nt"), encoding="utf-8")
    write_trig(nt, graph_homes(built).line_graphs(), tmp_path / "graph.trig")
    assert (tmp_path / "graph.trig").read_text(encoding="utf-8") == serialise(built, "trig")


def _reference_jsonld(graph: Graph) -> str:
    """The documented layout, written with ``json.dumps``: a node per subject sorted by ``@id``, classes in
    ``@type``, one sorted list of value objects per property (lexical forms kept, language tags lower-cased)."""

    def node_id(term):
        return f"_:{term}" if isinstance(term, BNode) else compact(str(term))

    nodes: dict = {}
    for subject, predicate, obj in graph:
        node = nodes.setdefault(node_id(subject), {"@id": node_id(subject)})
        if predicate == RDF.type and isinstance(obj, URIRef):
            node.setdefault("@type", []).append(compact(str(obj)))
        elif not isinstance(obj, Literal):
            node.setdefault(compact(str(predicate)), []).append({"@id": node_id(obj)})
        elif obj.language:
            node.setdefault(compact(str(predicate)), []).append({"@language": obj.language.lower(), "@value": str(obj)})
        elif obj.datatype is not None and obj.datatype != XSD.string:
            node.setdefault(compact(str(predicate)), []).append(
                {"@type": compact(str(obj.datatype)), "@value": str(obj)}
            )
        else:
            node.setdefault(compact(str(predicate)), []).append({"@value": str(obj)})
    for node in nodes.values():
        for key, values in node.items():
            if key != "@id":
                values.sort(key=lambda value: json.dumps(value, sort_keys=True))
    document = {"@context": jsonld_context(), "@graph": [nodes[key] for key in sorted(nodes)]}
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_jsonld_is_its_documented_layout_in_memory_and_streamed(built, tmp_path):
    """The JSON-LD writer reads N-Triples lines as text: the same document as ``json.dumps`` of the nodes, for
    escapes, control characters, non-ASCII values sorted as ``json.dumps`` sorts them, and tags in any case."""
    graph = Graph() + built
    graph.parse(
        data='<urn:x:a> <urn:x:p> "é\\n\\"q\\"", "tab\\tand\\u0001", "zz", "ä", "b"@EN-gb, 1, "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>, <urn:x:b>, [ <urn:x:q> "x" ] .',
        format="turtle",
    )
    nt = tmp_path / "graph.nt"
    nt.write_text(serialise(graph, "nt"), encoding="utf-8")
    parsed = parse_file(nt)  # as the file states it: the escapes read back
    nt.write_text(serialise(parsed, "nt"), encoding="utf-8")  # its blank node labels, for the streamed writer
    expected = _reference_jsonld(parsed)
    assert to_jsonld(parsed) == expected
    write_jsonld(nt, tmp_path / "graph.jsonld")
    assert (tmp_path / "graph.jsonld").read_text(encoding="utf-8") == expected


def test_export_writes_atomically(tmp_path):
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    out = tmp_path / "spacecoop.trig"
    args = parser.parse_args(["export", "--format", "trig", "--out", str(out), "--data", str(QUERY_GRAPH)])
    assert args.func(args) == 0
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    assert [p.name for p in tmp_path.iterdir()] == ["spacecoop.trig"]


SERVE = textwrap.dedent("""
    import argparse, sys
    from spacecoop.commands.serve import add_parser
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(sys.argv[1:])
    sys.exit(args.func(args))
""")


def test_serve_loads_answers_and_stops_on_ctrl_c():
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--data", str(QUERY_GRAPH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        line = process.stdout.readline()
        address = re.search(r"SPARQL endpoint (\S+)", line)
        assert address, line + process.stderr.read()
        endpoint = Endpoint(address.group(1), limits=Limits(connect=2, total=10, retries=0))
        subjects = {str(s) for s in Graph().parse(QUERY_GRAPH).subjects() if isinstance(s, URIRef)}
        served = {str(row[0]) for row in endpoint.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }").rows}
        assert subjects <= served
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in a terminal: the whole foreground group
        assert process.wait(30) == 0
        with pytest.raises(EndpointError) as caught:
            endpoint.select("ASK { ?s ?p ?o }")
        assert caught.value.kind == "unreachable", "the server stopped"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
