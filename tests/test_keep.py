"""The refusal policy (issue 13): a refused function is kept as written, with a warning and a
one-line comment, and the rest of the file converts; `strict=True` makes refusals errors.
The refusal used here: a callable object's `__call__` reading a loop variable (AGX211; a
plain def or lambda closure is converted instead)."""
import pytest
import tensorflow as tf

from differential import call, load
from transpiler import AgxWarning, TranspileError, convert, transpile

SOURCE = """import tensorflow as tf


@tf.function
def refused(x):
    if x > 0:
        y = x * 2
    else:
        y = -x
    z = y
    class Doubled:
        def __call__(self):
            return z * 2
    doubled = Doubled()
    while doubled() < 100:
        z = doubled()
    return z


def helper(n):
    i = 0
    s = 0
    class Plus2:
        def __call__(self):
            return i + 2
    g = Plus2()
    while i < n:
        s = s * 10 + g()
        i += 1
    return s


@tf.function
def converted(x, n):
    if x > 0:
        x = x * 2
    return x + helper(n)
"""
RUNS = [("refused", (3,)), ("refused", (-70,)), ("converted", (1, 2)), ("converted", (-1, 3)),
        ("converted", (4, 0))]


def test_strict_refuses_the_file_as_before():
    with pytest.raises(TranspileError) as exc:
        transpile(SOURCE, strict=True)
    assert [(d.code, d.line) for d in exc.value.diagnostics] == [("AGX211", 11), ("AGX211", 23)]


@pytest.mark.parametrize("target", ["tf2", "tf1"])
def test_the_rest_converts_and_kept_functions_run_as_eager(target):
    result = convert(SOURCE, target=target)
    assert [(d.code, d.severity) for d in result.diagnostics] == [("AGX211", "warning"), ("AGX211", "warning")]
    code = result.code
    assert code.count("# agx: kept as written, AutoGraph converts it when traced (") == 2
    assert "@tf.function\ndef refused(x):\n    if x > 0:\n" in code  # as written
    assert "helper = tf.autograph.to_graph(helper)\n" in code  # converted code calls it while tracing
    assert "tf.cond(" in code
    original, out = load(SOURCE), load(code)
    for name, args in RUNS:
        want = call(original, name, args, eager=True)
        got = getattr(out, name)(*args) if target == "tf1" and name == "converted" else call(out, name, args)
        assert int(want) == int(got), (name, args)


def test_transpile_warns_and_converting_the_output_again_changes_nothing():
    with pytest.warns(AgxWarning, match=r"warning\[AGX211\]"):
        code = transpile(SOURCE)
    with pytest.warns(AgxWarning):
        assert transpile(code) == code


def _plain_python(src, codes):
    """Not strict: the refused function is kept as plain Python (autograph=False, no
    to_graph), with a warning per refusal; the code returned, the module loaded."""
    with pytest.warns(AgxWarning) as caught:
        code = transpile(src)
    assert [str(w.message).split("[")[1].split("]")[0] for w in caught][-len(codes):] == codes
    assert "# agx: kept as written, not converted (autograph=False: AutoGraph may compute" in code
    return code, load(code)


def test_refusals_autograph_would_get_wrong_are_kept_as_plain_python():
    """AGX205: AutoGraph would trace the mutation once too, so handing `pops` to AutoGraph is
    no answer; kept as plain Python it pops as eager does for a Python `n`, and a Tensor `n`
    raises (range() of a symbolic Tensor): an error, never a different value. The rest of
    the file (`converted`) is still converted."""
    src = SOURCE + """

@tf.function
def pops(n):
    l = [1, 2, 3, 4]
    s = 0
    for _ in range(n):
        s += l.pop(0)
    return tf.stack(l), s
"""
    with pytest.raises(TranspileError) as exc:
        transpile(src, strict=True)
    assert [d.code for d in exc.value.diagnostics] == ["AGX211", "AGX211", "AGX205"]
    code, out = _plain_python(src, ["AGX211", "AGX211", "AGX205"])
    assert "@tf.function(autograph=False)\ndef pops(n):\n    l = [1, 2, 3, 4]\n" in code
    assert "pops = tf.autograph.to_graph(pops)" not in code and "tf.cond(" in code
    stacked, total = out.pops(2)
    assert stacked.numpy().tolist() == [3, 4] and int(total) == 3
    with pytest.raises(TypeError):
        out.pops(tf.constant(2))
    assert int(call(out, "converted", (1, 2))) == int(call(load(SOURCE), "converted", (1, 2), eager=True))
    assert transpile(code) == code  # converting the output again changes nothing


def test_a_tensor_continue_in_a_python_loop_is_kept_as_plain_python():
    """Found by the fuzzer (seed 21): kept for AutoGraph, it computed (0, 1.0) where eager
    gives (-1, 1.0) for a `continue` under a Tensor `if` inside `try` in a Python loop:
    AGX103 keeps the function as plain Python (a Tensor `n` raises, a Python one runs)."""
    src = ("import tensorflow as tf\n\n@tf.function\ndef f(x, n):\n    a = 0\n    k1 = 0\n"
           "    while k1 < 3:\n        k1 += 1\n        try:\n            if n < 0:\n                continue\n"
           "            a = a + 1\n        finally:\n            a = a\n    return a\n")
    with pytest.raises(TranspileError) as exc:
        transpile(src, strict=True)
    assert [d.code for d in exc.value.diagnostics] == ["AGX103"]
    _, out = _plain_python(src, ["AGX103"])
    assert int(out.f(1.0, -1)) == 0 and int(out.f(1.0, 1)) == 3
    with pytest.raises(TypeError):  # a symbolic Tensor used as a Python bool
        out.f(tf.constant(1.0), tf.constant(-1))


def test_a_refused_function_with_a_return_inside_a_try_is_kept_as_plain_python():
    """Found by the fuzzer (seed 202): kept for AutoGraph for AGX104, AutoGraph returned
    (-6, 3.125) where eager gives (-1, 1.0) for a `return` in a loop inside a `try`: a
    refused function with a `return` inside a `try` is kept as plain Python, not for AutoGraph."""
    src = ("import tensorflow as tf\n\n@tf.function\ndef f(x, n: int):\n    a = n * 2 - 1\n    v = 1.0\n"
           "    c = [n, 1]\n    u = x * 0.5\n    try:\n        k1 = 0\n        while k1 < n + 1:\n"
           "            k1 += 1\n            if u < 0.0:\n                return a, v\n"
           "        v += 4.0\n    finally:\n        u = x + 0.5\n    return a + c[0] - c[1], u + v\n")
    with pytest.raises(TranspileError) as exc:
        transpile(src, strict=True)
    assert exc.value.diagnostics[0].code in ("AGX104", "AGX105", "AGX107")
    code, out = _plain_python(src, [d.code for d in exc.value.diagnostics])
    assert "@tf.function(autograph=False)\ndef f(x, n: int):\n" in code
    assert [float(v) for v in out.f(-1.0, 1)] == [1.0, 1.0]  # eager: a = 1, v = 1.0
    with pytest.raises(TypeError):
        out.f(tf.constant(-1.0), 1)
    without_try = src.replace("    try:\n", "    if True:\n").replace("    finally:\n        u = x + 0.5\n", "")
    with pytest.warns(AgxWarning):
        assert "# agx: kept as written, AutoGraph converts it" in transpile(without_try)


def test_a_refused_function_with_a_return_in_finally_is_not_kept():
    """Found by the fuzzer (seed 403): kept as plain Python for AGX205, the function's
    `for i in tf.range(n)` raised while tracing and the `return` in `finally` swallowed the
    error: (1, 0.0) where eager gives (1, -0.125). Kept as written either way (AutoGraph or
    plain) it would return a value instead of raising, so the refusal stays an error (AGX114)."""
    src = ("import tensorflow as tf\n\n@tf.function\ndef f(x, n):\n    d = {\"s\": 0.0}\n    u = 0.0\n"
           "    try:\n        for i in tf.range(n):\n            d.update(s=x)\n            u += 1.0\n"
           "    finally:\n        return u\n")
    with pytest.raises(TranspileError) as exc:
        transpile(src)  # not strict
    codes = [(d.code, d.line) for d in exc.value.diagnostics]
    assert ("AGX114", 12) in codes and any(c == "AGX205" for c, _ in codes), codes
    without_return = src.replace("        return u\n", "        u = u * 2.0\n    return u\n")
    with pytest.warns(AgxWarning):
        assert "# agx: kept as written" in transpile(without_return)
    loop_in_finally = src.replace("        return u\n", "        for j in range(2):\n            break\n"
                                  "    return u\n")
    with pytest.warns(AgxWarning):  # a `break` of a loop inside the `finally` swallows nothing
        assert "# agx: kept as written" in transpile(loop_in_finally)


def test_a_refused_function_that_appends_under_lowered_control_flow_is_kept_as_plain_python():
    """Found by the fuzzer (seeds 205 and 207, tf1): kept for AutoGraph for AGX104, AutoGraph
    gave `len()` of a list appended in a `tf.range` loop under a Tensor `if` wrong ((2, -2.0)
    where eager gives (1, -2.0)): it appends once, while tracing. Such a function is kept as
    plain Python (tf.range's loop unrolls nothing: a Tensor `n` raises in range/bool)."""
    src = ("import tensorflow as tf\n\n@tf.function\ndef f(x, n):\n    a = n\n    if n > 100:\n"
           "        for i in tf.range(n):\n            if i >= 2:\n                return a, x\n"
           "    lst = []\n    for i in tf.range(n):\n        if tf.maximum(a, 0) == 1:\n"
           "            lst.append(tf.cast(i, tf.float32))\n        a += 1\n"
           "    a = a + len(lst)\n    return a, x\n")
    with pytest.raises(TranspileError) as exc:
        transpile(src, strict=True)
    assert [d.code for d in exc.value.diagnostics] == ["AGX107"]
    _, out = _plain_python(src, ["AGX107"])
    with pytest.raises(TypeError):  # iterating tf.range in Python in a graph, a bool of a Tensor
        out.f(tf.constant(-2.0), tf.constant(1))
    without_append = src.replace("            lst.append(tf.cast(i, tf.float32))\n", "            a -= 1\n")
    with pytest.warns(AgxWarning):
        assert "# agx: kept as written, AutoGraph converts it" in transpile(without_append)


def test_a_tf1_refusal_keeps_only_its_function():
    """tf1's own refusals (AGX5xx, found before lowering) kept the whole file from converting;
    now the function is kept as written (AutoGraph runs it) and the rest becomes runners.
    `strict=True` still refuses the file."""
    from transpiler import TranspileError, convert
    src = ("import tensorflow as tf\n\n@tf.function\ndef total(ds: tf.data.Dataset):\n"
           "    s = tf.constant(0, tf.int64)\n    for x in ds:\n        s += x\n    return s\n\n"
           "@tf.function\ndef double(x):\n    if x > 0:\n        x = x * 2\n    return x\n")
    result = convert(src, target="tf1")
    assert [d.code for d in result.warnings] == ["AGX506"]
    assert "# agx: kept as written" in result.code and "def build_double_graph(" in result.code
    assert "def build_total_graph(" not in result.code
    module = load(result.code)  # from a file: AutoGraph reads the kept function's source
    assert int(module.total(tf.data.Dataset.range(4))) == 6 and int(module.double(3)) == 6
    with pytest.raises(TranspileError) as exc:
        convert(src, target="tf1", strict=True)
    assert [d.code for d in exc.value.diagnostics] == ["AGX506"]
