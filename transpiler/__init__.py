"""agx: ahead-of-time AutoGraph. Python control flow on Tensors -> readable graph code."""
from .api import analyze, transpile
from .diagnostics import Diagnostic, TranspileError

__all__ = ["transpile", "analyze", "TranspileError", "Diagnostic"]
__version__ = "0.1.0"
