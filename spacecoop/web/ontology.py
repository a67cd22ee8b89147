"""The ontology's HTML reference at ``/ontology``, read from the ontology's own triples in the graph.

Classes and properties (label, definition, super-class or -property, domain, range), each with an
anchor so that ``/ontology#Cooperation`` lands on it, then every SKOS scheme with its concepts linked
to their pages under ``/vocab/``. Nothing is written by hand: a term added to ``ontology/`` appears here.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib.namespace import OWL, RDFS

from spacecoop.web.entity import PREFIXES, labels_of, local_name
from spacecoop.web.html import esc, page, term
from spacecoop.web.iris import Links

__all__ = ["ONTOLOGY_IRI", "ontology_triples", "ontology_page"]

ONTOLOGY_IRI = "https://w3id.org/spacecoop/ontology"

_TRIPLES = f"""SELECT ?s ?p ?o WHERE {{
  {{ BIND(<{ONTOLOGY_IRI}> AS ?s) }} UNION {{ ?s <http://www.w3.org/2000/01/rdf-schema#isDefinedBy> <{ONTOLOGY_IRI}> }}
  ?s ?p ?o }}"""
_TERMS = (
    PREFIXES
    + f"""SELECT ?term ?kind ?definition ?super ?domain ?range WHERE {{
  ?term rdfs:isDefinedBy <{ONTOLOGY_IRI}> ; a ?kind .
  OPTIONAL {{ ?term skos:definition|rdfs:comment ?definition }}
  OPTIONAL {{ ?term rdfs:subClassOf|rdfs:subPropertyOf ?super FILTER(isIRI(?super)) }}
  OPTIONAL {{ ?term rdfs:domain ?domain FILTER(isIRI(?domain)) }}
  OPTIONAL {{ ?term rdfs:range ?range FILTER(isIRI(?range)) }} }}"""
)
_CONCEPTS = (
    PREFIXES
    + """SELECT ?scheme ?concept ?definition WHERE {
  ?scheme a skos:ConceptScheme . OPTIONAL { ?concept skos:inScheme ?scheme OPTIONAL { ?concept skos:definition ?definition } } }"""
)


def ontology_triples(source) -> list[tuple]:
    """The ontology's triples: its header and every term it defines (``rdfs:isDefinedBy``)."""
    return sorted(set(source.select(_TRIPLES).rows))


def _english(texts) -> str:
    chosen = sorted(texts, key=lambda t: (0 if (t.language or "en") == "en" else 1, str(t)))
    return str(chosen[0]) if chosen else ""


def ontology_page(source, links: Links, formats: dict) -> str:
    """The reference as one HTML page."""
    terms: dict = defaultdict(lambda: defaultdict(set))
    for row in source.select(_TERMS).rows:
        for name, value in zip(("kind", "definition", "super", "domain", "range"), row[1:]):
            if value is not None:
                terms[row[0]][name].add(value)
    schemes: dict = defaultdict(dict)
    for scheme, concept, definition in source.select(_CONCEPTS).rows:
        if concept is not None:
            schemes[scheme].setdefault(concept, set())
            if definition is not None:
                schemes[scheme][concept].add(definition)
        else:
            schemes.setdefault(scheme, {})
    mentioned = set(terms) | set(schemes) | {c for s in schemes.values() for c in s}
    mentioned |= {v for t in terms.values() for k in ("super", "domain", "range") for v in t[k]}
    label = labels_of(source, mentioned)

    def anchor(iri) -> str:
        return (
            f'<a href="#{esc(local_name(iri))}">{esc(label.get(iri, local_name(iri)))}</a>'
            if str(iri).startswith(ONTOLOGY_IRI + "#")
            else term(iri, label.get(iri, local_name(iri)), links)
        )

    def block(iri, info) -> str:
        rows = [f'<p class="definition">{esc(_english(info["definition"]))}</p>' if info["definition"] else ""]
        for key, title in (("super", "Sub of"), ("domain", "Domain"), ("range", "Range")):
            if info[key]:
                rows.append(f"<p><b>{title}:</b> " + ", ".join(anchor(v) for v in sorted(info[key])) + "</p>")
        return (
            f'<div class="term" id="{esc(local_name(iri))}"><h3>{esc(label.get(iri, local_name(iri)))} '
            f"<code>sco:{esc(local_name(iri))}</code></h3>{''.join(rows)}</div>"
        )

    classes = sorted(
        (t for t in terms if OWL.Class in terms[t]["kind"] or RDFS.Class in terms[t]["kind"]),
        key=lambda t: label[t].lower(),
    )
    properties = sorted((t for t in terms if t not in classes), key=lambda t: label[t].lower())
    vocab = []
    for scheme in sorted(schemes, key=lambda s: label[s].lower()):
        concepts = "".join(
            f"<li>{term(c, label[c], links)}" + (f" — {esc(_english(d))}" if d else "") + "</li>"
            for c, d in sorted(schemes[scheme].items(), key=lambda item: label[item[0]].lower())
        )
        vocab.append(f"<h3>{term(scheme, label[scheme], links)}</h3><ul>{concepts}</ul>")
    toc = " · ".join(anchor(t) for t in classes)
    body = (
        f'<h1>The SpaceCoop ontology</h1><p class="iri"><code>{esc(ONTOLOGY_IRI)}</code> — prefix '
        f'<code>sco:</code></p><p class="formats">As data: '
        + " · ".join(
            f'<a href="{esc(href)}" type="{esc(media)}">{esc(name)}</a>' for name, (media, href) in formats.items()
        )
        + f"</p><p>Classes: {toc}</p>"
        f"<section><h2>Classes ({len(classes)})</h2>{''.join(block(t, terms[t]) for t in classes)}</section>"
        f"<section><h2>Properties ({len(properties)})</h2>{''.join(block(t, terms[t]) for t in properties)}</section>"
        f"<section><h2>Vocabularies ({len(schemes)})</h2>{''.join(vocab)}</section>"
    )
    alternates = {media: href for _, (media, href) in formats.items()}
    return page("Ontology", body, links, alternates=alternates)
