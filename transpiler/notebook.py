"""IPython extension (`%load_ext transpiler`): agx in notebooks.

    %agx_convert fn [--target tf1]                     the converted code of `fn` (a function,
                                                       a method `Model.call`, or a tf.function)
    %agx_explain fn [--calls ARGS]...                  `agx explain` of `fn` (static), as text
    %%agx [--target tf1] [--functions all] [--exec]    convert the cell's code; --exec also runs
                                                       the converted code in the notebook

Code is shown syntax-highlighted (pygments HTML) where the front end renders HTML, as text
otherwise. Sources come from the notebook's own cells (inspect); the TensorFlow alias is
taken from the function's globals. Conversion is static: nothing is executed but --exec.
"""
from __future__ import annotations

import contextlib
import inspect
import io
import sys
import textwrap
import types
from typing import List, Optional, Tuple

from .api import transpile
from .diagnostics import TranspileError

CELL = "<cell>"


class Code:
    """Python source with an HTML (highlighted) and a text representation."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.text)

    def _repr_html_(self) -> str:
        try:
            from pygments import highlight
            from pygments.formatters import HtmlFormatter
            from pygments.lexers import PythonLexer
        except ImportError:  # pygments comes with IPython; plain <pre> otherwise
            import html
            return f"<pre>{html.escape(self.text)}</pre>"
        return highlight(self.text, PythonLexer(), HtmlFormatter(noclasses=True))


def _tf_aliases(namespace: dict) -> List[str]:
    return sorted(k for k, v in namespace.items()
                  if isinstance(v, types.ModuleType) and v.__name__ == "tensorflow" and k.isidentifier())


def _unwrap(obj):
    """The Python function behind a tf.function object or a bound method."""
    obj = getattr(obj, "python_function", obj)
    return getattr(obj, "__func__", obj)


def function_source(expr: str, namespace: dict) -> Tuple[str, str, str]:
    """(module text, the import lines appended to it, name) for `fn` or `Class.method`, with
    the line numbers of its cell. The appended `import tensorflow as ALIAS` lines (the aliases
    bound in the function's globals) let a function whose cell has no import convert; they
    are stripped from the output again."""
    try:
        obj = eval(expr, namespace)  # a name or dotted attribute the user typed
    except Exception as exc:
        raise ValueError(f"`{expr}` is not defined in the notebook ({type(exc).__name__}: {exc})") from None
    fn = _unwrap(obj)
    if not inspect.isfunction(fn):
        raise ValueError(f"`{expr}` is a {type(obj).__name__}, not a function or tf.function")
    try:
        lines, start = inspect.getsourcelines(fn)
    except (OSError, TypeError) as exc:
        raise ValueError(f"cannot read the source of `{expr}`: {exc}") from None
    body = textwrap.dedent("".join(lines))
    added = _imports(_tf_aliases(getattr(fn, "__globals__", namespace)) or ["tf"])
    return "\n" * (max(start, 1) - 1) + body + added, added, fn.__name__


def _imports(aliases: List[str]) -> str:
    return "".join(f"import tensorflow as {a}\n" for a in aliases)


def _strip(converted: str, added: str) -> str:
    if added and converted.endswith(added):
        converted = converted[: -len(added)]
    return converted.strip("\n") + "\n"


def _convert(text: str, added: str, target: str, functions) -> Optional[Code]:
    try:
        out = transpile(text, target=target, functions=functions, filename=CELL, strict=True)  # show why, in the cell
    except TranspileError as exc:
        print(exc.render(color=False), file=sys.stderr)
        return None
    return Code(_strip(out, added))


def _functions(value: Optional[str]):
    from .tools.commands import functions_arg
    return functions_arg(value or "decorated")


def load_ipython_extension(ipython) -> None:
    from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
    from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

    @magics_class
    class AgxMagics(Magics):
        @magic_arguments()
        @argument("function", help="a function, Class.method or tf.function of the notebook")
        @argument("--target", default="tf2", choices=["tf2", "tf1"])
        @line_magic
        def agx_convert(self, line):
            """Show agx's conversion of a function defined in the notebook."""
            args, found = self._source(self.agx_convert, line)
            if found is None:
                return None
            text, added, name = found
            return _convert(text, added, args.target, [name])

        def _source(self, magic, line):
            """The magic's parsed arguments, and (text, added, name) of the notebook function
            they name (None after saying why)."""
            args = parse_argstring(magic, line)
            try:
                return args, function_source(args.function, self.shell.user_ns)
            except ValueError as exc:
                print(f"agx: {exc}", file=sys.stderr)
                return args, None

        @magic_arguments()
        @argument("function", help="a function, Class.method or tf.function of the notebook")
        @argument("--calls", action="append", default=[], metavar="ARGS",
                  help="a call's argument list, e.g. 'tf.constant(1), 2'; repeat for a sequence of calls")
        @line_magic
        def agx_explain(self, line):
            """Print `agx explain` for a function defined in the notebook (static)."""
            args, found = self._source(self.agx_explain, line)
            if found is None:
                return None
            print(explain_text(found[0], found[2], [_unquote(c) for c in args.calls]), end="")

        @magic_arguments()
        @argument("--target", default="tf2", choices=["tf2", "tf1"])
        @argument("--functions", default=None, help="decorated | all | NAME,NAME")
        @argument("--exec", dest="execute", action="store_true", help="also run the converted code")
        @cell_magic
        def agx(self, line, cell):
            """Convert the cell's code and show it (with --exec, run it too)."""
            args = parse_argstring(self.agx, line)
            aliases = _tf_aliases(self.shell.user_ns) or ["tf"]
            added = "" if "import tensorflow" in cell else _imports(aliases)
            # a blank first line stands for the `%%agx` line: line numbers are the cell's
            code = _convert("\n" + cell.rstrip("\n") + "\n" + added, added, args.target,
                            _functions(args.functions))
            if code is not None and args.execute:
                self.shell.ex(code.text)
            return code

    ipython.register_magics(AgxMagics)


def _unquote(arg: str) -> str:
    """IPython keeps the quotes of `--calls 'tf.constant(1), 2'`: drop one matching pair."""
    if len(arg) >= 2 and arg[0] == arg[-1] and arg[0] in "'\"":
        return arg[1:-1]
    return arg


def explain_text(text: str, name: str, calls: List[str]) -> str:
    """What `agx explain <cell>::name [--calls ...]` prints (no colour)."""
    from .explain import explain
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        explain(f"-::{name}", calls=calls, stdin_text=text, color=False)
    return (out.getvalue() + err.getvalue()).replace("<stdin>:", f"{CELL}:")
