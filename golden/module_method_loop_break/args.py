SETUP = "acc = ClippedAccumulator(limit=10.0)"
RUNS = {"acc.add_all": [([1.0, 2.0, 3.0],), ([3.0, 5.0],), ([],)]}
