"""Detect the findings of one analysed function (codes and texts in catalogue.py).

Reads the analysis: the kind of each expression (`Anno.KIND`), the decisions annotated on
nodes, the module context; never decides tensor-ness itself (lowering works on copies, so
the order of explain and conversion does not matter). Conversion errors are mapped by
`from_diagnostics` from `transpile`'s own conversion.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

import gast

from ..analysis.activity import block_summary
from ..analysis.context import ModuleContext
from ..analysis.decisions import FunctionInfo, Kind
from ..analysis.tensorness import LIST_MUTATORS
from ..ground.anno import Anno, get
from ..ground.syntax import param_names, walk
from ..ground.tfapi import is_tf_function, tf_api
from . import catalogue as C
from .model import Finding

NUMERIC_BUILTINS = {"bool", "int", "float", "complex"}
TO_PYTHON_METHODS = {"numpy", "item", "tolist"}
ONE_PATH = {"AGX201", "AGX202"}
LOOP_DTYPE = "AGX302"
PYTHON_LOOP_JUMP = {"AGX103"}


class _Scan:
    def __init__(self, info: FunctionInfo, ctx: ModuleContext):
        self.info, self.ctx = info, ctx
        fn = info.node
        self.declared_global = {n for s in walk(fn) if isinstance(s, (gast.Global, gast.Nonlocal))
                                for n in s.names}
        self.locals = (set(block_summary(fn.body).writes) | set(param_names(fn))) - self.declared_global
        self.found: List[Finding] = []

    def run(self) -> List[Finding]:
        for stmt in self.info.node.body:
            self.visit(stmt, [])
        return self.found

    def visit(self, node, ancestors: list) -> None:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is not None:
            method(node, ancestors)
        if isinstance(node, gast.ClassDef):
            return
        inner = ancestors + [node]
        for child in gast.iter_child_nodes(node):
            self.visit(child, inner)

    # -- trace-only side effects ------------------------------------------------------------
    def _becomes_tf_print(self, call) -> bool:
        """A print of a Tensor under AutoGraph's BUILTIN_FUNCTIONS option (lower/builtins.py)."""
        from ..ground.tfapi import converts_builtins
        return get(call, Anno.PRINT_TENSOR, False) and converts_builtins(self.info.node, self.ctx) \
            and all(k.arg in ("sep", "end") for k in call.keywords)

    def visit_Call(self, node, ancestors):
        f = node.func
        api = tf_api(f, self.ctx)
        if isinstance(f, gast.Name) and f.id == "print" and "print" not in self.ctx.globals \
                and "print" not in self.locals and not self._becomes_tf_print(node):
            self.found.append(C.print_finding(node.lineno, node.col_offset))
        elif api == "Variable" and not _lazily_created(ancestors):
            self._failing(C.variable_finding(node.lineno, node.col_offset), ancestors)
        elif api == "function":
            self._nested_function(node, ancestors)
        if isinstance(f, gast.Name) and f.id in NUMERIC_BUILTINS and len(node.args) == 1 \
                and f.id not in self.locals and self._is_tensor(node.args[0]):
            self._failing(C.tensor_as_python_finding(
                node.lineno, node.col_offset, f"`{f.id}()` of a Tensor"), ancestors)
        if isinstance(f, gast.Attribute) and f.attr in TO_PYTHON_METHODS and self._is_tensor(f.value):
            self._failing(C.tensor_as_python_finding(
                node.lineno, node.col_offset, f"`.{f.attr}()`",
                f"`.{f.attr}()` reads a Tensor's value, which exists only when eager code runs: "
                "inside a tf.function the Tensor is symbolic while tracing, so the call fails "
                "(AttributeError: 'SymbolicTensor' object has no attribute "
                f"'{f.attr}')."), ancestors)
        if isinstance(f, gast.Attribute) and f.attr in LIST_MUTATORS and isinstance(f.value, gast.Name):
            if self._outer_container(f.value.id):
                self.found.append(C.mutation_finding(node.lineno, node.col_offset, f.value.id,
                                                     f"`.{f.attr}(...)` changes"))

    def _failing(self, finding, ancestors) -> None:
        """A finding that makes tracing raise, certainly so when nothing Python-conditional
        (a kept `if`, a Python loop that may not run, a `try`, a lambda) encloses it."""
        finding.fails_trace = not any(
            isinstance(a, (gast.Try, gast.TryStar, gast.Lambda, gast.FunctionDef, gast.IfExp, gast.BoolOp))
            or (isinstance(a, (gast.If, gast.For, gast.While))
                and not getattr(get(a, Anno.DECISION), "lowered", False))
            for a in ancestors)
        self.found.append(finding)

    def _is_tensor(self, expr) -> bool:
        return get(expr, Anno.KIND) == Kind.TENSOR

    def _outer_container(self, name: str) -> bool:
        return name in self.ctx.global_lists and name not in self.locals

    def _subscript_targets(self, targets, node, how):
        for t in targets:
            if isinstance(t, gast.Subscript) and isinstance(t.value, gast.Name) \
                    and self._outer_container(t.value.id):
                self.found.append(C.mutation_finding(node.lineno, node.col_offset, t.value.id, how))

    def visit_Assign(self, node, ancestors):
        self._subscript_targets(node.targets, node, "item assignment changes")

    def visit_AugAssign(self, node, ancestors):
        self._subscript_targets([node.target], node, "augmented assignment changes")

    def visit_Delete(self, node, ancestors):
        self._subscript_targets(node.targets, node, "`del` changes")

    def visit_Global(self, node, ancestors):
        rebound = [n for n in node.names if n in block_summary(self.info.node.body).writes]
        for name in rebound:
            kind = "global" if isinstance(node, gast.Global) else "nonlocal"
            self.found.append(C.mutation_finding(node.lineno, node.col_offset, name,
                                                 f"`{kind} {name}` lets the function rebind"))

    visit_Nonlocal = visit_Global

    # -- retrace risks ----------------------------------------------------------------------
    def visit_FunctionDef(self, node, ancestors):
        if any(is_tf_function(d, self.ctx) for d in node.decorator_list):
            self._nested_function(node, ancestors)

    def _nested_function(self, node, ancestors):
        in_loop = any(isinstance(a, (gast.For, gast.While)) for a in ancestors)
        where = f"inside a loop of `{self.info.name}`" if in_loop else f"inside `{self.info.name}`"
        self.found.append(C.nested_function_finding(node.lineno, node.col_offset, where))


def _lazily_created(ancestors) -> bool:
    """`if self.v is None: self.v = tf.Variable(...)`: the create-once pattern TF accepts."""
    for a in ancestors:
        if isinstance(a, gast.If):
            for sub in walk(a.test):
                if isinstance(sub, gast.Compare) and any(isinstance(op, gast.Is) for op in sub.ops) \
                        and any(isinstance(c, gast.Constant) and c.value is None for c in sub.comparators):
                    return True
    return False


def signature_findings(info: FunctionInfo) -> List[Finding]:
    """Retrace risks visible in the function's signature (only a tf.function has a cache)."""
    if not info.decorated:
        return []
    out = []
    line, col = info.line, info.col
    params = [p for p in info.params if p.reason != "the object the method is called on"]
    # a parameter that may be either is usually a Tensor: without a signature it retraces too
    tensors = [p.name for p in params if p.kind != Kind.PYTHON and p.sort.value != "optional"]
    if not info.input_signature and tensors:
        out.append(C.no_signature_finding(line, col, tensors))
    # a tf.data dataset or iterator is keyed on its element spec, not on its identity
    python = [p for p in params if (p.kind == Kind.PYTHON or p.sort.value == "optional")
              and not (p.sort.value in ("dataset", "iterator") and "next(...)" not in p.reason)]
    if python and not info.input_signature:
        out.append(C.python_param_finding(line, col, python))
    return out


def option_findings(info: FunctionInfo, ctx: ModuleContext) -> List[Finding]:
    """AGX420: `experimental_autograph_options=` on a tf.function decorator agx converts."""
    from ..ground.printer import expr_source
    from ..ground.tfapi import autograph_options
    out = []
    for deco in info.node.decorator_list:
        option = autograph_options(deco) if is_tf_function(deco, ctx) else None
        if option is not None:
            v, lines = option.value, ctx.source_lines
            written = lines[v.lineno - 1][v.col_offset:v.end_col_offset] \
                if v.lineno == v.end_lineno and v.lineno <= len(lines) else expr_source(v)
            out.append(C.autograph_options_finding(option.lineno, option.col_offset, written))
    return out


def static_findings(info: FunctionInfo, ctx: ModuleContext) -> List[Finding]:
    found = signature_findings(info) + option_findings(info, ctx) + _Scan(info, ctx).run()
    return dedupe(found)


def from_diagnostics(diagnostics) -> List[Finding]:
    """Map `transpile`'s errors inside a function to findings."""
    out = []
    for d in diagnostics:
        if d.severity != "error":
            continue
        if d.code in ONE_PATH:
            out.append(C.one_path_finding(d.line, d.col, d.message, d.help or ""))
        elif d.code == LOOP_DTYPE:  # the lowering's own check (lower/checks.py), not a second one
            out.append(C.dtype_finding(d.line, d.col, d.message, d.help or ""))
        elif d.code in PYTHON_LOOP_JUMP:
            out.append(C.tensor_as_python_finding(
                d.line, d.col, "", f"{d.message}: the loop runs in Python while tracing, so it cannot "
                "stop on a Tensor condition (a Tensor would be used as a Python bool)."
                f" ({d.code})"))
            out[-1].hint = d.help or out[-1].hint
        else:
            out.append(C.conversion_finding(d.line, d.col, d.code, d.message, d.help))
    return out


def dedupe(findings: List[Finding]) -> List[Finding]:
    seen: Dict[Tuple[str, int, str], Finding] = {}
    for f in findings:
        seen.setdefault((f.code, f.line, f.title), f)
    return sorted(seen.values(), key=lambda f: (f.line, f.col, f.code))
