"""Golden tests: one folder per case pins agx's output for one input (README, "Golden tests").

    golden/<case>/input.py               the program
    golden/<case>/args.py                RUNS = {"f": [(3.0,), ...]} for the differential test
    golden/<case>/expected_tf2.py        `agx convert` output (or expected_tf2.err: the diagnostics)
    golden/<case>/expected_tf1.py        `--target tf1` output (or .err)   -- optional
    golden/<case>/expected_explain.txt   `agx explain` output              -- optional

The targets checked are the expected files present; tf2 is required. Pure text work: no
TensorFlow here (the test suite adds compile, idempotence and differential checks).
"""
from __future__ import annotations

import dataclasses
import difflib
import os
from pathlib import Path
from typing import Callable, Dict, List, Tuple

from ..api import convert
from ..diagnostics import TranspileError

INPUT, ARGS = "input.py", "args.py"
TARGETS = ("tf2", "tf1")
EXPLAIN = "expected_explain.txt"
KNOWN = {INPUT, ARGS, EXPLAIN} | {f"expected_{t}{ext}" for t in TARGETS for ext in (".py", ".err")}
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "golden"


@dataclasses.dataclass
class Result:
    """One checked file: status is ok, updated, mismatch, missing, orphaned or error."""
    case: str
    path: Path
    status: str
    diff: str = ""
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status in ("mismatch", "missing", "orphaned", "error")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def is_case(path: Path) -> bool:
    return path.is_dir() and (path / INPUT).is_file()


def _has_expected(path: Path) -> bool:
    return path.is_dir() and any(p.name.startswith("expected_") for p in path.iterdir())


def find_cases(paths: List[Path]) -> Tuple[List[Path], List[Path]]:
    """(case folders, folders holding expected files but no input.py). Raises FileNotFoundError."""
    cases, orphans = [], []
    for p in paths:
        if not p.exists():
            raise FileNotFoundError(str(p))
        if p.is_file():
            p = p.parent
        if is_case(p):
            cases.append(p)
            continue
        if _has_expected(p):
            orphans.append(p)
            continue
        for child in sorted(c for c in p.iterdir() if c.is_dir() and not c.name.startswith((".", "__"))):
            if is_case(child):
                cases.append(child)
            elif _has_expected(child):
                orphans.append(child)
    unique = list(dict.fromkeys(c.resolve() for c in cases))
    return unique, list(dict.fromkeys(o.resolve() for o in orphans))


def _convert(text: str, filename: str, target: str) -> Tuple[str, str]:
    """(suffix, text): ('.py', code) on success, ('.err', rendered diagnostics) on failure."""
    try:
        return ".py", convert(text, target=target, filename=filename).code
    except TranspileError as exc:
        return ".err", exc.render(color=False) + "\n"


def explain_text(text: str, filename: str) -> str:
    """What `agx explain FILE` prints for this source (static, no colour)."""
    from ..api import analyze
    from ..explain import build_reports
    from ..explain.text import render
    analysis = analyze(text, functions="decorated", filename=filename)
    return render(build_reports(analysis, filename), analysis.parsed.lines, False)


def _explain(text: str, filename: str) -> Tuple[str, str]:
    try:
        return ".txt", explain_text(text, filename)
    except TranspileError as exc:
        return ".txt", exc.render(color=False) + "\n"


def _lines(text: str) -> List[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def _diff(expected: str, actual: str, path: Path) -> str:
    return "".join(difflib.unified_diff(_lines(expected), _lines(actual),
                                        f"{_shown(path)} (expected)", f"{_shown(path)} (agx output)"))


def _write(path: Path, text: str) -> None:
    from .files import atomic_write
    atomic_write(path, text)


def check_case(case: Path, update: bool = False) -> List[Result]:
    """Compare (or with update, rewrite) every expected file of one case folder."""
    name = case.name
    filename = f"{name}/{INPUT}"
    try:
        text = (case / INPUT).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Result(name, case / INPUT, "error", message=f"cannot read: {exc}")]
    produce: Dict[str, Callable[[str, str], Tuple[str, str]]] = {
        t: (lambda s, f, t=t: _convert(s, f, t)) for t in TARGETS}
    produce["explain"] = _explain
    results = [Result(name, p, "orphaned", message=f"unknown file in a golden case: {p.name}")
               for p in sorted(case.iterdir()) if p.name not in KNOWN and not p.name.startswith((".", "__"))]
    wanted = {}
    for target in TARGETS:
        present = [case / f"expected_{target}{ext}" for ext in (".py", ".err")
                   if (case / f"expected_{target}{ext}").exists()]
        if present or target == "tf2":
            wanted[target] = present
    if (case / EXPLAIN).exists():
        wanted["explain"] = [case / EXPLAIN]
    for kind, present in wanted.items():
        try:
            suffix, actual = produce[kind](text, filename)
        except Exception as exc:  # an agx bug or a missing command is a result, not a crash
            results.append(Result(name, present[0] if present else case / f"expected_{kind}.py", "error",
                                  message=f"{kind}: {type(exc).__name__}: {exc}"))
            continue
        target_path = case / (EXPLAIN if kind == "explain" else f"expected_{kind}{suffix}")
        stale = [p for p in present if p != target_path]
        if update:
            for p in stale:
                p.unlink()
                results.append(Result(name, p, "updated", message="removed (conversion now gives "
                                                                    f"{target_path.name})"))
            old = target_path.read_text(encoding="utf-8") if target_path.exists() else None
            if old != actual:
                _write(target_path, actual)
                results.append(Result(name, target_path, "updated", message="written"))
            else:
                results.append(Result(name, target_path, "ok"))
            continue
        if target_path.exists() and stale:
            results.extend(Result(name, p, "orphaned", message=f"{target_path.name} is the one agx gives; "
                                                               "delete this one") for p in stale)
        if not target_path.exists():
            if stale:
                old = stale[0].read_text(encoding="utf-8")
                results.append(Result(name, stale[0], "mismatch", diff=_diff(old, actual, stale[0]),
                                      message=f"expected {stale[0].name}, but agx gives {target_path.name}"))
            else:
                results.append(Result(name, target_path, "missing",
                                      message="no expected file (run `agx golden --update` to create it)"))
            continue
        expected = target_path.read_text(encoding="utf-8")
        if expected == actual:
            results.append(Result(name, target_path, "ok"))
        else:
            results.append(Result(name, target_path, "mismatch", diff=_diff(expected, actual, target_path)))
    return results


def orphan_results(folder: Path) -> List[Result]:
    return [Result(folder.name, p, "orphaned", message="expected file without an input.py next to it")
            for p in sorted(folder.iterdir()) if p.name.startswith("expected_")]


def run(paths: List[Path], update: bool = False) -> List[Result]:
    cases, orphans = find_cases(paths)
    results = []
    for case in cases:
        results.extend(check_case(case, update))
    for folder in orphans:
        results.extend(orphan_results(folder))
    return results


def summary(results: List[Result], ncases: int) -> str:
    counts = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    parts = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    return f"{ncases} case{'s' if ncases != 1 else ''}, {len(results)} files: {parts or 'nothing checked'}"


def command(paths: List[str], update: bool = False, cfg=None) -> int:
    """`agx golden`: diffs on stdout, one line per problem and a summary on stderr; exit code."""
    import click
    if update and in_ci():
        click.echo("agx golden: refusing to --update expected files in CI (CI is set)", err=True)
        return 2
    roots = [Path(p) for p in paths] or [Path("golden") if Path("golden").is_dir() else DEFAULT_ROOT]
    try:
        cases, orphans = find_cases(roots)
    except FileNotFoundError as exc:
        click.echo(f"agx golden: no such file or directory: {exc}", err=True)
        return 2
    if cfg is not None and cfg.exclude:  # [tool.agx] exclude: case folders to skip
        from .config import excluded
        cases = [c for c in cases if not excluded(str(c), cfg)]
    if not cases and not orphans:
        click.echo(f"agx golden: no golden cases (folders with {INPUT}) under {', '.join(map(str, roots))}",
                   err=True)
        return 2
    results = []
    for case in cases:
        results.extend(check_case(case, update))
    for folder in orphans:
        results.extend(orphan_results(folder))
    for r in results:
        if r.diff:
            click.echo(r.diff, nl=not r.diff.endswith("\n"))
        if r.status != "ok":
            click.echo(f"{r.status}: {_shown(r.path)}{': ' + r.message if r.message else ''}", err=True)
    click.echo(summary(results, len(cases)), err=True)
    return 1 if any(r.failed for r in results) else 0


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
