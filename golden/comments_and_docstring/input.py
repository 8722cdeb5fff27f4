import tensorflow as tf


@tf.function
def clipped_sum(v, limit):
    """Sum the entries of v, stopping at the first one that would pass limit."""
    total = 0.0  # running sum
    # walk the vector
    for x in v:
        if total + x > limit:  # would overflow
            break
        total += x
    return total
