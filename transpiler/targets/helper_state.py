"""Target tf1, helper methods: the instance variables a helper reads are passed to it by the
runner whose graph calls it, as the runner's own reads are (instance_state.py).

A runner's graph holds its own copies of the instance's variables (`self_x`, created from
their eager values); a helper method it calls (`self.step(a)`) must read those, not the
eager `self.x`. So the helper takes each variable it reads (itself, or through the helpers
it calls) as a keyword-only parameter, defaulting to the instance's own when another caller
does not pass it, and every call of it in the runner's graph passes the graph's copy.

Before:                                  After:
    @tf.function                             def build_run_graph(self, a_spec):
    def run(self, a):                            self_x_initial = self.x.numpy()
        return self.step(a)                      ...
                                                     self_x = tf.Variable(self_x_initial, name='x')
    def step(self, a):                               outputs = self.step(a, self_x=self_x)
        self.x.assign_add(a)                 def step(self, a, *, self_x=None):
        return self.x * 2                        self_x = self.x if self_x is None else self_x
                                                 self_x.assign_add(a)
                                                 return self_x * 2
Not sound, and refused (AGX501), when the helper rebinds such an attribute (`self.x = ...`),
or when the runner's graph uses the helper other than by calling it (`tf.map_fn(self.step,
v)`: nothing would pass the copies).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set

import gast

from ..ground.syntax import Transformer, walk
from ..lower import templates as T
from .instance_state import self_reads


def _self_calls(fn) -> Set[str]:
    """Methods `fn` calls as `self.m(...)`."""
    return {n.func.attr for n in walk(fn) if isinstance(n, gast.Call) and isinstance(n.func, gast.Attribute)
            and isinstance(n.func.value, gast.Name) and n.func.value.id == "self"}


def reached(runner, methods: Dict[str, object]) -> List:
    """The helper methods (Selected, of `methods`: name -> Selected of the runner's class, not
    runners) the runner calls as `self.m(...)`, transitively."""
    out, todo = [], [runner]
    while todo:
        for name in sorted(_self_calls(todo.pop().node)):
            t = methods.get(name)
            if t is not None and t not in out:
                out.append(t)
                todo.append(t)
    return out


def needs(helpers: List, variables: Set[str]) -> Dict[str, Set[str]]:
    """qualname -> the instance variables a helper reads, itself or through helpers it calls."""
    by_name = {t.node.name: t for t in helpers}
    out = {t.qualname: self_reads(t.node) & variables for t in helpers}
    changed = True
    while changed:
        changed = False
        for t in helpers:
            for callee in _self_calls(t.node) & set(by_name):
                extra = out[by_name[callee].qualname] - out[t.qualname]
                if extra:
                    out[t.qualname] |= extra
                    changed = True
    return out


def unsound(runner, helpers: List, wanted: Dict[str, Set[str]], variables: Set[str]) -> Optional[str]:
    """Why the variables cannot be passed through (the AGX501 message), or None."""
    needing = {t.node.name for t in helpers if wanted[t.qualname]}
    for t in helpers:
        for n in walk(t.node):
            if (isinstance(n, gast.Attribute) and isinstance(n.value, gast.Name) and n.value.id == "self"
                    and n.attr in variables and isinstance(n.ctx, (gast.Store, gast.Del))):
                return f"helper `{t.qualname}` rebinds `self.{n.attr}`"
    for fn in [runner.node] + [t.node for t in helpers]:
        called = {id(n.func) for n in walk(fn) if isinstance(n, gast.Call)}
        for n in walk(fn):
            if (isinstance(n, gast.Attribute) and isinstance(n.value, gast.Name) and n.value.id == "self"
                    and n.attr in needing and id(n) not in called):
                return f"`self.{n.attr}` is used other than by calling it"
    return None


class _Rename(Transformer):
    def __init__(self, local: Dict[str, str]):
        self.local = local

    def visit_Attribute(self, node):
        if isinstance(node.value, gast.Name) and node.value.id == "self" and node.attr in self.local:
            return gast.copy_location(T.name(self.local[node.attr], type(node.ctx)()), node)
        self.generic_visit(node)
        return node


def pass_through(fn: gast.FunctionDef, attrs: Set[str], namer) -> Dict[str, str]:
    """`self.x` -> a keyword-only parameter `self_x=None`, for each of `attrs`; returns attr ->
    parameter name (`defaults` adds the instance's own for a caller that does not pass it)."""
    local = {a: namer.unique(f"self_{a}") for a in sorted(attrs)}
    _Rename(local).visit(fn)
    for a, name in local.items():
        fn.args.kwonlyargs.append(gast.Name(id=name, ctx=gast.Param(), annotation=None, type_comment=None))
        fn.args.kw_defaults.append(T.constant(None))
    return local


def defaults(fn: gast.FunctionDef, local: Dict[str, str]) -> None:
    """`self_x = self.x if self_x is None else self_x` at the top of the helper (after the
    effect ordering: choosing the object is not a read of the variable)."""
    prologue = [T.replace(f"{name} = self.{a} if {name} is None else {name}")[0] for a, name in local.items()]
    doc = 1 if fn.body and isinstance(fn.body[0], gast.Expr) and isinstance(
        getattr(fn.body[0], "value", None), gast.Constant) and isinstance(fn.body[0].value.value, str) else 0
    fn.body[doc:doc] = prologue


def forward(fn: gast.FunctionDef, local: Dict[str, str], params: Dict[str, Dict[str, str]]) -> None:
    """Each `self.m(...)` call in `fn` of a helper taking variables (`params`: method name ->
    attr -> parameter) passes `fn`'s own names for them (`local`: attr -> name)."""
    for n in walk(fn):
        if (isinstance(n, gast.Call) and isinstance(n.func, gast.Attribute) and isinstance(n.func.value, gast.Name)
                and n.func.value.id == "self" and n.func.attr in params):
            for a, param in params[n.func.attr].items():
                if a in local:
                    n.keywords.append(gast.keyword(arg=param, value=T.name(local[a])))
