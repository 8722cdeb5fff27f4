"""[tool.agx] in pyproject.toml: discovery upwards, every key, CLI flags override, --config, errors."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from transpiler.tools import config

LINT_SRC = ("import tensorflow as tf\n\nlog = []\n\n@tf.function\ndef f(x):\n    print(x)\n"
            "    log.append(x)\n    return x\n\n\ndef helper(x):\n    print(x)\n    return x\n")
CONVERT_SRC = "import tensorflow as tf\n\n@tf.function\ndef f(x):\n    if x > 0:\n        x = x * 2\n    return x\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def invoke(*args):
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


def codes(out):
    return [line.split()[1] for line in out.splitlines()]


def test_found_from_the_input_directory_upwards(project):
    cfg = write(project / "pyproject.toml", '[tool.agx]\nignore = ["AGX401"]\n')
    src = write(project / "pkg" / "sub" / "m.py", LINT_SRC)
    assert config.find([str(src)]) == cfg
    assert codes(invoke("lint", str(src))[1]) == ["AGX403"]


def test_nearest_table_wins_and_tables_without_agx_are_skipped(project):
    write(project / "pyproject.toml", '[tool.agx]\nignore = ["AGX401"]\n')
    write(project / "pkg" / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.agx]: keep looking
    inner = write(project / "pkg" / "sub" / "pyproject.toml", '[tool.agx]\nignore = ["AGX403"]\n')
    src = write(project / "pkg" / "sub" / "m.py", LINT_SRC)
    assert config.find([str(src)]) == inner
    src2 = write(project / "pkg" / "m.py", LINT_SRC)
    assert config.find([str(src2)]) == project / "pyproject.toml"


def test_search_stops_at_the_repository_root(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.agx]\nignore = ["AGX401"]\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    src = write(repo / "m.py", LINT_SRC)
    assert config.find([str(src)]) is None


def test_cli_flags_override_the_file(project):
    write(project / "pyproject.toml", '[tool.agx]\nselect = ["AGX403"]\n')
    src = write(project / "m.py", LINT_SRC)
    assert codes(invoke("lint", str(src))[1]) == ["AGX403"]
    assert codes(invoke("lint", str(src), "--select", "AGX401")[1]) == ["AGX401"]


def test_functions_key_for_lint_and_convert(project):
    write(project / "pyproject.toml", '[tool.agx]\nfunctions = "all"\n')
    src = write(project / "m.py", LINT_SRC)
    assert codes(invoke("lint", str(src))[1]) == ["AGX401", "AGX403", "AGX401"]
    assert codes(invoke("lint", str(src), "--functions", "decorated")[1]) == ["AGX401", "AGX403"]
    write(project / "pyproject.toml", '[tool.agx]\nfunctions = ["helper"]\n')
    assert codes(invoke("lint", str(src))[1]) == ["AGX401"]


def test_target_key_for_convert(project):
    write(project / "pyproject.toml", '[tool.agx]\ntarget = "tf1"\n')
    src = write(project / "m.py", CONVERT_SRC)
    code, out, _ = invoke("convert", str(src))
    assert code == 0 and "tf.compat.v1" in out
    code, out, _ = invoke("convert", str(src), "--target", "tf2")
    assert code == 0 and "tf.compat.v1" not in out and "tf.cond(" in out


def test_exclude_for_directory_walks(project):
    write(project / "pyproject.toml", '[tool.agx]\nexclude = ["legacy/", "gen_*.py"]\n')
    write(project / "src" / "a.py", LINT_SRC)
    write(project / "src" / "gen_b.py", LINT_SRC)
    legacy = write(project / "legacy" / "c.py", LINT_SRC)
    _, out, _ = invoke("lint", str(project))
    files = {line.split(":")[0] for line in out.splitlines()}
    assert files == {str(project / "src" / "a.py")}
    _, out, _ = invoke("lint", str(legacy))  # a file named on the command line is still linted
    assert out
    code, out, _ = invoke("convert", str(project), "--check")
    assert "gen_b" not in out


def test_per_file_ignores_relative_to_the_config(project):
    write(project / "pyproject.toml", '[tool.agx]\n[tool.agx.per-file-ignores]\n"tests/*" = ["AGX401"]\n'
                                      '"scripts/" = ["AGX4"]\n')
    write(project / "tests" / "t.py", LINT_SRC)
    write(project / "scripts" / "s.py", LINT_SRC)
    write(project / "m.py", LINT_SRC)
    _, out, _ = invoke("lint", str(project))
    by_file = {}
    for line in out.splitlines():
        by_file.setdefault(Path(line.split(":")[0]).relative_to(project).as_posix(), []).append(line.split()[1])
    assert by_file == {"m.py": ["AGX401", "AGX403"], "tests/t.py": ["AGX403"]}


def test_line_length_for_explain(project):
    src = write(project / "m.py", LINT_SRC)
    _, wide, _ = invoke("explain", str(src), "--no-color")
    write(project / "pyproject.toml", '[tool.agx]\nline-length = 60\n')
    _, narrow, _ = invoke("explain", str(src), "--no-color")
    assert len(narrow.splitlines()) > len(wide.splitlines())
    prose = [l for l in narrow.splitlines() if l.lstrip().startswith(("= ", "help: "))]
    assert prose and all(len(l.strip()) <= 60 for l in prose)  # wrapped at 60, then indented
    assert any(len(l.strip()) > 60 for l in wide.splitlines() if l.lstrip().startswith(("= ", "help: ")))


def test_explicit_config_file(project, tmp_path_factory):
    other = write(tmp_path_factory.mktemp("cfg") / "agx.toml", '[tool.agx]\nselect = ["AGX403"]\n')
    src = write(project / "m.py", LINT_SRC)
    assert codes(invoke("lint", "--config", str(other), str(src))[1]) == ["AGX403"]
    code, _, err = invoke("lint", "--config", str(project / "nope.toml"), str(src))
    assert code == 2 and "no such configuration file" in err


@pytest.mark.parametrize("body, message", [
    ('[tool.agx]\ncolour = true\n', "unknown key in [tool.agx]: colour"),
    ('[tool.agx]\ntarget = "tf3"\n', "target must be tf2 or tf1"),
    ('[tool.agx]\nline-length = "wide"\n', "line-length must be an integer"),
    ('[tool.agx]\nselect = ["NOPE1"]\n', "matches no agx code"),
    ('[tool.agx\n', "invalid TOML"),
])
def test_bad_configuration_is_a_usage_error(project, body, message):
    write(project / "pyproject.toml", body)
    src = write(project / "m.py", LINT_SRC)
    for command in (["lint"], ["convert"], ["explain"]):
        code, _, err = invoke(*command, str(src))
        if "NOPE1" in body and command != ["lint"]:
            continue  # select is lint's key
        assert code == 2 and message in err and "pyproject.toml" in err, (command, err)


def test_golden_reads_exclude(project):
    from transpiler import transpile
    write(project / "golden" / "good" / "input.py", CONVERT_SRC)
    write(project / "golden" / "good" / "expected_tf2.py", transpile(CONVERT_SRC, filename="good/input.py"))
    case = project / "golden" / "one"
    write(case / "input.py", CONVERT_SRC)
    write(case / "expected_tf2.py", "stale\n")
    assert invoke("golden", str(project / "golden"))[0] == 1
    write(project / "pyproject.toml", '[tool.agx]\nexclude = ["golden/one"]\n')
    code, _, err = invoke("golden", str(project / "golden"))
    assert "1 case, 1 files: 1 ok" in err and code == 0


def test_functions_key_for_explain(project):
    src = write(project / "m.py", LINT_SRC)
    _, out, _ = invoke("explain", str(src), "--no-color")
    assert out.startswith("f  ") and "\nhelper  " not in out
    write(project / "pyproject.toml", '[tool.agx]\nfunctions = "all"\n')
    _, out, _ = invoke("explain", str(src), "--no-color")
    assert "\nhelper  " in out
