"""Candidate claims as RDF in the curated model, marked as machine-extracted; or as JSON.

Each cooperation claim becomes a ``sco:Cooperation`` (type, status, modality, participations with
roles, what it concerns, ``sco:reportedOn`` the publication date) with ``sco:evidence`` pointing to a
``sco:Evidence``: the article as ``oa:hasSource`` and the sentence as a ``oa:TextQuoteSelector`` and
``oa:TextPositionSelector`` (``oa:exact``, ``oa:start``, ``oa:end`` into the article text), the speaker
(``sco:statedBy``) and the day they spoke (``sco:statedOn``). A claim resting on a further sentence (its
parties listed there) has a second evidence. Names given in brackets become ``sco:Designation`` claims;
planned milestones ``sco:Plan`` (mission, milestone kind, planned date with its precision, reported on the
publication date), milestones reported as done ``sco:Milestone``, and likeness ``sco:Similarity``; people,
posts and organisations the graph lacks become proposals.
Everything the extractor proposes carries ``sco:confidence`` and ``sco:extractedBy`` (the extractor
and its version, a ``prov:SoftwareAgent``). IRIs are minted from the article's slug and the sentence
index: no blank nodes, and the same input gives the same IRIs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from spacecoop import __version__
from spacecoop.errors import SpaceCoopError
from spacecoop.ingest.dates import printed_date
from spacecoop.ingest.extract import Claim, Extraction
from spacecoop.ingest.proposals import slug
from spacecoop.namespaces import DCTERMS, ID, OA, ORG, PROV, RDF, SCHEMA, SCO, SKOS, VOCAB, XSD, bind_prefixes

__all__ = ["EXTRACTOR", "Source", "describe_source", "claim_ids", "candidate_graph", "candidates_json", "MISSION_KINDS"]

EXTRACTOR = ID.agent[f"spacecoop-ingest-{__version__}"]
"""The extractor, with its version, as a ``prov:SoftwareAgent``."""

MISSION_KINDS = (
    ("sample-return", r"sample[- ]return|return mission|return samples"),
    ("lander", r"lander|landing"),
    ("orbiter", r"orbiter|orbital"),
    ("rover", r"rover"),
    ("relay", r"relay"),
    ("station", r"station"),
    ("crewed", r"crewed|manned"),
)
"""How a proposed mission's kind (``missionkind:``) is read from its sentence: the first pattern found."""


@dataclass(frozen=True)
class Source:
    """The article as a source document."""

    slug: str
    path: str
    published: date
    published_basis: str
    publisher: str
    url: str | None = None

    @property
    def iri(self) -> URIRef:
        return ID.source[self.slug]

    @property
    def publisher_iri(self) -> URIRef:
        return ID.publisher[slug(self.publisher)]


def describe_source(
    path: str | Path,
    text: str,
    *,
    published: date | None = None,
    publisher: str | None = None,
    url: str | None = None,
    source_id: str | None = None,
) -> Source:
    """The source document for the article at ``path``; the publication date defaults to the printed one,
    the slug of its IRI (``source:{slug}``) to the file name's.

    >>> describe_source("news/Lavochkin China.txt", "21 October 2020\\nText.", publisher="Sputnik").published
    datetime.date(2020, 10, 21)
    """
    basis = "given to spacecoop ingest (--published)"
    if published is None:
        published = printed_date(text)
        basis = "the first date printed at the top of the text"
        if published is None:
            raise SpaceCoopError("the article shows no date: give --published YYYY-MM-DD", path=str(path))
    return Source(
        slug(source_id or Path(path).stem),
        Path(path).as_posix(),
        published,
        basis,
        publisher or "Unknown publisher",
        url,
    )


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 2))), datatype=XSD.decimal)


def _mark(graph: Graph, node: URIRef, confidence: float) -> None:
    graph.add((node, SCO.confidence, _decimal(confidence)))
    graph.add((node, SCO.extractedBy, EXTRACTOR))


def _local(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _evidence(graph: Graph, extraction: Extraction, source: Source, index: int) -> URIRef:
    sentence = extraction.sentences[index]
    node = ID.evidence[f"{source.slug}-s{index}"]
    if (node, RDF.type, SCO.Evidence) in graph:
        return node
    selector = ID.evidence[f"{source.slug}-s{index}-quote"]
    graph.add((node, RDF.type, SCO.Evidence))
    graph.add((node, OA.hasSource, source.iri))
    graph.add((node, OA.hasSelector, selector))
    graph.add((node, SCO.extractedBy, EXTRACTOR))
    for klass in (OA.TextQuoteSelector, OA.TextPositionSelector):
        graph.add((selector, RDF.type, klass))
    graph.add((selector, OA.exact, Literal(sentence.text)))
    graph.add((selector, OA.start, Literal(sentence.start)))
    graph.add((selector, OA.end, Literal(sentence.end)))
    speaker = extraction.speakers.get(index)
    if speaker is not None and speaker.kind == "person":
        graph.add((node, SCO.statedBy, speaker.iri))
    return node


def claim_ids(extraction: Extraction, source: Source) -> list[str]:
    """The local id of each claim: ``{article}-s{sentence}``, then ``-2``, ``-3`` for more in one sentence."""
    ids, seen = [], {}
    for claim in extraction.claims:
        index = claim.sentence.index
        seen[index] = seen.get(index, 0) + 1
        ids.append(f"{source.slug}-s{index}" + (f"-{seen[index]}" if seen[index] > 1 else ""))
    return ids


def _cooperation(graph: Graph, extraction: Extraction, source: Source, claim: Claim, local: str) -> None:
    index = claim.sentence.index
    node = ID.cooperation[local]
    evidence = _evidence(graph, extraction, source, index)
    names = " and ".join(p.entity.label for p in claim.parties)
    graph.add((node, RDF.type, SCO.Cooperation))
    graph.add((node, SKOS.prefLabel, Literal(f"{names}: {claim.cooptype} ({claim.status})", lang="en")))
    graph.add((node, SCO.cooperationType, VOCAB["cooptype"][claim.cooptype]))
    graph.add((node, SCO.status, VOCAB["status"][claim.status]))
    graph.add((node, SCO.modality, VOCAB["modality"][claim.modality]))
    for number, party in enumerate(claim.parties, start=1):
        participation = ID.cooperation[f"{local}-p{number}"]
        graph.add((node, SCO.participation, participation))
        graph.add((participation, RDF.type, SCO.Participation))
        graph.add((participation, SCO.agent, party.entity.iri))
        graph.add((participation, SCO.role, VOCAB["role"][party.role]))
    for thing in claim.concerns:
        graph.add((node, SCO.concerns, thing.iri))
    graph.add((node, SCO.reportedOn, Literal(source.published)))
    if claim.start_date is not None:
        graph.add((node, SCO.startDate, Literal(claim.start_date.date)))
        graph.add((node, SCO.startDatePrecision, VOCAB["precision"][claim.start_date.precision]))
    if claim.stated_on is not None:
        graph.add((evidence, SCO.statedOn, Literal(claim.stated_on.date)))
    graph.add((node, SCO.evidence, evidence))
    for further in claim.also:
        graph.add((node, SCO.evidence, _evidence(graph, extraction, source, further.index)))
    _mark(graph, node, claim.confidence)


def _describable(thing, described: set[URIRef]) -> bool:
    """A mission the candidates can point to: known to the graph, or proposed and described."""
    return thing.kind == "mission" and (not thing.proposed or thing.iri in described)


def _timeline(graph: Graph, extraction: Extraction, source: Source, described: set[URIRef]) -> None:
    """Plans (``sco:Plan``) and milestones (``sco:Milestone``) of known or described missions."""
    for found in extraction.plans:
        sentence, plan = found.sentence, found.plan
        if not _describable(plan.mission, described):
            continue
        when = plan.date.date.isoformat()[: {"year": 4, "month": 7, "day": 10}[plan.date.precision]]
        local = f"{source.slug}-s{sentence.index}-{_local(plan.mission.iri)}-{plan.kind}"
        node = (ID.milestone if plan.happened else ID.plan)[local]
        label = f"{plan.mission.label}: {plan.kind} {'on' if plan.happened else 'planned for'} {when}"
        graph.add((node, RDF.type, SCO.Milestone if plan.happened else SCO.Plan))
        graph.add((node, SKOS.prefLabel, Literal(f"{label} (reported {source.published.isoformat()})", lang="en")))
        graph.add((node, SCO.concerns, plan.mission.iri))
        graph.add((node, SCO.milestoneKind, VOCAB["milestonekind"][plan.kind]))
        graph.add((node, SCO.date, Literal(plan.date.date)))
        graph.add((node, SCO.datePrecision, VOCAB["precision"][plan.date.precision]))
        graph.add((node, SCO.reportedOn, Literal(source.published)))
        graph.add((node, SCO.evidence, _evidence(graph, extraction, source, sentence.index)))
        _mark(graph, node, 0.6)


def _similarities(graph: Graph, extraction: Extraction, source: Source, described: set[URIRef]) -> None:
    """``sco:Similarity`` claims between groups of known or described missions."""
    for number, found in enumerate(extraction.similarities, start=1):
        sentence, likeness = found.sentence, found.similarity
        first = [m for m in likeness.first if _describable(m, described)]
        second = [m for m in likeness.second if _describable(m, described)]
        if not first or not second:
            continue
        node = ID.claim[f"{source.slug}-s{sentence.index}-similar-{number}"]
        names = " and ".join(", ".join(m.label for m in group) for group in (first, second))
        graph.add((node, RDF.type, SCO.Similarity))
        graph.add((node, SKOS.prefLabel, Literal(f"Alike: {names}", lang="en")))
        for mission in first:
            graph.add((node, SCO.firstGroup, mission.iri))
        for mission in second:
            graph.add((node, SCO.secondGroup, mission.iri))
        graph.add((node, SCO.reportedOn, Literal(source.published)))
        graph.add((node, SCO.evidence, _evidence(graph, extraction, source, sentence.index)))
        _mark(graph, node, 0.6)


def _mission_kind(sentence_text: str) -> str | None:
    return next((kind for kind, pattern in MISSION_KINDS if re.search(pattern, sentence_text, re.I)), None)


def _proposals(graph: Graph, extraction: Extraction, source: Source) -> set[URIRef]:
    """Add the proposed things that can be described validly; return the IRIs of those described."""
    described = set()
    for iri, proposed in sorted(extraction.proposed.items()):
        entity, sentence, acronym, confidence = (
            proposed.entity,
            proposed.sentence,
            proposed.acronym,
            proposed.confidence,
        )
        if entity.kind == "mission":
            kind = next(
                (
                    k
                    for s in extraction.sentences
                    if any(m.entity.iri == iri for m in extraction.mentions[s.index])
                    for k in [_mission_kind(s.text)]
                    if k
                ),
                None,
            )
            if kind is None:
                continue  # a mission needs its kind: leave it to the curator
            graph.add((iri, SCO.missionKind, VOCAB["missionkind"][kind]))
        for klass in sorted(entity.classes):
            graph.add((iri, RDF.type, klass))
        graph.add((iri, SKOS.prefLabel, Literal(entity.label, lang="en")))
        if acronym:
            graph.add((iri, SKOS.altLabel, Literal(acronym, lang="en")))
        if entity.country is not None:
            graph.add((iri, SCO.country, entity.country))
        graph.add((iri, SCO.evidence, _evidence(graph, extraction, source, sentence.index)))
        _mark(graph, iri, confidence)
        described.add(iri)
    for post in extraction.posts:
        node = ID.post[f"{_local(post.org.iri)}-{slug(post.label)}"]
        graph.add((node, RDF.type, ORG.Post))
        graph.add((node, SKOS.prefLabel, Literal(f"{post.label} ({post.org.label})", lang="en")))
        graph.add((node, ORG.postIn, post.org.iri))
        graph.add((node, SCO.evidence, _evidence(graph, extraction, source, post.sentence.index)))
        _mark(graph, node, 0.6)
        if post.person.proposed or post.person.iri in described:
            graph.add((post.person.iri, ORG.holds, node))
        else:
            graph.add((node, ORG.heldBy, post.person.iri))
    return described


def candidate_graph(extraction: Extraction, source: Source) -> Graph:
    """The article's candidates as an RDF graph in the curated model."""
    graph = bind_prefixes(Graph(bind_namespaces="core"))
    graph.add((source.iri, RDF.type, SCO.SourceDocument))
    graph.add((source.iri, RDF.type, SCHEMA.NewsArticle))
    graph.add((source.iri, DCTERMS.publisher, source.publisher_iri))
    graph.add((source.iri, SCO.publicationDate, Literal(source.published)))
    graph.add((source.iri, SCO.publicationDatePrecision, VOCAB["precision"]["day"]))
    graph.add((source.iri, SCO.publicationDateBasis, Literal(source.published_basis, lang="en")))
    graph.add((source.iri, SCO.localCopy, Literal(source.path)))
    if source.url:
        graph.add((source.iri, SCHEMA.url, Literal(source.url, datatype=XSD.anyURI)))
    graph.add((source.publisher_iri, RDF.type, SCO.Publisher))
    graph.add((source.publisher_iri, SKOS.prefLabel, Literal(source.publisher, lang="en")))
    graph.add((EXTRACTOR, RDF.type, PROV.SoftwareAgent))
    graph.add((EXTRACTOR, SKOS.prefLabel, Literal(f"spacecoop ingest {__version__}", lang="en")))
    described = _proposals(graph, extraction, source)
    for claim, local in zip(extraction.claims, claim_ids(extraction, source)):
        _cooperation(graph, extraction, source, claim, local)
    for designation in extraction.designations:
        for mission in designation.missions:
            if mission.proposed and mission.iri not in described:
                continue
            node = ID.claim[f"{source.slug}-s{designation.sentence.index}-name-{_local(mission.iri)}"]
            graph.add((node, RDF.type, SCO.Designation))
            graph.add((node, SCO.name, Literal(designation.name, lang="en")))
            graph.add((node, SCO.designates, mission.iri))
            graph.add((node, SCO.evidence, _evidence(graph, extraction, source, designation.sentence.index)))
            _mark(graph, node, designation.confidence)
    _timeline(graph, extraction, source, described)
    _similarities(graph, extraction, source, described)
    return graph


def candidates_json(extraction: Extraction, source: Source) -> str:
    """The candidates as JSON: the source, then one object per cooperation claim and per designation."""
    claims = [
        {
            "id": local,
            "type": c.cooptype,
            "status": c.status,
            "modality": c.modality,
            "participants": [
                {"iri": str(p.entity.iri), "label": p.entity.label, "role": p.role, "found": p.via} for p in c.parties
            ],
            "concerns": [str(e.iri) for e in c.concerns],
            "quote": " ".join(x.text for x in (c.sentence, *c.also)),
            "start": c.sentence.start,
            "end": (c.also[-1] if c.also else c.sentence).end,
            "cue": c.cue.text,
            "modifiers": list(c.cue.modifiers),
            "confidence": c.confidence,
            "statedBy": str(c.stated_by.iri) if c.stated_by else None,
            "statedOn": c.stated_on.date.isoformat() if c.stated_on else None,
            "startDate": c.start_date.date.isoformat() if c.start_date else None,
        }
        for c, local in zip(extraction.claims, claim_ids(extraction, source))
    ]
    designations = [
        {
            "id": f"{source.slug}-s{d.sentence.index}-name",
            "name": d.name,
            "designates": [str(m.iri) for m in d.missions],
            "quote": d.sentence.text,
            "confidence": d.confidence,
        }
        for d in extraction.designations
    ]
    proposed = [
        {"iri": str(iri), "label": e.label, "kind": e.kind}
        for iri, p in sorted(extraction.proposed.items())
        for e in [p.entity]
    ]
    timeline = [
        {
            "kind": "milestone" if p.happened else "plan",
            "mission": str(p.mission.iri),
            "milestoneKind": p.kind,
            "date": p.date.date.isoformat(),
            "precision": p.date.precision,
            "quote": found.sentence.text,
        }
        for found in extraction.plans
        for p in [found.plan]
    ]
    likeness = [
        {"first": [str(m.iri) for m in x.first], "second": [str(m.iri) for m in x.second], "quote": found.sentence.text}
        for found in extraction.similarities
        for x in [found.similarity]
    ]
    document = {
        "source": {
            "iri": str(source.iri),
            "path": source.path,
            "published": source.published.isoformat(),
            "publisher": source.publisher,
            "url": source.url,
        },
        "extractor": str(EXTRACTOR),
        "cooperation": claims,
        "designations": designations,
        "plans": timeline,
        "similarities": likeness,
        "proposed": proposed,
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
