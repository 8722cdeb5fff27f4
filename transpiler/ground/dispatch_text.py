"""The text of agx's dispatch helpers (emitted by lower/dispatch.py), and their recognition
in an input that is agx's own output, so that converting it again reads them for what they
do (`logical_not(a)` has the kind of `a`) instead of as unknown converted functions.
"""
from __future__ import annotations

import functools
import re
from typing import Dict

HELPERS = {
    "cond": '''
def {cond}(pred, true_fn, false_fn):
    """`if pred:` as {tf}.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if {tf}.is_tensor(pred):
        return {tf}.cond({tf}.cast(pred, {tf}.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()
''',
    "while_loop": '''
def {while_loop}(test_fn, body_fn, loop_vars, **options):
    """`while test_fn(*loop_vars):` as a Python loop while the test is a Python
    value, as {tf}.while_loop (from the current values, with `options`: set_loop_options)
    once it is a Tensor."""
    test = test_fn(*loop_vars)
    while not {tf}.is_tensor(test):
        if not test:
            return loop_vars
        loop_vars = body_fn(*loop_vars)
        test = test_fn(*loop_vars)
    return {tf}.while_loop(lambda *v: {tf}.cast(test_fn(*v), {tf}.bool), body_fn, loop_vars, **options)
''',
    "logical_and": '''
def {logical_and}(a, b):
    """`a and b`: {tf}.logical_and when `a` is a Tensor, Python `and` otherwise."""
    return {tf}.logical_and(a, b) if {tf}.is_tensor(a) else a and b
''',
    "logical_or": '''
def {logical_or}(a, b):
    """`a or b`: {tf}.logical_or when `a` is a Tensor, Python `or` otherwise."""
    return {tf}.logical_or(a, b) if {tf}.is_tensor(a) else a or b
''',
    "logical_not": '''
def {logical_not}(a):
    """`not a`: {tf}.logical_not of a Tensor, Python `not` otherwise."""
    return {tf}.logical_not(a) if {tf}.is_tensor(a) else not a
''',
    "equal": '''
def {equal}(a, b):
    """`a == b`: {tf}.equal when either is a Tensor (TF1 `==` on a Tensor is identity),
    Python `==` otherwise."""
    return {tf}.equal(a, b) if {tf}.is_tensor(a) or {tf}.is_tensor(b) else a == b
''',
    "not_equal": '''
def {not_equal}(a, b):
    """`a != b`: {tf}.not_equal when either is a Tensor, Python `!=` otherwise."""
    return {tf}.not_equal(a, b) if {tf}.is_tensor(a) or {tf}.is_tensor(b) else a != b
''',
    "assert_": '''
def {assert_}(pred, message):
    """`assert pred, message`: {tf}.debugging.Assert for a Tensor, Python's assert
    otherwise."""
    if {tf}.is_tensor(pred):
        return {tf}.debugging.Assert(pred, [message])
    assert pred, message
''',
    "for_loop": '''
def {for_loop}(items, test_fn, body_fn, loop_vars, **options):
    """`for item in items:` (while test_fn(*loop_vars), when given): {tf}.while_loop over
    a Tensor's rows or a (distributed) dataset's or iterator's elements (get_next_as_optional()),
    a Python loop over anything else; body_fn(item, *loop_vars) returns the new loop_vars.
    `options`: set_loop_options' (shape_invariants: one per loop variable)."""
    test = (lambda *v: True) if test_fn is None else test_fn
    fresh = lambda v: {tf}.nest.map_structure(lambda x: x, tuple(v))  # tf.cond's branches share v
    if "shape_invariants" in options:  # the counter (or has_next) keeps its own shape
        options["shape_invariants"] = (None,) + tuple(options["shape_invariants"])
    if isinstance(items, ({tf}.data.Dataset, {tf}.distribute.DistributedDataset)):
        items = iter(items)
    if {tf}.is_tensor(items):
        n = {tf}.shape(items)[0]
        return {tf}.while_loop(lambda i, *v: {tf}.logical_and(i < n, test(*v)),
                             lambda i, *v: (i + 1,) + tuple(body_fn(items[i], *v)),
                             (0,) + tuple(loop_vars), **options)[1:]
    if hasattr(items, "get_next_as_optional") and test_fn is None:
        def step(optional, *v):  # no tf.cond (strategy.run fails in one): the next element
            v = tuple(body_fn(optional.get_value(), *v))  # is fetched after the body, as
            return (items.get_next_as_optional(),) + v  # DistributedDataset.reduce does
        return {tf}.while_loop(lambda optional, *v: optional.has_value(), step,
                             (items.get_next_as_optional(),) + tuple(loop_vars), **options)[1:]
    if hasattr(items, "get_next_as_optional"):
        def pull(has_next, *v):
            optional = items.get_next_as_optional()
            return (optional.has_value(),) + tuple({tf}.cond(  # the body on a copy of the containers
                optional.has_value(), lambda: tuple(body_fn(optional.get_value(), *fresh(v))), lambda: v))
        return {tf}.while_loop(lambda has_next, *v: {tf}.logical_and(has_next, test(*v)), pull,
                             (True,) + tuple(loop_vars), **options)[1:]
    for item in items:
        go = test(*loop_vars)
        if {tf}.is_tensor(go):  # a break/return decided by a Tensor: the rest runs under tf.cond
            loop_vars = tuple({tf}.cond({tf}.cast(go, {tf}.bool), lambda: tuple(body_fn(item, *fresh(loop_vars))),
                                      lambda: loop_vars))
        elif not go:
            break
        else:
            loop_vars = tuple(body_fn(item, *loop_vars))
    return tuple(loop_vars)
''',
    "rows": '''
def {rows}(items):
    """What `for x in items` walks: a Tensor (its rows), or the items as a list."""
    if {tf}.is_tensor(items):
        return items
    if isinstance(items, {tf}.data.Dataset):
        raise TypeError("this loop was converted for a Tensor or a Python iterable, "
                        "not a dataset: annotate the parameter as a dataset")
    return list(items)
''',
    "length": '''
def {length}(items):
    """len(items): a Tensor's static length when its shape has one (as AutoGraph's len),
    else {tf}.shape(items)[0]; Python len() of anything else."""
    if {tf}.is_tensor(items):
        static = items.shape[0] if items.shape.rank else None
        return static if static is not None else {tf}.shape(items)[0]
    return len(items)
''',
    "num_rows": '''
def {num_rows}(items):
    """The limit of an index loop over items: {tf}.shape(items)[0] for a Tensor (the loop
    stays a tf.while_loop), Python len() otherwise."""
    return {tf}.shape(items)[0] if {tf}.is_tensor(items) else len(items)
''',
    "call": '''
def {call}(fn, *args):
    """fn(*args) for a function passed in, which may be Python's range or len: of Tensor
    arguments, {tf}.range and the static length or {tf}.shape (Python's of a symbolic
    Tensor raise), as AutoGraph's builtins."""
    if fn is range and any({tf}.is_tensor(a) for a in args):
        return {tf}.range(*args)
    if fn is len and len(args) == 1 and {tf}.is_tensor(args[0]):
        static = args[0].shape[0] if args[0].shape.rank else None
        return static if static is not None else {tf}.shape(args[0])[0]
    return fn(*args)
''',
    "range_of": '''
def {range_of}(*bounds):
    """range(*bounds): {tf}.range for Tensor bounds, Python's range otherwise."""
    return {tf}.range(*bounds) if any({tf}.is_tensor(b) for b in bounds) else range(*bounds)
''',
    "minimum": '''
def {minimum}(a, b):
    """The shorter of two lengths: {tf}.minimum when one is a Tensor, Python's min otherwise."""
    return {tf}.minimum(a, b) if {tf}.is_tensor(a) or {tf}.is_tensor(b) else min(a, b)
''',
    "zeros_like": '''
def {zeros_like}(limit):
    """A loop counter's start: a zero of the limit's dtype for a Tensor, else 0."""
    return {tf}.zeros_like(limit) if {tf}.is_tensor(limit) else 0
''',
    "next_or": '''
def {next_or}(iterator, default):
    """`next(iterator, default)`: for a tf.data (or distributed) iterator, its next
    element or `default` ({tf}.cond on get_next_as_optional()); else Python's next."""
    if hasattr(iterator, "get_next_as_optional"):
        optional = iterator.get_next_as_optional()
        return {tf}.cond(optional.has_value(), optional.get_value, lambda: default)
    try:
        return iterator.__next__()
    except StopIteration:
        return default
''',
    "first_trace": '''
def {first_trace}(body_fn, loop_vars):
    """The outputs of a trace (never run) of a loop body, for the dtype and shape of the
    names it first assigns: with Python numbers as scalar Tensors, as {tf}.while_loop
    passes them; with the values as they are when that fails (a body that runs only in a
    Python loop)."""
    try:
        spec = lambda v: {tf}.TensorSpec.from_tensor({tf}.constant(v)) if isinstance(v, (bool, int, float)) else v
        as_tensors = {tf}.nest.map_structure(spec, tuple(loop_vars))
        return {tf}.function(body_fn, autograph=False).get_concrete_function(*as_tensors).structured_outputs
    except Exception:
        return {tf}.function(body_fn, autograph=False).get_concrete_function(*loop_vars).structured_outputs
''',
}
ORDER = tuple(HELPERS)


def _words(text: str) -> str:
    return " ".join(text.split())


@functools.lru_cache(maxsize=None)
def _wanted(aliases: tuple) -> Dict[str, str]:
    """The helpers' texts (word-joined, the name a placeholder) -> role, per TensorFlow alias."""
    return {_words(text.format(tf=tf, **{role: "\0"})): role
            for tf in aliases for role, text in HELPERS.items()}


_NAME = re.compile(r"(%s)(_\d+)?" % "|".join(HELPERS))  # what Namer.unique gives a role


def own_helpers(tree, lines, aliases) -> Dict[str, str]:
    """{name: role} of the module-level defs whose text is one of HELPERS (any name, any
    TensorFlow alias in `aliases`, any indentation unit). Only defs named as a role (`cond`,
    `cond_1`) are read, so a module of agx's output costs a few comparisons."""
    found = {}
    for stmt in tree.body:
        if type(stmt).__name__ != "FunctionDef" or stmt.decorator_list or not _NAME.fullmatch(stmt.name):
            continue
        text = _words("\n".join(lines[stmt.lineno - 1:stmt.end_lineno]).replace(f"def {stmt.name}(", "def \0(", 1))
        role = _wanted(tuple(sorted(aliases)) or ("tf",)).get(text)
        if role is not None:
            found[stmt.name] = role
    return found
