"""The Vendors & quality page: the gates on the demo city and on a large synthetic city (cold: new
settings each time, as after a widget change), and a whole AppTest rerun of the page."""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import tempfile
from pathlib import Path

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from bench.common import BENCH, Result, demo_db, median_seconds
from core.demo import large
from core.domain import gates, quality, scorecard
from core.files import admin
from core.store import db, repo
from core.views import gates as gates_views

ROOT = Path(__file__).resolve().parent.parent
ON = dt.date(2026, 11, 27)


_DAYS = itertools.count()


def _fresh(p: repo.Portfolio) -> gates.GateSettings:
    """New settings every call (another reference date), as when a user moves a widget: nothing memoised."""
    return dataclasses.replace(gates.GateSettings.from_book(p, ON), on=ON + dt.timedelta(days=next(_DAYS)))


def _everything(p: repo.Portfolio) -> None:
    s = _fresh(p)
    gates_views.gates_exhibits(p, s, "zh")
    gates_views.gate_kpis(p, s)
    gates_views.register_table(p, s, "zh")
    gates_views.contracts_table(p, s, "zh")
    scorecard.department_scorecard(p, scorecard.scorecard(p, s))


def run() -> list[Result]:
    path = demo_db()
    with Session(db.make_engine(f"sqlite:///{path}")) as session:
        p = repo.load_portfolio(session)
    s = gates.GateSettings.from_book(p, ON)
    results = [
        Result("vendors: scorecard (demo, 16 buildings)", median_seconds(lambda: scorecard.scorecard(p, _fresh(p))), "s"),
        Result("vendors: fee adjustments (demo)", median_seconds(lambda: quality.fee_adjustments(p, s.year)), "s"),
        Result("vendors: every table and exhibit (demo)", median_seconds(lambda: _everything(p), repeats=3), "s"),
    ]
    big = Path(tempfile.mkdtemp(prefix="bench-")) / "big.db"
    engine = db.make_engine(f"sqlite:///{big}")
    admin.init_store(engine, frames=large.synthetic_city(400), dataset="synthetic", actor=BENCH)
    with Session(engine) as session:
        big_p = repo.load_portfolio(session)
    results.append(Result("vendors: every table and exhibit (400 buildings)",
                          median_seconds(lambda: _everything(big_p), repeats=3), "s"))
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/vendors.py").run()
    results.append(Result("vendors: AppTest rerun (warm cache)", median_seconds(at.run, repeats=5), "s", "< 1 s"))
    return results
