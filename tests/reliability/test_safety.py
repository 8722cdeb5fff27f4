"""The safety net (transpiler/safety.py): a conversion bug becomes a located AGX000 and
nothing is written. The bugs are simulated by patching the converter."""
import pytest
from click.testing import CliRunner

from cli import main
from transpiler import driver, transpile
from transpiler.diagnostics import TranspileError

SRC = ("import tensorflow as tf\n\ndef g(y):\n    return 1\n\n\n@tf.function\ndef f(x: tf.Tensor):\n"
       "    if x > 0:\n        x = x + 1\n    return x\n")


def patched(monkeypatch, rewrite):
    original = driver.convert_job

    def convert_job(*a, **k):
        out, rewritten, diagnostics = original(*a, **k)
        return rewrite(out), rewritten, diagnostics
    monkeypatch.setattr(driver, "convert_job", convert_job)


def agx000(**kw):
    with pytest.raises(TranspileError) as exc:
        transpile(SRC, **kw)
    (d,) = exc.value.diagnostics
    assert d.code == "AGX000" and "internal error" in d.message and d.help
    return d


def test_output_that_does_not_compile_is_agx000_at_the_function(monkeypatch):
    patched(monkeypatch, lambda out: out.replace("tf.cond(", "tf.cond(("))
    d = agx000(fast=True)
    assert "`f` does not compile" in d.message and (d.line, d.col) == (8, 0)


def test_a_changed_untouched_function_is_agx000(monkeypatch):
    patched(monkeypatch, lambda out: out.replace("return 1", "return 2"))
    d = agx000(fast=True)
    assert "`g` changes a function agx did not convert" in d.message and d.line == 3


def test_unstable_output_is_agx000_unless_fast(monkeypatch):
    patched(monkeypatch, lambda out: out.replace("    return x\n", "    x = x\n    return x\n", 1))
    d = agx000()
    assert "`f` is not stable" in d.message and d.line == 8
    assert "x = x" in transpile(SRC, fast=True)  # --fast skips the second conversion


@pytest.mark.parametrize("target", ["tf2", "tf1"])
def test_tf1_and_tf2_outputs_pass_the_net(target):
    assert "def f(x" in transpile(SRC, target=target, functions="all")


def test_cli_writes_nothing_and_exits_1(monkeypatch, tmp_path):
    patched(monkeypatch, lambda out: out.replace("tf.cond(", "tf.cond(("))
    path = tmp_path / "m.py"
    path.write_text(SRC)
    r = CliRunner().invoke(main, ["convert", str(path), "-i"])
    assert r.exit_code == 1 and path.read_text() == SRC
    assert "error[AGX000]: internal error: agx's output for `f` does not compile" in r.stderr
    assert f"{path}:8:1:" in r.stderr
    r = CliRunner().invoke(main, ["convert", str(path), "--fast"])
    assert r.exit_code == 1 and not r.stdout
