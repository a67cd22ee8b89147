"""Safe outputs: every file SpaceCoop writes goes through here.

- :func:`check_output` refuses an output that is one of the command's inputs (``ingest A --out A``)
  or that is not a regular file (a device such as ``/dev/null``, a FIFO, a folder, or a link to one);
- :func:`write_atomic` writes through a temporary file with a name of its own (``tempfile``), in the
  target's folder, and renames it into place: a file is whole or untouched, and two runs writing the
  same output never share a temporary file;
- :func:`temporary_sibling` gives such a name for writers that fill a file themselves, and
  :func:`replace_into` renames it into place;
- :func:`staged_folder` writes a set of files (a build's ``dist/``) into a sibling folder and swaps it
  in at the end, so that the folder is always one whole set, never old and new files side by side;
- :func:`write_checksums` and :func:`checksum_matches` record a set's SHA-256 digests, so that a cut
  or mixed file is not taken for a fresh one.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> write_atomic(folder / "a.txt", "one\\n")
>>> write_atomic(folder / "a.txt", "two\\n", inputs=[folder / "a.txt"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
spacecoop.errors.SpaceCoopError: /.../a.txt: is also an input of this command: write the output to another file
>>> write_atomic(Path("/dev/null"), "x")
Traceback (most recent call last):
...
spacecoop.errors.SpaceCoopError: /dev/null: is a character device, not a regular file: refusing to write over it
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from spacecoop.errors import SpaceCoopError

__all__ = [
    "check_output",
    "write_atomic",
    "temporary_sibling",
    "replace_into",
    "staged_folder",
    "write_checksums",
    "checksum_matches",
    "sha256",
    "CHECKSUMS",
]

CHECKSUMS = "SHA256SUMS"
"""The file, in a written set, that lists every file's SHA-256 digest (``sha256sum -c`` reads it)."""


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"


def check_output(path: Path, inputs=()) -> Path:
    """``path`` if it may be written: absent, or a regular file (through links) that is none of ``inputs``."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise SpaceCoopError("is a link to nothing: refusing to write through it", path=str(path)) from None
        return path
    except OSError as error:
        raise SpaceCoopError(f"cannot write here: {error.strerror}", path=str(path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise SpaceCoopError(f"is {_kind(info.st_mode)}, not a regular file: refusing to write over it", path=str(path))
    for source in inputs:
        try:
            same = os.path.samefile(path, source)
        except OSError:
            continue
        if same:
            raise SpaceCoopError("is also an input of this command: write the output to another file", path=str(path))
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temporary_sibling(path: Path, part: str = "") -> Path:
    """A new, empty file beside ``path`` with a name no other run shares (``.NAME.PART.XXXXXX.tmp``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{part + '.' if part else ''}", suffix=".tmp")
    os.close(handle)
    return Path(name)


def replace_into(temporary: Path, path: Path) -> None:
    """Rename a written temporary file (:func:`temporary_sibling`) onto ``path``, with the permissions a new
    file gets (``mkstemp`` makes it private)."""
    os.chmod(temporary, 0o666 & ~_umask())
    os.replace(temporary, path)


def write_atomic(path: Path, data: str | bytes, inputs=()) -> None:
    """Write ``data`` (text as UTF-8 with ``\\n`` line ends, or bytes) to ``path``: checked by
    :func:`check_output`, through a temporary file of its own in the same folder, then renamed."""
    path = check_output(Path(path), inputs)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(data, str):
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(data)
        else:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        replace_into(Path(temporary), path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where it is not available."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return done == 0


@contextmanager
def staged_folder(target: Path, keep_others: bool = True):
    """Yield a new folder beside ``target`` to write a set of files into; when the block ends without an
    error, swap it in for ``target`` (in one step where the system can, else by two renames), so that
    ``target`` is one whole set at every moment. Entries of the old ``target`` that the new set does
    not hold (say ``dist/clusters-country/``) are carried over as hard links (``keep_others``). On an
    error (or Ctrl-C) the staging folder is removed and ``target`` is left as it was.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise SpaceCoopError("is not a folder: refusing to replace it with one", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
    try:
        yield staging
        os.chmod(staging, 0o777 & ~_umask())
        if target.exists():
            if keep_others:
                for entry in target.iterdir():
                    if not (staging / entry.name).exists() and not entry.name.startswith("."):
                        _link_copy(entry, staging / entry.name)
            if not _exchange(staging, target):
                old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
                os.replace(target, old / target.name)
                os.replace(staging, target)
                staging = old
        else:
            os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _link_copy(source: Path, destination: Path) -> None:
    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, destination, symlinks=True, copy_function=link)
    elif source.is_symlink():
        os.symlink(os.readlink(source), destination)
    else:
        link(source, destination)


def sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"abc")
    >>> sha256(Path(f.name))[:16]
    'ba7816bf8f01cfea'
    >>> os.unlink(f.name)
    """
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def write_checksums(folder: Path, names) -> None:
    """Write ``folder/SHA256SUMS`` with the digest of each file ``names`` (the format ``sha256sum`` writes)."""
    folder = Path(folder)
    lines = [f"{sha256(folder / name)}  {name}\n" for name in sorted(names)]
    write_atomic(folder / CHECKSUMS, "".join(lines))


def checksum_matches(path: Path) -> bool:
    """Whether ``path`` is listed in the ``SHA256SUMS`` beside it with the digest it has now (a cut, mixed
    or edited file is not).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "g.nt").write_text("<urn:a> <urn:p> <urn:b> .\\n")
    >>> write_checksums(folder, ["g.nt"])
    >>> checksum_matches(folder / "g.nt")
    True
    >>> _ = (folder / "g.nt").write_text("<urn:a> <urn:p")
    >>> checksum_matches(folder / "g.nt")
    False
    """
    path = Path(path)
    try:
        listed = (path.parent / CHECKSUMS).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    for line in listed.splitlines():
        digest, _, name = line.partition("  ")
        if name == path.name:
            try:
                return sha256(path) == digest
            except OSError:
                return False
    return False
