"""Refuse mutation of Python containers inside lowered control flow (AGX205).

A `tf.cond` traces both branches and a `tf.while_loop` traces its body once, so
`d[k] = v`, `names.add(x)`, `cache.update(...)` there would run at trace time, once or for
both branches: silently different from eager Python. Lists that are only appended to were
already turned into TensorArrays (lists.py), and item assignment to a local container
(`x[0] = v`, `d["a"]["b"] += 1`) makes it state of the tf.cond / tf.while_loop (activity
counts it as a write of `x`; see item_state.py); anything else mutated here is refused.
Before: any function. After: unchanged, with a diagnostic per offending statement.
"""
from __future__ import annotations

from typing import Set

import gast

from ..analysis.tensorness import LIST_MUTATORS
from ..ground.syntax import LOOPS, dotted, is_builtin_call, item_roots, param_names, walk, walk_body
from ..ground.tfapi import tf_api
from .common import LowerContext, is_lowered
from .lists import inside

CONSTRUCTORS = {"list", "dict", "set", "collections.defaultdict", "defaultdict", "OrderedDict",
                "collections.OrderedDict", "collections.deque", "deque"}
LITERALS = (gast.List, gast.Dict, gast.Set, gast.ListComp, gast.DictComp, gast.SetComp)


def container_names(fn, state: LowerContext) -> Set[str]:
    """Names (and `self.attr`s) bound to Python lists/dicts/sets in the function or module."""
    names = set(state.ctx.global_lists)
    for node in walk(fn):
        if isinstance(node, gast.Assign):
            value = node.value
            is_container = isinstance(value, LITERALS) or (
                isinstance(value, gast.Call) and dotted(value.func) in CONSTRUCTORS)
            if is_container:
                names.update(n for n in (dotted(t) for t in node.targets) if n)
    return names


GROWING = {"dict", "collections.defaultdict", "defaultdict", "OrderedDict", "collections.OrderedDict"}


def growing_names(fn) -> Set[str]:
    """Names bound to an empty dict (`{}`, `dict()`) or a defaultdict: an item assignment
    there adds a key, and graph state keeps one structure (branches and iterations alike)."""
    names = set()
    for node in walk(fn):
        if isinstance(node, gast.Assign):
            value = node.value
            if (isinstance(value, gast.Dict) and not value.keys) or (
                    isinstance(value, gast.Call) and dotted(value.func) in GROWING and not value.args):
                names.update(n for n in (dotted(t) for t in node.targets) if n)
    return names


def construct_word(construct) -> str:
    return "if" if isinstance(construct, gast.If) else "while" if isinstance(construct, gast.While) else "for"


def _what(construct) -> str:
    if isinstance(construct, gast.If):
        return "a tensor `if` (both branches are traced, so both mutations would happen)"
    return "a tensor loop (its body is traced once, so the mutation would happen once)"


def whole_uses(fn, state: LowerContext) -> dict:
    """name -> first line where the container itself (not an item) is used in a way that may
    alias it: `q = pair`, `pair = q`, `g(pair)`, `for e in pair`, `[pair]`. Item assignment
    as graph state changes a copy (a tf.cond output, a loop variable), so an alias would
    silently keep the old items."""
    parents = {}
    for node in walk(fn):
        for child in gast.iter_child_nodes(node):
            parents[child] = node
    out = {}
    for node in walk(fn):
        if isinstance(node, gast.Assign) and isinstance(node.value, gast.Name):
            for t in node.targets:
                if isinstance(t, gast.Name):
                    out.setdefault(t.id, getattr(node, "lineno", 0))
        if not (isinstance(node, gast.Name) and isinstance(node.ctx, gast.Load)):
            continue
        p = parents.get(node)
        q = parents.get(p)
        harmless = (isinstance(p, (gast.Subscript, gast.Attribute)) and p.value is node) or isinstance(
            p, gast.Return) or (isinstance(p, gast.Tuple) and isinstance(q, gast.Return)) or (
            isinstance(p, gast.Call) and node in p.args and (
                tf_api(p.func, state.ctx) is not None or is_builtin_call(p, "len")))
        if not harmless:
            out.setdefault(node.id, getattr(node, "lineno", 0))
    return out


def check_containers(fn, state: LowerContext) -> None:
    names = container_names(fn, state)
    local = ({n.id for n in walk(fn) if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)}
             - set(param_names(fn)) - state.declared_global - growing_names(fn))
    whole, params = whole_uses(fn, state), set(param_names(fn))
    for construct in walk_body(fn.body):
        if not (isinstance(construct, LOOPS + (gast.If,)) and is_lowered(construct)):
            continue
        for stmt in walk_body(inside(construct)):
            if not isinstance(stmt, (gast.Assign, gast.AugAssign)):
                continue
            targets = stmt.targets if isinstance(stmt, gast.Assign) else [stmt.target]
            for root in sorted(set().union(*(item_roots(t) for t in targets))):
                if state.sink.has_error_at(stmt):
                    continue
                if root in params:
                    why = "it is a parameter (eagerly, the caller's object changes)"
                elif root in local and root in whole:
                    why = (f"line {whole[root]} uses the container itself (an alias, an argument, "
                           "an iteration)")
                else:
                    continue
                where = "a tensor `if`" if isinstance(construct, gast.If) else "a tensor loop"
                state.sink.error(
                    "AGX205", f"`{root}` is assigned by item inside {where}, and {why}: the "
                    "converted code assigns into a copy (graph state)", stmt,
                    help=f"make a local container for it before the `{construct_word(construct)}` "
                    f"and use that one only through its items, or return the values instead")
    if not names:
        return
    for construct in walk_body(fn.body):
        if not (isinstance(construct, LOOPS + (gast.If,)) and is_lowered(construct)):
            continue
        for stmt in walk_body(inside(construct)):
            target = None
            if isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Call):
                func = stmt.value.func
                if isinstance(func, gast.Attribute) and func.attr in LIST_MUTATORS:
                    target = dotted(func.value)
            elif isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Delete)):
                targets = stmt.targets if isinstance(stmt, (gast.Assign, gast.Delete)) else [stmt.target]
                for t in targets:
                    if isinstance(t, gast.Subscript) and not (
                            isinstance(stmt, (gast.Assign, gast.AugAssign)) and item_roots(t) <= local):
                        target = dotted(t.value)
            if target in names and not state.sink.has_error_at(stmt):  # lists.py said why
                state.sink.error(
                    "AGX205", f"Python container `{target}` is mutated inside {_what(construct)}",
                    stmt, help="keep Tensors in a tf.TensorArray or return them as values; "
                    "`lst.append(x)` then `tf.stack(lst)` is converted for you")


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    """A refusal stage: other Python container mutation inside lowered control flow (AGX205)."""
    check_containers(fn, ctx)
    return fn
