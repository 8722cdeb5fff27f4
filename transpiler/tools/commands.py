"""What the CLI commands do, as plain functions returning an exit code (cli.py stays thin)."""
from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import List, Optional

import click

from ..api import transpile
from ..diagnostics import Diagnostic, TranspileError
from ..lines import split_lines
from .files import atomic_write, expand, read_source

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


def convert_one(text: str, filename: str, target: str, functions, color: bool, fast: bool = False):
    """(output or None, status)."""
    try:
        return transpile(text, target=target, functions=functions_arg(functions), filename=filename,
                         fast=fast), OK
    except TranspileError as exc:
        report(exc.diagnostics, exc.source or text, color)
        return None, FAILED
    except RecursionError:
        report([Diagnostic("AGX109", "input nested too deeply to convert", filename, 1, 0)], text, color)
        return None, FAILED
    except Exception as exc:  # an agx bug must still not greet the user with a traceback
        report([Diagnostic("AGX000", f"internal error: {type(exc).__name__}: {exc}", filename, 1, 0,
                           help="this is a bug in agx; please report it with the input file")], text, color)
        return None, FAILED


def convert(paths: List[str], *, output, in_place, target, functions, show_diff, check, color,
            fast: bool = False) -> int:
    inputs = expand(paths)
    if not inputs:
        click.echo("agx: no Python files found", err=True)
        return USAGE
    many = len(inputs) > 1 or any(root is not None for _, root in inputs)
    out_dir = Path(output) if output and (many or Path(output).is_dir()) else None
    status = OK
    for path, root in inputs:
        if path == "-":
            text, err, filename = sys.stdin.read(), None, "<stdin>"
        else:
            (text, err), filename = read_source(path), path
        if err is not None:
            report([err], None, color)
            status = max(status, USAGE)
            continue
        result, code = convert_one(text, filename, target, functions, color, fast)
        if result is None:
            status = max(status, code)
            continue
        changed = result != text
        if check or show_diff:
            if show_diff and changed:
                click.echo("".join(difflib.unified_diff(
                    text.splitlines(keepends=True), result.splitlines(keepends=True),
                    f"a/{filename}", f"b/{filename}")), nl=False)
            if changed:
                if check:
                    click.echo(f"would convert {filename}", err=True)
                status = max(status, FAILED)
            continue
        if in_place:
            if changed:
                atomic_write(Path(path), result)
        elif out_dir is not None:
            rel = Path(path).relative_to(root) if root is not None else Path(Path(path).name)
            atomic_write(out_dir / rel, result)
        elif output:
            atomic_write(Path(output), result)
        else:
            if many:
                click.echo(f"# ==> {filename} <==")
            click.echo(result, nl=False)
    return status
