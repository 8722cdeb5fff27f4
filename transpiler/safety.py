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
import types
from typing import Callable, Dict, List, Optional, Set, Tuple

from .diagnostics import Diagnostic, TranspileError
from .ground.lines import split_lines

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_FUNCTION = 0x1  # CO_OPTIMIZED: a function body, not a class body
_DEF = re.compile(r"[ \t]*(?:async[ \t]+)?def[ \t]")

PYTHON_RECURSION_LIMIT = 1000  # what `python file.py` compiles with (sys's default)
_COOKIE = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def compile_error(code: str, filename: str) -> Optional[Tuple[str, int, int]]:
    """(message, line, col) if CPython, with its default recursion limit, refuses the source
    text `code`; None if it compiles. (Compiling a tree instead would also count the frames
    of converting it to C, and refuse what `python file.py` accepts.)"""
    return _compile(code, filename)[1]


_COMPILED: Dict[Tuple[str, str], types.CodeType] = {}  # the last texts that compiled (see `_compile`)


def _compile(text: str, filename: str):
    """(code object or None, None or (message, line, col)). One conversion compiles the same
    texts twice (the input: parsed, then checked; the output: checked, then parsed again by
    the second conversion): the last two that compiled are remembered, until `check_output` ends."""
    if (text, filename) in _COMPILED:
        return _COMPILED[text, filename], None
    old = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(PYTHON_RECURSION_LIMIT + _depth())
        code = compile(text, filename, "exec", dont_inherit=True)
        if len(_COMPILED) >= 2:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[text, filename] = code
        return code, None
    except SyntaxError as exc:
        return None, (exc.msg, exc.lineno or 1, max((exc.offset or 1) - 1, 0))
    except (RecursionError, MemoryError):
        return None, ("too deeply nested for Python's compiler (maximum recursion depth exceeded "
                      "during compilation)", 1, 0)
    except ValueError as exc:
        return None, (str(exc), 1, 0)
    finally:
        sys.setrecursionlimit(old)


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


def _functions(text: str, code) -> Dict[str, List[str]]:
    """qualname -> [its text, from the `def` line to its last line] of the module's top-level
    functions and methods, read from the compiled `code` (no ast: a tree of a large output
    costs more memory than the conversion itself)."""
    lines = split_lines(text, keepends=True)
    out: Dict[str, List[str]] = {}
    for top in code.co_consts:
        if not isinstance(top, types.CodeType) or "<" in top.co_qualname:
            continue
        members = [top] if top.co_flags & _FUNCTION else [
            c for c in top.co_consts if isinstance(c, types.CodeType) and c.co_flags & _FUNCTION
            and c.co_qualname.count(".") == 1 and "<" not in c.co_qualname]
        for fn in members:
            first = fn.co_firstlineno - 1  # the first decorator's line
            while first < len(lines) and not _DEF.match(lines[first]):
                first += 1
            out.setdefault(fn.co_qualname, []).append("".join(lines[first:_last_line(fn)]))
    return out


def _last_line(code) -> int:
    ends = [p[1] or 0 for p in code.co_positions()]
    ends += [_last_line(c) for c in code.co_consts if isinstance(c, types.CodeType)]
    return max(ends, default=code.co_firstlineno)


def _input_node(source: str, qualname: Optional[str]):
    """The input's function for an output qualname (`build_f_graph` is tf1's builder of `f`)."""
    if qualname is None:
        return None
    head, _, name = qualname.rpartition(".")
    match = re.fullmatch(r"build_(\w+)_graph", name)
    names = [qualname] + ([f"{head}.{match.group(1)}" if head else match.group(1)] if match else [])
    found = {}
    for stmt in ast.parse(source).body:  # on failure only
        if isinstance(stmt, DEFS):
            found[stmt.name] = stmt
        elif isinstance(stmt, ast.ClassDef):
            found.update({f"{stmt.name}.{s.name}": s for s in stmt.body if isinstance(s, DEFS)})
    return next((found[n] for n in names if n in found), None)


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


def _fail(source: str, filename: str, qualname: Optional[str], what: str) -> TranspileError:
    node = _input_node(source, qualname)
    where = f"`{qualname}`" if qualname else "the module"
    diag = Diagnostic("AGX000", f"internal error: agx's output for {where} {what}", filename,
                      node.lineno if node else 1, node.col_offset if node else 0,
                      help="this is a bug in agx: nothing was written, the input is unchanged; "
                      "please report it with the input file")
    return TranspileError([diag], source)


def check_output(source: str, filename: str, out: str, rewritten: Set[str],
                 again: Callable[[str], str], fast: bool = False) -> None:
    """Raise an AGX000 TranspileError unless `out` compiles, every function not in `rewritten`
    is as written, and (unless `fast`) `again(out)` (a second conversion) returns `out`."""
    try:
        _check(source, filename, out, rewritten, again, fast)
    finally:
        _COMPILED.clear()


def _check(source, filename, out, rewritten, again, fast) -> None:
    code, refused = _compile(out, filename)
    if refused is not None:
        message, line, _ = refused
        raise _fail(source, filename, _enclosing(out, line),
                    f"does not compile: {message} (output line {line})")
    after = _functions(out, code)
    for qualname, versions in _functions(source, _compile(source, filename)[0]).items():
        if qualname not in rewritten and versions != after.get(qualname, []):
            raise _fail(source, filename, qualname, "changes a function agx did not convert")
    if fast:
        return
    try:
        second = again(out)
    except TranspileError as exc:
        d = exc.diagnostics[0]
        raise _fail(source, filename, _enclosing(out, d.line) if d.line else None,
                    f"is not stable: converting it again fails ({d.code} at output line {d.line}: "
                    f"{d.message})") from None
    if second != out:
        changed = _functions(second, _compile(second, filename)[0])
        names = [q for q in list(after) + [q for q in changed if q not in after] if after.get(q) != changed.get(q)]
        raise _fail(source, filename, names[0] if names else None,
                    "is not stable: converting it again changes it")
