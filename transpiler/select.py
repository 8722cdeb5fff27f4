"""Which functions to convert.

  "decorated"  every function/method decorated with tf.function in any spelling, the `call`
               method of Keras Layer/Model subclasses (Keras traces it into a graph itself),
               plus every function of the same file they call (`helper(x)`, `self.method(x)`)
               or hand to TensorFlow to trace (`tf.map_fn(step, v)`, `ds.map(parse)`,
               `strategy.run(fn)`, `tf.while_loop(cond, body, ...)`), through attributes
               (`self.model.translate(x)`), factories and arguments (analysis/reach.py),
               transitively, and the functions code outside them traces (`g = tf.function(f)`,
               `ds.map(parse)`, `self.fn = tf.function(self.step)`, `tf.function(make(step))`)
  "all"        every top-level function and every method but `__init__` (an object is
               built in Python, outside any graph; unless it is a tf.function itself)
  [names]      these ("f", "Class.method"), plus the functions of the file they call
"""
from __future__ import annotations

import builtins
import dataclasses
import weakref
from typing import Dict, Iterable, List, Optional, Union

import gast

from .analysis.context import ModuleContext
from .analysis.decisions import FunctionInfo, Kind
from .analysis.flow import FlowAnalysis, param_infos
from .analysis.reach import Reach, local_bindings, root_name
from .diagnostics import DiagnosticSink
from .ground.anno import Anno, get
from .ground.printer import expr_source
from .ground.syntax import nodes
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


def callees(target: Selected, found: Dict[str, Selected], ctx: ModuleContext, reach: Optional[Reach] = None
            ) -> List[str]:
    """Functions of the file `target` calls, or hands to TensorFlow to trace (`tf.map_fn(step,
    x)`, `ds.map(parse)`, `strategy.run(step)`): both run in its graph; through attributes
    (`self.model.translate(x)`), factories and the functions handed to them (analysis/reach.py)."""
    local = local_bindings(target.node)
    out = []
    for node in nodes(target.node):
        if not isinstance(node, gast.Call):
            continue
        ref = _reference(node.func, target.class_name, found, reach, local)
        if ref:
            out.append(ref)
            if reach is not None:
                out += reach.handed(node, ref, target.class_name, local)
        for f in traced_arguments(node, ctx):
            out += reach.traced(f, target.class_name, local) if reach is not None else [
                r for r in [_reference(f, target.class_name, found, None, local)] if r]
        if reach is not None and not ref:  # handed to code agx cannot see, which may call it here
            for a in node.args + [k.value for k in node.keywords]:
                if isinstance(a, (gast.Name, gast.Attribute)):
                    out += [r for r in [reach.reference(a, target.class_name, local)] if r]
    return out


def _reference(f, class_name, found, reach: Optional[Reach], local) -> Optional[str]:
    if reach is not None:
        return reach.reference(f, class_name, local)
    if isinstance(f, gast.Name) and f.id in found:
        return f.id
    if (isinstance(f, gast.Attribute) and isinstance(f.value, gast.Name) and f.value.id == "self"
            and class_name and f"{class_name}.{f.attr}" in found):
        return f"{class_name}.{f.attr}"
    return None


_REACH: "weakref.WeakKeyDictionary[gast.Module, Dict[tuple, Reach]]" = weakref.WeakKeyDictionary()


def _reach(tree: gast.Module, found) -> Reach:
    """One `Reach` per module tree and set of candidate functions (it reads only the tree
    and the names and nodes of those functions, which the analysed tree keeps): selection
    asks for it three times. Only the last tree's are kept (a `Reach` holds its tree, which
    a weak key alone would then never free)."""
    if tree not in _REACH:
        _REACH.clear()
    per_tree = _REACH.setdefault(tree, {})
    key = tuple(found)
    if key not in per_tree:
        per_tree[key] = Reach(tree, found)
    return per_tree[key]


def traced_at_module_level(tree: gast.Module, ctx: ModuleContext, found: Dict[str, Selected]) -> List[str]:
    """Functions of the file that code outside converted functions traces: `g =
    tf.function(f)`, `ds = ds.map(parse)` at module level, `self.fn = tf.function(self.step)`
    in any function or method, `tf.function(create_loop_fn(step))` (the factory and the
    functions it hands to its result), `run(step, x)` where the tf.function `run` calls its
    `fn`: a graph runs them, so they are converted as a tf.function is."""
    reach = _reach(tree, found)
    out = []
    scopes = [(None, None, stmt) for stmt in tree.body if not isinstance(stmt, (gast.FunctionDef, gast.ClassDef))]
    scopes += [(t.class_name, local_bindings(t.node), t.node) for t in found.values()]
    for class_name, local, root in scopes:
        for node in nodes(root):
            if isinstance(node, gast.Call):
                for a in traced_arguments(node, ctx):
                    out += reach.traced(a, class_name, local or {})
                ref = reach.reference(node.func, class_name, local or {})
                if ref and any(is_tf_function(d, ctx) for d in found[ref].node.decorator_list):
                    # `run(step, x)`, `run` a tf.function calling `fn`
                    out += reach.handed(node, ref, class_name, local or {})
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
        chosen = with_callees(roots + traced_at_module_level(tree, ctx, found), found, ctx, tree=tree)
    else:
        names = [functions] if isinstance(functions, str) else list(functions)
        chosen = []
        for n in names:
            if n in found:
                chosen.append(n)
            else:
                sink.error("AGX002", f"no function or method named `{n}` in this file", line=0, col=0,
                           help="available: " + ", ".join(sorted(found)) if found else None)
        chosen = with_callees(chosen, found, ctx, tree=tree)
    order = list(found)
    chosen = [q for q in chosen if q not in ctx.helpers]  # agx's own dispatch helpers: emitted, not converted
    return [found[q] for q in sorted(set(chosen), key=order.index)]


def with_callees(chosen: List[str], found: Dict[str, Selected], ctx: ModuleContext, seen=(),
                 skip_dunders: bool = True, tree: Optional[gast.Module] = None) -> List[str]:
    """`chosen` plus every function of the file they call, transitively; names in `seen` are
    neither added nor followed, nor (with `skip_dunders`) `__dunder__` methods other than
    `__call__`. With the module's `tree`, calls through attributes and factories are
    followed too (analysis/reach.py)."""
    reach = _reach(tree, found) if tree is not None else None
    chosen, queue = list(chosen), list(chosen)
    while queue:
        for callee in callees(found[queue.pop()], found, ctx, reach):
            if callee in chosen or callee in seen:
                continue
            if skip_dunders and found[callee].node.name.startswith("__") and found[callee].node.name != "__call__":
                continue
            chosen.append(callee)
            queue.append(callee)
    return chosen


BUILTIN_ROOTS = frozenset(dir(builtins))


def _unresolved_name(f, t: Selected, reach: Reach, local, skip) -> Optional[str]:
    """The method name a call through an attribute may reach (`__call__` for a callable
    instance attribute), or None when the call is not one agx should warn about."""
    if not isinstance(f, gast.Attribute):
        return None  # a bare name: a parameter, a builtin or an import, never a method of the file
    receiver = f.value
    if isinstance(receiver, gast.Name) and receiver.id == "self":  # own or inherited method, or an attribute
        return "__call__" if t.class_name and f.attr in reach.assigned(t.class_name) and not (
            reach.library_object(t.class_name, f.attr, skip)) else None
    if (isinstance(receiver, gast.Attribute) and isinstance(receiver.value, gast.Name)
            and receiver.value.id == "self" and t.class_name
            and reach.library_object(t.class_name, receiver.attr, skip)):
        return None  # `self.optimizer.apply_gradients(...)`, `self.optimizer = keras.optimizers.Adam()`
    root = root_name(receiver)
    if get(receiver, Anno.KIND) == Kind.TENSOR:
        return None  # `x.numpy()`, `v.assign_add(1)`: a Tensor's or Variable's own method
    if root is None or root in skip or (root in BUILTIN_ROOTS and root not in local) or root in reach.found:
        return None
    return f.attr


def warn_unresolved(tree: gast.Module, ctx: ModuleContext, selected: List[Selected], sink: DiagnosticSink) -> None:
    """AGX113 (a warning): a call in converted code through an attribute agx cannot resolve
    (`self.model.translate(x)`, the class of `self.model` unknown) whose method name is that of
    an unconverted method of the file with Tensor control flow: converted code runs with
    autograph=False, so that method would fail while tracing. Calls of TensorFlow, NumPy,
    builtins, imported modules and `self`'s own methods never warn."""
    found = candidates(tree)
    reach, chosen = _reach(tree, found), {t.qualname for t in selected}
    skip = reach.imported | set(ctx.tf.modules) | {"cls", "super"}
    flows: Dict[str, bool] = {}
    for t in selected:
        local = local_bindings(t.node)
        for node in nodes(t.node):
            if not isinstance(node, gast.Call) or reach.reference(node.func, t.class_name, local):
                continue
            name = _unresolved_name(node.func, t, reach, local, skip)
            unseen = [q for q in found if "." in q and q.rsplit(".", 1)[1] == name and q not in chosen
                      and _tensor_flow(found[q], ctx, flows)] if name else []
            if unseen:
                _warn(sink, node, unseen, found)


def _tensor_flow(t: Selected, ctx: ModuleContext, cache: Dict[str, bool]) -> bool:
    """The function has control flow agx would lower (on a Tensor, or a value that may be one)."""
    if t.qualname not in cache:
        params = param_infos(t.node, t.class_name is not None, False)
        info = FunctionInfo(t.qualname, t.node.lineno, t.node.col_offset, False, False, list(params.values()),
                            node=t.node)
        FlowAnalysis(info, ctx, t.class_name).run(t.node, params)
        cache[t.qualname] = any(d.lowered for d in info.decisions)
    return cache[t.qualname]


def _warn(sink: DiagnosticSink, call: gast.Call, unseen: List[str], found: Dict[str, Selected]) -> None:
    names = ", ".join(f"`{q}` (line {found[q].node.lineno})" for q in unseen[:3])
    first = unseen[0]
    sink.error("AGX113", f"`{expr_source(call.func)}(...)` runs in converted code, but agx cannot tell "
               f"which function it calls: {names} {'has' if len(unseen) == 1 else 'have'} Tensor control flow "
               f"and {'is' if len(unseen) == 1 else 'are'} not converted (under "
               "autograph=False it would fail while tracing)", call, severity="warning",
               help=f"assign the attribute from its class in `__init__` (`self.x = {first.split('.')[0]}(...)`) "
               f"so agx converts the method too, or decorate `{first}` with `@tf.function`")
