"""Where the project's inputs live, relative to the repository root.

>>> (PROJECT_ROOT / "ontology" / "spacecoop.ttl").exists()
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "PROJECT_ROOT", "ONTOLOGY_DIR", "GRAPH_DIR", "QUERIES_DIR", "RULES_DIR", "CHECKS_DIR",
    "DIST_DIR", "DATA_DIR", "SHAPES_FILE", "CONTEXT_FILE", "ontology_files", "graph_files",
]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
GRAPH_DIR = PROJECT_ROOT / "graph"
QUERIES_DIR = PROJECT_ROOT / "queries"
RULES_DIR = QUERIES_DIR / "rules"
CHECKS_DIR = QUERIES_DIR / "checks"
DIST_DIR = PROJECT_ROOT / "dist"
DATA_DIR = PROJECT_ROOT / "data"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"


def ontology_files() -> list[Path]:
    """The ontology, its alignments and its vocabularies (not the shapes), in a stable order."""
    files = [ONTOLOGY_DIR / "spacecoop.ttl", ONTOLOGY_DIR / "alignments.ttl"]
    files += sorted((ONTOLOGY_DIR / "vocab").glob("*.ttl"))
    return [path for path in files if path.exists()]


def graph_files() -> list[Path]:
    """Every curated and generated Turtle file under ``graph/``, in a stable order."""
    return sorted(GRAPH_DIR.rglob("*.ttl"))
