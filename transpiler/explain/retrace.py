"""Predict, for a sequence of calls, which ones trace a new graph and which reuse one.

The model of tf.function's cache (TensorFlow 2.x, checked by `--run` and the tests):
arguments are bound to parameters (positional or keyword alike; defaults filled in); a
Tensor is keyed by dtype and shape, a Python value by its value (`1 == 1.0 == True`), a
list/tuple/dict by its structure; a call whose key equals a traced one reuses that graph.
With an input_signature there is one graph, and a Tensor that does not fit is an error.
With `reduce_retracing=True`, a retrace relaxes Tensor shapes to unknown sizes.
"""
from __future__ import annotations

import ast
import dataclasses
from typing import Dict, List, Optional

import gast

from .calls import CallArgs, PyT, SeqT, TensorT, Unknown, trace_type
from .model import CallReport


@dataclasses.dataclass
class Signature:
    name: str
    positional: List[str]
    kwonly: List[str]
    defaults: Dict[str, object]          # name -> trace type of the default
    varargs: Optional[str]
    varkw: Optional[str]
    input_signature: Optional[List[Optional[TensorT]]]  # None: none; entries None: unreadable
    has_input_signature: bool = False
    reduce_retracing: bool = False


def _expr(node):
    """gast expression -> ast expression (calls.trace_type reads `ast`)."""
    return gast.gast_to_ast(node)


def signature_of(info, decorator=None, signature_expr=None) -> Signature:
    fn = info.node
    a = fn.args
    positional = [x.id for x in a.posonlyargs + a.args]
    if positional and positional[0] in ("self", "cls") and "." in info.name:
        positional = positional[1:]
    defaults = {}
    for arg, default in zip(reversed(a.posonlyargs + a.args), reversed(a.defaults)):
        defaults[arg.id] = trace_type(_expr(default))
    for arg, default in zip(a.kwonlyargs, a.kw_defaults):
        if default is not None:
            defaults[arg.id] = trace_type(_expr(default))
    sig = Signature(info.name, positional, [x.id for x in a.kwonlyargs], defaults,
                    a.vararg.id if a.vararg else None, a.kwarg.id if a.kwarg else None, None)
    if signature_expr is not None:
        sig.has_input_signature = True
        node = _expr(signature_expr)
        if isinstance(node, (ast.List, ast.Tuple)):
            sig.input_signature = [_spec(e) for e in node.elts]
    if isinstance(decorator, gast.Call):
        for kw in decorator.keywords:
            if kw.arg in ("reduce_retracing", "experimental_relax_shapes"):
                sig.reduce_retracing = isinstance(kw.value, gast.Constant) and kw.value.value is True
    return sig


def _spec(node) -> Optional[TensorT]:
    if not isinstance(node, ast.Call) or not (isinstance(node.func, ast.Attribute) and node.func.attr == "TensorSpec"):
        return None
    shape = dtype = None
    args = {k.arg: k.value for k in node.keywords}
    shape_node = args.get("shape", node.args[0] if node.args else None)
    dtype_node = args.get("dtype", node.args[1] if len(node.args) > 1 else None)
    if shape_node is not None:
        try:
            value = ast.literal_eval(shape_node)
        except ValueError:
            return None
        shape = None if value is None else tuple(value)
    if dtype_node is not None:
        dtype = dtype_node.attr if isinstance(dtype_node, ast.Attribute) else getattr(dtype_node, "value", None)
    return TensorT(dtype or "float32", shape)


class BindError(Exception):
    pass


def bind(sig: Signature, call: CallArgs) -> Dict[str, object]:
    bound: Dict[str, object] = {}
    extra = []
    for i, value in enumerate(call.args):
        if i < len(sig.positional):
            bound[sig.positional[i]] = value
        elif sig.varargs:
            extra.append(value)
        else:
            raise BindError(f"{sig.name}() takes {len(sig.positional)} positional arguments "
                            f"but {len(call.args)} were given")
    if sig.varargs:
        bound[sig.varargs] = SeqT("tuple", tuple(extra))
    kw_extra = []
    for name, value in call.kwargs:
        if name in bound:
            raise BindError(f"{sig.name}() got multiple values for argument `{name}`")
        if name in sig.positional or name in sig.kwonly:
            bound[name] = value
        elif sig.varkw:
            kw_extra.append((name, value))
        else:
            raise BindError(f"{sig.name}() got an unexpected keyword argument `{name}`")
    if sig.varkw:
        bound[sig.varkw] = SeqT("dict", tuple(sorted(kw_extra)))
    for name in sig.positional + sig.kwonly:
        if name not in bound:
            if name not in sig.defaults:
                raise BindError(f"{sig.name}() is missing the argument `{name}`")
            bound[name] = sig.defaults[name]
    return bound


def _fits(traced, value) -> bool:
    """Does a call's argument fit a traced graph's argument?"""
    if isinstance(traced, TensorT) and isinstance(value, TensorT):
        if traced.dtype != value.dtype:
            return False
        if traced.shape is None:
            return True
        if value.shape is None or len(traced.shape) != len(value.shape):
            return False
        return all(t is None or t == v for t, v in zip(traced.shape, value.shape))
    if isinstance(traced, SeqT) and isinstance(value, SeqT):
        if traced.kind != value.kind or len(traced.items) != len(value.items):
            return False
        if traced.kind == "dict":
            return all(tk == vk and _fits(tv, vv) for (tk, tv), (vk, vv) in zip(traced.items, value.items))
        return all(_fits(t, v) for t, v in zip(traced.items, value.items))
    if isinstance(traced, PyT) and isinstance(value, PyT):
        return traced.value == value.value
    return False


def _relax(t):
    if isinstance(t, TensorT) and t.shape is not None:
        return TensorT(t.dtype, tuple(None for _ in t.shape))
    if isinstance(t, SeqT):
        if t.kind == "dict":
            return SeqT("dict", tuple((k, _relax(v)) for k, v in t.items))
        return SeqT(t.kind, tuple(_relax(i) for i in t.items))
    return t


def _unknown(t) -> bool:
    if isinstance(t, Unknown):
        return True
    if isinstance(t, SeqT):
        return any(_unknown(v if t.kind != "dict" else v[1]) for v in t.items)
    return False


def _describe(key: Dict[str, object]) -> str:
    return ", ".join(f"{n}: {t}" for n, t in key.items())


def _differences(graph: Dict[str, object], key: Dict[str, object], number: int) -> str:
    """Why `key` does not fit the graph traced at call `number` (JAX-style: the argument)."""
    parts, why = [], []
    for name, value in key.items():
        old = graph.get(name)
        if old is not None and _fits(old, value):
            continue
        parts.append(f"`{name}` is {value} (call #{number}'s graph: {old})")
        if isinstance(value, PyT) and isinstance(old, PyT):
            why.append("each distinct Python value traces its own graph")
        elif isinstance(value, PyT):
            why.append("a Python value instead of a Tensor; each distinct value traces its own graph")
        elif isinstance(value, TensorT) and isinstance(old, TensorT) and old.dtype == value.dtype:
            why.append("a new shape traces a new graph")
        elif isinstance(value, TensorT) and isinstance(old, TensorT):
            why.append("a new dtype traces a new graph")
        else:
            why.append("a different kind of argument traces a new graph")
    return "; ".join(parts) + ": " + "; ".join(dict.fromkeys(why))


def predict(sig: Signature, calls: List[CallArgs], fails: Optional[str] = None) -> List[CallReport]:
    """`fails`: why tracing always raises (a finding), so no call can succeed."""
    if fails:
        return [CallReport(c.text, None, f"the call fails while tracing: {fails}", predicts_error=True)
                for c in calls]
    graphs: List[tuple] = []   # (call number, key)
    uncertain = None           # call number whose arguments could not be read
    out = []
    for number, call in enumerate(calls, 1):
        try:
            key = bind(sig, call)
        except BindError as exc:
            out.append(CallReport(call.text, None, f"the call fails: {exc} (TypeError)",
                                  predicts_error=True))
            continue
        if sig.has_input_signature:
            out.append(_with_signature(sig, key, call, number, graphs))
            continue
        if any(_unknown(t) for t in key.values()):
            bad = next(n for n, t in key.items() if _unknown(t))
            uncertain = uncertain or number
            out.append(CallReport(call.text, None, f"cannot predict: `{bad}` is {key[bad]}; run with "
                                  "--run to observe"))
            continue
        match = next((n for n, g in graphs if all(_fits(g[p], key[p]) for p in key)), None)
        if match is not None:
            out.append(CallReport(call.text, False, f"reuses the graph of call #{match}: "
                                  f"same dtypes, shapes and Python values ({_describe(key)})"))
            continue
        if uncertain is not None:
            out.append(CallReport(call.text, None, f"cannot predict: it may reuse the graph of call "
                                  f"#{uncertain}, whose arguments agx could not read"))
            continue
        if not graphs:
            reason = f"first call: traces a graph for {_describe(key)}"
            graphs.append((number, key))
        else:
            closest_n, closest = min(reversed(graphs), key=lambda g: sum(
                not _fits(g[1].get(p), t) if g[1].get(p) is not None else True for p, t in key.items()))
            stored = {n: _relax(t) for n, t in key.items()} if sig.reduce_retracing else key
            reason = "new graph: " + _differences(closest, key, closest_n)
            if sig.reduce_retracing and stored != key:
                reason += f"; reduce_retracing traces it for {_describe(stored)}"
            graphs.append((number, stored))
        out.append(CallReport(call.text, True, reason))
    return out


def _with_signature(sig: Signature, key, call, number, graphs) -> CallReport:
    names = sig.positional
    specs = sig.input_signature
    if specs is not None:
        for name, spec in zip(names, specs):
            value = key.get(name)
            if spec is not None and isinstance(value, TensorT) and not _fits(spec, value):
                return CallReport(call.text, None, f"the call fails: `{name}` is {value}, which does not "
                                  f"match the input_signature's {spec} (TypeError)", predicts_error=True)
    if not graphs:
        graphs.append((number, key))
        return CallReport(call.text, True, "first call: traces the one graph of the input_signature")
    return CallReport(call.text, False, f"reuses the graph of call #{graphs[0][0]}: the input_signature "
                      "fixes one graph for every matching call")
