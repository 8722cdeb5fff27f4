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


class _CommentInserter(gast.NodeTransformer):
    def generic_visit(self, node):
        for field, old in gast.iter_fields(node):
            if isinstance(old, list) and old and isinstance(old[0], gast.stmt):
                new = []
                for stmt in old:
                    for text in get(stmt, Anno.COMMENT, ()) or ():
                        new.append(_marker(text))
                    new.append(self.visit(stmt))
                old[:] = new
            elif isinstance(old, list):
                for item in old:
                    if isinstance(item, gast.AST):
                        self.visit(item)
            elif isinstance(old, gast.AST):
                self.visit(old)
        return node


def _restore_comments(text: str) -> str:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue  # astor's blank lines around nested defs
        line = line.replace("lambda :", "lambda:")
        m = _MARKER_LINE.match(line)
        if m:
            comment = ast.literal_eval(m.group(2))
            out.append(f"{m.group(1)}{comment}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def statement_source(node, indent: int = 0) -> str:
    """Source of a (converted) statement, comments restored, indented by `indent` columns."""
    import copy
    node = copy.deepcopy(node)
    holder = gast.Module(body=[node], type_ignores=[])
    _CommentInserter().visit(holder)
    text = astor.to_source(to_ast(holder), pretty_source=_pretty)
    text = _restore_comments(text)
    return textwrap.indent(text, " " * indent) if indent else text


def _pretty(tokens):
    # no line wrapping: astor's splitter produces hard-to-read continuation lines
    return "".join(tokens)
