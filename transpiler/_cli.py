"""agx command line: a thin click layer over `transpiler` (no logic lives here).

Installed inside the package (the `agx` script, `python -m transpiler`); the repository's
root cli.py re-exports `main` (`python -m cli` from a checkout).

Exit codes: 0 success (functions agx refused are kept as written, with warnings); 1
conversion errors (with --strict: any refusal), or --check/--diff found changes; 2 usage
error or unreadable input. Diagnostics go to stderr; a traceback is never shown for bad input.
"""
from __future__ import annotations

import os
import sys

import click

from transpiler.tools import commands, config
from transpiler.tools.files import parse_size


def _color(flag):
    if flag is not None:
        return flag
    return sys.stderr.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="agx", prog_name="agx")
def main():
    """agx: ahead-of-time AutoGraph. Python control flow on Tensors -> readable graph code."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(), help="Write to FILE, or mirror the input tree into DIR.")
@click.option("-i", "--in-place", is_flag=True, help="Rewrite the input files.")
@click.option("--target", type=click.Choice(["tf2", "tf1"]), default=None, help="[default: tf2]")
@click.option("--functions", default=None,
              help="decorated | all | NAME,NAME (Class.method for methods).  [default: decorated]")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the code.")
@click.option("--check", is_flag=True, help="Exit 1 if conversion would change a file; write nothing.")
@click.option("--color/--no-color", default=None, help="Colour diagnostics (default: on a terminal, unless NO_COLOR).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Processes for a directory (default: CPU count).")
@click.option("--config", "config_file", type=click.Path(), help="Read [tool.agx] from this file.")
@click.option("--assume", "assume", multiple=True, metavar="F:P=KIND",
              help="Override a parameter's kind, e.g. 'f:n=python,x=tensor' (kinds: tensor, python, "
                   "container, callable, dataset, iterator, unknown; repeatable).")
@click.option("--strict", is_flag=True,
              help="A function agx refuses is an error (exit 1, nothing written), not kept as written.")
@click.option("--fast", is_flag=True, help="Skip the safety net's stability check (converting the output again).")
@click.option("--max-size", default="100M", show_default=True, metavar="SIZE",
              help="Refuse inputs larger than SIZE (e.g. 500K, 1G; 0: no limit).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip matching files/directories in walked trees (replaces the defaults; repeatable).")
@click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Skip these as well as the defaults.")
@click.option("--respect-gitignore/--no-respect-gitignore", "gitignore", default=True, show_default=True,
              help="Skip what .gitignore files ignore in walked trees.")
def convert(paths, output, in_place, target, functions, show_diff, check, color, jobs, config_file, assume,
            strict, fast, max_size,
            exclude, extend_exclude, gitignore):
    """Convert FILE.py, a directory, or - (stdin) and print the result."""
    if output == "":
        raise click.BadParameter("needs a file or directory name", param_hint="--output")
    if in_place and output:
        raise click.UsageError("--in-place and --output cannot be used together")
    if in_place and "-" in paths:
        raise click.UsageError("--in-place cannot rewrite stdin")
    if (check or show_diff) and (output or in_place):
        raise click.UsageError(f"{'--check' if check else '--diff'} writes nothing: it cannot be used with "
                               f"{'--output' if output else '--in-place'}")
    try:
        max_bytes = parse_size(max_size)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--max-size") from None
    cfg = config.load_or_exit(paths, config_file)
    sys.exit(commands.convert(list(paths), output=output, in_place=in_place,
                              target=cfg.pick(target, "target", "tf2"),
                              functions=cfg.pick(functions, "functions", "decorated"), show_diff=show_diff,
                              check=check, color=_color(color), jobs=jobs, cfg=cfg,
                              max_bytes=max_bytes, exclude=list(exclude) or None,
                              extend_exclude=list(extend_exclude), gitignore=gitignore, fast=fast, strict=strict,
                              assume=_assume(assume)))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--update", is_flag=True, help="Rewrite the expected files from agx's output (refused when CI is set).")
@click.option("--config", "config_file", type=click.Path(), help="Read [tool.agx] from this file.")
def golden(paths, update, config_file):
    """Convert every golden case (default: golden/) and compare with its expected files."""
    from transpiler.tools import golden as golden_runner
    cfg = config.load_or_exit(paths, config_file)
    sys.exit(golden_runner.command(list(paths), update=update, cfg=cfg))


@main.command()
@click.argument("file")
@click.option("--functions", default="decorated", show_default=True,
              help="decorated | all | NAME,NAME (Class.method for methods).")
@click.option("--args", "args", multiple=True, metavar="EXPR",
              help="An argument tuple, evaluated with tf and np in scope ('f=(1, 2)': for f only); repeat for more inputs.")
@click.option("--init", "init", multiple=True, metavar="EXPR",
              help="How to build the instance for a class's methods, e.g. 'Model(3)' (default: Model()).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds allowed per call.")
@click.option("--show-output", is_flag=True, help="Let the program's own prints through.")
def check(file, functions, args, init, timeout, show_output):
    """Run FILE's functions eagerly, under AutoGraph and as agx output; compare values and graphs."""
    from transpiler.tools import check as checker
    sys.exit(checker.command(file, functions=functions, args=list(args), show_output=show_output,
                             init=list(init), timeout=timeout))


@main.command()
@click.argument("target")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--calls", multiple=True, metavar="ARGS",
              help="A call's argument list, e.g. 'tf.constant(1), 2'; repeat for a sequence of calls.")
@click.option("--run", is_flag=True, help="Import the module (executes it) and make the calls: observed vs predicted.")
@click.option("--compare-autograph", "compare", is_flag=True,
              help="Show the original, agx's output and tf.autograph.to_code (imports the module).")
@click.option("--graph", "graph", metavar="LOGDIR", help="With --run: write the traced graph to a TensorBoard log.")
@click.option("--color/--no-color", default=None, help="Colour the report (default: on a terminal, unless NO_COLOR).")
@click.option("--assume", "assume", multiple=True, metavar="F:P=KIND",
              help="Override a parameter's kind, e.g. 'f:n=python,x=tensor' (kinds: tensor, python, "
                   "container, callable, dataset, iterator, unknown; repeatable).")
@click.option("--config", "config_file", type=click.Path(), help="Read [tool.agx] from this file.")
def explain(target, fmt, calls, run, compare, graph, color, assume, config_file):
    """Explain what tracing does to TARGET: FILE.py::name, FILE.py::Class.method, FILE.py, pkg.module:name or -."""
    from transpiler.explain import explain as explain_command
    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    cfg = config.load_or_exit([target], config_file)
    with config.line_length(cfg.line_length):
        sys.exit(explain_command(target, fmt=fmt, calls=list(calls), run=run, compare=compare, graph=graph,
                                 color=color, functions=cfg.pick(None, "functions", "decorated"),
                                 assume=_assume(assume)))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--select", multiple=True, metavar="CODES", help="Report only these codes or prefixes (AGX401,AGX4; ALL).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Leave out these codes or prefixes.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True)
@click.option("--statistics", is_flag=True, help="Count findings per code instead of listing them.")
@click.option("--report-unused-noqa", "report_unused", is_flag=True,
              help="Report `# noqa` comments that suppress nothing (AGX090) or name unknown codes (AGX091).")
@click.option("--functions", default=None, help="decorated | all | NAME,NAME  [default: decorated]")
@click.option("--stdin-filename", default=None, help="The name to report for - (stdin).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Processes for a directory (default: CPU count).")
@click.option("--config", "config_file", type=click.Path(), help="Read [tool.agx] from this file.")
def lint(paths, select, ignore, fmt, statistics, report_unused, functions, stdin_filename, jobs, config_file):
    """Report agx explain's findings for FILE.py, a directory or - : one line each (exit 1 if any)."""
    from transpiler.lint import command as lint_command
    cfg = config.load_or_exit(paths, config_file)
    sys.exit(lint_command(list(paths), cfg=cfg, select=select, ignore=ignore, fmt=fmt, statistics=statistics,
                          report_unused=report_unused, functions=functions, jobs=jobs,
                          stdin_filename=stdin_filename, version=_version()))


def _version():
    from transpiler import __version__
    return __version__



def _assume(values):
    """--assume values -> {function: {param: kind}}; a usage error when malformed."""
    from transpiler.analysis.kinds import parse_assume
    try:
        return parse_assume(";".join(values)) or None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--assume") from None

if __name__ == "__main__":
    main(prog_name="agx")
