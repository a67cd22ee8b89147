"""What every importer of a tab-separated table shares: line-numbered rows, a report of the rows kept
out and of the cells dropped (each with ``file:line``), and the dataset node that carries the licence
and the attribution.

A table is UTF-8 text. Its first line is the header (``#Code<TAB>UCode…``; the ``#`` is optional),
other lines starting with ``#`` are comments (GCAT's ``# Updated 2024 Jan 13``), blank lines are skipped.
A file that cannot be read as the expected table at all (missing, not UTF-8, another header) raises
:class:`~spacecoop.errors.SpaceCoopError` naming the file and the line; a row that cannot be used is
*rejected*: kept out and reported, never a crash.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "t.tsv").write_text("#Code\\tName\\n# Updated 2024\\nNASA\\tNASA \\nESA\\n", encoding="utf-8")
41
>>> table = read_table(folder / "t.tsv", ("Code", "Name"), key="Code")
>>> [(row.line, row["Code"], row["Name"]) for row in table.rows]
[(3, 'NASA', 'NASA')]
>>> print(table.report.format())
t.tsv: rows read: 2, kept: 1, rejected: 1, warnings: 0
  t.tsv:4 ESA: 1 cell, expected 2
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import VOID

from spacecoop.errors import SpaceCoopError
from spacecoop.io.read import read_limited
from spacecoop.namespaces import DCTERMS, RDF, XSD

__all__ = ["Row", "Finding", "Report", "Table", "Dataset", "read_table", "CC_BY_4", "MAX_TABLE_BYTES"]

MAX_TABLE_BYTES = 200_000_000
"""The largest table read (GCAT's largest, the launch log, is a few megabytes)."""

CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")


class Row(dict):
    """One data row: its cells by column name (stripped of surrounding blanks) and its ``line``."""

    def __init__(self, line: int, cells: dict[str, str]):
        super().__init__(cells)
        self.line = line


class Finding(NamedTuple):
    """A rejected row or a dropped cell: where (line), which row (its key) and why."""

    line: int
    key: str
    message: str


@dataclass
class Report:
    """What happened to the rows of one file. ``rejected`` rows were kept out; ``warnings`` name cells
    dropped or doubtful in rows that were kept."""

    path: str
    rows_read: int = 0
    rejected: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def reject(self, line: int, key: str, message: str) -> None:
        self.rejected.append(Finding(line, key, message))

    def warn(self, line: int, key: str, message: str) -> None:
        self.warnings.append(Finding(line, key, message))

    @property
    def kept(self) -> int:
        """How many rows were not rejected."""
        return self.rows_read - len(self.rejected)

    def format(self, first: int = 5) -> str:
        """A short report: counts, every rejected row and the first warnings, each as ``file:line key: why``."""
        name = Path(self.path).name
        lines = [
            f"{name}: rows read: {self.rows_read}, kept: {self.kept}, rejected: {len(self.rejected)}, "
            f"warnings: {len(self.warnings)}"
        ]
        lines += [f"  {name}:{line} {key}: {message}" for line, key, message in sorted(self.rejected)]
        warnings = sorted(self.warnings)
        lines += [f"  {name}:{line} {key}: {message}" for line, key, message in warnings[:first]]
        if len(warnings) > first:
            lines.append(f"  … and {len(warnings) - first} more warnings")
        return "\n".join(lines)


@dataclass
class Table:
    """The rows of a file that have the right number of cells, in file order, and the report."""

    rows: list[Row]
    report: Report


def read_table(path: str | os.PathLike, columns: tuple[str, ...], *, key: str, what: str = "table") -> Table:
    """Read the tab-separated file at ``path`` whose header names ``columns``.

    A row with another number of cells, or an empty ``key`` cell, is rejected. ``what`` names the
    table in errors (``"GCAT launch log"``). Raises :class:`SpaceCoopError` (file and line) when the
    file cannot be read, is not UTF-8 or has another header.
    """
    path = str(path)
    try:
        data = read_limited(Path(path), MAX_TABLE_BYTES, "tables")  # regular files only: no FIFO, no /dev/zero
    except SpaceCoopError as error:
        raise SpaceCoopError(f"cannot read the {what}: {error.message}", path=path) from None
    report, rows = Report(path), []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            text = raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError as error:
            raise SpaceCoopError(f"not UTF-8 ({error.reason})", path=path, line=number) from error
        if number == 1:
            header = tuple(cell.strip() for cell in text.lstrip("#").split("\t"))
            if header != columns:
                raise SpaceCoopError(
                    f"not a {what}: the header line should be #" + "\t".join(columns), path=path, line=1
                )
            continue
        if not text.strip() or text.startswith("#"):
            continue
        report.rows_read += 1
        cells = text.split("\t")
        row_key = cells[columns.index(key)].strip() if len(cells) > columns.index(key) else ""
        if len(cells) != len(columns):
            report.reject(number, row_key, f"{len(cells)} cell{'s' * (len(cells) != 1)}, expected {len(columns)}")
        elif not row_key:
            report.reject(number, row_key, f"no {key}")
        else:
            rows.append(Row(number, {name: cell.strip() for name, cell in zip(columns, cells)}))
    return Table(rows, report)


@dataclass(frozen=True)
class Dataset:
    """A table as a dataset node: what it is, whose it is, under which licence, and how to credit it.

    ``snapshot`` is the date the table states for itself (``dcterms:issued``; ``None`` when it states
    none); ``extra`` adds more (predicate, object) pairs.

    >>> from spacecoop.namespaces import ID
    >>> gcat = Dataset(ID.dataset["t"], "a table", "what is in it", "https://example.org/t",
    ...                "Data from T", "T. Author", CC_BY_4)
    >>> g = Graph(); gcat.describe(g)
    >>> g.value(gcat.iri, DCTERMS.license) == CC_BY_4
    True
    """

    iri: URIRef
    title: str
    description: str
    url: str
    attribution: str
    creator: str
    licence: URIRef
    snapshot: Literal | None = None
    classes: tuple[URIRef, ...] = (VOID.Dataset,)
    extra: tuple[tuple[URIRef, object], ...] = ()

    def describe(self, g: Graph) -> None:
        """Add the dataset node to ``g``."""
        for cls in self.classes:
            g.add((self.iri, RDF.type, cls))
        g.add((self.iri, DCTERMS.title, Literal(self.title, lang="en")))
        g.add((self.iri, DCTERMS.description, Literal(self.description, lang="en")))
        g.add((self.iri, DCTERMS.source, Literal(self.url, datatype=XSD.anyURI)))
        g.add((self.iri, DCTERMS.license, self.licence))
        g.add((self.iri, DCTERMS.bibliographicCitation, Literal(self.attribution)))
        g.add((self.iri, DCTERMS.creator, Literal(self.creator)))
        if self.snapshot is not None:
            g.add((self.iri, DCTERMS.issued, self.snapshot))
        for predicate, value in self.extra:
            g.add((self.iri, predicate, value))
