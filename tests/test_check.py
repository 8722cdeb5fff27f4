"""`agx check`: eager vs AutoGraph vs agx, values and graph structure.

Inputs from an input_signature, loop counts from the function library and methods on an
instance are checked on the seed examples by tests/test_readme.py (the README's sentence)."""
import pytest
from click.testing import CliRunner

import cli
from transpiler.tools import check
from transpiler.tools.golden import DEFAULT_ROOT

SEED_MYADD = (DEFAULT_ROOT / "seed_myadd" / "input.py").read_text()
RETURN_IN_LOOP = (DEFAULT_ROOT / "return_in_loop" / "input.py").read_text()
IF_ELSE = (DEFAULT_ROOT / "if_else" / "input.py").read_text()


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


HARD_CASES = '''import tensorflow as tf


@tf.function
def truthy(x, lst: tf.Tensor):  # annotated wrongly on purpose: agx casts the list, TensorFlow aborts
    if lst:
        x = x + 1.0
    return x


@tf.function
def reshape7(x):
    return tf.reshape(x, [7])


@tf.function
def spin(x):
    while x > 0:
        x = x + 1
    return x


@tf.function
def add(a, b):
    return a + b
'''


@pytest.fixture(scope="module")
def hard_rows():
    args = ["truthy=(1.0, py([]))", "truthy=(1.0, py([1]))",       # py([]) aborts agx tf2 (TF's Check failed)
            "reshape7=([1.0, 2.0],)",                                # eager raises: not a valid input
            "spin=(-1,)", "spin=(1,)",                               # input 2 runs forever eagerly
            "(1, 2)", "(np.float32(0.5), 2.5)"]
    rows, _ = check.run_check(HARD_CASES, "hard.py", args=args, timeout=8)
    return {r.function: r for r in rows}


def test_an_abort_is_one_crash_cell_and_the_table_goes_on(hard_rows):
    row = hard_rows["truthy"]
    assert row.agree["tf2"] == "crash (SIGABRT)" and row.agx_failed
    assert any("crashes (SIGABRT" in n for n in row.notes)
    assert row.agree["autograph"] == "ok"  # the rows and modes after the abort were still run
    assert hard_rows["add"].agree == {"autograph": "ok", "tf2": "ok", "tf1": "ok"}


def test_inputs_on_which_eager_fails_are_invalid_never_ok(hard_rows):
    row = hard_rows["reshape7"]
    assert row.agree == {m: "invalid" for m in check.MODES} and (row.inputs, row.given) == (0, 1)
    assert any("no valid input" in n for n in row.notes) and not row.agx_failed
    spin = hard_rows["spin"]  # input 2 times out eagerly: invalid; input 1 is compared
    assert (spin.inputs, spin.given) == (1, 2) and spin.agree["tf2"] == "ok"
    assert any("runs for more than 8 s" in n for n in spin.notes)
    assert "1 of 2" in check.table([spin])


def test_no_valid_input_exits_2(tmp_path, capsys):
    path = tmp_path / "r.py"
    path.write_text(HARD_CASES)
    assert check.command(str(path), functions="reshape7", args=["([1.0, 2.0],)"]) == 2
    out = capsys.readouterr().out
    assert "invalid" in out and " ok " not in out


def test_converted_code_raising_where_eager_succeeds_fails_even_if_autograph_fails(monkeypatch):
    real = check.transpile

    def broken(text, target="tf2", **kw):
        return real(text, target=target, **kw).replace("return_value = i", "return_value = i[0]")

    monkeypatch.setattr(check, "transpile", broken)
    rows, _ = check.run_check(RETURN_IN_LOOP, "r.py", args=["([1.0, -2.0, 3.0],)", "([1.0, 2.0],)"])
    row = rows[0]
    assert row.agree["autograph"] == "error" and row.agree["tf2"] != "ok" and row.agx_failed
    assert "AutoGraph fails here; agx agrees with eager" not in row.notes


KERAS = '''import tensorflow as tf


class Scaled(tf.keras.layers.Layer):
    def __init__(self, units, factor=2.0):
        super().__init__()
        self.dense = tf.keras.layers.Dense(units)
        self.factor = factor

    def call(self, x):
        y = self.dense(x)
        if tf.reduce_sum(y) > 0:
            y = y * self.factor
        return y
'''


def test_random_initial_state_is_the_same_in_every_mode_and_init_builds_it(tmp_path):
    path = tmp_path / "k.py"
    path.write_text(KERAS)
    result = CliRunner().invoke(cli.main, ["check", str(path), "--init", "Scaled(3, factor=3.0)", "--timeout", "120",
                                           "--args", "Scaled.call=(tf.ones([2, 4]),)", "--args", "Scaled.call=(-tf.ones([1, 4]),)"])
    assert result.exit_code == 0, result.output
    row = result.stdout.splitlines()[2].split()
    assert row[:4] == ["Scaled.call", "2", "ok", "ok"], result.stdout  # seeded: the same Dense weights


def test_named_args_and_init_are_checked_before_running():
    names = ["f", "M.call"]
    assert check.parse_args(["f=(1, 2)", "(3,)", "M.call=(x == 1,)"], names) == \
        {"f": ["(1, 2)"], "M.call": ["(x == 1,)"]}
    assert check.parse_args(["(x == 1,)"], names) == {"f": ["(x == 1,)"], "M.call": ["(x == 1,)"]}
    with pytest.raises(check.CheckError, match="no function 'g'"):
        check.parse_args(["g=(1,)"], names)
    with pytest.raises(check.CheckError, match="SyntaxError"):
        check.parse_args(["f=(1,"], names)
    assert check.parse_init(["M(3, k=1)"], ["M"]) == {"M": "M(3, k=1)"}
    for bad in ("N(1)", "M(", "3 + 4"):
        with pytest.raises(check.CheckError):
            check.parse_init([bad], ["M"])


def test_python_values_round_trip_exactly():
    import numpy as np
    import tensorflow as tf
    from transpiler.tools import check_worker

    (args,) = check_worker.inputs_from_args(tf, np, ["(py([0]), [0], py(2))"])
    lst, tensor, two = (check_worker.to_arg(tf, np, a) for a in args)
    assert type(lst) is list and lst == [0] and type(two) is int
    assert isinstance(tensor, tf.Tensor)
