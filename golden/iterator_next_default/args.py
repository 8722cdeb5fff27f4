RUNS = {"pair": [(Py(tf.data.Dataset.range(3, 9)),), (Py(tf.data.Dataset.range(1)),), (Py(tf.data.Dataset.range(0)),)]}
# tf1 keeps `pair` as written (AGX506: a runner cannot take a dataset): AutoGraph runs it,
# and AutoGraph's next(it, default) raises OutOfRangeError at the dataset's end
RUNS_TF1 = {"pair": [(Py(tf.data.Dataset.range(3, 9)),)]}
