"""agx command line: a thin click layer over `transpiler` (no logic lives here).

Exit codes: 0 success; 1 conversion errors, or --check/--diff found changes; 2 usage error
or unreadable input. Diagnostics go to stderr; a traceback is never shown for bad input.
"""
from __future__ import annotations

import os
import sys

import click

from transpiler.tools import commands
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
@click.option("--target", type=click.Choice(["tf2", "tf1"]), default="tf2", show_default=True)
@click.option("--functions", default="decorated", show_default=True,
              help="decorated | all | NAME,NAME (Class.method for methods).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the code.")
@click.option("--check", is_flag=True, help="Exit 1 if conversion would change a file; write nothing.")
@click.option("--color/--no-color", default=None, help="Colour diagnostics (default: on a terminal, unless NO_COLOR).")
@click.option("--max-size", default="100M", show_default=True, metavar="SIZE",
              help="Refuse inputs larger than SIZE (e.g. 500K, 1G; 0: no limit).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip matching files/directories in walked trees (replaces the defaults; repeatable).")
@click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Skip these as well as the defaults.")
@click.option("--respect-gitignore/--no-respect-gitignore", "gitignore", default=True, show_default=True,
              help="Skip what .gitignore files ignore in walked trees.")
@click.option("--assume", "assume", multiple=True, metavar="F:P=KIND",
              help="Override a parameter's kind, e.g. 'f:n=python,x=tensor' (kinds: tensor, python, "
                   "container, callable, dataset, iterator, unknown; repeatable).")
def convert(paths, output, in_place, target, functions, show_diff, check, color, max_size, exclude,
            extend_exclude, gitignore, assume):
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
    sys.exit(commands.convert(list(paths), output=output, in_place=in_place, target=target,
                              functions=functions, show_diff=show_diff, check=check,
                              color=_color(color), max_bytes=max_bytes,
                              exclude=list(exclude) or None, extend_exclude=list(extend_exclude),
                              gitignore=gitignore, assume=_assume(assume)))


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--update", is_flag=True, help="Rewrite the expected files from agx's output (refused when CI is set).")
def golden(paths, update):
    """Convert every golden case (default: golden/) and compare with its expected files."""
    from transpiler.tools import golden as golden_runner
    sys.exit(golden_runner.command(list(paths), update=update))


@main.command()
@click.argument("file")
@click.option("--functions", default="decorated", show_default=True,
              help="decorated | all | NAME,NAME (Class.method for methods).")
@click.option("--args", "args", multiple=True, metavar="EXPR",
              help="An argument tuple, evaluated with tf and np in scope; repeat for more inputs.")
@click.option("--show-output", is_flag=True, help="Let the program's own prints through.")
def check(file, functions, args, show_output):
    """Run FILE's functions eagerly, under AutoGraph and as agx output; compare values and graphs."""
    from transpiler.tools import check as checker
    sys.exit(checker.command(file, functions=functions, args=list(args), show_output=show_output))


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
def explain(target, fmt, calls, run, compare, graph, color, assume):
    """Explain what tracing does to TARGET: FILE.py::name, FILE.py::Class.method, FILE.py, pkg.module:name or -."""
    from transpiler.explain import explain as explain_command
    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.exit(explain_command(target, fmt=fmt, calls=list(calls), run=run, compare=compare, graph=graph,
                             color=color, assume=_assume(assume)))


def _assume(values):
    """--assume values -> {function: {param: kind}}; a usage error when malformed."""
    from transpiler.analysis.kinds import parse_assume
    try:
        return parse_assume(";".join(values)) or None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--assume") from None


if __name__ == "__main__":
    main()
