"""Corpus cases for state that is not a plain name (issue 13): containers as tf.cond
outputs and tf.while_loop variables (item assignment included), variables first assigned
inside a loop, loop options. Appended to corpus.CASES, so every target and the AutoGraph
peer test run them."""
from __future__ import annotations

from corpus import Case, H
from differential import Py

STATE_CASES = [
    # -- containers as state ------------------------------------------------------------------
    Case("list_items_swapped_in_loop", "containers as state", H + """
@tf.function
def f(n):
    pair = [tf.constant(1), tf.constant(1)]
    for _ in tf.range(n):
        pair[0], pair[1] = pair[1], pair[0] + pair[1]
    return pair[0]
""", "f", [(6,), (0,), (1,)], ("tf.while_loop",)),
    Case("tuple_rebound_in_loop", "containers as state", H + """
@tf.function
def f(n):
    t = (tf.constant(1), tf.constant(2))
    i = tf.constant(0)
    while i < n:
        t = (t[1], t[0] + t[1])
        i += 1
    return t
""", "f", [(5,), (0,)], ("tf.while_loop",)),
    Case("dict_items_in_both_branches", "containers as state", H + """
@tf.function
def f(x):
    y = {"a": x, "b": x}
    if x > 0:
        y["a"] *= 2
    else:
        y["b"] += 1
    return y["a"] + y["b"], y["a"]
""", "f", [(3,), (-1,), (0,)], ("tf.cond", "tf.nest.map_structure")),
    Case("list_item_in_one_branch", "containers as state", H + """
@tf.function
def f(x):
    y = [x, x * 2]
    if x > 0:
        y[0] += 1
        y[1] = -1
    return y
""", "f", [(3,), (-1,)], ("tf.cond",)),
    Case("nested_dict_item_in_loop", "containers as state", H + """
@tf.function
def f(x):
    d = {"a": {"b": x}, "c": x}
    for i in tf.range(3):
        d["a"]["b"] += i
        if d["a"]["b"] > 4:
            d["c"] = d["c"] - 1
    return d["a"]["b"], d["c"]
""", "f", [(1,), (5,)], ("tf.while_loop", "tf.cond")),
    Case("namedtuple_state_in_loop_and_cond", "containers as state", H + """
import collections
State = collections.namedtuple("State", ["total", "count"])

@tf.function
def f(n):
    s = State(tf.constant(0), tf.constant(0))
    for i in tf.range(n):
        if i % 2 == 0:
            s = State(s.total + i, s.count + 1)
        else:
            s = s._replace(total=s.total - 1)
    return s.total, s.count
""", "f", [(5,), (0,)], ("tf.while_loop", "tf.cond")),
    Case("list_of_python_ints_as_loop_state", "containers as state", H + """
@tf.function
def f(n):
    acc = [0, 1]
    for i in tf.range(n):
        acc[0] = acc[0] + i
        acc[1] *= 2
    return acc[0] + acc[1]
""", "f", [(4,), (0,)], ("tf.while_loop",)),
    Case("container_items_nested_loops", "containers as state", H + """
@tf.function
def f(n):
    grid = {"rows": tf.constant(0), "cells": tf.constant(0)}
    for i in tf.range(n):
        grid["rows"] += 1
        j = tf.constant(0)
        while j < i:
            grid["cells"] += j
            j += 1
    return grid["rows"] * 100 + grid["cells"]
""", "f", [(4,), (0,)], ("tf.while_loop",)),
    # -- variables first assigned inside a tensor loop ------------------------------------------
    Case("first_assigned_in_while", "first assigned in a loop", H + """
@tf.function
def f(n):
    i = tf.constant(0)
    while i < n:
        i = n + 1
        j = i + 1
    return i, j
""", "f", [(3,), (1,)], ("tf.while_loop", "get_concrete_function")),
    Case("for_target_used_after", "first assigned in a loop", H + """
@tf.function
def f(l):
    for i in l:
        pass
    return i
""", "f", [([1, 2, 3],), ([4.5],)], ("tf.while_loop",)),
    Case("first_assigned_shape_from_first_iteration", "first assigned in a loop", H + """
@tf.function
def f(x, n):
    for k in tf.range(n):
        v = x[:k + 1] * 2
        total = tf.reduce_sum(v)
    return v, total
""", "f", [([1, 2, 3, 4], 3), ([5, 6], 1)], ("tf.while_loop",)),
    Case("first_assigned_before_break", "first assigned in a loop", H + """
@tf.function
def f(l):
    for i in l:
        last = i * 10
        if i > 2:
            break
    return i, last
""", "f", [([1, 5, 2],), ([1, 1],)], ("tf.while_loop",)),
    Case("first_assigned_container", "first assigned in a loop", H + """
@tf.function
def f(n):
    for k in tf.range(n):
        pair = [k, k * k]
    return pair
""", "f", [(3,), (1,)], ("tf.while_loop",)),
    Case("container_state_with_effects", "containers as state", H + """
@tf.function
def f(n):
    acc = {"sum": tf.constant(0), "last": [tf.constant(0), tf.constant(0)]}
    for i in tf.range(n):
        tf.print("step", i)
        acc["sum"] += i
        acc["last"][0], acc["last"][1] = acc["last"][1], i
    tf.print("done")
    return acc
""", "f", [(4,), (0,)], ("tf.while_loop",)),
    # -- tf.autograph.experimental.set_loop_options ------------------------------------------
    Case("loop_options_shape_invariant_grows", "loop options", H + """
@tf.function
def f(n):
    v = tf.constant((0,))
    for i in tf.range(n):
        tf.autograph.experimental.set_loop_options(shape_invariants=[(v, tf.TensorShape([None]))])
        v = tf.concat((v, [i]), 0)
    return v
""", "f", [(3,), (0,)], ("shape_invariants=(tf.TensorShape([None]), None)",), "ok"),
    Case("loop_options_passed_through", "loop options", H + """
@tf.function
def f(n):
    s = tf.constant(0)
    i = tf.constant(0)
    while i < n:
        tf.autograph.experimental.set_loop_options(maximum_iterations=100, parallel_iterations=1, swap_memory=False)
        s += i
        i += 1
    return s
""", "f", [(5,), (0,)], ("maximum_iterations=100", "parallel_iterations=1", "swap_memory=False"), "ok"),
    Case("loop_options_maximum_iterations_not_reached", "loop options", H + """
@tf.function
def f(n):
    s = tf.constant(0)
    for i in tf.range(n):
        tf.autograph.experimental.set_loop_options(maximum_iterations=3)
        s += 1
    return s
""", "f", [(2,), (0,)], ("maximum_iterations=3",), "ok"),
    Case("loop_options_sparse_invariant", "loop options", H + """
@tf.function
def f(n):
    st = tf.sparse.from_dense(tf.constant([[1, 0]]))
    for i in tf.range(n):
        tf.autograph.experimental.set_loop_options(shape_invariants=[(st, tf.TensorShape([2]))])
        st = tf.sparse.concat(0, [st, tf.sparse.from_dense(tf.reshape(tf.stack([0, i]), [1, 2]))])
    return tf.sparse.to_dense(st)
""", "f", [(3,), (0,)], ("shape_invariants=",), "error"),
    Case("loop_options_ragged_invariant", "loop options", H + """
@tf.function
def f(n):
    r = tf.ragged.constant([[1]])
    for i in tf.range(n):
        tf.autograph.experimental.set_loop_options(shape_invariants=[(r, tf.TensorShape([None, None]))])
        r = tf.concat([r, tf.ragged.constant([[2, 3]])], axis=0)
    return r.to_tensor()
""", "f", [(2,), (0,)], ("shape_invariants=",), "ok"),
    Case("loop_options_with_container_and_first_assigned", "loop options", H + """
@tf.function
def f(n):
    v = tf.constant((0,))
    pair = [tf.constant(0), tf.constant(1)]
    for i in tf.range(n):
        tf.autograph.experimental.set_loop_options(shape_invariants=[(v, tf.TensorShape([None]))], maximum_iterations=50)
        v = tf.concat((v, [i]), 0)
        pair[0] += i
        last = v[-1] * 2
    return v, pair, last
""", "f", [(3,), (1,)], ("shape_invariants=", "get_concrete_function"), "ok"),
    # -- try/except/finally in tensor loops and branches -------------------------------------
    Case("try_finally_break_in_loop", "try", H + """
@tf.function
def f(n):
    s = tf.constant(0)
    for i in tf.range(n):
        try:
            s += i
            if s > 5:
                break
            s += 1
        finally:
            s += 100
    return s
""", "f", [(5,), (0,), (2,)], ("tf.while_loop",), "ok"),
    Case("try_except_continue_in_loop", "try", H + """
@tf.function
def f(n):
    s = tf.constant(0)
    for i in tf.range(n):
        try:
            if i % 2 == 0:
                continue
            s += i
        except ValueError:
            s -= 1
    return s
""", "f", [(5,), (0,)], ("tf.while_loop",), "ok"),
    Case("try_finally_return_in_loop", "try", H + """
@tf.function
def f(n):
    s = tf.constant(0)
    for i in tf.range(n):
        try:
            s += i
            if s > 5:
                return s * 10
        finally:
            s += 1
    return s
""", "f", [(5,), (2,), (0,)], ("tf.while_loop",), "error"),
    Case("try_around_tensor_if", "try", H + """
@tf.function
def f(x):
    try:
        if x > 0:
            y = x * 2
        else:
            y = -x
    except Exception:
        y = x
    finally:
        z = 1
    return y + z
""", "f", [(1,), (-1,)], ("tf.cond",), "ok"),
    Case("return_in_try_in_tensor_if", "try", H + """
@tf.function
def f(x):
    if x > 0:
        try:
            return x * 2
        finally:
            pass
    return -x
""", "f", [(1,), (-1,)], ("tf.cond",), "error"),
    Case("try_continue_then_code_in_while", "try", H + """
@tf.function
def f(n):
    i = tf.constant(0)
    s = tf.constant(0)
    while i < n:
        i += 1
        try:
            if i % 3 == 0:
                continue
            s += i
        finally:
            s += 100
        s *= 2
    return s
""", "f", [(7,), (0,)], ("tf.while_loop",)),
    Case("try_break_in_finally_overrides", "try", H + """
@tf.function
def f(n):
    s = tf.constant(0)
    for i in tf.range(n):
        try:
            if i == 1:
                continue
            s += i
        finally:
            if s > 4:
                break
        s += 10
    return s
""", "f", [(6,), (1,), (0,)], ("tf.while_loop",)),
    Case("try_else_skipped_by_jump", "try", H + """
@tf.function
def f(n):
    s = tf.constant(0)
    for i in tf.range(n):
        try:
            if i > 3:
                break
        except ValueError:
            s -= 1000
        else:
            s += i
    return s
""", "f", [(6,), (2,), (0,)], ("tf.while_loop",), "wrong"),
    Case("nested_try_jumps", "try", H + """
@tf.function
def f(n):
    s = tf.constant(0)
    for i in tf.range(n):
        try:
            try:
                if i == 2:
                    continue
                if i == 4:
                    break
                s += i
            finally:
                s += 1
            s *= 2
        finally:
            s -= 1
    return s
""", "f", [(6,), (3,), (0,)], ("tf.while_loop",)),
    Case("fuzz_try_continue_under_dispatched_if", "try", H + """
@tf.function
def f(x, n):
    s = x * 0.0
    for i in tf.range(3):
        try:
            if n > 1:
                continue
            s += x
        finally:
            s += 1.0
        s *= 1.5
    return s
""", "f",
         [(2.0, Py(0)), (2.0, Py(3)), (2.0, 3)], ("tf.while_loop",), targets=("tf2",)),  # seed 23: a Python flag
    # -- return inside a try inside a tensor if (lower/try_returns.py) -------------------------
    Case("return_in_try_in_tensor_if", "try", H + """
@tf.function
def f(x):
    y = x
    if x > 0:
        try:
            y = y + 1
            if y > 3:
                return y * 10
        finally:
            y = y + 100
    return y
""", "f", [(3,), (1,), (-2,)], ("tf.cond|cond(",), "error"),
    Case("tensor_if_return_in_try_then_finally", "try", H + """
@tf.function
def f(x):
    y = x
    try:
        if x > 0:
            return x * 2
        y = y + 1
    finally:
        y = y * 3
    return y
""", "f", [(3,), (-2,)], ("tf.cond|cond(",), "error"),
    Case("return_in_try_with_handler_and_else", "try", H + """
@tf.function
def f(x):
    y = x
    if x > 0:
        try:
            y = y + 1
            if y > 3:
                return y * 10
            y = y * 2
        except ValueError:
            y = y - 1000
        else:
            y = y + 5
    return y
""", "f", [(3,), (1,), (-2,)], ("tf.cond|cond(",), "error"),
    Case("return_in_nested_try_annotated", "try", H + """
@tf.function
def f(x: tf.Tensor):
    y = x
    if x > 0:
        try:
            try:
                if y > 2:
                    return y * 10
            finally:
                y = y + 1
            if y > 4:
                return -y
        finally:
            y = y + 100
    return y
""", "f", [(3,), (1,), (5,), (-2,)], ("tf.cond",), "error"),
    Case("return_in_try_function_ends_with_a_call", "try", H + """
@tf.function
def f(x):
    try:
        if x > 0:
            return x * 2
        x = x - 1
    finally:
        x = x + 1
    return tf.reduce_sum(x)
""", "f", [(3.0,), (0.0,), (-2.0,)], ("tf.cond|cond(",), "error"),
    Case("return_in_with_in_tensor_if", "with", H + """
@tf.function
def f(x):
    y = x
    if x > 0:
        with tf.name_scope("pos"):
            y = y + 1
            if y > 3:
                return y * 10
            y = y * 2
    return y
""", "f", [(3,), (1,), (-2,)], ("tf.cond|cond(",), "error"),
    Case("tensor_if_return_in_with_then_code", "with", H + """
@tf.function
def f(x):
    with tf.name_scope("outer"):
        if x > 0:
            return x * 2
        x = x + 1
    return tf.reduce_sum(x)
""", "f", [(3,), (-2,)], ("tf.cond|cond(",), "error"),
    # -- functions TensorFlow traces: passed to TF APIs, nested defs ---------------------------
    Case("map_fn_of_module_function", "traced functions", H + """
def step(x):
    if x > 0:
        x = x * 2
    return x

@tf.function
def f(v):
    return tf.map_fn(step, v)
""", "f", [([1.0, -2.0, 3.0],)], ("tf.cond",)),
    Case("scan_and_while_loop_of_module_functions", "traced functions", H + """
def acc(total, x):
    if x > 0:
        return total + x
    return total

def keep_going(i, s):
    return i < 3

def body(i, s):
    if s > 10.0:
        s = s - 10.0
    return i + 1, s * 2.0

@tf.function
def f(v):
    totals = tf.scan(acc, v, initializer=0.0)
    return totals, tf.while_loop(keep_going, body, (0, totals[-1]))
""", "f", [([1.0, -2.0, 3.0],), ([6.0, 6.0],)], ("tf.cond",), "error"),
    Case("dataset_map_of_module_function", "traced functions", H + """
def parse(x):
    if x % 2 == 0:
        x = x // 2
    return x

@tf.function
def f(v):
    return tf.data.Dataset.from_tensor_slices(v).map(parse).reduce(tf.constant(0), lambda a, b: a + b)
""", "f", [([1, 2, 3, 4],)], ("tf.cond",)),
    Case("nested_def_with_tensor_if", "traced functions", H + """
@tf.function
def f(x):
    def inner(y):
        if y > 0:
            y = y * 3
        else:
            y = -y
        return y

    def count(n):
        s = 0
        for i in tf.range(n):
            s += i
        return s
    return inner(x) + 1, count(x + 2)
""", "f", [(2,), (-1,)], ("tf.cond", "tf.while_loop")),
    Case("lambda_handed_to_map_fn", "traced functions", H + """
@tf.function
def f(v):
    return tf.map_fn(lambda e: e * 2 if e > 0 else -e, v)
""", "f", [([1.0, -2.0, 3.0],)], ("tf.cond",)),
    # -- reached through attributes and factories (analysis/reach.py) ---------------------------
    Case("method_through_instance_attribute", "traced functions", H + """
class Translator:
    def __init__(self, scale):
        self.scale = scale

    def translate(self, x):
        if x > 0:
            x = x * self.scale
        else:
            x = -x
        return x


class Runner:
    def __init__(self):
        self.model = Translator(3.0)

    @tf.function
    def run(self, x):
        return self.model.translate(x) + 1.0


runner = Runner()


def f(x):
    return runner.run(x)
""", "f", [(2.0,), (-1.0,)], ("cond(x > 0",), targets=("tf2",)),  # tf1: AGX505 (self.model), tests/lower/test_reach.py
    Case("instance_and_function_passed_to_constructor", "traced functions", H + """
class Translator:
    def translate(self, x):
        if x > 0:
            x = x * 2.0
        return x


class Runner:
    def __init__(self, model, fn):
        self.model = model
        self.fn = fn

    @tf.function
    def run(self, x):
        return self.model.translate(x) + self.fn(x)


def step(x):
    if x > 1.0:
        x = x * 10.0
    return x


runner = Runner(Translator(), fn=step)


def f(x):
    return runner.run(x)
""", "f", [(2.0,), (-1.0,)],
         ("cond(x > 0", "cond(x > 1.0"), targets=("tf2",)),  # tf1: AGX505 (self.model)
    Case("function_passed_to_constructor", "traced functions", H + """
class Translator:
    def translate(self, x):
        if x > 0:
            x = x * 2.0
        return x


class Runner:
    def __init__(self, fn):
        self.fn = fn

    @tf.function
    def run(self, x):
        return self.fn(x) + 1.0


def step(x):
    if x > 1.0:
        x = x * 10.0
    return x


runner = Runner(fn=step)


def f(x):
    return runner.run(x)
""", "f", [(2.0,), (-1.0,)],
         ("cond(x > 1.0",), targets=("tf2",)),  # tf1 (f is no runner): tests/lower/test_reach.py
    Case("factory_called_in_converted_code", "traced functions", H + """
def create_loop_fn(step_fn):
    def loop_fn(n):
        s = tf.constant(0.0)
        i = tf.constant(0)
        while i < n:
            s += step_fn(tf.cast(i, tf.float32))
            i += 1
        return s
    return loop_fn


def step(x):
    if x > 1.0:
        return x * 10.0
    return x


@tf.function
def f(n):
    return create_loop_fn(step)(n)
""", "f", [(4,), (0,)], ("tf.while_loop", "cond(x > 1.0|tf.cond(x > 1.0")),
    Case("function_handed_to_a_converted_function", "traced functions", H + """
def twice(fn, v):
    return tf.map_fn(lambda e: fn(fn(e)), v)


def halve_big(x):
    if x > 4.0:
        x = x / 2.0
    return x


@tf.function
def f(v):
    return twice(halve_big, v)
""", "f", [([1.0, 6.0, 20.0],)], ("cond(x > 4.0|tf.cond(x > 4.0",)),
    # -- found on real code -------------------------------------------------------------------
    Case("tensorarray_rebound_to_its_stack_after_effects", "lists", H + """
@tf.function
def f(n):
    out = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    for i in tf.range(n):
        tf.print(i)
        out = out.write(i, tf.cast(i, tf.float32))
    out = out.stack()
    return out
""", "f", [(3,), (0,)], ("tf.while_loop",)),
    # -- found by the differential fuzzer (containers, try) --------------------------------------
    Case("fuzz_try_in_branch_reads_are_not_parameters", "try", H + """
@tf.function
def f(x, n):
    a = 0
    k = 0
    while k < n + 1:
        k += 1
        if n <= 2:
            break
        try:
            for i in tf.range(n + 1):
                a += k
        finally:
            a += 1
    return a
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.while_loop",)),
    Case("fuzz_dict_item_appended_dtype", "lists", H + """
@tf.function
def f(x, n):
    d = {"s": 0.0, "t": 1.0}
    if x > 0.0:
        lst1 = []
        for i2 in tf.range(3):
            lst1.append(d["s"] + tf.cast(i2, tf.float32))
        x = x + tf.reduce_sum(tf.stack(lst1))
    return x
""", "f", [(-1.5, 0), (0.5, 1)], ("tf.TensorArray(tf.float32",), "error"),
    Case("fuzz_ternary_on_dict_item_tensor", "containers as state", H + """
@tf.function
def f(x, n):
    u = 0.0
    d = {"s": x, "t": 1.0}
    e = {"a": {"b": x}}
    u = u if (u + d["s"]) < 0.0 else ((u + u) + (u + u))
    w = 1.0 if e["a"]["b"] > 0 and d["s"] < 5.0 else 2.0
    return u + d["s"] * d["t"], w
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.cond",)),
    Case("fuzz_python_item_of_mixed_list_in_condition", "containers as state", H + """
@tf.function
def f(x, n):
    c = [n, 1]
    d = {"s": 0.0, "t": x}
    if (0 + c[1]) <= 1:
        x = x + 1.0
    if (d["s"] != 0.5) and (x > 0.0):
        x = x * 2.0
    y = 1.0 if d["t"] > 0.5 else 2.0
    d["s"] = x
    z = 3.0 if d["s"] > 2.0 else 4.0
    return x + tf.cast(c[0], tf.float32), y, z
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.cond",)),
    # issue 12: a dataset built in the function, iterated with break/return: on tf1 an
    # initializable iterator whose initializer runs before the loop on every Session.run
    Case("dataset_in_graph_loop_with_break", "dataset loop with break", H + """
@tf.function
def f(n, limit):
    ds = tf.data.Dataset.range(tf.cast(n, tf.int64))
    s = tf.constant(0, tf.int64)
    for x in ds:
        if s + x > tf.cast(limit, tf.int64):
            break
        s += x
    return s
""", "f", [(5, 4), (0, 3), (10, 100), (5, 4)], ("get_next_as_optional",)),
    Case("dataset_in_graph_loop_with_return_and_else", "dataset loop with break", H + """
@tf.function
def f(n, limit):
    ds = tf.data.Dataset.range(tf.cast(n, tf.int64)).map(lambda v: v * 3)
    s = tf.constant(0, tf.int64)
    for x in ds:
        if x > tf.cast(limit, tf.int64):
            return x + s
        s += 1
    else:
        s = s * 100
    return -s
""", "f", [(5, 4), (5, 100), (0, 1)], ("get_next_as_optional",), "error"),
    Case("dataset_in_graph_loops_in_a_python_loop", "dataset loop with break", H + """
@tf.function
def f(n):
    total = tf.constant(0, tf.int64)
    for k in range(3):
        ds = tf.data.Dataset.range(tf.cast(n + k, tf.int64))
        for x in ds:
            total += x
            if x >= k:
                break
    return total
""", "f", [(5,), (1,), (0,)], ("get_next_as_optional",)),
    # issue 13: a `return` in a `try` where no simple expression gave the returned value its first
    # value (a call of an element-wise / reduction TF op does now), or whose `return` is under
    # Python `if`s only while other returns are graph values (it was AGX105)
    Case("return_in_try_initialised_from_a_tf_call", "try", H + """
@tf.function
def f(x):
    y = x
    if x > 0:
        try:
            y = y + 1
            if y > 3:
                return tf.square(y)
        finally:
            y = y + 100
    return tf.abs(y)
""", "f", [(3.0,), (1.0,), (-2.0,)], ("return_value = tf.abs(y)",), "error"),
    Case("return_in_try_under_python_if_then_tensor_return", "try", H + """
@tf.function
def f(x, n):
    a = n
    c = [n, 1]
    if len(c) > 1:
        try:
            a = a + 1
            if len(c) > 5:
                return a, x
            x = x * 2.0
        finally:
            a = a * 2
        if x > 1.0:
            return a, x
    return a + c[0] - c[1], x + 1.0
""", "f", [(3.0, 2), (0.25, 1), (-2.0, 0)], ("did_return = False",), "error"),
    Case("return_in_try_after_a_tensor_loop_return", "try", H + """
@tf.function
def f(x, n):
    a = n
    u = x
    c = [1, 2]
    for i in tf.range(n):
        if tf.cast(i, tf.float32) > x:
            return a, u
        a += 1
    try:
        if len(c) > 5:
            return a, u
        u = u + 1.0
    finally:
        a = a * 2
    return a + 1, u
""", "f", [(1.5, 4), (10.0, 3), (0.5, 0)], ("did_return = False",), "error"),
]
