"""The install claims only the `transpiler` package and the `agx` script; `python -m transpiler`
works like `agx`."""
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_top_level_names(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "cli.py"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "transpiler", src / "transpiler",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "--no-index", "-q", "-w", str(tmp_path / "dist"), str(src)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    (wheel,) = (tmp_path / "dist").glob("agx-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names}
    assert top == {"transpiler", next(t for t in top if t.endswith(".dist-info"))}, top
    assert "transpiler/_cli.py" in names and "transpiler/__main__.py" in names
    assert "transpiler/lint/command.py" in names
    dist_info = next(t for t in top if t.endswith(".dist-info"))
    entry_points = zipfile.ZipFile(wheel).read(f"{dist_info}/entry_points.txt").decode()
    assert "agx = transpiler._cli:main" in entry_points


def test_python_m_transpiler_is_agx(tmp_path):
    r = subprocess.run([sys.executable, "-m", "transpiler", "--help"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Usage: agx [OPTIONS] COMMAND [ARGS]...")
    for command in ("convert", "explain", "lint", "golden", "check"):
        assert f"  {command}" in r.stdout
    (tmp_path / "m.py").write_text("import tensorflow as tf\n\n@tf.function\ndef f(x):\n    print(x)\n    return x\n")
    r = subprocess.run([sys.executable, "-m", "transpiler", "lint", "m.py"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert r.returncode == 1 and r.stdout == "m.py:5:5: AGX401 Python `print` runs only while tracing\n"


def test_python_m_cli_from_a_checkout():
    r = subprocess.run([sys.executable, "-m", "cli", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("Usage: agx ")
