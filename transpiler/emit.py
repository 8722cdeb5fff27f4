"""gast -> ast -> source with astor, putting comments back.

`skeleton_source` prints one generated statement with each of its statement lists replaced
by a marker line (`__agx_block_0__`), so the driver's splicing (`splice.py`) fills them in:
statements the lowering did not change are copied from the input's text, the others are
printed here again.

astor drops comments, so a comment travels through the passes as `Anno.COMMENT` on its
statement and is emitted as a marker call ``__agx_comment__('text')`` that is turned into
a real `# text` line after printing.
"""
from __future__ import annotations

import ast
import copy
import re
import textwrap

import astor
import gast
from astor.code_gen import set_precedence

from .ground.anno import Anno, get
from .ground.printer import pretty, to_ast
from .ground.lines import split_lines

MARKER = "__agx_comment__"
_MARKER_LINE = re.compile(r"^(\s*)" + MARKER + r"\((.*)\)\s*$")


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
    for line in split_lines(text):
        m = _MARKER_LINE.match(line)
        if m:
            comment = ast.literal_eval(m.group(2))
            out.append(f"{m.group(1)}{comment}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def statement_source(node, indent=0) -> str:
    """Source of a (converted) statement, comments restored, indented by `indent` (columns or a prefix)."""
    holder = gast.Module(body=[node], type_ignores=[])
    undo = []
    try:  # markers go in, gast_to_ast copies the tree, the caller's tree is restored
        _insert_comments(holder, undo)
        tree = to_ast(holder)
    finally:
        for items, original in reversed(undo):
            items[:] = original
    text = astor.to_source(tree, pretty_source=pretty, source_generator_class=_Generator)
    text = _restore_comments(text)
    prefix = indent if isinstance(indent, str) else " " * indent  # a str: the source's own indentation
    return textwrap.indent(text, prefix) if prefix else text


BLOCK = "__agx_block_"
BLOCK_LINE = re.compile(r"^(\s*)" + BLOCK + r"(\d+)__$")
_BLOCK_FIELDS = ("body", "orelse", "finalbody")


_SPLIT = "__agx_stmt_"


def _name_stmt(name: str):
    return gast.Expr(value=gast.Name(id=name, ctx=gast.Load(), annotation=None, type_comment=None))


def skeleton_source(node):
    """(text, blocks): `node` printed (4 spaces a level, no comments) with every non-empty
    statement list replaced by a `__agx_block_K__` line; `blocks[K]` is that list.
    Before: `def if_true():` + body      After: "def if_true():\n    __agx_block_0__\n", [body]"""
    texts, blocks = skeleton_sources([node])
    return texts[0], blocks


def skeleton_sources(nodes):
    """`skeleton_source` of several statements in one printing: (texts, blocks), a text per
    node; the block markers of every text index the one `blocks` list."""
    blocks, body = [], []

    def marker(stmts):
        blocks.append(stmts)
        return [_name_stmt(f"{BLOCK}{len(blocks) - 1}__")]

    for i, node in enumerate(nodes):
        shell = copy.copy(node)
        if isinstance(node, gast.stmt) and not isinstance(node, gast.Match):
            for field in _BLOCK_FIELDS:
                stmts = getattr(node, field, None)
                if isinstance(stmts, list) and stmts and isinstance(stmts[0], gast.stmt):
                    setattr(shell, field, marker(stmts))
            if getattr(node, "handlers", None):
                shell.handlers = []
                for h in node.handlers:
                    h2 = copy.copy(h)
                    h2.body = marker(h.body)
                    shell.handlers.append(h2)
        body += [_name_stmt(f"{_SPLIT}{i}__"), shell]
    tree = to_ast(gast.Module(body=body, type_ignores=[]))
    text = astor.to_source(tree, pretty_source=pretty, source_generator_class=_Generator)
    texts, current = [], None
    for line in text.split("\n"):
        if line.startswith(_SPLIT) and line.rstrip().endswith("__") and line[len(_SPLIT):-2].isdigit():
            current = []
            texts.append(current)
        elif current is not None:
            current.append(line)
    return ["\n".join(t) + "\n" for t in texts], blocks


class _Generator(astor.code_gen.SourceGenerator):
    """astor, printed the way agx's output reads: no blank lines around nested defs,
    `lambda: x` and one-element tuples in parentheses (`(i,) = ...`, `return (i,)`)."""

    def newline(self, node=None, extra=0):
        super().newline(node, 0)

    def visit_Lambda(self, node):
        with self.delimit(node) as delimiters:
            set_precedence(delimiters.p, node.body)
            args = node.args
            if args.args or args.posonlyargs or args.vararg or args.kwonlyargs or args.kwarg:
                self.write("lambda ")
                self.visit_arguments(args)
            else:
                self.write("lambda")
            self.write(": ", node.body)

    def visit_JoinedStr(self, node):
        from .fstrings import joined_str
        text = joined_str(node, lambda e: astor.to_source(ast.Expr(value=e), pretty_source=pretty,
                                                          source_generator_class=_Generator).strip())
        if text is None:
            return super().visit_JoinedStr(node)
        self.write(text)

    def visit_TryStar(self, node):  # astor predates `except*`
        self.statement(node, "try:")
        self.body(node.body)
        for handler in node.handlers:
            self.statement(handler, "except* ", handler.type)
            self.conditional_write(" as ", handler.name)
            self.write(":")
            self.body(handler.body)
        self.else_body(node.orelse)
        if node.finalbody:
            self.statement(node, "finally:")
            self.body(node.finalbody)

    def visit_Tuple(self, node):
        with self.delimit(node) as delimiters:
            delimiters.discard = delimiters.discard and len(node.elts) > 1
            self.comma_list(node.elts, len(node.elts) == 1)
