"""Build the ``ModuleContext`` a function's analysis needs.

Before: the parsed module and the set of functions being converted.
After:  a ``ModuleContext``: kinds of module-level names (`static_kind`), module-level
        containers, the kind of each ``self.<attr>`` set in a class's ``__init__``/``build``,
        and agx's own dispatch helpers when the module is agx's output.
"""
from __future__ import annotations

from typing import Dict, Set

import gast

from ..ground.dispatch_text import own_helpers
from ..ground.syntax import param_names, walk
from ..ground.tfapi import TFNames
from .context import ModuleContext
from .decisions import Kind
from .tensorness import static_kind


def build_context(tree: gast.Module, tf: TFNames, converted: Set[str], lines) -> ModuleContext:
    ctx = ModuleContext(tf, {}, set(), {}, set(converted), lines, own_helpers(tree, lines, tf.modules))
    for stmt in tree.body:
        if isinstance(stmt, (gast.Import, gast.ImportFrom, gast.FunctionDef, gast.ClassDef)):
            names = [stmt.name] if hasattr(stmt, "name") else [
                (a.asname or a.name).split(".")[0] for a in stmt.names]
            for n in names:
                ctx.globals[n] = Kind.PYTHON
        elif isinstance(stmt, gast.Assign):
            kind = static_kind(stmt.value, ctx)
            for t in stmt.targets:
                if isinstance(t, gast.Name):
                    ctx.globals[t.id] = kind
                    if isinstance(stmt.value, (gast.List, gast.Dict, gast.Set, gast.ListComp, gast.DictComp)):
                        ctx.global_lists.add(t.id)
        if isinstance(stmt, gast.ClassDef):
            ctx.class_attrs[stmt.name] = _init_attrs(stmt, ctx)
    return ctx


def _init_attrs(cls: gast.ClassDef, ctx: ModuleContext) -> Dict[str, Kind]:
    """`self.x = tf.Variable(...)` in __init__ -> {"x": TENSOR}; `self.flag = flag` -> PYTHON."""
    attrs: Dict[str, Kind] = {}
    for item in cls.body:
        if isinstance(item, gast.FunctionDef) and item.name in ("__init__", "build"):
            for node in walk(item):
                if isinstance(node, gast.Assign):
                    for t in node.targets:
                        if (isinstance(t, gast.Attribute) and isinstance(t.value, gast.Name)
                                and t.value.id == "self"):
                            kind = static_kind(node.value, ctx, python_names=set(param_names(item, star=False)))
                            attrs[t.attr] = max(attrs.get(t.attr, Kind.PYTHON), kind)
    return attrs
