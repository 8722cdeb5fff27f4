"""Refuse mutation of Python containers inside lowered control flow (AGX205), and a tensor
`if` whose branches would give a container different structures (AGX212), an item first added
inside a tensor loop (AGX214).

A `tf.cond` traces both branches and a `tf.while_loop` traces its body once, so
`d[k] = v`, `names.add(x)`, `cache.update(...)` there would run at trace time, once or for
both branches: silently different from eager Python. Lists that are only appended to were
already turned into TensorArrays (lists.py), and item assignment to a local container
(`x[0] = v`, `d["a"]["b"] += 1`) makes it state of the tf.cond / tf.while_loop (activity
counts it as a write of `x`; see item_state.py); anything else mutated here is refused.
Before: any function. After: unchanged, with a diagnostic per offending statement.
"""
from __future__ import annotations

from typing import Optional, Set, Tuple

import gast

from ..analysis.tensorness import LIST_MUTATORS
from ..ground.syntax import LOOPS, SCOPES, dotted, is_builtin_call, item_roots, param_names, walk, walk_body
from ..ground.tfapi import tf_api
from . import first_values
from .common import LowerContext, is_lowered
from .lists import inside

CONSTRUCTORS = {"list", "dict", "set", "collections.defaultdict", "defaultdict", "OrderedDict",
                "collections.OrderedDict", "collections.deque", "deque"}
LITERALS = (gast.List, gast.Dict, gast.Set, gast.ListComp, gast.DictComp, gast.SetComp)


def container_names(fn, state: LowerContext, every=None) -> Set[str]:
    """Names (and `self.attr`s) bound to Python lists/dicts/sets in the function or module.
    `every`: `fn`'s nodes, when the caller has walked it already."""
    names = set(state.ctx.global_lists)
    for node in walk(fn) if every is None else every:
        if isinstance(node, gast.Assign):
            value = node.value
            is_container = isinstance(value, LITERALS) or (
                isinstance(value, gast.Call) and dotted(value.func) in CONSTRUCTORS)
            if is_container:
                names.update(n for n in (dotted(t) for t in node.targets) if n)
    return names


GROWING = {"dict", "collections.defaultdict", "defaultdict", "OrderedDict", "collections.OrderedDict"}


def growing_names(fn, every=None) -> Set[str]:
    """Names bound to an empty dict (`{}`, `dict()`) or a defaultdict: an item assignment
    there adds a key, and graph state keeps one structure (branches and iterations alike)."""
    names = set()
    for node in walk(fn) if every is None else every:
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


def _root(node):
    """`x` of `x`, `x["a"]["b"]`, `x.y[0]` (dotted), or None."""
    while isinstance(node, gast.Subscript):
        node = node.value
    return dotted(node)


def _own_nodes(stmt):
    """The expression nodes of `stmt` itself (not of the statements nested in it)."""
    for field in stmt._fields:
        if field in ("body", "orelse", "finalbody", "handlers"):
            continue
        value = getattr(stmt, field, None)
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, gast.AST):
                yield from walk(v)


def mutated(stmt, local=frozenset()):
    """(container name, node) for each container mutation `stmt` makes: `d[k] = v`, `x["a"]["b"]
    += 1`, `del d[k]`, `names.add(x)`, and mutating calls inside expressions (`s += l.pop()`).
    An item assigned in a local container is graph state (lower/item_state.py), not a mutation."""
    if isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Delete)):
        targets = stmt.targets if isinstance(stmt, (gast.Assign, gast.Delete)) else [stmt.target]
        for t in targets:
            roots = item_roots(t) if not isinstance(stmt, gast.Delete) else set()
            if roots and roots <= local:
                continue
            for sub in walk(t):
                if isinstance(sub, gast.Subscript) and isinstance(sub.ctx, (gast.Store, gast.Del)):
                    yield _root(sub), stmt
    if isinstance(stmt, SCOPES):
        return
    for node in _own_nodes(stmt):
        if (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute)
                and node.func.attr in LIST_MUTATORS):
            yield _root(node.func.value), stmt


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
    lowered = [c for c in walk_body(fn.body) if isinstance(c, LOOPS + (gast.If,)) and is_lowered(c)]
    if not lowered:  # both checks are about lowered constructs
        return
    every = list(walk(fn))  # read three times below, changed by none of them
    names = container_names(fn, state, every)
    local = ({n.id for n in every if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)}
             - set(param_names(fn)) - state.declared_global - growing_names(fn, every))
    _check_item_state(fn, state, local, lowered)
    if not names:
        return
    lowered.sort(key=lambda c: (isinstance(c, gast.If), c.lineno))  # a loop's reason comes first
    empty = first_values.empty_dicts(fn)
    grown = {id(c): set(first_values.grown_loop(c, empty, state.ctx)) for c in lowered if not isinstance(c, gast.If)}
    for construct in lowered:
        if isinstance(construct, gast.If):
            check_balance(fn, construct, names, state)
        for stmt in walk_body(inside(construct)):
            for target, node in mutated(stmt, local):
                if target in grown.get(id(construct), ()) and any(s is stmt for s in construct.body):
                    continue  # a dict the loop fills: initialised from a first trace
                if target in names and not state.sink.has_error_at(node):  # lists.py said why
                    state.sink.error(
                        "AGX205", f"Python container `{target}` is mutated inside {_what(construct)}",
                        node, help="keep Tensors in a tf.TensorArray or return them as values; "
                        "`lst.append(x)` then `tf.stack(lst)` is converted for you")
    for construct in lowered:  # after AGX205, which refuses an item added to an empty dict
        if not isinstance(construct, gast.If):
            check_loop_items(fn, construct, names - grown[id(construct)], state)


def _check_item_state(fn, state: LowerContext, local, lowered) -> None:
    """AGX205: item state an alias or the caller would see (a parameter, or a container also
    used as a whole): the converted code assigns into a copy."""
    params, cache = set(param_names(fn)), []

    def whole() -> dict:  # computed once, at the first local root
        if not cache:
            cache.append(whole_uses(fn, state))
        return cache[0]

    for construct in lowered:
        for stmt in walk_body(inside(construct)):
            if not isinstance(stmt, (gast.Assign, gast.AugAssign)):
                continue
            targets = stmt.targets if isinstance(stmt, gast.Assign) else [stmt.target]
            for root in sorted(set().union(*(item_roots(t) for t in targets))):
                if state.sink.has_error_at(stmt):
                    continue
                if root in params:
                    why = "it is a parameter (eagerly, the caller's object changes)"
                elif root in local and root in whole():
                    why = (f"line {whole()[root]} uses the container itself (an alias, an argument, "
                           "an iteration)")
                else:
                    continue
                where = "a tensor `if`" if isinstance(construct, gast.If) else "a tensor loop"
                state.sink.error(
                    "AGX205", f"`{root}` is assigned by item inside {where}, and {why}: the "
                    "converted code assigns into a copy (graph state)", stmt,
                    help=f"make a local container for it before the `{construct_word(construct)}` "
                    f"and use that one only through its items, or return the values instead")


# -- AGX212: a tensor `if` whose branches give a container different structures ------------
def _path(target) -> Optional[Tuple]:
    """("x", "a", "b") for `x["a"]["b"]` with constant keys; None otherwise."""
    keys = []
    while isinstance(target, gast.Subscript):
        if not isinstance(target.slice, gast.Constant):
            return None
        keys.append(target.slice.value)
        target = target.value
    root = dotted(target)
    return (root,) + tuple(reversed(keys)) if root and keys else None


def _paths(stmts) -> dict:
    """Constant-key item assignments in `stmts` (nested blocks too): path -> statement."""
    out = {}
    for stmt in walk_body(stmts):
        targets = stmt.targets if isinstance(stmt, gast.Assign) else []
        for t in targets:
            p = _path(t)
            if p is not None:
                out.setdefault(p, stmt)
    return out


def _literal_paths(value, prefix: Tuple) -> Set[Tuple]:
    """Item paths a container literal has: `{"a": {"b": 1}}` -> ("a",), ("a", "b")."""
    out = set()
    if isinstance(value, gast.Dict):
        for k, v in zip(value.keys, value.values):
            if isinstance(k, gast.Constant):
                out.add(prefix + (k.value,))
                out |= _literal_paths(v, prefix + (k.value,))
    elif isinstance(value, (gast.List, gast.Tuple)):
        for i, v in enumerate(value.elts):
            out.add(prefix + (i,))
            out |= _literal_paths(v, prefix + (i,))
    return out


def _present(fn, path: Tuple) -> bool:
    """Every binding of the container is a literal that already has the item at `path`."""
    values = [s.value for s in walk_body(fn.body) if isinstance(s, gast.Assign)
              for t in s.targets if dotted(t) == path[0]]
    return bool(values) and all(path[1:] in _literal_paths(v, ()) for v in values)


def check_balance(fn, node: gast.If, names: Set[str], state: LowerContext) -> None:
    """AGX212: an item added to a container in one branch of a tensor `if` only (a tf.cond
    needs both branches to produce the same structure; eager Python has the item on one path)."""
    body, orelse = _paths(node.body), _paths(node.orelse)
    for path, stmt in list(body.items()) + list(orelse.items()):
        if (path[0] not in names or (path in body and path in orelse) or _present(fn, path)
                or state.sink.has_error_at(stmt)):
            continue
        item = path[0] + "".join(f"[{k!r}]" for k in path[1:])
        other = "else" if path in body else "main (`if`)"
        state.sink.error(
            "AGX212", f"`{item}` is added only in one branch of the tensor `if` at line {node.lineno}: "
            "both branches of a tf.cond must produce the same structure, so the container would "
            "differ from eager Python", stmt,
            help=f"assign `{item}` in the {other} branch too, or before the `if`")


def _absent(fn, path: Tuple) -> bool:
    """Every binding of the container is a literal without the item at `path` (`y = {}`)."""
    values = [s.value for s in walk_body(fn.body) if isinstance(s, gast.Assign)
              for t in s.targets if dotted(t) == path[0]]
    return bool(values) and all(isinstance(v, (gast.Dict, gast.List, gast.Tuple))
                                and path[1:] not in _literal_paths(v, ()) for v in values)


def check_loop_items(fn, node, names: Set[str], state: LowerContext) -> None:
    """AGX214: an item first added to a container inside a tensor loop (a tf.while_loop
    variable keeps its structure; eagerly the item appears after the first iteration)."""
    for path, stmt in _paths(node.body).items():
        if path[0] not in names or not _absent(fn, path) or state.sink.has_error_at(stmt):
            continue
        item = path[0] + "".join(f"[{k!r}]" for k in path[1:])
        state.sink.error(
            "AGX214", f"`{item}` is added to `{path[0]}` inside the tensor loop at line {node.lineno}: "
            "a tf.while_loop variable keeps its structure across iterations", stmt,
            help=f"give `{item}` an initial value (of the same dtype) before the loop")


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    """A refusal stage: other Python container mutation inside lowered control flow (AGX205)."""
    check_containers(fn, ctx)
    return fn
