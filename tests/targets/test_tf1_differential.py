"""Every corpus case through the tf1 target: the Session runner == eager execution."""
import pytest

from corpus import CASES
from differential_tf1 import check_tf1


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_tf1_runner_matches_eager(case):
    if "tf1" not in case.targets:
        pytest.skip("passes Python values to parameters a TF1 runner feeds to placeholders")
    code = check_tf1(case.source, case.function, case.args)
    assert "ag__" not in code and "import transpiler" not in code and "from transpiler" not in code
    assert "@tf.function" not in code, "the runner replaces tf.function"
    assert f"def build_{case.function}_graph(" in code and "tf.compat.v1.placeholder(" in code
    assert code.count("def run_graph(") == 1
    for op in case.lowered_to:  # "a|b": either (a dispatch, or the graph form tf1 takes)
        assert any(o in code for o in op.split("|")), f"expected {op} in:\n{code}"


def test_a_comparison_that_may_be_of_tensors_is_the_equal_helper():
    """tf1 writes `tf.equal` for `==` on a Tensor; on a value that may be a Tensor or a Python
    value it writes the `equal` dispatch helper (tf.equal of Python values would be a Tensor,
    and the Python `while` testing what depends on it would fail)."""
    from corpus import BY_ID
    from transpiler import transpile
    code = transpile(BY_ID["fuzz_items_of_a_dispatched_if_output"].source, target="tf1")
    assert "cond(equal(b, 1)," in code and "def equal(a, b):" in code
    assert "tf.not_equal(n, 1)" in code  # `n` is a placeholder: surely a Tensor
