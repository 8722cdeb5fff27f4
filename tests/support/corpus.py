"""The differential corpus: one Case per construct variant of the lowering table.

Every case runs eagerly (the truth) and through agx; `lowered_to` names graph ops that the
converted code must contain; `autograph` records what AutoGraph does with the original
("ok", or "error" where AutoGraph rejects a program agx accepts, "wrong" where it runs it
but computes something else).
"""
from __future__ import annotations

import dataclasses
from typing import List, Tuple

import numpy as np

from differential import Ds, It, Py


@dataclasses.dataclass
class Case:
    id: str
    row: str                      # the lowering-table row this case covers
    source: str
    function: str
    args: List[Tuple]
    lowered_to: Tuple[str, ...] = ()
    autograph: str = "ok"         # ok | error | hangs (AutoGraph does not finish: tested with a time limit)
    # tf1 runners feed every parameter not known to be Python to a placeholder: a case that
    # passes a Python value to an unannotated parameter is tf2-only
    targets: Tuple[str, ...] = ("tf2", "tf1")


H = "import tensorflow as tf\n\n"

CASES = [
    # -- if / elif / else -------------------------------------------------------------------
    Case("if_else", "if", H + """
@tf.function
def f(x):
    if x > 0:
        y = x * 2
    else:
        y = -x
    return y
""", "f", [(3.0,), (-2.0,), (0.0,)], ("tf.cond",)),
    Case("if_one_armed", "if", H + """
@tf.function
def f(x):
    y = x
    if x > 0:
        y = y * 10
    return y
""", "f", [(3,), (-2,)], ("tf.cond",)),
    Case("if_elif_else", "if", H + """
@tf.function
def f(x):
    if x > 10:
        r = 3
    elif x > 0:
        r = 2
    elif x > -10:
        r = 1
    else:
        r = 0
    return r
""", "f", [(11,), (5,), (-5,), (-50,)], ("tf.cond",)),
    Case("if_nested", "if", H + """
@tf.function
def f(x, y):
    z = 0.0
    if x > 0:
        if y > 0:
            z = x + y
        else:
            z = x - y
        z = z * 2.0
    return z
""", "f", [(1.0, 2.0), (1.0, -2.0), (-1.0, 2.0)], ("tf.cond",)),
    Case("if_several_outputs", "if", H + """
@tf.function
def f(x):
    a = x
    b = x + 1
    unused = 0
    if x > 0:
        a = a * 2
        b = b * 3
        tmp = a + b
        unused = tmp
    else:
        a = a - 1
    return a + b
""", "f", [(2,), (-2,)], ("tf.cond",)),
    Case("if_python_condition_kept", "for-python", H + """
@tf.function
def f(x, scale=2):
    if scale > 1:
        x = x * scale
    return x
""", "f", [(3,), (3, Py(1))]),
    # -- while --------------------------------------------------------------------------------
    Case("while_tensor", "while", H + """
@tf.function
def f(n):
    i = tf.constant(0)
    s = tf.constant(0)
    while i < n:
        s += i
        i += 1
    return s
""", "f", [(5,), (0,), (1,)], ("tf.while_loop",)),
    Case("while_collatz", "while", H + """
@tf.function
def f(x):
    steps = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        steps += 1
    return steps
""", "f", [(6,), (1,), (27,)], ("tf.while_loop", "tf.cond")),
    Case("while_python_to_tensor", "python-to-tensor", H + """
@tf.function
def f(n):
    i = 0
    total = 0
    while i < n:
        total += i * i
        i += 1
    return total
""", "f", [(4,), (0,)], ("tf.while_loop",)),
    # -- for ----------------------------------------------------------------------------------
    Case("for_tf_range", "for-tensor", H + """
@tf.function
def f(n):
    s = 0
    for i in tf.range(n):
        s += i
    return s
""", "f", [(5,), (0,)], ("tf.while_loop",)),
    Case("for_tf_range_start_step", "for-tensor", H + """
@tf.function
def f(a, b):
    s = 0
    for i in tf.range(a, b, 3):
        s += i
    return s
""", "f", [(1, 11), (5, 5)], ("tf.while_loop",)),
    Case("for_tf_range_negative_step", "for-tensor", H + """
@tf.function
def f(n):
    s = 0
    for i in tf.range(n, 0, -1):
        s = s * 10 + i
    return s
""", "f", [(4,), (0,)], ("tf.while_loop",)),
    Case("for_range_tensor_bound", "for-tensor", H + """
@tf.function
def f(x, n):
    for _ in range(n):
        x = x * 2.0
    return x
""", "f", [(1.5, 3), (1.5, 0)], ("tf.while_loop",)),
    Case("for_rows_of_tensor", "for-tensor", H + """
@tf.function
def f(m):
    total = tf.zeros([3])
    for row in m:
        total += row
    return total
""", "f", [([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],), (np.zeros((0, 3), np.float32),)], ("tf.while_loop",)),
    Case("for_target_live_after", "for-tensor", H + """
@tf.function
def f(n):
    i = -1
    for i in tf.range(n):
        pass
    return i
""", "f", [(4,), (0,)], ("tf.while_loop",)),
    Case("for_enumerate_tensor", "for-tensor", H + """
@tf.function
def f(v):
    s = 0.0
    for i, x in enumerate(v):
        s += tf.cast(i, tf.float32) * x
    return s
""", "f", [([1.0, 2.0, 3.0],)], ("tf.while_loop",), "error"),
    Case("for_python_range_kept", "for-python", H + """
@tf.function
def f(x):
    for k in range(3):
        x = x + k
    return x
""", "f", [(1,)]),
    Case("for_python_list_kept", "for-python", H + """
@tf.function
def f(x):
    for w in [1.0, 2.0, 0.5]:
        x = x * w
    return x
""", "f", [(2.0,)]),
    Case("for_python_tuple_with_tensor_if", "for-python", H + """
@tf.function
def f(x):
    out = 0
    for k in (1, 2, 3):
        if x > k:
            out += k
    return out
""", "f", [(0,), (2,), (5,)], ("tf.cond",)),
    # -- break / continue / else --------------------------------------------------------------
    Case("while_break", "break-continue", H + """
@tf.function
def f(x):
    i = 0
    while i < 10:
        if i * i > x:
            break
        i += 1
    return i
""", "f", [(20,), (200,), (-1,)], ("tf.while_loop",), "error"),
    Case("for_continue", "break-continue", H + """
@tf.function
def f(n):
    s = 0
    for i in tf.range(n):
        if i % 2 == 0:
            continue
        s += i
    return s
""", "f", [(7,), (0,)], ("tf.while_loop",)),
    # a Tensor `break` in a Python loop: the loop stays Python (its target keeps Python
    # values: `x * k` with a float `x`), later iterations run under cond(not did_break)
    Case("break_in_python_range_loop_keeps_python_counter", "break-continue", H + """
@tf.function
def f(x, limit):
    out = 0.0
    for k in range(1, 4):
        if x * k > limit:
            break
        out += x * k
    return out
""", "f", [(1.0, 2.5), (0.1, 2.5), (1.0, 0.5), (Py(1.0), Py(2.5))], ("logical_not(did_break)",),
         "error"),
    Case("break_and_continue_in_python_loop_with_else", "break-continue", H + """
@tf.function
def f(x):
    s = x
    for k in [0.0, 1.0, 2.0, 3.0]:
        if s > 10.0:
            break
        elif s < 0.0:
            continue
        s = s * 2.0 + k
    else:
        s = -s
    return s
""", "f", [(1.0,), (20.0,), (-1.0,), (3.0,), (Py(3.0),)], ("logical_not(did_break)",), "error"),
    Case("break_in_python_tuple_loop_with_tf_print", "break-continue", H + """
@tf.function
def f(x):
    acc = 0.0
    for a, b in [(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]:
        acc += a * x
        if acc > b:
            break
        tf.print(acc)
    return acc
""", "f", [(1.0,), (0.1,), (Py(1.0),)], ("did_break = False",), "error"),
    Case("for_break_and_continue", "break-continue", H + """
@tf.function
def f(v, limit):
    s = 0.0
    for x in v:
        if x < 0:
            continue
        if s + x > limit:
            break
        s += x
    return s
""", "f", [([1.0, -2.0, 3.0, 4.0, 5.0], 6.0), ([1.0], 0.5)], ("tf.while_loop",)),
    Case("while_true_break", "break-continue", H + """
@tf.function
def f(x):
    n = 0
    while True:
        x = x // 2
        n += 1
        if x == 0:
            break
    return n
""", "f", [(37,), (1,)], ("tf.while_loop",), "error"),
    Case("while_else", "break-continue", H + """
@tf.function
def f(x):
    i = 0
    found = -1
    while i < 5:
        if i == x:
            break
        i += 1
    else:
        found = 100
    return found + i
""", "f", [(3,), (9,)], ("tf.while_loop", "tf.cond"), "error"),
    Case("for_else", "break-continue", H + """
@tf.function
def f(v, target):
    where = -1
    for i in tf.range(tf.shape(v)[0]):
        if v[i] == target:
            where = i
            break
    else:
        where = -2
    return where
""", "f", [([5, 6, 7], 6), ([5, 6, 7], 9)], ("tf.while_loop",), "error"),
    Case("nested_loops_break", "break-continue", H + """
@tf.function
def f(n):
    count = 0
    for i in tf.range(n):
        j = 0
        while j < n:
            if j > i:
                break
            count += 1
            j += 1
    return count
""", "f", [(4,), (0,)], ("tf.while_loop",)),
    # -- return ---------------------------------------------------------------------------------
    Case("early_return_if", "return", H + """
@tf.function
def f(x):
    if x > 0:
        return x * 2
    return -x
""", "f", [(3,), (-3,)], ("tf.cond",)),
    Case("return_elif_chain", "return", H + """
@tf.function
def sign(x):
    if x > 0:
        return 1
    elif x < 0:
        return -1
    return 0
""", "sign", [(5,), (-5,), (0,)], ("tf.cond",), "error"),
    Case("return_nested_without_else", "return", H + """
@tf.function
def f(x, y):
    if x > 0:
        if y > 0:
            return x + y
        y = y * 2
    z = x - y
    return z
""", "f", [(1, 2), (1, -2), (-1, 2)], ("tf.cond",), "error"),
    Case("return_in_loop", "return", H + """
@tf.function
def first_negative(v):
    for i in tf.range(tf.shape(v)[0]):
        if v[i] < 0:
            return i
    return -1
""", "first_negative", [([1.0, -2.0, 3.0],), ([1.0, 2.0],)], ("tf.while_loop",), "error"),
    Case("return_in_while", "return", H + """
@tf.function
def f(x):
    i = 0
    while i < 100:
        if i * i >= x:
            return i * 10
        i += 1
    return -1
""", "f", [(17,), (100000,)], ("tf.while_loop",), "error"),
    # -- expressions ----------------------------------------------------------------------------
    Case("ternary", "ternary", H + """
@tf.function
def f(x):
    return x * 2 if x > 0 else x - 1
""", "f", [(2,), (-2,)], ("tf.cond",)),
    Case("bool_ops", "bool-ops", H + """
@tf.function
def f(x, y):
    if x > 0 and y > 0 or not x < 10:
        r = 1
    else:
        r = 0
    return r
""", "f", [(1, 1), (1, -1), (20, -1), (-1, 5)], ("tf.logical_and", "tf.logical_or", "tf.logical_not")),
    Case("bool_lazy_index", "bool-ops", H + """
@tf.function
def f(v, i):
    ok = i < tf.shape(v)[0] and v[i] > 0
    return tf.cast(ok, tf.int32)
""", "f", [([1, -1], 0), ([1, -1], 1), ([1, -1], 5)], ("tf.cond",)),
    Case("assert_tensor", "assert", H + """
@tf.function
def f(x):
    assert x >= 0, "x must be non-negative"
    return tf.sqrt(x)
""", "f", [(4.0,)], ("tf.debugging.Assert",), "error"),
    # -- lists ----------------------------------------------------------------------------------
    Case("list_append_stack", "lists", H + """
@tf.function
def f(x, n):
    out = []
    for i in tf.range(n):
        out.append(x * tf.cast(i, tf.float32))
    return tf.stack(out)
""", "f", [(2.0, 4)], ("tf.TensorArray",), "error"),
    Case("list_append_while_len", "lists", H + """
@tf.function
def f(v):
    squares = []
    i = 0
    while i < tf.shape(v)[0]:
        squares.append(v[i] * v[i])
        i += 1
    return tf.stack(squares), len(squares)
""", "f", [([1, 2, 3],)], ("tf.TensorArray",), "error"),
    # -- stateful ops ---------------------------------------------------------------------------
    Case("stateful_variable", "stateful", H + """
counter = tf.Variable(0)

@tf.function
def f(n):
    for i in tf.range(n):
        if i % 2 == 0:
            counter.assign_add(i)
        else:
            counter.assign_sub(1)
    return counter.read_value()
""", "f", [(5,)], ("tf.while_loop", "tf.cond")),
    # -- calls ------------------------------------------------------------------------------------
    Case("helper_converted", "calls", H + """
def clip(x):
    if x > 10:
        x = tf.constant(10)
    return x

@tf.function
def f(x):
    return clip(x) + 1
""", "f", [(5,), (50,)], ("tf.cond",)),
]

CASES += [  # found by running AutoGraph's reference tests: set_loop_options in a loop whose
    # condition or iterable may be Python or a Tensor (the while_loop / for_loop helpers)
    Case("loop_options_in_a_dispatched_while", "loop options", H + """
@tf.function
def f(n):
    out = tf.zeros([1], tf.int32)
    k = 0
    while k < n:
        tf.autograph.experimental.set_loop_options(shape_invariants=[(out, tf.TensorShape([None]))])
        out = tf.concat((out, [k * 3]), 0)
        k += 1
    return out
""", "f", [(Py(3),), (4,), (0,)], ("while_loop(", "shape_invariants="), "ok", ("tf2",)),
    Case("loop_options_in_a_dispatched_for", "loop options", H + """
@tf.function
def f(xs):
    acc = tf.constant([[1.0]])
    for x in xs:
        tf.autograph.experimental.set_loop_options(shape_invariants=[(acc, tf.TensorShape([None, 1]))])
        acc = tf.concat((acc, [[x + 1.0]]), 0)
    return acc
""", "f", [(Ds((1.0, 2.0)),), ((3.0, 4.0, 5.0),), (Py([1.5]),), (It((2.0,)),)], ("for_loop(", "shape_invariants="),
         "ok", ("tf2",)),
]
BY_ID = {c.id: c for c in CASES}

CASES += [
    Case("list_append_in_tensor_if", "lists", H + """
@tf.function
def f(x):
    parts = []
    if x > 0:
        parts.append(x)
    else:
        parts.append(-x)
        parts.append(x * 0)
    return tf.stack(parts), len(parts)
""", "f", [(3,), (-3,)], ("tf.TensorArray", "tf.cond"), "wrong"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [
    Case("python_loop_tensor_continue", "break-continue", H + """
@tf.function
def f(x):
    total = 0
    for k in range(4):
        if x > k:
            continue
        total += k
    return total
""", "f", [(0,), (2,), (9,)], ("tf.cond",)),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer (tests/fuzz): a Python first operand of a lazy and/or
    Case("fuzz_lazy_boolop_python_first", "and-or", H + """
@tf.function
def f(x):
    y = 0.0
    if (1 > 2) or (tf.abs(x) > 1.0):
        y = x
    z = 0 == 1 and tf.abs(x) > 1.0
    return y, z
""", "f", [(2.0,), (0.5,)], ("tf.cond", " cond(|tf.convert_to_tensor")),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: a list that stays empty (zero trips, or appends skipped)
    Case("fuzz_stack_of_empty_list", "lists", H + """
@tf.function
def f(x, n):
    out = []
    for i in tf.range(n):
        if x > 0:
            out.append(x + tf.cast(i, tf.float32))
    return tf.reduce_sum(tf.stack(out)), len(out)
""", "f", [(1.0, 3), (-1.0, 3), (1.0, 0)], ("tf.TensorArray", "tf.zeros"), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: code moved into a branch by return/break
    # restructuring sees the branch's Python values, not the tf.cond's Tensor outputs
    Case("fuzz_moved_condition_python_in_branch", "return-in-loop", H + """
@tf.function
def f(x, n):
    a = n
    for i in tf.range(n):
        if i > 0:
            a = 3
        elif x < -5.0:
            return a
        if a > 1:
            a = a + 1
        b = a if a > 2 else -a
    return a
""", "f", [(1.0, 3), (-9.0, 3), (1.0, 0)], ("tf.while_loop", "tf.convert_to_tensor"), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: TensorArray dtype of a name bound to Python literals
    Case("fuzz_list_dtype_of_python_number", "lists", H + """
@tf.function
def f(x, n):
    u = 0.0
    v = 1.0
    if x > 0:
        v = x
    out = []
    more = []
    for i in tf.range(n):
        out.append(u + tf.cast(i, tf.float32))
        more.append(v)
        u += 1.5
    return tf.stack(out), tf.stack(more)
""", "f", [(1.0, 3), (-1.0, 2), (1.0, 0)], ("tf.TensorArray(tf.float32", "tf.convert_to_tensor(v).dtype"), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: the same, for code moved into a Python `if`
    Case("fuzz_moved_condition_python_if_branch", "return-in-loop", H + """
@tf.function
def f(x, n):
    u = x
    for i in tf.range(n):
        if 2 > 1:
            u = 0.0
        elif x > 0:
            u = u + 1.0
        else:
            if x < -10.0:
                return u
        if u > 0.5:
            u = u * 2.0
    return u
""", "f", [(1.0, 3), (-1.0, 2), (1.0, 0)], ("tf.while_loop", " cond(|tf.convert_to_tensor"), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: a name that is a Tensor on one path and a Python
    # value on another (Python ternary, Python default) reaches a Tensor `if` as a Python bool
    Case("fuzz_maybe_python_condition", "if", H + """
@tf.function
def f(x, n, training=False):
    a = n
    k = 0
    while x > a:
        k += 1
        a = a if 2 > 3 else 3.0
        if a > 1.0:
            a = a + 1.0
        if k > 2:
            a = a + 100.0
    b = 0.0 if training else x
    if b > 0:
        b = b * 2.0
    c = 1.0 if b > 1.0 else x
    return a, b, c
""", "f", [(1.0, 3.0), (9.0, 3.0)], ("tf.while_loop", " cond(|tf.convert_to_tensor")),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # Python evaluates `p or t` with bool(p) only: no graph op when p is a Python value
    Case("boolop_python_head_stays_python", "and-or", H + """
@tf.function
def f(x):
    y = 0.0
    if (2 > 1) or (tf.abs(x) > 1.0):
        y = x
    z = (1 > 2) or (x > 1.0)
    return y, z
""", "f", [(2.0,), (0.5,)], ("tf.cond", " cond(|tf.convert_to_tensor")),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: the dtype of `tf.cond(...)` is not its predicate's
    Case("fuzz_list_dtype_through_cond", "lists", H + """
@tf.function
def f(x, n):
    v = 1.0
    if n == 5:
        return v
    lst = []
    for i in tf.range(3):
        if x > 0:
            lst.append(v + tf.cast(i, tf.float32))
        v = tf.cast(i, tf.float32)
    v = v + tf.reduce_sum(tf.stack(lst))
    more = []
    for j in tf.range(n):
        if x > 1.0:
            more.append(v + 1.0)
    return tf.reduce_sum(tf.stack(more)) + v
""", "f", [(1.0, 3), (2.0, 2), (-1.0, 5), (2.0, 0)], ("tf.TensorArray",), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: a Tensor rebound to a Python value by an unrolled loop
    Case("fuzz_python_loop_rebinds_tensor", "if", H + """
@tf.function
def f(x, n):
    a = n * 2 - 1
    k = 0
    while k < 2:
        k += 1
        a = -1
    if x > 0:
        if a + 1 <= 0:
            return a
    return a + 1
""", "f", [(1.0, 3), (-1.0, 2)], ("tf.cond", " cond(|tf.convert_to_tensor"), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: len() of a list that became a TensorArray is a Tensor
    Case("fuzz_len_of_tensorarray_is_tensor", "lists", H + """
@tf.function
def f(x, n):
    a = 0
    out = []
    for i in tf.range(n):
        out.append(x + tf.cast(i, tf.float32))
        if x > 5.0:
            break
    a = a + len(out)
    b = 1 if a + a < 1 else a - 2
    if a - 1 > 1:
        b = b * 10
    return a, b
""", "f", [(1.0, 3), (9.0, 3), (1.0, 0)], ("tf.TensorArray", "out.size()"), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # issue 13 (miscompile lane): each was a wrong value, a refusal or a trace-time failure
    Case("jump_dead_code_after_break_or_continue", "break-continue", H + """
@tf.function
def f(x, y):
    s = 0
    while y > 0:
        y -= 1
        if (x + y) % 2 > 0:
            break
        else:
            continue
        s += x + y
    return s, y
""", "f", [(1, 4), (2, 4), (2, 0)], ("tf.while_loop",)),
    Case("jump_dead_code_in_nested_for", "break-continue", H + """
@tf.function
def f(x, n):
    s = 0
    for i in tf.range(n):
        for j in tf.range(n):
            if (x + j) % 2 > 0:
                continue
            else:
                break
            s += 100
        s += i
    return s
""", "f", [(1, 4), (2, 4), (1, 0)], ("tf.while_loop",)),
    Case("zip_of_tensors", "for-zip", H + """
@tf.function
def f(v, w):
    s = 0
    for a, b in zip(v, w):
        s += a * b
    return s
""", "f", [([1, 2, 3], [4, 5, 6, 7]), ([5, 6], [1]), (np.zeros([0], np.int32), [1])],
         ("tf.while_loop", "tf.minimum("), "error"),
    Case("zip_three_one_target_with_break", "for-zip", H + """
@tf.function
def f(v, w, u):
    s = 0
    for t in zip(v, w, u):
        if t[0] > 2:
            break
        s += t[0] * t[1] - t[2]
    return s
""", "f", [([1, 2, 3], [4, 5, 6, 7], [1, 1, 1]), ([3], [2], [3])], ("tf.while_loop",), "error"),
    Case("enumerate_with_start", "for-zip", H + """
@tf.function
def f(v, k):
    s = 0
    for i, a in enumerate(v, 2):
        s += i * a
    for i, a in enumerate(v, start=k):
        s += i * a
    return s
""", "f", [([1, 2, 3], 5), ([4], -1), (np.zeros([0], np.int32), 1)], ("tf.while_loop",), "error"),
    Case("fizzbuzz_returns_nothing", "effects", H + """
@tf.function
def f(n):
    for i in tf.range(1, n + 1):
        if i % 15 == 0:
            tf.print('FizzBuzz')
        elif i % 3 == 0:
            tf.print('Fizz')
        elif i % 5 == 0:
            tf.print('Buzz')
        else:
            tf.print(i)
""", "f", [(15,), (0,)], ("tf.while_loop", "tf.print")),
    Case("list_appended_before_and_in_loop_rebound_after", "lists", H + """
@tf.function
def f(x, n):
    predictions = []
    prediction = x * 2
    predictions.append(prediction)
    for k in range(1, n):
        prediction = prediction + 1
        predictions.append(prediction)
    predictions = tf.stack(predictions)
    predictions = tf.transpose(predictions, [1, 0])
    return predictions
""", "f", [([1, 2], 3), ([1, 2], 1)], ("tf.TensorArray",), "error"),
    Case("list_concat_after_loop", "lists", H + """
@tf.function
def f(x, n):
    parts = []
    for k in tf.range(n):
        parts.append(x * k)
    return tf.concat(parts, 0)
""", "f", [([1, 2], 3), ([5], 1)], ("tf.TensorArray", "parts.concat()"), "wrong"),
    Case("list_pop_in_tensor_loop", "lists", H + """
@tf.function
def f(n):
    l = [1, 2, 3, 4]
    s = 0
    for _ in range(n):
        s += l.pop()
    return tf.stack(l), s, len(l)
""", "f", [(0,), (2,), (4,)], ("tf.TensorArray", "l.read(l_size)"), "wrong"),
    Case("list_pop_of_tensors_in_while", "lists", H + """
@tf.function
def f(x, n):
    l = [x, x * 2, x * 3]
    s = 0.0
    i = 0
    while i < n:
        s = s + l.pop()
        i += 1
    return s, len(l)
""", "f", [(1.5, 0), (1.5, 2), (2.0, 3)], ("l.read(l_size)",), "wrong"),
    Case("list_pop_in_tensor_if", "lists", H + """
@tf.function
def f(x):
    l = [1.0, 2.0, 3.0]
    y = x
    if x > 0:
        y = x + l.pop()
    return y, tf.stack(l)
""", "f", [(1.0,), (-1.0,)], ("tf.TensorArray", "tf.cond"), "wrong"),
    Case("list_of_rows_built_in_nested_loops", "lists", H + """
@tf.function
def f(x, n):
    out = []
    for i in tf.range(n):
        row = []
        for j in tf.range(n):
            row.append(x + i * j)
        out.append(tf.stack(row))
    return tf.stack(out)
""", "f", [(1, 3), (2, 1)], ("tf.TensorArray",), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: code after an if whose branches all jump never runs
    Case("fuzz_dead_return_after_jumps", "break-continue", H + """
@tf.function
def f(x, n):
    a = 0
    u = 0.0
    for i1 in tf.range(n):
        if (a + a) < 0:
            break
        else:
            continue
        u = u + 1.0
        if a < 0:
            return a, u
    return a, u + 1.0
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.while_loop",), "error"),
    Case("fuzz_dead_code_made_the_condition_a_tensor", "break-continue", H + """
@tf.function
def f(x, n):
    a = 0
    u = 0.0
    for i1 in tf.range(n):
        if (a + a) < 0:
            break
        else:
            continue
        u = (u + u) + (u + u)
        a -= n
    return a, u + 1.0
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.while_loop",)),
]
TF2 = ("tf2",)


CASES += [  # kinds (issue 12): every argument kind AutoGraph accepts converts and agrees with eager
    Case("kinds_recursion_on_python_int", "kinds", H + """
@tf.function
def f(n):
    if n > 0:
        return n * f(n - 1)
    return 1
""", "f", [(Py(5),), (Py(0),)], (" cond(",), targets=TF2),
    Case("kinds_annotated_no_dispatch", "kinds", H + """
@tf.function
def f(x: tf.Tensor, n: int, training: bool = False):
    if n > 1:
        x = x * 2.0
    for i in range(n):
        x = x + i
    if x > 4.0:
        x = x - 1.0
    if training:
        x = -x
    return x
""", "f", [(1.0, Py(3)), (2.0, Py(0)), (1.0, Py(1), Py(True))], ("tf.cond(x > 4.0",)),
    Case("kinds_list_truthiness_stays_python", "kinds", H + """
@tf.function
def f(x, flags):
    if flags:
        return x + 1.0
    return x - 1.0
""", "f", [(1.0, Py([0])), (1.0, Py([])), (1.0, Py([1, 2])), (1.0, Py((0,)))], targets=TF2),
    # a number default is a Python value only until a caller passes a Tensor (tf.function
    # accepts one, and AutoGraph converts the `if` then): the `if` and the `for` dispatch
    Case("kinds_number_default_given_a_tensor", "kinds", H + """
@tf.function
def f(x, y=2, steps=3):
    if y == 2:
        return x ** 2
    for _ in range(steps):
        x = x + 1.0
    return x ** y
""", "f", [(3.0,), (3.0, Py(3)), (3.0, 3.0), (3.0, 2.0), (1.0, Py(3), 2), (1.0, Py(3), Py(0))],
         (" cond(|if y == 2:",)),  # tf1: the runner bakes a Python default in (one graph per value)
    Case("kinds_optional_none_and_tensor", "kinds", H + """
@tf.function
def f(x, offset=None):
    if offset is not None and tf.rank(offset) == 1:
        x = x + offset
    return x
""", "f", [(1.0,), ([1.0, 2.0], [1.0, 1.0])], targets=TF2),
    Case("kinds_keras_training_without_default", "kinds", H + """
@tf.function
def call(x, training):
    if training:
        return x * 2.0
    return x
""", "call", [(1.0, Py(True)), (1.0, Py(False))]),
    Case("kinds_callable_argument", "kinds", H + """
@tf.function
def f(step, x, n):
    for i in tf.range(n):
        x = step(x)
    return x
""", "f", [(Py(abs), -1.0, 3), (Py(lambda v: v * 2.0), 1.0, 3)]),
    Case("kinds_range_and_list_arguments", "kinds", H + """
@tf.function
def f(items, x):
    for i in items:
        x = x + i
    return x
""", "f", [(Py(range(3)), 1.0), (Py([1.0, 2.5]), 1.0), (Py((4,)), 1.0), ([1.0, 2.0], 1.0)],
         ("for_loop(items, None, loop_body, (x,))",), targets=TF2),
    Case("kinds_dict_argument", "kinds", H + """
@tf.function
def f(d, x):
    for k in d:
        x = x + d[k]
    return x
""", "f", [(Py({"a": 1.0, "b": 2.0}), 1.0)], targets=TF2),
    Case("kinds_python_and_tensor_while", "kinds", H + """
@tf.function
def f(x, n):
    i = 0
    while i < n:
        x = x * 2.0
        i += 1
    return x, i
""", "f", [(1.0, Py(3)), (1.0, 3), (1.0, Py(0))], ("while_loop(",), targets=TF2),
    Case("kinds_python_float_and_bool", "kinds", H + """
@tf.function
def f(x, scale, flip):
    if scale > 1.5 and not flip:
        x = x * scale
    elif flip:
        x = -x
    return x
""", "f", [(1.0, Py(2.0), Py(False)), (1.0, Py(1.0), Py(True)), (1.0, 2.0, False)], targets=TF2),
    Case("kinds_tensor_and_in_condition", "kinds", H + """
@tf.function
def f(a, s, c):
    if a >= s and a == c:
        return a + 1
    return a - 1
""", "f", [(3, 1, 3), (3, 1, 2), (0, 1, 0)], ("logical_and(",)),
    Case("kinds_range_counter_takes_int64", "kinds", H + """
@tf.function
def f(n):
    s = tf.constant(0, tf.int64)
    for i in tf.range(1, n + 1):
        s += i
    return s
""", "f", [(np.int64(4),), (np.int64(0),)], ("i = tf.zeros_like(loop_limit) + 1|i = tf.constant(1, loop_limit.dtype)",)),
    # tf.range casts its bounds to `dtype=`: an int32 Tensor bound (or start, or step) with
    # an int64 counter must be cast too (the comparison and the step failed on mixed dtypes)
    Case("for_tf_range_dtype_with_int32_bounds", "for-tensor", H + """
@tf.function
def f(n, start, step):
    s = tf.constant(0, tf.int64)
    for i in tf.range(start, n + 1, step, dtype=tf.int64):
        s += i
    return s
""", "f", [(4, 1, 1), (9, 0, 3), (Py(5), Py(1), Py(2))], ("tf.cast(n + 1, tf.int64)",)),
    Case("kinds_range_dtype_argument", "kinds", H + """
@tf.function
def f(n: tf.Tensor):
    s = tf.constant(0, tf.int64)
    for i in tf.range(n, dtype=tf.int64):
        s += i
    return s
""", "f", [(np.int64(4),), (np.int64(0),)], ("tf.constant(0, tf.int64)",)),
    Case("kinds_assert_on_python_value", "kinds", H + """
@tf.function
def f(x, n):
    assert n >= 0, "n must be non-negative"
    return x * n
""", "f", [(2.0, Py(3.0)), (2.0, 3.0)], ("assert_(",), "error", targets=TF2),
    Case("kinds_is_tensor_narrowing", "kinds", H + """
@tf.function
def f(x):
    if tf.is_tensor(x):
        return tf.reduce_sum(x)
    return sum(x)
""", "f", [([1.0, 2.0],), (Py([1.0, 2.0]),)], targets=TF2),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # kinds (issue 12): expressions inside conditions and iterables
    Case("kinds_len_ternary_and_in_conditions", "kinds", H + """
@tf.function(input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.bool)])
def f(x, b):
    s = 0.0
    for i in tf.range(len(x)):
        s += x[i]
    for j in tf.range(5 if b else 7):
        s += 1.0
    if len(x) > 2 and b:
        s += 10.0
    return s
""", "f", [([1.0, 2.0, 3.0], True), ([1.0], False), ([], True)],
         ("tf.shape(x)[0] > 2", "tf.cond(tf.cast(b, tf.bool), lambda: 5, lambda: 7)")),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer: a loop variable of a dispatched loop is a Python
    # value in its Python form (on entry), so a ternary on it dispatches too
    Case("fuzz_dispatched_loop_variable_may_be_python", "kinds", H + """
@tf.function
def f(x, n):
    u = 0.0
    v = 1.0
    k1 = 0
    while k1 < n:
        k1 += 1
        k2 = 0
        while k2 < n:
            k2 += 1
            v = u if (v + 2.0) < -1.0 else tf.abs(tf.minimum(-1.25, 0.0))
        if 3 > 0:
            break
    return u + v
""", "f", [(-1.5, Py(0)), (0.5, Py(1)), (2.0, Py(3)), (2.0, 3)], ("v = cond(v + 2.0",), targets=TF2),
]

from corpus_state import STATE_CASES  # noqa: E402  (state cases: containers, loop options)

CASES += STATE_CASES
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer (seed 101): agx kept this function as written for
    # AutoGraph (AGX211, the closure), and AutoGraph computes len(lst1) == 1 after zero trips;
    # agx now defines the closure again in the loop body and converts it
    Case("fuzz_closure_kept_where_autograph_is_wrong", "closures", H + """
@tf.function
def f(x, n):
    a = 0
    b = 1
    lst1 = []
    for i2 in tf.range(n):
        lst1.append(x + tf.cast(i2, tf.float32))
    a = a + len(lst1)
    c7 = lambda: b * 2
    k8 = 0
    while k8 < n:
        k8 += 1
        b = (b + c7()) % 7
    return a, b
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.while_loop", "tf.TensorArray"), "wrong"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # kinds: len() of a value that may be a Tensor is AutoGraph's len_ (tf.shape(t)[0]);
    # agx kept Python len() on an unannotated parameter, which raises for a symbolic Tensor
    Case("kinds_len_of_unannotated_tensor", "kinds", H + """
@tf.function
def f(x):
    i = 0
    s = 0
    while i < len(x):
        s += x[i]
        i += 1
    return s
""", "f", [([1, 2, 3],), ([7],)], ("while_loop(",)),  # tf2: length(x); tf1 feeds x: tf.shape(x)[0]
    Case("kinds_len_of_unannotated_list", "kinds", H + """
@tf.function
def f(x):
    i = 0
    s = 0
    while i < len(x):
        s += x[i]
        i += 1
    return s
""", "f", [(Py([4, 5]),), (Py([]),)], ("length(x)",), targets=TF2),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer (seed 202): `c[0] = -3` in a loop that carries the
    # list `c` made its item a Python int, but agx read `c[0]` as the loop variable's Tensor and
    # gave tf.cond a Python bool (AutoGraph fails on it too: InaccessibleTensorError)
    Case("fuzz_python_item_of_loop_state", "containers", H + """
@tf.function
def f(x, n):
    a = 0
    b = 1
    u = 0.0
    v = x + 1.0
    c = [n, 1]
    d = {"s": x, "t": u}
    lst1 = []
    for i2 in tf.range(3):
        lst1.append((-1.25 + 0.5) + tf.cast(i2, tf.float32))
        c[0], c[1] = c[1], c[0]
        k3 = 0
        while k3 < 3:
            k3 += 1
            c[0] = -3
            if (c[0] + c[0]) <= 1:
                v -= d["s"]
                u += d["t"]
            else:
                u = ((d["s"] + 0.0) + tf.abs(0.5))
                if v != -1.0:
                    break
                else:
                    continue
                b = -1 if (b == 0) or (-1.25 == -1.0) else (-3 + tf.maximum(1, n))
            try:
                b += 0
                if (-3 == 0) and (tf.cast(i2, tf.float32) >= 0.5):
                    break
                else:
                    break
                u += v
            finally:
                c[0], c[1] = c[1], c[0]
        if (d["s"] == 0.0) or (i2 <= 0):
            a = (b + c[0]) if tf.maximum(-2, c[1]) == -1 else ((c[0] - -2)) % 4
    v = v + tf.reduce_sum(tf.stack(lst1))
    return a + c[0] - c[1], u + v + d["s"] * d["t"]
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.while_loop",), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer (seed 202): a closure defined in a `try` body was
    # not copied (AGX211, kept as written), and AutoGraph computes a = -2 where eager gives -1
    Case("fuzz_closure_in_a_try_body", "closures", H + """
@tf.function
def f(x, n):
    a = 0
    b = n + 1
    u = x * 0.5
    v = x + 1.0
    c = [n, a + 1]
    d = {"s": 0.0, "t": 1.0}
    try:
        def c1():
            return a + 1
        k2 = 0
        while k2 < 2:
            k2 += 1
            b = (b + c1()) % 7
            if (c[0] + k2) != 1:
                continue
            b = tf.maximum(-1, (-2 + 2))
            if (k2 <= 1) or (tf.cast(n, tf.float32) > -1.0):
                continue
            else:
                continue
            v = 2.0 if (-1.25) * 0.5 == 0.0 else 0.0
        lst3 = []
        for i4 in tf.range(3):
            lst3.append(v + tf.cast(i4, tf.float32))
            try:
                if i4 > 0:
                    break
            except ValueError:
                b -= ((n + n) + (b + 0))
            finally:
                v = (tf.cast(c[1], tf.float32) - 2.0)
            a = (1 - (n + c[1])) if (a > 1) and (tf.minimum(-1.25, d["t"]) != 0.0) else -2
        a = a + len(lst3)
    except ValueError:
        b = ((-3 + 3)) % 2
    finally:
        d["t"] = u
    for i5 in tf.range(1, n + 2):
        if -2 >= 2:
            continue
        else:
            break
        b = (a) % 4 if b != 0 else 0
        c[0] -= (2 - (c[1] - c[1]))
        if (-1.25 + 2.0) != -1.0:
            try:
                a = ((b + 2) - (c[1]) % 2)
            except ValueError:
                v -= x
            finally:
                d["s"] *= 0.5
    v += 0.5
    return a + c[0] - c[1], u + v + d["s"] * d["t"]
""", "f", [(-1.5, Py(0)), (0.5, Py(1)), (2.0, Py(3))], ("tf.while_loop",), "wrong", targets=TF2),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the differential fuzzer (seed 202): a `continue` inside a `try` after a Tensor
    # `if` that breaks: restructuring moved it under that `if`, so its flag became the cond's
    # Tensor output, but the guard after the `try` stayed a Python `if`; and `c[1]` of a list the
    # loop carries was read as its Python item (tf.while_loop makes it a Tensor)
    Case("fuzz_try_continue_after_a_tensor_break", "try", H + """
@tf.function
def f(x, n):
    a = 0
    b = n + 1
    u = x * 0.5
    v = 1.0
    c = [0, 1]
    d = {"s": x, "t": u}
    for i1 in tf.range(n + 1):
        if (-1 + a) != 1:
            break
        else:
            break
        v = d["t"]
    for i2 in tf.range(n + 1):
        try:
            if c[1] > 3:
                break
            if (2 + -1) > 1:
                b += tf.maximum(b, (c[1] + n))
                if (1) % 4 > 1:
                    continue
                else:
                    break
                b = c[0]
            else:
                c[0], c[1] = c[1], c[0]
        finally:
            u = ((u + u) - (v + u))
        u = tf.abs((v + 2.0)) if (c[1] + a) <= 3 else tf.cast((c[1] - 0), tf.float32)
    u -= ((v + 0.5) + x)
    return a + c[0] - c[1], u + v + d["s"] * d["t"]
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.while_loop",)),
]
BY_ID = {c.id: c for c in CASES}

CASES += [
    # found by the differential fuzzer (seed 203): a `return` in a `try`, in a Tensor `if` under a Python `elif`: the flag stays a Python
    # bool on the other paths, and the final guard was a tf.cond (pred must not be a Python bool)
    Case("fuzz_return_in_try_under_python_if", "fuzz", H + """
@tf.function
def f(x, n):
    a = 0
    b = n + 1
    u = 0.0
    v = 1.0
    c = [0, a + 1]
    d = {"s": x, "t": 1.0}
    if (0) % 3 != 1:
        a = (2 + n)
    else:
        lst1 = []
        for i2 in tf.range(n):
            lst1.append(tf.cast(tf.maximum(c[0], b), tf.float32) + tf.cast(i2, tf.float32))
            try:
                if not (3 <= 3):
                    continue
                else:
                    continue
                v += 0.5
                b += b
            except ValueError:
                b += i2
            finally:
                u += d["s"]
        v = v + tf.reduce_sum(tf.stack(lst1))
        lst3 = []
        for i4 in tf.range(n):
            lst3.append((tf.abs(x) + (x) * 0.5) + tf.cast(i4, tf.float32))
            try:
                u = (x) * 0.5
                if (n - n) == 2:
                    break
                else:
                    continue
                a -= ((n + -3) - 1)
            finally:
                a = c[1] if (2.0 > 0.0) and (b > 1) else ((0 + a) - (b + b))
        v = v + tf.reduce_sum(tf.stack(lst3))
    try:
        if (2.0 + 0.5) >= -1.0:
            c[0], c[1] = c[1], c[0]
            u = d["s"] if not (u != -1.0) else 0.0
            try:
                b = (2 - c[0]) if (2 - -3) != 2 else (3 + c[0])
                a = 1 if tf.abs(u) >= -1.0 else (tf.maximum(-1, 0) + 1)
                u = d["s"]
            finally:
                v += tf.minimum((2.0 + v), tf.cast(c[0], tf.float32))
        elif 0.0 != 0.0:
            a += ((0) % 3) % 5
        else:
            if tf.maximum(b, b) > -1:
                return b, u
            k5 = 0
            while (0 == 0) and k5 < 3:
                k5 += 1
                if (1 + b) > 1:
                    break
                else:
                    continue
                v = tf.abs(tf.cast(0, tf.float32))
                if (d["s"] >= 0.0) or (d["t"] != 0.5):
                    continue
                else:
                    continue
                u -= v
    finally:
        a = ((c[0] - -3) + tf.maximum(c[0], a))
    if not (1 > 2):
        return a, u
    return a + b, u + v
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.cond",), "ok"),
    # found by the differential fuzzer (seed 203): a closure defined inside an `if` body before a loop there was refused (AGX211) and kept;
    # AutoGraph computes another value. It is defined again in the loop body now
    Case("fuzz_closure_in_a_tensor_if_body", "fuzz", H + """
@tf.function
def f(x, n):
    a = n * 2 - 1
    b = n + 1
    u = x * 0.5
    v = x + 1.0
    c = [0, 1]
    d = {"s": 0.0, "t": u}
    lst1 = []
    for i2 in tf.range(n):
        if (b) % 4 < -1:
            lst1.append(u + tf.cast(i2, tf.float32))
        if tf.maximum(n, 3) < 2:
            v -= d["t"]
        elif (c[1] + n) > 0:
            c[0] += 2
            u = tf.cast(-1, tf.float32)
        elif not ((a) % 3 != 3):
            c[0] -= (i2 - (2 + -1))
            for i3 in tf.range(n):
                c[0], c[1] = c[1], c[0]
                d["s"] += (tf.minimum(u, -1.25) - tf.abs(0.0))
            if 0 != 2:
                c[0] -= ((-2 + c[1])) % 2
                u += tf.cast(3, tf.float32)
            else:
                if v == 0.0:
                    continue
                else:
                    continue
                u = 2.0
                v = (x - d["s"]) if (c[0] - -2) != 1 else ((d["t"]) * 0.5) * 0.5
        else:
            c[0] = b
            c[1] = (a + (b + 4))
    a = a + len(lst1)
    try:
        c[1] += (tf.maximum(b, c[1])) % 4
        def c4():
            return b + 1
        k5 = 0
        while k5 < 2:
            k5 += 1
            b = (b + c4()) % 7
            c[1] -= c[0]
            b = 4
        if tf.abs(d["s"]) == 0.0:
            c6 = lambda: b * 2
            k7 = 0
            while k7 < n:
                k7 += 1
                a = (a + c6()) % 7
                v += -1.25
                a = 2 if not ((0.5) * 0.5 > 0.0) else n
                b += (4 - 3)
    finally:
        v -= ((2.0) * 0.5) * 0.5
    return a + c[0] - c[1], u + v + d["s"] * d["t"]
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.cond",), "wrong"),
    # found by the differential fuzzer (seed 207): `v` is Python on the first pass of a Python
    # loop and a tf.while_loop's output after it: `if v == 0.0` dispatches (it was a tf.cond,
    # which raised "pred must not be a Python bool" for a Python `x`)
    Case("fuzz_python_loop_head_joins_unknown_and_tensor", "fuzz", H + """
@tf.function
def f(x, n):
    v = x + 1.0
    u = 0.0
    k2 = 0
    while k2 < 2:
        k2 += 1
        if v == 0.0:
            u += 1.0
        for i5 in tf.range(1, n + 2):
            v = u
    return u + v
""", "f", [(Py(-1.0), 2), (Py(0.5), 1), (-1.0, 0), (2.0, 3)], ("cond", "tf.while_loop"), "ok", ("tf2",)),
    # found by the differential fuzzer (seed 207): silent wrong values. A `return` before the
    # closure moves it, and the loop calling it, into a branch function (jumps.restructure);
    # the closure was not defined again in the loop body, which then read a stale `a`
    Case("fuzz_closure_after_a_tensor_return", "closures", H + """
@tf.function
def f(x, n):
    a = 0
    if x > 100.0:
        return a, x
    def c6():
        return a + 1
    k7 = 0
    while k7 < n:
        k7 += 1
        a = (a + c6()) % 7
    return a, x
""", "f", [(2.0, 3), (200.0, 3), (0.5, 0)], ("cond", "while_loop")),
    # the same, with the closure copied into both branches of the inner `if`
    Case("fuzz_closure_copied_into_both_branches", "closures", H + """
@tf.function
def f(x, n):
    a = 0
    if x > 1.0:
        if n > 50:
            return a, x
        a = a + 2
    def c6():
        return a + 1
    k7 = 0
    while k7 < n:
        k7 += 1
        a = (a + c6()) % 7
    return a, x
""", "f", [(2.0, 3), (0.5, 2), (2.0, 60)], ("cond", "while_loop"), "error"),
    # found by the differential fuzzer (seed 207): the loop carried `a`, which only dead code
    # after a `break` assigns (lowering drops it), so `c[1] < 3` was taken for a Tensor: a
    # tf.cond on a Python bool ("pred must not be a Python bool")
    Case("fuzz_dead_code_after_break_is_not_loop_state", "fuzz", H + """
@tf.function
def f(x, n):
    a = 0
    c = [n, 1]
    for i1 in tf.range(n + 1):
        c[1] = ((-2 - a) - -1)
        if 0.0 <= 0.5:
            if c[1] < 3:
                break
            else:
                break
            a = 2 + tf.maximum(-3, c[0])
    return x, c[0] + a
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.while_loop",)),
    # found by the differential fuzzer (seed 207): a list output by a dispatched `if` in a
    # Python loop may hold Tensors after it, so the loop's test on its items dispatches (tf2:
    # not a fixed point, AGX000; tf1: `b == 1` became `tf.equal`, a Tensor, and the Python
    # `while` failed: a comparison that may be of Tensors is the `equal` helper there)
    Case("fuzz_items_of_a_dispatched_if_output", "fuzz", H + """
@tf.function
def f(x, n):
    b = 1
    c = [0, 1]
    if n != 1:
        k1 = 0
        while (c[0] - c[1]) < 1 and k1 < 2:
            k1 += 1
            if b == 1:
                c[0], c[1] = c[1], c[0]
            elif tf.maximum(0, -2) > 2:
                b -= k1
    return b + c[0] - c[1], x
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("tf.cond", "while_loop")),
    # found by the differential fuzzer with iterable arguments (seed 301): the for_loop helper
    # ran the body under tf.cond (a dataset's or iterator's next element; a Python loop after a
    # Tensor break) on the loop variables themselves, so an item assignment in the true branch
    # reached the false branch ("Tensor ... in true_fn is accessed from false_fn")
    Case("fuzz_dispatched_for_assigns_items_over_a_dataset", "fuzz", H + """
@tf.function
def f(x, xs):
    d = {"s": 0.0, "t": x}
    for e in xs:
        d["s"] -= e
    return d["s"], d["t"]
""", "f", [(0.5, It((0.5, -1.0, 2.0))), (1.0, Ds(())), (1.0, Ds((1.5,))), (1.0, Py([0.5, 2.0]))],
         ("for_loop",), "ok", ("tf2",)),
    Case("fuzz_dispatched_for_assigns_items_after_a_tensor_break", "fuzz", H + """
@tf.function
def f(x, xs):
    c = [0, 1]
    for e in xs:
        c[0] += 1
        if x < e:
            break
    return c[0], c[1]
""", "f", [(0.5, Py([0.25, 1.0, 2.0])), (3.0, Py((1.5, 2.0))), (1.0, Py([])), (1.0, It((0.5, 2.0)))],
         ("for_loop",), "error", ("tf2",)),
    # found by the differential fuzzer (seed 301 and the CI run): not a fixed point (AGX000).
    # Converting agx's output again, the branch function's copy of a container
    # (`d = tf.nest.map_structure(lambda v: v, d)`) had lost what its items are, so an `if` on
    # an item that was Python dispatched (and, on an item assigned there, AGX205)
    Case("fuzz_copied_container_keeps_its_items", "fuzz", H + """
@tf.function
def f(x, n):
    c = [n, 1]
    d = {"s": 0.0, "t": 1.0}
    if -2 + c[1] != -2:
        pass
    elif d["s"] > -1.0:
        pass
    else:
        d["s"] = tf.cast(1, tf.float32)
    return c[0], d["s"]
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("cond|tf.cond",)),
    Case("fuzz_container_passed_to_a_branch_function_keeps_its_items", "fuzz", H + """
@tf.function
def f(x, n):
    a = 0
    u = 0.0
    c = [0, 1]
    if a < 0:
        if tf.minimum(u, u) < 0.0:
            return a, u
        c[0] = a
    k2 = 0
    while k2 < n:
        k2 += 1
        a = (a + 1) % 7
        if (0 + c[0]) < 0:
            break
    return a + c[0] - c[1], u
""", "f", [(-1.5, 0), (0.5, 1), (2.0, 3)], ("while_loop",)),
    # found by the differential fuzzer (seed 209): a container assigned by item in a loop over
    # an iterator (tf.while_loop over get_next_as_optional) kept its items' Python kinds after
    # it, so `if c[0] > 3` stayed a Python `if` on a Tensor ("symbolic Tensor as a Python bool")
    Case("fuzz_items_of_iterator_loop_state_are_tensors", "fuzz", H + """
@tf.function
def f(x, xs: tf.data.Iterator):
    c = [0, 1]
    u = 1.0
    for e5 in xs:
        for e6 in xs:
            c[0] = tf.cast(e6, tf.int32)
        else:
            if u <= 0.5:
                continue
        if c[0] > 3:
            continue
        else:
            break
    return c[0], u
""", "f", [(0.5, It((1.0, 5.0, 2.0))), (1.0, It(())), (1.0, It((7.0,)))], ("tf.cond",), "hangs", ("tf2",)),
    # found by the differential fuzzer (seed 209, a wrong value): a `break` in the `else` of an
    # inner loop breaks the outer loop, but the outer loop's jumps were searched without
    # entering nested loops at all, so the outer loop over a dataset became a `Dataset.reduce`
    # (which cannot stop) and ran on
    Case("fuzz_break_in_inner_loop_else_breaks_a_dataset_loop", "fuzz", H + """
@tf.function
def f(x, n, xs: tf.data.Dataset):
    u = 0.0
    for e2 in xs:
        for e3 in xs:
            u = u + e3
            if n > 5:
                break
        else:
            if x > -2.0:
                break
        u = u + 100.0
    return u
""", "f", [(0.5, 1, Ds((0.5, -1.0, 2.0))), (-3.0, 1, Ds((0.5, 2.0))), (0.5, 7, Ds((1.0,))), (0.5, 1, Ds(()))],
         ("while_loop",), "error", ("tf2",)),
    Case("break_in_python_inner_loop_else_breaks_a_tensor_loop", "for", H + """
@tf.function
def f(x, n):
    u = 0.0
    i = 0
    while i < n:
        i += 1
        for k in range(2):
            u = u + x
        else:
            if u > 3.0:
                break
        u = u + 1.0
    return u, i
""", "f", [(0.5, 4), (2.0, 5), (-1.0, 3), (1.0, 0)], ("while_loop",), "error"),
    Case("continue_in_tensor_inner_loop_else_continues_a_tensor_loop", "for", H + """
@tf.function
def f(x, n):
    u = 0.0
    for i in tf.range(n):
        for j in tf.range(2):
            u = u + x
            if u > 100.0:
                break
        else:
            if u > 2.0:
                continue
        u = u + 10.0
    return u
""", "f", [(0.5, 4), (2.0, 3), (-1.0, 2), (60.0, 2)], ("while_loop",), "error"),
    # found by the differential fuzzer (seed 211): the `return` in the `try` sits under a Tensor
    # `if` that itself sits under a Python `if`; when tracing takes the Python branch the
    # return's flag stays a Python bool, and the guard after the `try` was a tf.cond of it
    # ("pred must not be a Python bool")
    Case("fuzz_try_flag_set_under_a_python_if", "try", H + """
@tf.function
def f(x: tf.Tensor, n: tf.Tensor):
    k = 0
    u = x
    while k < n:
        k += 1
        try:
            if not (0.5 < 0.5):
                u = u + 1.0
            elif x > 1.0:
                if x > 2.0:
                    break
                if 1 > 0:
                    return u, k
        finally:
            u = u * 2.0
    return u, k
""", "f", [(0.5, 3), (3.0, 2), (1.5, 0)], ("while_loop",), "error"),
    # found by the differential fuzzer (seed 212, a Python `n`): in a `try`, a Tensor `if` that
    # jumps comes after a dispatched `if` that jumps, so restructuring moves it into the
    # dispatched `if`'s other branch; when that runs as Python, the Tensor `if`'s flag stays a
    # Python bool, and the guard after the `try` was a tf.cond of it
    Case("fuzz_try_flag_set_after_a_dispatched_jump", "try", H + """
@tf.function
def f(x, n):
    a = n
    b = 1
    u = x
    v = 1.0
    c = [n, 1]
    d = {"s": x, "t": u}
    try:
        d["s"] += -1.25
        u = ((0.0 - x)) * 0.5 if 2.0 != 0.0 else x
        def c1():
            return a + 1
        k2 = 0
        while k2 < 2:
            k2 += 1
            a = (a + c1()) % 7
            if k2 != -1:
                break
    except ValueError:
        a += (b - (2 + c[1]))
    finally:
        u -= d["t"]
    lst3 = []
    for i4 in tf.range(3):
        lst3.append(tf.abs((x - d["s"])) + tf.cast(i4, tf.float32))
        v = x if tf.minimum(0.5, -1.25) > 0.5 else u
        for i5 in tf.range(n):
            try:
                if a >= 2:
                    continue
                c[0], c[1] = c[1], c[0]
                if i5 > 1:
                    continue
                else:
                    break
                a += -1
            except ValueError:
                b = 3 if i5 != 3 else tf.maximum(b, c[1])
            finally:
                d["t"] -= 0.5
            if b <= -2:
                continue
            else:
                break
            v = u if 1 < -1 else (2.0) * 0.5
            b -= -2
    a = a + len(lst3)
    c[0] += 2
    return a + c[0] - c[1], u + v + d["s"] * d["t"]
""", "f", [(-1.5, Py(0)), (0.5, Py(1)), (2.0, Py(3))], ("while_loop",), "error", ("tf2",)),
    # found by the differential fuzzer (seeds 212/213, a Python `x`): the list's element dtype
    # was read as `u.dtype`, since `u` becomes a Tensor later (`u = tf.abs(u)`), but where it
    # is appended `u` is still a Python float ("'float' object has no attribute 'dtype'")
    Case("fuzz_list_element_of_a_python_float_that_becomes_a_tensor_later", "list", H + """
@tf.function
def f(x, n):
    u = x * 0.5
    lst = []
    for i in tf.range(3):
        lst.append(u + tf.cast(i, tf.float32))
    u = tf.abs(u)
    return u + tf.reduce_sum(tf.stack(lst))
""", "f", [(Py(-1.5), 0), (Py(2.0), 3)], ("while_loop",), "error", ("tf2",)),
    # found by the differential fuzzer (seeds 212 and a hunt over the generator): a `try` in a
    # Tensor loop where a Tensor `if` that jumps sits after a Python `if` that jumps (restructuring
    # moves it into that `if`'s other branch, which tracing does not take), or in an `except`
    # handler (which tracing does not run): its flag stays a Python bool, and the guard after
    # the `try` was a tf.cond of it ("pred must not be a Python bool")
    Case("fuzz_try_flag_set_after_a_python_jump", "try", H + """
@tf.function
def f(x, n):
    b = 1
    u = x
    for i in tf.range(n):
        try:
            if -3 <= 1:
                continue
            if b <= -1:
                continue
            u = u + 1.0
        finally:
            u = u * 2.0
        b += 1
    return b, u
""", "f", [(0.5, 3), (-1.0, 0)], ("while_loop",)),
    Case("fuzz_try_flag_of_another_jump_set_after_a_python_jump", "try", H + """
@tf.function
def f(x, n):
    b = 1
    u = x
    for i in tf.range(n):
        try:
            if -3 <= 1:
                break
            if b <= -1:
                continue
            u = u + 1.0
        finally:
            u = u * 2.0
        b += 1
    return b, u
""", "f", [(0.5, 3), (-1.0, 0)], ("while_loop",)),
    Case("fuzz_try_flag_set_in_an_except_handler", "try", H + """
@tf.function
def f(x, n):
    b = 1
    u = x
    for i in tf.range(n):
        try:
            u = u + 1.0
        except ValueError:
            if b <= -1:
                continue
        finally:
            u = u * 2.0
        b += 1
    return b, u
""", "f", [(0.5, 3), (-1.0, 0)], ("while_loop",)),
]
BY_ID = {c.id: c for c in CASES}

from corpus_ref import REF_CASES  # noqa: E402  (found by AutoGraph's reference tests)

CASES += REF_CASES
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by AutoGraph's reference tests (call_to_builtin_function): len() is all there is
    Case("len_is_all_there_is_to_lower", "len", H + """
@tf.function
def f(xs):
    return len(xs) * 2
""", "f", [((1.0, 2.0, 3.0),), (Py([4, 5]),), (Py("abc"),)], ("length(",), "ok", ("tf2",)),
    Case("len_of_a_declared_tensor_is_all_there_is_to_lower", "len", H + """
@tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
def f(rows):
    n = len(rows)
    return n + 1
""", "f", [([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]],)], ("tf.shape(rows)[0]",)),
    # call_to_lambda_function: a ternary in a local lambda called with what may be a Tensor
    Case("ternary_in_a_local_lambda", "ternary", H + """
@tf.function
def f(x):
    sq = lambda v: v * v if v > 0 else -v
    return sq(x) + sq(3)
""", "f", [(2,), (-5,), (Py(4),), (Py(-1),)], ("cond(v > 0",), "ok", ("tf2",)),
    Case("ternary_in_a_local_lambda_of_a_declared_tensor", "ternary", H + """
@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def f(x):
    sq = lambda v: v * v if v > 0 else -v
    return sq(x)
""", "f", [(2.0,), (-5.0,)], ("lambda v:",)),
    # range() of a Tensor outside a for header (Python's range() of a symbolic Tensor raises)
    Case("range_of_a_tensor_outside_a_for_header", "range", H + """
@tf.function
def f(x):
    return tf.reduce_sum(range(len(x))) * 2
""", "f", [([1.0, 2.0, 3.0],), (Py([4, 5]),)], ("range_of(length(x))",), "ok", ("tf2",)),
    Case("range_of_a_declared_tensor_iterated_later", "range", H + """
@tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
def f(n):
    r = range(n)
    s = 0
    for i in r:
        s += i
    return s
""", "f", [(4,), (0,)], ("r = tf.range(n)",)),
    Case("zip_of_a_range_of_a_tensor", "range", H + """
@tf.function
def f(n, xs):
    s = 0.0
    for i, x in zip(range(n), xs):
        s += x
    return s
""", "f", [(2, (1.0, 2.0, 3.0)), (5, (1.0, 2.0)), (Py(1), Py([4.0, 5.0]))], ("range_of(n)", "minimum("), "error",
         ("tf2",)),
    Case("enumerate_of_a_range_of_a_declared_tensor", "range", H + """
@tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
def f(n):
    s = 0
    for i, v in enumerate(range(n)):
        s += i * v
    return s
""", "f", [(4,), (0,)], ("tf.range(n)",), "error"),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by AutoGraph's reference tests (composite_names_in_control_flow): a dict filled
    # by a tensor loop, its structure from a first trace of the body (as in AutoGraph)
    Case("dict_filled_in_a_tensor_loop", "first-assigned", H + """
@tf.function
def f(n, x):
    y = {}
    for i in range(n):
        x -= i
        y["a"] = x
    return y
""", "f", [(1, 0), (3, 5), (Py(0), Py(0)), (Py(2), Py(0))], ("first_trace(", "while_loop("), "ok", ("tf2",)),
    Case("dict_filled_in_a_declared_tensor_while", "first-assigned", H + """
@tf.function(input_signature=[tf.TensorSpec([], tf.int32)])
def f(n):
    y = dict()
    i = tf.constant(0)
    while i < n:
        i += 1
        y["last"] = i * 2
        y["half"] = tf.cast(i, tf.float32) / 2.0
    return y
""", "f", [(1,), (4,)], ("tf.while_loop(", "first_trace(")),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by AutoGraph's reference tests (early_return): a `finally` that always returns
    Case("return_in_finally_overrides_the_try", "return-in-try", H + """
@tf.function
def f(x):
    try:
        return 2
    finally:
        if x > 0:
            return 1
        return 0
""", "f", [(1,), (0,), (Py(3),), (Py(-1),)], ("cond(x > 0",), "ok", ("tf2",)),
    Case("return_in_finally_after_a_tensor_return_in_the_try", "return-in-try", H + """
@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def f(x):
    y = x
    try:
        if x > 0:
            y = y * 2.0
            return y
        y = y - 1.0
    finally:
        if y > 3.0:
            return y + 10.0
        return y
""", "f", [(1.0,), (2.5,), (-4.0,)], ("tf.cond(y > 3.0",)),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by AutoGraph's reference tests (call_to_builtin_function): len() of a Tensor with
    # a static length is that Python int (as AutoGraph's len), so Python code built on it runs
    Case("list_of_a_range_of_the_len_of_a_tensor", "len", H + """
@tf.function
def f(x):
    return list(range(len(x)))
""", "f", [([1, 2, 3],), (Py([4, 5]),), (Py([]),)], ("range_of(length(x))",), "ok", ("tf2",)),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by AutoGraph's reference tests (loop_with_function_call): a function passed in
    # and called in a for header may be Python's range (which raises on a Tensor)
    Case("range_passed_in_and_called_in_a_for_header", "for-call", H + """
@tf.function
def f(l, fn):
    s = 0
    for i in fn(l):
        s = s * 10 + i
    return s
""", "f", [(2, Py(range)), (0, Py(range)), (Py(2), Py(range)), ([1, 2], Py(lambda x: x * 1))],
         ("call(fn, l)",), "ok", ("tf2",)),
]
BY_ID = {c.id: c for c in CASES}

CASES += [  # found by the bulk run (test_ucn.py, calibration_algorithm.py): a str method's result,
    # ord()/chr() and itertools' iterators are Python values, so those loops stay Python
    Case("str_method_and_itertools_loops_stay_python", "for-python", H + """import itertools


@tf.function
def f(x, n: int):
    s = x
    for c in "".join(map(chr, range(ord("a"), ord("d")))):
        s = s + 1.0
    for a, b in itertools.combinations(range(n), 2):
        s = s + a * b
    return s
""", "f", [(1.0, Py(3)), (2.0, Py(4))]),
]
BY_ID = {c.id: c for c in CASES}
