"""One in-process store API over rdflib's memory store (small graphs) and ``pyoxigraph.Store`` (large).

:class:`KnowledgeStore` loads files strictly, runs SELECT/ASK/CONSTRUCT queries with parameters bound as
data, adds graphs, serialises deterministically, and converts to an rdflib graph when a tool needs one
(pySHACL, rdflib's serialisers). ``backend="auto"`` picks rdflib below :data:`AUTO_THRESHOLD_BYTES` of
input and Oxigraph above it (measured: docs/performance.md).

Each backend parses with its own parser (notes/engines.md, trap 1): rdflib's parsers for the rdflib
store, Oxigraph's parsers for the Oxigraph store; rows come back as rdflib terms, and an Oxigraph
``xsd:string`` literal comes back as a plain literal, as rdflib's parsers make it.

>>> from spacecoop.io.paths import ONTOLOGY_DIR
>>> for backend in ("rdflib", "oxigraph"):
...     store = KnowledgeStore.from_files([ONTOLOGY_DIR / "vocab" / "statuses.ttl"], backend=backend)
...     rows = store.query("SELECT ?c WHERE { ?c ?p ?who }", {"who": Literal("The SpaceCoop contributors")}).rows
...     print(backend, len(store) > 50, [str(c) for (c,) in rows])
rdflib True ['https://w3id.org/spacecoop/vocab/status']
oxigraph True ['https://w3id.org/spacecoop/vocab/status']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from spacecoop.errors import SpaceCoopError
from spacecoop.store.inject import inject_values
from spacecoop.io.read import load_checked, parse_file, rdf_format, read_quads
from spacecoop.io.skolem import skolemise as skolemise_graph, skolemise_quads
from spacecoop.io.terms import XSD_STRING, from_ox, to_ox
from spacecoop.io.write import turtle_from_ntriples
from spacecoop.namespaces import bind_prefixes

__all__ = [
    "AUTO_THRESHOLD_BYTES",
    "BACKENDS",
    "MAX_STORE_FILE_BYTES",
    "KnowledgeStore",
    "QueryRows",
    "choose_backend",
    "to_ox",
    "from_ox",
    "graph_to_oxigraph",
]

#: Inputs larger than this go to Oxigraph under ``backend="auto"`` (see docs/performance.md).
AUTO_THRESHOLD_BYTES = 2_000_000
#: The largest file loaded into an in-memory Oxigraph store: the store takes about 3.5 bytes of memory
#: per byte of N-Triples (10M triples: a 1.5 GB file, 5.3 GB of memory), so 5 GB is about 17 GB.
MAX_STORE_FILE_BYTES = 5_000_000_000
BACKENDS = ("auto", "rdflib", "oxigraph")

_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


def graph_to_oxigraph(graph: Graph, store: ox.Store | None = None, explicit_strings: set | None = None) -> ox.Store:
    """Copy an rdflib graph into a (new) in-memory Oxigraph store.

    Oxigraph, as RDF 1.1, does not tell ``"x"`` from ``"x"^^xsd:string``; rdflib does. The lexical
    forms of the explicit ``xsd:string`` literals are added to ``explicit_strings`` when it is given.
    """
    store = store if store is not None else ox.Store()
    cache: dict = {}
    xsd_string = XSD.string

    def convert(term):
        converted = cache.get(term)
        if converted is None:
            converted = cache[term] = to_ox(term)
            if explicit_strings is not None and isinstance(term, Literal) and term.datatype == xsd_string:
                explicit_strings.add(str(term))
        return converted

    store.bulk_extend(ox.Quad(convert(s), convert(p), convert(o)) for s, p, o in graph)
    return store


def _normal(term):
    """A pyoxigraph term in the normal form of :func:`spacecoop.store.results.normalise` (lexical forms kept)."""
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language.lower())
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    return from_ox(term)


@dataclass
class QueryRows:
    """Rows of a SELECT (``vars`` and tuples of rdflib terms, None when unbound) or an ASK answer."""

    vars: list[str]
    rows: list[tuple]
    boolean: bool | None = None

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


def choose_backend(paths: Iterable[Path], backend: str = "auto") -> str:
    """The backend for these input files: ``backend`` unless it is ``"auto"``, then by total size."""
    if backend not in BACKENDS:
        raise SpaceCoopError(f"unknown backend {backend!r}: use one of {', '.join(BACKENDS)}")
    if backend != "auto":
        return backend
    size = sum(Path(p).stat().st_size for p in paths if Path(p).exists())
    return "oxigraph" if size > AUTO_THRESHOLD_BYTES else "rdflib"


class KnowledgeStore:
    """A graph held by rdflib (``backend="rdflib"``) or by an in-memory Oxigraph store (``"oxigraph"``)."""

    def __init__(self, backend: str = "oxigraph"):
        if backend not in ("rdflib", "oxigraph"):
            raise SpaceCoopError(f"unknown backend {backend!r}: use rdflib or oxigraph")
        self.backend = backend
        self.graph: Graph | None = bind_prefixes(Graph(bind_namespaces="core")) if backend == "rdflib" else None
        self.store: ox.Store | None = ox.Store() if backend == "oxigraph" else None
        #: Oxigraph: the lexical forms of explicit ``xsd:string`` literals added from rdflib graphs
        self.explicit_strings: set[str] = set()

    # ---- construction ----
    @classmethod
    def from_files(cls, paths, backend: str = "auto", skolemise: bool = False) -> "KnowledgeStore":
        """The files loaded strictly, in order; ``skolemise``: blank nodes renamed. On Oxigraph, Turtle and N-Triples
        go through Oxigraph's loader and the checks run on the store (:func:`~spacecoop.io.read.load_checked`);
        whatever it cannot vouch for is read again file by file (:meth:`load_file`), which names the file and line."""
        paths = [Path(p) for p in paths]
        knowledge = cls(choose_backend(paths, backend))
        if knowledge.backend == "oxigraph":  # Oxigraph's loader and the checks on the store, when nothing is wrong
            if load_checked(knowledge.store, paths, MAX_STORE_FILE_BYTES):
                if skolemise:
                    knowledge._skolemise_blank_nodes()
                return knowledge
            knowledge = cls("oxigraph")  # something to report: read file by file, for the file and the line
        for path in paths:
            knowledge.load_file(path, skolemise)
        return knowledge

    _BLANK_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }"

    def _skolemise_blank_nodes(self) -> None:
        """Rename every blank node of an Oxigraph store as :func:`~spacecoop.io.skolem.skolemise_quads` names them
        (a name depends only on the triples that hold the node, so a whole store is renamed as file by file)."""
        blank = [ox.Quad(row[0], row[1], row[2]) for row in self.store.query(self._BLANK_TRIPLES)]
        for quad in blank:
            self.store.remove(quad)
        if blank:
            self.store.bulk_extend(skolemise_quads(blank))

    @classmethod
    def of_oxigraph(cls, store: ox.Store) -> "KnowledgeStore":
        """An Oxigraph ``store`` as it is (not copied), with no explicit ``xsd:string`` literals recorded.

        >>> len(KnowledgeStore.of_oxigraph(ox.Store()))
        0
        """
        knowledge = cls("oxigraph")
        knowledge.store = store
        return knowledge

    @classmethod
    def from_graph(cls, graph: Graph, backend: str = "oxigraph") -> "KnowledgeStore":
        knowledge = cls(backend)
        knowledge.add_graph(graph)
        return knowledge

    def load_file(self, path: Path, skolemise: bool = False) -> None:
        """Parse one file strictly: rdflib's parser for rdflib, Oxigraph's for Oxigraph (JSON-LD via rdflib).

        ``skolemise``: the file's blank nodes become the stable IRIs of :mod:`spacecoop.io.skolem` (a blank
        node belongs to its file, so the file's blank triples are renamed on their own, after it is read)."""
        path = Path(path)
        if self.backend == "rdflib" and not skolemise:
            parse_file(path, self.graph)
            return
        if self.backend == "rdflib" or rdf_format(path) not in _OX_FORMATS:
            graph = parse_file(path)
            self.add_graph(skolemise_graph(graph, in_place=True) if skolemise else graph)
            return
        size = path.stat().st_size if path.is_file() else 0
        if size > MAX_STORE_FILE_BYTES:
            raise SpaceCoopError(
                f"file of {size:,} bytes: an in-memory store takes files of at most "
                f"{MAX_STORE_FILE_BYTES:,} bytes (about 3.5 bytes of memory per byte of N-Triples); "
                "load a larger one into a SPARQL server (spacecoop push)",
                path=str(path),
            )
        # Oxigraph's parser, every quad checked as parse_file checks it, named graphs merged into the
        # default graph; streamed from the file past 20 MB (a refused file leaves this store to be thrown away)
        quads = read_quads(path, MAX_STORE_FILE_BYTES)
        if not skolemise:
            self.store.bulk_extend(quads)
            return
        blank: list = []

        def named(quads):
            for quad in quads:
                if type(quad.subject) is ox.BlankNode or type(quad.object) is ox.BlankNode:
                    blank.append(quad)
                else:
                    yield quad

        self.store.bulk_extend(named(quads))
        if blank:
            self.store.bulk_extend(skolemise_quads(blank))

    def add_graph(self, graph) -> None:
        """Add the triples of an rdflib graph (or any iterable of rdflib triples)."""
        if self.backend == "rdflib":
            for triple in graph:
                self.graph.add(triple)
        else:
            graph_to_oxigraph(
                graph if isinstance(graph, Graph) else _TripleList(graph), self.store, self.explicit_strings
            )

    def add_ox_triples(self, triples) -> int:
        """Add pyoxigraph triples (from :meth:`construct_ox`) to an Oxigraph store; return how many."""
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        self.store.bulk_extend(quads)
        return len(quads)

    # ---- reading ----
    def __len__(self) -> int:
        if self.backend == "rdflib":
            return len(self.graph)
        return len(self.store)

    def __bool__(self) -> bool:  # never count a store to test it (notes/engines.md, trap 3)
        return True

    def query(self, sparql: str, bindings: dict | None = None) -> QueryRows:
        """Run a SELECT or ASK query; ``bindings`` maps variable names to rdflib terms (bound as data)."""
        bindings = bindings or {}
        if self.backend == "rdflib":
            result = self.graph.query(sparql, initBindings=bindings)
            if result.type == "ASK":
                return QueryRows([], [], bool(result.askAnswer))
            names = [str(v) for v in (result.vars or [])]
            return QueryRows(names, [tuple(row) for row in result])
        try:
            result = self._ox_query(sparql, bindings)
        except SyntaxError as error:
            raise SpaceCoopError(f"bad SPARQL: {' '.join(str(error).split())}") from None
        if isinstance(result, ox.QueryBoolean):
            return QueryRows([], [], bool(result))
        if isinstance(result, ox.QueryTriples):
            raise SpaceCoopError("use construct() for CONSTRUCT and DESCRIBE queries")
        names = [v.value for v in result.variables]
        return QueryRows(names, [tuple(from_ox(solution[i]) for i in range(len(names))) for solution in result])

    def select(self, sparql: str, bindings: dict | None = None):
        """Run a SELECT/ASK query; rows in the normal form of :mod:`spacecoop.store.results` (as views expect)."""
        from spacecoop.store.results import Results, normalise

        if self.backend == "rdflib":
            rows = self.query(sparql, bindings)
            return Results(rows.vars, [tuple(normalise(t) for t in row) for row in rows.rows], rows.boolean)
        result = self._ox_query(sparql, bindings)
        if isinstance(result, ox.QueryBoolean):
            return Results([], [], bool(result))
        names = [v.value for v in result.variables]
        return Results(names, [tuple(_normal(s[i]) for i in range(len(names))) for s in result])

    def _ox_query(self, sparql: str, bindings: dict | None):
        """Oxigraph: parameters as a ``VALUES`` block at the start of the WHERE clause (what rdflib's
        ``initBindings`` amounts to). Measured: Oxigraph 0.5 plans VALUES-bound queries far better than
        SEP-0007 substitutions (``org-missions`` at 100k triples: 0.04 s against 3–4 s), and substitutions
        refuse variables that are not projected."""
        if not bindings:
            return self.store.query(sparql)
        return self.store.query(inject_values(sparql, bindings))

    def construct(self, sparql: str, bindings: dict | None = None) -> Graph:
        """Run a CONSTRUCT query and return its triples as an rdflib graph."""
        out = bind_prefixes(Graph(bind_namespaces="core"))
        if self.backend == "rdflib":
            for triple in self.graph.query(sparql, initBindings=bindings or {}):
                out.add(triple)
            return out
        for triple in self.construct_ox(sparql, bindings):
            out.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return out

    def construct_ox(self, sparql: str, bindings: dict | None = None) -> list:
        """Oxigraph only: the CONSTRUCT triples as pyoxigraph triples (no conversion)."""
        return list(self._ox_query(sparql, bindings))

    def triples(self):
        """Every triple, as rdflib terms."""
        if self.backend == "rdflib":
            yield from self.graph
        else:
            for quad in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
                yield from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)

    def to_rdflib(self) -> Graph:
        """The graph as an rdflib graph (the same object for the rdflib backend)."""
        if self.backend == "rdflib":
            return self.graph
        graph = bind_prefixes(Graph(bind_namespaces="core"))
        for triple in self.triples():
            graph.add(triple)
        return graph

    def to_oxigraph(self) -> ox.Store:
        """The graph as an Oxigraph store (the same object for the Oxigraph backend)."""
        if self.backend == "oxigraph":
            return self.store
        return graph_to_oxigraph(self.graph)

    # ---- writing ----
    def sorted_ntriples(self) -> bytes:
        """N-Triples, one line per triple, sorted (byte-identical for identical graphs)."""
        from spacecoop.io.write import sorted_lines, to_ntriples

        if self.backend == "rdflib":
            return to_ntriples(self.graph).encode("utf-8")
        return sorted_lines(self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))

    def write_ntriples(self, path: Path) -> None:
        """Write sorted N-Triples to ``path``, atomically. Oxigraph: dumped to a file and sorted there by
        the system's ``sort`` (``LC_ALL=C``: bytewise, the order of :meth:`sorted_ntriples`), so a
        graph of millions of triples is never held as text in memory."""
        from spacecoop.io.outputs import check_output, replace_into, temporary_sibling
        from spacecoop.io.write import sort_file, to_ntriples, write_atomic

        path = check_output(Path(path))
        if self.backend == "rdflib":
            write_atomic(path, to_ntriples(self.graph))
            return
        unsorted, ordered = temporary_sibling(path, "unsorted"), temporary_sibling(path, "sorted")
        try:
            self.store.dump(output=str(unsorted), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            sort_file(unsorted, ordered)
            replace_into(ordered, path)
        finally:
            unsorted.unlink(missing_ok=True)
            ordered.unlink(missing_ok=True)

    def serialise(self, format: str = "nt") -> bytes:
        """Serialise deterministically: ``nt`` (sorted lines) or ``turtle`` (sorted, our prefixes)."""
        if format not in ("nt", "turtle"):
            raise SpaceCoopError(f"serialise() writes nt or turtle, not {format!r}")
        ntriples = self.sorted_ntriples()
        return ntriples if format == "nt" else turtle_from_ntriples(ntriples)


class _TripleList:
    """Adapts an iterable of triples to what :func:`graph_to_oxigraph` iterates."""

    def __init__(self, triples):
        self._triples = triples

    def __iter__(self):
        return iter(self._triples)
