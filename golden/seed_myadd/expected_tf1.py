"""The seed chapter's `myadd`: a for loop over tf.range, tf.print and a Python print."""
import tensorflow as tf
import numpy as np


# -- Session runner (emitted once by agx --target tf1) -------------------------------------
GRAPH_SESSIONS = {}  # (graph builder, signature) -> (session, placeholders, outputs)
LATEST_SESSION = {}  # graph builder -> the session that ran last (it holds the variable values)


def spec_and_value(value, spec=None):
    """The placeholder spec for an argument, and the value to feed it.

    Without a spec the dtype is the one tf.constant would pick (Python float -> float32,
    int -> int32, str/bytes -> string); with one (an input_signature), the value is cast.
    A dataset, an iterator or a structure that is not one array cannot be fed: TypeError."""
    if hasattr(value, "element_spec"):  # a dataset or an iterator (tf.data, distributed)
        raise TypeError(f"a TF1 graph takes each argument through a placeholder; this "
                        f"{type(value).__name__} cannot be fed: build it inside the function, "
                        "or convert with --target tf2")
    if hasattr(value, "numpy"):
        value = value.numpy()
    try:
        proto = tf.make_tensor_proto(value, dtype=None if spec is None else spec.dtype)
    except (TypeError, ValueError) as e:
        raise TypeError(f"a TF1 graph takes each argument through one placeholder; this "
                        f"{type(value).__name__} is not one array ({e}): pass a Tensor or a "
                        "NumPy array, or convert with --target tf2") from None
    array = tf.make_ndarray(proto)
    return spec or tf.TensorSpec(array.shape, tf.as_dtype(proto.dtype)), array


def copy_variables(source, target):
    """Carry variable values from one signature's Session to another's (matched by name)."""
    key = tf.compat.v1.GraphKeys.GLOBAL_VARIABLES
    wanted = {v.op.name: v for v in target.graph.get_collection(key)}
    pairs = [(v, wanted[v.op.name]) for v in source.graph.get_collection(key)
             if v.op.name in wanted and v.shape == wanted[v.op.name].shape]
    if pairs:
        values = source.run([v for v, _ in pairs])
        target.run([t.initializer for _, t in pairs],
                   feed_dict={t.initializer.inputs[1]: x for (_, t), x in zip(pairs, values)})


def python_value(value):
    """A Python argument as the graph sees it, and a hashable key for it: a Tensor or NumPy
    array passed for a Python parameter is baked in by value (one graph per value)."""
    if hasattr(value, "numpy"):
        value = value.numpy()
    try:
        hash(value)
        return value, value
    except TypeError:
        pass
    if hasattr(value, "tobytes") and hasattr(value, "dtype"):
        return value, ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, (list, tuple)):
        parts = [python_value(v) for v in value]
        return type(value)(v for v, _ in parts), (type(value).__name__,) + tuple(k for _, k in parts)
    return value, ("object", id(value))


def run_graph(build_graph, signature, feeds):
    """Run `build_graph(*signature)` in a tf.compat.v1.Session, feeding its placeholders.

    Built, and its variables initialised, on the first call with this signature only."""
    pairs = [python_value(s) for s in signature]
    key = (build_graph, tuple(k for _, k in pairs))
    if key not in GRAPH_SESSIONS:
        graph, placeholders, outputs = build_graph(*[v for v, _ in pairs])
        session = tf.compat.v1.Session(graph=graph)
        with graph.as_default():
            session.run(tf.compat.v1.global_variables_initializer())
        GRAPH_SESSIONS[key] = session, placeholders, outputs
    session, placeholders, outputs = GRAPH_SESSIONS[key]
    previous = LATEST_SESSION.get(build_graph, session)
    if previous is not session:
        copy_variables(previous, session)
    LATEST_SESSION[build_graph] = session
    flat = tf.nest.flatten(outputs)
    fetched = [i for i, x in enumerate(flat) if isinstance(x, (tf.Tensor, tf.Operation, tf.Variable))]
    values = session.run([flat[i] for i in fetched], feed_dict=dict(zip(placeholders, feeds)))
    for i, value in zip(fetched, values):
        flat[i] = value
    return tf.nest.pack_sequence_as(outputs, flat)


def build_myadd_graph(a_spec, b_spec):
    """The TF1 graph of `myadd`: a placeholder per argument, its body, its outputs."""
    graph = tf.Graph()
    with graph.as_default():
        a = tf.compat.v1.placeholder(a_spec.dtype, a_spec.shape, name='a')
        b = tf.compat.v1.placeholder(b_spec.dtype, b_spec.shape, name='b')
        # line 8: for i in tf.range(3):
        i = 0
        def loop_cond(i):
            return i < 3
        def loop_body(i):
            print_op = tf.print(i)
            with tf.control_dependencies([print_op]):
                i += 1
                return (i,)
        (i,) = tf.while_loop(loop_cond, loop_body, (i,))
        with tf.control_dependencies([i]):
            c = a + b
            print("tracing")
            outputs = c
    return graph, (a, b), outputs


def myadd(a, b):
    """Runs the graph of `myadd` in a Session, built once per argument signature."""
    a_spec, a = spec_and_value(a)
    b_spec, b = spec_and_value(b)
    return run_graph(build_myadd_graph, (a_spec, b_spec), (a, b))
