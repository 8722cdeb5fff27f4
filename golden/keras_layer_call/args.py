# the layer inside a tf.function, as a train step would call it
SETUP = "layer = SoftClip(2)\nrun = tf.function(lambda x: layer(x))"
RUNS = {"run": [([[1.0, 2.0, 3.0]],), ([[-1.0, -2.0, 0.5]],)]}
