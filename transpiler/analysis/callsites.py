"""The argument kinds of a nested def from its local call sites.

A nested function that only the statements after it call directly, with arguments whose
names nothing rebinds between the def and the call, gets each parameter's kind from those
arguments (joined over every call). Any other use of its name (passed, returned, stored,
called from another nested def or a lambda's own parameters) leaves its parameters unknown.

Before (agx's own output, converted again):
    def if_false(rest):                    `rest` is a Python value (it is `self.items`)
        if rest: ...                       -> stays a Python `if`, as in the first conversion
    x = cond(pred, if_true, lambda: if_false(rest))
Without it, `rest` would be unknown and the `if` dispatched: converting agx's output again
would change it.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set

import gast

from ..ground.syntax import children, param_names, walk, walk_unordered
from .decisions import Kind


def _bound(node) -> Set[str]:
    """Names a statement (or expression) binds in the current scope (not inside the defs,
    classes and lambdas it holds: those are theirs)."""
    out, stack = set(), [node]
    while stack:
        n = stack.pop()
        if isinstance(n, gast.Name) and isinstance(n.ctx, (gast.Store, gast.Del)):
            out.add(n.id)
        elif isinstance(n, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)):
            out.add(n.name)
            stack.extend(getattr(n, "decorator_list", []))
            continue
        elif isinstance(n, gast.Lambda):
            continue
        elif isinstance(n, (gast.Import, gast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in n.names)
        stack.extend(children(n))
    return out


def _own_targets(stmt) -> Set[str]:
    """Names a simple assignment binds after evaluating its value (the call already ran)."""
    if isinstance(stmt, (gast.Assign, gast.AnnAssign, gast.AugAssign)):
        targets = stmt.targets if isinstance(stmt, gast.Assign) else [stmt.target]
        return {n.id for t in targets for n in walk(t) if isinstance(n, gast.Name)}
    return set()


def _reads(expr) -> Set[str]:
    return {n.id for n in walk(expr) if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load)}


def _calls_in(stmt, name: str) -> Optional[List[gast.Call]]:
    """The direct calls of `name` in `stmt`; None when the name is used any other way, or
    called inside a nested def or with a lambda parameter among the arguments."""
    calls, callee_names = [], set()

    def walk(node, shadow: Set[str], in_def: bool) -> bool:
        if isinstance(node, (gast.FunctionDef, gast.AsyncFunctionDef)):
            if _binds(node, name) or name in param_names(node):
                return True  # its own `name` shadows this one inside it
            return all(walk(c, shadow, True) for c in children(node))
        if isinstance(node, gast.Lambda):
            inner = shadow | set(param_names(node))
            return all(walk(c, inner, in_def) for c in children(node))
        if isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and node.func.id == name:
            args = list(node.args) + [k.value for k in node.keywords]
            if in_def or any(isinstance(a, gast.Starred) for a in node.args) \
                    or any(k.arg is None for k in node.keywords) \
                    or any(_reads(a) & shadow for a in args):
                return False
            calls.append(node)
            callee_names.add(id(node.func))
        elif isinstance(node, gast.Name) and node.id == name and id(node) not in callee_names:
            return False
        return all(walk(c, shadow, in_def) for c in children(node))

    return calls if walk(stmt, set(), False) else None


def local_calls(index: "ScopeIndex", fn, rest) -> Optional[List[gast.Call]]:
    """Every call of nested def `fn` in `rest` (the statements after it in its block), each
    made while the names its arguments read still hold their values from the def; None
    when that is not so (or `fn` is never called there)."""
    calls, rebound = [], set()
    uses = [pos for pos, _ in index.reads.get(fn.name, ()) if pos > _start(fn)]
    for stmt in rest:
        if not uses or _start(stmt) > max(uses):
            break  # no call of it further down
        if isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)) and stmt.name == fn.name:
            break  # defined again: what follows calls that one
        found = _calls_in(stmt, fn.name) if fn.name in index.names(stmt) else []  # no such Name: no call
        if found is None:
            return None
        bound = index.bound(stmt)
        inside = bound - _own_targets(stmt) if found else set()
        for call in found:
            args = list(call.args) + [k.value for k in call.keywords]
            if any(_reads(a) & (rebound | inside) for a in args):
                return None
        calls += found
        rebound |= bound
        if fn.name in bound:
            break  # rebound: later calls are of something else
    return calls or None


def bind(fn, call: gast.Call) -> Optional[Dict[str, gast.AST]]:
    """Parameter name -> argument expression of `call` (None when it does not bind plainly)."""
    args = fn.args
    if args.vararg or args.kwarg or getattr(args, "posonlyargs", None):
        return None
    names = [a.id for a in args.args] + [a.id for a in args.kwonlyargs]
    if len(call.args) > len(args.args):
        return None
    out = dict(zip(names, call.args))
    for k in call.keywords:
        if k.arg not in names or k.arg in out:
            return None
        out[k.arg] = k.value
    return out


def join(values, why: str):
    """One kind for a parameter over its calls: theirs when they agree (kind and sort),
    the Python kind when all are Python values, else the most general one."""
    first = values[0]
    if all(v.kind == first.kind and v.sort == first.sort for v in values):
        return first._replace(why=f"{why} {first.why}" if first.why else first.why)
    best = max(values, key=lambda v: v.kind)
    if best.kind == Kind.PYTHON:
        return best._replace(sort=None)
    return best._replace(maybe_python=best.maybe_python or any(v.kind == Kind.PYTHON for v in values))


class ScopeIndex:
    """One walk of a function: where each name is read (and whether inside a nested
    lambda/def, which runs later), and the spans of its loops."""

    def __init__(self, scope, consumes=lambda call: False, memo: Optional[Dict] = None):
        """`consumes(call)`: the call runs its lambda arguments before it returns and keeps
        none (tf.cond, agx's own `cond`): a read inside them is not deferred. `memo`: shared
        by the indexes of one function and its nested defs (what each node binds or names)."""
        self.reads: Dict[str, List[tuple]] = {}
        self.loops: List[tuple] = []
        self.defs: Dict[str, List[tuple]] = {}  # name -> (start, end, end of its block) of a def
        self._memo = {} if memo is None else memo  # (what, id of a node) -> a set (the tree is not changed)
        stack = [(scope, False, frozenset())]
        now = set()  # ids of lambdas a consuming call runs at once
        while stack:
            node, deferred, shadow = stack.pop()
            if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Load):
                if node.id not in shadow:  # else a nested scope's own binding of the name
                    self.reads.setdefault(node.id, []).append((_start(node), deferred))
            elif isinstance(node, (gast.For, gast.AsyncFor, gast.While)):
                self.loops.append((_start(node), _end(node)))
            elif isinstance(node, gast.Call) and consumes(node):
                now.update(id(a) for a in node.args if isinstance(a, gast.Lambda))
            if not deferred and _has_blocks(node.__class__):
                self._note_defs(node)
            nested = node is not scope and isinstance(node, (gast.Lambda, gast.FunctionDef,
                                                             gast.AsyncFunctionDef))
            if nested:
                late = deferred or id(node) not in now
                inner = shadow | self._once("own", node, _own_names)
                stack.extend([(c, late, inner if _in_body(node, c) else shadow) for c in children(node)])
            else:
                stack.extend([(c, deferred, shadow) for c in children(node)])

    def _once(self, what: str, node, compute) -> frozenset:
        key = (what, id(node))
        if key not in self._memo:
            self._memo[key] = frozenset(compute(node))
        return self._memo[key]

    def names(self, stmt) -> Set[str]:
        """The ids of every Name in `stmt` (once per statement)."""
        return self._once("names", stmt, lambda s: (n.id for n in walk_unordered(s) if isinstance(n, gast.Name)))

    def bound(self, stmt) -> Set[str]:
        """`_bound(stmt)`, once per statement (each nested def looks at the statements after it)."""
        return self._once("bound", stmt, _bound)

    def _note_defs(self, node) -> None:
        """The defs in `node`'s statement lists, each with the end of the list it is in."""
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if isinstance(stmts, list) and stmts:
                for stmt in stmts:
                    if isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef)):
                        self.defs.setdefault(stmt.name, []).append(
                            (_start(stmt), _end(stmt), _end(stmts[-1])))


_BLOCKS: Dict[type, bool] = {}


def _has_blocks(cls) -> bool:
    """Nodes of `cls` may hold statement lists (`_note_defs` reads only those fields)."""
    if cls not in _BLOCKS:
        _BLOCKS[cls] = any(f in cls._fields for f in ("body", "orelse", "finalbody"))
    return _BLOCKS[cls]


def _own_names(fn) -> frozenset:
    """The names a def or lambda binds in its own scope (its parameters, what its body
    assigns, less its `global`/`nonlocal` names): a read of one inside it is not the
    enclosing scope's (agx's `if_true` holds its own `if_false`)."""
    names = set(param_names(fn))
    if isinstance(fn, gast.Lambda):
        return frozenset(names)
    free, stack = set(), list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (gast.Global, gast.Nonlocal)):
            free.update(node.names)
        elif not isinstance(node, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef, gast.Lambda)):
            stack.extend(children(node))
    for stmt in fn.body:
        names |= _bound(stmt)
    return frozenset(names - free)


def _in_body(fn, child) -> bool:
    """`child` of a def or lambda runs in its scope (decorators, defaults and annotations
    run in the enclosing one)."""
    return child is fn.body or (isinstance(fn.body, list) and any(child is s for s in fn.body))


def _start(node) -> tuple:
    return getattr(node, "lineno", 0) or 0, getattr(node, "col_offset", 0) or 0


def _end(node) -> tuple:
    return getattr(node, "end_lineno", 0) or 0, getattr(node, "end_col_offset", 0) or 0


def _binds(fn, name: str) -> bool:
    """`fn`'s own scope binds `name` (agx nests an `if_true` in an `if_true`): every read of
    it inside `fn` means that binding, never `fn`."""
    stack = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)):
            if node.name == name:
                return True
            continue
        if isinstance(node, gast.Lambda):
            continue
        if isinstance(node, gast.Name) and node.id == name and isinstance(node.ctx, gast.Store):
            return True
        stack.extend(children(node))
    return False


def only_local(index: ScopeIndex, fn, rest) -> bool:
    """True when every read of `fn`'s name outside `rest` refers to another binding: it
    runs before the def (not in a lambda or def, and the def is in no loop), or after a
    later def of the name in that def's block (agx's `if_false` of an `elif`, then of the
    `else`)."""
    where, inside = _start(fn), (_start(fn), _end(fn)) if _binds(fn, fn.name) else None
    first, last = (_start(rest[0]), _end(rest[-1])) if rest else ((0, 0), (0, 0))
    later = [(end, block) for start, end, block in index.defs.get(fn.name, ()) if start > where]
    before = False
    for pos, deferred in index.reads.get(fn.name, ()):
        if first <= pos <= last or (inside and inside[0] <= pos <= inside[1]):
            continue  # in `rest`, or in `fn`'s body where its own def of the name shadows it
        if not deferred and any(end < pos <= block for end, block in later):
            continue  # runs after a later def of the name in its block: that one is called
        if deferred or pos >= where:
            return False
        before = True
    return not (before and any(a <= where <= b for a, b in index.loops))
