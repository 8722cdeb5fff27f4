"""Bulk conversion over real code that is always installed: the standard library and
TensorFlow's and Keras' own Python sources.

For each file and configuration (target tf2/tf1, functions decorated/all) `check_file` converts
it as `agx convert` does and returns the problems found (an empty list is a pass):
- a Python exception escaping `transpile` (what the CLI would show as AGX000) or AGX000;
- exit-0 output that does not compile;
- output that changes when converted again (not a fixed point);
- a file with nothing to lower whose output differs from its input.

`python tests/bulk/bulk.py [--all | --files N] [--seed S]` runs it from the command line and
prints one line per problem and a summary; the pytest module samples a few hundred files.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import sysconfig
import time
import traceback
import warnings
import zlib
from pathlib import Path
from typing import List, Tuple

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transpiler import api  # noqa: E402
from transpiler.diagnostics import TranspileError  # noqa: E402
from transpiler.tools.files import read_source  # noqa: E402

CONFIGS = [("tf2", "decorated"), ("tf2", "all"), ("tf1", "decorated"), ("tf1", "all")]


def roots() -> List[Path]:
    """The standard library and the installed tensorflow and keras packages (found without
    importing them)."""
    out = [Path(sysconfig.get_paths()["stdlib"])]
    purelib = Path(sysconfig.get_paths()["purelib"])
    out += [purelib / name for name in ("tensorflow", "keras") if (purelib / name).is_dir()]
    return out


def corpus() -> List[Path]:
    """Every .py file under the roots, sorted (site-packages inside the stdlib excluded)."""
    files = []
    for root in roots():
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
            files += [Path(dirpath) / f for f in sorted(filenames) if f.endswith(".py")]
    return files


def sample(n: int, seed: int, max_bytes: int = 0) -> List[Path]:
    """`n` files drawn with `seed` (only files up to `max_bytes`, if given: the CI sample)."""
    files = [f for f in corpus() if not max_bytes or f.stat().st_size <= max_bytes]
    files.sort(key=key)  # the same draw wherever the roots are
    return sorted(random.Random(seed).sample(files, min(n, len(files))), key=key)


def _lowers_nothing(text: str, functions: str, target: str) -> bool:
    """True when the file has no selected function with something to lower (and, for the
    default selection, no decorated function whose decorator would change)."""
    try:
        analysis = api.analyze(text, functions=functions, feeds=target == "tf1")
    except TranspileError:
        return False
    if functions == "decorated" and analysis.selected:
        return False
    return not any(d.lowered for info in analysis.functions for d in info.decisions)


def check_file(path: Path, target: str, functions: str) -> List[str]:
    """The problems of converting `path` (empty: it passed). The conversion runs with the
    safety net on, so a non-compiling, unstable or over-reaching output is an AGX000 here."""
    text, err = read_source(str(path))
    if err is not None:
        return []  # not UTF-8 (some test data): agx reports AGX005, nothing to check
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences in old files
        try:
            out = api.transpile(text, target=target, functions=functions, filename=str(path))
        except TranspileError as exc:
            return [f"{d.code} {d.message}" for d in exc.diagnostics if d.code == "AGX000"]
        except Exception as exc:  # noqa: BLE001 - the point is to catch every escape
            return [f"traceback {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=-4)}"]
        problems = []
        try:  # the net checks this too; asserted here so that the net itself is tested
            compile(out, str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            problems.append(f"output does not compile: {type(exc).__name__}: {exc}")
        if out != text and _lowers_nothing(text, functions, target):
            problems.append("nothing to lower, but the output differs from the input")
    return problems


def key(path: Path) -> str:
    """The file's name under its root (`stdlib/uuid.py`): the same on every machine."""
    for root in roots():
        if path.is_relative_to(root):
            return f"{root.name}/{path.relative_to(root).as_posix()}"
    return path.as_posix()


def run(files: List[Path], configs=CONFIGS, log=None, one_each=False) -> Tuple[int, List[Tuple[str, str, str, str]]]:
    """(conversions run, [(path, target, functions, problem)]); `one_each`: each file gets one
    configuration, chosen by a hash of its `key` (the CI sample), else every file gets all four."""
    found, n = [], 0
    for i, path in enumerate(files):
        if log and i % 100 == 0:
            print(f"# {i} files done, {len(found)} problems, {time.strftime('%H:%M:%S')}", file=log, flush=True)
        pick = [configs[zlib.crc32(key(path).encode()) % len(configs)]]
        for target, functions in pick if one_each else configs:
            n += 1
            for problem in check_file(path, target, functions):
                found.append((str(path), target, functions, problem))
                if log:
                    print(f"{path} [{target} {functions}]: {problem}", file=log, flush=True)
    return n, found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="every file (the long run)")
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--smallest-first", action="store_true", help="convert small files first")
    args = ap.parse_args(argv)
    files = corpus() if args.all else sample(args.files, args.seed)
    if args.smallest_first:
        files.sort(key=lambda f: f.stat().st_size)
    start = time.time()
    n, found = run(files, log=sys.stdout)
    kinds = {}
    for *_, problem in found:
        key = problem.split(":")[0] if not problem.startswith("AGX000") else "AGX000 " + problem.split("`")[-1].split(":")[0].strip()
        kinds[key] = kinds.get(key, 0) + 1
    print(f"{len(files)} files, {n} conversions, {time.time() - start:.0f} s, {len(found)} problems: {kinds}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
