"""`agx check`: run every converted function eagerly (the truth), under AutoGraph, and as
agx's tf2 / tf1 output on the same inputs; compare values and graph structure.

The calls run in a child process (check_worker.py, the only place TensorFlow is imported):
a TensorFlow abort kills the child, the step it killed becomes a `crash` cell, and a new
child goes on with the next step. Conversion itself stays TF-free.
"""
from __future__ import annotations

import ast
import dataclasses
import io
import json
import os
import pickle
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ..api import analyze, transpile
from ..diagnostics import TranspileError
from .check_worker import Opaque, inputs_from_signature, py, short as _short  # noqa: F401 (re-exported)

MODES = ("autograph", "tf2", "tf1")
LABELS = {"eager": "eager", "autograph": "AutoGraph", "tf2": "agx tf2", "tf1": "agx tf1"}
PASS = ("ok", "n/a", "invalid")
TIMEOUT = 60.0


@dataclasses.dataclass
class Counts:
    loops: int   # While + StatelessWhile
    conds: int   # If + StatelessIf
    ops: int     # every node, the function library included


@dataclasses.dataclass
class Row:
    function: str
    inputs: int = 0     # valid inputs: those on which the original runs eagerly
    agree: Dict[str, str] = dataclasses.field(default_factory=dict)   # mode -> ok | wrong k/n | error | crash (SIG) | timeout | invalid | n/a
    structure: Dict[str, Optional[Counts]] = dataclasses.field(default_factory=dict)  # autograph / tf2
    notes: List[str] = dataclasses.field(default_factory=list)
    given: int = 0      # inputs tried

    @property
    def agx_failed(self) -> bool:
        return any(self.agree.get(m, "n/a") not in PASS for m in ("tf2", "tf1"))


class CheckError(Exception):
    """A problem with the command's input (message for the user, exit 2)."""


def same(np, a, b) -> bool:
    if isinstance(a, Opaque) or isinstance(b, Opaque):
        return a == b
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)) and len(a) == len(b)
                and all(same(np, x, y) for x, y in zip(a, b)))
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and \
            all(same(np, a[k], b[k]) for k in a)
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape:
            return False
        if a.dtype.kind in "fc" or b.dtype.kind in "fc":
            return bool(np.allclose(a, b, equal_nan=True))
        return bool(np.array_equal(a, b))
    except Exception:
        return False


# -- options -------------------------------------------------------------------------------------

_NAMED = re.compile(r"\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)\s*=(?!=)(.*)\Z", re.S)


def parse_args(exprs: List[str], names: List[str]) -> Dict[str, List[str]]:
    """{function: [argument tuple expressions]}: `f=(1, 2)` is for f only, `(1, 2)` for the others."""
    named, anonymous = {}, []
    for expr in exprs:
        match = _NAMED.match(expr)
        name, body = (match.group(1), match.group(2).strip()) if match else (None, expr)
        try:
            compile(body, "--args", "eval")
        except SyntaxError as exc:
            raise CheckError(f"--args {expr!r}: SyntaxError: {exc.msg}") from None
        if name is None:
            anonymous.append(body)
        elif name not in names:
            raise CheckError(f"--args {expr!r}: no function {name!r} to check (checked: {', '.join(names)})")
        else:
            named.setdefault(name, []).append(body)
    return {n: named.get(n, anonymous) for n in names}


def parse_init(exprs: List[str], classes: List[str]) -> Dict[str, str]:
    """{class: constructor expression} from --init 'Class(args)'."""
    out = {}
    for expr in exprs:
        try:
            call = ast.parse(expr.strip(), mode="eval").body
        except SyntaxError as exc:
            raise CheckError(f"--init {expr!r}: SyntaxError: {exc.msg}") from None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
            raise CheckError(f"--init {expr!r}: expected a constructor call such as 'Model(3)'")
        if call.func.id not in classes:
            raise CheckError(f"--init {expr!r}: no method of {call.func.id!r} to check")
        out[call.func.id] = expr.strip()
    return out


# -- the child process ---------------------------------------------------------------------------

class _Log:
    """The child's records, read incrementally (a record cut short by a kill is left unread)."""

    def __init__(self, path: str):
        self.path, self.offset, self.records = path, 0, []

    def read(self) -> List[tuple]:
        if not os.path.exists(self.path):
            return self.records
        with open(self.path, "rb") as fh:
            fh.seek(self.offset)
            stream = io.BytesIO(fh.read())
        while stream.tell() < len(stream.getbuffer()):
            start = stream.tell()
            try:
                self.records.append(pickle.load(stream))
            except Exception:
                stream.seek(start)
                break
        self.offset += stream.tell()
        return self.records


def _signal_name(code: int) -> str:
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


def _child_env(filename: str) -> dict:
    env = dict(os.environ)
    paths = [str(Path(__file__).resolve().parents[2]), os.path.dirname(os.path.abspath(filename))]
    env["PYTHONPATH"] = os.pathsep.join(paths + [p for p in [env.get("PYTHONPATH")] if p])
    return env


def _one_child(job: dict, workdir: str, show_output: bool, timeout: float, results: dict) -> bool:
    """Run one child until it ends; record its outcomes in `results`. True if it finished."""
    job_path, log = os.path.join(workdir, "job.json"), os.path.join(workdir, f"log{len(results)}.pkl")
    with open(job_path, "w", encoding="utf-8") as fh:
        json.dump(job, fh)
    quiet = None if show_output else subprocess.DEVNULL
    proc = subprocess.Popen([sys.executable, "-m", "transpiler.tools.check_worker", job_path, log],
                            env=_child_env(job["filename"]), stdout=quiet, stderr=quiet)
    pending, since, timed_out, records = None, time.monotonic(), False, _Log(log)
    while proc.poll() is None:
        time.sleep(0.05)
        begun = [r[1] for r in records.read()[-2:] if r[0] == "begin"]
        if begun and begun[-1] != pending:
            pending, since = begun[-1], time.monotonic()
        if pending is not None and time.monotonic() - since > timeout:
            proc.kill()
            proc.wait()
            timed_out = True
    open_step = None
    for record in records.read():
        if record[0] == "begin":
            open_step = record[1]
        else:
            results[record[1]] = record[2]
            open_step = None
    if proc.returncode == 0 and open_step is None:
        return True
    if open_step is None:  # died outside any step: nothing more can be learnt
        results[("child",)] = ("crash", _signal_name(proc.returncode))
        return True
    results[open_step] = ("timeout", timeout) if timed_out else ("crash", _signal_name(proc.returncode))
    return False


def run_children(job: dict, show_output: bool, timeout: float) -> dict:
    """{step: outcome} for every step of the job, restarting the child after each crash."""
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="agx_check_") as workdir:
        job["dir"] = workdir
        for _ in range(1000):
            job["skip"] = [list(key) for key, outcome in results.items()  # loads and inputs are redone
                           if key[-1] not in ("load", "inputs") or outcome[0] in ("crash", "timeout")]
            job["eager_ok"] = {}
            for key, outcome in results.items():
                if len(key) == 3 and key[1] == "eager" and isinstance(key[2], int) and outcome[0] == "value":
                    job["eager_ok"].setdefault(key[0], []).append(key[2])
            if _one_child(job, workdir, show_output, timeout, results):
                break
    return results


# -- comparing -----------------------------------------------------------------------------------

def _show(outcome) -> str:
    kind, value = outcome
    if kind == "crash":
        return f"crashes ({value}: the process was killed)"
    if kind == "timeout":
        return f"runs for more than {value:g} s"
    if kind == "error":
        return value
    shown = value.tolist() if hasattr(value, "tolist") and not isinstance(value, (list, tuple)) else value
    return f"returns {shown!r}".replace("\n", " ")


def _cell(np, truth, got: Dict[int, tuple]) -> Tuple[str, str]:
    bad = [i for i, t in truth.items() if got.get(i, ("error", "not run"))[0] != "value"
           or not same(np, t[1], got[i][1])]
    if not bad:
        return "ok", ""
    i = bad[0]
    detail = f"input {i + 1}: eager {_show(truth[i])}, got {_show(got.get(i, ('error', 'not run')))}"
    kinds = [got.get(j, ("error",))[0] for j in bad]
    for kind in ("crash", "timeout"):
        if kind in kinds:
            j = bad[kinds.index(kind)]
            detail = f"input {j + 1}: eager {_show(truth[j])}, got {_show(got[j])}"
            return (f"crash ({got[j][1]})" if kind == "crash" else "timeout"), detail
    if all(k == "error" for k in kinds) and len(bad) == len(truth):
        return "error", detail
    return f"wrong {len(bad)}/{len(truth)}", detail


def _row(np, name: str, results: dict, codes: dict) -> Row:
    found = results.get((name, "inputs"), ("error", "not run"))
    if found[0] != "value" or not found[1]:
        why = found[1] if found[0] != "value" else (
            "no inputs: it has no input_signature; pass them, e.g. --args '(1.0, [1, 2])' "
            "(Python numbers and lists become Tensors; py(v) passes v as is)")
        return Row(name, 0, {m: "n/a" for m in MODES}, notes=[_show(found) if found[0] == "crash" else why])
    n = found[1]
    everything = {i: results.get((name, "eager", i), ("error", "not run")) for i in range(n)}
    truth = {i: o for i, o in everything.items() if o[0] == "value"}
    row = Row(name, len(truth), given=n)
    invalid = [i for i in everything if i not in truth]
    if invalid:
        first = invalid[0]
        row.notes.append(f"{len(invalid)}/{n} input(s) invalid, not compared: the original "
                         f"{'raises' if everything[first][0] == 'error' else 'fails'} eagerly "
                         f"(input {first + 1}: {_show(everything[first])})")
    if not truth:
        row.agree = {m: "invalid" for m in MODES}
        row.notes.append("no valid input: pass inputs on which the original runs, with --args"
                         + (" (and --init for the instance)" if "." in name else ""))
        return row
    _compare_modes(np, row, name, results, codes, truth)
    return row


def _compare_modes(np, row: Row, name: str, results: dict, codes: dict, truth: dict) -> None:
    for mode in MODES:
        load = results.get((mode, "load"))
        if codes.get(mode) is None:
            row.agree[mode] = "n/a"
            continue
        if load is not None and load[0] != "value":
            row.agree[mode] = "error" if load[0] == "error" else f"crash ({load[1]})"
            row.notes.append(f"{LABELS[mode]} output fails to run: {_show(load)}")
            continue
        got = {i: results[(name, mode, i)] for i in truth if (name, mode, i) in results}
        row.agree[mode], detail = _cell(np, truth, got)
        if mode == "autograph" and row.agree[mode] == "error":
            row.notes.append(f"AutoGraph fails: {next(g[1] for g in got.values() if g[0] == 'error')}")
        elif detail:
            row.notes.append(f"{LABELS[mode]} disagrees with eager on {detail}")
        counts = results.get((name, mode, "structure"))
        if mode != "tf1":
            row.structure[mode] = Counts(*counts[1]) if counts and counts[0] == "value" else None
    if row.agree["autograph"] != "ok" and not row.agx_failed:
        how = "fails" if row.agree["autograph"] == "error" else "gives wrong values"
        row.notes.append(f"AutoGraph {how} here; agx agrees with eager")


def _functions_to_check(analysis, functions) -> List[str]:
    if functions == "decorated":
        return [t.qualname for t in analysis.selected if t.decorated or getattr(t, "keras_call", False)]
    if functions == "all":
        return [t.qualname for t in analysis.selected]
    return [t.qualname for t in analysis.selected if t.qualname in set(functions)]  # not their callees


def run_check(text: str, filename: str, functions="decorated", args: Optional[List[str]] = None,
              show_output: bool = False, init: Optional[List[str]] = None,
              timeout: float = TIMEOUT) -> Tuple[List[Row], List[str]]:
    """(rows, messages). Raises TranspileError (conversion) or CheckError (the command's input)."""
    analysis = analyze(text, functions=functions, filename=filename)
    if analysis.sink.errors:
        raise TranspileError(analysis.sink.errors, analysis.parsed.source)
    names = _functions_to_check(analysis, functions)
    classes = sorted({n.split(".")[0] for n in names if "." in n})
    job = {"filename": filename, "functions": names, "args": parse_args(args or [], names),
           "init": parse_init(init or [], classes), "show_output": show_output}
    convert_with = functions  # a list of names also converts their callees, as `agx convert` does
    codes, messages = {"tf2": transpile(text, target="tf2", functions=convert_with, filename=filename, strict=True)}, []
    try:
        codes["tf1"] = transpile(text, target="tf1", functions=convert_with, filename=filename, strict=True)
    except TranspileError as exc:
        messages.append(f"agx tf1: cannot convert ({exc.diagnostics[0].headline() if exc.diagnostics else exc})")
    except Exception as exc:  # the tf1 target may be absent in this build
        messages.append(f"agx tf1: unavailable ({_short(exc)})")
    job["codes"] = {"eager": text, "autograph": text, **codes}
    signed = {t.qualname for t in analysis.selected if t.signature is not None}
    job["functions"] = [n for n in names if job["args"][n] or n in signed]  # the others have no inputs
    results = run_children(job, show_output, timeout) if job["functions"] else {}
    for name in set(names) - set(job["functions"]):
        results[(name, "inputs")] = ("value", None)
    for key in (("eager", "load"), ("child",)):
        if key in results and results[key][0] != "value":
            raise CheckError(f"running {filename} failed: {_show(results[key])}")
    import numpy as np  # comparing values only; TensorFlow stays in the child
    return [_row(np, name, results, job["codes"]) for name in names], messages


def _count(counts: Optional[Counts], field: str) -> str:
    return "-" if counts is None else str(getattr(counts, field))


def table(rows: List[Row]) -> str:
    head = ["function", "inputs", "AutoGraph", "agx tf2", "agx tf1", "While AG/agx", "If AG/agx", "ops AG/agx"]
    body = []
    for r in rows:
        ag, agx = r.structure.get("autograph"), r.structure.get("tf2")
        inputs = str(r.inputs) if r.inputs == r.given else f"{r.inputs} of {r.given}"
        body.append([r.function, inputs] + [r.agree.get(m, "n/a") for m in MODES] +
                    [f"{_count(ag, f)}/{_count(agx, f)}" for f in ("loops", "conds", "ops")])
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in [head] + body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for r in rows:
        lines.extend(f"{r.function}: {note}" for note in r.notes)
    return "\n".join(lines)


def command(path: str, functions: str = "decorated", args: Optional[List[str]] = None,
            show_output: bool = False, init: Optional[List[str]] = None, timeout: float = TIMEOUT) -> int:
    """`agx check`: the table on stdout, problems on stderr; exit 1 if agx disagrees with eager."""
    import click
    from .commands import functions_arg, report
    from .files import read_source
    text, err = read_source(path)
    if err is not None:
        report([err], None, False)
        return 2
    try:
        rows, messages = run_check(text, path, functions_arg(functions), args, show_output, init, timeout)
    except TranspileError as exc:
        report(exc.diagnostics, exc.source or text, False)
        return 1
    except CheckError as exc:
        click.echo(f"agx check: {exc}", err=True)
        return 2
    for m in messages:
        click.echo(m, err=True)
    if not rows:
        click.echo(f"agx check: no functions to check in {path} (see --functions)", err=True)
        return 2
    click.echo(table(rows))
    if any(r.agx_failed for r in rows):
        return 1
    return 2 if any(r.inputs == 0 for r in rows) else 0
