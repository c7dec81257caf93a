"""The optimiser (最优方案): the demo city solved to optimality, and the 2,000-building synthetic city
(``python -m core init-db --synthetic --buildings 2000`` into its own SQLite file) within 60 s at a
MIP gap of at most 0.5 %. Each figure is printed with the problem's size beside it; the gap reached
is printed too. Nothing is asserted: the figures are for the note.

"solve" is HiGHS alone; "plan" is the whole recommendation: valuing every option over the draws,
solving (again, when bundling's fee per m² moves), and the simulator's evaluation of the plan.
Building the synthetic city is not timed.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

from bench.common import BIG_CITY, Result, demo_db
from core.cli.optimise import _quiet_stdout
from core.simulation.constraints import Constraints, Settings
from core.simulation.levers import DEFAULT_LEVERS
from core.simulation.options import value_options
from core.simulation.plan import base_items
from core.simulation.program import build
from core.simulation.recommend import recommend
from core.store import db, repo
from core.store.repo import Portfolio

ROOT = Path(__file__).resolve().parents[1]


def load(path: Path) -> Portfolio:
    with Session(db.make_engine(f"sqlite:///{path}")) as s:
        return repo.load_portfolio(s)


def synthetic_city(n: int = BIG_CITY) -> Path:
    """The synthetic city made as the README says, by the CLI, into a separate DATABASE_URL file."""
    path = Path(tempfile.mkdtemp(prefix="bench-optimiser-")) / "big.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    subprocess.run([sys.executable, "-m", "core", "init-db", "--synthetic", "--buildings", str(n), "--force"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return path


def size(rec_or_sol: object) -> str:
    s = getattr(rec_or_sol, "solution", rec_or_sol)
    return (f"{s.variables:,} variables ({s.integers:,} integer), {s.constraints:,} constraints; "  # type: ignore[attr-defined]
            f"status {s.status}, gap {100 * max(s.gap, 0.0):.3f} %")  # type: ignore[attr-defined]


def measure(p: Portfolio, label: str, settings: Settings, *, repeats: int, target: str, gap_target: str) -> list[Result]:
    items = base_items(p)
    constraints = Constraints()
    o = value_options(p, DEFAULT_LEVERS, draws=settings.draws, seed=settings.seed, items=items)
    problem = build(o, constraints, settings, _weights())
    solves = [problem.model.solve(time_limit=settings.time_limit, gap=settings.mip_rel_gap) for _ in range(repeats)]
    plans = []
    last = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        last = recommend(p, DEFAULT_LEVERS, constraints, settings, items=items)
        plans.append(time.perf_counter() - t0)
    assert last is not None
    cells = f"{len(o.cells):,} cells, {len(o.table):,} options, {o.draws} draws"
    out = [
        Result(f"optimiser: {label}, solve ({settings.objective})", statistics.median(s.seconds for s in solves), "s",
               target, f"{size(solves[-1])}; {cells}"),
        Result(f"optimiser: {label}, whole plan ({settings.objective}: value, solve, evaluate)", statistics.median(plans),
               "s", target, f"{size(last)}; re-solved {last.refined}×"),
        Result(f"optimiser: {label}, MIP gap reached ({settings.objective})", 100 * max(last.solution.gap, 0.0), "%",
               gap_target, size(last)),
    ]
    if last.found and last.evaluated is not None:
        out.append(Result(f"optimiser: {label}, own figure less the simulator's ({settings.objective})",
                          100 * last.difference / last.evaluated.mean, "%", "",
                          "the approximation of bundling and pooling, measured on the same draws"))
    return out


def _weights():  # type: ignore[no-untyped-def]
    from core.simulation.criteria import Weights

    return Weights()


def run() -> list[Result]:
    with _quiet_stdout():  # HiGHS's stray progress lines stay out of the table
        return _run()


def _run() -> list[Result]:
    demo = load(demo_db())
    out = measure(demo, "demo", Settings(), repeats=5, target="< 2 s", gap_target="≤ 0.1")
    out += measure(demo, "demo", Settings(objective="cvar"), repeats=3, target="", gap_target="≤ 0.1")
    big = load(synthetic_city())
    big_settings = Settings(time_limit=60, mip_rel_gap=0.005)
    out += measure(big, f"{BIG_CITY:,} buildings", big_settings, repeats=1, target="< 60 s", gap_target="≤ 0.5")
    out += measure(big, f"{BIG_CITY:,} buildings", big_settings.model_copy(update={"objective": "cvar"}),
                   repeats=1, target="", gap_target="≤ 0.5")
    return out
