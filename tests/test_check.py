"""`agx check`: eager vs AutoGraph vs agx, values and graph structure."""
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from transpiler.tools import check
from transpiler.tools.golden import DEFAULT_ROOT

SEED_ADD_PRINT = (DEFAULT_ROOT / "seed_add_print" / "input.py").read_text()
SEED_MYADD = (DEFAULT_ROOT / "seed_myadd" / "input.py").read_text()
RETURN_IN_LOOP = (DEFAULT_ROOT / "return_in_loop" / "input.py").read_text()
IF_ELSE = (DEFAULT_ROOT / "if_else" / "input.py").read_text()


def test_signature_inputs_agree_and_structure_matches():
    rows, _ = check.run_check(SEED_ADD_PRINT, "add_print.py")
    (row,) = rows
    assert row.function == "add_print" and row.inputs == 3
    assert row.agree["autograph"] == "ok" and row.agree["tf2"] == "ok"
    ag, agx = row.structure["autograph"], row.structure["tf2"]
    assert (ag.loops, ag.conds) == (agx.loops, agx.conds) == (0, 0) and agx.ops > 0


def test_loop_counts_from_the_function_library():
    rows, _ = check.run_check(SEED_MYADD, "myadd.py", args=["('hello', 'world')", "(1, 2)"])
    row = rows[0]
    assert row.agree["tf2"] == "ok" and row.agree["autograph"] == "ok" and row.agree["tf1"] == "ok"
    assert row.structure["autograph"].loops == row.structure["tf2"].loops == 1
    assert row.structure["tf2"].ops <= row.structure["autograph"].ops


def test_autograph_failure_is_reported_and_agx_passes():
    rows, _ = check.run_check(RETURN_IN_LOOP, "r.py", args=["([1.0, -2.0, 3.0],)", "([1.0, 2.0],)"])
    row = rows[0]
    assert row.agree["autograph"] == "error" and row.agree["tf2"] == "ok"
    assert row.structure["autograph"] is None and row.structure["tf2"].loops == 1
    assert any("AutoGraph fails: NotImplementedError: a return statement" in n for n in row.notes)
    assert "AutoGraph fails here; agx agrees with eager" in row.notes


def test_wrong_agx_output_exits_1(tmp_path, monkeypatch, capsys):
    real = check.transpile

    def broken(text, target="tf2", **kw):
        return real(text, target=target, **kw).replace("x * 2", "x * 3")

    monkeypatch.setattr(check, "transpile", broken)
    path = tmp_path / "f.py"
    path.write_text(IF_ELSE)
    assert check.command(str(path), args=["(3.0,)", "(-2.0,)"]) == 1
    out = capsys.readouterr().out
    assert "wrong 1/2" in out and "agx tf2 disagrees with eager on input 1" in out


def test_missing_inputs_ask_for_args(tmp_path, capsys):
    path = tmp_path / "myadd.py"
    path.write_text(SEED_MYADD)
    assert check.command(str(path)) == 2
    assert "pass them, e.g. --args" in capsys.readouterr().out


def test_cli_prints_the_table(tmp_path):
    path = tmp_path / "f.py"
    path.write_text(IF_ELSE)
    result = CliRunner().invoke(cli.main, ["check", str(path), "--args", "(3.0,)", "--args", "(-2.0,)"])
    assert result.exit_code == 0, result.output
    header, _, line = result.stdout.splitlines()[:3]
    assert header.split()[:5] == ["function", "inputs", "AutoGraph", "agx", "tf2"]
    assert line.split()[:4] == ["f", "2", "ok", "ok"] and "1/1" in line


def test_conversion_error_and_bad_args_are_messages(tmp_path, capsys):
    bad = tmp_path / "bad.py"
    bad.write_text((DEFAULT_ROOT / "error_undefined_in_branch" / "input.py").read_text())
    assert check.command(str(bad)) == 1
    assert "AGX201" in capsys.readouterr().err
    good = tmp_path / "f.py"
    good.write_text(IF_ELSE)
    assert check.command(str(good), args=["(1.0,"]) == 2
    assert "--args '(1.0,'" in capsys.readouterr().err
    assert check.command(str(tmp_path / "missing.py")) == 2


def test_inputs_from_signature_shapes():
    import numpy as np
    import tensorflow as tf

    fn = tf.function(lambda v, n: v, input_signature=[tf.TensorSpec([None, 2], tf.float32),
                                                      tf.TensorSpec([], tf.int32)])
    sets = check.inputs_from_signature(tf, np, fn)
    assert len(sets) == 3
    assert [tuple(a.shape) for a in sets[0]] == [(3, 2), ()]
    assert [int(t[1].numpy()) for t in sets] == [1, 6, 27]
    assert sets[0][0].numpy().tolist() == [[0.5, 1.5], [2.5, 3.5], [4.5, 5.5]]
    assert check.inputs_from_signature(tf, np, lambda x: x) is None


def test_module_method_is_called_on_an_instance():
    rows, messages = check.run_check((DEFAULT_ROOT / "seed_demo_module" / "input.py").read_text(), "demo.py")
    assert rows[0].function == "DemoModule.addprint"
    assert rows[0].agree["tf2"] == "ok" and rows[0].agree["autograph"] == "ok"
    if rows[0].agree["tf1"] == "n/a":  # the tf1 target does not convert methods (yet): said, not hidden
        assert any(m.startswith("agx tf1: cannot convert") for m in messages)
    else:
        assert rows[0].agree["tf1"] == "ok"


def test_named_function_is_converted_with_its_callees():
    source = (DEFAULT_ROOT / "helper_converted" / "input.py").read_text()
    rows, _ = check.run_check(source, "h.py", functions=["f"], args=["(5,)", "(50,)"])
    assert [r.function for r in rows] == ["f"]
    assert rows[0].agree["tf2"] == "ok" and rows[0].agree["tf1"] == "ok"


def test_undecorated_function_is_traced_not_run_eagerly():
    source = "import tensorflow as tf\n\n\ndef g(x):\n    if x > 0:\n        x = x * 2\n    return x\n"
    rows, _ = check.run_check(source, "g.py", functions="all", args=["(3,)", "(-3,)"])
    row = rows[0]
    assert row.agree == {"autograph": "ok", "tf2": "ok", "tf1": "ok"}
    assert row.structure["autograph"].conds == row.structure["tf2"].conds == 1


def test_converted_module_that_fails_to_load_is_an_agx_failure(monkeypatch):
    real = check.transpile
    monkeypatch.setattr(check, "transpile", lambda text, target="tf2", **kw:
                        real(text, target=target, **kw) + "\nraise ImportError('broken output')\n")
    rows, _ = check.run_check(IF_ELSE, "f.py", args=["(1.0,)"])
    assert rows[0].agree["tf2"] == "error" and rows[0].agx_failed
    assert any("broken output" in n for n in rows[0].notes)
