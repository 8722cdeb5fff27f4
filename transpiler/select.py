"""Which functions to convert.

  "decorated"  every function/method decorated with tf.function in any spelling, the `call`
               method of Keras Layer/Model subclasses (Keras traces it into a graph itself),
               plus every function of the same file they call (`helper(x)`, `self.method(x)`),
               transitively
  "all"        every top-level function and every method
  [names]      these ("f", "Class.method"), plus the functions of the file they call
"""
from __future__ import annotations

import dataclasses
from typing import Dict, Iterable, List, Optional, Union

import gast

from .analysis.context import ModuleContext
from .diagnostics import DiagnosticSink
from .ground.syntax import walk
from .ground.tfapi import is_keras_class, is_tf_function, signature_of


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


def callees(target: Selected, found: Dict[str, Selected]) -> List[str]:
    out = []
    for node in walk(target.node):
        if not isinstance(node, gast.Call):
            continue
        f = node.func
        if isinstance(f, gast.Name) and f.id in found:
            out.append(f.id)
        elif (isinstance(f, gast.Attribute) and isinstance(f.value, gast.Name) and f.value.id == "self"
              and target.class_name and f"{target.class_name}.{f.attr}" in found):
            out.append(f"{target.class_name}.{f.attr}")
    return out


def select(tree: gast.Module, ctx: ModuleContext, functions: Union[str, Iterable[str]],
           sink: DiagnosticSink) -> List[Selected]:
    found = candidates(tree)
    for t in found.values():
        decos = [d for d in t.node.decorator_list if is_tf_function(d, ctx)]
        t.decorated = bool(decos)
        t.signature = signature_of(decos[0]) if decos else None
    if functions == "all":
        chosen = list(found)
    elif functions == "decorated":
        chosen = _with_callees([q for q, t in found.items() if t.decorated or t.keras_call], found)
    else:
        names = [functions] if isinstance(functions, str) else list(functions)
        chosen = []
        for n in names:
            if n in found:
                chosen.append(n)
            else:
                sink.error("AGX002", f"no function or method named `{n}` in this file", line=0, col=0,
                           help="available: " + ", ".join(sorted(found)) if found else None)
        chosen = _with_callees(chosen, found)
    order = list(found)
    return [found[q] for q in sorted(set(chosen), key=order.index)]


def _with_callees(chosen: List[str], found: Dict[str, Selected]) -> List[str]:
    """`chosen` plus every function of the file they call, transitively."""
    chosen, queue = list(chosen), list(chosen)
    while queue:
        for callee in callees(found[queue.pop()], found):
            if callee not in chosen and not found[callee].node.name.startswith("__"):
                chosen.append(callee)
                queue.append(callee)
    return chosen
