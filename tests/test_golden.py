"""Golden corpus: pinned output text, plus compile, idempotence and differential checks.

`pytest --update-golden` rewrites the expected files (refused when CI is set).
"""
import shutil

import numpy as np
import pytest
import tensorflow as tf

from differential import Py, load, same, to_arg, to_numpy
from transpiler import transpile
from transpiler.tools import golden

CASES = golden.find_cases([golden.DEFAULT_ROOT])[0]
IDS = [c.name for c in CASES]


def runs_of(case, target=None):
    """(SETUP code run in the module first, {call expression: [argument tuples]}); a
    RUNS_TF1 / RUNS_TF2 in args.py replaces RUNS for that target (a function one target
    keeps as written runs where AutoGraph does)."""
    scope = {"np": np, "tf": tf, "Py": Py}
    exec((case / golden.ARGS).read_text(), scope)
    return scope.get("SETUP", ""), scope.get(f"RUNS_{(target or '').upper()}", scope["RUNS"])


def results_text(results):
    return "\n".join(f"{r.status}: {r.path.name} {r.message}\n{r.diff}" for r in results if r.failed)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_golden_text(case, request):
    update = request.config.getoption("--update-golden")
    if update and golden.in_ci():
        pytest.fail("refusing to --update-golden in CI")
    results = golden.check_case(case, update=update)
    assert not any(r.failed for r in results), results_text(results)


def test_corpus_has_no_orphans_and_covers_the_seeds():
    cases, orphans = golden.find_cases([golden.DEFAULT_ROOT])
    assert not orphans, f"expected files without input.py: {orphans}"
    assert len(cases) >= 40
    names = {c.name for c in cases}
    assert {"seed_myadd", "seed_add_print", "seed_demo_module", "seed_mymodule_attribute"} <= names


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_expected_code_compiles_and_is_idempotent(case):
    for path in sorted(case.glob("expected_*.py")):
        compile(path.read_text(), str(path), "exec")
    tf2 = case / "expected_tf2.py"
    if tf2.exists():
        text = tf2.read_text()
        assert transpile(text, filename=str(tf2)) == text, "converting agx's own output changed it"


def run_all(module, setup, runs, eager=False):
    """{call expression: [results]} of the case's RUNS in `module` (after its SETUP)."""
    exec(setup, module.__dict__)
    out = {}
    for expr, arg_sets in runs.items():
        tf.config.run_functions_eagerly(eager)
        try:
            fn = eval(expr, module.__dict__)
            out[expr] = [to_numpy(fn(*map(to_arg, args))) for args in arg_sets]
        finally:
            tf.config.run_functions_eagerly(False)
    return out


@pytest.mark.parametrize("target", golden.TARGETS)
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_input_and_output_agree_when_run(case, target):
    """The original run eagerly (the truth) == the expected output of each target, run."""
    expected_code = case / f"expected_{target}.py"
    if not expected_code.exists():
        pytest.skip(f"no expected_{target}.py")
    if "# agx: kept as written" in expected_code.read_text() and not (case / golden.ARGS).exists():
        pytest.skip("a function kept as written that AutoGraph refuses too: nothing runs")
    assert (case / golden.ARGS).exists(), f"{case.name}: add args.py with the RUNS to check"
    setup, runs = runs_of(case, target)
    truth = run_all(load((case / golden.INPUT).read_text()), setup, runs, eager=True)
    got = run_all(load(expected_code.read_text()), setup, runs)
    for expr, arg_sets in runs.items():
        for args, want, have in zip(arg_sets, truth[expr], got[expr]):
            assert same(want, have), f"{expr}{args}: eager {want!r} != agx {target} {have!r}"


# -- the runner itself -----------------------------------------------------------------------

@pytest.fixture
def corpus_copy(tmp_path):
    for name in ("if_else", "error_syntax"):
        shutil.copytree(golden.DEFAULT_ROOT / name, tmp_path / name)
    return tmp_path


def test_runner_passes_on_a_copy(corpus_copy):
    results = golden.run([corpus_copy])
    assert results and not any(r.failed for r in results)


def test_altered_expected_file_fails_with_a_diff(corpus_copy, capsys):
    path = corpus_copy / "if_else" / "expected_tf2.py"
    good = path.read_text()
    assert " cond(x > 0" in good
    path.write_text(good.replace(" cond(x > 0", " cond(x >= 0"))
    assert golden.command([str(corpus_copy)]) == 1
    out, err = capsys.readouterr()
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    line = next(line for line in good.splitlines() if " cond(x > 0" in line)
    assert changed == ["-" + line.replace("x > 0", "x >= 0", 1), "+" + line]
    assert "mismatch:" in err and "expected_tf2.py" in err


def test_altered_expected_diagnostics_fail(corpus_copy):
    path = corpus_copy / "error_syntax" / "expected_tf2.err"
    path.write_text(path.read_text().replace("AGX001", "AGX999"))
    assert golden.command([str(corpus_copy)]) == 1


def test_missing_and_orphaned_expected_files_fail(corpus_copy, capsys, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    (corpus_copy / "if_else" / "expected_tf2.py").unlink()
    assert golden.command([str(corpus_copy)]) == 1
    assert "missing:" in capsys.readouterr().err
    golden.command([str(corpus_copy)], update=True)
    (corpus_copy / "gone").mkdir()
    (corpus_copy / "gone" / "expected_tf2.py").write_text("x = 1\n")
    (corpus_copy / "if_else" / "expected_tf3.py").write_text("x = 1\n")
    assert golden.command([str(corpus_copy)]) == 1
    err = capsys.readouterr().err
    assert "orphaned:" in err and "gone" in err and "expected_tf3.py" in err


def test_both_output_and_diagnostics_for_one_target_fail(corpus_copy, capsys):
    (corpus_copy / "if_else" / "expected_tf2.err").write_text("error\n")
    assert golden.command([str(corpus_copy)]) == 1
    assert "orphaned:" in capsys.readouterr().err


def test_update_rewrites_and_is_refused_in_ci(corpus_copy, monkeypatch):
    path = corpus_copy / "if_else" / "expected_tf2.py"
    good = path.read_text()
    path.write_text("stale\n")
    monkeypatch.setenv("CI", "true")
    assert golden.command([str(corpus_copy)], update=True) == 2
    assert path.read_text() == "stale\n"
    monkeypatch.delenv("CI")
    assert golden.command([str(corpus_copy)], update=True) == 0
    assert path.read_text() == good
    assert golden.command([str(corpus_copy / "if_else")]) == 0


def test_missing_path_is_a_usage_error(tmp_path):
    assert golden.command([str(tmp_path / "nope")]) == 2


def test_explain_expectation_is_what_agx_explain_prints(monkeypatch):
    from click.testing import CliRunner

    import cli
    monkeypatch.chdir(golden.DEFAULT_ROOT)
    result = CliRunner().invoke(cli.main, ["explain", "--no-color", "seed_myadd/input.py"])
    assert result.stdout == (golden.DEFAULT_ROOT / "seed_myadd" / golden.EXPLAIN).read_text()
