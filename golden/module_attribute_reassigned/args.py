SETUP = "counter = Counter()"
RUNS = {"counter.count_positive": [([1.0, -2.0, 3.0],), ([-1.0],)]}
