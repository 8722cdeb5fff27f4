"""Target tf1: TF1-style graph code, a graph builder and a Session runner per function.

Before:                                 After:
    @tf.function                            def build_f_graph(x_spec):
    def f(x):                                   graph = tf.Graph()
        tf.print(x)                             with graph.as_default():
        return x + 1                                x = tf.compat.v1.placeholder(x_spec.dtype, x_spec.shape, name='x')
                                                    print_op = tf.print(x)
                                                    with tf.control_dependencies([print_op]):
                                                        outputs = x + 1
                                                return graph, (x,), outputs

                                            def f(x):
                                                x_spec, x = spec_and_value(x)
                                                return run_graph(build_f_graph, (x_spec,), (x,))

The body is the tf2 lowering (`lower_function`) followed by the ordering post-pass
(`lower.ordering`). A function gets a builder and a runner when it is decorated with
tf.function or no other converted function calls it; the functions they call stay plain
graph-building functions. Module-level Tensors and tf.Variables a runner reads are created
again inside its graph. Parameters with a Python default are not placeholders: like
tf.function, each distinct value builds its own graph.
"""
from __future__ import annotations

from typing import List, Set

import gast

from ..api import ModuleAnalysis, convert_module
from ..diagnostics import TranspileError
from ..emit import statement_source
from ..lines import split_lines
from ..lower.common import FunctionState
from ..lower.ordering import EffectOrdering
from . import builders, equality, instance_state
from .module_state import ModuleState
from .tf1_runtime import runtime_names, runtime_source


def _called_names(fn) -> Set[str]:
    return {n.func.id for n in gast.walk(fn) if isinstance(n, gast.Call) and isinstance(n.func, gast.Name)}


class Tf1Module:
    """Decides runners, checks what tf1 cannot express, and writes each function's text."""

    def __init__(self, analysis: ModuleAnalysis):
        self.analysis = analysis
        self.targets = {id(t.node): t for t in analysis.targets}
        calls = set().union(*[_called_names(t.node) for t in analysis.targets]) if analysis.targets else set()
        self.runners = [t for t in analysis.targets
                        if (t.class_name is None and (t.decorated or t.node.name not in calls))
                        or (t.class_name is not None and t.decorated)]
        self.instance_vars = {}   # id(method node) -> {attr: line} of its class's variables
        self.instance_local = {}  # id(method node) -> {attr: graph-local name}
        self.module_state = ModuleState(analysis)
        # the helpers go above the first runner, or above the class holding the first method runner
        anchors = [(self._class_line(t) or t.node.lineno, t) for t in self.runners]
        first = min(anchors, key=lambda a: a[0], default=(None, None))
        self.first = first[1].node.lineno if first[1] is not None and first[1].class_name is None else None
        self.first_class = first[1].class_name if first[1] is not None and first[1].class_name else None
        self.prepared = False
        self.runtime = None  # the helpers' text, once emitted above the first runner

    def _class_line(self, target):
        if target.class_name is None:
            return None
        cls = next(s for s in self.analysis.parsed.tree.body
                   if isinstance(s, gast.ClassDef) and s.name == target.class_name)
        return min([d.lineno for d in cls.decorator_list] + [cls.lineno])

    def check(self) -> None:
        sink, runner_names = self.analysis.sink, {t.node.name for t in self.runners}
        for t in self.analysis.targets:
            if t.class_name is not None:
                variables = instance_state.instance_variables(self.analysis, t.class_name, self.analysis)
                self.instance_vars[id(t.node)] = variables
                if t not in self.runners and instance_state.self_reads(t.node) & set(variables):
                    sink.error("AGX501", f"`{t.qualname}`: a helper method reading the instance's "
                               "variables is not supported by the tf1 target", t.node,
                               help="decorate it with tf.function (it gets its own runner), or pass "
                               "the values as arguments")
                    continue
                attrs = instance_state.unsupported_reads(self.analysis, t, variables) if t in self.runners else []
                for attr in attrs:
                    sink.error("AGX505", f"`{t.qualname}` reads `self.{attr}`, which is neither a "
                               "tf.Variable created in __init__ nor a Python value: it cannot live in "
                               "a TF1 graph", t.node, help="convert with --target tf2 (Keras layers "
                               "and submodules stay objects there)")
            args = t.node.args
            if t in self.runners and (args.vararg or args.kwarg):
                sink.error("AGX502", f"`{t.qualname}` takes *args/**kwargs: a TF1 graph needs one "
                           "placeholder per named parameter", t.node, help="name every parameter")
            called = _called_names(t.node) & runner_names - {t.node.name}
            for name in sorted(called):
                sink.error("AGX503", f"`{t.qualname}` calls `{name}`, which the tf1 target turns into "
                           "a Session runner", t.node,
                           help=f"move the shared code of `{name}` into an undecorated helper function")
            if t not in self.runners:
                for name in sorted(self.module_state.reads(t.node)):
                    sink.error("AGX504", f"helper `{t.qualname}` reads module-level `{name}`, which the "
                               "tf1 target creates inside each graph", t.node,
                               help=f"pass `{name}` to `{t.qualname}` as an argument")
        if sink.errors:
            raise TranspileError(sink.errors, self.analysis.parsed.source)

    def prepare(self, state: FunctionState) -> None:
        """Order every lowered function; a function is stateful if anything it calls is."""
        for t in self.runners:
            self.module_state.localize(t.node, state.namer)
            if t.class_name is not None:
                self.instance_local[id(t.node)] = instance_state.localize(
                    t.node, self.instance_vars.get(id(t.node), {}), state.namer)
        variables = self.module_state.local_variables()
        for local in self.instance_local.values():
            variables |= set(local.values())
        stateful: Set[str] = set()
        for _ in range(len(self.analysis.targets) + 1):
            probe = EffectOrdering(state, variables, stateful)
            found = {t.node.name for t in self.analysis.targets
                     if probe.mentions_effects(t.node)}
            if found <= stateful:
                break
            stateful |= found
        for t in self.analysis.targets:
            equality.rewrite(t.node, state)
            EffectOrdering(state, variables, stateful).run(t.node)
        self.names = runtime_names(state.namer)
        self.tf = state.tf
        self.prepared = True

    def instance_creations(self, fn, state) -> List[gast.stmt]:
        """A method's instance variables, created in its graph from their eager values."""
        local = self.instance_local.get(id(fn), {})
        return instance_state.in_graph(local, self.instance_vars.get(id(fn), {}), state.tf)

    def instance_reads(self, fn, namer) -> List[gast.stmt]:
        return instance_state.before_graph(self.instance_local.get(id(fn), {}), namer)

    def creations(self, fn, namer) -> List[gast.Assign]:
        """The module-level Tensors/variables `fn` reads, defined again for its graph."""
        return [self.module_state.creation(k, namer) for k in self.module_state.needed(fn)]

    def emit(self, node, indent: int, state: FunctionState) -> str:
        if not self.prepared:
            self.prepare(state)
        target = self.targets[id(node)]
        if target not in self.runners:
            return statement_source(node, indent)
        text = builders.builder_and_runner(target, node, self, state)
        if node.lineno == self.first:
            self.runtime = runtime_source(state.tf, self.names)
            text = self.runtime + text
        return text


def convert_module_tf1(analysis: ModuleAnalysis) -> str:
    """Lower, order and wrap every selected function; pure AST work (no TensorFlow import)."""
    analysis.targets = _kept(analysis)
    module = Tf1Module(analysis)
    module.check()
    equality.mark(analysis)
    out = convert_module(analysis, emit=module.emit)
    if module.first_class and module.prepared:
        return _runtime_above_class(out, module.first_class, runtime_source(module.tf, module.names))
    return _comments_below_runtime(out, module.runtime) if module.runtime else out


def _kept(analysis: ModuleAnalysis) -> list:
    """The targets to rewrite: decorated or lowering something, and what they call; any other
    function (`--functions all`) is left exactly as written, as for tf2."""
    from ..select import _callees
    lowers = {i.name for i in analysis.functions if any(d.lowered for d in i.decisions)}
    own = _own_output(analysis)
    found = {t.qualname: t for t in analysis.targets if t.qualname not in own}
    kept = [q for q, t in found.items() if t.decorated or q in lowers]
    queue = list(kept)
    while queue:
        for callee in _callees(found[queue.pop()], found):
            if callee not in kept:
                kept.append(callee)
                queue.append(callee)
    return [t for t in analysis.targets if t.qualname in kept]


RUNTIME_MARK = "(emitted once by agx --target tf1)"
OWN_DOCS = ("The placeholder spec for an argument", "Carry variable values from one signature",
            "Run `build_graph(*signature)`", "The TF1 graph of `")


def _own_output(analysis: ModuleAnalysis) -> Set[str]:
    """In a module agx already converted to tf1: the qualnames of its helpers, graph builders,
    runners, and the functions the builders call (a second pass leaves them as they are)."""
    from ..select import _callees
    if RUNTIME_MARK not in analysis.parsed.source:
        return set()
    found = {t.qualname: t for t in analysis.targets}
    own = set()
    for q, t in found.items():
        body = t.node.body
        doc = body[0].value.value if body and isinstance(body[0], gast.Expr) and isinstance(
            getattr(body[0].value, "value", None), str) else ""
        last = body[-1] if body else None
        runs = (isinstance(last, gast.Return) and isinstance(last.value, gast.Call) and last.value.args
                and (getattr(last.value.args[0], "id", None) or getattr(last.value.args[0], "attr", ""))
                .startswith("build_"))
        if doc.startswith(OWN_DOCS) or runs:
            own.add(q)
    queue = [q for q in own if found[q].node.name.startswith("build_")]
    while queue:
        for callee in _callees(found[queue.pop()], found):
            if callee not in own:
                own.add(callee)
                queue.append(callee)
    return own


def _runtime_above_class(text: str, class_name: str, runtime: str) -> str:
    """The helpers, at module level, just above the class whose method is the first runner."""
    lines = split_lines(text, keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(f"class {class_name}"))
    while at > 0 and lines[at - 1].startswith("@"):
        at -= 1
    return "".join(lines[:at]) + runtime + "".join(lines[at:])


def _comments_below_runtime(text: str, runtime: str) -> str:
    """Comments written just above the first runner stay with it, below the helpers."""
    at = text.find(runtime)
    before = split_lines(text[:at], keepends=True)
    n = 0
    while n < len(before) and before[len(before) - 1 - n].lstrip().startswith("#"):
        n += 1
    if not n:
        return text
    moved = "".join(before[len(before) - n:])
    return "".join(before[:len(before) - n]) + runtime + moved + text[at + len(runtime):]
