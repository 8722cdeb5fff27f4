"""agx: ahead-of-time AutoGraph. Python control flow on Tensors -> readable graph code."""
from .api import AgxWarning, Conversion, analyze, convert, transpile
from .diagnostics import Diagnostic, TranspileError

__all__ = ["transpile", "convert", "analyze", "Conversion", "AgxWarning", "TranspileError", "Diagnostic"]
__version__ = "0.1.0"


def load_ipython_extension(ipython):
    """`%load_ext transpiler`: the %agx_convert, %agx_explain and %%agx magics (notebook.py)."""
    from .notebook import load_ipython_extension as load
    load(ipython)
