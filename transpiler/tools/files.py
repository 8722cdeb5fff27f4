"""File handling for the CLI: reading with located errors, walking trees, atomic writes."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from ..diagnostics import Diagnostic

SKIP_DIRS = {".git", "__pycache__", ".venv", "venv", "build", "dist", ".tox", ".eggs"}


def read_source(path: str) -> Tuple[Optional[str], Optional[Diagnostic]]:
    """(text, None) or (None, AGX005 diagnostic) for a missing, unreadable or non-UTF-8 file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None, Diagnostic("AGX005", "no such file or directory", path, 0, 0)
    except IsADirectoryError:
        return None, Diagnostic("AGX005", "is a directory", path, 0, 0)
    except OSError as exc:
        return None, Diagnostic("AGX005", f"cannot read: {exc.strerror or exc}", path, 0, 0)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1)
        return None, Diagnostic("AGX005", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path, line, col,
                                help="save the file as UTF-8")


def python_files(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for f in sorted(filenames):
            if f.endswith(".py"):
                yield Path(dirpath) / f


def expand(paths: List[str]) -> List[Tuple[str, Optional[Path]]]:
    """Each input file with the directory it was found under (for mirroring), '-' kept."""
    out = []
    for p in paths:
        if p == "-":
            out.append(("-", None))
        elif Path(p).is_dir():
            out.extend((str(f), Path(p)) for f in python_files(Path(p)))
        else:
            out.append((p, None))
    return out


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory and rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".agx-tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
