"""gast -> ast -> source with astor, putting comments back.

astor drops comments, so a comment travels through the passes as `Anno.COMMENT` on its
statement and is emitted as a marker call ``__agx_comment__('text')`` that is turned into
a real `# text` line after printing.
"""
from __future__ import annotations

import ast
import re
import textwrap

import astor
import gast

from .decisions import Anno, get

MARKER = "__agx_comment__"
_MARKER_LINE = re.compile(r"^(\s*)" + MARKER + r"\((.*)\)\s*$")
_ONE_TARGET = re.compile(r"^(\s*)(\w+), = ")
_ONE_RETURN = re.compile(r"^(\s*)return (\w+),$")


def to_ast(node):
    return gast.gast_to_ast(node)


def expr_source(node) -> str:
    return astor.to_source(to_ast(_wrap_expr(node))).strip()


def _wrap_expr(node):
    if isinstance(node, gast.expr):
        return gast.Module(body=[gast.Expr(value=node)], type_ignores=[])
    return node


def _marker(text: str):
    call = gast.Call(func=gast.Name(id=MARKER, ctx=gast.Load(), annotation=None, type_comment=None),
                     args=[gast.Constant(value=text, kind=None)], keywords=[])
    return gast.Expr(value=call)


_HOLDERS = (gast.stmt, gast.ExceptHandler, gast.match_case)


def _insert_comments(node, undo: list) -> None:
    """Put comment markers into the statement lists under `node`, in place.

    Only statement lists are visited (comments live on statements). Each list changed is
    recorded in `undo` as (list, original items) so the caller can restore the tree.
    """
    for field in node._fields:
        old = getattr(node, field, None)
        if not isinstance(old, list) or not old or not isinstance(old[0], _HOLDERS):
            continue
        if not isinstance(old[0], gast.stmt):  # except handlers, match cases
            for item in old:
                _insert_comments(item, undo)
            continue
        new = []
        for stmt in old:
            for text in get(stmt, Anno.COMMENT, ()) or ():
                new.append(_marker(text))
            new.append(stmt)
            _insert_comments(stmt, undo)
        if len(new) != len(old):
            undo.append((old, list(old)))
            old[:] = new


def _restore_comments(text: str) -> str:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue  # astor's blank lines around nested defs
        line = line.replace("lambda :", "lambda:")
        line = _ONE_TARGET.sub(r"\1(\2,) = ", line)      # `i, = ...` -> `(i,) = ...`
        line = _ONE_RETURN.sub(r"\1return (\2,)", line)  # `return i,` -> `return (i,)`
        m = _MARKER_LINE.match(line)
        if m:
            comment = ast.literal_eval(m.group(2))
            out.append(f"{m.group(1)}{comment}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def statement_source(node, indent: int = 0) -> str:
    """Source of a (converted) statement, comments restored, indented by `indent` columns."""
    holder = gast.Module(body=[node], type_ignores=[])
    undo = []
    try:  # markers go in, gast_to_ast copies the tree, the caller's tree is restored
        _insert_comments(holder, undo)
        tree = to_ast(holder)
    finally:
        for items, original in reversed(undo):
            items[:] = original
    text = astor.to_source(tree, pretty_source=_pretty)
    text = _restore_comments(text)
    return textwrap.indent(text, " " * indent) if indent else text


def _pretty(tokens):
    # no line wrapping: astor's splitter produces hard-to-read continuation lines
    return "".join(tokens)
