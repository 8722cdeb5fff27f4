"""Functions of the file a graph reaches in ways other than `helper(x)` / `self.method(x)`:
methods through attributes, factories, and the functions handed to them.

Before (what `select` sees):                      After (what it also converts):
    class Runner:                                     Translator.translate  (self.model is a
        def __init__(self):                             Translator: assigned in __init__)
            self.model = Translator(3.0)
        @tf.function
        def run(self, x):
            return self.model.translate(x)
    loop = tf.function(create_loop_fn(step))          create_loop_fn (its nested `loop_fn` is
                                                        traced) and `step` (loop_fn calls the
                                                        parameter it is passed to)
Instances are resolved from `self.attr = K(...)` in `__init__`/`build` (the class's own or
a base class's of the file), `name = K(...)` in the function or at module level, K a class
of the file, and from what the file's constructions pass to `__init__` for `self.attr =
param` (`Runner(Translator(3.0))`, `Runner(step)`: one class, or one function of the file). `unresolved_methods` lists the calls it cannot resolve that may reach a method
of the file (by name): the caller warns (AGX113).
"""
from __future__ import annotations

import weakref
from typing import Dict, Iterator, List, Optional

import gast

from ..ground.syntax import nodes, param_names, walk

INIT_METHODS = ("__init__", "build")


class Reach:
    """What the file's classes and module-level names are, for resolving callables."""

    def __init__(self, tree: gast.Module, found: Dict[str, object]):
        self.found = found
        self.classes = {s.name: s for s in tree.body if isinstance(s, gast.ClassDef)}
        self.attrs = {name: _instance_attrs(c, self.classes) for name, c in self.classes.items()}
        self.globals = _bindings(tree.body)
        self._assigned: Dict[str, set] = {}
        self.constructions: Dict[str, list] = {}
        for node in nodes(tree):
            if isinstance(node, gast.Call) and isinstance(node.func, gast.Name) and node.func.id in self.classes:
                self.constructions.setdefault(node.func.id, []).append(node)
        self.imported = {(a.asname or a.name).split(".")[0] for s in tree.body
                         if isinstance(s, (gast.Import, gast.ImportFrom)) for a in s.names}

    # -- classes ------------------------------------------------------------------------
    def assigned(self, cls: str) -> set:
        """Attributes `self.x = ...` assigned in any method of `cls` or its bases of the file,
        with the values assigned."""
        if cls not in self._assigned:
            self._assigned[cls] = self._assigned_in(cls)
        return self._assigned[cls]

    def _assigned_in(self, cls: str) -> Dict[str, list]:
        out: Dict[str, list] = {}
        for c in self.bases(cls):
            for node in nodes(self.classes[c]):
                if isinstance(node, gast.Assign):
                    for t in node.targets:
                        if isinstance(t, gast.Attribute) and isinstance(t.value, gast.Name) and t.value.id == "self":
                            out.setdefault(t.attr, []).append(node.value)
        return out

    def library_object(self, cls: str, attr: str, libraries) -> bool:
        """Every value `self.attr` is assigned is made by a library (`keras.layers.Dense(3)`,
        `tf.Variable(1.0)`: a call whose root name is in `libraries`) or is a constant."""
        values = self.assigned(cls).get(attr, [])
        return bool(values) and all(
            isinstance(v, gast.Constant) or (isinstance(v, gast.Call) and root_name(v.func) in libraries)
            for v in values)

    def bases(self, cls: str) -> Iterator[str]:
        """`cls` and its base classes of the file, nearest first."""
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop(0)
            if c in seen or c not in self.classes:
                continue
            seen.add(c)
            yield c
            todo += [b.id for b in self.classes[c].bases if isinstance(b, gast.Name)]

    def method(self, cls: str, name: str) -> Optional[str]:
        return next((f"{c}.{name}" for c in self.bases(cls) if f"{c}.{name}" in self.found), None)

    def instance(self, expr, class_name: Optional[str], local: Dict) -> Optional[str]:
        """The file class of which `expr` (`self.model`, `model`) is an instance, if known."""
        if (isinstance(expr, gast.Attribute) and isinstance(expr.value, gast.Name)
                and expr.value.id == "self" and class_name):
            known = next((self.attrs[c][expr.attr] for c in self.bases(class_name)
                          if expr.attr in self.attrs[c]), None)
            if known:
                return known
            made = {a.func.id for a in self.passed(class_name, expr.attr) if isinstance(a, gast.Call)
                    and isinstance(a.func, gast.Name) and a.func.id in self.classes}
            return made.pop() if len(made) == 1 else None
        if isinstance(expr, gast.Call) and isinstance(expr.func, gast.Name) and expr.func.id in self.classes:
            return expr.func.id  # `Translator().translate(x)`
        if isinstance(expr, gast.Name):
            bound = local.get(expr.id, self.globals.get(expr.id))
            if isinstance(bound, gast.Call) and isinstance(bound.func, gast.Name) and bound.func.id in self.classes:
                return bound.func.id
        return None

    # -- references -----------------------------------------------------------------------
    def reference(self, f, class_name: Optional[str], local: Dict) -> Optional[str]:
        """The function of the file `f` names: `helper`, `self.method`, `self.model.translate`
        (an instance of a file class), `self.model` / `model` called (its `__call__`)."""
        if isinstance(f, gast.Name) and f.id in self.found and f.id not in local:
            return f.id
        if isinstance(f, gast.Attribute) and isinstance(f.value, gast.Name) and f.value.id == "self" and class_name:
            own = self.method(class_name, f.attr)
            if own:
                return own
        if isinstance(f, gast.Attribute):
            cls = self.instance(f.value, class_name, local)
            if cls:
                return self.method(cls, f.attr)
        cls = self.instance(f, class_name, local)
        if cls:
            return self.method(cls, "__call__")
        if isinstance(f, gast.Attribute) and isinstance(f.value, gast.Name) and f.value.id == "self" and class_name:
            given = {a.id for a in self.passed(class_name, f.attr) if isinstance(a, gast.Name) and a.id in self.found}
            return given.pop() if len(given) == 1 else None  # `self.fn = fn` and `Runner(step)`
        return None

    def passed(self, cls: str, attr: str) -> List:
        """The arguments the file's constructions of `cls` (`Runner(step)`) give to the
        `__init__` parameter that `self.attr = param` stores."""
        init = next((self.found.get(f"{c}.__init__") for c in self.bases(cls) if f"{c}.__init__" in self.found), None)
        if init is None:
            return []
        fn = init.node
        params = param_names(fn, star=False)[1:]
        stored = {node.value.id for node in nodes(fn) if isinstance(node, gast.Assign)
                  and isinstance(node.value, gast.Name) and node.value.id in params
                  and any(isinstance(t, gast.Attribute) and isinstance(t.value, gast.Name)
                          and t.value.id == "self" and t.attr == attr for t in node.targets)}
        if len(stored) != 1:
            return []
        param = stored.pop()
        out = []
        for call in self.constructions.get(cls, []):
            out += [k.value for k in call.keywords if k.arg == param]
            index = params.index(param)
            out += call.args[index:index + 1] if not any(isinstance(a, gast.Starred) for a in call.args) else []
        return out

    def traced(self, f, class_name: Optional[str], local: Dict) -> List[str]:
        """What tracing `f` runs: the function it names, or, for a factory call (`make(step)`,
        or a name bound to one), the factory and the functions it hands to its result."""
        ref = self.reference(f, class_name, local)
        if ref:
            return [ref]
        if isinstance(f, gast.Name):
            f = local.get(f.id, self.globals.get(f.id))
        if isinstance(f, gast.Call):
            factory = self.reference(f.func, class_name, local)
            if factory:
                return [factory] + self.handed(f, factory, class_name, local)
        return []

    def handed(self, call: gast.Call, callee: str, class_name: Optional[str], local: Dict) -> List[str]:
        """Functions of the file passed to `callee` for a parameter it calls (`run(step)`
        where `run` calls `step_fn(...)`, in its body or a nested def)."""
        fn = getattr(self.found[callee], "node", None)
        if fn is None:
            return []
        params = param_names(fn, star=False)
        if params and params[0] == "self" and "." in callee:
            params = params[1:]
        called = _called_names(fn)
        out = []
        for i, arg in enumerate(call.args):
            if i < len(params) and params[i] in called:
                out += [r for r in [self.reference(arg, class_name, local)] if r]
        for k in call.keywords:
            if k.arg in called:
                out += [r for r in [self.reference(k.value, class_name, local)] if r]
        return out


def root_name(expr) -> Optional[str]:
    """`a` of `a.b[0].c()`."""
    while isinstance(expr, (gast.Attribute, gast.Subscript, gast.Call)):
        expr = expr.func if isinstance(expr, gast.Call) else expr.value
    return expr.id if isinstance(expr, gast.Name) else None


def _bindings(stmts) -> Dict[str, object]:
    """name -> the value of its one assignment in `stmts` (module level, or anywhere in a
    function); a name assigned more than once is left out (it is not one thing)."""
    out: Dict[str, object] = {}
    count: Dict[str, int] = {}
    for stmt in stmts:
        for node in walk(stmt) if not isinstance(stmt, (gast.FunctionDef, gast.ClassDef)) else ():
            if isinstance(node, gast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], gast.Name):
                name = node.targets[0].id
                out[name], count[name] = node.value, count.get(name, 0) + 1
    return {n: v for n, v in out.items() if count[n] == 1}


_LOCAL: "weakref.WeakKeyDictionary[gast.AST, Dict[str, object]]" = weakref.WeakKeyDictionary()


def local_bindings(fn) -> Dict[str, object]:
    """The one-assignment names of a function's body (nested defs included), and its
    parameters (bound to None: a parameter is not a file function, whatever its name).
    Computed once per function node (selection asks for it several times; read-only)."""
    out = _LOCAL.get(fn)
    if out is None:
        out = _bindings(fn.body)
        for n in param_names(fn):
            out.setdefault(n, None)
        _LOCAL[fn] = out
    return out


def _instance_attrs(cls: gast.ClassDef, classes) -> Dict[str, str]:
    """`self.model = Translator(...)` in __init__/build, Translator a class of the file ->
    {"model": "Translator"}; an attribute also assigned something else is left out."""
    out: Dict[str, Optional[str]] = {}
    for item in cls.body:
        if not isinstance(item, gast.FunctionDef):
            continue
        for node in walk(item):
            if not isinstance(node, gast.Assign):
                continue
            for t in node.targets:
                if isinstance(t, gast.Attribute) and isinstance(t.value, gast.Name) and t.value.id == "self":
                    v = node.value
                    kind = (v.func.id if item.name in INIT_METHODS and isinstance(v, gast.Call)
                            and isinstance(v.func, gast.Name) and v.func.id in classes else None)
                    out[t.attr] = kind if out.get(t.attr, kind) == kind else None
    return {a: k for a, k in out.items() if k}


def _called_names(fn) -> set:
    """Names called in `fn` (nested defs included), or handed to a call as its first argument."""
    names = set()
    for node in nodes(fn):
        if isinstance(node, gast.Call):
            if isinstance(node.func, gast.Name):
                names.add(node.func.id)
            names.update(a.id for a in node.args[:1] if isinstance(a, gast.Name))
    return names
