import tensorflow as tf


# agx: kept as written, not converted (autograph=False: AutoGraph may compute another value) (AGX205: Python container `seen` is mutated inside a tensor loop (its body is traced once, so the mutation would happen once))
@tf.function(autograph=False)
def f(v):
    seen = {}
    for x in v:
        if x > 0:
            seen["last"] = x
    return v
