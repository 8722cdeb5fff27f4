"""A long fuzzing campaign that keeps going after a mismatch and prints a summary.

    python tests/fuzz/campaign.py --examples 2000 --seed 7 --log fuzz.jsonl

Unlike the pytest entry (test_fuzz.py, which stops and shrinks at the first mismatch), this
runs every program, writes one JSON line per program to --log (argument kind, source, agx
outcome per target, AutoGraph's outcome), prints each mismatch and each AGX000 ("internal")
as it comes, a summary with counts per argument kind and target, and exits 1 if any program
mismatched.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(os.path.dirname(HERE), "support"), os.path.dirname(os.path.dirname(HERE))]
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--log", default=None, help="JSON lines, one per program")
    parser.add_argument("--no-autograph", action="store_true", help="skip recording AutoGraph's outcome")
    opts = parser.parse_args(argv)
    if opts.log:
        os.environ["AGX_FUZZ_LOG"] = opts.log
    from oracle import TARGETS, check
    from programs import programs

    counts = collections.Counter()
    kinds = collections.Counter()    # argument kind -> programs
    by_kind = collections.Counter()  # "kind target outcome" -> programs
    autograph = collections.Counter()
    failures = []
    start = time.time()

    @seed(opts.seed)
    @settings(max_examples=opts.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(programs())
    def run(program):
        if opts.log:  # the program being run, to inspect a run that hangs
            with open(opts.log + ".current", "w", encoding="utf-8") as fh:
                fh.write(program.source)
        result = check(program, autograph=not opts.no_autograph)
        counts["programs"] += 1
        kinds[program.kind] += 1
        for target, outcome in result.outcome.items():
            counts[f"{target} {outcome.split(':')[0].split(' ')[0]}"] += 1
            by_kind[f"{program.kind} {target} {outcome.split(':')[0].split(' ')[0]}"] += 1
        if result.autograph is not None:
            autograph[result.autograph.split(":")[0]] += 1
        if not result.ok:
            failures.append(result.describe(program))
            print("MISMATCH", result.describe(program), flush=True)
        elif any(o.startswith("internal") for o in result.outcome.values()):
            print("INTERNAL", result.describe(program), flush=True)  # AGX000: a bug, no wrong value
        if counts["programs"] % 100 == 0:
            print(f"{counts['programs']} programs, {len(failures)} mismatches, "
                  f"{time.time() - start:.0f}s", flush=True)

    run()
    summary = {"seed": opts.seed, "targets": list(TARGETS), "counts": dict(counts),
               "kinds": dict(kinds), "by_kind": dict(sorted(by_kind.items())), "autograph": dict(autograph), "mismatches": len(failures),
               "seconds": round(time.time() - start)}
    print(json.dumps(summary, indent=1))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
