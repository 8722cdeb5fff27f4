"""The two functions tf1 writes for each runner: `build_f_graph(...)` and the runner `f(...)`.

Before (lowered and ordered):           After:
    def f(x, scale=2):                      def build_f_graph(x_spec, scale):
        <body>                                  graph = tf.Graph()
        return y                                with graph.as_default():
                                                    x = tf.compat.v1.placeholder(x_spec.dtype, x_spec.shape, name='x')
                                                    <body>
                                                    outputs = y
                                                return graph, (x,), outputs

                                            def f(x, scale=2):
                                                x_spec, x = spec_and_value(x)
                                                return run_graph(build_f_graph, (x_spec, scale), (x,))

The body is inlined when its only `return` is its last statement; otherwise it stays a
nested function called on the placeholders. With an input_signature the specs default to
it, and the runner casts each argument to its spec.
"""
from __future__ import annotations

import copy
from typing import List

import gast

from ..analysis.decisions import Kind
from ..analysis.decisions import Sort
from ..ground.syntax import arguments, param_names, walk, walk_body
from ..ground.tfapi import is_tf_function
from ..lower import templates as T


def _docstring(fn):
    first = fn.body[0] if fn.body else None
    if (isinstance(first, gast.Expr) and isinstance(first.value, gast.Constant)
            and isinstance(first.value.value, str)):
        return first
    return None


def _signature_specs(target, tensor_params: List[str]):
    """Per tensor parameter, its spec expression from input_signature (or None)."""
    sig = target.signature
    if sig is None:
        return [None] * len(tensor_params)
    if isinstance(sig, (gast.List, gast.Tuple)) and len(sig.elts) == len(tensor_params):
        return [copy.deepcopy(e) for e in sig.elts]
    return [gast.Subscript(value=copy.deepcopy(sig), slice=T.constant(i), ctx=gast.Load())
            for i in range(len(tensor_params))]


def _tail(stmts: List) -> List:
    """The block holding the last statement, following trailing `with` blocks."""
    while stmts and isinstance(stmts[-1], gast.With):
        stmts = stmts[-1].body
    return stmts


def _body_statements(fn, params: List[str], outputs: str) -> List:
    """The function body computing `outputs`: inlined, or a nested function when it returns early."""
    body = [s for s in fn.body if s is not _docstring(fn)]
    returns = [s for s in walk_body(body) if isinstance(s, gast.Return)]
    tail = _tail(body)
    if not returns:
        return body + [T.replace("outputs = None", outputs=outputs)[0]]
    if len(returns) == 1 and tail and tail[-1] is returns[0]:
        value = returns[0].value or T.constant(None)
        tail[-1] = gast.Assign(targets=[T.name(outputs, gast.Store())], value=value, type_comment=None)
        return body
    args = arguments(params)
    inner = gast.FunctionDef(name=fn.name, args=args, body=body, decorator_list=[],
                             returns=None, type_comment=None, type_params=[])
    call = T.call(T.name(fn.name), *[T.name(p) for p in params])
    return [inner, gast.Assign(targets=[T.name(outputs, gast.Store())], value=call, type_comment=None)]


def _python_only(fn) -> set:
    """Parameters TensorFlow needs as Python values, so never placeholders: a `seed=` of a
    random op, the argument of `tf.random.set_seed` (an op seed is a Python int)."""
    names = set()
    for node in walk(fn):
        if not isinstance(node, gast.Call):
            continue
        values = [k.value for k in node.keywords if k.arg in ("seed", "seed2")]
        if isinstance(node.func, gast.Attribute) and node.func.attr in ("set_seed", "set_random_seed"):
            values += node.args[:1]
        names.update(v.id for v in values if isinstance(v, gast.Name))
    return names


def builder_and_runner(target, fn, module, state) -> List[gast.stmt]:
    """`build_<name>_graph` and the runner that replace `fn` (the lowered copy of `target`)."""
    tf, namer, names = state.tf, state.namer, module.names
    method = target.class_name is not None
    info = next(i for i in module.analysis.functions if i.name == target.qualname)
    infos = {p.name: p for p in info.params}
    params = param_names(fn, star=False)
    # Python kinds (and parameters defaulting to None) are part of the graph's signature, and
    # so are seeds; the others are fed to placeholders (a TF1 caller passes NumPy/Python values)
    seeds = _python_only(fn)
    python = [p for p in params if infos[p].kind == Kind.PYTHON or infos[p].sort is Sort.OPTIONAL
              or p in seeds]
    tensors = [p for p in params if p not in python]
    specs = {p: namer.new(f"{p}_spec") for p in tensors}
    sig = dict(zip(tensors, _signature_specs(target, tensors)))
    graph, outputs = namer.new("graph"), namer.new("outputs")
    build_name = namer.unique(f"build_{fn.name}_graph")

    inside = [T.replace(f"p = {tf}.compat.v1.placeholder(spec.dtype, spec.shape, name=label)",
                        p=p, spec=specs[p], label=T.constant(p))[0] for p in tensors]
    inside += module.creations(fn, namer)
    inside += module.instance_creations(target.qualname, tf)
    rebinds = {n.id for s in fn.body for n in walk(s)
               if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store)} & set(tensors)
    placeholders = T.names_tuple(tensors)
    if rebinds:
        keep = namer.new("placeholders")
        inside.append(T.replace("keep = phs", keep=keep, phs=placeholders)[0])
        placeholders = T.name(keep)
    inside += _body_statements(fn, params, outputs)
    builder = T.replace(f'''
def build(params):
    """The TF1 graph of `{fn.name}`: a placeholder per argument, its body, its outputs."""
    graph = {tf}.Graph()
    with graph.as_default():
        inside
    return graph, placeholders, outputs
''', build=build_name, params=[specs.get(p, p) for p in params], graph=graph, inside=inside,
        placeholders=placeholders, outputs=outputs)[0]
    builder.body[1:1] = module.instance_reads(target.qualname, namer)  # eager values, read before the graph
    args = builder.args
    args.defaults = [sig[p] for p in tensors if sig.get(p) is not None]
    if args.defaults and len(args.defaults) != len(params):
        args.defaults = []  # Python parameters mixed in: no defaults rather than shifted ones

    lines = [T.replace(f"spec, p = {names['spec_and_value']}(p)", spec=specs[p], p=p)[0]
             for p in tensors]
    for stmt, p in zip(lines, tensors):
        if sig.get(p) is not None:
            stmt.value.args.append(copy.deepcopy(sig[p]))
    # a method runs its own instance's graphs: the bound builder keys the Session cache
    build_ref = gast.Attribute(value=T.name(params[0]), attr=build_name, ctx=gast.Load()) if method \
        else T.name(build_name)
    signature = [T.name(specs.get(p, p)) for p in (params[1:] if method else params)]
    call = T.replace(f"return {names['run_graph']}(build, signature, feeds)", build=build_ref,
                     signature=gast.Tuple(elts=signature, ctx=gast.Load()),
                     feeds=T.names_tuple(tensors))[0]
    doc = _docstring(fn) or gast.Expr(value=T.constant(
        f"Runs the graph of `{fn.name}` in a Session, built once per argument signature."))
    runner = gast.FunctionDef(name=fn.name, args=fn.args, body=[doc] + lines + [call],
                              decorator_list=[d for d in fn.decorator_list
                                              if not is_tf_function(d, state.ctx)],
                              returns=fn.returns, type_comment=None, type_params=[])
    return [builder, runner]

