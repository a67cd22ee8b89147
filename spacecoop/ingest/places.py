"""Place names that stand for countries: short names news use, and capitals (``places.tsv``).

>>> country_names()["United States"]
('United States of America', 'USA')
>>> capitals()["Astana"]
'Kazakhstan'
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from spacecoop.errors import SpaceCoopError

__all__ = ["PLACES_FILE", "country_names", "capitals"]

PLACES_FILE = Path(__file__).with_name("places.tsv")


@lru_cache(maxsize=2)
def _rows(path: Path = PLACES_FILE) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    rows = []
    with open(path, encoding="utf-8", newline="") as stream:
        for number, row in enumerate(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) != 3 or row[0] not in {"name", "capital"} or not row[1] or not row[2]:
                raise SpaceCoopError(
                    "a place row needs kind (name or capital), name, country names", path=str(path), line=number
                )
            rows.append((row[0], row[1], tuple(row[2].split("|"))))
    return tuple(rows)


def country_names(path: Path = PLACES_FILE) -> dict[str, tuple[str, ...]]:
    """Short country names and the names the graph may know each country by."""
    return {name: countries for kind, name, countries in _rows(path) if kind == "name"}


def capitals(path: Path = PLACES_FILE) -> dict[str, str]:
    """Capitals and the name of their country."""
    return {name: countries[0] for kind, name, countries in _rows(path) if kind == "capital"}
