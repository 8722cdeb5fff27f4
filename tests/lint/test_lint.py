"""agx lint: findings from explain's analysis, exit status, select/ignore, noqa, every format."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from transpiler.lint import lint_text
from transpiler.lint.select import Selection

ROOT = Path(__file__).resolve().parents[2]
SRC = """import tensorflow as tf

log = []


@tf.function
def f(x):
    print("tracing")
    v = tf.Variable(1.0)
    log.append(x)
    return x + v
"""


def run(*args, input=None, cwd=None):
    r = CliRunner().invoke(main, ["lint", *args], input=input, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def write(tmp_path, name, text):
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    return p


def test_one_line_per_finding_and_exit_1(tmp_path):
    p = write(tmp_path, "m.py", SRC)
    code, out, err = run(str(p))
    assert code == 1
    assert out.splitlines() == [
        f"{p}:8:5: AGX401 Python `print` runs only while tracing",
        f"{p}:9:9: AGX402 tf.Variable created inside a tf.function",
        f"{p}:10:5: AGX403 outer Python state mutated inside a tf.function",
    ]
    assert "Found 3 findings in 1 file." in err


def test_clean_file_exit_0(tmp_path):
    p = write(tmp_path, "ok.py", "import tensorflow as tf\n\n@tf.function\ndef g(x):\n    tf.print(x)\n    return x\n")
    code, out, err = run(str(p))
    assert (code, out) == (0, "")
    assert "All checks passed" in err


def test_same_findings_as_explain(tmp_path):
    """The lint rules are explain's findings: same codes and lines as `agx explain --format json`."""
    p = write(tmp_path, "m.py", SRC)
    r = CliRunner().invoke(main, ["explain", str(p), "--format", "json"])
    explained = {(f["code"], f["line"], f["col"]) for fn in json.loads(r.stdout)["functions"]
                 for f in fn["findings"]}
    code, out, _ = run(str(p), "--select", "ALL", "--format", "json")
    linted = {(f["code"], f["location"]["row"], f["location"]["column"] - 1) for f in json.loads(out)}
    assert linted == explained and len(linted) == 4  # AGX404 (a note) included with ALL


def test_seed_rules_fire_on_examples():
    code, out, _ = run(str(ROOT / "examples"))
    assert code == 1
    rules = {line.split(": ")[1].split()[0] for line in out.splitlines()}
    assert {"AGX401", "AGX402", "AGX403"} <= rules
    assert "seed_myadd.py:11:5: AGX401" in out  # the seed's own `print("tracing")`


def test_select_ignore_prefixes(tmp_path):
    p = write(tmp_path, "m.py", SRC)
    assert [l.split()[1] for l in run(str(p), "--select", "AGX402")[1].splitlines()] == ["AGX402"]
    assert [l.split()[1] for l in run(str(p), "--ignore", "AGX40")[1].splitlines()] == []
    codes = [l.split()[1] for l in run(str(p), "--select", "AGX4", "--ignore", "AGX401,AGX402")[1].splitlines()]
    assert codes == ["AGX404", "AGX403"] or sorted(codes) == ["AGX403", "AGX404"]
    assert run(str(p), "--ignore", "AGX40", "--ignore", "AGX401")[0] == 0


def test_specificity_wins_within_a_layer():
    s = Selection([(["AGX4"], ["AGX40"]), (None, [])])
    assert not s.enabled("AGX401") and s.enabled("AGX407") is False  # AGX407 starts with AGX40
    s = Selection([(["AGX401"], ["AGX4"])])
    assert s.enabled("AGX401") and not s.enabled("AGX402")
    s = Selection([(None, ["AGX401"]), (["AGX401"], [])])  # a later select overrides an earlier ignore
    assert s.enabled("AGX401")


def test_unknown_select_code_is_usage_error(tmp_path):
    p = write(tmp_path, "m.py", SRC)
    code, out, err = run(str(p), "--select", "XYZ9")
    assert code == 2 and "matches no agx code" in err and out == ""


def test_missing_path_is_usage_error(tmp_path):
    code, _, err = run(str(tmp_path / "nope.py"))
    assert code == 2 and "AGX005" in err


def test_syntax_error_reported_as_finding(tmp_path):
    p = write(tmp_path, "bad.py", "def f(:\n")
    code, out, _ = run(str(p), "--ignore", "ALL")
    assert code == 1 and out.startswith(f"{p}:1:7: AGX001 syntax error")


def test_stdin_and_stdin_filename():
    code, out, _ = run("-", input=SRC)
    assert code == 1 and out.startswith("<stdin>:8:5: AGX401")
    code, out, _ = run("-", "--stdin-filename", "pkg/m.py", input=SRC)
    assert out.startswith("pkg/m.py:8:5: AGX401")


# -- suppressions ---------------------------------------------------------------------------
NOQA = SRC.replace('print("tracing")', 'print("tracing")  # noqa: AGX401') \
          .replace("tf.Variable(1.0)", "tf.Variable(1.0)  # noqa") \
          .replace("log.append(x)", "log.append(x)  # noqa: E501, AGX999")


def test_noqa_code_and_bare():
    found = lint_text(NOQA, "m.py")
    assert [f.code for f in found] == ["AGX403"]


def test_noqa_other_code_does_not_suppress():
    found = lint_text(SRC.replace('print("tracing")', 'print("tracing")  # noqa: AGX403'), "m.py")
    assert "AGX401" in [f.code for f in found]


def test_unused_and_unknown_noqa_on_request():
    text = NOQA + "\n\nz = 1  # noqa\n\n\n@tf.function\ndef g(x):\n    return x  # noqa: AGX401\n"
    assert "AGX090" not in [f.code for f in lint_text(text, "m.py")]
    found = {(f.code, f.line) for f in lint_text(text, "m.py", report_unused=True)}
    assert ("AGX091", 10) in found          # AGX999 is no agx code (E501 is not ours: left alone)
    assert ("AGX090", 14) in found          # a bare noqa with nothing to suppress
    assert ("AGX090", 19) in found          # AGX401 named where nothing is reported
    assert ("AGX090", 8) not in found and ("AGX090", 9) not in found


def test_noqa_inside_string_is_not_a_comment():
    text = SRC.replace('print("tracing")', 'print("tracing # noqa")')
    assert "AGX401" in [f.code for f in lint_text(text, "m.py")]


def test_report_unused_noqa_cli(tmp_path):
    p = write(tmp_path, "m.py", "import tensorflow as tf\n\n@tf.function\ndef g(x):\n    return x  # noqa: AGX401\n")
    assert run(str(p))[0] == 0
    code, out, _ = run(str(p), "--report-unused-noqa")
    assert code == 1 and out == f"{p}:5:15: AGX090 unused `# noqa` for AGX401: no such finding on this line\n"


# -- formats --------------------------------------------------------------------------------
def test_json_format(tmp_path):
    p = write(tmp_path, "m.py", SRC)
    code, out, _ = run(str(p), "--format", "json")
    rows = json.loads(out)
    assert code == 1 and [r["code"] for r in rows] == ["AGX401", "AGX402", "AGX403"]
    assert rows[0]["location"] == {"row": 8, "column": 5} and rows[0]["filename"] == str(p)
    assert rows[1]["severity"] == "error" and "tf.Module" in rows[1]["help"]


def test_github_format(tmp_path):
    p = write(tmp_path, "m.py", SRC)
    _, out, _ = run(str(p), "--format", "github")
    lines = out.splitlines()
    assert lines[0] == f"::warning file={p},line=8,col=5,title=AGX401::AGX401 Python `print` runs only while tracing"
    assert lines[1].startswith(f"::error file={p},line=9,col=9,title=AGX402::")


def test_sarif_format_structure(tmp_path):
    p = write(tmp_path, "m.py", SRC)
    code, out, _ = run(str(p), "--format", "sarif")
    doc = json.loads(out)
    assert code == 1 and doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = doc["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "agx" and isinstance(driver["version"], str)
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["AGX401", "AGX402", "AGX403"]
    for res in run_["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("none", "note", "warning", "error")
        assert res["message"]["text"]
        (loc,) = res["locations"]
        region = loc["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert loc["physicalLocation"]["artifactLocation"]["uri"] == str(p)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["defaultConfiguration"]["level"] in ("note", "warning", "error")


def test_sarif_empty_run_is_valid(tmp_path):
    p = write(tmp_path, "ok.py", "x = 1\n")
    code, out, _ = run(str(p), "--format", "sarif")
    doc = json.loads(out)
    assert code == 0 and doc["runs"][0]["results"] == [] and doc["runs"][0]["tool"]["driver"]["rules"] == []


def test_statistics(tmp_path):
    write(tmp_path, "a.py", SRC)
    write(tmp_path, "b.py", SRC.replace("v = tf.Variable(1.0)\n", "v = 1.0\n"))
    code, out, _ = run(str(tmp_path), "--statistics")
    assert code == 1
    assert out.splitlines() == [
        "2  AGX401  Python `print` runs only while tracing",
        "2  AGX403  outer Python state mutated inside a tf.function",
        "1  AGX402  tf.Variable created inside a tf.function",
    ]
    rows = json.loads(run(str(tmp_path), "--statistics", "--format", "json")[1])
    assert rows[0] == {"code": "AGX401", "count": 2, "message": "Python `print` runs only while tracing"}


def test_lint_never_imports_tensorflow(tmp_path):
    p = write(tmp_path, "m.py", SRC + "\nraise SystemExit('executed')\n")
    code = ("import sys; sys.argv = ['agx', 'lint', %r]\n"
            "from cli import main\n"
            "try:\n    main()\nexcept SystemExit as e:\n    rc = e.code\n"
            "assert 'tensorflow' not in sys.modules, 'tensorflow imported'\n"
            "print('rc', rc)\n") % str(p)
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "rc 1" in r.stdout and "AGX401" in r.stdout and "executed" not in r.stdout + r.stderr


def test_file_without_tensorflow_still_reports_unused_noqa():
    assert lint_text("x = 1  # noqa: AGX401\n", "m.py") == []
    (f,) = lint_text("x = 1  # noqa: AGX401\n", "m.py", report_unused=True)
    assert (f.code, f.line, f.col) == ("AGX090", 1, 7)


def test_functions_all_on_a_file_without_tensorflow():
    text = "log = []\n\ndef f(x):\n    print(x)\n    log.append(x)\n    return x\n"
    assert lint_text(text, "m.py") == []
    assert [f.code for f in lint_text(text, "m.py", functions="all")] == ["AGX401", "AGX403"]


def test_unknown_functions_name_is_reported(tmp_path):
    p = write(tmp_path, "m.py", SRC)
    code, out, _ = run(str(p), "--functions", "nope", "--ignore", "ALL")
    assert code == 1 and out.startswith(f"{p}:1:1: AGX002 ") and "nope" in out


def test_readme_specificity_example(tmp_path):
    p = write(tmp_path, "m.py", SRC)
    _, out, _ = run(str(p), "--select", "AGX4,AGX401", "--ignore", "AGX40")
    assert [l.split()[1] for l in out.splitlines()] == ["AGX401"]
