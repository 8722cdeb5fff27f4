"""Walking a directory input: skipped directories are reported, --exclude / --extend-exclude,
.gitignore honoured (like ruff and black), files named on the command line always converted."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from transpiler.tools.walk import Walker, gitignore_rules, ignored

GOOD = "import tensorflow as tf\n\n@tf.function\ndef f(x):\n    if x > 0:\n        x = x * 2\n    return x\n"


def run(*args):
    return CliRunner().invoke(main, ["convert", *map(str, args)])


def tree(root: Path, *names):
    for n in names:
        p = root / n
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(GOOD)
    return root


def converted(out: Path):
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.py"))


def test_default_excludes_are_reported(tmp_path):
    src = tree(tmp_path / "src", "a.py", "build/b.py", "dist/c.py", "venv/d.py", ".hidden/e.py", ".git/f.py",
               "__pycache__/g.py")
    r = run(src, "-o", tmp_path / "out")
    assert r.exit_code == 0 and converted(tmp_path / "out") == ["a.py"]
    for d in ("build", "dist", "venv", ".hidden"):
        assert f"agx: skipped {src / d}/ (matches a default exclude" in r.stderr
    assert ".git/" not in r.stderr and "__pycache__" not in r.stderr  # never hold sources: not reported


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(tmp_path):
    src = tree(tmp_path / "src", "a.py", "build/b.py", "gen/c.py", "pkg/test_x.py", "pkg/y.py")
    r = run(src, "-o", tmp_path / "o1", "--exclude", "gen")
    assert r.exit_code == 0 and converted(tmp_path / "o1") == ["a.py", "build/b.py", "pkg/test_x.py", "pkg/y.py"]
    assert "matches --exclude `gen`" in r.stderr
    r = run(src, "-o", tmp_path / "o2", "--extend-exclude", "test_*.py", "--extend-exclude", "pkg/y.py")
    assert r.exit_code == 0 and converted(tmp_path / "o2") == ["a.py", "gen/c.py"]
    assert f"skipped {src / 'pkg' / 'test_x.py'} (matches --extend-exclude `test_*.py`)" in r.stderr


def test_gitignore_is_honoured_and_can_be_turned_off(tmp_path):
    src = tree(tmp_path / "src", "a.py", "gen/b.py", "proto/m_pb2.py", "proto/keep_pb2.py", "sub/c.py")
    (src / ".gitignore").write_text("# generated\ngen/\n*_pb2.py\n!keep_pb2.py\n")
    (src / "sub" / ".gitignore").write_text("/c.py\n")
    r = run(src, "-o", tmp_path / "o1")
    assert r.exit_code == 0 and converted(tmp_path / "o1") == ["a.py", "proto/keep_pb2.py"]
    assert f"skipped {src / 'gen'}/ (ignored by `gen/` in {src / '.gitignore'})" in r.stderr
    assert "ignored by `/c.py`" in r.stderr
    r = run(src, "-o", tmp_path / "o2", "--no-respect-gitignore")
    assert r.exit_code == 0 and len(converted(tmp_path / "o2")) == 5


def test_gitignore_of_the_repository_above_the_input(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n")
    src = tree(tmp_path / "pkg", "a.py", "generated/b.py")
    r = run(src, "-o", tmp_path / "out")
    assert r.exit_code == 0 and converted(tmp_path / "out") == ["a.py"]
    assert "ignored by `generated/`" in r.stderr


def test_named_files_are_never_excluded(tmp_path):
    src = tree(tmp_path, "build/b.py")
    r = run(src / "build" / "b.py")
    assert r.exit_code == 0 and "tf.cond(" in r.stdout and "skipped" not in r.stderr


def test_symlinked_directory_is_reported_not_followed(tmp_path):
    src = tree(tmp_path / "src", "a.py")
    tree(tmp_path / "elsewhere", "b.py")
    (src / "link").symlink_to(tmp_path / "elsewhere")
    r = run(src, "-o", tmp_path / "out")
    assert converted(tmp_path / "out") == ["a.py"] and "symbolic link to a directory" in r.stderr


@pytest.mark.parametrize("pattern,path,is_dir,hit", [
    ("*.py", "a/b.py", False, True),
    ("/b.py", "a/b.py", False, False),
    ("a/*.py", "a/b.py", False, True),
    ("build/", "x/build", True, True),
    ("build/", "x/build", False, False),
    ("**/gen", "x/y/gen", True, True),
    ("a/**/z.py", "a/b/c/z.py", False, True),
    ("doc[0-9].py", "doc5.py", False, True),
    ("doc[!0-9].py", "doc5.py", False, False),
    ("\\#x.py", "#x.py", False, True),
])
def test_gitignore_patterns(tmp_path, pattern, path, is_dir, hit):
    (tmp_path / ".gitignore").write_text(pattern + "\n")
    rules = gitignore_rules(tmp_path / ".gitignore")
    assert (ignored(rules, str(tmp_path / path), is_dir) is not None) == hit


def test_walker_lists_only_regular_python_files(tmp_path):
    tree(tmp_path, "a.py", "b.txt", "sub/c.py")
    w = Walker()
    assert [p.relative_to(tmp_path).as_posix() for p in w.files(tmp_path)] == ["a.py", "sub/c.py"]
    assert w.skipped == []


def test_unlistable_directory_is_an_agx005_error_and_the_rest_converts(tmp_path, monkeypatch):
    import transpiler.tools.walk as walk
    src = tree(tmp_path / "src", "a.py", "locked/b.py")
    real = walk.os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(walk.os, "scandir", scandir)
    r = run(src, "-o", tmp_path / "out")
    assert r.exit_code == 2 and f"{src / 'locked'}: error[AGX005]: cannot read the directory: Permission denied" \
        in r.stderr
    assert converted(tmp_path / "out") == ["a.py"]


def test_dangling_link_is_reported(tmp_path):
    src = tree(tmp_path / "src", "a.py")
    (src / "gone.py").symlink_to(tmp_path / "nowhere.py")
    r = run(src, "-o", tmp_path / "out")
    assert r.exit_code == 0 and f"skipped {src / 'gone.py'} (a dangling symbolic link)" in r.stderr
