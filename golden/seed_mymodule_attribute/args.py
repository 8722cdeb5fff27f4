RUNS = {'mymodule.addprint': [(1.0,), (5.0,)]}
