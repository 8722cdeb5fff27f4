RUNS = {"pair": [(Py(tf.data.Dataset.range(3, 9)),), (Py(tf.data.Dataset.range(1)),), (Py(tf.data.Dataset.range(0)),)]}
