import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def cond(pred, true_fn, false_fn):
    """`if pred:` as tf.cond when `pred` is a Tensor, as a Python `if` otherwise."""
    if tf.is_tensor(pred):
        return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)
    return true_fn() if pred else false_fn()


def while_loop(test_fn, body_fn, loop_vars):
    """`while test_fn(*loop_vars):` as a Python loop while the test is a Python
    value, as tf.while_loop (from the current values) once it is a Tensor."""
    test = test_fn(*loop_vars)
    while not tf.is_tensor(test):
        if not test:
            return loop_vars
        loop_vars = body_fn(*loop_vars)
        test = test_fn(*loop_vars)
    return tf.while_loop(lambda *v: tf.cast(test_fn(*v), tf.bool), body_fn, loop_vars)


def logical_and(a, b):
    """`a and b`: tf.logical_and when `a` is a Tensor, Python `and` otherwise."""
    return tf.logical_and(a, b) if tf.is_tensor(a) else a and b


def logical_not(a):
    """`not a`: tf.logical_not of a Tensor, Python `not` otherwise."""
    return tf.logical_not(a) if tf.is_tensor(a) else not a


def rows(items):
    """What `for x in items` walks: a Tensor (its rows), or the items as a list."""
    if tf.is_tensor(items):
        return items
    if isinstance(items, tf.data.Dataset):
        raise TypeError("this loop was converted for a Tensor or a Python iterable, "
                        "not a dataset: annotate the parameter as a dataset")
    return list(items)


def length(items):
    """len(items): tf.shape(items)[0] for a Tensor, Python len() otherwise."""
    return tf.shape(items)[0] if tf.is_tensor(items) else len(items)


@tf.function(autograph=False)
def clipped_sum(v, limit):
    """Sum the entries of v, stopping at the first one that would pass limit."""
    total = 0.0  # running sum
    did_break = False
    # walk the vector
    # line 9: for x in v:
    loop_items = rows(v)
    loop_limit = length(loop_items)
    x_index = 0
    def loop_cond(total, did_break, x_index):
        return logical_and(logical_not(did_break), x_index < loop_limit)
    def loop_body(total, did_break, x_index):
        x = loop_items[x_index]
        # would overflow
        # line 10: if total + x > limit:
        def if_true():
            did_break = True
            return total, did_break
        def if_false(total):
            total += x
            return total, did_break
        total, did_break = cond(total + x > limit, if_true, lambda: if_false(total))
        x_index += 1
        return total, did_break, x_index
    total, did_break, x_index = while_loop(
        loop_cond, loop_body, (total, did_break, x_index)
    )
    return total
