"""The full-cost model: the demo city's Compare and Standards pages (compute and AppTest rerun), and
a synthetic city of 2,000 buildings × 12 services × 7 years costed from its portfolio.

Building the synthetic city (generator and store) takes a minute or so and is not timed: only
costing is.
"""
from __future__ import annotations

import dataclasses
import os
import tempfile
from functools import cache
from pathlib import Path

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from bench.common import BENCH, Result, demo_db, median_seconds
from core.demo import large
from core.domain import compare, costing, standards
from core.files import admin
from core.store import db, repo
from core.views import compare as compare_views
from core.views import standards as standards_views

ROOT = Path(__file__).resolve().parent.parent
N_BUILDINGS = 2_000


@cache
def big_portfolio(n: int = N_BUILDINGS) -> repo.Portfolio:
    """A synthetic city of ``n`` buildings, loaded through the store like real data."""
    path = Path(tempfile.mkdtemp(prefix="bench-costing-")) / "big.db"
    engine = db.make_engine(f"sqlite:///{path}")
    admin.init_store(engine, frames=large.synthetic_city(n), dataset="synthetic", actor=BENCH)
    with Session(engine) as s:
        return repo.load_portfolio(s)


def rerun(page: str) -> float:
    """Median seconds of an AppTest rerun of ``page`` with warm caches."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    return median_seconds(at.run, repeats=5)


def run() -> list[Result]:
    path = demo_db()
    with Session(db.make_engine(f"sqlite:///{path}")) as s:
        p = repo.load_portfolio(s)
    year = p.latest_year
    # a fresh portfolio each time: arrangement_costs is kept with the portfolio once computed
    cost_demo = median_seconds(lambda: costing.arrangement_costs(dataclasses.replace(p)))
    costs = costing.arrangement_costs(p)

    def compare_page() -> None:
        m = compare.building_measures(p, year, costs=costs)
        compare_views.compare_exhibits(p, m, year, "zh")
        year_costs = costing.select(costs, year=year)
        compare_views.department_exhibit(p, year_costs, "zh")
        compare_views.working_exhibit(p, year_costs, int(m["building_id"].iloc[0]), "zh")

    def standards_page() -> None:
        b = standards.benchmark(p, year, amber=0.10, red=0.25, low=0.50)
        standards_views.standards_exhibits(p, b, "zh", standards_views.Thresholds(0.10, 0.25, 0.50, 0.05))

    compute_compare = median_seconds(compare_page)
    compute_standards = median_seconds(standards_page)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    rerun_compare = rerun("pages/compare.py")
    rerun_standards = rerun("pages/standards.py")

    big = big_portfolio()
    n_rows = len(big.costs)
    services = int(big.costs["service"].nunique())
    years = int(big.costs["year"].nunique())
    cost_big = median_seconds(lambda: costing.arrangement_costs(dataclasses.replace(big)), repeats=5)
    big_costs = costing.arrangement_costs(big)
    big_year = big.latest_year
    measures_big = median_seconds(lambda: compare.building_measures(big, big_year, costs=big_costs), repeats=3)
    departments_big = median_seconds(
        lambda: costing.department_table(big, costing.select(big_costs, year=big_year)), repeats=3)
    size = f"{len(big.buildings):,} buildings, {services} services, {years} years, {n_rows:,} ledger rows"
    return [
        Result("costing: demo city, every arrangement and year", cost_demo, "s"),
        Result("costing: Compare page computations (demo)", compute_compare, "s"),
        Result("costing: Standards page computations (demo)", compute_standards, "s"),
        Result("costing: Compare page AppTest rerun (warm)", rerun_compare, "s", "< 0.5 s"),
        Result("costing: Standards page AppTest rerun (warm)", rerun_standards, "s", "< 0.5 s"),
        Result("costing: synthetic city, full cost of every arrangement", cost_big, "s", "< 1 s", size),
        Result("costing: synthetic city, per-building measures", measures_big, "s", "", size),
        Result("costing: synthetic city, department allocation", departments_big, "s", "", size),
    ]
