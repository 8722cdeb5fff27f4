"""Invocation diagnostics: a real reason and no made-up 1:1 location; usage errors exit 2;
`agx explain --calls` and TARGET parsing never crash or splice."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli import main
from transpiler import TranspileError, transpile

SEED = ("import tensorflow as tf\n\n\n@tf.function\ndef myadd(a, b):\n    for i in tf.range(3):\n"
        "        tf.print(i)\n    return a + b\n")


def invoke(*args, input=None):
    r = CliRunner().invoke(main, list(map(str, args)), input=input)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r


def test_too_deep_for_pythons_parser_has_a_reason_and_no_fake_location(tmp_path):
    p = tmp_path / "deep.py"
    p.write_text("x = " + "-" * 20000 + "1\n")
    r = invoke("convert", p)
    assert r.exit_code == 1
    assert f"{p}: error[AGX001]: cannot parse: nested too deeply for Python's own parser" in r.stderr
    assert " | " not in r.stderr  # no quoted line and caret at a position that means nothing


def test_unknown_function_name_is_a_usage_error_without_a_fake_location(tmp_path):
    with pytest.raises(TranspileError) as info:
        transpile("def f(x):\n    return x\n", functions=["nope"], filename="m.py", strict=True)
    d = info.value.diagnostics[0]
    assert (d.code, d.line, d.help) == ("AGX002", 0, "available: f")
    p = tmp_path / "m.py"
    p.write_text("def f(x):\n    return x\n")
    r = invoke("convert", p, "--functions", "nope")
    assert r.exit_code == 2 and f"{p}: error[AGX002]: no function or method named `nope`" in r.stderr


@pytest.fixture
def seed(tmp_path):
    p = tmp_path / "seed.py"
    p.write_text(SEED)
    return p


def test_calls_with_500_unary_minus_signs_is_read(seed):
    r = invoke("explain", seed, "--calls", "-" * 500 + "1, 2")
    assert r.exit_code == 0, r.stderr
    assert "-" * 500 + "1" in r.stdout and "not readable statically" in r.stdout  # like any nested -(-1)


def test_calls_nested_beyond_the_parser_is_a_usage_error(seed):
    r = invoke("explain", seed, "--calls", "-" * 20000 + "1")
    assert r.exit_code == 2 and "is nested too deeply to read" in r.stderr and len(r.stderr) < 300


@pytest.mark.parametrize("calls", [")(", "1), g(2", ")[0](", "1).x(", ") + f("])
def test_calls_that_break_out_of_the_argument_list_are_usage_errors(seed, calls):
    r = invoke("explain", seed, "--calls", calls)
    assert r.exit_code == 2 and "is not one argument list" in r.stderr and r.stdout == ""


def test_module_form_needs_dotted_names_and_a_path_with_a_colon_is_a_file(tmp_path, monkeypatch):
    d = tmp_path / "a:b"
    d.mkdir()
    (d / "in.py").write_text(SEED)
    monkeypatch.chdir(tmp_path)
    r = invoke("explain", "a:b/in.py")
    assert r.exit_code == 0, r.stderr
    assert "myadd  a:b/in.py:5" in r.stdout
    r = invoke("explain", "a:b/missing.py")
    assert r.exit_code == 2 and "a:b/missing.py: error[AGX005]: no such file or directory" in r.stderr


def test_explain_reads_stdin_like_a_file():
    r = invoke("explain", "-", input=b"x = 1\ns = '\xe9'\n")
    assert r.exit_code == 2 and "<stdin>:2:6: error[AGX005]: not valid UTF-8 (byte 0xe9)" in r.stderr
    r = invoke("explain", "--", "-::myadd", input=SEED.encode())
    assert r.exit_code == 0 and "myadd  <stdin>:5" in r.stdout
