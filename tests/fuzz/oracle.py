"""The fuzzer's oracle: eager execution of the original is the truth.

    result = check(program)      # -> Result; result.ok is False on a mismatch

For each generated program: run it eagerly on every argument set, convert it with agx
(tf2, and tf1 when that target exists) and run the output, and record what AutoGraph does
with the original. A conversion that agx refuses with a diagnostic is allowed (counted as
"refused"); the function it then keeps as written (not strict) may fail under AutoGraph
but must not give a different value; a traceback inside agx, converted code that fails to
run, or a different value is a mismatch. An AGX000 (agx's internal error: the safety net
refused its own output, e.g. not a fixed point; nothing is written) is counted apart as
"internal": not a wrong value (nothing is written), but a bug in agx that every campaign
prints and counts; it does not fail the run (a few remain, see the README). Two outcomes are not agx's: a program
whose Python ints outgrow int32 (eager Python never wraps around, graph code does) is
skipped, and a tf2 difference that
disappears with Grappler's arithmetic optimizer off is a TensorFlow bug ("tf-bug": TF 2.21
turns `a + (0 + a)` in a while_loop into an empty float32 Tensor).
"""
from __future__ import annotations

import dataclasses
import json
import os
import warnings
from typing import Dict, List, Optional

from differential import autograph_outcome, call, load, same, to_numpy
from timelimit import Timeout
from timelimit import time_limit as _time_limit
from differential_tf1 import plain
from transpiler import TranspileError, transpile

from programs import Program


def tf1_available() -> bool:
    """The tf1 target is being built concurrently: use it once it exists."""
    try:
        import transpiler.targets.tf1  # noqa: F401
    except ImportError:
        return False
    return True


TARGETS = ("tf2", "tf1") if tf1_available() else ("tf2",)
LIMIT = float(os.environ.get("AGX_FUZZ_TIMEOUT", "60"))  # seconds for one program's runs on one target


def time_limit(seconds: float = None):
    """timelimit.time_limit, LIMIT seconds unless told."""
    return _time_limit(LIMIT if seconds is None else seconds)


@dataclasses.dataclass
class Result:
    outcome: Dict[str, str]          # target -> ok | refused AGXnnn | internal AGX000: ... | mismatch: ... | crash: ...
    autograph: Optional[str] = None  # ok | wrong | error: ...
    eager: str = "ok"                # the generator promises valid programs; anything else is a generator bug

    @property
    def ok(self) -> bool:
        if self.eager.startswith("skipped"):
            return True
        return self.eager == "ok" and all(o == "ok" or o.startswith(("refused", "tf-bug", "internal"))
                                          for o in self.outcome.values())

    def describe(self, program: Program) -> str:
        return f"{self.outcome} (eager: {self.eager}, AutoGraph: {self.autograph})\n{program.source}"


def _run_target(program: Program, target: str, expected: List) -> str:
    try:
        code = transpile(program.source, target=target, strict=True)
    except TranspileError as exc:
        codes = sorted({d.code for d in exc.diagnostics})
        if "AGX000" in codes:  # agx's internal error (e.g. its output is not a fixed point)
            first = next(d for d in exc.diagnostics if d.code == "AGX000")
            return f"internal AGX000: {first.message[:300]}"
        return _run_kept(program, target, expected, "refused " + ",".join(codes))
    except Exception as exc:  # an agx crash is a finding
        return f"crash: {type(exc).__name__}: {exc}"
    try:
        with time_limit():
            got = _results(code, program, target)
    except Timeout as exc:  # eager finished: agx's code must too
        return f"mismatch: converted code {exc}"
    except Exception as exc:
        if _grappler_bug(code, program, expected, target):
            return "tf-bug: Grappler's arithmetic optimizer (agx's code is right without it)"
        return f"mismatch: converted code fails: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    for args, want, have in zip(program.args, expected, got):
        if not same(want, have):
            if _grappler_bug(code, program, expected, target):
                return "tf-bug: Grappler's arithmetic optimizer (agx's code is right without it)"
            return f"mismatch: f{args}: eager {want!r} != agx {have!r}"
    return "ok"


def _results(code: str, program: Program, target: str) -> List:
    module = load(code)
    if target == "tf1":  # a Session runner: called with plain Python values
        return [to_numpy(module.f(*_plain(args))) for args in program.args]
    return [call(module, "f", args) for args in program.args]


def _run_kept(program: Program, target: str, expected: List, refused: str) -> str:
    """Not strict, a refused function is kept as written for AutoGraph: that code may fail
    (AutoGraph refuses it too) but must never give a different value."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = transpile(program.source, target=target)
    except TranspileError:
        return refused  # not kept (NOT_KEPT): an error either way
    try:
        with time_limit():
            got = _results(code, program, target)
    except Timeout as exc:  # the code kept as written is the original under AutoGraph
        return refused + f" (kept; AutoGraph {exc} either)"
    except Exception:
        return refused + " (kept; AutoGraph fails on it too)"
    for args, want, have in zip(program.args, expected, got):
        if not same(want, have):
            return f"mismatch: kept as written ({refused}): f{args}: eager {want!r} != AutoGraph {have!r}"
    return refused + " (kept; AutoGraph runs it right)"


def _plain(args):
    """Arguments as a caller of a TF1 runner passes them (a dataset or iterator made fresh)."""
    return [plain(a) for a in args]


def _grappler_bug(code: str, program: Program, expected: List, target: str) -> bool:
    """TensorFlow 2.21's Grappler miscompiles e.g. `a + (0 + a)` in a while_loop (an empty
    float32 result under tf.function, "Retval[0] does not have value" in a TF1 Session):
    rerun agx's code with its arithmetic optimizer off."""
    import tensorflow as tf
    old = tf.config.optimizer.get_experimental_options()
    tf.config.optimizer.set_experimental_options({"arithmetic_optimization": False})
    try:
        module = load(code)
        run = (lambda args: to_numpy(module.f(*_plain(args)))) if target == "tf1" else (lambda args: call(module, "f", args))
        return all(same(want, run(args)) for args, want in zip(program.args, expected))
    except Exception:
        return False
    finally:
        tf.config.optimizer.set_experimental_options({"arithmetic_optimization": old.get("arithmetic_optimization", True)})


def check(program: Program, autograph: bool = True) -> Result:
    try:
        module = load(program.source)
        expected = [call(module, "f", args, eager=True) for args in program.args]
    except Exception as exc:
        return Result({}, None, f"{type(exc).__name__}: {exc}")
    if any(_beyond_int32(v) for v in expected):
        return Result({}, None, "skipped: Python ints outgrew int32 (graph code wraps around)")
    outcome = {t: _run_target(program, t, expected) for t in TARGETS if t in program.targets}
    ag = _autograph(program) if autograph else None
    result = Result(outcome, ag)
    _record(program, result)
    return result


def _autograph(program: Program) -> str:
    try:
        with time_limit():
            return autograph_outcome(program.source, "f", list(program.args))
    except Timeout as exc:
        return f"error: {exc}"


def _beyond_int32(value) -> bool:
    if isinstance(value, (tuple, list)):
        return any(_beyond_int32(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool) and not -2**31 <= value < 2**31


def _record(program: Program, result: Result) -> None:
    """Append one JSON line per program to $AGX_FUZZ_LOG (long runs keep their statistics)."""
    path = os.environ.get("AGX_FUZZ_LOG")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"kind": program.kind, "outcome": result.outcome, "autograph": result.autograph,
                             "ok": result.ok, "source": program.source}) + "\n")
