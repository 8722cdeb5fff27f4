"""The `agx explain` command: TARGET forms, JSON contract, text output, exit codes."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
SEED = "examples/seed_myadd.py"
FUNCTION_KEYS = {"name", "file", "line", "params", "statements", "findings", "summary"}
PARAM_KEYS = {"name", "kind", "sort", "source", "reason"}
STATEMENT_KEYS = {"line", "col", "source", "fate", "lowered_to", "reason"}
FINDING_KEYS = {"code", "severity", "line", "col", "title", "explanation", "hint"}
CALL_KEYS = {"args", "predicted_trace", "reason", "forms"}


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def explain(*args, input=None):
    return CliRunner().invoke(main, ["explain", *args], input=input)


def test_seed_done_criteria():
    r = explain(SEED + "::myadd", "--format", "json", *sum((["--calls", c] for c in [
        'tf.constant("hello"), tf.constant("world")', 'tf.constant("good"), tf.constant("morning")',
        "tf.constant(1), tf.constant(2)", '"hello", "world"', '"good", "morning"']), []))
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    (fn,) = doc["functions"]
    loop = next(s for s in fn["statements"] if s["source"].startswith("for "))
    assert (loop["fate"], loop["lowered_to"]) == ("lowered", "tf.while_loop")
    pr = next(s for s in fn["statements"] if s["source"].startswith("print("))
    assert pr["fate"] == "trace-only"
    assert any(f["code"] == "AGX401" and f["line"] == pr["line"] for f in fn["findings"])
    assert [c["predicted_trace"] for c in doc["calls"]] == [True, False, True, True, True]


def test_json_contract():
    r = explain("tests/explain/fixtures/retrace_cases.py", "--format", "json")
    doc = json.loads(r.stdout)
    assert set(doc) == {"functions", "calls"} and doc["calls"] == []
    assert len(doc["functions"]) >= 5
    for fn in doc["functions"]:
        # methods also carry "module" (their class's variables and submodules)
        assert set(fn) == FUNCTION_KEYS | ({"module"} if "." in fn["name"] else set())
        assert fn["file"] == "tests/explain/fixtures/retrace_cases.py"
        for p in fn["params"]:
            assert set(p) == PARAM_KEYS and p["kind"] in ("tensor", "python", "unknown")
        for s in fn["statements"]:
            assert set(s) == STATEMENT_KEYS
            assert s["fate"] in ("graph", "trace-only", "lowered", "unrolled")
            assert s["lowered_to"] in (None, "tf.cond", "tf.while_loop")
        assert [s["line"] for s in fn["statements"]] == sorted(s["line"] for s in fn["statements"])
        for f in fn["findings"]:
            assert set(f) == FINDING_KEYS and f["severity"] in ("error", "warning", "note")
            assert f["code"].startswith("AGX4")
        assert {"graph", "trace_only", "lowered", "kept", "retrace_triggers"} <= set(fn["summary"])


def test_json_calls_without_run_have_no_observation():
    r = explain(SEED + "::myadd", "--format", "json", "--calls", "1, 2")
    (call,) = json.loads(r.stdout)["calls"]
    assert set(call) == CALL_KEYS and call["args"] == "1, 2"


def test_class_method_target():
    r = explain("tests/explain/fixtures/retrace_cases.py::Scaler.scale", "--format", "json")
    (fn,) = json.loads(r.stdout)["functions"]
    assert fn["name"] == "Scaler.scale"
    assert fn["params"][0] == {"name": "self", "kind": "python", "sort": "python object", "source": "receiver",
                               "reason": "the object the method is called on"}


def test_undecorated_function_target(tmp_path):
    (tmp_path / "m.py").write_text("import tensorflow as tf\n\ndef helper(x):\n    if x > 0:\n        x = -x\n"
                                   "    return x\n")
    r = explain(str(tmp_path / "m.py") + "::helper", "--format", "json")
    (fn,) = json.loads(r.stdout)["functions"]
    assert fn["statements"][0]["lowered_to"] == "tf.cond"


def test_module_target_is_located_without_executing(tmp_path, monkeypatch):
    pkg = tmp_path / "pkgx"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("raise SystemExit('package executed')\n")
    (pkg / "mod.py").write_text("import tensorflow as tf\nraise SystemExit('module executed')\n"
                                "@tf.function\ndef f(x):\n    print(x)\n    return x\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    r = explain("pkgx.mod:f")
    assert r.exit_code == 0, r.output
    assert "pkgx/mod.py:4" in r.stdout and "AGX401" in r.stdout
    assert "pkgx" not in sys.modules


def test_stdin_target():
    r = explain("-", input="import tensorflow as tf\n@tf.function\ndef g(x):\n    return x * 2\n")
    assert r.exit_code == 0 and "g  <stdin>:3" in r.stdout


def test_static_explain_does_not_import_tensorflow():
    code = ("import sys; from cli import main; "
            "sys.argv = ['agx', 'explain', 'examples/seed_myadd.py']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert 'tensorflow' not in sys.modules, 'tensorflow imported'")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "myadd" in out.stdout


@pytest.mark.parametrize("args,code", [
    (["missing.py"], 2),
    ([SEED + "::nope"], 2),
    ([SEED, "--calls", "1,,"], 2),
    ([SEED, "--run"], 2),
    ([SEED + "::myadd", "--graph", "logs"], 2),
    (["tests/explain/fixtures/retrace_cases.py", "--calls", "1"], 2),
    (["no.such.module:f"], 2),
])
def test_usage_errors(args, code):
    r = explain(*args)
    assert r.exit_code == code
    assert "Traceback" not in r.output


def test_syntax_error_is_reported(tmp_path):
    (tmp_path / "bad.py").write_text("def f(:\n")
    r = explain(str(tmp_path / "bad.py"))
    assert r.exit_code == 1 and "AGX001" in r.output and "Traceback" not in r.output


def test_error_findings_exit_1(tmp_path):
    (tmp_path / "v.py").write_text("import tensorflow as tf\n@tf.function\ndef f(x):\n"
                                   "    v = tf.Variable(1.0)\n    return v + x\n")
    r = explain(str(tmp_path / "v.py"))
    assert r.exit_code == 1 and "error[AGX402]" in r.stdout


def test_text_is_deterministic_and_plain_when_piped():
    first, second = explain(SEED), explain(SEED)
    assert first.stdout == second.stdout
    assert "\x1b[" not in first.stdout and ROOT not in first.stdout
    assert "summary: 3 statements become graph ops, 1 trace-only" in first.stdout


def test_color_when_asked():
    assert "\x1b[" in explain(SEED, "--color").stdout


def test_no_color_env_wins_on_a_tty(tmp_path):
    code = ("import sys, os; os.environ['NO_COLOR'] = '1'; sys.stdout.isatty = lambda: True\n"
            "from cli import main; sys.argv = ['agx', 'explain', 'examples/seed_myadd.py']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert "myadd" in out.stdout and "\x1b[" not in out.stdout


def test_compare_autograph():
    r = explain(SEED + "::myadd", "--compare-autograph")
    assert r.exit_code == 0, r.output
    assert "myadd: original 7 lines, agx" in r.stdout
    assert "ag__.for_stmt" in r.stdout and "tf.while_loop" in r.stdout
    doc = json.loads(explain(SEED + "::myadd", "--compare-autograph", "--format", "json").stdout)
    listing = doc["functions"][0]["compare"]
    assert set(listing) == {"original", "agx", "autograph"}
    assert listing["original"]["lines"] == 7
