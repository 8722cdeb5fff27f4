# SETUP runs in the module (the original's and the converted one's) before the calls.
SETUP = "demo = DemoModule(init_value=tf.constant(1.0))"
RUNS = {"demo.addprint": [(5.0,), (2.5,)]}
