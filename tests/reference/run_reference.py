"""Scores agx on AutoGraph's reference tests (tensorflow/python/autograph/tests/*_test.py).

The test files are TensorFlow's and are not in this repository: pass the directory that
holds copies of them. Each file runs in its own process, with a stand-in for
`reference_test_base` whose `assertFunctionMatchesEager` runs every case three ways and
records them instead of failing:

  eager     the original function, called directly (the truth);
  autograph `tf.function(f)`, as the reference test itself does;
  agx       the module converted with `convert(source, functions="all")`, the function
            taken from the converted module and wrapped in `tf.function(autograph=False)`.

A mode *passes* a case as the reference test would: same values and printed output as
eager, and an exception of the same type where eager raised one (no exception where eager
raised none, unless the test allows exceptions). A *wrong value* is agx finishing without an
exception and disagreeing with eager.

    python tests/reference/run_reference.py DIR [--only NAME] [--json OUT] [-j 2]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def _child(path: str, timeout: int, *extra):
    """(stdout, exit status or None when it timed out) of reference_child.py on `path`."""
    cmd = [sys.executable, os.path.join(HERE, "reference_child.py"), path, *extra]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=ROOT)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        return done.stdout, done.returncode
    except subprocess.TimeoutExpired as e:
        return (e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")), None


def _one_by_one(path: str, timeout: int, done: list) -> list:
    """After a file hung: each test not recorded yet in a process of its own; a test that hangs
    is a `timeout` record (not a case: neither eager nor AutoGraph's outcome is known)."""
    listed, _ = _child(path, 300, "--list")
    seen = {r["case"].split("#")[0].split(" ")[0] for r in done}
    out = list(done)
    for test in [line[len("AGXTEST "):] for line in listed.splitlines() if line.startswith("AGXTEST ")]:
        if test in seen:
            continue
        text, code = _child(path, timeout, "--test", test)
        got = _records(text, timed_out=code is None)
        out += got
        if code is None and not any(r.get("autograph") == "hung" for r in got):
            out.append({"file": os.path.basename(path), "case": test, "status": "timeout"})
    return out


def run_file(path: str, timeout: int) -> list:
    """The records of one test file, from a child process (a crash is one record; after a
    hang, the tests not recorded run one by one)."""
    out, code = _child(path, timeout)
    if code is None:
        return _one_by_one(path, 120, _records(out, timed_out=True))
    records = _records(out)
    if code != 0 and not records:
        return [{"file": os.path.basename(path), "case": "*", "status": "crash", "detail": f"exit status {code}"}]
    return records


def _records(out: str, timed_out: bool = False) -> list:
    """The AGXREF records; after a timeout also the case whose eager and agx runs finished
    (AGXPART) while AutoGraph's did not: AutoGraph `hung` there (not a pass)."""
    full = [json.loads(line[len("AGXREF "):]) for line in out.splitlines() if line.startswith("AGXREF ")]
    if timed_out:
        done = {r["case"] for r in full}
        for line in out.splitlines():
            if line.startswith("AGXPART "):
                part = json.loads(line[len("AGXPART "):])
                if part["case"] not in done:
                    full.append(dict(part, autograph="hung",
                                     autograph_detail="AutoGraph did not finish (the process timed out)"))
    return full


def summarise(records: list) -> dict:
    cases = [r for r in records if r.get("eager_ok")]  # cases eager runs without an exception
    per_file: dict = {}
    for r in cases:
        row = per_file.setdefault(r["file"], {"cases": 0, "agx": 0, "autograph": 0, "wrong": 0})
        row["cases"] += 1
        row["agx"] += r["agx"] == "pass"
        row["autograph"] += r["autograph"] == "pass"
        row["wrong"] += r["agx"] == "wrong"
    total = {k: sum(row[k] for row in per_file.values()) for k in ("cases", "agx", "autograph", "wrong")}
    total["agx_only_fail"] = sum(1 for r in cases if r["autograph"] == "pass" and r["agx"] != "pass")
    total["crashes"] = [r for r in records if r.get("status") == "crash"]
    total["hangs"] = [r["case"] for r in records if r.get("status") == "timeout"]
    total["autograph_hung"] = [f"{r['file']}::{r['case']}" for r in cases if r.get("autograph") == "hung"]
    return {"total": total, "files": per_file}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--only", action="append", default=[], help="a test file's name (repeatable)")
    ap.add_argument("--json", help="write every record here")
    ap.add_argument("-j", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=1200)
    args = ap.parse_args(argv)
    names = sorted(n for n in os.listdir(args.dir) if n.endswith("_test.py"))
    if args.only:
        names = [n for n in names if any(o in n for o in args.only)]
    start, records = time.time(), []
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(args.j) as pool:
        for name, got in zip(names, pool.map(lambda n: run_file(os.path.join(args.dir, n), args.timeout), names)):
            records += got
            print(f"{name}: {len(got)} records", file=sys.stderr, flush=True)
    summary = summarise(records)
    for name, row in sorted(summary["files"].items()):
        print(f"{name:50} {row['cases']:5} agx {row['agx']:5} autograph {row['autograph']:5} wrong {row['wrong']}")
    t = summary["total"]
    print(f"TOTAL cases {t['cases']}  agx {t['agx']}  autograph {t['autograph']}  wrong values {t['wrong']}  "
          f"autograph-only passes {t['agx_only_fail']}  crashed files {len(t['crashes'])}  "
          f"tests that hung {len(t['hangs'])}  {time.time() - start:.0f} s")
    for case in t["hangs"]:
        print(f"  HUNG  {case}")
    for case in t["autograph_hung"]:
        print(f"  AUTOGRAPH HUNG  {case} (agx recorded)")
    for r in records:
        if r.get("agx") in ("fail", "wrong") and r.get("autograph") == "pass":
            print(f"  {r['agx'].upper():5} {r['file']}::{r['case']}: {r.get('agx_detail', '')[:160]}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(records, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
