"""Which functions to convert.

  "decorated"  every function/method decorated with tf.function in any spelling, the `call`
               method of Keras Layer/Model subclasses (Keras traces it into a graph itself),
               plus every function of the same file they call (`helper(x)`, `self.method(x)`)
               or hand to TensorFlow to trace (`tf.map_fn(step, v)`, `ds.map(parse)`,
               `strategy.run(fn)`, `tf.while_loop(cond, body, ...)`), transitively, and the
               functions module-level code traces (`g = tf.function(f)`, `ds.map(parse)`)
  "all"        every top-level function and every method but `__init__` (an object is
               built in Python, outside any graph; unless it is a tf.function itself)
  [names]      these ("f", "Class.method"), plus the functions of the file they call
"""
from __future__ import annotations

import dataclasses
from typing import Dict, Iterable, List, Optional, Union

import gast

from .analysis.context import ModuleContext
from .diagnostics import DiagnosticSink
from .ground.syntax import walk
from .ground.tfapi import is_keras_class, is_tf_function, signature_of, traced_arguments


@dataclasses.dataclass
class Selected:
    qualname: str
    node: gast.FunctionDef
    class_name: Optional[str]
    decorated: bool
    signature: object = None  # input_signature expression, if any
    keras_call: bool = False  # `call` of a Keras Layer/Model subclass


def candidates(tree: gast.Module) -> Dict[str, Selected]:
    found: Dict[str, Selected] = {}
    for stmt in tree.body:
        if isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef)):  # async: refused by the fence
            found[stmt.name] = Selected(stmt.name, stmt, None, False)
        elif isinstance(stmt, gast.ClassDef):
            for item in stmt.body:
                if isinstance(item, (gast.FunctionDef, gast.AsyncFunctionDef)):
                    found[f"{stmt.name}.{item.name}"] = Selected(
                        f"{stmt.name}.{item.name}", item, stmt.name, False,
                        keras_call=item.name == "call" and is_keras_class(stmt))
    return found


def _reference(f, class_name: Optional[str], found: Dict[str, Selected]) -> Optional[str]:
    """The function of the file `f` names: `helper`, or `self.method` in a method."""
    if isinstance(f, gast.Name) and f.id in found:
        return f.id
    if (isinstance(f, gast.Attribute) and isinstance(f.value, gast.Name) and f.value.id == "self"
            and class_name and f"{class_name}.{f.attr}" in found):
        return f"{class_name}.{f.attr}"
    return None


def callees(target: Selected, found: Dict[str, Selected], ctx: ModuleContext) -> List[str]:
    """Functions of the file `target` calls, or hands to TensorFlow to trace (`tf.map_fn(step,
    x)`, `ds.map(parse)`, `strategy.run(step)`): both run in its graph."""
    out = []
    for node in walk(target.node):
        if not isinstance(node, gast.Call):
            continue
        for f in [node.func] + traced_arguments(node, ctx):
            ref = _reference(f, target.class_name, found)
            if ref:
                out.append(ref)
    return out


def traced_at_module_level(tree: gast.Module, ctx: ModuleContext, found: Dict[str, Selected]) -> List[str]:
    """Functions of the file that module-level code traces: `g = tf.function(f)`,
    `ds = ds.map(parse)` (a graph runs them, so they are converted as a tf.function is)."""
    out = []
    for stmt in tree.body:
        if isinstance(stmt, (gast.FunctionDef, gast.AsyncFunctionDef, gast.ClassDef)):
            continue
        for node in walk(stmt):
            if isinstance(node, gast.Call):
                out.extend(r for r in (_reference(a, None, found) for a in traced_arguments(node, ctx)) if r)
    return out


def select(tree: gast.Module, ctx: ModuleContext, functions: Union[str, Iterable[str]],
           sink: DiagnosticSink) -> List[Selected]:
    found = candidates(tree)
    for t in found.values():
        decos = [d for d in t.node.decorator_list if is_tf_function(d, ctx)]
        t.decorated = bool(decos)
        t.signature = signature_of(decos[0]) if decos else None
    if functions == "all":
        chosen = [q for q, t in found.items() if t.decorated or t.node.name != "__init__"]
    elif functions == "decorated":
        roots = [q for q, t in found.items() if t.decorated or t.keras_call]
        chosen = with_callees(roots + traced_at_module_level(tree, ctx, found), found, ctx)
    else:
        names = [functions] if isinstance(functions, str) else list(functions)
        chosen = []
        for n in names:
            if n in found:
                chosen.append(n)
            else:
                sink.error("AGX002", f"no function or method named `{n}` in this file", line=0, col=0,
                           help="available: " + ", ".join(sorted(found)) if found else None)
        chosen = with_callees(chosen, found, ctx)
    order = list(found)
    return [found[q] for q in sorted(set(chosen), key=order.index)]


def with_callees(chosen: List[str], found: Dict[str, Selected], ctx: ModuleContext, seen=(),
                 skip_dunders: bool = True) -> List[str]:
    """`chosen` plus every function of the file they call, transitively; names in `seen` are
    neither added nor followed, nor (with `skip_dunders`) `__dunder__` methods."""
    chosen, queue = list(chosen), list(chosen)
    while queue:
        for callee in callees(found[queue.pop()], found, ctx):
            if callee in chosen or callee in seen:
                continue
            if skip_dunders and found[callee].node.name.startswith("__"):
                continue
            chosen.append(callee)
            queue.append(callee)
    return chosen
