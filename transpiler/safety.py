"""The safety net: nothing is written that Python would refuse, or that agx would change again.

Input side (`input_error`, called by `parse`): a file that parses but that CPython refuses
to compile (a bad `__future__` import, an unknown coding cookie, an expression nested deeper
than CPython's compiler allows) is an input error, AGX001, as a syntax error is.

Output side (`check_output`, called by `transpile` before it returns): the output must
compile, functions agx did not rewrite must be unchanged, and (unless `fast`) converting the
output again must give it back unchanged. A failure is an AGX000 internal error located at
the function concerned; the caller writes nothing.
"""
from __future__ import annotations

import ast
import codecs
import re
import sys
from typing import Callable, Dict, List, Optional, Set, Tuple

from .diagnostics import Diagnostic, TranspileError
from .lines import split_lines

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)

PYTHON_RECURSION_LIMIT = 1000  # what `python file.py` compiles with (sys's default)
_COOKIE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def compile_error(code, filename: str) -> Optional[Tuple[str, int, int]]:
    """(message, line, col) if CPython, with its default recursion limit, refuses the source
    text `code`; None if it compiles. (Compiling a tree instead would also count the frames
    of converting it to C, and refuse what `python file.py` accepts.)"""
    old = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(PYTHON_RECURSION_LIMIT + _depth())
        compile(code, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return exc.msg, exc.lineno or 1, max((exc.offset or 1) - 1, 0)
    except (RecursionError, MemoryError):
        return "too deeply nested for Python's compiler (maximum recursion depth exceeded during compilation)", 1, 0
    except ValueError as exc:
        return str(exc), 1, 0
    finally:
        sys.setrecursionlimit(old)
    return None


def _depth() -> int:
    frame, n = sys._getframe(), 0
    while frame is not None:
        frame, n = frame.f_back, n + 1
    return n


def input_error(source: str, tree, filename: str) -> Optional[Tuple[str, int, int]]:
    """Why CPython would refuse a file that `ast.parse` accepted, or None."""
    for number, line in enumerate(source.split("\n", 2)[:2], 1):
        match = _COOKIE.match(line)
        if match:
            try:
                codecs.lookup(match.group(1))
            except LookupError:
                return f"unknown encoding: {match.group(1)}", number, match.start(1)
            break
        if line.strip() and not line.lstrip().startswith("#"):
            break
    return compile_error(source, filename)


def _functions(text: str) -> Dict[str, List[Tuple[int, int, int, str]]]:
    """qualname -> [(first line with decorators, def line, last line, text from the def line)]
    of the module's top-level functions and methods, in order."""
    tree = ast.parse(text)
    lines = split_lines(text, keepends=True)
    out: Dict[str, list] = {}
    for stmt in tree.body:
        items = [(stmt.name, stmt)] if isinstance(stmt, DEFS) else [
            (f"{stmt.name}.{s.name}", s) for s in stmt.body if isinstance(s, DEFS)] \
            if isinstance(stmt, ast.ClassDef) else []
        for qualname, fn in items:
            first = min([d.lineno for d in fn.decorator_list] + [fn.lineno])
            out.setdefault(qualname, []).append(
                (first, fn.lineno, fn.end_lineno, "".join(lines[fn.lineno - 1:fn.end_lineno])))
    return out


def _input_node(analysis, qualname: Optional[str]):
    """The input's function for an output qualname (`build_f_graph` is tf1's builder of `f`)."""
    if qualname is None:
        return None
    head, _, name = qualname.rpartition(".")
    match = re.fullmatch(r"build_(\w+)_graph", name)
    names = [qualname] + ([f"{head}.{match.group(1)}" if head else match.group(1)] if match else [])
    from .select import candidates
    found = candidates(analysis.parsed.tree)
    return next((found[n].node for n in names if n in found), None)


def _enclosing(text: str, line: int) -> Optional[str]:
    """The qualname of the function holding output line `line` (by indentation, no parse)."""
    lines = split_lines(text)
    name, cls = None, None
    for i in range(min(line, len(lines)) - 1, -1, -1):
        match = re.match(r"([ \t]*)(?:async[ \t]+)?(def|class)[ \t]+(\w+)", lines[i])
        if match and name is None and match.group(2) == "def":
            name, indent = match.group(3), len(match.group(1))
            if not indent:
                return name
        elif match and name is not None and match.group(2) == "class" and not match.group(1):
            cls = match.group(3)
            return f"{cls}.{name}"
    return name


def _fail(analysis, qualname: Optional[str], what: str) -> TranspileError:
    node = _input_node(analysis, qualname)
    where = f"`{qualname}`" if qualname else "the module"
    diag = Diagnostic("AGX000", f"internal error: agx's output for {where} {what}",
                      analysis.parsed.filename, getattr(node, "lineno", 1) if node else 1,
                      getattr(node, "col_offset", 0) if node else 0,
                      help="this is a bug in agx: nothing was written, the input is unchanged; "
                      "please report it with the input file")
    return TranspileError([diag], analysis.parsed.source)


def check_output(analysis, out: str, rewritten: Set[str], again: Callable[[str], str],
                 fast: bool = False) -> None:
    """Raise an AGX000 TranspileError unless `out` compiles, every function not in `rewritten`
    is as written, and (unless `fast`) `again(out)` (a second conversion) returns `out`."""
    refused = compile_error(out, analysis.parsed.filename)
    if refused is not None:
        message, line, _ = refused
        raise _fail(analysis, _enclosing(out, line), f"does not compile: {message} (output line {line})")
    before, after = _functions(analysis.parsed.source), _functions(out)
    for qualname, versions in before.items():
        if qualname in rewritten:
            continue
        if [v[3] for v in versions] != [v[3] for v in after.get(qualname, [])]:
            raise _fail(analysis, qualname, "changes a function agx did not convert")
    if fast:
        return
    try:
        second = again(out)
    except TranspileError as exc:
        d = exc.diagnostics[0]
        raise _fail(analysis, _enclosing(out, d.line) if d.line else None,
                    f"is not stable: converting it again fails ({d.code} at output line {d.line}: "
                    f"{d.message})") from None
    if second != out:
        changed = _functions(second)
        text = lambda fns, q: [v[3] for v in fns.get(q, [])]  # noqa: E731 - the text, not the lines
        names = [q for q in list(after) + [q for q in changed if q not in after] if text(after, q) != text(changed, q)]
        raise _fail(analysis, names[0] if names else None,
                    "is not stable: converting it again changes it")


def rewritten(analysis, target: str) -> Set[str]:
    """The functions a conversion rewrites (tf1: every target; tf2: those lowering something)."""
    if target == "tf1":
        return {t.qualname for t in analysis.targets}
    lowers = {i.name for i in analysis.functions if any(d.lowered for d in i.decisions)}
    return {t.qualname for t in analysis.targets if t.qualname in lowers}
