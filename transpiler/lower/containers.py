"""Refuse mutation of Python containers inside lowered control flow (AGX205), and a tensor
`if` whose branches would give a container different structures (AGX212).

A `tf.cond` traces both branches and a `tf.while_loop` traces its body once, so
`d[k] = v`, `names.add(x)`, `cache.update(...)` there would run at trace time, once or for
both branches: silently different from eager Python. Lists that are only appended to were
already turned into TensorArrays (lists.py); anything still mutated here is refused.
Before: any function. After: unchanged, with a diagnostic per offending statement.
"""
from __future__ import annotations

from typing import Optional, Set, Tuple

import gast

from ..analysis.tensorness import LIST_MUTATORS
from ..ground.syntax import LOOPS, SCOPES, dotted, walk, walk_body
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


def mutated(stmt):
    """(container name, node) for each container mutation `stmt` makes: `d[k] = v`, `x["a"]["b"]
    += 1`, `del d[k]`, `names.add(x)`, and mutating calls inside expressions (`s += l.pop()`)."""
    if isinstance(stmt, (gast.Assign, gast.AugAssign, gast.Delete)):
        targets = stmt.targets if isinstance(stmt, (gast.Assign, gast.Delete)) else [stmt.target]
        for t in targets:
            for sub in walk(t):
                if isinstance(sub, gast.Subscript) and isinstance(sub.ctx, (gast.Store, gast.Del)):
                    yield _root(sub), stmt
    if isinstance(stmt, SCOPES):
        return
    for node in _own_nodes(stmt):
        if (isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute)
                and node.func.attr in LIST_MUTATORS):
            yield _root(node.func.value), stmt


def check_containers(fn, state: LowerContext) -> None:
    names = container_names(fn, state)
    if not names:
        return
    lowered = [c for c in walk_body(fn.body) if isinstance(c, LOOPS + (gast.If,)) and is_lowered(c)]
    lowered.sort(key=lambda c: (isinstance(c, gast.If), c.lineno))  # a loop's reason comes first
    for construct in lowered:
        if isinstance(construct, gast.If):
            check_balance(fn, construct, names, state)
        for stmt in walk_body(inside(construct)):
            for target, node in mutated(stmt):
                if target in names and not state.sink.has_error_at(node):  # lists.py said why
                    state.sink.error(
                        "AGX205", f"Python container `{target}` is mutated inside {_what(construct)}",
                        node, help="keep Tensors in a tf.TensorArray or return them as values; "
                        "`lst.append(x)` then `tf.stack(lst)` is converted for you")


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


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    """A refusal stage: other Python container mutation inside lowered control flow (AGX205)."""
    check_containers(fn, ctx)
    return fn
