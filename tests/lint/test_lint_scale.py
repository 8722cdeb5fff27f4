"""agx lint is linear in file size: a generated 20k-line file, well under a second per 1k lines."""
import gc
import time

from transpiler.lint import lint_text

BLOCK = '''@tf.function
def f{i}(x, y):
    s = x
    if x > 0:
        s = s + y
    else:
        s = s - y
    for k in tf.range(3):
        s += tf.cast(k, s.dtype)
    print("tracing")  # noqa: AGX401
    log.append(s)
    while s > 100.0:
        s = s / 2.0
    return s


def helper{i}(items, scale=2):
    """Plain Python: not converted, still parsed and scanned."""
    total = 0
    for item in items:
        if item % 2:
            total += item * scale
        else:
            total -= item
    return [total, len(items), scale]


'''


def program(lines: int) -> str:
    out, i = ["import tensorflow as tf", "", "log = []", "", ""], 0
    while len(out) < lines:
        out.extend(BLOCK.format(i=i).splitlines())
        i += 1
    return "\n".join(out) + "\n"


def timed(text):
    """Seconds of lint_text, the cyclic GC paused: its full collections scan the whole test
    session's heap (late in the suite, much more than lint's own), not lint's work."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        found = lint_text(text, "big.py")
        return time.perf_counter() - start, found
    finally:
        gc.enable()


def test_20k_lines_linear_and_fast():
    small, big = program(2_000), program(20_000)
    assert len(big.splitlines()) >= 20_000
    t_small, f_small = timed(small)
    t_big, f_big = timed(big)
    n_functions = big.count("@tf.function")
    assert [f.code for f in f_big] == ["AGX403"] * n_functions  # every block's list append, prints suppressed
    per_1k = t_big / 20
    assert per_1k < 1.0, f"{per_1k:.2f} s per 1k lines"
    assert t_big < 15 * max(t_small, 0.05), f"not linear: 2k lines {t_small:.2f} s, 20k lines {t_big:.2f} s"
