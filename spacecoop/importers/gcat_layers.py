"""The GCAT layers together: read the organisations backbone and the curated missions, make the
launch-services and builders layers, report, and write ``graph/gcat/launches.ttl`` and
``graph/gcat/builds.ttl`` (sorted Turtle: the same tables give the same bytes).

``spacecoop import-gcat`` runs this after the organisations backbone; :func:`import_layers` is the pure part.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from spacecoop.errors import SpaceCoopError
from spacecoop.importers.gcat_builds import (
    MISSIONS_FILE,
    Match,
    builds,
    curated_missions,
    match_missions,
    payload_rows,
    read_mission_links,
)
from spacecoop.importers.gcat_launches import launch_services
from spacecoop.importers.gcat_rows import DEEPCAT_SOURCE, LAUNCHLOG_SOURCE, Backbone, Layer, craft_iri
from spacecoop.io.outputs import write_atomic
from spacecoop.io.paths import GENERATED_FOLDERS, GRAPH_DIR
from spacecoop.io.read import parse_files
from spacecoop.io.write import to_ntriples, turtle_from_ntriples
from spacecoop.namespaces import RDF, SCO

__all__ = [
    "LAYERS_DIR",
    "Layers",
    "backbone_from",
    "curated_graph",
    "import_layers",
    "layer_turtle",
    "sorted_turtle",
    "triples_written",
    "check_layer_size",
    "check_layers",
    "write_layers",
    "format_layers",
]

LAYERS_DIR = GRAPH_DIR / "gcat"
SHRINK_LIMIT = 0.5


@dataclass
class Layers:
    """The two layers, the curated missions matched to catalogue rows and those left unlinked."""

    launches: Layer
    builds: Layer
    matches: list[Match]
    unlinked: list[str]


def backbone_from(graph: Graph) -> Backbone:
    """The organisations of an imported backbone graph and the state each belongs to (an intergovernmental
    organisation belongs to itself; of several ``sco:country`` values, the first in IRI order)."""
    country_of: dict[URIRef, URIRef | None] = {}
    for node in graph.subjects(RDF.type, SCO.IntergovernmentalOrganisation):
        country_of[URIRef(str(node))] = URIRef(str(node))
    for node in graph.subjects(RDF.type, SCO.Organisation):
        countries = sorted(graph.objects(node, SCO.country), key=str)
        country_of[URIRef(str(node))] = URIRef(str(countries[0])) if countries else None
    return Backbone(country_of)


def curated_graph(graph_dir: Path = GRAPH_DIR) -> Graph:
    """The curated files of ``graph/`` (not the generated folders), parsed strictly."""
    paths = [
        path
        for path in sorted(graph_dir.rglob("*.ttl"))
        if path.relative_to(graph_dir).parts[0] not in GENERATED_FOLDERS
    ]  # the missions to link are curated
    return parse_files(paths)


def import_layers(
    backbone: Backbone,
    curated: Graph | None = None,
    launchlog: str | os.PathLike = LAUNCHLOG_SOURCE.path,
    deepcat: str | os.PathLike = DEEPCAT_SOURCE.path,
) -> Layers:
    """Both layers from the tables (pure: writes nothing). The curated missions are linked as
    :data:`~spacecoop.importers.gcat_builds.MISSIONS_FILE` lists them or, with a ``curated`` graph, as
    :func:`~spacecoop.importers.gcat_builds.match_missions` matches them in it now."""
    table, rows = payload_rows(deepcat)
    if curated is not None:
        matches, unlinked = match_missions(curated_missions(curated), rows)
    else:
        matches, unlinked = read_mission_links(), []
    satcat = {row["JCAT"]: row["Satcat"] for row, _ in rows}
    missions = {}
    for match in matches:
        if match.jcat not in satcat:
            raise SpaceCoopError(
                f"{match.mission} is linked to {match.jcat}, which is no payload row of the deep-space catalogue",
                path=str(MISSIONS_FILE),
            )
        missions[craft_iri(match.jcat)] = match.mission
        if satcat[match.jcat].isdigit():
            missions[craft_iri(f"S{int(satcat[match.jcat]):05d}")] = match.mission
    launches = launch_services(backbone, launchlog, missions)
    a_craft = (RDF.type, SCO.Spacecraft)
    crafts = {s for s, p, o in launches.triples if (p, o) == a_craft}
    return Layers(launches, builds(backbone, rows, crafts, matches, table.report), matches, unlinked)


def sorted_turtle(triples) -> str:
    """Turtle of rdflib triples: sorted N-Triples written by Oxigraph with our prefixes (the same triples
    give the same bytes).

    >>> from spacecoop.namespaces import ID, RDF, SCO
    >>> print(sorted_turtle([(ID.org["esa"], RDF.type, SCO.Organisation)]).splitlines()[-1])
    scorg:esa a sco:Organisation .
    """
    return turtle_from_ntriples(to_ntriples(triples).encode("utf-8")).decode("utf-8")


def layer_turtle(layer: Layer) -> str:
    """The layer as Turtle (:func:`sorted_turtle`)."""
    return sorted_turtle(layer.triples)


def triples_written(path: Path) -> int | None:
    """How many triples the Turtle file at ``path`` holds, as Oxigraph reads it (the importers' outputs are
    Oxigraph's Turtle: one statement per triple), or ``None`` when it is no regular file or cannot be read."""
    if not Path(path).is_file():
        return None
    try:
        return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, OSError, ValueError):
        return None


def check_layer_size(count: int, out: Path, source: str, allow_shrink: bool = False) -> None:
    """Refuse to replace ``out`` with less than half of its triples (a cut table must not empty a layer)."""
    if count == 0:
        raise SpaceCoopError(f"the layer is empty: {out} is left as it was", path=source)
    before = None if allow_shrink else triples_written(out)
    if before is not None and count < SHRINK_LIMIT * before:
        raise SpaceCoopError(
            f"the layer holds {count:,} triples, {out} holds {before:,}: an import that shrinks "
            f"its output by more than half is refused ({out} is left as it was); check the "
            "table, or pass --allow-shrink",
            path=source,
        )


def check_layers(layers: Layers, out_dir: Path = LAYERS_DIR, allow_shrink: bool = False) -> list[tuple[Path, Layer]]:
    """Where each layer goes, once each is checked by :func:`check_layer_size`."""
    planned = []
    for layer, source in ((layers.launches, LAUNCHLOG_SOURCE), (layers.builds, DEEPCAT_SOURCE)):
        out = Path(out_dir) / f"{layer.name}.ttl"
        check_layer_size(len(layer.triples), out, source.local_copy, allow_shrink)
        planned.append((out, layer))
    return planned


def write_layers(planned: list[tuple[Path, Layer]], inputs=()) -> list[Path]:
    """Write the layers where :func:`check_layers` planned them (``launches.ttl`` and ``builds.ttl``)."""
    for out, layer in planned:
        write_atomic(out, layer_turtle(layer), inputs)
    return [out for out, _ in planned]


def format_layers(layers: Layers, first: int = 5) -> str:
    """What the layers hold, the tables' reports, and the curated missions linked and left unlinked."""
    lines = []
    for layer in (layers.launches, layers.builds):
        counts = ", ".join(f"{what} {n}" for what, n in sorted(layer.counts.items()))
        lines.append(f"{layer.name}: {len(layer.triples)} triples ({counts})")
        lines += [report.format(first) for report in layer.reports]
    lines.append(f"curated missions linked to their GCAT row ({MISSIONS_FILE.name}): {len(layers.matches)}")
    lines += [f"  {match.mission} = {match.jcat} {match.piece} ({match.how})" for match in layers.matches]
    if layers.unlinked:
        lines.append(f"curated missions GCAT names but left unlinked: {len(layers.unlinked)}")
        lines += [f"  {line}" for line in layers.unlinked]
    return "\n".join(lines)
