"""-j/--jobs: the same output, in the same order, as -j1; a progress line on terminals only."""
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from transpiler.tools import parallel

ROOT = Path(__file__).resolve().parents[2]
GOOD = "import tensorflow as tf\n\n@tf.function\ndef f{i}(x):\n    if x > {i}:\n        x = x * 2\n    print(x)\n    return x\n"
BAD = "import tensorflow as tf\n\n@tf.function\ndef g{i}(x):\n    if x > 0:\n        y = x\n    return y\n"


@pytest.fixture
def tree(tmp_path):
    for i in range(14):
        sub = tmp_path / f"d{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"m{i:02d}.py").write_text((BAD if i % 4 == 1 else GOOD).format(i=i))
    (tmp_path / "d0" / "latin1.py").write_bytes(b"x = '\xe9'\n")
    return tmp_path


def invoke(*args):
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize("command", [["convert"], ["convert", "--check"], ["lint"], ["lint", "--format", "json"]])
def test_jobs_output_identical_to_serial(tree, command):
    serial = invoke(*command, "-j", "1", str(tree))
    assert serial[1] or serial[2]
    for jobs in ("2", "3"):
        assert invoke(*command, "-j", jobs, str(tree)) == serial
    assert invoke(*command, str(tree)) == serial  # default: one per CPU


def test_jobs_output_mirrors_files(tree, tmp_path_factory):
    out1, out2 = tmp_path_factory.mktemp("o1"), tmp_path_factory.mktemp("o2")
    r1 = invoke("convert", "-j1", str(tree), "-o", str(out1))
    r2 = invoke("convert", "-j2", str(tree), "-o", str(out2))
    assert r1 == r2 and r1[0] == 2  # the Latin-1 file is unreadable input
    files1 = {p.relative_to(out1): p.read_text() for p in out1.rglob("*.py")}
    files2 = {p.relative_to(out2): p.read_text() for p in out2.rglob("*.py")}
    assert files1 == files2 and len(files1) == 14  # the 4 BAD files are kept as written (a warning)
    assert sum("kept as written" in text for text in files1.values()) == 4


def _square(x):
    return x * x


def test_ordered_map_keeps_order_across_processes():
    items = list(range(40))
    assert list(parallel.ordered_map(_square, items, jobs=2)) == [x * x for x in items]


def test_progress_line_on_a_terminal(capsys):
    list(parallel.ordered_map(_square, [1, 2, 3], jobs=1, names=["a.py", "b.py", "c.py"], progress=True))
    err = capsys.readouterr().err
    assert "agx: 0/3 a.py" in err and "agx: 2/3 c.py" in err and err.endswith("\r\033[K")


def test_no_progress_when_piped(tree):
    r = subprocess.run([sys.executable, "-m", "cli", "lint", "-j2", str(tree)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "\r" not in r.stderr and "agx: 1/" not in r.stderr


def test_progress_on_a_real_terminal(tree):
    """stderr on a pseudo-terminal: the progress line is drawn, then erased; stdout unchanged."""
    pty = pytest.importorskip("pty")
    import os
    master, slave = pty.openpty()
    try:
        r = subprocess.run([sys.executable, "-m", "cli", "lint", "-j2", str(tree)], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=slave, text=True, timeout=120)
        os.close(slave)
        err = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
    finally:
        os.close(master)
    text = err.decode()
    assert "agx: 1/15 " in text and "\r\x1b[K" in text
    piped = subprocess.run([sys.executable, "-m", "cli", "lint", "-j2", str(tree)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert r.stdout == piped.stdout and r.returncode == piped.returncode == 2
