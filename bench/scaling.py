"""Scaling series where AutoGraph breaks: many consecutive tensor if/else blocks (alone and
inside a loop) and nested loops. agx runs in process; AutoGraph runs in a child process
that is killed after a per-case timeout (reported as "> T s").

Within a series sizes grow, so once AutoGraph exceeds the timeout the larger cases of that
series are not run (recorded as skipped, still "> T s": AutoGraph's time only grows).
"""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from typing import Dict, List, Optional

from .sources import ROOT, SERIES, source_lines
from .timing import median_time, ratio

READY_TIMEOUT_S = 120.0


class AutoGraphWorker:
    """One `python -m bench.ag_worker` child; restarted after a kill."""

    def __init__(self):
        self.proc: Optional[subprocess.Popen] = None

    def _start(self) -> None:
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3",
                   PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
        self.proc = subprocess.Popen([sys.executable, "-m", "bench.ag_worker"], cwd=str(ROOT), env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, bufsize=1)
        reply = self._read(READY_TIMEOUT_S)
        if not reply or not reply.get("ready"):
            self.stop()
            raise RuntimeError("AutoGraph worker did not start")

    def _read(self, timeout: float) -> Optional[dict]:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return json.loads(line) if line else None

    def convert(self, source: str, function: str, timeout: float) -> dict:
        """{"seconds": t} | {"timeout": T} | {"error": ...}."""
        if self.proc is None:
            self._start()
        self.proc.stdin.write(json.dumps({"source": source, "function": function}) + "\n")
        self.proc.stdin.flush()
        reply = self._read(timeout)
        if reply is None:
            self.stop()
            return {"timeout": timeout}
        return reply

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()  # only the child this object started
            self.proc.wait()
            self.proc = None


def agx_time(source: str, repeat: int) -> Optional[float]:
    from transpiler import TranspileError, transpile
    try:
        transpile(source)
    except TranspileError:
        return None
    return median_time(lambda: transpile(source), repeat)


def run(sizes: Dict[str, List[int]], timeout: float, repeat: int, autograph: bool = True,
        progress=print) -> dict:
    worker = AutoGraphWorker() if autograph else None
    rows = []
    try:
        for series, ns in sizes.items():
            make = SERIES[series]
            exceeded = False
            for n in ns:
                source = make(n)
                row = {"series": series, "n": n, "lines": source_lines(source),
                       "agx_s": agx_time(source, repeat if n < 500 else max(1, repeat // 2))}
                if worker is None:
                    row["autograph"] = "not run"
                elif exceeded:
                    row["autograph"] = "skipped"
                    row["autograph_timeout_s"] = timeout
                else:
                    reply = worker.convert(source, "f", timeout)
                    if "seconds" in reply:
                        row["autograph_s"] = reply["seconds"]
                    elif "timeout" in reply:
                        row["autograph"] = "timeout"
                        row["autograph_timeout_s"] = timeout
                        exceeded = True
                    else:
                        row["autograph"] = "error: " + reply.get("error", "?")
                row["agx_vs_autograph"] = ratio(row["agx_s"], row.get("autograph_s"))
                rows.append(row)
                progress(f"  scaling {series} n={n}: agx {_fmt(row['agx_s'])} s, "
                         f"AutoGraph {_fmt(row.get('autograph_s')) if 'autograph_s' in row else row['autograph']}")
    finally:
        if worker is not None:
            worker.stop()
    return {"timeout_s": timeout, "rows": rows}


def _fmt(v) -> str:
    return "-" if v is None else f"{v:.3f}"
