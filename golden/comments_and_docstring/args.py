RUNS = {'clipped_sum': [([1.0, 2.0, 3.0], 4.0), ([1.0, 2.0], 10.0), (np.zeros((0,), np.float32), 1.0)]}
