"""The bad-input corpus: one entry per diagnostic case of docs/diagnostics.md.

Each `Bad` is a module agx must refuse, with every diagnostic it must report as
(code, line, col) — col 1-based, as printed by the CLI — and a phrase of the message.
Run through the API (tests/diagnostics/test_api_diagnostics.py) and the CLI
(tests/diagnostics/test_cli_diagnostics.py).
"""
from __future__ import annotations

import dataclasses
from typing import Tuple

H = "import tensorflow as tf\n\n\n@tf.function\n"  # the function header is line 5


@dataclasses.dataclass(frozen=True)
class Bad:
    id: str
    source: str
    expected: Tuple[Tuple[str, int, int], ...]  # (code, line, 1-based col), in report order
    phrase: str                                 # in the first diagnostic's message
    functions: str = "decorated"


BAD = [
    Bad("syntax_error", H + "def f(x):\n    return x +\n", (("AGX001", 6, 15),), "syntax error"),
    Bad("syntax_error_indent", "def f(x):\nreturn x\n", (("AGX001", 2, 1),), "indented block"),
    Bad("yield", H + "def f(x):\n    yield x\n", (("AGX101", 6, 5),), "yield"),
    Bad("await", H + "async def f(x):\n    await x\n", (("AGX101", 5, 1),), "async def"),
    Bad("one_branch_only", H + "def f(x):\n    if x > 0:\n        y = x\n    return y\n",
        (("AGX201", 6, 5),), "only one branch"),
    Bad("loop_var_undefined_before", H + "def f(n):\n    i = 0\n    while i < n:\n        s = s + i\n"
        "        i += 1\n    return s\n", (("AGX202", 7, 5),), "not defined before"),
    Bad("one_path_returns_nothing", H + "def f(x):\n    if x > 0:\n        return x\n",
        (("AGX106", 6, 5),), "returns nothing"),
    Bad("global_rebound_in_if", "import tensorflow as tf\n\ncount = 0\n@tf.function\ndef f(x):\n"
        "    global count\n    if x > 0:\n        count = x\n    return x\n",
        (("AGX203", 7, 5),), "global"),
    Bad("global_rebound_in_loop", "import tensorflow as tf\n\ncount = 0\n@tf.function\ndef f(n):\n"
        "    global count\n    i = 0\n    while i < n:\n        count = count + i\n        i += 1\n"
        "    return i\n", (("AGX203", 8, 5),), "global"),
    Bad("del_loop_variable", H + "def f(n):\n    s = 0\n    i = 0\n    while i < n:\n        s += i\n"
        "        del s\n        i += 1\n    return i\n", (("AGX206", 10, 13),), "del s"),
    Bad("del_branch_output", H + "def f(x):\n    y = x\n    if x > 0:\n        del y\n    return x\n",
        (("AGX206", 8, 13),), "del y"),
    Bad("loop_dtype_int_to_float", H + "def f(n):\n    s = 0\n    for i in tf.range(n):\n"
        "        s += 0.5\n    return s\n", (("AGX302", 8, 9),), "int32 value before"),
    Bad("loop_dtype_cast", H + "def f(x, n):\n    s = tf.cast(x, tf.int32)\n    for i in tf.range(n):\n"
        "        s = tf.cast(s, tf.float32) * 2.0\n    return s\n", (("AGX302", 8, 9),), "float32"),
    Bad("loop_structure_change", H + "def f(n):\n    s = 0\n    for i in tf.range(n):\n"
        "        s = (s, i)\n    return s\n", (("AGX302", 8, 9),), "a tuple of 2"),
    Bad("loop_none_initial", H + "def f(n):\n    best = None\n    for i in tf.range(n):\n"
        "        best = i\n    return best\n", (("AGX302", 8, 9),), "None before"),
    Bad("for_over_zip_strict", H + "def f(v):\n    s = 0\n    for i, x in zip(v, v, strict=True):\n"
        "        s += i\n    return s\n", (("AGX102", 7, 17),), "zip"),
    Bad("loop_variable_grows", H + "def f(n):\n    v = tf.constant((0,))\n    for i in tf.range(n):\n"
        "        v = tf.concat((v, [i]), 0)\n    return v\n", (("AGX303", 8, 9),), "changes shape"),
    Bad("set_loop_options_bad_invariants", H + "def f(n):\n    v = tf.constant(0)\n    for i in tf.range(n):\n"
        "        tf.autograph.experimental.set_loop_options(shape_invariants=v)\n        v += i\n"
        "    return v\n", (("AGX112", 8, 9),), "pairs"),
    # a Python effect (the append) would be traced in a guarded iteration whatever the
    # condition: the loop cannot stay Python with its `break` guarded (lower/python_breaks.py)
    Bad("break_in_tensor_if_in_python_list_loop", H + "def f(x):\n    t = []\n    for k in [1, 2, 3]:\n"
        "        if x > k:\n            break\n        t.append(k)\n    return t\n",
        (("AGX103", 8, 9),), "Python loop"),
    Bad("return_in_nested_tensor_loops", H + "def f(n):\n    for i in tf.range(n):\n"
        "        for j in tf.range(n):\n            if i * j > 4:\n                return i\n    return -1\n",
        (("AGX104", 6, 5),), "nested tensor loops"),
    Bad("return_in_with", H + "def f(x):\n    t = 0\n    with tf.name_scope('s'):\n        if x > 0:\n"
        "            return x[0]\n        t = 1\n    return tf.gather(t, 0)\n", (("AGX105", 7, 5),), "with"),
    # the else clause's break is the while loop's; the for's own break skips that clause
    Bad("break_in_else_of_a_python_loop_with_its_own_break", H + "def f(x, n):\n    u = 0.0\n"
        "    while u < n:\n        for k in range(2):\n            u += x\n            if k > 5:\n"
        "                break\n        else:\n            if u > 3.0:\n                break\n"
        "        u += 1.0\n    return u\n", (("AGX105", 8, 9),), "its own `break`"),
    Bad("return_in_tensor_if_in_python_list_loop", H + "def f(x):\n    t = 0\n    for k in [1, 2, 3]:\n"
        "        if x > k:\n            return x\n        t += k\n    return t\n", (("AGX107", 8, 9),),
        "Python loop"),
    Bad("loop_changes_nothing", H + "def f(x):\n    while x > 0:\n        tf.print(x)\n    return x\n",
        (("AGX108", 6, 5),), "changes no variable"),
    Bad("walrus_in_loop_condition", H + "def f(n):\n    i = 0\n    while (j := i + 1) < n:\n"
        "        i = j\n    return i\n", (("AGX110", 7, 11),), ":="),
    Bad("list_not_created_empty", H + "def f(n):\n    out = [0]\n    for i in tf.range(n):\n"
        "        out.append(i)\n    return tf.stack(out)\n", (("AGX204", 8, 9),), "empty list"),
    Bad("list_passed_on", H + "def f(n):\n    out = []\n    for i in tf.range(n):\n"
        "        out.append(i)\n    return sorted(out)\n", (("AGX204", 9, 19),), "not supported"),
    Bad("dict_mutated_in_loop", H + "def f(n):\n    d = {}\n    for i in tf.range(n):\n"
        "        d[i] = i\n    return n\n", (("AGX205", 8, 9),), "mutated"),
    Bad("jump_in_finally_of_a_refused_function", H + "def f(x, n):\n    d = {}\n    u = 0.0\n    try:\n"
        "        for i in tf.range(n):\n            d.update(s=x)\n    finally:\n        return u\n",
        (("AGX205", 10, 13), ("AGX114", 12, 9)), "mutated"),
    Bad("list_pop_in_loop", H + "def f(n):\n    l = [1, 2, 3, 4]\n    s = 0\n    for _ in range(n):\n"
        "        s += l.pop(0)\n    return tf.stack(l), s\n", (("AGX205", 9, 9),), "mutated"),
    Bad("closure_reads_loop_variable", H + "def f(n):\n    i = 0\n    s = 0\n    class C:\n"
        "        def __call__(self):\n            return i + 2\n    g = C()\n"
        "    while i < n:\n        s = s * 10 + g()\n        i += 1\n    return s\n",
        (("AGX211", 8, 5),), "rebinds"),
    Bad("item_added_in_one_branch", H + "def f(a):\n    x = {'a': {'a': a}}\n    if a > 0:\n"
        "        x['a']['b'] = 1\n    return x\n", (("AGX212", 8, 9),), "same structure"),
    Bad("item_added_in_loop", H + "def f(b):\n    y = {'b': b}\n    while y['b'] <= 10:\n"
        "        y['a'] = y['b'] + 1\n        y['b'] *= 2\n    return y\n", (("AGX214", 8, 9),), "keeps its structure"),
    Bad("closure_reads_branch_output", H + "def f(x):\n    y = 1\n    class C:\n"
        "        def __call__(self):\n            return y * 3\n    g = C()\n    if x > 0:\n"
        "        y = 5\n    return g()\n", (("AGX213", 7, 5),), "rebinds"),
    Bad("list_dtype_unknown", H + "def f(n):\n    out = []\n    for i in tf.range(n):\n"
        "        out.append(g(i))\n    return tf.stack(out)\n", (("AGX301", 8, 9),), "dtype"),
    Bad("several_errors_one_file", H + "def f(x):\n    if x > 0:\n        y = x\n    return y\n\n\n"
        "@tf.function\ndef g(x):\n    yield x\n\n\n@tf.function\ndef h(n):\n    s = 0\n"
        "    for i in tf.range(n):\n        s += 0.5\n    if n > 0:\n        z = 1\n    return s + z\n",
        (("AGX201", 6, 5), ("AGX101", 13, 5), ("AGX302", 20, 9), ("AGX201", 21, 5)), "only one branch"),
]

BY_ID = {b.id: b for b in BAD}
