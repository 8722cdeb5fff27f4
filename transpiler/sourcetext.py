"""Positions in the input's text: byte columns as characters, a node's source, which
statement owns each comment.

Before: `ast` columns (UTF-8 bytes) and `parsed.comments` (line -> text).
After:  `char_col(line, 4)`, `node_source(node, lines)`, and every comment put onto the
        statement whose text holds it (`attach_comments`), for `splice.py`.
"""
from __future__ import annotations

import bisect
import io
import tokenize
from typing import Dict

import gast

from .ground.anno import Anno, get, put
from .ground.syntax import walk

_BLOCKS = ("body", "orelse", "finalbody", "handlers")


def key(node):
    """A statement's identity across copies of the tree: its type and source span."""
    return (type(node), getattr(node, "lineno", None), getattr(node, "col_offset", None),
            getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None))


def _compound(node) -> bool:
    return any(isinstance(getattr(node, f, None), list) and getattr(node, f) for f in _BLOCKS)


def char_col(line: str, byte_col: int) -> int:
    return len(line.encode()[:byte_col].decode("utf-8", errors="ignore"))


def node_source(node, lines) -> str:
    chunk = lines[node.lineno - 1:node.end_lineno]
    first = char_col(chunk[0], node.col_offset)
    if len(chunk) == 1:
        return chunk[0][first:char_col(chunk[0], node.end_col_offset)]
    return "\n".join([chunk[0][first:]] + chunk[1:-1] + [chunk[-1][:char_col(chunk[-1], node.end_col_offset)]])


def offset_in(text, base, lines, node, end: bool) -> int:
    """Index in `text` (the source of a node starting at `base`) of `node`'s start or end."""
    line, col = (node.end_lineno, node.end_col_offset) if end else (node.lineno, node.col_offset)
    rows = text.split("\n")
    index = sum(len(r) + 1 for r in rows[:line - base[0]])
    chars = char_col(lines[line - 1], col)
    if line == base[0]:
        chars -= char_col(lines[line - 1], base[1])
    return index + chars


def string_lines(text: str) -> set:
    out = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
                out.update(range(tok.start[0] + 1, tok.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):
        pass
    return out


def attach_comments(fn, parsed) -> Dict:
    """Each comment inside `fn` goes onto the statement whose text holds it (`Anno.COMMENT`):
    an own-line comment onto the statement below it (or the multi-line statement or the
    compound header it sits in), an end-of-line one onto the statement on its line.
    Returns what went where (by `key`), so copied statements do not print it twice."""
    stmts = sorted((n for n in walk(fn) if isinstance(n, gast.stmt) and n is not fn), key=lambda n: n.lineno)
    starts = [s.lineno for s in stmts]
    lines, own = parsed.lines, parsed.own_line_comments
    attached: Dict = {}
    for line in range(fn.lineno + 1, (fn.end_lineno or fn.lineno) + 1):
        text = parsed.comments.get(line)
        if text is None:
            continue
        owner = _owner(stmts, starts, line, line in own, lines, own, parsed.string_lines)
        if owner is not None:
            put(owner, Anno.COMMENT, list(get(owner, Anno.COMMENT, [])) + [text])
            attached.setdefault(key(owner), []).append(text)
    return attached


def _owner(stmts, starts, line, own_line, lines, own, strings):
    at = bisect.bisect_right(starts, line)
    container = None
    for s in reversed(stmts[:at]):
        if s.end_lineno >= line and (s.lineno < line or not own_line):
            container = s
            break
    if not own_line:
        starting = next((s for s in stmts[bisect.bisect_left(starts, line):at]), None)
        return starting or container or (stmts[at - 1] if at else None)
    if container is not None and not _compound(container):
        return container
    nxt = stmts[at] if at < len(stmts) else None
    if nxt is not None and all(n in own or (n not in strings and not lines[n - 1].strip())
                               for n in range(line + 1, nxt.lineno)):
        return nxt
    return container or nxt
