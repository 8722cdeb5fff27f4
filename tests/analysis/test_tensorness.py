"""Static tensor-ness decisions and their reasons."""
import textwrap

from transpiler import analyze
from transpiler.analysis.decisions import Kind


def decisions(src, functions="decorated"):
    (info,) = analyze("import tensorflow as tf\n" + textwrap.dedent(src), functions=functions).functions
    return info


def test_parameter_condition_is_lowered_with_reason():
    info = decisions("""
        @tf.function
        def f(x: tf.Tensor):
            if x > 0:
                x = -x
            return x
    """)
    (d,) = info.decisions
    assert (d.construct, d.lowered, d.lowered_to, d.line) == ("if", True, "tf.cond", 5)
    assert "condition `x > 0` is a Tensor" in d.reason and "`x` is a parameter" in d.reason


def test_python_default_and_self_are_python():
    info = decisions("""
        class M:
            @tf.function
            def call(self, x, training=False, n: int = 3):
                if training:
                    x = x * 2
                for i in range(n):
                    x = x + i
                return x
    """)
    kinds = {p.name: p.kind for p in info.params}
    assert kinds == {"self": Kind.PYTHON, "x": Kind.UNKNOWN, "training": Kind.PYTHON, "n": Kind.PYTHON}
    assert [d.lowered for d in info.decisions] == [False, False]
    assert info.decisions[1].fate == "unrolled"


def test_input_signature_declares_tensors():
    info = decisions("""
        @tf.function(input_signature=[tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.int32)])
        def f(a, b=1):
            return a
    """)
    assert all(p.kind == Kind.TENSOR and "input_signature" in p.reason for p in info.params)


def test_len_of_a_value_that_may_be_a_tensor_dispatches():
    """AutoGraph's len_ is tf.shape(t)[0] for a Tensor: `len(items)` of an unannotated
    parameter is not static information."""
    info = decisions("""
        @tf.function
        def f(x, items):
            if len(items) > 1:
                x = x + 1
            return x
    """)
    (d,) = [d for d in info.decisions if d.construct == "if"]
    assert d.lowered and d.dispatch and "len(items)" in d.reason


def test_static_information_is_python():
    info = decisions("""
        @tf.function
        def f(x, items: list):
            if x.shape[0] > 2 and len(items) > 1:
                x = x[:2]
            if x is None:
                x = 0
            if isinstance(x, int):
                x = 1
            return x
    """)
    assert [d.lowered for d in info.decisions if d.construct == "if"] == [False, False, False]


def test_tf_calls_and_arithmetic_are_tensors():
    info = decisions("""
        @tf.function
        def f(v):
            n = tf.shape(v)[0]
            m = n * 2 + 1
            while m > 0:
                m -= 1
            for k in range(m):
                pass
            return m
    """, functions="all")
    assert [d.lowered_to for d in info.decisions if d.construct in ("while", "for")] == [
        "tf.while_loop", "tf.while_loop"]


def test_python_loop_variable_that_becomes_a_tensor():
    info = decisions("""
        @tf.function
        def f(x: tf.Tensor):
            i = 0
            while i < 3:
                i = i + x
            return i
    """)
    (d,) = info.decisions
    assert d.lowered and "becomes a Tensor after the first iteration" in d.reason


def test_unknown_condition_is_lowered_as_an_assumption():
    info = decisions("""
        @tf.function
        def f(x):
            if helper_from_elsewhere(x):
                x = x + 1
            return x
    """)
    (d,) = info.decisions
    assert d.lowered and d.assumption and "may be a Tensor" in d.reason


def test_module_level_variable_and_init_attributes():
    info = decisions("""
        v = tf.Variable(1.0)
        class M(tf.Module):
            def __init__(self, flag=True):
                self.flag = flag
                self.w = tf.Variable(0.0)
            @tf.function
            def go(self):
                if self.flag:
                    self.w.assign_add(1.0)
                if self.w > v:
                    self.w.assign(0.0)
                return self.w
    """)
    ifs = [d for d in info.decisions if d.construct == "if"]
    assert [d.lowered for d in ifs] == [False, True]
    assert "set in __init__" in ifs[0].reason


def test_statement_fates():
    info = decisions("""
        @tf.function
        def f(x):
            print("tracing")
            tf.print(x)
            out = []
            out.append(1)
            v = tf.Variable(1.0)
            y = x + 1
            return y
    """)
    fates = {s.line: s.fate for s in info.statements}
    assert fates == {5: "trace-only", 6: "graph", 7: "trace-only", 8: "trace-only", 9: "trace-only",
                     10: "graph", 11: "graph"}
