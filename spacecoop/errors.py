"""The one error type SpaceCoop raises for bad input, with the place it went wrong.

>>> str(SpaceCoopError("unknown prefix 'scx'", path="graph/x.ttl", line=12))
"graph/x.ttl:12: unknown prefix 'scx'"
"""

from __future__ import annotations

__all__ = ["SpaceCoopError"]


class SpaceCoopError(Exception):
    """Bad input or a failed operation: the message names the file, the line or node, and what is wrong."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        place = path or ""
        if path and line is not None:
            place = f"{path}:{line}"
        super().__init__(f"{place}: {message}" if place else message)
