"""Random small programs over int/float Tensors, for differential testing (Csmith-style).

    program = draw(programs())      # hypothesis strategy -> Program(source, args)

Every generated program is valid eagerly by construction: two int32 variables (`a`, `b`),
two float32 variables (`u`, `v`), all defined before any control flow, updated only with
operations that keep their dtype; loops have bounded trip counts (`while` drives its own
counter, `for` iterates `tf.range` of a small bound); a `return` always returns
`(int, float)`, like the function's final `return a, u`. Constructs: nested
`if`/`elif`/`else`, `while`, `for ... in tf.range`, `break`, `continue`, early `return`,
ternaries, `and`/`or`/`not`, a list appended in a loop then `tf.stack`ed, closures
(a `lambda`/`def` defined before a loop that calls it, reading a variable the loop may
rebind, or only the arguments), and `if ...: break` / `else: continue` followed by code
that cannot run, containers as
state (a list `c` of two ints and a dict `d` of two floats, item-assigned anywhere and read
in expressions), a dict filled by a loop that runs at least once, a `finally` that returns,
and `try`/`except`/`finally` (jumps inside the `try` included; the final
`return` is sometimes `return a + b, u + v`, so a `return` in a `try` is lowered).
Variables start either as Python numbers (`a = 0`) or as Tensors, so the "started as
non-Tensor" path is exercised too; the arguments are Tensors or Python values (`KINDS`:
an annotated `n: int`, or unannotated `n`/`x` that make statements dispatch). Seven of
the eleven kinds take a third parameter `xs` (`XS_KINDS`: a Python list or tuple of floats, a 1-D
float32 Tensor, a tf.data dataset of the same values or its iterator, unannotated, or a
dataset/iterator annotated as one) that `for e in xs:` loops iterate (the element read in
float expressions and conditions, cast where it meets ints; `break`/`continue`/`return`/
`else:` as anywhere), some with `it = iter(xs)` and `next(it)` / `next(it, default)`; some
argument sets have an empty `xs` (zero trips).
"""
from __future__ import annotations

import dataclasses
from typing import List, Tuple

from hypothesis import strategies as st

INT_VARS = ("a", "b")
FLOAT_VARS = ("u", "v")
ARG_SETS: List[Tuple] = [(-1.5, 0), (0.5, 1), (2.0, 3)]  # (x: float32, n: int32)
CONTAINER_INTS = ("c[0]", "c[1]")         # c = [int, int]
CONTAINER_FLOATS = ('d["s"]', 'd["t"]')  # d = {"s": float, "t": float}
MAX_DEPTH = 3
MAX_BLOCK = 3


# Argument kinds: Tensors; a Python `n` annotated `int` (both targets); a Python `n` or `x`
# with no annotation (dispatch; tf2 only: a tf1 runner feeds unannotated parameters)
KINDS = ("tensor", "python_n_annotated", "python_n", "python_x")
# Kinds of the iterable `xs` (x and n are then Tensors). tf1 takes the Tensor (a placeholder)
# and is asked about the annotated dataset/iterator (a runner refuses one: AGX506); a
# Python list/tuple or an unannotated dataset/iterator is tf2 only (a runner feeds an
# unannotated parameter to a placeholder)
XS_KINDS = ("xs_list", "xs_tuple", "xs_tensor", "xs_dataset", "xs_iterator",
            "xs_dataset_annotated", "xs_iterator_annotated")
XS_ANNOTATIONS = {"xs_dataset_annotated": ": tf.data.Dataset", "xs_iterator_annotated": ": tf.data.Iterator"}
XS_TF1 = ("xs_tensor", "xs_dataset_annotated", "xs_iterator_annotated")
XS_NEXT = ("xs_list", "xs_tuple", "xs_dataset", "xs_iterator", "xs_dataset_annotated",
           "xs_iterator_annotated")  # iter(xs) of a symbolic Tensor fails in a graph
XS_SETS = [(), (0.5, -1.0, 2.0), (1.5, 0.25)]            # with the empty case (zero trips)
XS_SETS_FULL = [(2.0, -0.5), (0.5, -1.0, 2.0), (1.5, 0.25)]  # for `next(it)` with no default


@dataclasses.dataclass(frozen=True)
class Program:
    source: str
    args: Tuple[Tuple, ...] = tuple(ARG_SETS)
    targets: Tuple[str, ...] = ("tf2", "tf1")
    kind: str = "tensor"

    def __str__(self) -> str:
        return self.source


@dataclasses.dataclass
class _Scope:
    """Where a statement is generated: loop nesting, names in scope, lists that exist."""
    depth: int = 0
    loops: int = 0              # enclosing tensor loops
    ints: Tuple[str, ...] = INT_VARS + ("n",)
    floats: Tuple[str, ...] = ()  # loop elements `e1`, ... of `for e1 in xs:` (float32 or float)
    lists: Tuple[str, ...] = ()
    xs: bool = False            # the function takes an iterable `xs`
    counter: List[int] = dataclasses.field(default_factory=lambda: [0])

    def fresh(self, prefix: str) -> str:
        self.counter[0] += 1
        return f"{prefix}{self.counter[0]}"

    def inner(self, **changes) -> "_Scope":
        return dataclasses.replace(self, depth=self.depth + 1, **changes)


# -- expressions ---------------------------------------------------------------------------
def int_atom(scope):
    return st.one_of(st.sampled_from(scope.ints + CONTAINER_INTS), st.integers(-3, 4).map(str))


@st.composite
def int_expr(draw, scope, depth=0):
    if depth >= 2 or draw(st.booleans()):
        return draw(int_atom(scope))
    left, right = draw(int_expr(scope, depth + 1)), draw(int_expr(scope, depth + 1))
    form = draw(st.sampled_from(["+", "-", "%", "max", "shape", "cast"]))
    if form == "cast" and scope.floats:
        return f"tf.cast({draw(st.sampled_from(scope.floats))}, tf.int32)"
    if form == "%":
        return f"({left}) % {draw(st.integers(2, 5))}"
    if form == "max":
        return f"tf.maximum({left}, {right})"
    if form == "shape" and scope.lists:
        return f"len({draw(st.sampled_from(scope.lists))})"
    return f"({left} {form if form in '+-' else '+'} {right})"


@st.composite
def float_expr(draw, scope, depth=0):
    atoms = st.one_of(st.sampled_from(FLOAT_VARS + ("x",) + CONTAINER_FLOATS + scope.floats),
                      st.sampled_from(["0.5", "-1.25", "2.0", "0.0"]))
    if depth >= 2 or draw(st.booleans()):
        return draw(atoms)
    form = draw(st.sampled_from(["+", "-", "half", "cast", "abs", "min"]))
    a = draw(float_expr(scope, depth + 1))
    if form == "half":
        return f"({a}) * 0.5"
    if form == "cast":
        return f"tf.cast({draw(int_expr(scope, depth + 1))}, tf.float32)"
    if form == "abs":
        return f"tf.abs({a})"
    b = draw(float_expr(scope, depth + 1))
    if form == "min":
        return f"tf.minimum({a}, {b})"
    return f"({a} {form} {b})"


@st.composite
def condition(draw, scope, depth=0):
    kind = draw(st.sampled_from(["int", "float", "int", "bool"] if depth < 1 else ["int", "float"]))
    if kind == "bool":
        op = draw(st.sampled_from(["and", "or", "not"]))
        left = draw(condition(scope, depth + 1))
        if op == "not":
            return f"not ({left})"
        return f"({left}) {op} ({draw(condition(scope, depth + 1))})"
    cmp = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
    if kind == "int":
        return f"{draw(int_expr(scope, 1))} {cmp} {draw(st.integers(-2, 3))}"
    return f"{draw(float_expr(scope, 1))} {cmp} {draw(st.sampled_from(['0.0', '0.5', '-1.0']))}"


# -- statements ----------------------------------------------------------------------------
def _indent(lines: List[str]) -> List[str]:
    return ["    " + line for line in lines]


@st.composite
def assignment(draw, scope):
    if draw(st.booleans()):
        var = draw(st.sampled_from(INT_VARS))
        if draw(st.integers(0, 4)) == 0:
            return [f"{var} = {draw(int_expr(scope))} if {draw(condition(scope))} else {draw(int_expr(scope))}"]
        op = draw(st.sampled_from(["=", "+=", "-="]))
        return [f"{var} {op} {draw(int_expr(scope))}"]
    var = draw(st.sampled_from(FLOAT_VARS))
    if draw(st.integers(0, 4)) == 0:
        return [f"{var} = {draw(float_expr(scope))} if {draw(condition(scope))} else {draw(float_expr(scope))}"]
    op = draw(st.sampled_from(["=", "+=", "-="]))
    return [f"{var} {op} {draw(float_expr(scope))}"]


@st.composite
def item_assignment(draw, scope):
    """Containers as state: `c[0] = ...`, `c[1] += ...`, a swap, `d["s"] -= ...`."""
    form = draw(st.sampled_from(["int", "int", "swap", "float"]))
    if form == "swap":
        return ["c[0], c[1] = c[1], c[0]"]
    if form == "int":
        op = draw(st.sampled_from(["=", "+=", "-="]))
        return [f"c[{draw(st.integers(0, 1))}] {op} {draw(int_expr(scope))}"]
    op = draw(st.sampled_from(["=", "+=", "-=", "*="]))
    value = "0.5" if op == "*=" else draw(float_expr(scope))
    return [f"d[{draw(st.sampled_from(['s', 't']))!r}] {op} {value}".replace("'", '"')]


@st.composite
def try_stmt(draw, scope):
    """`try` with a `finally` (and maybe an `except`) around a block that may jump."""
    lines = ["try:"] + _indent(draw(block(scope.inner())))
    if draw(st.booleans()):
        lines += ["except ValueError:"] + _indent(draw(assignment(scope)))
    lines += ["finally:"] + _indent(draw(st.one_of(assignment(scope), item_assignment(scope))))
    return lines


@st.composite
def finally_return(draw, scope):
    """A `try` whose `finally` returns on every path (maybe under a condition), overriding
    any `return` of the `try` (outside loops: the function ends there)."""
    lines = ["try:"] + _indent(draw(block(scope.inner())))
    ret = lambda: f"return {draw(st.sampled_from(INT_VARS))}, {draw(st.sampled_from(FLOAT_VARS))}"
    tail = [f"if {draw(condition(scope))}:", "    " + ret(), ret()] if draw(st.booleans()) else [ret()]
    return lines + ["finally:"] + _indent(draw(assignment(scope)) + tail)


@st.composite
def dict_fill(draw, scope):
    """A dict bound to `{}` that a loop running at least once fills by a constant key (its
    structure from a first trace), read after the loop."""
    g, i = scope.fresh("g"), scope.fresh("i")
    inner = scope.inner(loops=scope.loops + 1, ints=scope.ints + (i,))
    rng = draw(st.sampled_from(["tf.range(n + 1)", "range(n + 1)", "tf.range(2)"]))
    body = [f'{g}["k"] = {draw(float_expr(inner))}'] + draw(block(inner))  # first: jumps come after
    return [f"{g} = {{}}", f"for {i} in {rng}:"] + _indent(body) + [f'u = u + {g}["k"]']


@st.composite
def if_stmt(draw, scope):
    lines = [f"if {draw(condition(scope))}:"] + _indent(draw(block(scope.inner())))
    for _ in range(draw(st.integers(0, 2))):
        lines += [f"elif {draw(condition(scope))}:"] + _indent(draw(block(scope.inner())))
    if draw(st.booleans()):
        lines += ["else:"] + _indent(draw(block(scope.inner())))
    return lines


@st.composite
def while_stmt(draw, scope):
    k = scope.fresh("k")
    bound = draw(st.sampled_from(["n", "n + 1", "2", "3"]))
    test = f"{k} < {bound}"
    if draw(st.integers(0, 3)) == 0:
        test = f"({draw(condition(scope))}) and {test}"  # parenthesised: `p or q and k < 3` never stops
    inner = scope.inner(loops=scope.loops + 1, ints=scope.ints + (k,))
    body = [f"{k} += 1"] + draw(block(inner))
    return [f"{k} = 0", f"while {test}:"] + _indent(body)


@st.composite
def for_stmt(draw, scope):
    i = scope.fresh("i")
    rng = draw(st.sampled_from(["tf.range(n)", "tf.range(3)", "tf.range(n + 1)", "tf.range(1, n + 2)"]))
    inner = scope.inner(loops=scope.loops + 1, ints=scope.ints + (i,))
    return [f"for {i} in {rng}:"] + _indent(draw(block(inner)))


@st.composite
def list_loop(draw, scope):
    """`lst = []`, appended in a tensor loop, then stacked (AutoGraph refuses this)."""
    name = scope.fresh("lst")
    i = scope.fresh("i")
    inner = scope.inner(loops=scope.loops + 1, ints=scope.ints + (i,))
    body = draw(block(inner))
    append = f"{name}.append({draw(float_expr(scope))} + tf.cast({i}, tf.float32))"
    if draw(st.booleans()):
        body = [append] + body
    else:
        body = [f"if {draw(condition(inner))}:", "    " + append] + body
    after = draw(st.sampled_from([f"v = v + tf.reduce_sum(tf.stack({name}))",
                                  f"a = a + len({name})"]))
    return [f"{name} = []", f"for {i} in tf.range({draw(st.sampled_from(['n', '3']))}):"] + _indent(body) + [after]


@st.composite
def jump(draw, scope):
    """A `break`/`continue`/`return` under a condition (only where it is legal)."""
    kinds = ["return"] if scope.loops <= 1 else []
    if scope.loops:
        kinds += ["break", "continue"]
    if not kinds:
        return []
    what = draw(st.sampled_from(kinds))
    if what == "return":
        what = f"return {draw(st.sampled_from(INT_VARS))}, {draw(st.sampled_from(FLOAT_VARS))}"
    return [f"if {draw(condition(scope))}:", "    " + what]


@st.composite
def dead_jump(draw, scope):
    """Both branches jump, so the statement after the `if` never runs (eager skips it)."""
    if not scope.loops:
        return []
    first, second = draw(st.sampled_from([("break", "continue"), ("continue", "break"),
                                          ("continue", "continue"), ("break", "break")]))
    dead = draw(assignment(scope))
    return [f"if {draw(condition(scope))}:", f"    {first}", "else:", f"    {second}"] + dead


@st.composite
def closure_loop(draw, scope):
    """A closure defined before a loop and called in it; it reads a variable the loop
    rebinds (agx must refuse, never read the stale value) or only the arguments."""
    c, k = scope.fresh("c"), scope.fresh("k")
    read = draw(st.sampled_from(INT_VARS + ("n",)))
    if draw(st.booleans()):
        define = [f"{c} = lambda: {read} * 2"]
    else:
        define = [f"def {c}():", f"    return {read} + 1"]
    inner = scope.inner(loops=scope.loops + 1, ints=scope.ints + (k,))
    target = draw(st.sampled_from(INT_VARS))
    body = [f"{k} += 1", f"{target} = ({target} + {c}()) % 7"] + draw(block(inner))
    bound = draw(st.sampled_from(["n", "2"]))
    return define + [f"{k} = 0", f"while {k} < {bound}:"] + _indent(body)


@st.composite
def xs_loop(draw, scope):
    """`for e in xs:` over the iterable argument: a body that reads the element (a sum into
    a float, a cast into an int, an `if` on it, maybe a jump), and sometimes an `else:`."""
    e = scope.fresh("e")
    inner = scope.inner(loops=scope.loops + 1, floats=scope.floats + (e,))
    body = draw(block(inner))
    use = draw(st.sampled_from([
        [f"u += {e}"], [f"v = v + {e} * 0.5"], [f"a = a + tf.cast({e}, tf.int32)"], ["b += 1"],
        [f"if {e} > {draw(st.sampled_from(['0.0', '0.5', '1.0']))}:", f"    {draw(st.sampled_from(['break', 'continue']))}"],
        [f"if {e} < 0.0:", f"    a += 1", "else:", f"    u = u + {e}"]]))
    at = draw(st.integers(0, len(body)))
    while at < len(body) and body[at].startswith((" ", "elif", "else", "except", "finally")):
        at += 1  # between statements, not inside one
    lines = [f"for {e} in xs:"] + _indent(body[:at] + use + body[at:])
    if draw(st.integers(0, 2)) == 0:
        lines += ["else:"] + _indent(draw(block(scope.inner())))
    return lines


def next_lines(draw, nonempty: bool) -> List[str]:
    """`it = iter(xs)` and one or two `next(it)` / `next(it, default)` into float variables
    (no default only when every argument set has two elements left)."""
    lines = ["it = iter(xs)"]
    for _ in range(draw(st.integers(1, 2))):
        var = draw(st.sampled_from(FLOAT_VARS))
        default = draw(st.sampled_from(["", ", 0.5", ", -2.0"])) if nonempty else draw(st.sampled_from([", 0.5", ", -2.0"]))
        lines.append(f"{var} = {var} + next(it{default})")
    return lines


@st.composite
def statement(draw, scope):
    options = [assignment(scope), assignment(scope), jump(scope), dead_jump(scope), item_assignment(scope)]
    if scope.depth < MAX_DEPTH:
        options += [if_stmt(scope), while_stmt(scope), for_stmt(scope), try_stmt(scope)]
        if scope.loops == 0:
            options += [closure_loop(scope), finally_return(scope), dict_fill(scope)]
        if not scope.lists and scope.loops == 0:
            options.append(list_loop(scope))
        if scope.xs:
            options.append(xs_loop(scope))
    return draw(st.one_of(options))


@st.composite
def block(draw, scope):
    lines: List[str] = []
    for _ in range(draw(st.integers(1, MAX_BLOCK))):
        lines += draw(statement(scope))
    return lines or ["pass"]


@st.composite
def programs(draw):
    kind = draw(st.sampled_from(XS_KINDS + KINDS))
    scope = _Scope(xs=kind in XS_KINDS)
    inits = [
        f"a = {draw(st.sampled_from(['0', 'n', 'n * 2 - 1']))}",
        f"b = {draw(st.sampled_from(['1', 'n + 1']))}",
        f"u = {draw(st.sampled_from(['0.0', 'x', 'x * 0.5']))}",
        f"v = {draw(st.sampled_from(['1.0', 'x + 1.0']))}",
        f"c = [{draw(st.sampled_from(['0', 'n']))}, {draw(st.sampled_from(['1', 'a + 1']))}]",
        f"d = {{\"s\": {draw(st.sampled_from(['0.0', 'x']))}, \"t\": {draw(st.sampled_from(['1.0', 'u']))}}}",
    ]
    body = draw(block(scope))
    nonempty = False
    if scope.xs:
        body, nonempty = _with_xs(draw, scope, kind, body)
    header = "def f(x, n: int):" if kind == "python_n_annotated" else "def f(x, n):"
    if scope.xs:
        header = f"def f(x, n, xs{XS_ANNOTATIONS.get(kind, '')}):"
    lines = ["import tensorflow as tf", "", "", "@tf.function", header]
    # the last return: with items, or a simple expression of names set first (a `return` in
    # a `try` in a Tensor `if` is then lowered with a flag: lower/try_returns.py)
    final = draw(st.sampled_from(['return a + c[0] - c[1], u + v + d["s"] * d["t"]', "return a + b, u + v"]))
    lines += _indent(inits + body + [final])
    tf2_only = kind in ("python_n", "python_x") or (scope.xs and kind not in XS_TF1)
    return Program("\n".join(lines) + "\n", _args(kind, nonempty), ("tf2",) if tf2_only else ("tf2", "tf1"),
                   kind)


def _with_xs(draw, scope, kind, body):
    """The body with a `for e in xs:` at the function's level (before, after or between
    what was drawn), and maybe `it = iter(xs)` + `next` first or after that loop."""
    loop = draw(xs_loop(scope))
    parts = [draw(block(scope)), loop, body] if draw(st.booleans()) else [body, loop]
    where = draw(st.sampled_from(["none", "first", "after"])) if kind in XS_NEXT else "none"
    nonempty = where == "first" and draw(st.booleans())
    if where == "first":
        parts.insert(0, next_lines(draw, nonempty))
    elif where == "after":
        parts.insert(parts.index(loop) + 1, next_lines(draw, False))
    return [line for part in parts for line in part], nonempty


def _args(kind: str, nonempty: bool = False) -> Tuple[Tuple, ...]:
    from differential import Ds, It, Py
    if kind == "tensor":
        return tuple(ARG_SETS)
    if kind == "python_x":
        return tuple((Py(x), n) for x, n in ARG_SETS)
    if kind in XS_KINDS:
        wrap = {"xs_list": lambda v: Py(list(v)), "xs_tuple": Py, "xs_tensor": list,
                "xs_dataset": Ds, "xs_iterator": It, "xs_dataset_annotated": Ds,
                "xs_iterator_annotated": It}[kind]
        return tuple((x, n, wrap(xs)) for (x, n), xs in zip(ARG_SETS, XS_SETS_FULL if nonempty else XS_SETS))
    return tuple((x, Py(n)) for x, n in ARG_SETS)
