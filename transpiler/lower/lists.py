"""A Python list appended inside lowered control flow becomes a `tf.TensorArray`.

Before:                               After:
    out = []                              out = tf.TensorArray(x.dtype, size=0, dynamic_size=True)
    for i in tf.range(n):                 for i in tf.range(n):
        out.append(x[i] * 2)                  out = out.write(out.size(), x[i] * 2)
    y = tf.stack(out)                     y = out.stack()
The element dtype is read off the appended expression (`tf.cast(.., D)` -> D, `x[i]` ->
`x.dtype`, comparisons -> tf.bool, ...). Other uses of the list (`len(out)`, `out[k]`) are
rewritten too; anything else (passing the list on, returning it) is refused with AGX204.
The same holds for appends in a lowered `if` (both branches are traced, so a Python list
would receive both appends). AutoGraph fails on this pattern unless annotated by hand.
"""
from __future__ import annotations

from typing import Dict, List, Optional

import gast

from ..analysis.activity import invalidate
from ..analysis.decisions import Kind
from ..ground.anno import Anno, get
from ..ground.printer import expr_source
from ..ground.syntax import LOOPS, Transformer, is_builtin_call, target_names, walk, walk_body
from ..ground.tfapi import INT32_RESULTS, LITERAL_DTYPES, NOT_A_VALUE, dtype_argument, tf_api
from . import templates as T
from .common import LowerContext, is_lowered


def inside(construct) -> List:
    """The statements a lowered construct runs (both branches of an `if`)."""
    return construct.body + (construct.orelse if isinstance(construct, gast.If) else [])


def _appends(stmts, name: str) -> List[gast.Expr]:
    return [s for s in walk_body(stmts) if isinstance(s, gast.Expr) and isinstance(s.value, gast.Call)
            and isinstance(s.value.func, gast.Attribute) and s.value.func.attr == "append"
            and isinstance(s.value.func.value, gast.Name) and s.value.func.value.id == name
            and len(s.value.args) == 1]


class ListLowering:
    def __init__(self, state: LowerContext):
        self.state = state

    def run(self, fn: gast.FunctionDef) -> None:
        loops = [n for n in walk_body(fn.body) if isinstance(n, LOOPS + (gast.If,)) and is_lowered(n)]
        if not loops:
            return
        defs: Dict[str, List[gast.Assign]] = {}
        for s in walk_body(fn.body):
            if isinstance(s, gast.Assign):
                for t in s.targets:
                    for n in target_names(t):
                        defs.setdefault(n, []).append(s)
        for name, assigns in sorted(defs.items(), key=lambda d: min(getattr(a, "lineno", 0) for a in d[1])):
            in_loop = [(loop, a) for loop in loops for a in _appends(inside(loop), name)]
            if not in_loop:
                continue
            loop, first = in_loop[0]
            assigns = sorted(assigns, key=lambda a: (getattr(a, "lineno", 0), getattr(a, "col_offset", 0)))
            span = self._span(fn, name, assigns, in_loop)
            if span is None:
                continue
            dtype = self.dtype_of(first.value.args[0], loop, fn, depth=0)
            if dtype is None:
                self.state.sink.error(
                    "AGX301", f"cannot infer the element dtype of list `{name}` appended in a tensor loop",
                    first, help=f"create it yourself: `{name} = {self.state.tf}.TensorArray(<dtype>, "
                    "size=0, dynamic_size=True)`")
                continue
            if self._rewrite(fn, name, assigns[0], dtype, span):
                invalidate(fn)

    def _span(self, fn, name: str, assigns, in_loop) -> Optional[slice]:
        """The top-level statements where `name` is the list: from `name = []` up to a later
        rebinding after the loops (`name = tf.stack(name)`); None after AGX204 (the real cause)."""
        first_append = in_loop[0][1]
        value = assigns[0].value
        where = f"`{name} = {expr_source(value)}` (line {getattr(assigns[0], 'lineno', '?')})"
        top = {id(s): i for i, s in enumerate(fn.body)}
        owner = lambda node: next(i for i, s in enumerate(fn.body) if any(n is node for n in walk_body([s])))
        if not (isinstance(value, gast.List) and not value.elts):
            why = f"is created as {where}, not as an empty list `[]`"
        elif id(assigns[0]) not in top:
            if len(assigns) == 1:
                return slice(0, len(fn.body))  # created in a block (a loop body): one list per pass
            why = f"is created inside a block ({where}) and assigned again (line {assigns[1].lineno})"
        else:
            start, last = top[id(assigns[0])], max(owner(a) for _, a in in_loop)
            later = assigns[1:]
            if not later:
                return slice(start, len(fn.body))
            rebind = later[0]
            if id(rebind) in top and top[id(rebind)] > last and all(
                    id(a) in top and top[id(a)] >= top[id(rebind)] for a in later):
                return slice(start, top[id(rebind)] + 1)
            why = (f"is assigned again at line {rebind.lineno} before or inside the loop that appends to it "
                   f"(line {first_append.lineno})")
        self.state.sink.error("AGX204", f"list `{name}` is appended inside a tensor loop but {why}",
                              first_append, help=f"write `{name} = []` once at the top of the function, "
                              "before the loop, and rebind it only after the loop")
        return None

    def dtype_of(self, expr, loop, fn, depth: int) -> Optional[gast.expr]:
        api = tf_api(expr.func, self.state.ctx) if isinstance(expr, gast.Call) else None
        if depth > 8:
            return None
        if isinstance(expr, gast.Constant):
            name = LITERAL_DTYPES.get(type(expr.value))
            return self.state.api(name) if name in ("bool", "int32", "float32") else None
        if isinstance(expr, gast.Compare):
            return self.state.api("bool")
        if api is not None:
            stated = dtype_argument(expr, api)
            if stated is not None:
                return stated
            if api in INT32_RESULTS:
                return self.state.api("int32")
            if api in NOT_A_VALUE:
                return None
            if api == "where" and len(expr.args) > 1:
                return self.dtype_of(expr.args[1], loop, fn, depth + 1)
            if expr.args:
                return self.dtype_of(expr.args[0], loop, fn, depth + 1)
            return None
        if isinstance(expr, gast.BinOp):
            return self.dtype_of(expr.left, loop, fn, depth + 1) or self.dtype_of(expr.right, loop, fn, depth + 1)
        if isinstance(expr, gast.UnaryOp):
            return self.dtype_of(expr.operand, loop, fn, depth + 1)
        if isinstance(expr, gast.Subscript):
            if isinstance(expr.value, gast.Name) and expr.value.id in _displays(fn):
                return None  # an item of a Python list/dict (`d["s"]`): not the container's dtype
            return self.dtype_of(expr.value, loop, fn, depth + 1)
        if isinstance(expr, gast.Name):
            assigned = [s for s in walk_body(inside(loop)) if isinstance(s, (gast.Assign, gast.AugAssign))
                      and expr.id in (target_names(s.targets[0]) if isinstance(s, gast.Assign)
                                      else target_names(s.target))]
            if isinstance(loop, gast.For) and expr.id in target_names(loop.target):
                it = loop.iter
                if isinstance(it, gast.Call) and it.args and (tf_api(it.func, self.state.ctx) == "range"
                                                              or is_builtin_call(it, "range")):
                    limit = it.args[1] if len(it.args) > 1 else it.args[0]
                    return self.dtype_of(limit, loop, fn, depth + 1)
                return self.dtype_of(it, loop, fn, depth + 1)
            if not assigned:
                return self._dtype_of_name(expr.id, fn, expr)
            first = assigned[0]
            if isinstance(first, gast.Assign) and isinstance(first.targets[0], gast.Name):
                if isinstance(first.value, gast.List) and not first.value.elts:  # a list built here
                    appends = _appends(inside(loop), expr.id)
                    return self.dtype_of(appends[0].value.args[0], loop, fn, depth + 1) if appends else None
                return self.dtype_of(first.value, loop, fn, depth + 1)
        return None

    def _dtype_of_name(self, name: str, fn, read=None) -> gast.expr:
        """`x.dtype`; a name bound to Python literals has no `.dtype`: their dtype, or
        `tf.convert_to_tensor(x).dtype` when it is bound to literals and Tensors, or when
        it may be a Python number where it is appended (`read`: a Python `x` there, though
        it becomes a Tensor later, `u = tf.abs(u)`)."""
        values = [s.value for s in walk_body(fn.body) if isinstance(s, gast.Assign)
                  and any(isinstance(t, gast.Name) and t.id == name for t in s.targets)]
        literals = [v for v in values if isinstance(v, gast.Constant) or (
            isinstance(v, gast.UnaryOp) and isinstance(v.operand, gast.Constant))]
        if not literals:
            seen = {get(n, Anno.KIND) for n in walk(fn) if isinstance(n, gast.Name) and n.id == name}
            here = get(read, Anno.KIND, None) if read is not None else None
            if (Kind.UNKNOWN in seen and Kind.TENSOR not in seen) or (
                    here is not None and here != Kind.TENSOR):  # may be a Python number
                return gast.Attribute(value=T.call(self.state.api("convert_to_tensor"), T.name(name)),
                                      attr="dtype", ctx=gast.Load())
            return gast.Attribute(value=T.name(name), attr="dtype", ctx=gast.Load())
        kinds = {type(v.value if isinstance(v, gast.Constant) else v.operand.value) for v in literals}
        if len(literals) == len(values) and len(kinds) == 1:
            return self.dtype_of(literals[0] if isinstance(literals[0], gast.Constant)
                                 else literals[0].operand, None, fn, 1)
        return gast.Attribute(value=T.call(self.state.api("convert_to_tensor"), T.name(name)),
                              attr="dtype", ctx=gast.Load())

    def _rewrite(self, fn, name: str, definition: gast.Assign, dtype, span: slice) -> bool:
        tf = self.state
        definition.value = T.call(tf.api("TensorArray"), dtype, size=T.constant(0),
                                  dynamic_size=T.constant(True))
        rewriter = _UseRewriter(name, tf)
        last = fn.body[span.stop - 1]
        rebound = last is not definition and _rebinds(last, name)  # `name = tf.stack(name)`: it ends here
        for i in range(span.start, span.stop - 1 if rebound else span.stop):
            fn.body[i] = rewriter.visit(fn.body[i])
        if rebound:
            last.value = rewriter.visit(last.value)
        for node in rewriter.bad:
            tf.sink.error("AGX204", f"list `{name}` becomes a tf.TensorArray (it is appended in a tensor "
                          "loop); this use of it is not supported", node,
                          help=f"use `{tf.tf}.stack({name})`, `len({name})` or `{name}[i]` after the loop")
        return not rewriter.bad


def _rebinds(stmt, name: str) -> bool:
    return isinstance(stmt, gast.Assign) and any(name in target_names(t) for t in stmt.targets)


class _UseRewriter(Transformer):
    """Rewrites appends and the allowed reads of a list that became a TensorArray."""

    def __init__(self, name: str, state: LowerContext):
        self.name, self.state, self.bad = name, state, []

    def _is_list(self, node) -> bool:
        return isinstance(node, gast.Name) and node.id == self.name and isinstance(node.ctx, gast.Load)

    def visit_Expr(self, node):
        call = node.value
        if (isinstance(call, gast.Call) and isinstance(call.func, gast.Attribute)
                and call.func.attr == "append" and self._is_list(call.func.value) and len(call.args) == 1):
            value = self.visit(call.args[0])
            size = T.call(gast.Attribute(value=T.name(self.name), attr="size", ctx=gast.Load()))
            write = T.call(gast.Attribute(value=T.name(self.name), attr="write", ctx=gast.Load()), size, value)
            new = gast.Assign(targets=[T.name(self.name, gast.Store())], value=write, type_comment=None)
            for attr in ("lineno", "col_offset", "end_lineno", "end_col_offset", Anno.COMMENT.value):
                if hasattr(node, attr):
                    setattr(new, attr, getattr(node, attr))
            return new
        self.generic_visit(node)
        return node

    def visit_Call(self, node):
        api = tf_api(node.func, self.state.ctx)
        if node.args and self._is_list(node.args[0]):
            method = None
            if api in ("stack", "convert_to_tensor") and len(node.args) == 1 and not [
                    k for k in node.keywords if not (k.arg == "axis" and isinstance(k.value, gast.Constant)
                                                     and k.value.value == 0)]:
                method = "stack"
            elif isinstance(node.func, gast.Name) and node.func.id == "len":
                method = "size"
            elif api == "concat" and _axis_zero(node):
                method = "concat"
            if method == "stack":
                return self._stack()
            if method:
                return T.call(gast.Attribute(value=T.name(self.name), attr=method, ctx=gast.Load()))
        self.generic_visit(node)
        return node

    def _stack(self):
        """`tf.stack(lst)` -> `tf.cond(lst.size() > 0, lst.stack, lambda: tf.zeros([0], lst.dtype))`:
        an empty TensorArray cannot stack (its element shape is unknown); eager `tf.stack([])`
        gives shape (0,)."""
        ta = lambda attr: gast.Attribute(value=T.name(self.name), attr=attr, ctx=gast.Load())
        nonempty = gast.Compare(left=T.call(ta("size")), ops=[gast.Gt()], comparators=[T.constant(0)])
        empty = T.call(self.state.api("zeros"), gast.List(elts=[T.constant(0)], ctx=gast.Load()), ta("dtype"))
        return T.call(self.state.api("cond"), nonempty, ta("stack"), T.thunk(empty))

    def visit_Subscript(self, node):
        if self._is_list(node.value) and not isinstance(node.slice, gast.Slice):
            index = self.visit(node.slice)
            return T.call(gast.Attribute(value=T.name(self.name), attr="read", ctx=gast.Load()), index)
        self.generic_visit(node)
        return node

    def visit_Name(self, node):
        if self._is_list(node):
            self.bad.append(node)
        return node


def _axis_zero(call) -> bool:
    """`tf.concat(l, 0)` / `tf.concat(l, axis=0)`: what TensorArray.concat() does."""
    axis = call.args[1] if len(call.args) == 2 else next((k.value for k in call.keywords if k.arg == "axis"), None)
    others = [k for k in call.keywords if k.arg != "axis"]
    return isinstance(axis, gast.Constant) and axis.value == 0 and not others and len(call.args) <= 2


def transform(fn: gast.FunctionDef, ctx: LowerContext) -> gast.FunctionDef:
    ListLowering(ctx).run(fn)
    return fn


def _displays(fn) -> set:
    """Names bound to a list, tuple or dict display in `fn`."""
    return {t.id for s in walk_body(fn.body) if isinstance(s, gast.Assign)
            and isinstance(s.value, (gast.List, gast.Tuple, gast.Dict)) for t in s.targets
            if isinstance(t, gast.Name)}
