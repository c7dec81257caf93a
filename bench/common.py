"""What every benchmark shares: a result row, a timer that reports the median, and a demo store.

The app is driven signed in through the demo's autologin (``JGSW_DEMO_AUTOLOGIN``, which
:func:`sign_in_as_admin` sets for this process and the servers it starts; it is honoured only on
synthetic stores, which every benchmark city is).
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from core.demo import large
from core.files import admin
from core.store import db
from core.store.access import Actor
from core.store.auth_settings import DEMO_AUTOLOGIN_ENV
from core.store.models import Role

BIG_CITY = 2_000  # buildings in the benchmark city (issue 8)
BENCH = Actor(login="bench", display_name="bench", role=Role.admin, via="cli")  # who sets the stores up


# What a server started by a benchmark is given: importing the tests' helpers (tests/conftest.py) clears
# every JGSW_ variable of this process, so the servers get the autologin explicitly.
AUTOLOGIN: dict[str, str] = {DEMO_AUTOLOGIN_ENV: "admin"}


def sign_in_as_admin() -> None:
    """Let every session of the app (AppTest runs, and servers started from here) sign in as the
    store's administrator: every page open. Called by the benchmark entry points, not on import."""
    os.environ.setdefault(DEMO_AUTOLOGIN_ENV, "admin")


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
    engine = db.make_engine(f"sqlite:///{path}")
    admin.init_store(engine, demo=True, actor=BENCH)
    admin.first_accounts(engine, actor=BENCH, demo=True)  # an account per role, for the autologin
    engine.dispose()  # folds the WAL into the file, which benchmarks copy
    return path


@cache
def big_db(n: int = BIG_CITY) -> Path:
    """A SQLite file holding the deterministic synthetic city of ``n`` buildings (about 30 s to build)."""
    path = Path(tempfile.mkdtemp(prefix="bench-big-")) / "big.db"
    engine = db.make_engine(f"sqlite:///{path}")
    admin.init_store(engine, frames=large.synthetic_city(n), dataset="synthetic", actor=BENCH)
    admin.first_accounts(engine, actor=BENCH, demo=True)
    engine.dispose()
    return path


def cities() -> list[tuple[str, Path]]:
    """The two cities every page is measured on: (label, SQLite file)."""
    return [("demo", demo_db()), (f"{BIG_CITY:,} bldg", big_db())]


def registered_pages() -> list[str]:
    """The page files app.py registers, in order."""
    import re

    text = (Path(__file__).resolve().parent.parent / "app.py").read_text(encoding="utf-8")
    return re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', text)
