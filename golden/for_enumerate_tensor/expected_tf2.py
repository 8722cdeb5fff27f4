import tensorflow as tf


# -- Dispatch helpers (emitted once): graph control flow for a Tensor, the Python
# statement for a Python value, where the source does not say which -------------
def while_loop(test_fn, body_fn, loop_vars, **options):
    """`while test_fn(*loop_vars):` as a Python loop while the test is a Python
    value, as tf.while_loop (from the current values, with `options`: set_loop_options)
    once it is a Tensor."""
    test = test_fn(*loop_vars)
    while not tf.is_tensor(test):
        if not test:
            return loop_vars
        loop_vars = body_fn(*loop_vars)
        test = test_fn(*loop_vars)
    return tf.while_loop(lambda *v: tf.cast(test_fn(*v), tf.bool), body_fn, loop_vars, **options)


def rows(items):
    """What `for x in items` walks: a Tensor (its rows), or the items as a list."""
    if tf.is_tensor(items):
        return items
    if isinstance(items, tf.data.Dataset):
        raise TypeError("this loop was converted for a Tensor or a Python iterable, "
                        "not a dataset: annotate the parameter as a dataset")
    return list(items)


def num_rows(items):
    """The limit of an index loop over items: tf.shape(items)[0] for a Tensor (the loop
    stays a tf.while_loop), Python len() otherwise."""
    return tf.shape(items)[0] if tf.is_tensor(items) else len(items)


@tf.function(autograph=False)
def f(v):
    s = 0.0
    # line 7: for i, x in enumerate(v):
    loop_items = rows(v)
    loop_limit = num_rows(loop_items)
    i_index = 0
    def loop_cond(s, i_index):
        return i_index < loop_limit
    def loop_body(s, i_index):
        i = i_index
        x = loop_items[i_index]
        s += tf.cast(i, tf.float32) * x
        i_index += 1
        return s, i_index
    s, i_index = while_loop(loop_cond, loop_body, (s, i_index))
    return s
