"""The shape of GCAT's organisations table shared by the importers that read it: its columns and its dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

__all__ = ["COLUMNS", "GcatDate", "parse_gcat_date"]

COLUMNS = (
    "Code",
    "UCode",
    "StateCode",
    "Type",
    "Class",
    "TStart",
    "TStop",
    "ShortName",
    "Name",
    "Location",
    "Longitude",
    "Latitude",
    "Error",
    "Parent",
    "ShortEName",
    "EName",
    "UName",
)

MONTHS = {
    m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)
}

DATE_RE = re.compile(
    r"(?P<year>\d{1,4})(?:(?P<decade>s)|\s+(?P<month>[A-Z][a-z]{2})(?:\s+(?P<day>\d{1,2}))?)?"
    r"\s*(?P<doubt>\?)?"
)


class GcatDate(NamedTuple):
    """A GCAT date cell: the first day of the period, its precision, and GCAT's ``?``."""

    value: dt.date
    precision: str
    uncertain: bool


def parse_gcat_date(cell: str) -> GcatDate | None:
    """Read a GCAT TStart/TStop cell; ``None`` when the date is unknown.

    Raises :class:`ValueError` for a cell that is not a GCAT date (``*`` is handled by the
    caller, as it only means something in TStop).

    >>> parse_gcat_date("1965")
    GcatDate(value=datetime.date(1965, 1, 1), precision='year', uncertain=False)
    >>> parse_gcat_date("1949 Oct  1")
    GcatDate(value=datetime.date(1949, 10, 1), precision='day', uncertain=False)
    >>> parse_gcat_date("2008 Apr?").precision, parse_gcat_date("2008 Apr?").uncertain
    ('month', True)
    >>> parse_gcat_date("1990s").precision
    'decade'
    >>> parse_gcat_date("-") is None and parse_gcat_date("?") is None
    True
    >>> parse_gcat_date("1968 Feb 30")
    Traceback (most recent call last):
    ...
    ValueError: day is out of range for month
    """
    cell = cell.strip()
    if cell in ("-", "?"):
        return None
    match = DATE_RE.fullmatch(cell)
    if not match or (match["month"] and match["month"] not in MONTHS):
        raise ValueError(f"not a GCAT date: {cell!r}")
    month, day = MONTHS[match["month"] or "Jan"], int(match["day"] or 1)
    value = dt.date(int(match["year"]), month, day)
    precision = "decade" if match["decade"] else "day" if match["day"] else "month" if match["month"] else "year"
    return GcatDate(value, precision, bool(match["doubt"]))
