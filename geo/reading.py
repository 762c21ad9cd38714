"""Read a file only when it is a regular file of bounded size: the one way ``geo`` reads a file.

A named pipe would block a reader forever, ``/dev/zero`` never ends, a folder has no bytes, and a
huge file exhausts memory: each is refused by name before anything is read. The data folder's
files, the texts given to the command line (``link``, ``events``, ``ingest``) and the inbox's
files are read with :func:`read_regular`; :data:`MAX_FILE_BYTES` caps every one of them, so a
memory limit (``ulimit -v``) meets a clean error instead of a ``MemoryError`` half-way.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["MAX_FILE_BYTES", "FileRefused", "kind_of", "read_regular", "unreadable"]

#: The largest file read, in bytes (64 MiB): ten times the largest text or data file a real
#: atlas has needed, and small enough to process within a few GB of memory.
MAX_FILE_BYTES = 64 * 2**20

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileRefused(ValueError):
    """A file that is not read; ``str()`` says why, without the path (the caller names it)."""


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file (None when it is).

    >>> kind_of(stat.S_IFIFO), kind_of(stat.S_IFREG)
    ('a named pipe (FIFO)', None)
    """
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _refuse_unless_regular(mode: int) -> None:
    kind = kind_of(mode)
    if kind is not None:
        raise FileRefused(f"is {kind}, not a regular file; only regular files are read")


def _megabytes(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB"


def unreadable(error: OSError | FileRefused) -> str:
    """Why a file could not be read, as words that follow its name.

    >>> unreadable(FileRefused("is a folder, not a regular file")), unreadable(PermissionError(13,
    ...     "Permission denied"))
    ('is a folder, not a regular file', 'cannot be read: Permission denied')
    """
    if isinstance(error, FileRefused):
        return str(error)
    if isinstance(error, FileNotFoundError):
        return "no such file"
    return f"cannot be read: {error.strerror or error}"


def read_regular(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes.

    The file is checked before it is opened (a FIFO is never opened for reading, so never
    blocks), opened without blocking and checked again (it may have been swapped meanwhile), and
    read no further than ``limit``.

    Raises
    ------
    FileNotFoundError
        When there is no such file.
    FileRefused
        When it is a folder, a named pipe, a device or a socket, or larger than ``limit``.
    OSError
        When it cannot be read (permissions, I/O).

    Examples
    --------
    >>> read_regular("/dev/zero")
    Traceback (most recent call last):
    ...
    geo.reading.FileRefused: is a character device, not a regular file; only regular files are read
    """
    _refuse_unless_regular(os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(info.st_mode)
        if info.st_size > limit:
            raise FileRefused(
                f"is {_megabytes(info.st_size)}, more than the {_megabytes(limit)} a file may have"
            )
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FileRefused(f"grew past the {_megabytes(limit)} a file may have")
        return b"".join(chunks)
    finally:
        os.close(fd)
