"""What a function's analysis needs to know about its module.

Before: the parsed module and the set of functions being converted.
After:  a ``ModuleContext``: the TensorFlow alias, kinds of module-level names, kinds of
        ``self.<attr>`` set in each class's ``__init__``, and the converted functions.
"""
from __future__ import annotations

import dataclasses
from typing import Dict, Optional, Set

import gast

from ..decisions import Kind
from ..parse import TFNames


@dataclasses.dataclass
class ModuleContext:
    tf: TFNames
    globals: Dict[str, Kind]
    global_lists: Set[str]                      # module-level names bound to list/dict/set
    class_attrs: Dict[str, Dict[str, Kind]]     # class -> attr -> kind
    converted: Set[str]                         # plain names of converted functions/methods
    source_lines: list

    def is_tf(self, name: str) -> bool:
        return name in self.tf.modules or name == "tensorflow"


def dotted(node) -> Optional[str]:
    """`tf.math.add` -> "tf.math.add"; None for anything that is not a plain dotted name."""
    parts = []
    while isinstance(node, gast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, gast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def tf_api(node, ctx: ModuleContext) -> Optional[str]:
    """`tf2.math.add` -> "math.add" when `tf2` is TensorFlow; else None."""
    name = dotted(node)
    if not name:
        return None
    head, _, rest = name.partition(".")
    if ctx.is_tf(head) and rest:
        return rest
    if name in ctx.tf.function_names:
        return "function"
    return None


def build_context(tree: gast.Module, tf: TFNames, converted: Set[str], lines) -> ModuleContext:
    from .tensorness import static_kind  # local: tensorness imports this module
    ctx = ModuleContext(tf, {}, set(), {}, set(converted), lines)
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
    from .tensorness import static_kind
    attrs: Dict[str, Kind] = {}
    for item in cls.body:
        if isinstance(item, gast.FunctionDef) and item.name in ("__init__", "build"):
            for node in gast.walk(item):
                if isinstance(node, gast.Assign):
                    for t in node.targets:
                        if (isinstance(t, gast.Attribute) and isinstance(t.value, gast.Name)
                                and t.value.id == "self"):
                            kind = static_kind(node.value, ctx, python_names=_param_names(item))
                            attrs[t.attr] = max(attrs.get(t.attr, Kind.PYTHON), kind)
    return attrs


def _param_names(fn) -> Set[str]:
    a = fn.args
    return {x.id for x in a.posonlyargs + a.args + a.kwonlyargs}
