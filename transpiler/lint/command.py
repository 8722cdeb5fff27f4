"""`agx lint PATH...`: explain's findings, one line each; returns an exit code.

0 nothing reported; 1 findings reported; 2 usage error (unknown code in --select/--ignore, bad
configuration, no input, unreadable file). Static: never imports TensorFlow or runs the input.
"""
from __future__ import annotations

import sys
from typing import List, Optional, Sequence

import click

from ..tools.config import Config, filter_inputs
from ..tools.files import read_source
from ..tools.parallel import captured, ordered_map
from ..tools.walk import expand
from . import formats, noqa, rules
from .select import Selection, SelectionError, check_codes, split_codes

OK, FAILED, USAGE = 0, 1, 2


def lint_text(text: str, filename: str, selection: Optional[Selection] = None,
              functions="decorated", report_unused: bool = False) -> List[rules.LintFinding]:
    """The findings of one file's text after --select/--ignore and `# noqa`."""
    selection = selection or Selection()
    found, comments = rules.findings(text, filename, functions, need_comments=report_unused)
    found = [f for f in found if selection.enabled(f.code, filename)]
    return noqa.apply(found, comments, text.splitlines(), report_unused, filename,
                      enabled=lambda code: selection.enabled(code, filename))


def _lint_item(item):
    """Worker: (findings, unreadable-file diagnostic or None, stderr text)."""
    path, text, selection, functions, report_unused = item
    if text is None:
        text, err = read_source(path)
        if err is not None:
            return [], err, ""
    found, out = captured(lint_text, text, path, selection, functions, report_unused)
    return found, None, out


def _functions(value: str):
    from ..tools.commands import functions_arg
    return functions_arg(value)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _summary(n: int, files: int, unreadable: int) -> str:
    if unreadable:
        return f"Found {_plural(n, 'finding')} in {_plural(files, 'file')}; {_plural(unreadable, 'file')} not read."
    if n:
        return f"Found {_plural(n, 'finding')} in {_plural(files, 'file')}."
    return f"All checks passed ({_plural(files, 'file')})."


def command(paths: Sequence[str], *, cfg: Config, select=None, ignore=None,
            fmt: str = "text", statistics: bool = False, report_unused: bool = False,
            functions: Optional[str] = None, jobs: Optional[int] = None,
            stdin_filename: Optional[str] = None, version: str = "0") -> int:
    try:
        where = f"{cfg.path}: [tool.agx] " if cfg.path else ""
        check_codes(split_codes(cfg.select or []), f"{where}select")
        check_codes(split_codes(cfg.ignore or []), f"{where}ignore")
        for pattern, codes in cfg.per_file_ignores.items():
            check_codes(split_codes(codes), f"{where}per-file-ignores `{pattern}`")
        layers = [(None if cfg.select is None else split_codes(cfg.select), split_codes(cfg.ignore or [])),
                  (split_codes(select) if select else None, split_codes(ignore or []))]
        selection = Selection(layers, cfg.per_file_ignores, cfg.base)
    except SelectionError as exc:
        click.echo(f"agx lint: {exc}", err=True)
        return USAGE
    inputs = filter_inputs(expand(list(paths)), cfg)
    if not inputs:
        click.echo("agx lint: no Python files found", err=True)
        return USAGE
    fn_spec = _functions(cfg.pick(functions, "functions", "decorated"))
    items = []
    for path, _root in inputs:
        text = sys.stdin.read() if path == "-" else None
        name = (stdin_filename or "<stdin>") if path == "-" else path
        items.append((name, text, selection, fn_spec, report_unused))
    found, status, files = [], OK, 0
    names = [i[0] for i in items]
    for (part, err, out) in ordered_map(_lint_item, items, jobs, names):
        if out:
            click.echo(out, err=True, nl=False)
        if err is not None:
            click.echo(err.render(), err=True)
            status = USAGE
            continue
        files += 1
        found.extend(part)
    if statistics:
        click.echo(formats.statistics(found, fmt), nl=False)
    else:
        click.echo(formats.render(found, fmt, version), nl=False)
    if fmt == "text":
        click.echo(_summary(len(found), files, len(items) - files), err=True)
    if status == USAGE:
        return USAGE
    return FAILED if found else OK
