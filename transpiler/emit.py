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
from astor.code_gen import set_precedence
import gast

from .decisions import Anno, get
from .lines import split_lines

MARKER = "__agx_comment__"
_MARKER_LINE = re.compile(r"^(\s*)" + MARKER + r"\((.*)\)\s*$")


def to_ast(node):
    return gast.gast_to_ast(node)


def expr_source(node) -> str:
    return astor.to_source(to_ast(_wrap_expr(node)), pretty_source=_pretty).strip()


def source_fits(node, limit: int) -> bool:
    """`len(expr_source(node)) <= limit`, without printing when a cheap upper bound of the
    printed length already fits (most branch expressions are a few names and operators)."""
    bound = _length_bound(node)
    if bound is not None and bound <= limit:
        return True
    return len(expr_source(node)) <= limit


def _length_bound(node):
    """An upper bound of the printed length of `node` (generous: every sub-expression may be
    parenthesised), or None for node kinds it does not know (strings, lambdas, ...)."""
    bound = _BOUNDS.get(type(node))
    if bound is None:
        return None
    parts = bound(node)
    if parts is None:
        return None
    fixed, children = parts
    total = fixed + 2
    for child in children:
        n = _length_bound(child)
        if n is None:
            return None
        total += n + 2  # separator (", ", " ") or parentheses
    return total


def _constant_bound(node):
    v = node.value
    if v is None or isinstance(v, bool) or (isinstance(v, int) and abs(v) < 10 ** 15):
        return len(repr(v)), []
    if isinstance(v, float) and v == v and abs(v) not in (float("inf"),):
        return len(repr(v)), []
    return None


_BOUNDS = {
    gast.Name: lambda n: (len(n.id), []),
    gast.Constant: _constant_bound,
    gast.Attribute: lambda n: (len(n.attr) + 1, [n.value]),
    gast.BinOp: lambda n: (4, [n.left, n.right]),
    gast.UnaryOp: lambda n: (4, [n.operand]),
    gast.BoolOp: lambda n: (5 * len(n.values), list(n.values)),
    gast.Compare: lambda n: (8 * len(n.ops), [n.left] + list(n.comparators)),
    gast.Call: lambda n: (2 + sum(len(k.arg or "") + 3 for k in n.keywords),
                          [n.func] + list(n.args) + [k.value for k in n.keywords]),
    gast.Subscript: lambda n: (2, [n.value, n.slice]),
    gast.Slice: lambda n: (2, [x for x in (n.lower, n.upper, n.step) if x is not None]),
    gast.Tuple: lambda n: (3, list(n.elts)),
    gast.List: lambda n: (3, list(n.elts)),
    gast.Starred: lambda n: (2, [n.value]),
}


_COMPARE_OPS = {gast.Eq: "==", gast.NotEq: "!=", gast.Lt: "<", gast.LtE: "<=", gast.Gt: ">",
                gast.GtE: ">=", gast.Is: "is", gast.IsNot: "is not", gast.In: "in", gast.NotIn: "not in"}


def simple_source(node):
    """What `expr_source` prints, for the simple expressions most conditions are made of
    (names, attributes, small ints, calls and subscripts of those, one comparison); None for
    anything else, which needs astor."""
    if isinstance(node, gast.Name):
        return node.id
    if isinstance(node, gast.Attribute):
        base = node.value
        return None if not isinstance(base, (gast.Name, gast.Attribute)) else \
            _join(simple_source(base), "." + node.attr)
    if isinstance(node, gast.Constant):
        v = node.value
        return repr(v) if v is None or isinstance(v, bool) or (type(v) is int and 0 <= v < 10 ** 15) else None
    if isinstance(node, gast.Call):
        if not isinstance(node.func, (gast.Name, gast.Attribute)):
            return None
        parts = [simple_source(a) for a in node.args]
        parts += [None if k.arg is None else _join(k.arg + "=", simple_source(k.value)) for k in node.keywords]
        if None in parts:
            return None
        return _join(simple_source(node.func), "(" + ", ".join(parts) + ")")
    if isinstance(node, gast.Subscript):
        if not isinstance(node.value, (gast.Name, gast.Attribute, gast.Call, gast.Subscript)):
            return None
        index = simple_source(node.slice) if not isinstance(node.slice, gast.Constant) or \
            type(node.slice.value) is int else None
        return None if index is None else _join(simple_source(node.value), "[" + index + "]")
    if isinstance(node, gast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE_OPS:
        if isinstance(node.left, gast.Compare) or isinstance(node.comparators[0], gast.Compare):
            return None
        left, right = simple_source(node.left), simple_source(node.comparators[0])
        if left is None or right is None:
            return None
        return f"{left} {_COMPARE_OPS[type(node.ops[0])]} {right}"
    return None


def _join(a, b):
    return None if a is None or b is None else a + b


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
    text = astor.to_source(tree, pretty_source=_pretty, source_generator_class=_Generator)
    text = _restore_comments(text)
    prefix = indent if isinstance(indent, str) else " " * indent  # a str: the source's own indentation
    return textwrap.indent(text, prefix) if prefix else text


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
        text = joined_str(node, lambda e: astor.to_source(ast.Expr(value=e), pretty_source=_pretty,
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


def _pretty(tokens):
    # no line wrapping: astor's splitter produces hard-to-read continuation lines
    return "".join(tokens)
