"""The graph behind the pages: an in-memory Oxigraph store, or a SPARQL endpoint elsewhere.

Both answer the same three questions, so the pages never ask which one they hold:
:meth:`select` (rows of a SELECT, parameters bound as data), :meth:`describe` (an entity's own
triples) and :meth:`sparql` (a query from the query page, answered in a results format).
Pages query the graph per request; nothing is precomputed, so a graph of hundreds of thousands of
triples costs memory in the store only.

>>> from spacecoop.io.paths import ONTOLOGY_DIR
>>> from spacecoop.store.knowledge import KnowledgeStore
>>> source = LocalSource(KnowledgeStore.from_files([ONTOLOGY_DIR / "vocab" / "statuses.ttl"], "oxigraph"))
>>> sorted(str(p).rsplit("#")[-1] for s, p, o in source.describe("https://w3id.org/spacecoop/vocab/status/agreed"))[:3]
['definition', 'inScheme', 'prefLabel']
>>> body, media = source.sparql("ASK { ?s ?p ?o }", "json")
>>> media, body
('application/sparql-results+json', b'{"head":{},"boolean":true}')
"""

from __future__ import annotations

import threading

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from spacecoop.errors import SpaceCoopError
from spacecoop.store.inject import inject_values, nt_term
from spacecoop.store.knowledge import KnowledgeStore, from_ox, graph_to_oxigraph
from spacecoop.store.results import Results, format_results, normalise

__all__ = ["LocalSource", "RemoteSource", "RESULT_FORMATS", "describe_query", "best_label", "LABEL_PROPERTIES"]

#: Where a label comes from, best first.
LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label)

#: Result formats of the query page's downloads: name → media type.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
_OX_RESULTS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


def describe_query(iri: str) -> str:
    """The SELECT of an entity's description: its own triples, and those of the nodes it owns — blank
    nodes, or the IRIs the build mints for them under its own (a cooperation's participations, an
    evidence's quote selector).

    >>> "STRSTARTS" in describe_query("https://w3id.org/spacecoop/id/org/esa")
    True
    """
    term = nt_term(URIRef(iri))
    return (
        "SELECT ?s ?p ?o WHERE { "
        f"{{ BIND({term} AS ?s) ?s ?p ?o }} UNION "
        f'{{ {term} ?q ?s . FILTER(isBlank(?s) || STRSTARTS(STR(?s), CONCAT(STR({term}), "/"))) ?s ?p ?o }} '
        "}"
    )


def best_label(labels) -> Literal | None:
    """The label a page shows among ``labels`` (of one property): English, else untagged, else the first.

    >>> str(best_label([Literal("ЕКА", lang="ru"), Literal("ESA", lang="en")]))
    'ESA'
    """
    rank = {"en": 0, "": 1}
    ordered = sorted(labels, key=lambda label: (rank.get((label.language or "").lower(), 2), str(label)))
    return ordered[0] if ordered else None


class LocalSource:
    """The graph in an in-memory Oxigraph store (or a :class:`~spacecoop.store.knowledge.KnowledgeStore`'s);
    ``add_ontology`` adds the ontology and vocabularies this package ships (the built graph has them).

    ``timeout`` bounds a query from the query page: Oxigraph cannot be interrupted, so a query past it
    is abandoned in its thread (it ends with the server) and the request gets an error.
    """

    def __init__(self, store: ox.Store | KnowledgeStore, timeout: float = 30.0, *, add_ontology: bool = False):
        if isinstance(store, KnowledgeStore):
            store = store.to_oxigraph()
        if add_ontology:  # a --data file may lack the terms its pages name (roles, statuses, classes)
            from spacecoop.io.read import load_ontology

            graph_to_oxigraph(load_ontology(), store)
        self.store: ox.Store = store
        self.timeout = timeout

    def select(self, text: str, bindings: dict | None = None) -> Results:
        """Rows of a SELECT (normal form), ``bindings`` (name → rdflib term) bound as a ``VALUES`` block.
        Each distinct term is converted once per answer (rows repeat terms; conversion is the cost)."""
        solutions = self.store.query(inject_values(text, bindings) if bindings else text)
        names = [variable.value for variable in solutions.variables]
        seen: dict = {}

        def convert(term):
            if term is None:
                return None
            if term not in seen:
                seen[term] = normalise(from_ox(term))
            return seen[term]

        return Results(names, [tuple(convert(solution[i]) for i in range(len(names))) for solution in solutions])

    def describe(self, iri: str) -> list[tuple]:
        """The entity's triples (rdflib terms), in a stable order; empty if the graph does not know it."""
        triples = {(from_ox(row[0]), from_ox(row[1]), from_ox(row[2])) for row in self.store.query(describe_query(iri))}
        return sorted(triples)

    def labels(self, iris) -> dict[URIRef, Literal]:
        """A label for each IRI that has one (``skos:prefLabel``, else ``rdfs:label``), by direct lookups."""
        found = {}
        for iri in iris:
            node = ox.NamedNode(str(iri))
            for prop in LABEL_PROPERTIES:
                label = best_label(
                    [
                        from_ox(q.object)
                        for q in self.store.quads_for_pattern(node, ox.NamedNode(str(prop)), None, ox.DefaultGraph())
                    ]
                )
                if label is not None:
                    found[iri] = label
                    break
        return found

    def sparql(self, text: str, fmt: str) -> tuple[bytes, str]:
        """Answer a query from the query page: SELECT/ASK in ``fmt`` (json, csv, tsv), CONSTRUCT/DESCRIBE
        as Turtle. An update is a syntax error here: this source cannot change the graph."""
        if fmt not in RESULT_FORMATS:
            raise SpaceCoopError(f"unknown results format {fmt!r}: use {', '.join(RESULT_FORMATS)}")
        outcome: dict = {}

        def work():
            try:
                result = self.store.query(text)
                if isinstance(result, ox.QueryTriples):
                    outcome["answer"] = (result.serialize(format=ox.RdfFormat.TURTLE), "text/turtle; charset=utf-8")
                else:
                    outcome["answer"] = (result.serialize(format=_OX_RESULTS[fmt]), RESULT_FORMATS[fmt])
            except SyntaxError as error:
                outcome["error"] = SpaceCoopError(f"bad query: {' '.join(str(error).split())}")
            except (OSError, ValueError, RuntimeError) as error:
                outcome["error"] = SpaceCoopError(f"the query failed: {error}")

        worker = threading.Thread(target=work, name="spacecoop-web-query", daemon=True)
        worker.start()
        worker.join(self.timeout)
        if worker.is_alive():
            raise SpaceCoopError(f"the query ran longer than {self.timeout:g} s and was stopped")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["answer"]


class RemoteSource:
    """The graph in a SPARQL 1.1 store, through :class:`~spacecoop.store.endpoint.Endpoint`."""

    def __init__(self, endpoint, timeout: float = 30.0):
        self.endpoint = endpoint
        self.timeout = timeout

    def select(self, text: str, bindings: dict | None = None) -> Results:
        return self.endpoint.select(inject_values(text, bindings) if bindings else text, self.timeout)

    def describe(self, iri: str) -> list[tuple]:
        return sorted(set(self.endpoint.select(describe_query(iri), self.timeout).rows))

    def labels(self, iris) -> dict[URIRef, Literal]:
        iris = sorted(set(iris))
        candidates: dict = {}
        for start in range(0, len(iris), 200):
            values = " ".join(nt_term(URIRef(i)) for i in iris[start : start + 200])
            for prop in LABEL_PROPERTIES:
                query = f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s {nt_term(prop)} ?l }}"
                for subject, label in self.endpoint.select(query, self.timeout).rows:
                    candidates.setdefault((subject, prop), []).append(label)
        found = {}
        for iri in iris:
            for prop in LABEL_PROPERTIES:
                if (iri, prop) in candidates:
                    found[iri] = best_label(candidates[(iri, prop)])
                    break
        return found

    def sparql(self, text: str, fmt: str) -> tuple[bytes, str]:
        if fmt not in RESULT_FORMATS:
            raise SpaceCoopError(f"unknown results format {fmt!r}: use {', '.join(RESULT_FORMATS)}")
        results = self.endpoint.select(text, self.timeout)
        return format_results(results, fmt).encode("utf-8"), RESULT_FORMATS[fmt]
