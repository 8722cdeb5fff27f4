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
Attributes holding Python values stay `self.<attr>` reads; anything else (a Keras layer,
model or cell, a submodule, an object made in any method or held in a list, an attribute
set outside `__init__`, an attribute called that may hold a layer passed in) cannot live in
a TF1 graph: AGX505.
"""
from __future__ import annotations

from typing import Dict, List, Set

import gast

from ..analysis.decisions import Kind
from ..analysis.reach import Reach
from ..ground.anno import Anno, put
from ..ground.syntax import Transformer, dotted, walk
from ..ground.tfapi import is_variable_call, tf_api
from ..lower import templates as T
from ..select import candidates


def _class(analysis, name):
    return next((s for s in analysis.parsed.tree.body if isinstance(s, gast.ClassDef) and s.name == name), None)


def instance_variables(analysis, class_name: str, state) -> Dict[str, int]:
    """`x` -> line, for every `self.x = tf.Variable(...)` in the class's `__init__`."""
    cls = _class(analysis, class_name)
    found: Dict[str, int] = {}
    for item in (cls.body if cls else []):
        if isinstance(item, gast.FunctionDef) and item.name == "__init__":
            for node in walk(item):
                if isinstance(node, gast.Assign) and is_variable_call(node.value, state.ctx):
                    for t in node.targets:
                        name = dotted(t) or ""
                        if name.startswith("self.") and name.count(".") == 1:
                            found[name[5:]] = node.lineno
    return found


def self_reads(fn) -> Set[str]:
    """Attributes `self.<a>` read directly in `fn` (method calls on them included)."""
    out = set()
    for node in walk(fn):
        if (isinstance(node, gast.Attribute) and isinstance(node.value, gast.Name)
                and node.value.id == "self"):
            out.add(node.attr)
    return out


def _object_call(value, analysis, local_classes, imported) -> bool:
    """`value` makes an object that cannot live in a TF1 graph: a Keras layer, model or cell, a
    tf.Module, an instance of a class of this file or an imported class, or a container or
    conditional expression holding one."""
    for node in walk(value):
        if isinstance(node, gast.Call):
            func = dotted(node.func) or ""
            api = tf_api(node.func, analysis.ctx) or ""
            head = func.split(".")[0]
            if (api.startswith(("keras", "Module")) or head in local_classes or func.startswith(("keras.", "layers."))
                    or (head in imported and (imported[head] or head[:1].isupper()))):
                return True
    return False


def _imported(analysis) -> Dict[str, bool]:
    """Imported names -> whether they come from Keras or TensorFlow."""
    out = {}
    for s in analysis.parsed.tree.body:
        if isinstance(s, gast.ImportFrom):
            for a in s.names:
                out[a.asname or a.name] = "keras" in (s.module or "") or (s.module or "").startswith("tensorflow")
    return out


def _objects(analysis, cls) -> Set[str]:
    """Attributes set, in any method, to a constructed object (see `_object_call`): these stay
    Python objects, not graph values."""
    local_classes = {s.name for s in analysis.parsed.tree.body if isinstance(s, gast.ClassDef)}
    imported = _imported(analysis)
    found = set()
    for item in cls.body:
        if isinstance(item, gast.FunctionDef):
            for node in walk(item):
                if isinstance(node, gast.Assign) and _object_call(node.value, analysis, local_classes, imported):
                    found.update((dotted(t) or "")[5:] for t in node.targets if (dotted(t) or "").startswith("self."))
    return found


def _plain_callables(cls) -> Set[str]:
    """Attributes only ever assigned a function agx can see is one: a lambda, or a dotted
    name (`tf.nn.relu`, `helper`), never a parameter or a call's result."""
    values: Dict[str, list] = {}
    for item in cls.body:
        if isinstance(item, gast.FunctionDef):
            params = {a.id for a in item.args.args + item.args.kwonlyargs}
            for node in walk(item):
                if isinstance(node, gast.Assign):
                    for t in node.targets:
                        name = dotted(t) or ""
                        if name.startswith("self.") and name.count(".") == 1:
                            ok = isinstance(node.value, gast.Lambda) or (
                                dotted(node.value) is not None and dotted(node.value).split(".")[0] not in params)
                            values.setdefault(name[5:], []).append(ok)
    return {a for a, oks in values.items() if all(oks)}


def _called_attrs(fn) -> Set[str]:
    """`self.a(...)` and `self.a[i](...)` in `fn`."""
    out = set()
    for node in walk(fn):
        if isinstance(node, gast.Call):
            f = node.func.value if isinstance(node.func, gast.Subscript) else node.func
            if isinstance(f, gast.Attribute) and isinstance(f.value, gast.Name) and f.value.id == "self":
                out.add(f.attr)
    return out


def unsupported_reads(analysis, target, variables: Dict[str, int]) -> List[str]:
    """Attributes the method reads that are neither instance variables nor Python values."""
    attrs = analysis.ctx.class_attrs.get(target.class_name, {})
    cls = _class(analysis, target.class_name)
    methods = {i.name for i in cls.body if isinstance(i, gast.FunctionDef)}
    objects = _objects(analysis, cls)
    reach = Reach(analysis.parsed.tree, candidates(analysis.parsed.tree))
    functions = {a for a in _called_attrs(target.node)  # `self.fn = fn` and `Runner(step)`: a function
                 if "." not in (reach.reference(T.attr(f"self.{a}"), target.class_name, {}) or ".")}
    callables = _called_attrs(target.node) - _plain_callables(cls) - functions  # may be a layer passed in
    bad = []
    for a in sorted(self_reads(target.node)):
        if a in variables or a == "name_scope" or a in methods:
            continue
        if attrs.get(a) != Kind.PYTHON or a in objects or a in callables:
            bad.append(a)
    return bad


class _Localize(Transformer):
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
