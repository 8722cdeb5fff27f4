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
def f(v, limit):
    s = 0.0
    did_break = False
    # line 7: for x in v:
    loop_items = rows(v)
    loop_limit = length(loop_items)
    x_index = 0
    def loop_cond(s, did_break, x_index):
        return logical_and(logical_not(did_break), x_index < loop_limit)
    def loop_body(s, did_break, x_index):
        x = loop_items[x_index]
        # line 8: if x < 0:
        def if_false():
            # line 10: if s + x > limit:
            def if_true():
                did_break = True
                return s, did_break
            def if_false(s):
                s += x
                return s, did_break
            return cond(s + x > limit, if_true, lambda: if_false(s))
        s, did_break = cond(x < 0, lambda: (s, did_break), if_false)
        x_index += 1
        return s, did_break, x_index
    s, did_break, x_index = while_loop(loop_cond, loop_body, (s, did_break, x_index))
    return s
