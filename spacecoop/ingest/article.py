"""Read an article file: checked, decoded as UTF-8, never fetched from anywhere.

Offsets everywhere in :mod:`spacecoop.ingest` are Python ``str`` indices into the text returned
here: the file's bytes decoded as UTF-8, with line ends kept as they are.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes("Chang’e-4 landed.\\r\\n".encode("utf-8"))
>>> read_article(path)
'Chang’e-4 landed.\\r\\n'
>>> _ = path.write_bytes(b"\\xff\\xfe bad")
>>> read_article(path)
Traceback (most recent call last):
...
spacecoop.errors.SpaceCoopError: .../a.txt:1: not UTF-8: byte 0xff at offset 0
"""

from __future__ import annotations

from pathlib import Path

from spacecoop.errors import SpaceCoopError
from spacecoop.io.read import read_limited

__all__ = ["MAX_ARTICLE_BYTES", "read_article"]

MAX_ARTICLE_BYTES = 1_000_000
"""The largest article ``ingest`` reads (1 MB, some 150,000 words): a news story is far smaller."""

_CONTROL_ALLOWED = {"\t", "\n", "\r", "\f"}


def read_article(path: str | Path) -> str:
    """The text of the article at ``path``.

    Raises
    ------
    SpaceCoopError
        Naming the file, if it is missing or unreadable, larger than :data:`MAX_ARTICLE_BYTES`,
        empty, binary (NUL or other control bytes), or not UTF-8.
    """
    path = Path(path)
    where = str(path)
    if not path.exists() and not path.is_symlink():
        raise SpaceCoopError("no such file", path=where)
    data = read_limited(path, MAX_ARTICLE_BYTES, "articles", reader="ingest")  # regular files only
    if not data.strip():
        raise SpaceCoopError("file is empty", path=where)
    if b"\x00" in data:
        raise SpaceCoopError("file is binary (it holds NUL bytes), not article text", path=where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SpaceCoopError(
            f"not UTF-8: byte {data[error.start]:#04x} at offset {error.start}", path=where, line=line
        ) from None
    controls = sum(1 for char in text if ord(char) < 32 and char not in _CONTROL_ALLOWED)
    if controls > max(2, len(text) // 100):
        raise SpaceCoopError(f"file looks binary ({controls} control characters), not article text", path=where)
    return text
