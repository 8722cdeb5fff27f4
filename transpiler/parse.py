"""Source text -> gast module, plus what gast forgets: comments and the `tf` alias.

Before: a file's text (or a live function/class object).
After:  a ``ParsedModule`` with the gast tree (source locations kept), the raw lines,
        the comments by line, and how the file spells TensorFlow.
"""
from __future__ import annotations

import ast
import dataclasses
import inspect
import io
import textwrap
import tokenize
from typing import Dict, List, Optional, Set

import gast

from .diagnostics import DiagnosticSink
from .ground.convert import ast_to_gast
from .ground.tfapi import TFNames
from .ground.lines import split_lines


@dataclasses.dataclass
class ParsedModule:
    source: str
    filename: str
    tree: gast.Module
    lines: List[str]
    comments: Dict[int, str]  # line -> comment text (with the leading '#')
    own_line_comments: Set[int]  # lines holding only a comment
    tf: TFNames
    string_lines: Set[int] = dataclasses.field(default_factory=set)  # lines that begin inside a string


def unwrap(obj):
    """The Python function inside a `tf.function` object (its `.python_function`), else `obj`."""
    inner = getattr(obj, "python_function", None)
    return inner if callable(inner) and not isinstance(obj, type) else obj


def object_tf_names(obj, names: TFNames) -> None:
    """Add to `names` how `obj`'s module spells TensorFlow (its globals), for extracted source
    that has no `import tensorflow` of its own. Reads the names only: imports nothing."""
    import sys
    scope = getattr(unwrap(obj), "__globals__", None)
    if scope is None:
        scope = vars(sys.modules.get(getattr(obj, "__module__", None) or "", object))
    for name, value in list(scope.items()):
        if type(value).__name__ == "module" and getattr(value, "__name__", "") in ("tensorflow", "tensorflow.compat.v2"):
            names.modules.add(name)
        elif getattr(value, "__name__", None) == "function" and \
                (getattr(value, "__module__", None) or "").startswith("tensorflow"):
            names.function_names.add(name)


def source_of(obj) -> str:
    """The source of a function or class object (or a tf.function's), dedented (for notebooks)."""
    obj = unwrap(obj)
    try:
        return textwrap.dedent(inspect.getsource(obj))
    except (OSError, TypeError) as exc:
        raise ValueError(f"cannot read the source of {obj!r}: {exc}") from None


def _comments(source: str):
    """Comments by line, the lines holding only a comment, and the lines that begin inside
    a multi-line string (their text must never be re-indented)."""
    comments, own, strings = {}, set(), set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0]] = tok.string
                if not tok.line[: tok.start[1]].strip():
                    own.add(tok.start[0])
            elif tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
                strings.update(range(tok.start[0] + 1, tok.end[0] + 1))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return comments, own, strings


def find_tf_names(tree) -> TFNames:
    from .ground.syntax import nodes  # the analysed tree's nodes, read by later passes too
    names = TFNames()
    for node in nodes(tree):
        if isinstance(node, gast.Import):
            for alias in node.names:
                if alias.name == "tensorflow":
                    names.modules.add(alias.asname or "tensorflow")
        elif isinstance(node, gast.ImportFrom) and node.module in ("tensorflow", "tensorflow.compat.v2"):
            for alias in node.names:
                if alias.name == "function":
                    names.function_names.add(alias.asname or "function")
    return names


def parse(source: str, filename: str, sink: DiagnosticSink) -> Optional[ParsedModule]:
    """Parse, or record AGX001 with the parser's own line and column and return None."""
    try:
        tree = ast.parse(source, filename=filename, type_comments=False)
    except SyntaxError as exc:
        sink.error("AGX001", f"syntax error: {exc.msg}", line=exc.lineno or 1,
                   col=max((exc.offset or 1) - 1, 0))
        return None
    except RecursionError:  # deeper than agx's recursion limit: AGX109 (deep.stack)
        raise
    except MemoryError:  # CPython's own parser gives up, with no message (python cannot run it either)
        sink.error("AGX001", "cannot parse: nested too deeply for Python's own parser", line=0, col=0,
                   help="split the expression into smaller parts (python cannot run this file either)")
        return None
    except ValueError as exc:
        sink.error("AGX001", f"cannot parse: {exc}", line=1, col=0)
        return None
    from .safety import input_error
    refused = input_error(source, tree, filename)
    if refused is not None:  # parses, but CPython would not compile it
        sink.error("AGX001", f"syntax error: {refused[0]}", line=refused[1], col=refused[2])
        return None
    gtree = ast_to_gast(tree)
    comments, own, strings = _comments(source)
    return ParsedModule(source, filename, gtree, split_lines(source), comments, own, find_tf_names(gtree),
                        strings)
