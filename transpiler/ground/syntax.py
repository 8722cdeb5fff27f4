"""AST helpers every layer shares: walkers, queries and the few node builders.

Nothing here knows about TensorFlow or about agx's analyses.
"""
from __future__ import annotations

import weakref
from typing import FrozenSet, Iterable, List, Optional

import gast

EMPTY: FrozenSet[str] = frozenset()
JUMPS = (gast.Break, gast.Continue, gast.Return)  # what ends a block early (as a raise does)
LOOPS = (gast.For, gast.While, gast.AsyncFor)
SCOPES = (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef, gast.Lambda)


def walk_unordered(node):
    """Every node under `node` (itself included), in no particular order; faster than gast.walk."""
    stack = [node]
    pop, push, AST = stack.pop, stack.append, gast.AST
    while stack:
        sub = pop()
        yield sub
        for field in sub._fields:
            value = getattr(sub, field, None)
            if isinstance(value, list):
                for v in value:
                    if isinstance(v, AST):
                        push(v)
            elif isinstance(value, AST):
                push(value)


def walk(node):
    """`gast.walk` (same nodes, same breadth-first order, each node's children read when it
    is reached), without its per-node generators: the queue is a list read in order."""
    todo = [node]
    extend = todo.extend
    for node in todo:  # `todo` grows while it is read
        extend(children(node))
        yield node


_NODES: "weakref.WeakKeyDictionary[gast.AST, tuple]" = weakref.WeakKeyDictionary()


def nodes(root) -> tuple:
    """`tuple(walk(root))`, computed once per `root`. Only for the analysed tree, which
    nothing changes once parsed (lowering changes `copy_tree` copies): selection, the fence,
    the analyses and the splicer each read every node of the same functions."""
    below = _NODES.get(root)
    if below is None:  # stored without `root`: a value that held its key would keep the tree alive
        found = tuple(walk(root))
        _NODES[root] = found[1:]
        return found
    return (root,) + below


def children(node) -> list:
    """`list(gast.iter_child_nodes(node))`, faster."""
    out = []
    append, AST = out.append, gast.AST
    for field in node._fields:
        value = getattr(node, field, None)
        if isinstance(value, AST):
            append(value)
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, AST):
                    append(v)
    return out


def walk_body(stmts: Iterable, into_loops: bool = True):
    """Statements nested in `stmts`, not entering nested scopes. `into_loops=False`: nor
    the body of a nested loop, but its `else` clause, whose `break`/`continue` are the
    enclosing loop's."""
    stack = list(stmts)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, SCOPES):
            continue
        if not into_loops and isinstance(node, LOOPS):
            stack.extend(node.orelse)
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            stack.extend(getattr(node, field, []) or [])


BLOCKS = ("body", "orelse", "finalbody")


def blocks_of(stmt, fields=BLOCKS):
    """`stmt`'s non-empty statement lists, then its `except` handlers' bodies."""
    for field in fields:
        block = getattr(stmt, field, None)
        if block:
            yield block
    for h in getattr(stmt, "handlers", None) or ():
        yield h.body


def map_blocks(stmt, fn, fields=BLOCKS) -> None:
    """Replace each of `stmt`'s non-empty statement lists (and its handlers' bodies) by `fn(list)`.

    Before: `if t: A` else `B`      After: `if t: fn(A)` else `fn(B)`
    """
    for field in fields:
        block = getattr(stmt, field, None)
        if block:
            setattr(stmt, field, fn(block))
    for h in getattr(stmt, "handlers", None) or ():
        h.body = fn(h.body)


def always_exits(stmts, kinds: tuple) -> bool:
    """Every path through `stmts` ends in one of `kinds` (or a raise)."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, kinds + (gast.Raise,)):
        return True
    if isinstance(last, gast.If):
        return always_exits(last.body, kinds) and always_exits(last.orelse, kinds)
    if isinstance(last, gast.With):
        return always_exits(last.body, kinds)
    if isinstance(last, gast.Try):  # `finally` exits, or the body and every handler do
        return always_exits(last.finalbody, kinds) or (
            always_exits(last.body, kinds) and all(always_exits(h.body, kinds) for h in last.handlers))
    return False


def contains(stmts, kinds: tuple, into_loops: bool) -> bool:
    return any(isinstance(n, kinds) for n in walk_body(stmts, into_loops))


def copy_tree(node):
    """A structural copy of a gast tree: new nodes, lists and contexts; annotation values
    (plain data) are shared. Much cheaper than `copy.deepcopy`, and what lowering works on
    so that the analysed tree is never changed."""
    if isinstance(node, list):
        return [copy_tree(n) for n in node]
    if not isinstance(node, gast.AST):
        return node
    new = node.__class__.__new__(node.__class__)
    for key, value in node.__dict__.items():
        if isinstance(value, gast.AST):
            value = copy_tree(value)
        elif isinstance(value, list):
            value = [copy_tree(v) for v in value]
        new.__dict__[key] = value
    return new


def dotted(node) -> Optional[str]:
    """`tf.math.add` -> "tf.math.add"; None for anything that is not a plain dotted name.

    Works on gast and on standard `ast` nodes alike (explain parses calls with `ast`)."""
    parts = []
    while type(node).__name__ == "Attribute":
        parts.append(node.attr)
        node = node.value
    if type(node).__name__ == "Name":
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def all_args(args: gast.arguments) -> List[gast.Name]:
    """Every parameter of an `arguments` node, `*args` and `**kwargs` included."""
    out = list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs)
    out += [a for a in (args.vararg, args.kwarg) if a is not None]
    return out


def param_names(fn, star: bool = True) -> List[str]:
    """Parameter names of a function, in order; `star=False` leaves out *args/**kwargs."""
    a = fn.args
    names = [x.id for x in a.posonlyargs + a.args + a.kwonlyargs]
    if star:
        names += [x.id for x in (a.vararg, a.kwarg) if x is not None]
    return names


def arguments(params: Iterable[str] = ()) -> gast.arguments:
    """`arguments` for plain positional parameters (none: an empty parameter list)."""
    return gast.arguments(args=[gast.Name(id=p, ctx=gast.Param(), annotation=None, type_comment=None)
                                for p in params],
                          posonlyargs=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
                          defaults=[])


def is_builtin_call(node, *names: str) -> bool:
    """`range(...)` (or any of `names`) called by its plain builtin name."""
    return isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and node.func.id in names


def item_roots(target) -> FrozenSet[str]:
    """Local names whose value an item assignment changes: `x` of `x[0] = v`, `x["a"]["b"] += 1`,
    `(x[0], y[1]) = ...` (a Subscript chain ending in a Name; not `a.b[0]`)."""
    if isinstance(target, (gast.Tuple, gast.List)):
        return frozenset().union(*(item_roots(e) for e in target.elts)) if target.elts else EMPTY
    if isinstance(target, gast.Starred):
        return item_roots(target.value)
    if not isinstance(target, gast.Subscript):
        return EMPTY
    while isinstance(target, gast.Subscript):
        target = target.value
    return frozenset([target.id]) if isinstance(target, gast.Name) else EMPTY


def assigned_items(stmts) -> set:
    """Names whose items `stmts` assign (`x[k] = v`, `x[k] += v`; not entering nested functions)."""
    roots = set()
    for stmt in walk_body(stmts):
        if isinstance(stmt, gast.Assign):
            for t in stmt.targets:
                roots |= item_roots(t)
        elif isinstance(stmt, gast.AugAssign):
            roots |= item_roots(stmt.target)
    return roots


def target_names(target) -> FrozenSet[str]:
    """Names bound by an assignment target (`a, (b, c) = ...`, not `a.x` or `a[i]`)."""
    if isinstance(target, gast.Name):
        return frozenset([target.id])
    if isinstance(target, (gast.Tuple, gast.List)):
        return frozenset().union(*(target_names(e) for e in target.elts)) if target.elts else EMPTY
    if isinstance(target, gast.Starred):
        return target_names(target.value)
    return EMPTY


_NO_FIELD = object()


class Transformer(gast.NodeTransformer):
    """`gast.NodeTransformer`, the same visits in the same order, faster: each node class's
    `visit_<Class>` (or `generic_visit`) is looked up once per transformer, not per node, and
    `generic_visit` reads the fields without `iter_fields`' generator."""

    def visit(self, node):
        cls = node.__class__
        methods = self.__dict__.get("_visit_methods")
        if methods is None:
            methods = self.__dict__["_visit_methods"] = {}
        method = methods.get(cls)
        if method is None:
            method = methods[cls] = getattr(self, "visit_" + cls.__name__, self.generic_visit)
        return method(node)

    def generic_visit(self, node):
        AST = gast.AST
        for field in node._fields:
            old_value = getattr(node, field, _NO_FIELD)
            if old_value is _NO_FIELD:
                continue
            if isinstance(old_value, list):
                new_values = []
                for value in old_value:
                    if isinstance(value, AST):
                        value = self.visit(value)
                        if value is None:
                            continue
                        elif not isinstance(value, AST):
                            new_values.extend(value)
                            continue
                    new_values.append(value)
                old_value[:] = new_values
            elif isinstance(old_value, AST):
                new_node = self.visit(old_value)
                if new_node is None:
                    delattr(node, field)
                else:
                    setattr(node, field, new_node)
        return node
