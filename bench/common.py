"""What every benchmark shares: a result row, a timer that reports the median, and a demo store."""
from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from core import admin, db


@dataclass(frozen=True)
class Result:
    """One measured figure, with the target it is measured against (if any)."""

    name: str
    value: float
    unit: str
    target: str = ""
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def median_seconds(fn: Callable[[], object], repeats: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``fn`` over ``repeats`` runs after ``warmup`` unmeasured ones [s]."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


@cache
def demo_db() -> Path:
    """A SQLite file holding the demo city, built once per benchmark run."""
    path = Path(tempfile.mkdtemp(prefix="bench-")) / "demo.db"
    admin.init_store(db.make_engine(f"sqlite:///{path}"), demo=True)
    return path
