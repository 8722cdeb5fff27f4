"""Run in a subprocess by test_datasets_differential.py: two logical CPU devices must be set
before TensorFlow initialises its devices. Prints one JSON line: case -> outcome."""
import json
import os
import sys

import tensorflow as tf

cpus = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpus[0], [tf.config.LogicalDeviceConfiguration()] * 2)
# the replicas' collectives block threads of the inter-op pool (one per core by default): with
# two cores, a loop whose body reduces across replicas can starve it
tf.config.threading.set_inter_op_parallelism_threads(8)
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))

from differential import Py, call, load, same  # noqa: E402
from transpiler import transpile  # noqa: E402

SOURCE = '''import tensorflow as tf

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])


def step(x):
    return tf.reduce_sum(x * x)


@tf.function
def epoch(dist_ds: tf.distribute.DistributedDataset):
    total = 0.0
    batches = 0
    for x in dist_ds:
        per_replica = strategy.run(step, args=(x,))
        total += strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)
        batches += 1
    return total / tf.cast(batches, tf.float32)


@tf.function
def until(ds: tf.data.Dataset, limit):
    dist_ds = strategy.experimental_distribute_dataset(ds)
    total = 0.0
    for x in dist_ds:
        if total > limit:
            break
        total += strategy.reduce(tf.distribute.ReduceOp.SUM, strategy.run(step, args=(x,)), axis=None)
    return total


@tf.function
def steps(it: tf.distribute.DistributedIterator, n):
    total = 0.0
    for x in it:
        total += strategy.reduce(tf.distribute.ReduceOp.SUM, strategy.run(step, args=(x,)), axis=None)
        n -= 1
        if n <= 0:
            break
    return total


@tf.function
def anything(items, limit):
    total = 0.0
    for x in items:
        if total > limit:
            break
        total += strategy.reduce(tf.distribute.ReduceOp.SUM, strategy.run(step, args=(x,)), axis=None)
    return total

'''


# one strategy, variable and optimizer for the eager, AutoGraph and agx copies of TRAIN (two
# MirroredStrategy objects in one process clash on their collectives' keys); `w` is reset
# before every call (plain SGD keeps no other state)
TRAIN_STATE = '''import tensorflow as tf

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    w = tf.Variable(1.0)
    opt = tf.keras.optimizers.SGD(0.001)
'''

TRAIN = '''import tensorflow as tf

from agx_train_state import strategy, w, opt


def train_step(inputs):
    x, y = inputs
    with tf.GradientTape() as tape:
        loss = tf.nn.compute_average_loss(tf.square(w * x - y), global_batch_size=4)
    grads = tape.gradient(loss, [w])
    opt.apply_gradients(zip(grads, [w]))  # a merge_call: it fails inside a tf.cond
    return loss


@tf.function
def distributed_train_step(inputs):
    per_replica = strategy.run(train_step, args=(inputs,))
    return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)


@tf.function
def train_epoch(dist_ds):
    total = 0.0
    for x in dist_ds:
        total += distributed_train_step(x)
    return total, w.read_value()


@tf.function
def train_iterator(it: tf.distribute.DistributedIterator):
    total = 0.0
    for x in it:
        total += distributed_train_step(x)
    return total, w.read_value()


@tf.function
def train_iter_of(dist_ds):
    total = 0.0
    for x in iter(dist_ds):
        total += distributed_train_step(x)
    return total, w.read_value()
'''


def batches(n):
    return tf.data.Dataset.range(n).map(lambda v: tf.cast(v, tf.float32)).batch(4)


def autograph(source, name, makers) -> str:
    """AutoGraph's outcome, with fresh arguments for each run (an iterator is consumed)."""
    eager, graph = load(source), load(source)
    try:
        for make in makers:
            if not same(call(eager, name, make(), eager=True), call(graph, name, make())):
                return "wrong"
        return "ok"
    except Exception as exc:  # AutoGraph's own failure is data here
        return f"error: {type(exc).__name__}"


def outcomes(source, runs, out) -> None:
    original, converted = load(source), load(out["code"])
    for name, makers in runs.items():
        result = "ok"
        for make in makers:
            expected = call(original, name, make(), eager=True)
            got = call(converted, name, make())
            if not same(expected, got):
                result = f"eager {expected!r} != agx {got!r}"
        out[name] = result
        out[name + ":autograph"] = autograph(source, name, makers)


def main():
    import faulthandler
    faulthandler.dump_traceback_later(100, exit=True)  # a hang fails the test with a traceback
    train = sys.argv[1:] == ["train"]  # a training loop: its own process (its own collectives)
    source = TRAIN if train else SOURCE
    out = {"code": transpile(source)}
    state = load(TRAIN_STATE, "agx_train_state") if train else None
    strategy = state.strategy if train else load(source).strategy
    dist = lambda n: strategy.experimental_distribute_dataset(batches(n))
    def xy(n):
        state.w.assign(1.0)
        rows = tf.data.Dataset.range(n).map(lambda v: tf.cast(v, tf.float32))
        return strategy.experimental_distribute_dataset(rows.map(lambda v: (v, 2.0 * v)).batch(4))
    if train:
        runs = {
            "train_epoch": [lambda: (Py(xy(16)),), lambda: (Py(xy(8)),)],  # unannotated
            "train_iterator": [lambda: (Py(iter(xy(16))),)],
            "train_iter_of": [lambda: (Py(xy(16)),)],  # unannotated, iter() in the function
        }
    else:
        runs = {  # fresh datasets and iterators for every call (an iterator is consumed)
            "epoch": [lambda: (Py(dist(16)),), lambda: (Py(dist(6)),)],
            "until": [lambda: (Py(batches(16)), 50.0), lambda: (Py(batches(16)), 1e9)],
            "steps": [lambda: (Py(iter(dist(16))), 2), lambda: (Py(iter(dist(8))), 9)],
            "anything": [lambda: (Py(dist(16)), 50.0), lambda: (Py(iter(dist(16))), 1e9)],  # unannotated
        }
    outcomes(source, runs, out)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
