"""Small statistics and timing helpers shared by the benchmark sections."""
from __future__ import annotations

import math
import statistics
import time
from typing import Callable, Iterable, List, Optional, Sequence


def median(values: Iterable[float]) -> Optional[float]:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def geomean(values: Iterable[float]) -> Optional[float]:
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    if a is None or b is None or b == 0:
        return None
    return a / b


def timed(fn: Callable, *args, **kwargs):
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def median_time(fn: Callable, repeat: int) -> float:
    """Median wall time of `repeat` calls of `fn()`."""
    return median(timed(fn)[0] for _ in range(max(1, repeat)))


def growth_exponent(sizes: Sequence[float], times: Sequence[float]) -> Optional[float]:
    """Least-squares slope of log(time) against log(size): 1.0 is linear, 2.0 quadratic."""
    pairs = [(math.log(s), math.log(t)) for s, t in zip(sizes, times) if s and t and t > 0]
    if len(pairs) < 2:
        return None
    mx = sum(x for x, _ in pairs) / len(pairs)
    my = sum(y for _, y in pairs) / len(pairs)
    var = sum((x - mx) ** 2 for x, _ in pairs)
    if var == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in pairs) / var


def per_call(fn: Callable, min_batch_s: float = 0.01, batches: int = 5, warmup: int = 3) -> float:
    """Steady-state seconds per call: median over batches sized to last about `min_batch_s`."""
    for _ in range(warmup):
        fn()
    n = 1
    while True:
        seconds, _ = timed(_repeat_calls, fn, n)
        if seconds >= min_batch_s or n >= 1 << 16:
            break
        n *= 4
    samples: List[float] = [seconds / n]
    for _ in range(max(0, batches - 1)):
        samples.append(timed(_repeat_calls, fn, n)[0] / n)
    return median(samples)


def _repeat_calls(fn: Callable, n: int) -> None:
    for _ in range(n):
        fn()
