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

import dataclasses
import re
from typing import Dict, List, Set, Tuple

import gast

from ..ground.anno import Anno, get, put
from ..ground.syntax import walk, walk_body
from ..ground.tfapi import traced_arguments
from ..analysis.reach import Reach
from ..select import callees, candidates, traced_at_module_level, with_callees
from ..lower import chains
from ..lower.ordering import EffectOrdering
from . import builders, equality, helper_state, instance_state, tf1_datasets
from .base import ModuleJob, Target, in_file_units
from .module_state import ModuleState
from .tf1_runtime import runtime_names, runtime_source


def _called_names(fn, ctx) -> Set[str]:
    """Functions `fn` calls, or hands to TensorFlow to trace in its graph (`tf.map_fn(step, v)`):
    both run inside that graph, so neither is a runner of its own."""
    names = set()
    for n in walk(fn):
        if isinstance(n, gast.Call):
            names.update(f.id for f in [n.func] + traced_arguments(n, ctx) if isinstance(f, gast.Name))
    return names


def graph_form_only(fn) -> None:
    """A TF1 runner feeds every parameter that is not known to be Python to a placeholder,
    so a statement that dispatches only because a value may be a Tensor takes its graph
    form (on the copy being lowered); a Tensor that may be Python keeps its dispatch."""
    for node in walk(fn):
        d = get(node, Anno.DECISION)
        # (`next(it, d)` keeps its dispatch: `it` may be a Python iterator)
        if d is not None and d.dispatch and d.assumption and d.construct != "next":
            d = dataclasses.replace(d, dispatch=False)
            put(node, Anno.DECISION, d)
            test = getattr(node, "test", None)
            if isinstance(node, (gast.If, gast.IfExp)) and test is not None:
                put(test, Anno.MAYBE_PYTHON, True)  # it may still be a Python bool: converted


class Tf1Target(Target):
    """Decides runners, checks what tf1 cannot express, and builds each runner's statements."""
    name = "tf1"

    def check(self, job: ModuleJob) -> None:
        analysis = self.analysis = job.analysis
        selected = self.rewrites = _kept(analysis)
        callers = selected + _lowered_by_agx(analysis, selected)
        calls = set().union(*[_called_names(t.node, analysis.ctx) for t in callers]) if callers else set()
        found = candidates(analysis.parsed.tree)
        calls |= set(traced_at_module_level(analysis.parsed.tree, analysis.ctx, found))
        reach = Reach(analysis.parsed.tree, found)  # handed to a callee (`run(step)`), reached via a factory
        calls |= {q for t in selected for q in callees(t, found, analysis.ctx, reach) if q != t.qualname}
        self.runners = [t for t in selected
                        if (t.class_name is None and (t.decorated or (t.node.name not in calls
                                                                      and not returns_function(t.node))))
                        or (t.class_name is not None and t.decorated)]
        self.instance_vars = {}   # qualname of a method -> {attr: line} of its class's variables
        self.instance_local = {}  # qualname of a method -> {attr: graph-local name}
        self.helpers = {}         # qualname of a method runner -> the helper methods it calls
        self.helper_needs = {}    # qualname of a helper method -> the instance variables it reads
        self.module_state = ModuleState(analysis)
        self.names = None
        self._refusals(job)

    def _refusals(self, job: ModuleJob) -> None:
        sink, runner_names = job.sink, {t.node.name for t in self.runners}
        for t in self.rewrites:
            if t.class_name is not None:
                variables = instance_state.instance_variables(self.analysis, t.class_name, self.analysis)
                self.instance_vars[t.qualname] = variables
                if t in self.runners:
                    self._method_refusals(t, variables, sink)
            info = next(i for i in self.analysis.functions if i.name == t.qualname)
            tf1_datasets.refuse(sink, t, info, t in self.runners)
            args = t.node.args
            if t in self.runners and (args.vararg or args.kwarg):
                sink.error("AGX502", f"`{t.qualname}` takes *args/**kwargs: a TF1 graph needs one "
                           "placeholder per named parameter", t.node, help="name every parameter")
            called = _called_names(t.node, self.analysis.ctx) & runner_names - {t.node.name}
            for name in sorted(called):
                sink.error("AGX503", f"`{t.qualname}` calls `{name}`, which the tf1 target turns into "
                           "a Session runner", t.node,
                           help=f"move the shared code of `{name}` into an undecorated helper function")
            if t not in self.runners:
                for name in sorted(self.module_state.reads(t.node)):
                    sink.error("AGX504", f"helper `{t.qualname}` reads module-level `{name}`, which the "
                               "tf1 target creates inside each graph", t.node,
                               help=f"pass `{name}` to `{t.qualname}` as an argument")

    def _method_refusals(self, t, variables, sink) -> None:
        """A method runner: what it reads, and what the helper methods it calls read (their
        instance variables are passed through: helper_state.py)."""
        methods = {h.node.name: h for h in self.rewrites if h.class_name == t.class_name and h not in self.runners}
        helpers = helper_state.reached(t, methods)
        wanted = helper_state.needs(helpers, set(variables))
        self.helpers[t.qualname] = helpers
        why = helper_state.unsound(t, helpers, wanted, set(variables)) if any(wanted.values()) else None
        if why:
            sink.error("AGX501", f"`{t.qualname}` calls helper methods reading the instance's variables, "
                       f"and they cannot be passed through: {why}", t.node,
                       help="decorate the helper with tf.function (it gets its own runner), or pass "
                       "the values as arguments")
        for h in helpers:
            self.helper_needs[h.qualname] = self.helper_needs.get(h.qualname, set()) | wanted[h.qualname]
        for h in [t] + helpers:
            via = "" if h is t else f" through `{h.qualname}` (line {h.node.lineno})"
            for attr in instance_state.unsupported_reads(self.analysis, h, variables):
                sink.error("AGX505", f"`{t.qualname}` reads `self.{attr}`{via}, which is neither a "
                           "tf.Variable created in __init__ nor a Python value: it cannot live in "
                           "a TF1 graph", t.node, help="convert with --target tf2 (Keras layers "
                           "and submodules stay objects there)")

    def _pass_through(self, lowered, namer) -> Set[str]:
        """Helper methods take the variables they read as parameters; runners and helpers pass
        them on (helper_state.py). Returns the parameters' names (they hold variables)."""
        params = {q: helper_state.pass_through(lowered[q], attrs, namer)
                  for q, attrs in self.helper_needs.items() if attrs and q in lowered}
        by_class: Dict[str, Dict[str, Dict[str, str]]] = {}
        for q, p in params.items():
            cls, name = q.rsplit(".", 1)
            by_class.setdefault(cls, {})[name] = p
        for t in self.rewrites:
            if t.class_name in by_class and t.qualname in lowered:
                local = self.instance_local.get(t.qualname) or params.get(t.qualname, {})
                helper_state.forward(lowered[t.qualname], local, by_class[t.class_name])
        self.passed = params
        return {name for p in params.values() for name in p.values()}

    def chosen(self, job: ModuleJob) -> list:
        return self.rewrites

    def prepare(self, job: ModuleJob, selected, fn) -> None:
        graph_form_only(fn)
        chains.transform(fn, job.state)  # graph form first; then its `==` pairs are marked too
        equality.mark(fn)

    def kept(self, job: ModuleJob, qualnames) -> None:
        self.runners = [t for t in self.runners if t.qualname not in qualnames]

    def order(self, job: ModuleJob) -> None:
        """Order every lowered function; a function is stateful if anything it calls is."""
        state, lowered = job.state, job.lowered
        for t in self.runners:
            self.module_state.localize(lowered[t.qualname], state.namer)
            if t.class_name is not None:
                extra = set().union(*[self.helper_needs.get(h.qualname, set()) for h in self.helpers.get(t.qualname, [])])
                self.instance_local[t.qualname] = instance_state.localize(
                    lowered[t.qualname], self.instance_vars.get(t.qualname, {}), state.namer, extra)
        variables = self.module_state.local_variables() | self._pass_through(lowered, state.namer)
        for local in self.instance_local.values():
            variables |= set(local.values())
        stateful: Set[str] = set()
        for _ in range(len(lowered) + 1):
            probe = EffectOrdering(state, variables, stateful)
            found = {fn.name for fn in lowered.values() if probe.mentions_effects(fn)}
            if found <= stateful:
                break
            stateful |= found
        for fn in lowered.values():
            equality.rewrite(fn, state)
            EffectOrdering(state, variables, stateful).run(fn)
        for t in self.runners:  # after the ordering: the initializer is the loop's own dependency
            tf1_datasets.initialise(lowered[t.qualname], state.tf)
        for q, local in self.passed.items():
            helper_state.defaults(lowered[q], local)
        self.names = runtime_names(state.namer)

    # -- what builders.py asks of the module ----------------------------------------------
    def instance_creations(self, qualname: str, tf: str) -> List[gast.stmt]:
        """A method's instance variables, created in its graph from their eager values."""
        local = self.instance_local.get(qualname, {})
        return instance_state.in_graph(local, self.instance_vars.get(qualname, {}), tf)

    def instance_reads(self, qualname: str, namer) -> List[gast.stmt]:
        return instance_state.before_graph(self.instance_local.get(qualname, {}), namer)

    def creations(self, fn, namer) -> List[gast.Assign]:
        """The module-level Tensors/variables `fn` reads, defined again for its graph."""
        return [self.module_state.creation(k, namer) for k in self.module_state.needed(fn)]

    def emit(self, job: ModuleJob, selected, fn) -> List[gast.stmt]:
        if selected not in self.runners:
            return [fn]
        return builders.builder_and_runner(selected, fn, self, job.state)

    def own_preludes(self, job: ModuleJob) -> List[Tuple[int, str]]:
        """The runtime helpers, once: above the first runner (and the comments just above
        it), or above the class holding the first method runner."""
        if not self.runners or self.names is None:
            return []
        lines = self.analysis.parsed.lines
        first = min(self.runners, key=lambda t: self._anchor(t))
        at = self._anchor(first)
        if first.class_name is None:
            while at > 1 and lines[at - 2].lstrip().startswith("#"):
                at -= 1
        return [(at, in_file_units(runtime_source(job.state.tf, self.names), self.analysis.parsed.lines))]

    def _anchor(self, t) -> int:
        if t.class_name is not None:
            cls = next(s for s in self.analysis.parsed.tree.body
                       if isinstance(s, gast.ClassDef) and s.name == t.class_name)
            return min([d.lineno for d in cls.decorator_list] + [cls.lineno])
        return min([d.lineno for d in t.node.decorator_list] + [t.node.lineno])


def returns_function(fn) -> bool:
    """A factory: `fn` returns one of its nested defs or a lambda (`create_loop_fn(step)`
    returns `loop_fn`), maybe wrapped (`tf.function(loop_fn)`, `functools.partial(f, k)`). A Session runner returns values, so a factory is never one: it is
    converted as a helper (its nested defs run in whatever graph calls them)."""
    nested = {s.name for s in walk_body(fn.body) if isinstance(s, gast.FunctionDef)}

    def function(value) -> bool:  # `loop_fn`, `lambda ...`, `tf.function(loop_fn)`, `partial(f, k)`
        if isinstance(value, gast.Call):
            return any(function(a) for a in value.args[:1])
        return isinstance(value, gast.Lambda) or (isinstance(value, gast.Name) and value.id in nested)
    return any(isinstance(n, gast.Return) and function(n.value) for n in walk_body(fn.body))


LOWERED_MARK = re.compile(r"[ \t]*# line \d+: ")


def _lowered_by_agx(analysis, selected) -> list:
    """Functions agx already lowered (its `# line N: ...` comments), converted again with
    nothing left to lower: what they call runs inside their graph, as on the first pass, so
    it is no runner there either (a fixed point)."""
    lines, chosen = analysis.ctx.source_lines, {id(t) for t in selected}
    return [t for t in analysis.selected if id(t) not in chosen and any(
        LOWERED_MARK.match(line) for line in lines[t.node.lineno - 1:getattr(t.node, "end_lineno", 0) or None])]


def _kept(analysis) -> list:
    """The targets to rewrite: decorated or lowering something, and what they call; any other
    function (`--functions all`) is left exactly as written, as for tf2."""
    lowers = {i.name for i in analysis.functions if any(d.lowered for d in i.decisions)}
    own = _own_output(analysis)
    found = {t.qualname: t for t in analysis.selected if t.qualname not in own}
    kept = with_callees([q for q, t in found.items() if t.decorated or q in lowers], found, analysis.ctx,
                        skip_dunders=False, tree=analysis.parsed.tree)
    return [t for t in analysis.selected if t.qualname in kept]


RUNTIME_MARK = "(emitted once by agx --target tf1)"
OWN_DOCS = ("The placeholder spec for an argument", "Carry variable values from one signature",
            "Run `build_graph(*signature)`", "The TF1 graph of `")


def _own_output(analysis) -> Set[str]:
    """In a module agx already converted to tf1: the qualnames of its helpers, graph builders,
    runners, and the functions the builders call (a second pass leaves them as they are)."""
    if RUNTIME_MARK not in analysis.parsed.source:
        return set()
    found = {t.qualname: t for t in analysis.selected}
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
    builders = [q for q in own if found[q].node.name.startswith("build_")]
    return own | set(with_callees(builders, found, analysis.ctx, seen=own, skip_dunders=False))
