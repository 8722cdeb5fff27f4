RUNS = {'myadd': [('hello', 'world'), (1, 2)]}
