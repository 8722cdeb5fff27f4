"""The hooks in .pre-commit-hooks.yaml, run on a temporary git repository.

First as pre-commit runs them (the entry, its args, then the staged Python files), then, when
pre-commit is installed, through pre-commit itself with the same hooks as `repo: local`."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BAD = "import tensorflow as tf\n\n@tf.function\ndef f(x):\n    print(x)\n    return x\n"
UNCONVERTED = "import tensorflow as tf\n\n@tf.function\ndef g(x):\n    if x > 0:\n        x = -x\n    return x\n"


def hooks():
    yaml = pytest.importorskip("yaml")
    return {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def git(repo, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env)


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "bad.py").write_text(BAD)
    (tmp_path / "pkg" / "convert_me.py").write_text(UNCONVERTED)
    (tmp_path / "notes.txt").write_text("not python\n")
    git(tmp_path, "add", "-A")
    return tmp_path


def agx(entry):
    """The hook's entry with `agx` spelled as this interpreter running this checkout."""
    words = entry.split()
    assert words[0] == "agx"
    return [sys.executable, "-m", "transpiler", *words[1:]]


def env():
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run_hook(hook, repo, files):
    return subprocess.run(agx(hook["entry"]) + list(hook.get("args", [])) + files, cwd=repo,
                          capture_output=True, text=True, env=env(), timeout=120)


def staged_python(repo):
    return [f for f in git(repo, "ls-files").stdout.split() if f.endswith(".py")]


def test_manifest_declares_both_hooks():
    h = hooks()
    assert set(h) == {"agx-lint", "agx-convert-check"}
    assert h["agx-lint"]["entry"] == "agx lint" and h["agx-convert-check"]["entry"] == "agx convert --check"
    for hook in h.values():
        assert hook["language"] == "python" and hook["types"] == ["python"]


def test_lint_hook_fails_on_findings_and_passes_when_fixed(repo):
    hook = hooks()["agx-lint"]
    r = run_hook(hook, repo, staged_python(repo))
    assert r.returncode == 1 and "pkg/bad.py:5:5: AGX401" in r.stdout
    (repo / "pkg" / "bad.py").write_text(BAD.replace("print(x)", "tf.print(x)"))
    r = run_hook(hook, repo, staged_python(repo))
    assert r.returncode == 0, r.stdout + r.stderr


def test_convert_check_hook(repo):
    hook = hooks()["agx-convert-check"]
    r = run_hook(hook, repo, staged_python(repo))
    assert r.returncode == 1 and "would convert pkg/convert_me.py" in r.stderr
    for name in ("bad.py", "convert_me.py"):  # commit the converted form: the hook passes
        subprocess.run([sys.executable, "-m", "transpiler", "convert", "-i", f"pkg/{name}"], cwd=repo,
                       env=env(), check=True, capture_output=True)
    r = run_hook(hook, repo, staged_python(repo))
    assert r.returncode == 0, r.stderr


def test_through_pre_commit_itself(repo, tmp_path_factory):
    pytest.importorskip("pre_commit")
    yaml = pytest.importorskip("yaml")
    local = []
    for hook in hooks().values():
        local.append({**hook, "language": "system",
                      "entry": " ".join(agx(hook["entry"]))})
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}))
    git(repo, "add", "-A")
    home = tmp_path_factory.mktemp("pre-commit-home")
    r = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"], cwd=repo,
                       capture_output=True, text=True, env={**env(), "PRE_COMMIT_HOME": str(home)}, timeout=300)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "agx lint" in r.stdout and "pkg/bad.py:5:5: AGX401" in r.stdout
    assert "would convert pkg/convert_me.py" in r.stdout
    assert "notes.txt" not in r.stdout  # types: [python]
