"""Closures over names a lowered construct rebinds (issue 13): they were silently wrong
(the closure read the value from before the loop: eager 23, agx 22). Now AGX211 (loops) or
AGX213 (`if`): strict, an error; otherwise the function is kept as written, so AutoGraph
converts it when traced and the value is eager's; AGX213 stays an error (AutoGraph is wrong
there too)."""
import warnings

import pytest

from differential import autograph_outcome, call, load
from transpiler import TranspileError, convert, transpile

H = "import tensorflow as tf\n\n"
WHILE_DEF = H + """
@tf.function
def f(n):
    i = 0
    def i_via_closure():
        return i + 2
    i = 0
    s = 0
    while i < n:
        s = s * 10 + i_via_closure()
        i += 1
    return s
"""
WHILE_LAMBDA = H + """
@tf.function
def f(n):
    i = 0
    s = 0
    i_via_closure = lambda: i + 2
    while i < n:
        s = s * 10 + i_via_closure()
        i += 1
    return s
"""
WHILE_METHOD = H + """
@tf.function
def f(n):
    i = 0
    class Callable(object):
        def __call__(self):
            return i
    i_via_closure = Callable()
    s = 0
    while i < n:
        s = s * 10 + i_via_closure()
        i += 1
    return s
"""
FOR_DEF = H + """
@tf.function
def f(l):
    i = 0
    def i_via_closure():
        return i + 2
    s = 0
    for i in l:
        s = s * 10 + i_via_closure()
    return s, i
"""
LOOPS = [("while_def", WHILE_DEF, 5, [(0,), (2,), (3,)]), ("while_lambda", WHILE_LAMBDA, 6, [(2,), (3,)]),
         ("while_method", WHILE_METHOD, 5, [(2,), (3,)]), ("for_def", FOR_DEF, 5, [([1, 2],), ([7],)])]


@pytest.mark.parametrize("name, source, line, args", LOOPS, ids=[c[0] for c in LOOPS])
def test_closure_over_a_loop_variable_is_refused_where_it_is_defined(name, source, line, args):
    with pytest.raises(TranspileError) as exc:
        transpile(source, strict=True)
    (d,) = exc.value.diagnostics
    assert (d.code, d.line) == ("AGX211", line + 2) and "`i`" in d.message and "argument" in d.help
    for target in ("tf2", "tf1"):
        with pytest.raises(TranspileError):
            transpile(source, target=target, strict=True)


@pytest.mark.parametrize("name, source, line, args", LOOPS, ids=[c[0] for c in LOOPS])
def test_kept_closure_function_gives_eager_values(name, source, line, args):
    """Not strict: kept as written; AutoGraph (at trace time) gets eager's value."""
    result = convert(source)
    assert [d.code for d in result.warnings] == ["AGX211"]
    assert "# agx: kept as written" in result.code and "autograph=False" not in result.code
    original, kept = load(source), load(result.code)
    for a in args:
        assert call(original, "f", a, eager=True) == call(kept, "f", a), a
    if name != "while_method":  # AutoGraph's own reference test skips the nested class
        assert autograph_outcome(source, "f", args) == "ok"


def test_closure_defined_inside_the_loop_is_converted():
    source = H + """
@tf.function
def f(n):
    i = 0
    s = 0
    while i < n:
        def g():
            return i + 2
        s = s * 10 + g()
        i += 1
    return s
"""
    from differential import check_tf2
    from differential_tf1 import check_tf1
    assert "tf.while_loop" in check_tf2(source, "f", [(0,), (3,)])
    check_tf1(source, "f", [(0,), (3,)])


def test_closure_over_a_branch_output_stays_an_error():
    """AGX213: AutoGraph reads the stale value too (recorded), so the function is not kept."""
    source = H + """
@tf.function
def f(x):
    y = 1
    g = lambda: y * 3
    if x > 0:
        y = 5
    return g()
"""
    for strict in (True, False):
        with pytest.raises(TranspileError) as exc:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                transpile(source, strict=strict)
        assert [(d.code, d.line) for d in exc.value.diagnostics] == [("AGX213", 7)]
    assert autograph_outcome(source, "f", [(1,), (-1,)]) == "wrong"


def test_an_if_inside_a_reported_loop_adds_no_second_refusal():
    """The loop carries the name, and AutoGraph gets that right: one AGX211, kept; a Tensor
    `if` after the loop that rebinds it too is AGX213 (AutoGraph reads the stale value there)."""
    source = H + """
@tf.function
def f(x, n):
    a = 0
    c = lambda: a * 2
    k = 0
    while k < n:
        k += 1
        a = (a + c()) % 7
        if x > 0:
            a = a + 1
    return a
"""
    result = convert(source)
    assert [(d.code, d.line) for d in result.warnings] == [("AGX211", 7)]
    original, kept = load(source), load(result.code)
    for args in [(1.0, 3), (-1.0, 2), (1.0, 0)]:
        assert call(original, "f", args, eager=True) == call(kept, "f", args)
    after = source.replace("    return a\n", "    if x > 1:\n        a = 5\n    return a + c()\n")
    with pytest.raises(TranspileError) as exc:
        convert(after)
    assert [(d.code, d.line) for d in exc.value.diagnostics] == [("AGX211", 7), ("AGX213", 7)]
