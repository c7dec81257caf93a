"""The Overview on the demo city: loading the store, computing the page, a whole AppTest rerun."""
from __future__ import annotations

import os
from pathlib import Path

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from bench.common import Result, demo_db, median_seconds
from core import db, repo, spending

ROOT = Path(__file__).resolve().parent.parent


def run() -> list[Result]:
    path = demo_db()
    engine = db.make_engine(f"sqlite:///{path}")
    with Session(engine) as s:
        load = median_seconds(lambda: repo.load_portfolio(s))
        version = median_seconds(lambda: repo.data_version(s))
        p = repo.load_portfolio(s)
    year = p.latest_year
    compute = median_seconds(lambda: (spending.overview_kpis(p, year), spending.overview_exhibits(p, year, "zh"),
                                      spending.building_table(p, year)))
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    rerun = median_seconds(at.run, repeats=5)
    return [
        Result("overview: load the store (portfolio)", load, "s"),
        Result("overview: data version query", version, "s"),
        Result("overview: KPIs, exhibits and table", compute, "s"),
        Result("overview: AppTest rerun (warm cache)", rerun, "s", "< 0.5 s"),
    ]
