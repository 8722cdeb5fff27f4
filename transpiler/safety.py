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

import codecs
import re
import sys
from typing import Optional, Tuple

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
