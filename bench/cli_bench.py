"""(2) The CLI: wall time and peak memory of `agx convert` on a 200-line file, against
`python -c "import tensorflow"` (what any AutoGraph conversion must pay first).

Peak memory is the child's own `ru_maxrss` (os.wait4), not the benchmark's.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import List

from .sources import generated_module, source_lines
from .timing import median, ratio


# The child is started by this small launcher, not by the benchmark process: on Linux a
# child's ru_maxrss includes the RSS of the process it was forked from (TensorFlow's, here).
LAUNCHER = (
    "import json, os, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "print(json.dumps({'wall_s': time.perf_counter() - start, 'maxrss_mib': usage.ru_maxrss / 1024.0,"
    " 'status': os.waitstatus_to_exitcode(status)}))\n")


def run_child(cmd: List[str]) -> dict:
    """Wall seconds, peak RSS (MiB) and exit status of one child process."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER] + cmd, env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def agx_command() -> List[str]:
    script = Path(sys.executable).with_name("agx")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "cli"]


def measure(repeat: int, tf_repeat: int, lines: int = 200) -> dict:
    with tempfile.TemporaryDirectory(prefix="agx_bench_cli_") as tmp:
        path = Path(tmp) / "model.py"
        source = generated_module(lines)
        path.write_text(source, encoding="utf-8")
        out = Path(tmp) / "out.py"
        agx_cmd = agx_command() + ["convert", str(path), "-o", str(out)]
        tf_cmd = [sys.executable, "-c", "import tensorflow"]
        agx_runs = [run_child(agx_cmd) for _ in range(max(1, repeat))]
        tf_runs = [run_child(tf_cmd) for _ in range(max(1, tf_repeat))]
    result = {"file_lines": source_lines(source), "agx_command": " ".join(agx_command() + ["convert"]),
              "agx_status": sorted({r["status"] for r in agx_runs}),
              "agx_wall_s": median(r["wall_s"] for r in agx_runs),
              "agx_maxrss_mib": median(r["maxrss_mib"] for r in agx_runs),
              "tf_import_wall_s": median(r["wall_s"] for r in tf_runs),
              "tf_import_maxrss_mib": median(r["maxrss_mib"] for r in tf_runs)}
    result["wall_ratio"] = ratio(result["agx_wall_s"], result["tf_import_wall_s"])
    result["mem_ratio"] = ratio(result["agx_maxrss_mib"], result["tf_import_maxrss_mib"])
    return result
