"""Where the project's inputs live: the checkout this package runs from, or the copy the package carries.

Inside a checkout (``ontology/`` and ``graph/`` beside the package) every path points into it and the
build writes to its ``dist/``. Installed from a wheel, the same folders are read from the package's
resources (``spacecoop/resources/``: ontology, queries, graph, data/sources and a built copy of the graph
in ``dist/``), and ``spacecoop build`` writes to ``./dist`` of the folder it runs in.
:func:`describe_data` says which, for ``spacecoop --version`` and ``spacecoop stats``.

>>> (PROJECT_ROOT / "ontology" / "spacecoop.ttl").exists()
True
>>> MODE in ("checkout", "package")
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = [
    "PROJECT_ROOT",
    "MODE",
    "ONTOLOGY_DIR",
    "GRAPH_DIR",
    "QUERIES_DIR",
    "RULES_DIR",
    "CHECKS_DIR",
    "DIST_DIR",
    "BUILT_DIR",
    "DATA_DIR",
    "SHAPES_FILE",
    "CONTEXT_FILE",
    "RESOURCE_FOLDERS",
    "GENERATED_FOLDERS",
    "ontology_files",
    "graph_files",
    "is_generated",
    "describe_data",
]

#: What a wheel carries from the checkout, under ``spacecoop/resources/`` (the build's inputs and what
#: commands read at run time); ``dist`` is added by the wheel's build step.
RESOURCE_FOLDERS = ("ontology", "queries", "graph", "data/sources")


def _checkout_root() -> Path | None:
    root = Path(__file__).resolve().parents[2]
    return root if (root / "ontology" / "spacecoop.ttl").is_file() and (root / "graph").is_dir() else None


_CHECKOUT = _checkout_root()
MODE = "checkout" if _CHECKOUT else "package"
PROJECT_ROOT = _CHECKOUT or Path(str(resources.files("spacecoop") / "resources"))
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
GRAPH_DIR = PROJECT_ROOT / "graph"
QUERIES_DIR = PROJECT_ROOT / "queries"
RULES_DIR = QUERIES_DIR / "rules"
CHECKS_DIR = QUERIES_DIR / "checks"
DATA_DIR = PROJECT_ROOT / "data"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
#: Where the built graph is read from: the checkout's ``dist/``, or the packaged build.
BUILT_DIR = PROJECT_ROOT / "dist"
#: Where ``spacecoop build`` writes by default: the checkout's ``dist/``, or ``./dist`` when installed.
DIST_DIR = BUILT_DIR if MODE == "checkout" else Path("dist")


def ontology_files() -> list[Path]:
    """The ontology, its alignments and its vocabularies (not the shapes), in a stable order."""
    files = [ONTOLOGY_DIR / "spacecoop.ttl", ONTOLOGY_DIR / "alignments.ttl"]
    files += sorted((ONTOLOGY_DIR / "vocab").glob("*.ttl"))
    return [path for path in files if path.exists()]


def graph_files() -> list[Path]:
    """Every curated and generated Turtle file under ``graph/``, in a stable order."""
    return sorted(GRAPH_DIR.rglob("*.ttl"))


#: The folders of ``graph/`` that importers write (never edited by hand).
GENERATED_FOLDERS = ("gcat", "countries")


def is_generated(path: Path) -> bool:
    """Whether ``path`` is a file of a generated folder of ``graph/`` (``graph/gcat/launches.ttl``).

    >>> is_generated(GRAPH_DIR / "gcat" / "launches.ttl"), is_generated(GRAPH_DIR / "lunar" / "entities.ttl")
    (True, False)
    """
    try:
        parts = Path(path).resolve().relative_to(GRAPH_DIR.resolve()).parts
    except ValueError:
        return False
    return len(parts) > 1 and parts[0] in GENERATED_FOLDERS


def describe_data() -> str:
    """Which graph the commands use: the checkout's curated ``graph/``, or the build the package carries.

    >>> describe_data().split(":")[0] in ("graph from the checkout", "graph from the package")
    True
    """
    if MODE == "checkout":
        return f"graph from the checkout: {PROJECT_ROOT}"
    return f"graph from the package: {PROJECT_ROOT}"
