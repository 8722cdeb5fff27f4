"""Fresh, uniquely named modules, so AutoGraph's conversion cache never hits.

AutoGraph caches conversions by code object, and equal source gives equal code objects
(CPython compares names, bytecode and line numbers, not the file). Every load here writes
the source to a new file under a new module name, shifted down by a unique number of
comment lines (so first line numbers differ), and `unique_defs` also renames functions.
"""
from __future__ import annotations

import importlib.util
import itertools
import os
import re
import sys
import tempfile
import types

_counter = itertools.count(1)
_DIR = None
_DEF = re.compile(r"^(\s*(?:async\s+)?def\s+)(?!__)(\w+)(\s*\()", re.M)


def _dir() -> str:
    global _DIR
    if _DIR is None:
        _DIR = tempfile.mkdtemp(prefix="agx_bench_")
    return _DIR


def fresh_source(source: str, n: int) -> str:
    """`source` moved down by `n` comment lines (line numbers change, meaning does not)."""
    return f"# agx bench load {n}\n" * n + source


def unique_defs(source: str, n: int) -> str:
    """Rename every `def name(` to `def name_b<n>(` (for conversion only: callers are not
    renamed, so the module is not meant to be run)."""
    return _DEF.sub(lambda m: f"{m.group(1)}{m.group(2)}_b{n}{m.group(3)}", source)


def load(source: str, rename: bool = False) -> types.ModuleType:
    """Import `source` as a new module from a real file (AutoGraph reads the file)."""
    n = next(_counter)
    name = f"agx_bench_{n}"
    text = fresh_source(unique_defs(source, n) if rename else source, n)
    path = os.path.join(_dir(), f"{name}.py")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    module.__agx_bench_suffix__ = f"_b{n}" if rename else ""
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


def resolve(module: types.ModuleType, qualname: str, python: bool = True):
    """The object `qualname` names in `module`; with `python`, the plain Python function
    under a tf.function (what AutoGraph converts)."""
    suffix = getattr(module, "__agx_bench_suffix__", "")
    obj = module
    parts = qualname.split(".")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        name = part + suffix if last and not part.startswith("__") else part
        if isinstance(obj, type):
            found = next((k.__dict__[name] for k in obj.__mro__ if name in k.__dict__), None)
            if found is None:
                raise AttributeError(f"{qualname}: {name} not found")
            obj = found
        else:
            obj = getattr(obj, name)
    if python:
        obj = getattr(obj, "python_function", obj)
    return obj
