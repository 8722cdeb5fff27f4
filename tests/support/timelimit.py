"""A time limit for running generated or corpus code (SIGALRM; the main thread only).

    with time_limit(10):      # raises Timeout after 10 s
        run()

Timeout is a BaseException, like KeyboardInterrupt, so that TensorFlow's own `except
Exception` handlers let it through; the alarm repeats every second in case one is swallowed.
A Python loop stuck while tracing (a Python `for` over a dataset that tf.function runs
unconverted never ends) is interrupted; a loop inside one TensorFlow op is not.
"""
from __future__ import annotations

import contextlib
import signal
import threading


class Timeout(BaseException):
    """The block took longer than its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float):
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum, frame):
        raise Timeout(f"did not finish in {seconds:g} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
