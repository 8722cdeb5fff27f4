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
import re
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


_NEXT = re.compile(r"""[#'"]""")  # what starts a comment or a string
_ENDS = {"'": re.compile(r"[^\n'\\]*(?:\\.[^\n'\\]*)*'", re.S),
         '"': re.compile(r'[^\n"\\]*(?:\\.[^\n"\\]*)*"', re.S),
         "'''": re.compile(r"[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''", re.S),
         '"""': re.compile(r'[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""', re.S)}
_COMMENT = re.compile(r"#[^\r\n]*")


def _comments(source: str):
    """Comments by line, the lines holding only a comment, and the lines that begin inside
    a multi-line string (their text must never be re-indented)."""
    if "\r" in source or "\x0c" in source or "\x00" in source:  # line ends and whitespace as tokenize has them
        return _tokenized_comments(source)
    return _scanned_comments(source)


def _scanned_comments(source: str):
    """`_tokenized_comments` of source that parses, by a scan for its comments and strings
    only (`#`, quotes and backslashes are all that delimit them; a string's prefix does not
    matter here), several times faster than `tokenize`."""
    comments, own, strings = {}, set(), set()
    pos, line, counted = 0, 1, 0  # `line` is the number of the line holding offset `counted`
    search, count = _NEXT.search, source.count
    while True:
        found = search(source, pos)
        if found is None:
            return comments, own, strings
        start = found.start()
        line += count("\n", counted, start)
        counted = start
        char = source[start]
        if char == "#":
            text = _COMMENT.match(source, start).group()
            comments[line] = text
            if not source[source.rfind("\n", 0, start) + 1:start].strip():
                own.add(line)
            pos = start + len(text)
            continue
        quote = char * 3 if source.startswith(char * 3, start) else char
        end = _ENDS[quote].match(source, start + len(quote))
        if end is None:  # not a string as tokenize reads one: it decides
            return _tokenized_comments(source)
        pos = end.end()
        lines = count("\n", start, pos)
        if lines:
            strings.update(range(line + 1, line + lines + 1))


def _tokenized_comments(source: str):
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
