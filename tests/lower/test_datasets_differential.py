"""Loops over datasets and iterators, next(), distributed inputs: eager is the truth, agx tf2
must agree, AutoGraph is recorded. Datasets and iterators are made fresh for every call (an
iterator is consumed: what is left of it afterwards is compared too)."""
import json
import os
import subprocess
import sys

import pytest
import tensorflow as tf

from differential import Py, call, load, same
from transpiler import TranspileError, transpile

H = "import tensorflow as tf\n\n"

LOOPS = H + """
@tf.function
def until(ds: tf.data.Dataset, limit):
    s = tf.constant(0, tf.int64)
    for x in ds:
        if s + x > limit:
            break
        s += x
    return s


@tf.function
def odd_or_return(ds: tf.data.Dataset, limit):
    s = tf.constant(0, tf.int64)
    for x in ds:
        if x % 2 == 0:
            continue
        if s > limit:
            return s
        s += x
    else:
        s += 100
    return -s


@tf.function
def first_above(ds: tf.data.Dataset, limit):
    missing = tf.constant(-1, tf.int64)
    for x in ds.map(lambda v: v * 3):
        if x > limit:
            return x
    return missing


@tf.function
def walk(it: tf.data.Iterator, n):
    s = tf.constant(0, tf.int64)
    for x in it:
        s = s * 10 + x
        n -= 1
        if n <= 0:
            break
    return s


@tf.function
def inner(ds: tf.data.Dataset):
    it = iter(ds)
    head = next(it)
    s = head
    for x in it:
        s += x
    return head, s


@tf.function
def with_default(ds: tf.data.Dataset):
    it = iter(ds)
    a = next(it, tf.constant(-1, tf.int64))
    b = next(it, tf.constant(-2, tf.int64))
    return a * 10 + b


@tf.function
def pull(it, default):
    a = next(it, default)
    return a * 2 + next(it, default)
"""


def datasets():
    return [lambda: tf.data.Dataset.range(6), lambda: tf.data.Dataset.range(0),
            lambda: tf.data.Dataset.from_tensor_slices(tf.constant([5, 1, 2, 7], tf.int64))]


def outcome(source, name, arg_makers, graph_module=None, eager_module=None):
    """'ok' or the first difference (or error): eager vs `graph_module` (AutoGraph: the
    original under tf.function), fresh arguments for each run; with an iterator argument
    what is left of it afterwards is compared too."""
    eager_module = eager_module or load(source)
    graph_module = graph_module or load(source)
    try:
        for make in arg_makers:
            runs = []
            for module, eager in ((eager_module, True), (graph_module, False)):
                args = make()
                value = call(module, name, args, eager=eager)
                left = [list(a.value) for a in args if isinstance(a, Py) and hasattr(a.value, "get_next")]
                runs.append((value, [[v.numpy() for v in rest] for rest in left]))
            if not same(runs[0], runs[1]):
                return f"eager {runs[0]!r} != {runs[1]!r}"
        return "ok"
    except Exception as exc:  # AutoGraph's own failure is data here
        return f"error: {type(exc).__name__}"


def check(source, name, arg_makers, autograph):
    code = transpile(source)
    assert outcome(source, name, arg_makers, graph_module=load(code)) == "ok", code
    assert outcome(source, name, arg_makers).startswith(autograph)
    return code


def test_dataset_loop_with_break_is_a_while_over_get_next_as_optional():
    makers = [lambda mk=mk, lim=lim: (Py(mk()), tf.constant(lim, tf.int64))
              for mk in datasets() for lim in (0, 6, 100)]
    code = check(LOOPS, "until", makers, "ok")
    assert "ds_iterator = iter(ds)" in code and "next_x = ds_iterator.get_next_as_optional()" in code
    until = code.split("def until")[1].split("\n@tf.function")[0]
    assert "tf.cond(has_next, if_true" in until and "ds.reduce" not in until


def test_dataset_loop_assigning_list_items_is_a_while_not_a_reduce():
    """Found by the differential fuzzer with iterable arguments (seed 301): as a
    Dataset.reduce, tf.data made the list `c` in the state a Tensor ("'SymbolicTensor' object
    does not support item assignment")."""
    source = H + """
@tf.function
def f(ds: tf.data.Dataset, n):
    c = [n, 1]
    for e in ds:
        c[0] += tf.cast(e, tf.int64)
    return c[0], c[1]
"""
    makers = [lambda mk=mk, n=n: (Py(mk()), tf.constant(n, tf.int64)) for mk in datasets() for n in (0, 3)]
    code = check(source, "f", makers, "ok")
    assert "ds_iterator.get_next_as_optional()" in code and "ds.reduce" not in code


def test_dataset_loop_with_continue_return_and_else():
    makers = [lambda mk=mk, lim=lim: (Py(mk()), tf.constant(lim, tf.int64))
              for mk in datasets() for lim in (0, 3, 100)]
    # AutoGraph: a `return` in a dataset loop (with `else`) -> OperatorNotAllowedInGraphError
    check(LOOPS, "odd_or_return", makers, "error: OperatorNotAllowedInGraphError")
    check(LOOPS, "first_above", makers, "error: NotImplementedError")  # AutoGraph: return in the loop


def test_loop_over_an_iterator_parameter_consumes_what_eager_consumes():
    makers = [lambda mk=mk, n=n: (Py(iter(mk())), n) for mk in datasets() for n in (1, 2, 10)]
    code = check(LOOPS, "walk", makers, "ok")
    assert "next_x = it.get_next_as_optional()" in code and "iter(it)" not in code


def test_iter_and_next_inside_the_function():
    makers = [lambda: (Py(tf.data.Dataset.range(3, 7)),), lambda: (Py(tf.data.Dataset.range(1)),)]
    check(LOOPS, "inner", makers, "ok")
    makers += [lambda: (Py(tf.data.Dataset.range(0)),)]
    # AutoGraph: OutOfRangeError on the iterator running out (`it` is a local of the function)
    code = check(LOOPS, "with_default", makers, "error: OutOfRangeError")
    assert "a_optional = it.get_next_as_optional()" in code
    assert "tf.cond(\n        a_optional.has_value(), a_optional.get_value" in code


def test_next_with_default_dispatches_on_a_tf_iterator_or_a_python_one():
    """`pull(it, default)`: nothing says what `it` is; the next_or helper takes either."""
    makers = [lambda n=n: (Py(iter(tf.data.Dataset.range(10, 10 + n))), tf.constant(-5, tf.int64))
              for n in (0, 1, 3)]
    makers += [lambda n=n: (Py(iter([4, 5, 6][:n])), Py(-5)) for n in (0, 1, 3)]
    makers += [lambda: (Py(iter(tf.constant([4, 5]))), tf.constant(-5))]  # an iterator over a Tensor
    code = transpile(LOOPS)
    assert outcome(LOOPS, "pull", makers, graph_module=load(code)) == "ok"
    assert "a = next_or(it, default)" in code and "def next_or(iterator, default):" in code
    # AutoGraph: OutOfRangeError on the tf.data iterator running out (it calls Python's next)
    assert outcome(LOOPS, "pull", makers[:3]).startswith("error: OutOfRangeError")
    assert outcome(LOOPS, "pull", makers[3:]) == "ok"


def test_tf1_refuses_datasets_it_cannot_take_with_located_errors():
    with pytest.raises(TranspileError) as exc:
        transpile(LOOPS, target="tf1", strict=True)
    found = {(d.code, d.line) for d in exc.value.diagnostics}
    line = lambda text: LOOPS.splitlines().index(text) + 1
    assert ("AGX506", line("def until(ds: tf.data.Dataset, limit):")) in found  # a runner taking a dataset
    # the loop with break: the runner cannot take `ds` (AGX506); a loop over a dataset built in
    # the graph would convert (tests/support/corpus_state.py, "dataset_in_graph_*")
    assert ("AGX111", line("def until(ds: tf.data.Dataset, limit):") + 2) not in found
    assert ("AGX111", line("    head = next(it)")) in found  # next() of an iterator made with iter(ds)
    assert not any(d.line > line("def pull(it, default):") for d in exc.value.diagnostics)  # may be Python


def distributed_run(*argv):
    """distributed_run.py's outcomes (case -> outcome) and the converted code, from a subprocess."""
    here = os.path.dirname(__file__)
    root = os.path.dirname(os.path.dirname(here))
    env = dict(os.environ, PYTHONPATH=root, TF_CPP_MIN_LOG_LEVEL="3")
    done = subprocess.run([sys.executable, os.path.join(here, "distributed_run.py"), *argv], env=env,
                          capture_output=True, text=True, timeout=200)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return out, out.pop("code")


def test_distributed_dataset_and_iterator_loops_in_a_subprocess():
    """MirroredStrategy over two logical CPUs (set before TensorFlow initialises devices)."""
    out, code = distributed_run()
    assert out == {"epoch": "ok", "epoch:autograph": "ok",
                   "until": "ok", "until:autograph": "error: NotImplementedError",
                   "steps": "ok", "steps:autograph": "ok",
                   "anything": "ok", "anything:autograph": "error: NotImplementedError"}, code
    assert "total, did_break = for_loop(items, loop_cond, loop_body, (total, did_break))" in code
    assert "batches, total = dist_ds.reduce((batches, total), loop_body)" in code
    assert "dist_ds_iterator = iter(dist_ds)" in code and "next_x = it.get_next_as_optional()" in code



def test_distributed_training_loop_with_an_optimizer_in_a_subprocess():
    """The guide's `for x in dist_ds: total += distributed_train_step(x)`, whose step applies
    gradients with a Keras optimizer (a merge_call, which fails inside a tf.cond): a loop over
    a distributed dataset or iterator without break/return pulls each next element after the
    body (no tf.cond), dispatched (unannotated) or not. AutoGraph fails on the iterator forms."""
    out, code = distributed_run("train")
    assert out == {"train_epoch": "ok", "train_epoch:autograph": "ok",
                   "train_iterator": "ok", "train_iterator:autograph": "error: InvalidArgumentError",
                   "train_iter_of": "ok", "train_iter_of:autograph": "error: InvalidArgumentError"}, code
    assert "(total,) = for_loop(dist_ds, None, loop_body, (total,))" in code
    assert "    next_x = it.get_next_as_optional()\n    # line " in code


def test_iter_of_an_unknown_value_dispatches_through_for_loop():
    """`iter(ds)` of an unannotated `ds`: a tf.data iterator (a graph loop) or a Python one
    (a loop run while tracing): the `for` goes through the for_loop helper, which walks
    either (it was AGX111, and the function kept as written for AutoGraph)."""
    source = H + """
@tf.function
def total(ds):
    it = iter(ds)
    s = next(it)
    for x in it:
        s += x
    return s
"""
    code = transpile(source, strict=True)
    assert "(s,) = for_loop(it, None, loop_body, (s,))" in code
    makers = [lambda: (Py(tf.data.Dataset.range(1, 5)),), lambda: (Py([3, 4, 5]),)]
    assert outcome(source, "total", makers, graph_module=load(code)) == "ok"
    # a Tensor: `iter(t)` in a graph fails under AutoGraph too (eager iterates its rows)
    tensor = [lambda: (tf.constant([3.0, 4.0]),)]
    assert outcome(source, "total", tensor, graph_module=load(code)) == \
        "error: OperatorNotAllowedInGraphError"


def test_enumerate_and_zip_of_datasets_are_datasets():
    """`enumerate(ds, start)` -> `ds.enumerate(start)`, `zip(a, b)` -> `tf.data.Dataset.zip`
    (as AutoGraph's dataset overrides); a loop over them is a reduce, or with `break` a while."""
    source = H + """
@tf.function
def f(ds: tf.data.Dataset, other: tf.data.Dataset):
    s = tf.constant(0, tf.int64)
    for i, x in enumerate(ds):
        s += i * x
    for i, x in enumerate(ds, 5):
        if i > 6:
            break
        s += i * x
    for a, b in zip(ds, other):
        s = s * 3 + a * b
    return s
"""
    makers = [lambda: (Py(tf.data.Dataset.range(4)), Py(tf.data.Dataset.range(2, 9))),
              lambda: (Py(tf.data.Dataset.range(0)), Py(tf.data.Dataset.range(3)))]
    code = check(source, "f", makers, "ok")
    assert "(s,) = ds.enumerate().reduce((s,), loop_body)" in code
    assert "iterator = iter(ds.enumerate(5))" in code
    assert "tf.data.Dataset.zip((ds, other)).reduce(" in code


TF1_NESTED = H + """
@tf.function
def f(n, x):
    s = tf.constant(0, tf.int64)
    if x > 0:
        for v in tf.data.Dataset.range(n):
            if v > 2:
                break
            s += v
    return s


def helper(ds: tf.data.Dataset):
    s = tf.constant(0, tf.int64)
    for v in ds:
        if v > 2:
            break
        s += v
    return s


@tf.function
def calls(n):
    return helper(tf.data.Dataset.range(n))
"""


def test_tf1_still_refuses_dataset_loops_it_cannot_initialise_once_per_run():
    """A dataset loop with `break` inside Tensor control flow, or in a function another one
    calls (it may run inside a graph loop): AGX111 on tf1 (its iterator's initializer would
    have to run once per entry); tf2 converts both."""
    with pytest.raises(TranspileError) as exc:
        transpile(TF1_NESTED, target="tf1", strict=True)
    found = {(d.code, d.line) for d in exc.value.diagnostics}
    line = lambda text: TF1_NESTED.splitlines().index(text) + 1
    assert found == {("AGX111", line("        for v in tf.data.Dataset.range(n):")),
                     ("AGX111", line("    for v in ds:"))}, found
    assert "get_next_as_optional()" in transpile(TF1_NESTED, strict=True)


def test_tf1_dataset_loop_gets_an_iterator_initialised_on_every_run():
    """Issue 12: the loop's iterator is initialisable and its initializer is a dependency of the
    loop's first `has_next`, so a second call iterates from the start again (a one-shot
    iterator would carry on where the first call stopped)."""
    from differential_tf1 import check_tf1
    src = H + """
@tf.function
def f(n):
    s = tf.constant(0, tf.int64)
    for x in tf.data.Dataset.range(tf.cast(n, tf.int64)):
        if x > 2:
            break
        s += x + 1
    return s
"""
    code = check_tf1(src, "f", [(5,), (5,), (2,), (0,), (5,)])
    assert "iterator = tf.compat.v1.data.make_initializable_iterator(" in code
    assert "with tf.control_dependencies([iterator.initializer]):\n            has_next = tf.identity(True)" in code
