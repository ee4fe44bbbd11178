"""Small timing helpers: every figure is a measurement of this run, never a constant."""

from __future__ import annotations

import functools
import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any


def percentile(values: Sequence[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100) of ``values``."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def timed_ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def samples_ms(fn: Callable[[Any], Any], inputs: Sequence[Any], *, warmup: int = 3) -> list[float]:
    """Milliseconds of ``fn(x)`` for each input, after ``warmup`` untimed calls (the first
    inputs again): lazy imports and first-use caches are not what a counter waits for all day."""
    for x in list(inputs)[:warmup]:
        fn(x)
    gc.collect()
    return [timed_ms(functools.partial(fn, x)) for x in inputs]


def summary(values_ms: Sequence[float]) -> dict[str, float]:
    return {"n": len(values_ms), "p50_ms": round(median(values_ms), 3), "p95_ms": round(percentile(values_ms, 95), 3),
            "max_ms": round(max(values_ms), 3)}


def rounded(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
