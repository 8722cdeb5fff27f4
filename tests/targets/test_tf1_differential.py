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
