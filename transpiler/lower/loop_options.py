"""`tf.autograph.experimental.set_loop_options(...)` in a tensor loop -> tf.while_loop arguments.

Before:                                   After:
    v = tf.constant((0,))                     v = tf.constant((0,))
    for i in tf.range(3):                     i = 0
        tf.autograph.experimental \\           def loop_cond(i, v): ...
            .set_loop_options(                def loop_body(i, v):
            shape_invariants=[                    v = tf.concat((v, [i]), 0)
                (v, tf.TensorShape([None]))])     ...
        v = tf.concat((v, [i]), 0)            i, v = tf.while_loop(loop_cond, loop_body, (i, v),
                                                  shape_invariants=(None, tf.TensorShape([None])))
`parallel_iterations`, `swap_memory` and `maximum_iterations` pass through as they are;
`shape_invariants` (pairs of a loop variable and its shape, Tensors and composite tensors
alike) becomes the positional tuple tf.while_loop takes (None: the variable's own shape,
`tf.nest.map_structure(lambda _: None, x)` for a container). The call is dropped from the
body (eagerly it does nothing). A loop variable that visibly grows (`v = tf.concat((v, ...))`,
`tf.stack([v, ...])`) without an invariant is refused (AGX303): tf.while_loop would fail
while tracing, far from the line.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

import gast

from ..ground.printer import expr_source
from ..ground.syntax import arguments, walk, walk_body
from ..ground.tfapi import tf_api
from . import templates as T
from .common import LowerContext

API = "autograph.experimental.set_loop_options"
PASSED = ("parallel_iterations", "swap_memory", "maximum_iterations")
GROWING = {"concat", "stack", "experimental.numpy.append", "pad", "tile"}


class LoopOptions:
    """The options of one loop: keyword expressions and shape invariants by name."""

    def __init__(self):
        self.keywords: Dict[str, gast.expr] = {}
        self.invariants: Dict[str, gast.expr] = {}
        self.line: Optional[int] = None


def _is_options(stmt, state: LowerContext) -> bool:
    return (isinstance(stmt, gast.Expr) and isinstance(stmt.value, gast.Call)
            and tf_api(stmt.value.func, state.ctx) == API)


def extract(body: List, state: LowerContext) -> Tuple[List, LoopOptions]:
    """The body without its set_loop_options calls, and what they set."""
    options = LoopOptions()
    kept = []
    for stmt in body:
        if not _is_options(stmt, state):
            kept.append(stmt)
            continue
        options.line = stmt.lineno
        call = stmt.value
        if call.args:
            state.sink.error("AGX112", "`set_loop_options` takes keyword arguments only", stmt,
                             help="e.g. `set_loop_options(maximum_iterations=10)`")
        for kw in call.keywords:
            if kw.arg in PASSED:
                options.keywords[kw.arg] = kw.value
            elif kw.arg == "shape_invariants":
                _invariants(kw.value, options, stmt, state)
            else:
                state.sink.error("AGX112", f"`set_loop_options` has no option `{kw.arg}`", stmt,
                                 help="its options: " + ", ".join(PASSED + ("shape_invariants",)))
    for stmt in nested_misplaced(kept, state):
        state.sink.error("AGX112", "`set_loop_options` must be a statement of the loop body "
                         "itself (not inside an `if`, `with` or `try` in it)", stmt,
                         help="move it to the top of the loop body")
    return kept, options


def _invariants(value, options: LoopOptions, stmt, state: LowerContext) -> None:
    pairs = value.elts if isinstance(value, (gast.List, gast.Tuple)) else None
    for pair in pairs or [None]:
        if not (isinstance(pair, gast.Tuple) and len(pair.elts) == 2 and isinstance(pair.elts[0], gast.Name)):
            state.sink.error("AGX112", "`shape_invariants` must be a list of `(variable, shape)` pairs, "
                             "each naming a loop variable", stmt,
                             help="e.g. `shape_invariants=[(v, tf.TensorShape([None]))]`")
            return
        options.invariants[pair.elts[0].id] = pair.elts[1]


def nested_misplaced(body: List, state: LowerContext) -> List:
    """set_loop_options calls not at the top level of a lowered loop body (refused)."""
    top = set(map(id, body))
    return [s for s in walk_body(body, into_loops=False) if _is_options(s, state) and id(s) not in top]


def keywords(options: LoopOptions, params: List[str], containers: Set[str],
             state: LowerContext) -> List[gast.keyword]:
    """tf.while_loop's keyword arguments for these options and loop variables `params`."""
    out = [gast.keyword(arg=k, value=v) for k, v in options.keywords.items()]
    if options.invariants:
        elts = []
        for p in params:
            if p in options.invariants:
                elts.append(options.invariants[p])
            elif p in containers:
                none = gast.Lambda(args=arguments(["_"]), body=T.constant(None))
                elts.append(T.call(state.api("nest.map_structure"), none, T.name(p)))
            else:
                elts.append(T.constant(None))
        out.append(gast.keyword(arg="shape_invariants", value=gast.Tuple(elts=elts, ctx=gast.Load())))
    return out


SCALAR_BUILTINS = {"int", "float", "bool", "len", "abs", "round", "min", "max", "sum"}


def structured_names(fn, state: LowerContext) -> Set[str]:
    """Names assigned the result of a call that is not TensorFlow's or a scalar builtin's
    (`t = Point(x, y)`: a namedtuple or another nest structure): a shape invariant of None
    would not match their structure, so theirs is None leaf by leaf."""
    names: Set[str] = set()
    for node in walk(fn):
        if isinstance(node, gast.Assign) and isinstance(node.value, gast.Call) \
                and tf_api(node.value.func, state.ctx) is None \
                and getattr(node.value.func, "id", None) not in SCALAR_BUILTINS:
            names.update(t.id for t in node.targets if isinstance(t, gast.Name))
    return names


def check_growth(body: List, loop_vars: List[str], options: LoopOptions, node,
                 state: LowerContext) -> None:
    """AGX303 for `v = tf.concat((v, ...))` (and stack/pad/tile/append) without an invariant."""
    for stmt in walk_body(body, into_loops=False):
        if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], gast.Name) and isinstance(stmt.value, gast.Call)):
            continue
        name = stmt.targets[0].id
        api = tf_api(stmt.value.func, state.ctx)
        if name not in loop_vars or name in options.invariants or api not in GROWING:
            continue
        if not any(isinstance(n, gast.Name) and n.id == name for n in walk(stmt.value)):
            continue
        tf = state.tf
        state.sink.error(
            "AGX303", f"loop variable `{name}` changes shape in the tensor loop at line {node.lineno} "
            f"(`{expr_source(stmt.value)}`): a tf.while_loop variable keeps its shape unless "
            "it has a shape invariant", stmt,
            help=f"add `{tf}.autograph.experimental.set_loop_options(shape_invariants=[({name}, "
            f"{tf}.TensorShape([None]))])` as the first statement of the loop body (None for each "
            "dimension that changes)")
