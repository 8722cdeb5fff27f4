"""Test inputs for conversion in pieces: several modules in one file, each module's top-level
names suffixed so that the modules stay independent (pieces.py groups by shared names)."""
from __future__ import annotations

import ast
import io
import tokenize
from typing import List


def renamed(source: str, suffix: str) -> str:
    """`source` with its top-level defs' and classes' names (every NAME token) suffixed."""
    tops = {s.name for s in ast.parse(source).body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    lines = source.splitlines(keepends=True)
    for tok in reversed(tokens):
        if tok.type == tokenize.NAME and tok.string in tops:
            (row, col), (_, end) = tok.start, tok.end
            line = lines[row - 1]
            lines[row - 1] = line[:col] + tok.string + suffix + line[end:]
    return "".join(lines)


def combined(sources: List[str]) -> str:
    """One module of `sources`, renamed apart, two blank lines between them."""
    parts = [renamed(s, f"_{i}").rstrip("\n") + "\n" for i, s in enumerate(sources)]
    return "\n\n".join(parts)
