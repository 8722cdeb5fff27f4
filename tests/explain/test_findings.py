"""Every finding: a case that reports it and a close case that must not."""
import textwrap

import pytest

from helpers import codes, report

HEAD = "import tensorflow as tf\n"

CASES = {
    "AGX401": (  # print inside tf.function
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            print("tracing")
            return x
        """,
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            tf.print("running")
            return x
        """),
    "AGX402": (  # tf.Variable created inside
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            v = tf.Variable(1.0)
            return v + x
        """,
        """
        class M(tf.Module):
            def __init__(self):
                self.v = None
            @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
            def f(self, x):
                if self.v is None:
                    self.v = tf.Variable(1.0)
                return self.v + x
        """),
    "AGX403": (  # outer list mutated
        """
        seen = []
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            seen.append(x)
            return x
        """,
        """
        seen = []
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            seen = []
            seen.append(x)
            return x
        """),
    "AGX404": (  # no input_signature
        """
        @tf.function
        def f(x):
            return x + 1
        """,
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            return x + 1
        """),
    "AGX405": (  # Python-valued parameter
        """
        @tf.function
        def f(x, training=False):
            return x
        """,
        """
        @tf.function
        def f(x, y):
            return x
        """),
    "AGX406": (  # tf.function created inside a loop
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            for k in range(3):
                g = tf.function(lambda t: t * k)
            return x
        """,
        """
        g = tf.function(lambda t: t)
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            for k in range(3):
                x = g(x)
            return x
        """),
    "AGX407": (  # Tensor as a Python bool
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            flag = bool(x > 0)
            return x
        """,
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            k = 3
            b = bool(k)
            return x
        """),
    "AGX408": (  # variable defined in one branch only
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            if x > 0:
                y = x
            return y
        """,
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
        def f(x):
            if x > 0:
                y = x
            else:
                y = -x
            return y
        """),
    "AGX409": (  # loop variable changes dtype
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
        def f(n):
            s = 0
            for i in tf.range(n):
                s += 0.5
            return s
        """,
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
        def f(n):
            s = 0.0
            for i in tf.range(n):
                s += 0.5
            return s
        """),
    "AGX420": (  # AutoGraph options next to autograph=False
        """
        @tf.function(experimental_autograph_options=tf.autograph.experimental.Feature.LISTS)
        def f(x):
            return x
        """,
        """
        @tf.function(jit_compile=True)
        def f(x):
            return x
        """),
    "AGX400": (  # other conversion errors
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
        def f(n):
            while n > 0:
                print(1)
            return n
        """,
        """
        @tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
        def f(n):
            while n > 0:
                n -= 1
            return n
        """),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_positive(code):
    assert code in codes(HEAD + textwrap.dedent(CASES[code][0]))


@pytest.mark.parametrize("code", sorted(CASES))
def test_negative(code):
    assert code not in codes(HEAD + textwrap.dedent(CASES[code][1]))


def test_catalogue_is_covered():
    from transpiler.explain.catalogue import CATALOGUE
    assert set(CASES) == set(CATALOGUE)


def test_finding_location_and_texts():
    r = report(HEAD + textwrap.dedent(CASES["AGX401"][0]))
    f = next(f for f in r.findings if f.code == "AGX401")
    assert (f.line, f.col, f.severity) == (5, 4, "warning")
    assert "tf.print" in f.hint and f.explanation


def test_variable_finding_quotes_tensorflow_and_shows_module_pattern():
    f = next(f for f in report(HEAD + textwrap.dedent(CASES["AGX402"][0])).findings if f.code == "AGX402")
    assert "only supports singleton tf.Variables" in f.explanation
    assert "tf.Module" in f.hint and "__init__" in f.hint


def test_findings_are_deduplicated():
    src = HEAD + """
@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def f(x):
    print("a"); print("b")
    print("c")
    return x
"""
    found = [f for f in report(src).findings if f.code == "AGX401"]
    assert [f.line for f in found] == [5, 6]


def test_global_rebinding_is_outer_mutation():
    src = HEAD + """
count = 0
@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def f(x):
    global count
    count += 1
    return x
"""
    assert "AGX403" in codes(src)


def test_dtype_change_in_python_loop_is_fine():
    src = HEAD + """
@tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
def f(n):
    s = 0
    for i in range(3):
        s += 0.5
    return s + tf.cast(n, tf.float32)
"""
    assert "AGX409" not in codes(src)


def test_numpy_method_on_tensor():
    src = HEAD + """
@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def f(x):
    y = x.numpy()
    return x
"""
    assert "AGX407" in codes(src)


def test_tensor_break_in_python_loop_is_tensor_as_bool():
    src = HEAD + """
@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def f(x):
    ys = []
    for k in [1, 2, 3]:
        if x > k:
            break
        ys.append(x)
    return ys
"""
    assert "AGX407" in codes(src)
    # without the Python effect the loop stays Python, its `break` a did_break flag
    guarded = src.replace("    ys = []\n", "").replace("ys.append(x)", "x = x + 1").replace("return ys", "return x")
    assert "def f(x):\n    for k in [1, 2, 3]:" in guarded and "AGX407" not in codes(guarded)


def test_a_dataset_parameter_is_no_python_valued_parameter():
    """tf.function keys a dataset (or a tf.data iterator) on its element spec, not on which
    one is passed: no AGX405 (a value only `next()` calls an iterator may be a Python one)."""
    src = """
        @tf.function
        def f(ds: tf.data.Dataset, it: tf.data.Iterator):
            return ds.reduce(next(it), lambda s, x: s + x)
        """
    assert "AGX405" not in codes(HEAD + textwrap.dedent(src))
    src = """
        @tf.function
        def f(it):
            return next(it)
        """
    assert "AGX405" in codes(HEAD + textwrap.dedent(src))
