"""The README's `agx lint` transcript and configuration keys are what the code does."""
import re
import subprocess
import sys
from pathlib import Path

from transpiler.tools.config import KEYS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def section(title):
    return README.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_lint_transcript_is_current_output():
    block = re.search(r"```\n\$ agx lint examples/\n(.*?)```", section("Linting: `agx lint`"), re.S).group(1)
    r = subprocess.run([sys.executable, "-m", "transpiler", "lint", "examples/"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stdout + r.stderr == block


def test_every_config_key_is_documented():
    toml = re.search(r"```toml\n(.*?)```", section("Configuration: `[tool.agx]` in pyproject.toml"), re.S).group(1)
    documented = [line.split("=")[0].strip() for line in toml.splitlines()[1:] if "=" in line]
    assert documented == list(KEYS)


def test_readme_config_example_is_valid(tmp_path):
    toml = re.search(r"```toml\n(.*?)```", section("Configuration: `[tool.agx]` in pyproject.toml"), re.S).group(1)
    (tmp_path / "pyproject.toml").write_text(toml)
    from transpiler.tools import config
    cfg = config.load([str(tmp_path)])
    assert cfg.target == "tf2" and cfg.line_length == 100 and cfg.per_file_ignores["tests/*"] == ["AGX401"]
