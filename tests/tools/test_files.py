"""agx convert's file layer: every OS error is a diagnostic (exit 2, path and reason), files are
written like a careful tool (umask mode, links and special files kept), -o semantics, size cap."""
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from transpiler.tools import files

ROOT = Path(__file__).resolve().parents[2]
GOOD = "import tensorflow as tf\n\n@tf.function\ndef f(x):\n    if x > 0:\n        x = x * 2\n    return x\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args, input=None):
    r = CliRunner().invoke(main, ["convert", *map(str, args)], input=input)
    assert "Traceback" not in r.output + r.stderr and r.exception is None or isinstance(r.exception, SystemExit), \
        r.exception
    return r


def agx(*args, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3")
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "cli", *map(str, args)], text=True, env=env, cwd=str(ROOT),
                          timeout=kw.pop("timeout", 120), **kw)


@pytest.fixture
def src(tmp_path):
    p = tmp_path / "m.py"
    p.write_text(GOOD)
    return p


# -- OS errors are diagnostics, exit 2 ---------------------------------------------------------

def test_long_output_name_fits_and_too_long_is_agx007(src, tmp_path):
    name = tmp_path / ("a" * 252 + ".py")  # 255 bytes: the file fits, a longer temporary name would not
    assert run(src, "-o", name).exit_code == 0 and "tf.cond(" in name.read_text()
    r = run(src, "-o", tmp_path / ("b" * 300 + ".py"))
    assert r.exit_code == 2 and "error[AGX007]: cannot write: File name too long" in r.stderr


def test_output_under_a_regular_file(src, tmp_path):
    r = run(src, "-o", tmp_path / "m.py" / "out.py")
    assert r.exit_code == 2 and "out.py: error[AGX007]: cannot write: Not a directory" in r.stderr


@pytest.mark.parametrize("where", ["/proc", "/sys"])
def test_output_in_a_pseudo_filesystem(src, where):
    if not os.path.isdir(where):
        pytest.skip(f"no {where}")
    r = run(src, "-o", f"{where}/agx-out.py")
    assert r.exit_code == 2 and f"{where}/agx-out.py: error[AGX007]: cannot write: " in r.stderr
    assert f"(creating a file in {where})" in r.stderr


def test_in_place_in_a_read_only_directory(src, monkeypatch):
    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    r = run("-i", src)
    assert r.exit_code == 2 and f"{src}: error[AGX007]: cannot write: Permission denied" in r.stderr
    assert src.read_text() == GOOD


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only directories")
def test_in_place_in_a_real_read_only_directory(src, tmp_path):
    tmp_path.chmod(0o555)
    try:
        r = run("-i", src)
    finally:
        tmp_path.chmod(0o755)
    assert r.exit_code == 2 and "error[AGX007]: cannot write: Permission denied" in r.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_stdout_on_a_full_device(src):
    with open("/dev/full", "w") as full:
        proc = agx("convert", src, stdout=full)
    assert proc.returncode == 2, proc.stderr
    assert "<stdout>: error[AGX007]: cannot write: No space left on device" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_closed_pipe_ends_quietly(tmp_path):
    big = tmp_path / "big.py"
    big.write_text("".join(f"def g{i}(x):\n    return x + {i}\n\n\n" for i in range(4000)))
    proc = subprocess.run(f"{sys.executable} -m cli convert {big} | head -c 10", shell=True, capture_output=True,
                          text=True, cwd=str(ROOT), env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert proc.stdout == "def g0(x):" and "Traceback" not in proc.stderr and "Exception" not in proc.stderr


# -- reading: size cap, special files, stdin like a file -----------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_input_hits_the_size_cap():
    r = run("/dev/zero", "--max-size", "1M")
    assert r.exit_code == 2 and "/dev/zero: error[AGX006]: input larger than 1 MiB" in r.stderr
    assert "--max-size" in r.stderr


def test_size_cap_is_configurable(src):
    assert run(src, "--max-size", "50").exit_code == 2
    assert run(src, "--max-size", "1K").exit_code == 0
    assert run(src, "--max-size", "0").exit_code == 0  # no limit
    assert run(src, "--max-size", "99999999999999999999G").exit_code == 0  # read in chunks, not allocated
    r = run(src, "--max-size", "lots")
    assert r.exit_code == 2 and "--max-size" in r.stderr
    assert run("-", "--max-size", "50", input=GOOD).exit_code == 2


def test_default_size_cap():
    assert files.MAX_BYTES == 100 * 1024 * 1024
    assert [files.parse_size(s) for s in ("100M", "2g", "500K", "7", "1MiB", "0")] == \
        [100 << 20, 2 << 30, 500 << 10, 7, 1 << 20, 0]


def test_non_utf8_on_stdin_is_the_same_as_in_a_file(tmp_path):
    data = b"x = 1\ns = '\xe9'\n"
    p = tmp_path / "latin.py"
    p.write_bytes(data)
    from_file, from_stdin = run(p), run("-", input=data)
    assert from_file.exit_code == from_stdin.exit_code == 2
    assert "<stdin>:2:6: error[AGX005]: not valid UTF-8 (byte 0xe9)" in from_stdin.stderr
    assert from_file.stderr.replace(str(p), "<stdin>") == from_stdin.stderr


def test_fifo_inside_a_tree_is_skipped_not_read(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.py").write_text(GOOD)
    os.mkfifo(tree / "pipe.py")
    proc = agx("convert", tree, "-o", tmp_path / "out", timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert f"agx: skipped {tree / 'pipe.py'} (not a regular file)" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.py"]


# -- writing: modes, links, special files --------------------------------------------------------

def test_new_file_gets_the_umask_mode(src, tmp_path):
    old = os.umask(0o027)
    try:
        assert run(src, "-o", tmp_path / "new.py").exit_code == 0
        assert run(src, "-o", tmp_path / "d" / "e" / "new.py").exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.py").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "d" / "e" / "new.py").stat().st_mode) == 0o640


def test_replaced_file_keeps_its_mode(src, tmp_path):
    out = tmp_path / "out.py"
    out.write_text("old\n")
    out.chmod(0o751)
    assert run(src, "-o", out).exit_code == 0 and stat.S_IMODE(out.stat().st_mode) == 0o751


def test_symlink_is_written_through(src, tmp_path):
    real = tmp_path / "real.py"
    real.write_text("old\n")
    link = tmp_path / "link.py"
    link.symlink_to(real.name)
    assert run(src, "-o", link).exit_code == 0
    assert link.is_symlink() and "tf.cond(" in real.read_text()
    in_place = tmp_path / "in_place.py"
    in_place.symlink_to(src.name)
    assert run("-i", in_place).exit_code == 0
    assert in_place.is_symlink() and "tf.cond(" in src.read_text()


def test_hard_links_are_kept(src, tmp_path):
    other = tmp_path / "other_name.py"
    os.link(src, other)
    assert run("-i", src).exit_code == 0
    assert os.path.samefile(src, other) and "tf.cond(" in other.read_text()
    out, out2 = tmp_path / "out.py", tmp_path / "out2.py"
    out.write_text("old\n")
    os.link(out, out2)
    assert run(tmp_path / "m.py", "-o", out).exit_code == 0
    assert os.path.samefile(out, out2) and out2.read_text() == out.read_text() != "old\n"


def test_fifo_output_is_written_to_not_replaced(src, tmp_path):
    fifo = tmp_path / "out.py"
    os.mkfifo(fifo)
    r = run(src, "-o", fifo)  # nobody reads it: an error, not a hang
    assert r.exit_code == 2 and "a FIFO that no process is reading" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    got = []
    try:
        assert run(src, "-o", fifo).exit_code == 0
        got.append(os.read(reader, 1 << 16))
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and b"tf.cond(" in got[0]


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout")
def test_dev_stdout_is_written_to_not_replaced(src, tmp_path):
    proc = agx("convert", src, "-o", "/dev/stdout")  # stdout is a pipe here
    assert proc.returncode == 0 and "tf.cond(" in proc.stdout, proc.stderr
    with open(tmp_path / "redirected.txt", "w") as fh:
        proc = agx("convert", src, "-o", "/dev/stdout", stdout=fh)
    assert proc.returncode == 0 and "tf.cond(" in (tmp_path / "redirected.txt").read_text()
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


def test_in_place_refuses_a_non_regular_file(tmp_path):
    fifo = tmp_path / "f.py"
    os.mkfifo(fifo)
    err = files.write_diagnostic(fifo, "x = 1\n", regular_only=True)  # checked before opening: no hang
    assert err.code == "AGX007" and "not a regular file" in err.message and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_directory_destination_is_an_error(src, tmp_path):
    (tmp_path / "out" / "m.py").mkdir(parents=True)
    r = run(src, src.parent / "nothing.py", "-o", tmp_path / "out")
    assert r.exit_code == 2 and "error[AGX007]: cannot write: Is a directory" in r.stderr


# -- -o semantics ----------------------------------------------------------------------------------

def test_trailing_slash_means_a_directory(src, tmp_path):
    assert run(src, "-o", f"{tmp_path / 'newdir'}{os.sep}").exit_code == 0
    assert (tmp_path / "newdir").is_dir() and "tf.cond(" in (tmp_path / "newdir" / "m.py").read_text()


def test_several_inputs_and_an_existing_file(src, tmp_path):
    out = tmp_path / "out.py"
    out.write_text("old\n")
    r = run(src, src, "-o", out)
    assert r.exit_code == 2 and "existing file" in r.stderr and out.read_text() == "old\n"


def test_stdin_into_a_directory_is_a_usage_error(tmp_path):
    r = run("-", "-o", tmp_path, input=GOOD)
    assert r.exit_code == 2 and "stdin has no file name" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_name_clash_in_a_mirrored_tree(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.py").write_text(GOOD)
    r = run(tmp_path / "a" / "x.py", tmp_path / "b" / "x.py", "-o", tmp_path / "out")
    assert r.exit_code == 2 and "would both be written to" in r.stderr
    r = run(tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out")
    assert r.exit_code == 2 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("flags", [["--check", "-o", "OUT"], ["--diff", "-o", "OUT"], ["--check", "-i"],
                                   ["--diff", "-i"]])
def test_check_and_diff_write_nothing_so_o_and_i_are_usage_errors(src, tmp_path, flags):
    r = run(src, *[str(tmp_path / "o.py") if f == "OUT" else f for f in flags])
    assert r.exit_code == 2 and "writes nothing" in r.stderr
    assert src.read_text() == GOOD and not (tmp_path / "o.py").exists()


def test_empty_output_name_is_a_usage_error(src):
    r = run(src, "-o", "")
    assert r.exit_code == 2 and "--output" in r.stderr and r.stdout == ""


@pytest.mark.parametrize("value", ["", ",", " , "])
def test_empty_functions_is_a_usage_error(src, value):
    r = run(src, "--functions", value)
    assert r.exit_code == 2 and "--functions" in r.stderr and r.stdout == ""


def test_output_dir_inside_the_input_tree_is_not_walked(tmp_path):
    (tmp_path / "a.py").write_text(GOOD)
    assert run(tmp_path, "-o", tmp_path / "out").exit_code == 0
    r = run(tmp_path, "-o", tmp_path / "out")
    assert r.exit_code == 0 and "(the -o directory)" in r.stderr and not (tmp_path / "out" / "out").exists()
