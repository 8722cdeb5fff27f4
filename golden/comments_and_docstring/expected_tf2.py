import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


def logical_not(a):
    """`not a`: tf.logical_not of a Tensor, Python `not` otherwise."""
    return tf.logical_not(a) if tf.is_tensor(a) else not a


def for_loop(items, test_fn, body_fn, loop_vars, **options):
    """`for item in items:` (while test_fn(*loop_vars), when given): tf.while_loop over
    a Tensor's rows or a (distributed) dataset's or iterator's elements (get_next_as_optional()),
    a Python loop over anything else; body_fn(item, *loop_vars) returns the new loop_vars.
    `options`: set_loop_options' (shape_invariants: one per loop variable)."""
    test = (lambda *v: True) if test_fn is None else test_fn
    fresh = lambda v: tf.nest.map_structure(lambda x: x, tuple(v))  # tf.cond's branches share v
    if "shape_invariants" in options:  # the counter (or has_next) keeps its own shape
        options["shape_invariants"] = (None,) + tuple(options["shape_invariants"])
    if isinstance(items, (tf.data.Dataset, tf.distribute.DistributedDataset)):
        items = iter(items)
    if tf.is_tensor(items):
        n = tf.shape(items)[0]
        return tf.while_loop(lambda i, *v: tf.logical_and(i < n, test(*v)),
                             lambda i, *v: (i + 1,) + tuple(body_fn(items[i], *v)),
                             (0,) + tuple(loop_vars), **options)[1:]
    if hasattr(items, "get_next_as_optional") and test_fn is None:
        def step(optional, *v):  # no tf.cond (strategy.run fails in one): the next element
            v = tuple(body_fn(optional.get_value(), *v))  # is fetched after the body, as
            return (items.get_next_as_optional(),) + v  # DistributedDataset.reduce does
        return tf.while_loop(lambda optional, *v: optional.has_value(), step,
                             (items.get_next_as_optional(),) + tuple(loop_vars), **options)[1:]
    if hasattr(items, "get_next_as_optional"):
        def pull(has_next, *v):
            optional = items.get_next_as_optional()
            return (optional.has_value(),) + tuple(tf.cond(  # the body on a copy of the containers
                optional.has_value(), lambda: tuple(body_fn(optional.get_value(), *fresh(v))), lambda: v))
        return tf.while_loop(lambda has_next, *v: tf.logical_and(has_next, test(*v)), pull,
                             (True,) + tuple(loop_vars), **options)[1:]
    for item in items:
        go = test(*loop_vars)
        if tf.is_tensor(go):  # a break/return decided by a Tensor: the rest runs under tf.cond
            loop_vars = tuple(tf.cond(tf.cast(go, tf.bool), lambda: tuple(body_fn(item, *fresh(loop_vars))),
                                      lambda: loop_vars))
        elif not go:
            break
        else:
            loop_vars = tuple(body_fn(item, *loop_vars))
    return tuple(loop_vars)


@tf.function(autograph=False)
def clipped_sum(v, limit):
    """Sum the entries of v, stopping at the first one that would pass limit."""
    total = 0.0  # running sum
    did_break = False
    # walk the vector
    # line 9: for x in v:
    def loop_cond(total, did_break):
        return logical_not(did_break)
    def loop_body(x, total, did_break):
        # would overflow
        # line 10: if total + x > limit:
        def if_true():
            did_break = True
            return total, did_break
        def if_false(total):
            total += x
            return total, did_break
        total, did_break = cond(total + x > limit, if_true, lambda: if_false(total))
        return total, did_break
    total, did_break = for_loop(v, loop_cond, loop_body, (total, did_break))
    return total
