"""TARGET of `agx explain`: FILE.py::name, FILE.py::Class.method, FILE.py, pkg.module:name, '-'.

Locating never executes user code: `pkg.module` is found with importlib's path finders,
one package level at a time, without importing the packages on the way.
"""
from __future__ import annotations

import dataclasses
import importlib.machinery
import os
from typing import Optional, Tuple

from ..diagnostics import Diagnostic
from ..tools.files import read_source, read_stdin


@dataclasses.dataclass
class Target:
    text: str
    filename: str                 # as given (relative stays relative: output is reproducible)
    function: Optional[str]       # "f", "Class.method", or None for every converted function
    module: Optional[str] = None  # dotted module name for pkg.module:name
    stdin: bool = False


def _dotted(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))


def _split(spec: str) -> Tuple[str, Optional[str], bool]:
    """(location, function, is_module_form)."""
    if "::" in spec:
        path, _, name = spec.partition("::")
        return path, name or None, False
    head, sep, name = spec.rpartition(":")
    if sep and head and not head.endswith(".py") and _dotted(head) and (not name or _dotted(name)) \
            and not os.path.exists(spec):  # `a:b/in.py` is a file in the directory `a:b`
        return head, name or None, True
    return spec, None, False


def find_module(dotted: str) -> Optional[str]:
    """Path of `pkg.module`'s source without importing `pkg` (its __init__ is not run)."""
    parts = dotted.split(".")
    path = None
    spec = None
    for i in range(len(parts)):
        name = ".".join(parts[: i + 1])
        try:
            spec = importlib.machinery.PathFinder.find_spec(name, path)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            return None
        path = spec.submodule_search_locations
        if i < len(parts) - 1 and path is None:
            return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return spec.origin


def resolve(spec: str, stdin_text: Optional[str] = None):
    """(Target, None) or (None, Diagnostic)."""
    location, function, is_module = ("-", None, False) if spec == "-" else _split(spec)
    if location == "-":
        text, err = (stdin_text, None) if stdin_text is not None else read_stdin()
        if err is not None:
            return None, err
        return Target(text, "<stdin>", function, stdin=True), None
    if is_module:
        path = find_module(location)
        if path is None:
            return None, Diagnostic("AGX005", f"cannot find module `{location}` (is it on sys.path? "
                                    "run from the directory that contains the package)", location, 0, 0)
        text, err = read_source(path)
        if err is not None:
            return None, err
        return Target(text, _display(path), function, module=location), None
    text, err = read_source(location)
    if err is not None:
        return None, err
    return Target(text, location, function), None


def _display(path: str) -> str:
    """A path relative to the working directory when it is below it (no absolute paths)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return rel if not rel.startswith("..") else path
