"""The reference-test harness (run_reference.py) on a small test file written like
AutoGraph's: a case agx and AutoGraph both pass, one only AutoGraph passes, and a wrong value
(a fake agx module that returns another value) counted apart."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run_reference  # noqa: E402

TEST_FILE = '''
import tensorflow as tf

from tensorflow.python.autograph.tests import reference_test_base


def abs_cond(x):
    if x > 0:
        y = x
    else:
        y = -x
    return y


def bool_of_a_tensor(x):
    return bool(x > 0)


class ReferenceTest(reference_test_base.TestCase):

    def test_abs(self):
        self.assertFunctionMatchesEager(abs_cond, 3)
        self.assertFunctionMatchesEager(abs_cond, tf.constant(-2))

    def test_bool(self):
        self.assertFunctionMatchesEager(bool_of_a_tensor, tf.constant(1))
'''


def test_records_each_case_for_eager_autograph_and_agx(tmp_path):
    path = tmp_path / "small_test.py"
    path.write_text(TEST_FILE)
    records = run_reference.run_file(str(path), timeout=300)
    by_case = {r["case"].split(" ")[0]: r for r in records}
    assert set(by_case) == {"ReferenceTest.test_abs#1", "ReferenceTest.test_abs#2", "ReferenceTest.test_bool#1"}
    assert all(r["eager_ok"] for r in records)
    assert by_case["ReferenceTest.test_abs#2"]["agx"] == "pass"
    assert by_case["ReferenceTest.test_abs#2"]["autograph"] == "pass"
    # bool() of a symbolic Tensor: AutoGraph leaves it too, and both fail while tracing
    assert by_case["ReferenceTest.test_bool#1"]["agx"] == "fail"
    total = run_reference.summarise(records)["total"]
    assert (total["cases"], total["wrong"]) == (3, 0)


def test_a_different_value_without_an_error_is_a_wrong_value():
    records = [
        {"file": "a_test.py", "case": "T.t#1", "eager_ok": True, "autograph": "pass", "agx": "wrong"},
        {"file": "a_test.py", "case": "T.t#2", "eager_ok": True, "autograph": "pass", "agx": "pass"},
        {"file": "a_test.py", "case": "T.t#3", "eager_ok": False, "autograph": "fail", "agx": "fail"},
        {"file": "a_test.py", "case": "T.u", "status": "timeout"},
    ]
    total = run_reference.summarise(records)["total"]
    assert (total["cases"], total["agx"], total["autograph"], total["wrong"]) == (2, 1, 2, 1)
    assert total["agx_only_fail"] == 1 and total["hangs"] == ["T.u"]


def test_a_case_whose_autograph_run_hangs_keeps_eager_and_agx():
    """The child prints eager's and agx's outcome (AGXPART) before AutoGraph runs: after a
    timeout that case is AutoGraph `hung` (not a pass) with agx's own outcome."""
    part = '{"file": "d_test.py", "case": "T.t#1", "function": "f", "eager_ok": true, "agx": "pass", "agx_detail": ""}'
    full = part[:-1] + ', "autograph": "pass", "autograph_detail": ""}'
    out = "\n".join(["AGXPART " + part, "AGXREF " + full, "AGXPART " + part.replace("#1", "#2")])
    assert [r["autograph"] for r in run_reference._records(out)] == ["pass"]
    records = run_reference._records(out, timed_out=True)
    assert [(r["case"], r["autograph"], r["agx"]) for r in records] == [("T.t#1", "pass", "pass"),
                                                                        ("T.t#2", "hung", "pass")]
    total = run_reference.summarise(records)["total"]
    assert (total["cases"], total["agx"], total["autograph"]) == (2, 2, 1)
    assert total["autograph_hung"] == ["d_test.py::T.t#2"]
