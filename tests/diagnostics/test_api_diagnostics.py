"""Bad input through the API: TranspileError.diagnostics carry code, line and column;
deep nesting converts or fails with AGX109, never a RecursionError."""
from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from cases import BAD  # noqa: E402
from transpiler import TranspileError, transpile  # noqa: E402
from transpiler import deep  # noqa: E402


def _functions(case):
    return case.functions if case.functions in ("decorated", "all") else [case.functions]


@pytest.mark.parametrize("case", BAD, ids=[b.id for b in BAD])
def test_bad_input_is_a_located_diagnostic(case):
    with pytest.raises(TranspileError) as info:
        transpile(case.source, functions=_functions(case), filename="bad.py", strict=True)
    diags = info.value.diagnostics
    assert tuple((d.code, d.line, d.col + 1) for d in diags) == case.expected
    assert case.phrase in diags[0].message
    assert all(d.filename == "bad.py" and d.severity == "error" for d in diags)
    rendered = info.value.render()
    assert rendered.count("error[") == len(case.expected) and "^" in rendered


def test_tf1_target_reports_the_same_errors():
    case = next(b for b in BAD if b.id == "several_errors_one_file")
    with pytest.raises(TranspileError) as info:
        transpile(case.source, target="tf1", strict=True)
    assert tuple((d.code, d.line, d.col + 1) for d in info.value.diagnostics) == case.expected


def test_same_error_twice_is_reported_once():
    from transpiler.diagnostics import DiagnosticSink
    sink = DiagnosticSink("m.py")
    for _ in range(2):
        sink.error("AGX201", "`y` is assigned in only one branch", line=3, col=4)
    sink.error("AGX201", "`z` is assigned in only one branch", line=3, col=4)
    assert [d.message[:3] for d in sink.errors] == ["`y`", "`z`"]


def test_unknown_target_and_unreadable_object():
    with pytest.raises(TranspileError) as info:
        transpile("x = 1\n", target="tf3", strict=True)
    assert info.value.diagnostics[0].code == "AGX004"
    with pytest.raises(TranspileError) as info:
        transpile(len, strict=True)  # a builtin has no source
    assert info.value.diagnostics[0].code == "AGX003"


# -- deep nesting ----------------------------------------------------------------------------
H = "import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n"


def nested_ifs(depth: int) -> str:
    lines = ["    y = 0"]
    for i in range(depth):
        lines.append("    " * (i + 1) + f"if x > {i}:")
    lines.append("    " * (depth + 1) + "y = 1")
    return H + "\n".join(lines) + "\n    return y\n"


def long_sum(terms: int) -> str:
    return H + "    y = " + " + ".join(["x"] * terms) + "\n    if y > 0:\n        y = -y\n    return y\n"


def test_85_nested_tensor_ifs_convert_to_valid_python():
    out = transpile(nested_ifs(85))
    compile(out, "out.py", "exec")
    import re
    calls = len(re.findall(r"(?<![\w.])cond\(", out)) - out.count("def cond(")
    assert calls == 85  # `x` is not annotated: each `if` dispatches (through the `cond` helper)


@pytest.mark.parametrize("depth", [91, 98])
def test_deeper_nesting_is_agx109_not_recursion_error(depth):
    with pytest.raises(TranspileError) as info:
        transpile(nested_ifs(depth), strict=True)
    assert [d.code for d in info.value.diagnostics] == ["AGX109"]
    assert info.value.diagnostics[0].line == 5


def test_100_nested_ifs_is_python_own_syntax_error_located():
    with pytest.raises(TranspileError) as info:
        transpile(nested_ifs(100), strict=True)
    d = info.value.diagnostics[0]
    assert d.code == "AGX001" and "indentation" in d.message and d.line > 100


def test_2500_term_expression_converts():
    out = transpile(long_sum(2500))
    compile(out, "out.py", "exec")  # as deep as CPython's compiler goes with its default limit
    assert "tf.cond(" in out and out.count(" + x") == 2499


def test_5000_term_expression_is_agx001_as_cpython_refuses_to_compile_it():
    with pytest.raises(TranspileError) as info:
        transpile(long_sum(5000))
    (d,) = info.value.diagnostics
    assert d.code == "AGX001" and "too deeply nested for Python's compiler" in d.message


def test_beyond_the_deep_stack_is_agx109(monkeypatch):
    monkeypatch.setattr(deep, "RECURSION_LIMIT", 2000)
    limit = sys.getrecursionlimit()
    with pytest.raises(TranspileError) as info:
        transpile(long_sum(2500), filename="deep.py", strict=True)  # compiles, but deeper than the stack allowed
    d = info.value.diagnostics[0]
    assert (d.code, d.filename) == ("AGX109", "deep.py") and "nested too deeply" in d.message
    assert sys.getrecursionlimit() == limit  # restored
    transpile(long_sum(50))  # and the process is still healthy


def test_deep_results_agree_with_eager():
    tf = pytest.importorskip("tensorflow")
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "support"))
    from differential import check_tf2
    check_tf2(long_sum(1500), "f", [(tf.constant(1.0),), (tf.constant(-1.0),)])
    check_tf2(nested_ifs(30), "f", [(tf.constant(40),), (tf.constant(3),)])


def test_tf1_refuses_a_loop_over_an_iterator_of_either_kind():
    """AGX111 on tf1 only: on tf2 the `for` goes through the for_loop dispatch helper."""
    src = "import tensorflow as tf\n\n\n@tf.function\n" + "def f(it):\n    s = next(it)\n    for x in it:\n        s += x\n    return s\n"
    with pytest.raises(TranspileError) as exc:
        transpile(src, target="tf1", strict=True)
    assert ("AGX111", 7) in {(d.code, d.line) for d in exc.value.diagnostics}
    assert "for_loop(it, None, loop_body, (s,))" in transpile(src, strict=True)
