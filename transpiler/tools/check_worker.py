"""The child process of `agx check`: imports TensorFlow, loads the original and agx's outputs,
makes the calls and records every outcome (the parent compares; an abort here kills only us).

Protocol: `python -m transpiler.tools.check_worker JOB.json LOG`. Each step is announced
(`("begin", key)`) and then recorded (`("done", key, outcome)`) as pickles appended to LOG,
flushed, so a TensorFlow abort leaves the step it killed as the last `begin`; the parent
restarts us with that step in `job["skip"]`. Steps: (mode, "load"); (fn, "inputs");
(fn, mode, i) for input i; (fn, mode, "structure").
"""
from __future__ import annotations

import collections
import dataclasses
import importlib.util
import json
import os
import pickle
import random
import re
import sys
from typing import List, Optional

SEED = 0
MODES = ("eager", "autograph", "tf2", "tf1")


@dataclasses.dataclass(frozen=True)
class py:  # noqa: N801 -- lower case: it is what users type in --args
    """Marks an --args value to pass as a Python value, not as a Tensor."""
    value: object


@dataclasses.dataclass(frozen=True)
class Opaque:
    """A result that cannot be pickled, compared by its repr."""
    text: str


class ArgsError(Exception):
    """An --args or --init expression that raised (its message names it)."""


def short(exc: BaseException) -> str:
    if isinstance(exc, ArgsError):
        return str(exc)
    text = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if text and text[0].startswith("in user code"):  # AutoGraph: the reason is its own line
        named = [t for t in text if t.startswith(type(exc).__name__ + ":")]
        text = [named[-1] if named else text[-1]]
    if text and text[0].startswith("Graph execution error"):  # the op's own message is further down
        text = [t for t in text[1:] if not t.startswith(("[[", "Detected at node", "File ", "Node:"))][-1:] or text
    text = [re.sub(r"^\{\{function_node [^}]*\}\}\s*", "", t) for t in text]
    line, name = text[0] if text else "", type(exc).__name__
    line = line if line.startswith(name) else f"{name}: {line}".rstrip(": ")
    line = re.sub(r", id=\d+", "", line)  # a graph's id changes from run to run
    return line if len(line) <= 160 else line[:157] + "..."


class Log:
    def __init__(self, path: str):
        self.fh = open(path, "ab")

    def write(self, record) -> None:
        try:
            data = pickle.dumps(record)
        except Exception:  # an unpicklable value: keep its repr
            kind, key, (what, value) = record
            data = pickle.dumps((kind, key, (what, Opaque(repr(value)))))
        self.fh.write(data)
        self.fh.flush()


def seed(tf, np) -> None:
    """The same random state before every construction and call, in every mode."""
    random.seed(SEED)
    np.random.seed(SEED)
    tf.random.set_seed(SEED)


def load(code: str, name: str, directory: str):
    """Import `code` from a real file (AutoGraph reads function source through inspect)."""
    path = os.path.join(directory, f"{name}.py")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(code)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def to_arg(tf, np, value):
    if isinstance(value, py):
        return value.value
    if isinstance(value, (int, float, bool, str, bytes, list, np.ndarray, np.generic)):
        return tf.constant(value)
    return value


def to_numpy(tf, value):
    if isinstance(value, (tuple, list)):
        return type(value)(to_numpy(tf, v) for v in value)
    if isinstance(value, dict):
        return {k: to_numpy(tf, v) for k, v in value.items()}
    if isinstance(value, tf.TensorArray):
        return value.stack().numpy()
    return value.numpy() if hasattr(value, "numpy") else value


def inputs_from_args(tf, np, exprs: List[str]) -> List[tuple]:
    out = []
    for expr in exprs:
        try:
            value = eval(expr, {"tf": tf, "np": np, "py": py})  # the user's own expression
        except Exception as exc:
            raise ArgsError(f"--args {expr!r}: {short(exc)}") from None
        out.append(tuple(value) if isinstance(value, tuple) else (value,))
    return out


def inputs_from_signature(tf, np, fn) -> Optional[List[tuple]]:
    """Three input tuples from a tf.function's input_signature (None dimensions become 3).

    Values are positive and of both parities (1, 6, 27; 0.5, 2.0, 7.5): zero and negative
    inputs can make a loop run forever, so those are left to --args.
    """
    signature = getattr(fn, "input_signature", None)
    if signature is None:
        return None
    specs = tf.nest.flatten(signature)
    if not all(isinstance(s, tf.TensorSpec) for s in specs):
        return None

    def make(spec, k):
        shape = [3 if d is None else d for d in spec.shape.as_list()] if spec.shape.rank is not None else [3]
        size = int(np.prod(shape)) if shape else 1
        if spec.dtype == tf.string:
            return tf.constant(np.array([["hello", "world", ""][k]] * size, dtype=object).reshape(shape))
        if spec.dtype == tf.bool:
            return tf.constant(np.full(shape, k != 1))
        start = (0.5, 2.0, 7.5)[k] if spec.dtype.is_floating else (1, 6, 27)[k]
        return tf.cast(tf.constant((start + np.arange(size)).reshape(shape)), spec.dtype)

    return [tuple(tf.nest.pack_sequence_as(signature, [make(s, k) for s in specs])) for k in range(3)]


def structure(tf, fn, args, autograph: bool):
    """(While ops, If ops, all ops), the function library included."""
    if not hasattr(fn, "get_concrete_function"):
        fn = tf.function(fn, autograph=autograph)
    graph_def = fn.get_concrete_function(*args).graph.as_graph_def()
    ops = collections.Counter(n.op for n in graph_def.node)
    for function in graph_def.library.function:
        ops.update(n.op for n in function.node_def)
    return ops["While"] + ops["StatelessWhile"], ops["If"] + ops["StatelessIf"], sum(ops.values())


class Worker:
    def __init__(self, job: dict, log: Log):
        import numpy as np
        import tensorflow as tf
        self.tf, self.np, self.job, self.log = tf, np, job, log
        self.skip = {tuple(k) for k in job["skip"]}
        self.modules, self.eager_ok = {}, {k: set(v) for k, v in job.get("eager_ok", {}).items()}

    def step(self, key, action):
        """Run `action` as step `key` (unless already done) and record its outcome."""
        key = tuple(key)
        if key in self.skip:
            return None
        self.log.write(("begin", key))
        try:
            outcome = ("value", action())
        except BaseException as exc:  # SystemExit from the user's code is an outcome too
            outcome = ("error", short(exc))
        self.log.write(("done", key, outcome))
        return outcome

    def function(self, module, qualname: str):
        """The callable for `f`, or `Class.method` on a new instance built by the --init expression."""
        head, _, method = qualname.partition(".")
        obj = getattr(module, head)
        if not method:
            return obj
        seed(self.tf, self.np)
        init = self.job["init"].get(head)
        instance = eval(init, dict(vars(module), tf=self.tf, np=self.np)) if init else obj()
        self.instance = instance  # a bound tf.function holds its instance only weakly
        return getattr(instance, method)

    def callable_for(self, mode: str, qualname: str):
        fn = self.function(self.modules[mode], qualname)
        if mode in ("autograph", "tf2") and not hasattr(fn, "get_concrete_function"):
            fn = self.tf.function(fn, autograph=mode == "autograph")  # an undecorated function: trace it
        return fn

    def inputs(self, qualname: str):
        exprs = self.job["args"].get(qualname)
        if exprs:
            raw = inputs_from_args(self.tf, self.np, exprs)
        else:
            raw = inputs_from_signature(self.tf, self.np, getattr(self.modules["eager"], qualname.split(".")[0])
                                        if "." not in qualname else self._method_of_class(qualname))
        if raw is None:
            return None
        return [tuple(to_arg(self.tf, self.np, a) for a in t) for t in raw]

    def _method_of_class(self, qualname):
        import inspect  # not getattr: binding a tf.function to the class (None) sticks
        head, _, method = qualname.partition(".")
        return inspect.getattr_static(getattr(self.modules["eager"], head), method)

    def call(self, mode, qualname, args):
        tf = self.tf
        fn = self.callable_for(mode, qualname)
        if mode == "tf1":  # the tf1 runner takes NumPy values
            args = tuple(a.numpy() if isinstance(a, tf.Tensor) else a for a in args)
        tf.config.run_functions_eagerly(mode == "eager")
        try:
            seed(tf, self.np)
            return to_numpy(tf, fn(*args))
        finally:
            tf.config.run_functions_eagerly(False)

    def run(self) -> None:
        for mode in MODES:
            code = self.job["codes"].get(mode)
            name = f"agx_check_{mode}"
            if code is not None and self.step((mode, "load"), lambda: load(code, name, self.job["dir"]) and None) \
                    not in (None, ("value", None)):
                continue  # it failed (recorded)
            if code is not None and (mode, "load") not in self.skip:
                self.modules[mode] = sys.modules[name]
        if "eager" in self.modules:
            for qualname in self.job["functions"]:
                self.check(qualname)

    def check(self, qualname: str) -> None:
        found = []
        self.step((qualname, "inputs"), lambda: found.append(self.inputs(qualname)) or
                  (None if found[0] is None else len(found[0])))
        inputs = found[0] if found else None
        if not inputs:
            return
        ok = self.eager_ok.setdefault(qualname, set())
        for mode in MODES:
            if mode not in self.modules:
                continue
            for i, args in enumerate(inputs):
                if mode == "eager" or i in ok:
                    got = self.step((qualname, mode, i), lambda: self.call(mode, qualname, args))
                    if mode == "eager" and got is not None and got[0] == "value":
                        ok.add(i)
            if mode in ("autograph", "tf2") and ok:
                first = inputs[min(ok)]
                self.step((qualname, mode, "structure"),
                          lambda: structure(self.tf, self.callable_for(mode, qualname), first, mode == "autograph"))


def main(argv: List[str]) -> int:
    with open(argv[0], encoding="utf-8") as fh:
        job = json.load(fh)
    if not job.get("show_output"):  # the program's own prints and TensorFlow's logs
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1), os.dup2(null, 2)
    Worker(job, Log(argv[1])).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
