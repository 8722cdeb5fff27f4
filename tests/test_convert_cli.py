"""agx convert: outputs, exit codes, atomic writes, stdin."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

GOOD = "import tensorflow as tf\n\n@tf.function\ndef f(x):\n    if x > 0:\n        x = x * 2\n    return x\n"
BAD = "import tensorflow as tf\n\n@tf.function\ndef f(x):\n    if x > 0:\n        y = x\n    return y\n"
PLAIN = "import tensorflow as tf\n\ndef g(x):\n    return x\n"


@pytest.fixture
def runner():
    return CliRunner()


def write(tmp_path, name, text):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    return p


def test_convert_to_stdout(runner, tmp_path):
    p = write(tmp_path, "m.py", GOOD)
    r = runner.invoke(main, ["convert", str(p)])
    assert r.exit_code == 0, r.output
    assert "tf.cond(" in r.stdout and "autograph=False" in r.stdout


def test_stdin(runner):
    r = runner.invoke(main, ["convert", "-"], input=GOOD)
    assert r.exit_code == 0 and "tf.cond(" in r.stdout


def test_error_exit_1_with_located_diagnostic_and_nothing_written(runner, tmp_path):
    p = write(tmp_path, "m.py", BAD)
    out = tmp_path / "out.py"
    r = runner.invoke(main, ["convert", "--strict", str(p), "-o", str(out)])
    assert r.exit_code == 1
    assert f"{p}:5:5: error[AGX201]" in r.stderr
    assert "    if x > 0:" in r.stderr and "^" in r.stderr and "help:" in r.stderr
    assert not out.exists()


def test_in_place_is_atomic(runner, tmp_path):
    good, bad = write(tmp_path, "good.py", GOOD), write(tmp_path, "bad.py", BAD)
    r = runner.invoke(main, ["convert", "--strict", "-i", str(good), str(bad)])
    assert r.exit_code == 1
    assert "tf.cond(" in good.read_text()
    assert bad.read_text() == BAD
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".agx-tmp")]


def test_output_dir_mirrors_tree_and_converts_the_rest(runner, tmp_path):
    src = tmp_path / "src"
    write(src, "a.py", GOOD)
    write(src, "pkg/b.py", GOOD)
    write(src, "pkg/bad.py", BAD)
    out = tmp_path / "out"
    r = runner.invoke(main, ["convert", "--strict", str(src), "-o", str(out)])
    assert r.exit_code == 1
    assert "tf.cond(" in (out / "a.py").read_text()
    assert "tf.cond(" in (out / "pkg" / "b.py").read_text()
    assert not (out / "pkg" / "bad.py").exists()
    assert "bad.py:5:5: error[AGX201]" in r.stderr


def test_check_and_diff(runner, tmp_path):
    p, q = write(tmp_path, "m.py", GOOD), write(tmp_path, "plain.py", PLAIN)
    r = runner.invoke(main, ["convert", "--check", str(p)])
    assert r.exit_code == 1 and "would convert" in r.stderr and p.read_text() == GOOD
    assert runner.invoke(main, ["convert", "--check", str(q)]).exit_code == 0
    r = runner.invoke(main, ["convert", "--diff", str(p)])
    assert r.exit_code == 1 and r.stdout.startswith(f"--- a/{p}") and "+    x = cond(" in r.stdout
    assert runner.invoke(main, ["convert", "--diff", str(q)]).stdout == ""


def test_functions_option(runner, tmp_path):
    p = write(tmp_path, "m.py", PLAIN.replace("return x", "return -x if x > 0 else x"))
    assert "tf.cond(" not in runner.invoke(main, ["convert", str(p)]).stdout
    assert "tf.cond(" in runner.invoke(main, ["convert", "--functions", "all", str(p)]).stdout
    assert "tf.cond(" in runner.invoke(main, ["convert", "--functions", "g", str(p)]).stdout
    r = runner.invoke(main, ["convert", "--functions", "nope", str(p)])
    assert r.exit_code == 2 and f"{p}: error[AGX002]: no function or method named `nope`" in r.stderr
    assert "help: available: g" in r.stderr and " | " not in r.stderr  # no made-up 1:1 caret


@pytest.mark.parametrize("args,needle", [
    (["convert", "/no/such/file.py"], "AGX005"),
    (["convert", "--target", "tf9", "x.py"], "Invalid value"),
    (["convert"], "Missing argument"),
    (["convert", "-i", "-"], "stdin"),
])
def test_usage_and_unreadable_exit_2(runner, args, needle):
    r = runner.invoke(main, args)
    assert r.exit_code == 2 and needle in (r.stderr + r.output)


def test_non_utf8(runner, tmp_path):
    p = tmp_path / "latin.py"
    p.write_bytes(b"x = 1\ns = '\xe9'\n")
    r = runner.invoke(main, ["convert", str(p)])
    assert r.exit_code == 2 and f"{p}:2:6: error[AGX005]: not valid UTF-8" in r.stderr


def test_color_only_when_asked(runner, tmp_path):
    p = write(tmp_path, "m.py", BAD)
    assert "\033[" not in runner.invoke(main, ["convert", str(p)]).stderr
    assert "\033[" in runner.invoke(main, ["convert", "--color", str(p)]).stderr


def test_console_script_runs_without_tensorflow(tmp_path):
    p = write(tmp_path, "m.py", GOOD)
    code = ("import sys, runpy; sys.argv=['agx','convert',%r]\n"
            "try:\n    runpy.run_module('cli', run_name='__main__')\n"
            "except SystemExit as e:\n    assert e.code == 0, e.code\n"
            "assert 'tensorflow' not in sys.modules\nprint('NO_TF')\n") % str(p)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1]))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "tf.cond(" in r.stdout and r.stdout.strip().endswith("NO_TF")


def test_refused_function_is_kept_as_written_with_a_warning(runner, tmp_path):
    """Not --strict: the refused function stays as written (AutoGraph converts it when traced),
    with a one-line comment; the rest converts; exit 0 and the file is written."""
    p = write(tmp_path, "m.py", BAD + "\n\n" + GOOD.split("\n\n", 1)[1].replace("def f", "def g"))
    out = tmp_path / "out.py"
    r = runner.invoke(main, ["convert", str(p), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert f"{p}:5:5: warning[AGX201]" in r.stderr and "1 warning" in r.stderr and "error[" not in r.stderr
    text = out.read_text()
    assert "# agx: kept as written, AutoGraph converts it when traced (AGX201: " in text
    assert "@tf.function\ndef f(x):\n    if x > 0:\n        y = x\n    return y\n" in text
    assert "@tf.function(autograph=False)\ndef g(x):" in text and "tf.cond(" in text
    assert runner.invoke(main, ["convert", "--check", str(p)]).exit_code == 1  # the file would change
    r = runner.invoke(main, ["convert", "--diff", str(p)])
    assert r.exit_code == 1 and "+# agx: kept as written" in r.stdout
    assert runner.invoke(main, ["convert", "--strict", str(p), "-o", str(tmp_path / "o2.py")]).exit_code == 1
    assert not (tmp_path / "o2.py").exists()
