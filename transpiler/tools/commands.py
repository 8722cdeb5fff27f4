"""What the CLI commands do, as plain functions returning an exit code (cli.py stays thin)."""
from __future__ import annotations

import difflib
import io
import os
import sys
from pathlib import Path
from typing import List, Optional

import click

from ..api import convert as convert_source
from ..diagnostics import Diagnostic, TranspileError
from ..ground.lines import split_lines
from ..keep import NOTICES
from .config import filter_inputs
from .files import MAX_BYTES, read_source, read_stdin, reason, write_diagnostic
from .parallel import captured, ordered_map
from .walk import Walker, expand

OK, FAILED, USAGE = 0, 1, 2


def functions_arg(value: str):
    return value if value in ("decorated", "all") else [v.strip() for v in value.split(",") if v.strip()]


def report(diagnostics: List[Diagnostic], source: Optional[str], color: bool) -> None:
    lines = split_lines(source) if source else None
    for d in diagnostics:
        click.echo(d.render(lines, color), err=True, color=color)
    n = sum(d.severity == "error" for d in diagnostics)
    if n:
        click.echo(f"{n} error{'s' if n != 1 else ''}", err=True)
    elif diagnostics:
        kept = [d for d in diagnostics if d.code not in NOTICES]
        if kept:
            click.echo(f"{len(kept)} warning{'s' if len(kept) != 1 else ''}: refused code kept as "
                       "written (--strict makes them errors)", err=True)
        if len(kept) < len(diagnostics):
            n = len(diagnostics) - len(kept)
            click.echo(f"{n} warning{'s' if n != 1 else ''}: traced code agx cannot see (AGX113)", err=True)


def convert_one(text: str, filename: str, target: str, functions, color: bool, fast: bool = False,
                strict: bool = False, assume=None):
    """(output or None, status); the warnings for functions kept as written are reported here."""
    try:
        result = convert_source(text, target=target, functions=functions_arg(functions), filename=filename,
                                strict=strict, fast=fast, assume=assume)
        if result.warnings:
            report(result.warnings, text, color)
        return result.code, OK
    except TranspileError as exc:
        report(exc.diagnostics, exc.source or text, color)
        return None, USAGE if any(d.code == "AGX002" for d in exc.diagnostics) else FAILED
    except RecursionError:
        report([Diagnostic("AGX109", "input nested too deeply to convert", filename, 1, 0)], text, color)
        return None, FAILED
    except Exception as exc:  # an agx bug must still not greet the user with a traceback
        report([Diagnostic("AGX000", f"internal error: {type(exc).__name__}: {exc}", filename, 1, 0,
                           help="this is a bug in agx; please report it with the input file")], text, color)
        return None, FAILED


def _destinations(inputs, output, in_place) -> Optional[list]:
    """Where each input goes: a Path, or None for stdout (or unchanged -i). Usage errors raised."""
    many = len(inputs) > 1 or any(root is not None for _, root in inputs)
    if in_place or not output:
        return [None] * len(inputs)
    to_dir = many or output.endswith(("/", os.sep)) or os.path.isdir(output)
    if not to_dir:
        return [Path(output)]
    if os.path.lexists(output) and not os.path.isdir(output):
        why = "several inputs need a directory" if many else "a trailing / means a directory"
        raise click.UsageError(f"-o {output}: {why}, and this is an existing file")
    if any(path == "-" for path, _ in inputs):
        raise click.UsageError(f"-o {output} is a directory: stdin has no file name to mirror; use -o FILE")
    dests, seen = [], {}
    for path, root in inputs:
        rel = Path(path).relative_to(root) if root is not None else Path(Path(path).name)
        dest = Path(output) / rel
        key = os.path.normcase(os.path.abspath(dest))
        if key in seen:
            raise click.UsageError(f"{seen[key]} and {path} would both be written to {dest}")
        seen[key] = path
        dests.append(dest)
    return dests


def _echo_stdout(text: str) -> Optional[Diagnostic]:
    """Code to stdout; a write failure is AGX007. A closed pipe (`| head`) is left to click,
    which ends quietly with status 1."""
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        return Diagnostic("AGX007", f"cannot write: {reason(exc, '<stdout>')}", "<stdout>", 0, 0)
    return None


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _read(path: str, max_bytes: int):
    if path == "-":
        return read_stdin(max_bytes) + ("<stdin>",)
    return read_source(path, max_bytes) + (path,)


def _convert_item(item):
    """Worker for -j: (text, unreadable-file diagnostic, filename, output or None, status, stderr)."""
    path, text, target, functions, color, max_bytes, fast, strict, assume = item
    if text is None:
        text, err, filename = _read(path, max_bytes)
    else:  # stdin, read by the parent
        text, err, filename = text
    if err is not None:
        return text, err, filename, None, USAGE, ""
    (result, code), out = captured(convert_one, text, filename, target, functions, color, fast, strict, assume)
    return text, None, filename, result, code, out


def _plan(paths, output, in_place, functions, color, exclude, extend_exclude, gitignore, cfg=None):
    """(inputs, their destinations, status so far); usage errors raised before anything is read."""
    if functions_arg(functions) == []:
        raise click.UsageError("--functions needs `decorated`, `all` or at least one NAME")
    walker = Walker(exclude, extend_exclude, gitignore, [Path(output)] if output and not in_place else [])
    inputs = expand(paths, walker)
    if cfg is not None:
        inputs = filter_inputs(inputs, cfg)
    for s in walker.skipped:
        click.echo(f"agx: skipped {s.path} ({s.why})", err=True)
    if walker.errors:
        report(walker.errors, None, color)
    if not inputs:
        click.echo("agx: no Python files found", err=True)
        return [], [], USAGE
    return inputs, _destinations(inputs, output, in_place), USAGE if walker.errors else OK


def convert(paths: List[str], *, output, in_place, target, functions, show_diff, check, color,
            max_bytes: int = MAX_BYTES, exclude=None, extend_exclude=(), gitignore: bool = True,
            jobs=None, cfg=None, fast: bool = False, strict: bool = False,
            assume=None) -> int:
    inputs, dests, status = _plan(paths, output, in_place, functions, color, exclude, extend_exclude, gitignore,
                                  cfg)
    many = len(inputs) > 1 or any(root is not None for _, root in inputs)
    items = [(p, _read(p, max_bytes) if p == "-" else None, target, functions, color, max_bytes, fast, strict,
              assume) for p, _ in inputs]
    done = ordered_map(_convert_item, items, jobs, [p for p, _ in inputs])
    for (path, root), dest, (text, err, filename, result, code, out) in zip(inputs, dests, done):
        click.echo(out, err=True, nl=False, color=color)
        if err is not None:
            report([err], None, color)
            status = max(status, USAGE)
            continue
        if result is None:
            status = max(status, code)
            continue
        changed = result != text
        if check or show_diff:
            if show_diff and changed:
                err = _echo_stdout("".join(difflib.unified_diff(
                    text.splitlines(keepends=True), result.splitlines(keepends=True),
                    f"a/{filename}", f"b/{filename}")))
            if changed:
                if check:
                    click.echo(f"would convert {filename}", err=True)
                status = max(status, FAILED)
        elif in_place:
            if changed:
                err = write_diagnostic(path, result, regular_only=True)
        elif dest is not None:
            err = write_diagnostic(dest, result)
        else:
            err = _echo_stdout((f"# ==> {filename} <==\n" if many else "") + result)
        if err is not None:  # the output could not be written (AGX007)
            report([err], None, color)
            status = max(status, USAGE)
    return status
