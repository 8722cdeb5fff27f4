"""Every corpus case: agx tf2 output == eager, and the expected graph ops are used."""
import pytest

from corpus import CASES
from differential import check_tf2


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_tf2_matches_eager(case):
    code = check_tf2(case.source, case.function, case.args)
    assert "ag__" not in code and "autograph=False" in code
    for op in case.lowered_to:  # "a|b": either (a dispatch, or the graph form tf1 takes)
        assert any(o in code for o in op.split("|")), f"expected {op} in:\n{code}"
