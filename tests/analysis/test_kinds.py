"""Parameter kinds and their sources (analysis/kinds.py), the override, and the dispatch
decisions they lead to."""
import textwrap

import pytest
from click.testing import CliRunner

from cli import main
from transpiler import analyze, transpile
from transpiler.analysis.decisions import Kind, Sort, Source
from transpiler.analysis.kinds import parse_assume


def info_of(src, **kw):
    (info,) = analyze("import tensorflow as tf\nfrom typing import Optional, Callable\n"
                      + textwrap.dedent(src), **kw).functions
    return info


def params(src, **kw):
    return {p.name: (p.kind, p.sort, p.source) for p in info_of(src, **kw).params}


def test_annotations():
    got = params("""
        @tf.function
        def f(x: tf.Tensor, v: tf.Variable, n: int, flag: bool, xs: list, ds: tf.data.Dataset,
              fn: Callable, o: Optional[tf.Tensor], s: "tf.Tensor", other: "np.ndarray"):
            return x
    """)
    assert got["x"] == (Kind.TENSOR, Sort.TENSOR, Source.ANNOTATION)
    assert got["v"][0] == Kind.TENSOR and got["s"][0] == Kind.TENSOR
    assert got["n"] == (Kind.PYTHON, Sort.SCALAR, Source.ANNOTATION)
    assert got["flag"][1] is Sort.SCALAR and got["xs"][1] is Sort.CONTAINER
    assert got["ds"] == (Kind.PYTHON, Sort.DATASET, Source.ANNOTATION)
    assert got["fn"][1] is Sort.CALLABLE and got["other"][1] is Sort.CONTAINER
    assert got["o"] == (Kind.UNKNOWN, Sort.OPTIONAL, Source.ANNOTATION)


def test_defaults_keras_uses_and_nothing():
    got = params("""
        @tf.function
        def call(x, training, step, it, data, mask=None, n=3, flag=False, name="a", shape=(2, 2),
                 other=tf.zeros([2])):
            for b in data.batch(2):
                pass
            return step(x) + next(it)
    """)
    assert got["x"] == (Kind.UNKNOWN, Sort.ANY, Source.NONE)
    assert got["training"] == (Kind.PYTHON, Sort.SCALAR, Source.KERAS)
    assert got["step"] == (Kind.PYTHON, Sort.CALLABLE, Source.USE)
    assert got["it"] == (Kind.PYTHON, Sort.ITERATOR, Source.USE)
    assert got["data"] == (Kind.PYTHON, Sort.DATASET, Source.USE)
    assert got["mask"] == (Kind.UNKNOWN, Sort.OPTIONAL, Source.DEFAULT)
    # a number default may be replaced by a Tensor (tf.function accepts one): dispatch on it;
    # a bool or a string default is a Python setting
    assert got["n"] == (Kind.UNKNOWN, Sort.OPTIONAL, Source.DEFAULT)
    assert got["flag"] == (Kind.PYTHON, Sort.SCALAR, Source.DEFAULT)
    assert got["name"] == (Kind.PYTHON, Sort.SCALAR, Source.DEFAULT)
    assert got["shape"][1] is Sort.CONTAINER
    assert got["other"] == (Kind.UNKNOWN, Sort.ANY, Source.DEFAULT)


def test_signature_wins_and_override_wins_over_all():
    src = """
        @tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
        def f(n: int):
            return n
    """
    assert params(src)["n"] == (Kind.TENSOR, Sort.TENSOR, Source.SIGNATURE)
    assert params(src, assume={"f": {"n": "python"}})["n"] == (Kind.PYTHON, Sort.SCALAR, Source.ASSUMED)
    assert params(src, assume="f:n=unknown")["n"][0] == Kind.UNKNOWN


def test_parse_assume():
    assert parse_assume("f:n=python,x=tensor; M.call:mask=unknown") == {
        "f": {"n": "python", "x": "tensor"}, "M.call": {"mask": "unknown"}}
    with pytest.raises(ValueError, match="unknown kind"):
        parse_assume("f:n=float")
    with pytest.raises(ValueError, match="FUNCTION:PARAM=KIND"):
        parse_assume("f")


SRC = "import tensorflow as tf\n\n@tf.function\ndef f(x, n):\n    if n > 0:\n        x = x + 1\n    return x\n"


def test_unknown_condition_dispatches_known_ones_do_not():
    out = transpile(SRC)
    assert "x = cond(n > 0, lambda: x + 1, lambda: x)" in out and "def cond(pred" in out
    direct = transpile(SRC, assume={"f": {"n": "tensor"}})
    assert "tf.cond(n > 0" in direct and "def cond(" not in direct
    python = transpile(SRC, assume={"f": {"n": "python"}})
    assert "if n > 0:" in python and "cond(" not in python


def test_cli_assume_on_convert_and_explain(tmp_path):
    p = tmp_path / "m.py"
    p.write_text(SRC)
    r = CliRunner().invoke(main, ["convert", "--assume", "f:n=python", str(p)])
    assert r.exit_code == 0 and "if n > 0:" in r.stdout
    r = CliRunner().invoke(main, ["explain", f"{p}::f", "--assume", "f:n=python", "--no-color"])
    assert r.exit_code == 0
    assert "n  python   python scalar, from --assume: assumed python" in r.stdout
    assert "x  unknown  not annotated: a Tensor or a Python value" in r.stdout
    r = CliRunner().invoke(main, ["convert", "--assume", "f:n=float", str(p)])
    assert r.exit_code == 2 and "unknown kind" in r.output


def test_explain_shows_each_dispatch_with_why():
    r = CliRunner().invoke(main, ["explain", "-", "--no-color"], input=SRC)
    line = next(x for x in r.stdout.splitlines() if "if n > 0" in x)
    assert "dispatched" in line and "may be a Tensor or a Python value" in line
    assert "`n` is a parameter (not annotated" in line


def test_python_truthiness_stays_python():
    out = transpile(textwrap.dedent("""
        import tensorflow as tf

        @tf.function
        def f(x, xs: list, offset=None, n: int = 2):
            if xs:
                x = x + 1
            if offset is not None:
                x = x + offset
            for i in range(n):
                x = x * 2
            return x
    """))
    assert "if xs:" in out and "if offset is not None:" in out and "for i in range(n):" in out
    assert "cond(" not in out and "while_loop(" not in out


def test_is_tensor_narrows_both_branches():
    info = info_of("""
        @tf.function
        def f(x):
            if tf.is_tensor(x):
                return tf.reduce_sum(x)
            if x:
                return 1
            return 0
    """)
    assert [(d.source, d.lowered) for d in info.decisions] == [
        ("if tf.is_tensor(x):", False), ("if x:", False)]
