"""Argument types shared by the subcommands.

>>> iso_date("2017-06-08")
datetime.date(2017, 6, 8)
>>> iso_date("8 June 2017")
Traceback (most recent call last):
...
argparse.ArgumentTypeError: not a date YYYY-MM-DD: '8 June 2017'
"""

from __future__ import annotations

import argparse
from datetime import date

__all__ = ["iso_date"]


def iso_date(value: str) -> date:
    """Parse a ``YYYY-MM-DD`` command-line value, or tell argparse what is wrong with it."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None
