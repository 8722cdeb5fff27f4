"""Small pieces: TARGET parsing, dtype literals, --calls parsing, text helpers."""
import gast
import pytest

from transpiler.analysis.module import build_context
from transpiler.explain.calls import CallSyntaxError, parse_calls
from transpiler.lower.checks import type_of
from transpiler.explain.target import _split, find_module
from transpiler.parse import find_tf_names


@pytest.mark.parametrize("spec,expected", [
    ("a.py::f", ("a.py", "f", False)),
    ("dir/a.py::C.m", ("dir/a.py", "C.m", False)),
    ("a.py", ("a.py", None, False)),
    ("pkg.mod:f", ("pkg.mod", "f", True)),
    ("dir/a.py:f", ("dir/a.py:f", None, False)),
])
def test_split_target(spec, expected):
    assert _split(spec) == expected


def test_find_module_does_not_import(tmp_path, monkeypatch):
    (tmp_path / "pq").mkdir()
    (tmp_path / "pq" / "__init__.py").write_text("raise RuntimeError('executed')\n")
    (tmp_path / "pq" / "m.py").write_text("x = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert find_module("pq.m").endswith("pq/m.py")
    assert find_module("pq.nope") is None and find_module("no_such_pkg_xyz.m") is None


def _dtype(expr):
    tree = gast.parse("import tensorflow as tf\n")
    ctx = build_context(tree, find_tf_names(tree), set(), [])
    return type_of(gast.parse(expr).body[0].value, {}, ctx)


@pytest.mark.parametrize("expr,dtype", [
    ("0", "int32"), ("0.5", "float32"), ("True", "bool"), ("'s'", "string"),
    ("tf.constant(1)", "int32"), ("tf.constant(1, dtype=tf.int64)", "int64"),
    ("tf.cast(x, tf.float16)", "float16"), ("tf.zeros([2])", "float32"),
    ("1 + 0.5", "float32"), ("x + 1", None), ("f(1)", None),
])
def test_literal_dtype(expr, dtype):
    assert _dtype(expr) == dtype


def test_calls_syntax_error():
    with pytest.raises(CallSyntaxError):
        parse_calls("1,,2")


def test_calls_keep_their_text():
    call = parse_calls('tf.constant("a"), training=True')
    assert call.text == 'tf.constant("a"), training=True' and call.kwargs[0][0] == "training"
