RUNS = {'add_print': [(3.0,), (-1.5,)]}
