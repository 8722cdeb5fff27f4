"""Static checks run before lowering: code that would convert but fail while tracing.

  AGX206  `del x` inside lowered control flow, where `x` comes from outside the construct
          (a tf.cond branch or loop body is a function: `x` is a loop variable or an
          output there, and deleting it leaves nothing to return).
  AGX211  a closure (nested def, lambda, or a nested class's methods) defined before a lowered
          `if`/loop reads a name that construct rebinds and is called in or after it: the
          construct's new values live in the generated branch/body functions and their
          outputs, so the closure would read the value from before it (eager sees the new one).
  AGX213  the same for a lowered `if` (AutoGraph too would read the stale value there).
  AGX302  a loop variable of a lowered loop whose dtype or structure, as the source states
          it (literals, `tf.cast`, `tf.constant(dtype=)`, tuples, `None`), differs before the
          loop and after an iteration: `s = 0` then `s += 0.5` (tf.while_loop keeps a loop
          variable's dtype and structure fixed; eager Python silently promotes).

Before: the analysed function (decisions attached).  After: diagnostics in the sink only.
Only what the source states is used: an expression whose type is not evident is unknown
and never reported. Liveness decides loop variables exactly as control_flow.py does.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

import gast

from ..analysis.activity import EMPTY, block_summary, expr_reads, live_outs, summarize
from ..ground.printer import expr_source
from ..ground.syntax import SCOPES, target_names, walk, walk_body
from ..ground.tfapi import DEFAULT_FLOAT, LITERAL_DTYPES, SAME_AS_ARG, dtype_argument, tf_api
from .closures import rebindable, region
from .common import LowerContext, is_lowered
from . import datasets

Known = Dict[str, Tuple[str, int, str]]  # name -> (type, line, source of the binding)


def check_function(fn: gast.FunctionDef, state: LowerContext) -> None:
    _Deletes(state).run(fn)
    check_closures(fn, state)
    _LoopTypes(state).block(fn.body, EMPTY, {})
    datasets.refuse(fn, state)  # AGX111


# -- AGX206 ------------------------------------------------------------------------------
class _Deletes:
    def __init__(self, state: LowerContext):
        self.state = state
        self.fn = None

    def run(self, fn) -> None:
        self.fn = fn
        self.block(fn.body, set(), None)

    def _outside(self, name: str, construct) -> bool:
        """`name` is a parameter or bound by a statement outside `construct`."""
        inside = {id(n) for n in walk(construct)}
        return any(isinstance(n, gast.Name) and n.id == name and isinstance(n.ctx, (gast.Store, gast.Param))
                   and id(n) not in inside for n in walk(self.fn))

    def block(self, stmts, assigned: set, construct) -> None:
        """`assigned`: names bound earlier inside the innermost lowered `construct`."""
        assigned = set(assigned)
        for stmt in stmts:
            if isinstance(stmt, gast.Delete) and construct is not None:
                what = "if" if isinstance(construct, gast.If) else "loop"
                for t in stmt.targets:
                    if isinstance(t, gast.Name) and (t.id not in assigned or self._outside(t.id, construct)):
                        self.state.sink.error(
                            "AGX206", f"`del {t.id}` inside a tensor {what} (line {construct.lineno}): "
                            f"`{t.id}` is defined outside it, so the "
                            f"{'loop carries it' if what == 'loop' else 'branch returns it'} and cannot "
                            "delete it", t, help=f"remove the `del`, or assign `{t.id}` a value instead")
            if isinstance(stmt, gast.Delete):
                for t in stmt.targets:
                    assigned -= target_names(t)
                continue
            if isinstance(stmt, SCOPES):
                continue
            lowered = is_lowered(stmt) and isinstance(stmt, (gast.If, gast.While, gast.For))
            start = set(target_names(stmt.target)) if lowered and isinstance(stmt, gast.For) else set()
            for field in ("body", "orelse", "finalbody"):
                body = getattr(stmt, field, None)
                if body:
                    self.block(body, start if lowered else assigned, stmt if lowered else construct)
            for h in getattr(stmt, "handlers", None) or ():
                self.block(h.body, assigned, construct)
            assigned |= summarize(stmt).mustdef


# -- AGX211 ------------------------------------------------------------------------------
def _closure_reads(node) -> FrozenSet[str]:
    """Free names a nested def, lambda or class (through its methods) reads when it runs."""
    if isinstance(node, gast.Lambda):
        return expr_reads(node)
    if isinstance(node, gast.ClassDef):
        return frozenset().union(*(summarize(s).reads for s in node.body
                                   if isinstance(s, (gast.FunctionDef, gast.AsyncFunctionDef))))
    return summarize(node).reads


def _closures(fn):
    """(closure node, the name it is bound to) for every nested def, class and named lambda."""
    for stmt in walk_body(fn.body):
        if isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)):
            yield stmt, stmt.name
        elif isinstance(stmt, gast.Assign) and isinstance(stmt.value, gast.Lambda):
            for t in stmt.targets:
                for name in target_names(t):
                    yield stmt.value, name


def _aliases(name: str, fn) -> FrozenSet[str]:
    """`name` and the names bound to values made from it (`obj = Callable()`, `h = g`)."""
    names, grew = {name}, True
    while grew:
        grew = False
        for s in walk_body(fn.body):
            if isinstance(s, gast.Assign) and expr_reads(s.value) & names:
                new = frozenset().union(*(target_names(t) for t in s.targets)) - names
                names |= new
                grew = grew or bool(new)
    return frozenset(names)


def _uses(names, stmts) -> bool:
    return any(isinstance(n, gast.Name) and n.id in names and isinstance(n.ctx, gast.Load)
               for s in stmts for n in walk(s))


def check_closures(fn, state: LowerContext) -> None:
    """AGX211/AGX213: a closure defined before a lowered loop/`if` reads a name it rebinds. One
    diagnostic per closure and kind; an `if` inside a loop already reported adds nothing (the
    loop carries the name, and AutoGraph gets that right)."""
    copied = rebindable(fn)  # closures.py defines these again where lowering rebinds their names
    regions = {name: frozenset().union(*(region(fn, s) for s in stmts)) for name, stmts in copied.items()}
    closures = list(_closures(fn))
    if not closures:
        return
    lowered = [c for c in walk_body(fn.body) if isinstance(c, (gast.If, gast.While, gast.For)) and is_lowered(c)]
    lowered.sort(key=lambda c: (isinstance(c, gast.If), c.lineno))  # loops first
    reported = {}  # id(closure) -> (ids of the nodes inside the loops reported, kinds reported)
    for construct in lowered:
        what = "`if`" if isinstance(construct, gast.If) else "loop"
        inside = {id(n) for n in walk(construct)}
        rebound = summarize(construct).writes
        after = [s for s in walk_body(fn.body) if getattr(s, "lineno", 0) > construct.lineno]
        for node, name in closures:
            covered, kinds = reported.setdefault(id(node), (set(), set()))
            if id(node) in inside or node.lineno >= construct.lineno or what in kinds or id(construct) in covered:
                continue
            if name in regions and id(construct) in regions[name]:
                continue  # defined again in the construct's generated functions
            hit = sorted(_closure_reads(node) & rebound)
            names = frozenset({name}) if name in regions else _aliases(name, fn)  # copied ones are only called
            if hit and (_uses(names, [construct]) or _uses(names, after)):
                kinds.add(what)
                covered |= inside
                state.sink.error(
                    "AGX211" if what == "loop" else "AGX213", f"`{name}` (line {node.lineno}) reads "
                    f"`{hit[0]}`, which the tensor {what} at line {construct.lineno} rebinds: called in or "
                    f"after it, the closure would see the value `{hit[0]}` had before the {what}", node,
                    help=f"pass `{hit[0]}` to `{name}` as an argument, or define `{name}` inside the {what}")


# -- AGX302 ------------------------------------------------------------------------------
def _dtype_name(expr) -> Optional[str]:
    if isinstance(expr, gast.Attribute):
        return expr.attr
    if isinstance(expr, gast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def type_of(expr, known: Known, ctx) -> Optional[str]:
    """The dtype ("int32", "float32", "bool", ...) or structure ("None", "a tuple of 2") the
    source states for `expr` once a tf.while_loop converts it; None when not evident."""
    if isinstance(expr, gast.Constant):
        v = expr.value
        if v is None:
            return "None"
        if isinstance(v, bool):
            return "bool"
        return LITERAL_DTYPES.get(type(v))
    if isinstance(expr, gast.Name):
        return known[expr.id][0] if expr.id in known else None
    if isinstance(expr, gast.Tuple):
        return f"a tuple of {len(expr.elts)}"
    if isinstance(expr, gast.UnaryOp):
        return "bool" if isinstance(expr.op, gast.Not) else type_of(expr.operand, known, ctx)
    if isinstance(expr, gast.Compare):
        return "bool"
    if isinstance(expr, gast.BinOp) and not isinstance(expr.op, (gast.Div, gast.Pow, gast.MatMult)):
        left, right = type_of(expr.left, known, ctx), type_of(expr.right, known, ctx)
        if left == right and left in ("int32", "float32"):
            return left
        if {left, right} == {"int32", "float32"}:
            return "float32"  # Python promotes; a graph loop variable cannot
        return None
    if isinstance(expr, gast.IfExp):
        a, b = type_of(expr.body, known, ctx), type_of(expr.orelse, known, ctx)
        return a if a == b else None
    if isinstance(expr, gast.Call):
        api = tf_api(expr.func, ctx)
        if api is None:
            return None
        stated = dtype_argument(expr, api)
        if stated is not None:
            return _dtype_name(stated)
        if api in ("constant", "convert_to_tensor") and expr.args:
            return _dtype_name(expr.args[1]) if len(expr.args) > 1 else type_of(expr.args[0], known, ctx)
        if api in DEFAULT_FLOAT:
            return "float32"
        if api in SAME_AS_ARG and expr.args:
            return type_of(expr.args[0], known, ctx)
    return None


def _describe(kind: str) -> str:
    if kind in ("None", "a value"):
        return kind
    if kind.startswith("a tuple"):
        return kind
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} value"


class _LoopTypes:
    def __init__(self, state: LowerContext):
        self.state = state

    def _text(self, node) -> str:
        lines = self.state.lines
        line = getattr(node, "lineno", 0)
        return lines[line - 1].strip() if 0 < line <= len(lines) else expr_source(node)

    def block(self, stmts, live_out: FrozenSet[str], known: Known) -> None:
        """Walk a block in order; `known` (updated in place) holds what each name evidently is."""
        for stmt, out in zip(stmts, live_outs(stmts, live_out)):
            if isinstance(stmt, (gast.While, gast.For)) and is_lowered(stmt):
                self.loop(stmt, out, known)
            if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name):
                kind = type_of(stmt.value, known, self.state.ctx)
                if kind is None:
                    known.pop(stmt.targets[0].id, None)
                else:
                    known[stmt.targets[0].id] = (kind, stmt.lineno, self._text(stmt))
                continue
            if isinstance(stmt, SCOPES):
                continue
            lowered_loop = isinstance(stmt, (gast.While, gast.For)) and is_lowered(stmt)
            inner = {k: v for k, v in known.items() if k not in summarize(stmt).writes}
            for field in ("body", "orelse", "finalbody"):
                body = getattr(stmt, field, None)
                if body and not (lowered_loop and field == "body"):
                    self.block(body, out | summarize(stmt).exposed, dict(inner))
            for h in getattr(stmt, "handlers", None) or ():
                self.block(h.body, out, dict(known))
            for name in summarize(stmt).writes:
                if not (isinstance(stmt, gast.Assign)):
                    known.pop(name, None)  # a compound statement may or may not have rebound it

    def loop(self, node, live_out: FrozenSet[str], known: Known) -> None:
        body = block_summary(node.body)
        test = expr_reads(node.test) if isinstance(node, gast.While) else EMPTY
        targets = target_names(node.target) if isinstance(node, gast.For) else EMPTY
        loop_vars = (body.writes - targets) & (body.exposed | test | live_out)
        carried = {n: known[n] for n in loop_vars if n in known}
        for stmt in _bindings(node.body):
            target = stmt.targets[0] if isinstance(stmt, gast.Assign) else stmt.target
            name = target.id
            if name not in carried:
                continue
            value = stmt.value if isinstance(stmt, gast.Assign) else gast.BinOp(
                left=gast.Name(name, gast.Load(), None, None), op=stmt.op, right=stmt.value)
            before, line, text = carried[name]
            after = type_of(value, carried, self.state.ctx)
            if after is None and before == "None":
                after = "a value"  # None cannot become anything in a tf.while_loop
            if after is None or after == before:
                continue
            self.state.sink.error(
                "AGX302", f"`{name}` is {_describe(before)} before the tensor loop at line {node.lineno} "
                f"(`{text}`, line {line}) but {_describe(after)} after an iteration "
                f"(`{self._text(stmt)}`): a tf.while_loop variable keeps its dtype and structure",
                stmt, help=_help(name, before, after))
        # the body, for loops nested in it (their own loop variables)
        self.block(node.body, body.exposed | test | live_out, dict(known))


def _help(name: str, before: str, after: str) -> str:
    if before == "None":
        return f"give `{name}` an initial value of the dtype and shape it has in the loop"
    if {before, after} == {"int32", "float32"}:
        return f"start with a float (`{name} = 0.0`) or convert with `tf.cast({name}, tf.float32)` before the loop"
    return f"give `{name}` the same dtype and structure before the loop and in it"


def _bindings(stmts):
    """Assign/AugAssign to a plain name in `stmts`, nested blocks included (not nested defs)."""
    stack = list(reversed(stmts))
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, SCOPES):
            continue
        if isinstance(stmt, gast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], gast.Name):
            yield stmt
        elif isinstance(stmt, gast.AugAssign) and isinstance(stmt.target, gast.Name):
            yield stmt
        for field in ("finalbody", "orelse", "body"):
            stack.extend(reversed(getattr(stmt, field, None) or []))
        for h in reversed(getattr(stmt, "handlers", None) or []):
            stack.extend(reversed(h.body))


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    """Refusals that need the whole function first (`del` of a loop variable, loop dtypes)."""
    check_function(fn, ctx)
    return fn
