"""Bad input through `agx convert`: exit code, `file:line:col: error[AGXnnn]` with the source
line and a caret, nothing written (-o, -i), directories convert what they can, and the
input is never imported or executed (nor is TensorFlow imported)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, os.path.dirname(__file__))

from cases import BAD  # noqa: E402
from cli import main  # noqa: E402

GOOD = "import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    if x > 0:\n        x = x * 2\n    return x\n"
ROOT = Path(__file__).resolve().parents[2]


def _args(case):
    return [] if case.functions == "decorated" else ["--functions", case.functions]


def _carets(stderr: str):
    """(line, col) of each caret: the line number is read from the quoted source line above."""
    lines = stderr.splitlines()
    found = []
    for above, line in zip(lines, lines[1:]):
        if line.rstrip().endswith("^") and "|" in line and "|" in above:
            gutter = above.split("|", 1)[0].strip()
            found.append((int(gutter), line.index("^") - line.index("|") - 2 + 1))
    return found


@pytest.mark.parametrize("case", BAD, ids=[b.id for b in BAD])
def test_cli_reports_every_error_with_caret_and_writes_nothing(case, tmp_path):
    src = tmp_path / "bad.py"
    src.write_text(case.source, encoding="utf-8")
    out = tmp_path / "out.py"
    out.write_text("OLD\n")
    r = CliRunner().invoke(main, ["convert", "--strict", str(src), "-o", str(out), "--no-color"] + _args(case))
    assert r.exit_code == 1, r.output
    for code, line, col in case.expected:
        assert f"bad.py:{line}:{col}: error[{code}]" in r.stderr, r.stderr
    assert _carets(r.stderr) == [(line, col) for _, line, col in case.expected]
    assert r.stderr.rstrip().endswith(f"{len(case.expected)} error{'s' if len(case.expected) > 1 else ''}")
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert out.read_text() == "OLD\n"
    r = CliRunner().invoke(main, ["convert", "--strict", str(src), "-i"] + _args(case))
    assert r.exit_code == 1 and src.read_text(encoding="utf-8") == case.source
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.py", "out.py"]  # no temporary files left


def test_not_utf8_is_exit_2_located_and_nothing_written(tmp_path):
    src = tmp_path / "latin.py"
    src.write_bytes(b"x = 1\ns = '\xe9t\xe9'\n")
    out = tmp_path / "out.py"
    r = CliRunner().invoke(main, ["convert", str(src), "-o", str(out)])
    assert r.exit_code == 2
    assert "latin.py:2:6: error[AGX005]: not valid UTF-8 (byte 0xe9)" in r.stderr
    assert not out.exists()


def test_missing_path_is_exit_2(tmp_path):
    r = CliRunner().invoke(main, ["convert", str(tmp_path / "nope.py")])
    assert r.exit_code == 2 and "nope.py: error[AGX005]: no such file or directory" in r.stderr


def _tree(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "good.py").write_text(GOOD)
    (src / "bad_syntax.py").write_text("def f(:\n")
    (src / "sub" / "bad_branch.py").write_text(BAD[4].source)  # AGX201
    (src / "sub" / "also_good.py").write_text(GOOD)
    return src


def test_directory_reports_every_failing_file_and_converts_the_rest(tmp_path):
    src = _tree(tmp_path)
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["convert", "--strict", str(src), "-o", str(out)])
    assert r.exit_code == 1
    assert "bad_syntax.py:1:7: error[AGX001]" in r.stderr
    assert "bad_branch.py:6:5: error[AGX201]" in r.stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.py"))
    assert written == ["good.py", os.path.join("sub", "also_good.py")]
    assert "tf.cond(" in (out / "good.py").read_text()


def test_directory_in_place_leaves_failing_files_untouched(tmp_path):
    src = _tree(tmp_path)
    before = {p: p.read_bytes() for p in src.rglob("*.py")}
    r = CliRunner().invoke(main, ["convert", "--strict", str(src), "-i"])
    assert r.exit_code == 1
    assert (src / "bad_syntax.py").read_bytes() == before[src / "bad_syntax.py"]
    assert (src / "sub" / "bad_branch.py").read_bytes() == before[src / "sub" / "bad_branch.py"]
    assert "tf.cond(" in (src / "good.py").read_text() and "tf.cond(" in (src / "sub" / "also_good.py").read_text()
    assert not [p for p in src.rglob("*") if p.name.endswith(".agx-tmp")]


def test_directory_with_unreadable_file_still_converts_the_rest(tmp_path):
    src = _tree(tmp_path)
    (src / "latin.py").write_bytes(b"s = '\xff'\n")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["convert", str(src), "-o", str(out)])
    assert r.exit_code == 2 and "latin.py:1:6: error[AGX005]" in r.stderr
    assert (out / "good.py").exists() and not (out / "latin.py").exists()


SIDE_EFFECTS = """import tensorflow as tf
open({marker!r}, "w").write("executed")
raise SystemExit("the input was executed")


@tf.function
def f(x):
    if x > 0:
        x = x * 2
    return x
"""

PROBE = """
import json, sys
sys.argv = ["agx"] + json.loads(sys.argv[1])
from cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "tensorflow": sorted(m for m in sys.modules if m.split(".")[0] == "tensorflow")}))
"""


@pytest.mark.parametrize("argv", [
    ["convert", "{src}"],
    ["convert", "{src}", "-o", "{out}"],
    ["convert", "{src}", "--check"],
    ["convert", "{src}", "--target", "tf1"],
    ["explain", "{src}"],
])
def test_never_imports_or_executes_the_input_nor_tensorflow(tmp_path, argv):
    marker = tmp_path / "EXECUTED"
    src = tmp_path / "side_effects.py"
    src.write_text(SIDE_EFFECTS.format(marker=str(marker)))
    args = [a.format(src=src, out=tmp_path / "out.py") for a in argv]
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True,
                          text=True, cwd=str(tmp_path), env=env, timeout=120)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert not marker.exists(), "the input was executed"
    assert result["tensorflow"] == [], f"{argv[0]} imported TensorFlow"
    assert result["code"] in (0, 1, None), proc.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_exit_2(tmp_path):
    src = tmp_path / "secret.py"
    src.write_text(GOOD)
    src.chmod(0)
    try:
        r = CliRunner().invoke(main, ["convert", str(src)])
    finally:
        src.chmod(0o644)
    assert r.exit_code == 2 and "secret.py: error[AGX005]: cannot read" in r.stderr


def test_stdin_errors_are_located_in_stdin():
    r = CliRunner().invoke(main, ["convert", "--strict", "-"], input=BAD[4].source)
    assert r.exit_code == 1 and "<stdin>:6:5: error[AGX201]" in r.stderr and r.stdout == ""
