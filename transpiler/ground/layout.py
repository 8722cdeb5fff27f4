"""The layout a file asks for: its line length (black/ruff configuration) and indentation.

Before: a file name (`pkg/model.py`) and, for indentation, the source lines of a block.
After:  `line_length("pkg/model.py") == 100` when the nearest pyproject.toml says
        `[tool.black] line-length = 100` (or `[tool.ruff]`), else 88 (black's default);
        `indent_unit(...) == "  "` for a 2-space file, `"\\t"` for a tab-indented one.
        `file_unit(lines)`: the same for a whole file (its first indented block).
"""
from __future__ import annotations

import functools
import os
import tokenize
from typing import Optional

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None

DEFAULT_LINE_LENGTH = 88
DEFAULT_UNIT = "    "


def line_length(filename: Optional[str]) -> int:
    """The `line-length` of `[tool.black]` (then `[tool.ruff]`) in the nearest
    pyproject.toml above `filename`; 88 without one (or for `<string>` input)."""
    if not filename or filename.startswith("<"):
        return DEFAULT_LINE_LENGTH
    folder = os.path.dirname(os.path.abspath(filename))
    return _configured(folder)


def _configured(folder: str) -> int:
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        try:
            stamp = os.stat(candidate).st_mtime_ns
        except OSError:
            stamp = None
        if stamp is not None:
            found = _read_length(candidate, stamp)
            if found is not None:
                return found
        parent = os.path.dirname(folder)
        if parent == folder:
            return DEFAULT_LINE_LENGTH
        folder = parent


@functools.lru_cache(maxsize=256)
def _read_length(path: str, stamp: int) -> Optional[int]:
    """The configured length in one pyproject.toml (`stamp`: its mtime, so edits are seen)."""
    if tomllib is None:
        return None
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, ValueError):
        return None
    tool = data.get("tool", {}) if isinstance(data, dict) else {}
    for section in ("black", "ruff"):
        value = tool.get(section, {}).get("line-length") if isinstance(tool.get(section), dict) else None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


def leading(text: str) -> str:
    """The leading whitespace of a line."""
    return text[: len(text) - len(text.lstrip(" \t"))]


def indent_unit(outer: str, inner: str, fallback: str = DEFAULT_UNIT) -> str:
    """One level of indentation: what `inner` (a body line's indentation) adds to `outer`
    (its header's), or `fallback` when they do not nest that way."""
    if inner.startswith(outer) and len(inner) > len(outer):
        return inner[len(outer):]
    return fallback



def file_unit(lines) -> str:
    """A file's indentation unit: its first INDENT token (a multi-line signature or a
    decorator does not hide it, as it did a scan for a line ending in `:`), else 4 spaces."""
    source = (line if line.endswith("\n") else line + "\n" for line in lines)
    try:
        for token in tokenize.generate_tokens(lambda: next(source, "")):
            if token.type == tokenize.INDENT:
                return token.string
    except (tokenize.TokenError, SyntaxError):
        pass
    return DEFAULT_UNIT
