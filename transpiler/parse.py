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
from .lines import split_lines


@dataclasses.dataclass
class TFNames:
    """How a module refers to TensorFlow: `import tensorflow as tf2` -> modules={'tf2'}."""
    modules: Set[str] = dataclasses.field(default_factory=set)
    function_names: Set[str] = dataclasses.field(default_factory=set)  # from tensorflow import function

    @property
    def alias(self) -> str:
        return "tf" if "tf" in self.modules or not self.modules else sorted(self.modules)[0]


@dataclasses.dataclass
class ParsedModule:
    source: str
    filename: str
    tree: gast.Module
    lines: List[str]
    comments: Dict[int, str]  # line -> comment text (with the leading '#')
    own_line_comments: Set[int]  # lines holding only a comment
    tf: TFNames


def source_of(obj) -> str:
    """The source of a function or class object, dedented (for notebooks)."""
    try:
        return textwrap.dedent(inspect.getsource(obj))
    except (OSError, TypeError) as exc:
        raise ValueError(f"cannot read the source of {obj!r}: {exc}") from None


def _comments(source: str):
    comments, own = {}, set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0]] = tok.string
                if not tok.line[: tok.start[1]].strip():
                    own.add(tok.start[0])
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return comments, own


def find_tf_names(tree) -> TFNames:
    from .analysis.activity import _walk  # faster than gast.walk; only sets are built here
    names = TFNames()
    for node in _walk(tree):
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
    except (ValueError, RecursionError, MemoryError) as exc:
        sink.error("AGX001", f"cannot parse: {exc}", line=1, col=0)
        return None
    from .safety import input_error
    refused = input_error(source, tree, filename)
    if refused is not None:  # parses, but CPython would not compile it
        sink.error("AGX001", f"syntax error: {refused[0]}", line=refused[1], col=refused[2])
        return None
    gtree = gast.ast_to_gast(tree)
    comments, own = _comments(source)
    return ParsedModule(source, filename, gtree, split_lines(source), comments, own, find_tf_names(gtree))
