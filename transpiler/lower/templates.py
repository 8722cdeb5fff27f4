"""Quoted-code templates (after AutoGraph's `templates.replace`) and atom builders.

    replace("target = tf.cond(test, if_true, if_false)", target=..., test=..., if_true="if_true_1")

Placeholders are plain names in the template; a value may be a name (str), a gast node or a
list of statements (spliced where the placeholder stands alone as a statement). Contexts
(Load/Store/Param) are fixed up to where the placeholder sits.
"""
from __future__ import annotations

import copy
import textwrap
from typing import List

import gast

from ..ground.syntax import Transformer, arguments, walk


def name(id_: str, ctx=None) -> gast.Name:
    return gast.Name(id=id_, ctx=ctx or gast.Load(), annotation=None, type_comment=None)


def names_tuple(ids, ctx=None) -> gast.Tuple:
    return gast.Tuple(elts=[name(i, ctx) for i in ids], ctx=ctx or gast.Load())


def constant(value) -> gast.Constant:
    return gast.Constant(value=value, kind=None)


def attr(dotted_name: str) -> gast.expr:
    parts = dotted_name.split(".")
    node = name(parts[0])
    for p in parts[1:]:
        node = gast.Attribute(value=node, attr=p, ctx=gast.Load())
    return node


def thunk(value) -> gast.Lambda:
    """`lambda: value` (a tf.cond branch that only computes an expression)."""
    return gast.Lambda(args=arguments(), body=value)


def call(func, *args, **keywords) -> gast.Call:
    func = attr(func) if isinstance(func, str) else func
    return gast.Call(func=func, args=list(args),
                     keywords=[gast.keyword(arg=k, value=v) for k, v in keywords.items()])


def _set_ctx(node, ctx_type):
    for sub in walk(node):
        if isinstance(sub, (gast.Name, gast.Tuple, gast.List, gast.Starred)):
            sub.ctx = ctx_type()
    return node


def _as_expr(value, ctx):
    if isinstance(value, str):
        return name(value, ctx())
    node = copy.deepcopy(value)
    if isinstance(node, (gast.Name, gast.Tuple, gast.List)):
        _set_ctx(node, ctx)
    return node


class _Replacer(Transformer):
    def __init__(self, replacements):
        self.r = replacements

    def visit_Name(self, node):
        if node.id not in self.r:
            return node
        value = self.r[node.id]
        return _as_expr(value, type(node.ctx))

    def visit_Expr(self, node):
        if isinstance(node.value, gast.Name) and isinstance(self.r.get(node.value.id), list):
            return copy.deepcopy(self.r[node.value.id])  # statement splice
        self.generic_visit(node)
        return node

    def visit_FunctionDef(self, node):
        if node.name in self.r and isinstance(self.r[node.name], str):
            node.name = self.r[node.name]
        for arg in node.args.args:
            self.visit(arg)
        # expand parameter placeholders: `def f(params)` with params = ["a", "b"]
        new_args = []
        for arg in node.args.args:
            value = self.r.get(arg.id) if isinstance(arg, gast.Name) else None
            if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
                new_args.extend(name(v, gast.Param()) for v in value)
            else:
                new_args.append(arg)
        node.args.args = new_args
        body = []
        for stmt in node.body:
            res = self.visit(stmt)
            body.extend(res if isinstance(res, list) else [res])
        node.body = body or [gast.Pass()]
        return node

    def generic_visit(self, node):
        for field, old in gast.iter_fields(node):
            if isinstance(old, list):
                new = []
                for item in old:
                    if isinstance(item, gast.AST):
                        res = self.visit(item)
                        if res is None:
                            continue
                        new.extend(res if isinstance(res, list) else [res])
                    else:
                        new.append(item)
                old[:] = new
            elif isinstance(old, gast.AST):
                res = self.visit(old)
                setattr(node, field, res)
        return node


def replace(template: str, **replacements) -> List[gast.stmt]:
    """Parse a template and substitute placeholders; returns a list of statements."""
    tree = gast.parse(textwrap.dedent(template))
    _Replacer(replacements).visit(tree)
    return tree.body
