"""The report is the analysis `transpile` acts on: same decisions, same conversion."""
import pytest

from corpus import CASES
from helpers import report, reports
from transpiler import analyze, transpile
from transpiler.analysis.loops import DATASET_WHILE, ITERATOR_WHILE
from transpiler.explain.report import build_reports


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_statement_fates_are_transpiles_decisions(case):
    analysis = analyze(case.source, filename="c.py")
    decisions = {(d.line, d.col): d for f in analysis.functions for d in f.decisions}
    rs = build_reports(analysis, "c.py")
    converted = transpile(case.source, filename="c.py")
    for r in rs:
        for s in r.statements:
            d = decisions.get((s.line, s.col))
            if d is not None and d.construct in ("if", "while", "for"):
                assert (s.fate, s.lowered_to) == (d.fate, d.lowered_to)
                if s.lowered_to:  # `if c: break` as a loop's last statement: the tf.cond of
                    # its flag is written `did_break = tf.logical_or(did_break, c)`
                    assert s.lowered_to in converted or (
                        s.lowered_to == "tf.cond" and "did_break = tf.logical_or(did_break" in converted) or (
                        s.lowered_to in (DATASET_WHILE, ITERATOR_WHILE)  # a description, not code
                        and "tf.while_loop(" in converted and ".get_next_as_optional()" in converted)
        assert not [f for f in r.findings if f.code in ("AGX400", "AGX408")], r.findings
        flat = lambda text: "\n".join(line.strip() for line in text.splitlines())  # a method is dedented
        assert r.converted is not None and flat(r.converted) in flat(converted)


def test_summary_counts():
    r = report("""
import tensorflow as tf

@tf.function
def f(x, n: int = 3):
    total = 0.0
    for k in range(n):
        if x > k:
            total += x
    while x > 0:
        x -= 1
    print(total)
    return total
""")
    assert r.summary["lowered"] == {"tf.cond": 1, "tf.while_loop": 1}
    assert r.summary["kept"] == {"for": 1}
    assert r.summary["retrace_triggers"] == ["AGX404", "AGX405"]
    assert r.summary["trace_only"] == 2  # total = 0.0, print(total)
    assert [s.line for s in r.statements] == sorted(s.line for s in r.statements)


def test_conversion_error_keeps_the_report():
    rs = reports("""
import tensorflow as tf

@tf.function
def bad(x):
    if x > 0:
        y = 1
    return y

@tf.function
def good(x):
    return x
""")
    bad, good = rs
    assert bad.converted is None and [f.code for f in bad.findings if f.severity == "error"] == ["AGX408"]
    assert good.findings and all(f.code == "AGX404" for f in good.findings)
