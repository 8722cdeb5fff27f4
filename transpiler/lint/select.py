"""--select / --ignore by code or prefix, ruff's way: the most specific matching entry wins.

`AGX4` selects every AGX4xx code, `ALL` every code; within one layer `select = ["AGX4"]`,
`ignore = ["AGX40"]` is decided per code by its longest matching prefix (a tie goes to ignore).
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import PurePath
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from .rules import DEFAULT_IGNORE, RULES


class SelectionError(ValueError):
    """An entry that matches no known code (a usage error)."""


def split_codes(values: Iterable[str]) -> List[str]:
    out = []
    for v in values:
        out.extend(p.strip().upper() for p in str(v).split(",") if p.strip())
    return out


def check_codes(entries: Sequence[str], where: str) -> None:
    for e in entries:
        if e != "ALL" and not any(code.startswith(e) for code in RULES):
            known = ", ".join(sorted(RULES))
            raise SelectionError(f"{where}: `{e}` matches no agx code (known: {known})")


def _specificity(code: str, entries: Sequence[str]) -> int:
    best = -1
    for e in entries:
        if e == "ALL":
            best = max(best, 0)
        elif code.startswith(e):
            best = max(best, len(e))
    return best


class Selection:
    """Which codes are reported. Layers apply in order (the configuration file, then the CLI):
    a layer with `select` decides anew (its own `ignore` by specificity); a layer with only
    `ignore` switches codes off. The default is every code but the note AGX404."""

    def __init__(self, layers: Sequence[Tuple[Optional[Sequence[str]], Sequence[str]]] = (),
                 per_file: Optional[Dict[str, Sequence[str]]] = None, base: Optional[str] = None):
        self.layers = [(None if sel is None else list(sel), list(ign)) for sel, ign in layers]
        for sel, ign in self.layers:
            check_codes(sel or [], "select")
            check_codes(ign, "ignore")
        self.per_file = {k: list(v) for k, v in (per_file or {}).items()}
        self.base = base
        for pattern, codes in self.per_file.items():
            check_codes(codes, f"per-file-ignores `{pattern}`")

    def enabled(self, code: str, filename: str = "") -> bool:
        if code.startswith("AGX00"):  # input errors (syntax, unknown name) are always reported
            return True
        on = _decide(code, ["AGX"], DEFAULT_IGNORE)
        for sel, ign in self.layers:
            if sel is not None:
                on = _decide(code, sel, ign)
            elif _specificity(code, ign) >= 0:
                on = False
        if on and _specificity(code, self._file_ignores(filename)) >= 0:
            on = False
        return on

    def _file_ignores(self, filename: str) -> List[str]:
        if not self.per_file or not filename:
            return []
        out = []
        for pattern, codes in self.per_file.items():
            if matches(filename, pattern, self.base):
                out.extend(codes)
        return out


def _decide(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    chosen = _specificity(code, select)
    return chosen >= 0 and chosen > _specificity(code, ignore)


def matches(filename: str, pattern: str, base: Optional[str] = None) -> bool:
    """Glob `pattern` against the path (relative to `base` when below it), a parent of it,
    or the file name: `tests/*.py`, `legacy/`, `conftest.py`."""
    candidates = {PurePath(filename).as_posix()}
    if base is not None:
        rel = os.path.relpath(os.path.abspath(filename), os.path.abspath(base))
        if not rel.startswith(".."):
            candidates.add(PurePath(rel).as_posix())
    pattern = pattern.rstrip("/")
    for c in candidates:
        path = PurePath(c)
        if fnmatch.fnmatch(c, pattern) or fnmatch.fnmatch(path.name, pattern):
            return True
        if any(fnmatch.fnmatch(p.as_posix(), pattern) for p in path.parents if p.as_posix() != "."):
            return True
    return False
