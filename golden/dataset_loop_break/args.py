RUNS = {"until": [(Py(tf.data.Dataset.range(6)), np.int64(4)), (Py(tf.data.Dataset.range(6)), np.int64(100)),
                  (Py(tf.data.Dataset.range(0)), np.int64(1))]}
