"""File handling for the CLI: reading with located errors and a size cap, writing like a careful tool.

Writing (`write_text`) keeps what the destination is:
- a new file is created with the umask's mode (like `open(path, "w")`), its missing parent
  directories too; an existing regular file is replaced atomically (a temporary file in the
  same directory, then a rename) and keeps its mode;
- a symbolic link is written through: its target is replaced, the link stays a link (a link
  to what no path names, like `/dev/stdout` to a pipe or a redirected file, is written to);
- a file with several hard links is rewritten in place (not atomic), so every link sees the
  new text, as black and ruff do;
- a FIFO or a character device (`-o /dev/stdout`) is written to like a shell redirection;
  a FIFO nobody reads is an error, not a hang; a directory, a block device or a socket is refused.
Every failure is an `OSError` carrying the OS's reason; `write_diagnostic` turns it into AGX007.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Optional, Tuple

from ..diagnostics import Diagnostic

MAX_BYTES = 100 * 1024 * 1024  # default input-size cap (--max-size)
_CHUNK = 1 << 20
_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}


def parse_size(text: str) -> int:
    """'100M' -> bytes; '0' means no limit. ValueError for anything else."""
    value = text.strip().upper().removesuffix("IB").removesuffix("B") if text.strip() else ""
    unit = value[-1:] if value[-1:] in _UNITS else ""
    number = value[: len(value) - len(unit)]
    if not number.isdigit():
        raise ValueError(f"{text!r} is not a size (e.g. 100M, 2G, 500K, 0 for no limit)")
    return int(number) * _UNITS[unit]


def human(n: int) -> str:
    for unit in ("G", "M", "K"):
        if n >= _UNITS[unit] and n % _UNITS[unit] == 0:
            return f"{n // _UNITS[unit]} {unit}iB"
    return f"{n:,} bytes"


def reason(exc: OSError, path: str) -> str:
    """The OS's reason, plus the offending path when it is not `path` itself."""
    text = exc.strerror or str(exc)
    other = exc.filename if isinstance(exc.filename, str) else None
    return f"{text}: {other}" if other and os.path.abspath(other) != os.path.abspath(path) else text


def decode(data: bytes, filename: str) -> Tuple[Optional[str], Optional[Diagnostic]]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1)
        return None, Diagnostic("AGX005", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", filename, line, col,
                                help="save the file as UTF-8")


def _too_big(filename: str, limit: int) -> Diagnostic:
    return Diagnostic("AGX006", f"input larger than {human(limit)}: not read further", filename, 0, 0,
                      help="raise the limit with --max-size (e.g. --max-size 1G; 0 means no limit)")


def _read_capped(fh, limit: int) -> Optional[bytes]:
    """Up to `limit` bytes of fh, or None if there is more (limit 0: everything); read in
    chunks, so neither a huge limit nor an endless file allocates more than it reads."""
    parts, size = [], 0
    while True:
        part = fh.read(_CHUNK if not limit else min(_CHUNK, limit + 1 - size))
        if not part:
            return b"".join(parts)
        parts.append(part)
        size += len(part)
        if limit and size > limit:
            return None


def read_source(path: str, max_bytes: int = MAX_BYTES) -> Tuple[Optional[str], Optional[Diagnostic]]:
    """(text, None), or (None, AGX005/AGX006) for a missing, unreadable, non-UTF-8 or too big file."""
    try:
        with open(path, "rb") as fh:
            data = _read_capped(fh, max_bytes)
    except FileNotFoundError:
        return None, Diagnostic("AGX005", "no such file or directory", path, 0, 0)
    except IsADirectoryError:
        return None, Diagnostic("AGX005", "is a directory", path, 0, 0)
    except (OSError, MemoryError) as exc:
        why = reason(exc, path) if isinstance(exc, OSError) else "out of memory"
        return None, Diagnostic("AGX005", f"cannot read: {why}", path, 0, 0)
    if data is None:
        return None, _too_big(path, max_bytes)
    return decode(data, path)


def read_stdin(max_bytes: int = MAX_BYTES) -> Tuple[Optional[str], Optional[Diagnostic]]:
    """stdin read as bytes and decoded like a file: the same codes and exit statuses."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is None:  # a text-only stdin (embedding): nothing to decode
            text = sys.stdin.read()
            return (text, None) if not max_bytes or len(text) <= max_bytes else (None, _too_big("<stdin>", max_bytes))
        data = _read_capped(stream, max_bytes)
    except OSError as exc:
        return None, Diagnostic("AGX005", f"cannot read: {reason(exc, '<stdin>')}", "<stdin>", 0, 0)
    if data is None:
        return None, _too_big("<stdin>", max_bytes)
    return decode(data, "<stdin>")


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _make_parents(directory: Path) -> None:
    """mkdir -p, with ENOTDIR naming the component that is a file (not a bare 'File exists')."""
    missing = []
    d = directory
    while not os.path.exists(d):
        if os.path.islink(d):  # a dangling link in the way
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(d))
        missing.append(d)
        d = d.parent
    if not os.path.isdir(d):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(d))
    for d in reversed(missing):
        os.mkdir(d)


def _replace(path: Path, data: bytes, st: Optional[os.stat_result]) -> None:
    """Atomic: a temporary file next to `path` (short name: long names still fit), then rename."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".agx-", suffix=".tmp", dir=str(path.parent))
    except OSError as exc:
        raise OSError(exc.errno, f"{exc.strerror} (creating a file in {path.parent})", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~umask() if st is None else stat.S_IMODE(st.st_mode))
        if st is not None and hasattr(os, "chown"):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:  # not ours to give away: the file becomes the writer's
                pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _write_special(path: Path, data: bytes, st: os.stat_result) -> None:
    if stat.S_ISFIFO(st.st_mode):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OSError(errno.ENXIO, "a FIFO that no process is reading", str(path)) from None
            raise
        os.set_blocking(fd, True)
    elif stat.S_ISCHR(st.st_mode):
        fd = os.open(path, os.O_WRONLY)
    else:
        kind = "a block device" if stat.S_ISBLK(st.st_mode) else "a socket"
        raise OSError(errno.EINVAL, f"{kind}: agx writes only files, FIFOs and character devices", str(path))
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def write_text(path: Path, text: str, regular_only: bool = False) -> None:
    """Write `text` (UTF-8, newlines as given) to `path`; see the module docstring. Raises OSError.

    regular_only (for -i): the destination must be a regular file (or a link to one)."""
    data = text.encode("utf-8")
    path = Path(path)
    try:
        st = os.stat(path)  # through links
    except FileNotFoundError:
        if os.path.islink(path):  # a dangling link: create what it points to
            path = Path(os.path.realpath(path))
        _make_parents(path.parent)
        return _replace(path, data, None)
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(st.st_mode):
        if regular_only:
            raise OSError(errno.EINVAL, "not a regular file: -i rewrites only files", str(path))
        return _write_special(path, data, st)
    if os.path.islink(path):
        real = Path(os.path.realpath(path))
        if not _same_file(real, st):  # a link no path names (/dev/stdout to a redirected file)
            return _overwrite(path, data)
        path = real
    if st.st_nlink > 1:
        return _overwrite(path, data)
    return _replace(path, data, st)


def _same_file(path: Path, st: os.stat_result) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)


def _overwrite(path: Path, data: bytes) -> None:
    """In place, keeping the inode (hard links, a redirected /dev/stdout): not atomic."""
    with open(path, "wb") as fh:
        fh.write(data)


atomic_write = write_text  # the name golden.py uses


def write_diagnostic(path, text: str, regular_only: bool = False) -> Optional[Diagnostic]:
    """write_text, with an OSError as an AGX007 diagnostic naming the path and the OS's reason."""
    try:
        write_text(Path(path), text, regular_only)
    except OSError as exc:
        return Diagnostic("AGX007", f"cannot write: {reason(exc, str(path))}", str(path), 0, 0)
    return None
