"""A `for` over an unannotated parameter (kind unknown) -> the `for_loop` dispatch helper:
a Tensor's rows, a Python iterable, a tf.data dataset or iterator, each as eager runs it.
Eager is the truth; AutoGraph's outcome is recorded per kind. Arguments are made fresh
for every call (an iterator is consumed by the call that walks it)."""
import numpy as np
import pytest
import tensorflow as tf

from differential import autograph_outcome, call, load, same, Py
from differential_tf1 import check_tf1
from transpiler import transpile

H = "import tensorflow as tf\n\n"

SUM = H + """
@tf.function
def f(l):
    s = 0
    for x in l:
        s += x
    return s
"""

BREAK = H + """
@tf.function
def f(l):
    s = 0
    for x in l:
        if x > 2:
            break
        s += x
    return s
"""

PAIRS = H + """
@tf.function
def f(items):
    total = 0.0
    for x, y in items:
        total += x * y
    return total
"""

RETURN_ELSE = H + """
@tf.function
def f(l):
    s = 0
    for x in l:
        if x > 2:
            return s * 10
        s += x
    else:
        s = s - 1
    return s
"""

CONTINUE = H + """
@tf.function
def f(l):
    s = 0
    for x in l:
        if x % 2 == 0:
            continue
        s += x
    return s
"""


def _ds():
    return tf.data.Dataset.from_tensor_slices([1, 2, 3, 4])


KINDS = {
    "tensor": lambda: tf.constant([1, 2, 3, 4]),
    "list": lambda: [1, 2, 3, 4],
    "empty list": lambda: [],
    "range": lambda: range(5),
    "tuple": lambda: (1, 5),
    "dict": lambda: {1: "a", 3: "b"},
    "generator": lambda: (i for i in [1, 3, 5]),
    "list of Tensors": lambda: [tf.constant(1), tf.constant(3), tf.constant(2)],
    "dataset": _ds,
    "empty dataset": lambda: _ds().take(0),
    "iterator": lambda: iter(_ds()),
}


def _agree(source, kinds, expect_autograph=None):
    """agx tf2 == eager for every kind (fresh arguments per call); returns the code and
    AutoGraph's outcome per kind."""
    code = transpile(source)
    original, converted = load(source), load(code)
    outcomes = {}
    for kind in kinds:
        make = KINDS[kind]
        runs = []
        for module, eager in ((original, True), (converted, False)):
            arg = make()
            value = call(module, "f", [Py(arg)], eager=eager)
            left = [v.numpy() for v in arg] if hasattr(arg, "get_next") else None  # not consumed
            runs.append((value, left))
        assert same(runs[0], runs[1]), f"{kind}: eager {runs[0]!r} != agx {runs[1]!r}\n{code}"
        try:
            outcomes[kind] = autograph_outcome(source, "f", [(Py(make()),)])
        except Exception as exc:  # pragma: no cover - recorded, not asserted
            outcomes[kind] = f"error: {exc}"
    return code, outcomes


def test_sum_over_every_kind():
    code, ag = _agree(SUM, list(KINDS))
    assert "(s,) = for_loop(l, None, loop_body, (s,))" in code
    assert "def loop_body(x, s):" in code
    assert "rows(" not in code and "length(" not in code
    # AutoGraph: fine on all but the iterator passed in ("get_next" is called in Python) and
    # the dict and the generator (recorded, not required)
    assert ag["tensor"] == ag["list"] == ag["dataset"] == "ok"


def test_break_over_every_kind():
    code, ag = _agree(BREAK, list(KINDS))
    assert "s, did_break = for_loop(l, loop_cond, loop_body, (s, did_break))" in code
    assert ag["tensor"] == ag["dataset"] == "ok"


def test_return_and_else_over_every_kind():
    _agree(RETURN_ELSE, list(KINDS))
    short = {"short": lambda: [1, 2]}
    KINDS.update(short)
    try:
        _agree(RETURN_ELSE, ["short"])  # no return taken: the else runs
    finally:
        del KINDS["short"]


def test_continue_over_every_kind():
    _agree(CONTINUE, list(KINDS))


def test_tuple_elements():
    pairs = {
        "pair dataset": lambda: tf.data.Dataset.from_tensor_slices(([1.0, 2.0, 3.0], [2.0, 0.5, 1.0])),
        "pair iterator": lambda: iter(tf.data.Dataset.from_tensor_slices(([1.0, 2.0], [3.0, 4.0]))),
        "pair list": lambda: [(1.0, 2.0), (3.0, 4.0)],
    }
    KINDS.update(pairs)
    try:
        code, ag = _agree(PAIRS, list(pairs))
    finally:
        for k in pairs:
            del KINDS[k]
    assert "x, y = item" in code
    assert ag["pair dataset"] == "ok"


def test_a_loop_state_that_changes_dtype_is_a_trace_time_error_not_a_value():
    """s starts as a Python int; a float dataset's element makes it a float: eager works,
    the graph loop cannot carry it (TensorFlow says so while tracing)."""
    source = SUM
    converted = load(transpile(source))
    with pytest.raises((TypeError, ValueError)):
        converted.f(tf.data.Dataset.from_tensor_slices([1.5, 2.5]))


def test_reconverting_the_output_is_a_fixed_point():
    for source in (SUM, BREAK, PAIRS, RETURN_ELSE):
        out = transpile(source)
        assert transpile(out) == out


def test_tf1_feeds_the_parameter_as_a_tensor():
    check_tf1(SUM, "f", [(np.array([1, 2, 3], np.int32),), (np.array([], np.int32),)])
    check_tf1(BREAK, "f", [(np.array([1, 2, 3, 1], np.int32),)])


def test_a_loop_without_state_still_walks_every_kind():
    """No loop variables (the body only raises): `for_loop(items, None, loop_body, ())`
    (an index while_loop here was AGX108, "changes no variable")."""
    source = H + """
@tf.function
def f(l):
    for x in l:
        tf.debugging.assert_less(x, 10)
    return 1
"""
    code, _ = _agree(source, ["tensor", "list", "dataset", "iterator"])
    assert "for_loop(l, None, loop_body, ())" in code
