"""What the command line tells a person while it works: log messages and progress bars, on standard error.

``-v`` shows each step with its time (INFO), ``-vv`` details (DEBUG), ``-q`` errors only. A progress bar
is drawn only on a terminal and never with ``-q``, so pipes, logs and tests see plain lines.

>>> configure(verbosity=0)
>>> with step("counting"):
...     total = sum(range(10))
>>> total
45
>>> [n for n in progress(range(3), "three")]
[0, 1, 2]
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from tqdm import tqdm

__all__ = ["log", "configure", "step", "progress", "bars_enabled", "quiet"]

log = logging.getLogger("spacecoop")
_T = TypeVar("_T")
_state = {"bars": True}


def configure(verbosity: int = 0) -> None:
    """Set the level of the ``spacecoop`` logger: ``verbosity`` -1 (``-q``) errors only, 0 warnings,
    1 (``-v``) steps, 2 (``-vv``) details; progress bars only when not quiet."""
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(
        verbosity, logging.DEBUG if verbosity > 1 else logging.ERROR
    )
    log.setLevel(level)
    if not log.handlers:
        handler = logging.StreamHandler()  # sys.stderr at the time of each message
        handler.setFormatter(logging.Formatter("spacecoop: %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    _state["bars"] = verbosity >= 0


def quiet() -> bool:
    """Whether ``-q`` was given: commands then print only errors (their exit code says the rest)."""
    return log.level >= logging.ERROR


def bars_enabled() -> bool:
    """Whether progress bars may be drawn: not quiet, and standard error is a terminal."""
    return _state["bars"] and sys.stderr.isatty()


@contextmanager
def step(name: str) -> Iterator[None]:
    """Run one step of a longer job: a spinner on a terminal while it runs, its time logged at INFO."""
    started = time.perf_counter()
    with tqdm(total=None, desc=name, bar_format="{desc} …", disable=not bars_enabled(), leave=False, file=sys.stderr):
        yield
    log.info("%s: %.1f s", name, time.perf_counter() - started)


def progress(items: Iterable[_T], name: str, total: int | None = None, unit: str = "it") -> Iterator[_T]:
    """``items``, with a progress bar named ``name`` on a terminal; the total time logged at INFO."""
    started = time.perf_counter()
    yield from tqdm(items, desc=name, total=total, unit=unit, disable=not bars_enabled(), leave=False, file=sys.stderr)
    log.info("%s: %.1f s", name, time.perf_counter() - started)
