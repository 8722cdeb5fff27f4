"""Module-level Tensors and tf.Variables a tf1 graph reads, created again inside the graph.

An eager Tensor or variable made at import time cannot be used in a TF1 graph, so the
builder repeats its definition inside the graph (the initializer then sets it up once).

Before (module level):                  In build_f_graph, inside the graph:
    counter = tf.Variable(0)                # line 3: module-level `counter`, created in this graph
    mymodule.x = tf.Variable(0.0)           counter = tf.Variable(0)
                                            # line 4: module-level `mymodule.x`, created in this graph
                                            mymodule_x = tf.Variable(0.0)
and `mymodule.x` in the function's body reads the local `mymodule_x`.
"""
from __future__ import annotations

import copy
from typing import Dict, List, Set

import gast

from ..analysis.decisions import Kind
from ..analysis.tensorness import static_kind
from ..ground.anno import Anno, put
from ..ground.syntax import Transformer, dotted, walk
from ..ground.tfapi import is_variable_call
from ..lower import templates as T


def _free_names(node) -> Set[str]:
    loads, bound = set(), set()
    for n in walk(node):
        if isinstance(n, gast.Name):
            (loads if isinstance(n.ctx, gast.Load) else bound).add(n.id)
        elif isinstance(n, gast.FunctionDef) and n is not node:
            bound.add(n.name)
    return loads - bound


class ModuleState:
    def __init__(self, analysis):
        self.ctx = analysis.ctx
        self.stmts: Dict[str, gast.Assign] = {}  # "counter" / "mymodule.x" -> its assignment
        for stmt in analysis.parsed.tree.body:
            if not (isinstance(stmt, gast.Assign) and len(stmt.targets) == 1):
                continue
            key = dotted(stmt.targets[0])
            if key and static_kind(stmt.value, self.ctx) == Kind.TENSOR:
                self.stmts[key] = stmt
        self.variables = {k for k, s in self.stmts.items() if is_variable_call(s.value, self.ctx)}
        self.local: Dict[str, str] = {k: k for k in self.stmts if "." not in k}

    def reads(self, node) -> Set[str]:
        """The keys `node` reads: free names, and dotted attributes such as `mymodule.x`."""
        by_local = {local: key for key, local in self.local.items()}
        found = {by_local[n] for n in _free_names(node) if n in by_local}
        for n in walk(node):
            if isinstance(n, gast.Attribute) and isinstance(n.ctx, gast.Load):
                key = dotted(n)
                if key in self.stmts and "." in key:
                    found.add(key)
        return found

    def needed(self, fn) -> List[str]:
        """What `fn` reads, with what their definitions read, in module order."""
        wanted = self.reads(fn)
        queue = list(wanted)
        while queue:
            for key in self.reads(self.stmts[queue.pop()].value) - wanted:
                wanted.add(key)
                queue.append(key)
        return [k for k in self.stmts if k in wanted]

    def localize(self, node, namer) -> None:
        """Dotted reads (`mymodule.x`) -> the graph-local name (`mymodule_x`), in place."""
        for key in self.reads(node):
            if key not in self.local:
                self.local[key] = namer.unique(key.replace(".", "_"))
        _Localize(self.local).visit(node)

    def local_variables(self) -> Set[str]:
        return {self.local.get(k, k) for k in self.variables}

    def creation(self, key: str, namer) -> gast.Assign:
        stmt = copy.deepcopy(self.stmts[key])
        self.localize(stmt.value, namer)
        stmt.targets = [T.name(self.local[key], gast.Store())]
        put(stmt, Anno.COMMENT, [f"# line {stmt.lineno}: module-level `{key}`, created in this graph"])
        return stmt


class _Localize(Transformer):
    def __init__(self, local: Dict[str, str]):
        self.local = local

    def visit_Attribute(self, node):
        key = dotted(node)
        if isinstance(node.ctx, gast.Load) and key in self.local and "." in key:
            return gast.copy_location(T.name(self.local[key]), node)
        self.generic_visit(node)
        return node
