"""Turtle and JSON-LD of a sorted N-Triples file written by a second Python process, beside the build.

The two writers are pure Python loops over every line and hold the interpreter's lock; in a process of
their own they run on the machine's second core while the build validates and writes TriG. The files are
written as :func:`~spacecoop.io.write.write_turtle` and :func:`~spacecoop.io.write.write_jsonld` write
them (whole or not at all); a failure in the second process is raised here as the same
:class:`~spacecoop.errors.SpaceCoopError`, with its message.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> nt = folder / "g.nt"
>>> _ = nt.write_text('<https://w3id.org/spacecoop/id/org/esa> <http://www.w3.org/2000/01/rdf-schema#label> "ESA" .\\n')
>>> with writing_beside(nt, turtle=folder / "g.ttl", jsonld=folder / "g.jsonld"):
...     pass
>>> (folder / "g.ttl").read_text().splitlines()[-1]
'scorg:esa rdfs:label "ESA" .'
>>> with writing_beside(folder / "missing.nt", turtle=folder / "x.ttl"):  # doctest: +ELLIPSIS
...     pass
Traceback (most recent call last):
...
spacecoop.errors.SpaceCoopError: the Turtle and JSON-LD writer failed: ...missing.nt...
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from spacecoop.errors import SpaceCoopError

__all__ = ["writing_beside"]


@contextmanager
def writing_beside(ntriples: Path, turtle: Path | None = None, jsonld: Path | None = None):
    """Write ``turtle`` and ``jsonld`` (either may be None) from ``ntriples`` in a second process while the
    block runs; wait for it at the end of the block. An error in the block stops the second process."""
    command = [sys.executable, "-m", "spacecoop.io.side_writer", str(ntriples), str(turtle or ""), str(jsonld or "")]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        yield
    except BaseException:
        child.kill()
        child.wait()
        raise
    _, errors = child.communicate()
    if child.returncode != 0:
        raise SpaceCoopError(f"the Turtle and JSON-LD writer failed: {errors.strip() or f'exit {child.returncode}'}")


def main(argv: list[str]) -> int:
    """``python -m spacecoop.io.side_writer NTRIPLES TURTLE JSONLD`` (an empty path: not written)."""
    from spacecoop.io.write import write_jsonld, write_turtle

    if len(argv) != 3 or not argv[0]:
        print("usage: python -m spacecoop.io.side_writer NTRIPLES TURTLE JSONLD", file=sys.stderr)
        return 2
    ntriples, turtle, jsonld = (Path(arg) if arg else None for arg in argv)
    try:
        assert ntriples is not None
        if not ntriples.is_file():
            raise SpaceCoopError("no such N-Triples file", path=str(ntriples))
        if turtle is not None:
            write_turtle(ntriples, turtle)
        if jsonld is not None:
            write_jsonld(ntriples, jsonld)
    except SpaceCoopError as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:
        print(f"writing from {ntriples}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
