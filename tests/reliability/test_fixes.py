"""Regression tests for issue 15: each case converted to code that did not compile, was not a
fixed point, or changed what it should not. Every output must compile and be stable."""
import pytest

from transpiler import transpile
from transpiler.diagnostics import TranspileError


def converted(src, **kw):
    """The output, checked to compile and to be a fixed point."""
    out = transpile(src, **kw)
    compile(out, "<out>", "exec", dont_inherit=True)
    assert transpile(out, **kw) == out
    return out


@pytest.mark.parametrize("target", ["tf2", "tf1"])
def test_functions_all_with_nothing_to_lower_adds_nothing(target):
    src = "import os\n\ndef f(x):\n    return x + 1\n\nclass C:\n    def m(self, y):\n        return [y]\n"
    assert converted(src, functions="all", target=target) == src
