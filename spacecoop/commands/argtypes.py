"""Argument types shared by the subcommands: each value is range-checked here, so that a bad
argument is a usage error (exit 2, a message naming the value), never a traceback later.

>>> iso_date("2017-06-08")
datetime.date(2017, 6, 8)
>>> iso_date("8 June 2017")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: not a date YYYY-MM-DD: '8 June 2017'
>>> positive_seconds("2.5"), non_negative_seconds("0")
(2.5, 0.0)
>>> positive_seconds("nan")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: not a number of seconds greater than 0 and at most 86400: 'nan'
>>> seed("-1")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: not a whole number from 0 to 4294967295: '-1'
>>> port_number("٣٠٠٠")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: not a port number from 1 to 65535 (0: a free one): '٣٠٠٠'
"""

from __future__ import annotations

import argparse
import math
import re
from datetime import date

__all__ = [
    "iso_date",
    "positive_seconds",
    "non_negative_seconds",
    "port_number",
    "seed",
    "count",
    "positive_count",
    "year",
]

MAX_SECONDS = 86_400.0
"""The longest time limit accepted: one day (a larger one is a typing error, and overflows timers)."""
_ASCII_INTEGER = re.compile(r"[+-]?[0-9]{1,12}")
_ASCII_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,12}(?:\.[0-9]{0,12})?|\.[0-9]{1,12})")


def iso_date(value: str) -> date:
    """Parse a ``YYYY-MM-DD`` command-line value, or tell argparse what is wrong with it."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None


def _integer(value: str, low: int, high: int, what: str) -> int:
    text = value.strip()
    if not _ASCII_INTEGER.fullmatch(text) or not low <= int(text) <= high:
        raise argparse.ArgumentTypeError(f"{what}: {value!r}")
    return int(text)


def _seconds(value: str, low_ok: bool) -> float:
    text = value.strip()
    number = float(text) if _ASCII_NUMBER.fullmatch(text) else math.nan
    if not (0 <= number <= MAX_SECONDS) or (number == 0 and not low_ok):
        low = "0 or more" if low_ok else "greater than 0"
        raise argparse.ArgumentTypeError(f"not a number of seconds {low} and at most {MAX_SECONDS:.0f}: {value!r}")
    return number


def positive_seconds(value: str) -> float:
    """A time limit in seconds: more than 0, at most a day, written in ASCII digits (no nan, no inf)."""
    return _seconds(value, low_ok=False)


def non_negative_seconds(value: str) -> float:
    """A time limit in seconds where 0 means none: 0 to a day."""
    return _seconds(value, low_ok=True)


def port_number(value: str) -> int:
    """A TCP port, 1 to 65535, or 0 for a free one."""
    return _integer(value, 0, 65535, "not a port number from 1 to 65535 (0: a free one)")


def seed(value: str) -> int:
    """A random seed: 0 to 2**32 - 1 (what NumPy and igraph accept)."""
    return _integer(value, 0, 2**32 - 1, f"not a whole number from 0 to {2**32 - 1}")


def count(value: str) -> int:
    """A count of things to make or try: 0 to 10,000,000."""
    return _integer(value, 0, 10_000_000, "not a whole number from 0 to 10000000")


def positive_count(value: str) -> int:
    """A count of at least 1, at most 10,000 (runs, seeds)."""
    return _integer(value, 1, 10_000, "not a whole number from 1 to 10000")


def year(value: str) -> int:
    """A calendar year, 1 to 9999 (what ``datetime.date`` can hold)."""
    return _integer(value, 1, 9999, "not a year from 1 to 9999")
