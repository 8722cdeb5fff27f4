"""Variables under the tf1 target: created in the graph, initialised on the first build,
state kept across calls of the same runner (also when it switches signature), and reads
ordered with writes as program order says."""
from differential import load, same, to_arg, to_numpy
from transpiler import transpile
import tensorflow as tf

H = "import tensorflow as tf\n\n"


def eager_and_tf1(source, calls):
    original, converted = load(source), load(transpile(source, target="tf1"))
    tf.config.run_functions_eagerly(True)
    try:
        expected = [to_numpy(getattr(original, n)(*map(to_arg, a))) for n, a in calls]
    finally:
        tf.config.run_functions_eagerly(False)
    got = [to_numpy(getattr(converted, n)(*a)) for n, a in calls]
    return expected, got, converted


def test_updates_accumulate_across_calls():
    source = H + """
counter = tf.Variable(0)

@tf.function
def f(n):
    for i in tf.range(n):
        if i % 2 == 0:
            counter.assign_add(i)
        else:
            counter.assign_sub(1)
    return counter.read_value()
"""
    expected, got, _ = eager_and_tf1(source, [("f", (5,)), ("f", (5,)), ("f", (2,))])
    assert expected == [4, 8, 7] and same(expected, got), got


def test_read_before_write_sees_the_old_value():
    source = H + """
v = tf.Variable(1)

@tf.function
def f(x):
    v.assign(x)
    before = v.read_value()
    v.assign_add(10)
    return before, v.read_value(), v * 2
"""
    expected, got, _ = eager_and_tf1(source, [("f", (5,)), ("f", (7,))])
    assert same(expected, got), (expected, got)


def test_state_follows_the_runner_to_a_new_signature():
    source = H + """
total = tf.Variable(0.0)

@tf.function
def f(x):
    total.assign_add(tf.cast(tf.reduce_sum(x), tf.float32))
    return total.read_value()
"""
    calls = [("f", (1,)), ("f", ([1.0, 2.0],)), ("f", (2,)), ("f", ([0.5],))]
    expected, got, module = eager_and_tf1(source, calls)
    assert same(expected, got), (expected, got)
    assert len(module.GRAPH_SESSIONS) == 3, "one graph per signature"


def test_variable_created_inside_the_function_lives_in_its_graph():
    source = H + """
@tf.function
def f(x):
    v = tf.Variable(10.0)
    v.assign_add(x)
    return v.read_value()
"""
    module = load(transpile(source, target="tf1"))
    assert [module.f(1.0), module.f(2.0)] == [11.0, 13.0]


def test_module_tensor_is_created_in_the_graph():
    source = H + """
scale = tf.constant(3.0)
offset = scale * 2.0

@tf.function
def f(x):
    if x > 0:
        x = x * scale
    return x + offset
"""
    expected, got, module = eager_and_tf1(source, [("f", (2.0,)), ("f", (-1.0,))])
    assert same(expected, got), (expected, got)
    code = transpile(source, target="tf1")
    assert "module-level `scale`, created in this graph" in code and "offset = scale * 2.0" in code


def test_variable_reached_through_a_module_attribute(capfd):
    source = H + """
mymodule = tf.Module()
mymodule.x = tf.Variable(0.0)

@tf.function(input_signature=[tf.TensorSpec(shape=[], dtype=tf.float32)])
def addprint(a):
    mymodule.x.assign_add(a)
    tf.print(mymodule.x)
    return mymodule.x
"""
    expected, got, _ = eager_and_tf1(source, [("addprint", (1.0,)), ("addprint", (5.0,))])
    assert expected == [1.0, 6.0] and same(expected, got), got
    assert capfd.readouterr().err.split() == ["1", "6"] * 2
    code = transpile(source, target="tf1")
    assert "mymodule_x = tf.Variable(0.0)" in code and "mymodule_x.assign_add(a)" in code


def test_loop_condition_reads_the_variable_after_the_previous_iteration_wrote_it():
    source = H + """
v = tf.Variable(0)

@tf.function
def f(n):
    i = 0
    while i < n and v < 35:
        v.assign_add(10)
        i += 1
    return v.read_value(), i
"""
    expected, got, _ = eager_and_tf1(source, [("f", (2,)), ("f", (3,)), ("f", (1,))])
    assert same(expected, got), (expected, got)
    assert "with tf.control_dependencies([i]):\n                return tf.logical_and" in transpile(
        source, target="tf1")
