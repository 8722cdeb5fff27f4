"""Warnings that are not refusals (AGX113): located like errors, through the API and the
CLI, and the file is still converted and written (exit status 0)."""
from __future__ import annotations

from click.testing import CliRunner

from cli import main
from transpiler import convert

SOURCE = """import tensorflow as tf


class Translator:
    def translate(self, x):
        if x > 0:
            x = x * 2.0
        return x


class Runner:
    def __init__(self, model):
        self.model = model

    @tf.function
    def run(self, x):
        return self.model.translate(x) + 1.0
"""


def test_agx113_through_the_api():
    result = convert(SOURCE, filename="w.py")
    assert [(d.code, d.line, d.col + 1, d.severity) for d in result.diagnostics] == [
        ("AGX113", 17, 16, "warning")]
    assert "`Translator.translate` (line 5)" in result.diagnostics[0].message
    assert "autograph=False" in result.code


def test_agx113_through_the_cli(tmp_path):
    path = tmp_path / "w.py"
    path.write_text(SOURCE)
    out = tmp_path / "out.py"
    result = CliRunner().invoke(main, ["convert", str(path), "-o", str(out)])
    assert result.exit_code == 0
    assert f"{path}:17:16: warning[AGX113]: `self.model.translate(...)`" in result.stderr
    assert "^" in result.stderr and "help: assign the attribute" in result.stderr
    assert "1 warning: traced code agx cannot see (AGX113)" in result.stderr
    assert "autograph=False" in out.read_text()
