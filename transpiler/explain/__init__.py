"""`agx explain`: what tracing does to a function, statement by statement.

  target.py     TARGET forms -> source text and function name (never executes code)
  report.py     the analysis `transpile` uses -> FunctionReport (statements, findings, summary)
  findings.py   findings detection; catalogue.py their codes and texts
  calls.py      --calls argument lists -> trace types; retrace.py the cache model
  run.py        --run: import, call under tf.function, count traces, capture prints
  compare.py    --compare-autograph; text.py and jsonout.py the renderers
  command.py    the CLI command, returning an exit code
"""
from .command import explain
from .report import build_reports

__all__ = ["explain", "build_reports"]
