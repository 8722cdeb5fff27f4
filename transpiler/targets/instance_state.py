"""Target tf1, methods: the instance's tf.Variables, created again inside the method's graph.

A tf.Module creates its variables eagerly in `__init__`; a TF1 graph cannot use them. The
method's builder reads each variable's current value before building (eagerly) and creates
a graph variable from it; the graph variable then holds the state for every call of that
instance's runner (initialised once, when the graph is built).

Before (method body):                  In build_addprint_graph(self, a_spec):
    self.x.assign_add(a)                   self_x_initial = self.x.numpy()
                                           graph = tf.Graph()
                                           with graph.as_default():
                                               self_x = tf.Variable(self_x_initial, name='x')
                                               self_x.assign_add(a)
Attributes holding Python values stay `self.<attr>` reads; anything else (a Keras layer, a
submodule, an attribute set outside `__init__`) cannot live in a TF1 graph: AGX505.
"""
from __future__ import annotations

from typing import Dict, List, Set

import gast

from ..analysis.decisions import Kind
from ..ground.anno import Anno, put
from ..ground.syntax import dotted
from ..ground.tfapi import is_variable_call, tf_api
from ..lower import templates as T


def _class(analysis, name):
    return next((s for s in analysis.parsed.tree.body if isinstance(s, gast.ClassDef) and s.name == name), None)


def instance_variables(analysis, class_name: str, state) -> Dict[str, int]:
    """`x` -> line, for every `self.x = tf.Variable(...)` in the class's `__init__`."""
    cls = _class(analysis, class_name)
    found: Dict[str, int] = {}
    for item in (cls.body if cls else []):
        if isinstance(item, gast.FunctionDef) and item.name == "__init__":
            for node in gast.walk(item):
                if isinstance(node, gast.Assign) and is_variable_call(node.value, state.ctx):
                    for t in node.targets:
                        name = dotted(t) or ""
                        if name.startswith("self.") and name.count(".") == 1:
                            found[name[5:]] = node.lineno
    return found


def self_reads(fn) -> Set[str]:
    """Attributes `self.<a>` read directly in `fn` (method calls on them included)."""
    out = set()
    for node in gast.walk(fn):
        if (isinstance(node, gast.Attribute) and isinstance(node.value, gast.Name)
                and node.value.id == "self"):
            out.add(node.attr)
    return out


def _objects(analysis, cls) -> Set[str]:
    """Attributes set in `__init__` to a constructed object: a Keras layer, a tf.Module, an
    instance of a class of this file (these stay Python objects, not graph values)."""
    local_classes = {s.name for s in analysis.parsed.tree.body if isinstance(s, gast.ClassDef)}
    found = set()
    for item in cls.body:
        if isinstance(item, gast.FunctionDef) and item.name == "__init__":
            for node in gast.walk(item):
                if isinstance(node, gast.Assign) and isinstance(node.value, gast.Call):
                    func = dotted(node.value.func) or ""
                    api = tf_api(node.value.func, analysis.ctx) or ""
                    if api.startswith(("keras", "Module")) or func.split(".")[0] in local_classes \
                            or func.startswith(("keras.", "layers.")):
                        found.update((dotted(t) or "")[5:] for t in node.targets)
    return found


def unsupported_reads(analysis, target, variables: Dict[str, int]) -> List[str]:
    """Attributes the method reads that are neither instance variables nor Python values."""
    attrs = analysis.ctx.class_attrs.get(target.class_name, {})
    cls = _class(analysis, target.class_name)
    methods = {i.name for i in cls.body if isinstance(i, gast.FunctionDef)}
    objects = _objects(analysis, cls)
    bad = []
    for a in sorted(self_reads(target.node)):
        if a in variables or a == "name_scope" or a in methods:
            continue
        if attrs.get(a) != Kind.PYTHON or a in objects:
            bad.append(a)
    return bad


class _Localize(gast.NodeTransformer):
    def __init__(self, local: Dict[str, str]):
        self.local = local

    def visit_Attribute(self, node):
        if (isinstance(node.value, gast.Name) and node.value.id == "self" and node.attr in self.local):
            return gast.copy_location(T.name(self.local[node.attr], type(node.ctx)()), node)
        self.generic_visit(node)
        return node


def localize(fn, variables: Dict[str, int], namer, extra: Set[str] = frozenset()) -> Dict[str, str]:
    """`self.x` -> `self_x` in `fn`, for the instance variables it uses (and `extra`: those the
    helper methods it calls read); returns the mapping."""
    used = (self_reads(fn) | extra) & set(variables)
    local = {a: namer.unique(f"self_{a}") for a in sorted(used)}
    _Localize(local).visit(fn)
    return local


def before_graph(local: Dict[str, str], namer) -> List[gast.stmt]:
    """Read the eager variables' values (outside the graph, where `.numpy()` works)."""
    return [T.replace(f"initial = self.{a}.numpy()", initial=f"{name}_initial")[0]
            for a, name in local.items()]


def in_graph(local: Dict[str, str], variables: Dict[str, int], tf: str) -> List[gast.stmt]:
    out = []
    for a, name in local.items():
        stmt = T.replace(f"local = {tf}.Variable(initial, name=label)", local=name,
                         initial=f"{name}_initial", label=T.constant(a))[0]
        put(stmt, Anno.COMMENT, [f"# line {variables[a]}: `self.{a}` (created in __init__), in this graph"])
        out.append(stmt)
    return out
