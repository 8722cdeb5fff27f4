"""Corpus cases found by running AutoGraph's reference tests (issues 12/13), each written
with the argument kinds of the reference test: unannotated parameters that are Tensors in
one call and Python values in another (the dispatch helpers)."""
from __future__ import annotations

from corpus import Case, H
from differential import Py

TF2 = ("tf2",)

REF_CASES = [
    # -- a name first assigned in a dispatched while: its shape from a trace that passes the
    # Python counter as a Tensor (tf.range(k) from k = 0 is (None,), not (0,)), and a
    # name whose rank changes from one iteration to the next
    Case("first_assigned_shape_from_a_python_counter", "first assigned in a loop", H + """
@tf.function
def f(limit):
    k = 0
    while k < limit:
        steps = tf.range(k) * 3
        k += 1
    return steps
""", "f", [(3,), (1,), (Py(2),)], ("first_trace(",), "ok", TF2),
    Case("first_assigned_rank_grows_in_a_dispatched_while", "first assigned in a loop", H + """
@tf.function
def f(limit):
    k = 0
    while k < limit:
        block = tf.fill(tf.ones([k + 1], tf.int32) * 2, 0.5)
        k += 1
    return tf.reduce_sum(block), tf.rank(block)
""", "f", [(3,), (1,), (Py(2),)], ("first_trace(",), "ok", TF2),
    Case("first_assigned_dict_with_unknown_rank_item", "first assigned in a loop", H + """
@tf.function
def f(limit):
    k = 0
    while k < limit:
        parts = {"grown": tf.ones(tf.fill([k + 1], 1)), "fixed": tf.zeros([2, 2])}
        k += 1
    return parts["grown"] * 4.0, parts["fixed"]
""", "f", [(2,), (Py(3),)], ("first_trace(",), "ok", TF2),
    # -- set_loop_options on one loop variable while another is a namedtuple: the other
    # invariants are None leaf by leaf (a bare None does not match the namedtuple)
    Case("loop_options_beside_a_namedtuple_loop_variable", "loop options", H + """
import collections

Span = collections.namedtuple("Span", ["low", "high"])


@tf.function
def f(n):
    span = Span(tf.constant(0), tf.constant(1))
    seen = tf.constant([7])
    for step in range(n):
        tf.autograph.experimental.set_loop_options(shape_invariants=[(seen, tf.TensorShape([None]))])
        seen = tf.concat((seen, [step * 2]), 0)
        span = Span(span.low - 1, span.high + step)
    return seen, span.high - span.low
""", "f", [(3,), (0,), (Py(2),)], ("tf.nest.map_structure(lambda _: None, span)",), "ok", TF2),
]
