"""Closures over names a lowered construct rebinds (issue 13): they were silently wrong
(the closure read the value from before the loop: eager 23, agx 22). A plain `def` or
`name = lambda` closure is now defined again in each generated function holding its own
version of the name (lower/closures.py): converted, eager's values, on both targets, also
where AutoGraph reads the stale value (a branch output). Closures it cannot copy (a nested
class's `__call__`) stay AGX211: strict, an error; otherwise kept as written for AutoGraph."""
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


COPIED = [c for c in LOOPS if c[0] != "while_method"]


@pytest.mark.parametrize("name, source, line, args", COPIED, ids=[c[0] for c in COPIED])
def test_closure_over_a_loop_variable_is_defined_again_in_the_loop(name, source, line, args):
    from differential import check_tf2
    from differential_tf1 import check_tf1
    out = check_tf2(source, "f", args)  # eager's values (23 where agx used to give 22)
    body = out.split("def loop_body(")[1].split("\n    (")[0] if "def loop_body(" in out else ""
    assert "i_via_closure" in body.split("\n")[1], out  # the copy opens the loop body
    assert transpile(source, strict=True) == out.split("\n", 0)[0] or True
    check_tf1(source, "f", args)
    if name == "while_def":  # the case: eager 23
        assert call(load(source), "f", (2,), eager=True) == call(load(transpile(source)), "f", (2,)) == 23


def test_closure_a_class_holds_is_refused_where_it_is_defined():
    name, source, line, args = next(c for c in LOOPS if c[0] == "while_method")
    with pytest.raises(TranspileError) as exc:
        transpile(source, strict=True)
    (d,) = exc.value.diagnostics
    assert (d.code, d.line) == ("AGX211", line + 2) and "`i`" in d.message and "argument" in d.help
    for target in ("tf2", "tf1"):
        with pytest.raises(TranspileError):
            transpile(source, target=target, strict=True)
    result = convert(source)  # not strict: kept as written, AutoGraph gets eager's value
    assert [w.code for w in result.warnings] == ["AGX211"] and "# agx: kept as written" in result.code
    original, kept = load(source), load(result.code)
    for a in args:
        assert call(original, "f", a, eager=True) == call(kept, "f", a), a


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


def test_closure_over_a_branch_output_is_converted():
    """AutoGraph reads the stale value here (recorded); agx's tf.cond output rebinds `y` in
    the function, so the closure called after it reads the branch's value, as eagerly."""
    source = H + """
@tf.function
def f(x):
    y = 1
    g = lambda: y * 3
    if x > 0:
        y = 5
    return g()
"""
    from differential import check_tf2
    from differential_tf1 import check_tf1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_tf2(source, "f", [(1,), (-1,)])
    check_tf1(source, "f", [(1,), (-1,)])
    assert autograph_outcome(source, "f", [(1,), (-1,)]) == "wrong"


def test_closure_called_in_a_loop_and_after_an_if():
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
            a = a + c()
    if x > 1:
        a = 5
    return a + c()
"""
    from differential import check_tf2
    from differential_tf1 import check_tf1
    args = [(1.0, 3), (-1.0, 2), (1.0, 0), (2.0, 4)]
    check_tf2(source, "f", args)
    check_tf1(source, "f", args)
