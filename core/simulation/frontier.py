"""Efficient frontiers (有效前沿): how much expected saving each unit of safety or of non-cost score
costs, with the saved scenarios set beside them.

- Risk: the program solved for a range of weights between the expected NPV and its CVaR (1, ¾, ½,
  ¼, 0); each plan evaluated by the simulator on the options' draws (mean, P10, CVaR).
- Non-cost: the expected NPV maximised with the non-cost score held at rising floors, from the
  best plan's score up to the highest any plan could reach (each cell at its best-scoring allowed
  delivery), as long as the floor can be met.

Saved scenarios are evaluated on the same draws and scored with the same weights, so every point
on both charts is measured the same way.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.simulation.constraints import Limit
from core.simulation.levers import LeverError, parse_levers
from core.simulation.program import build
from core.simulation.recommend import Recommendation, evaluate_levers, finish, noncost_of
from core.store.repo import Portfolio

RISK_WEIGHTS: tuple[float, ...] = (1.0, 0.75, 0.5, 0.25, 0.0)
NONCOST_STEPS = 4
COLUMNS = ["kind", "setting", "mean", "p10", "cvar", "noncost", "status", "levers"]


@dataclass(frozen=True)
class Frontier:
    """The frontier plans and the saved scenarios, evaluated alike [CNY; score 1-5]."""

    points: pd.DataFrame  # kind (risk | noncost), setting (weight or floor), mean, p10, cvar, noncost, status, levers
    saved: pd.DataFrame  # name, mean, p10, cvar, noncost
    alpha: float


def frontier(p: Portfolio, rec: Recommendation, saved: pd.DataFrame | None = None, *,
             progress: Callable[[float], object] | None = None) -> Frontier:
    """Both frontiers around a recommendation, and ``saved`` scenarios (name, levers) set beside them."""
    pr = rec.problem
    o, c, s = pr.options, pr.constraints, pr.settings
    rows: list[tuple[object, ...]] = []
    jobs = [("risk", w) for w in RISK_WEIGHTS] + [("noncost", None)] * NONCOST_STEPS
    floors = _floors(rec)
    done = 0
    for kind, weight in jobs:
        if kind == "risk":
            settings = s.model_copy(update={"objective": "mix", "mix": weight})
            constraints, setting = c, float(weight or 0.0)
        else:
            if not floors:
                continue
            setting = floors.pop(0)
            constraints = c.model_copy(update={"noncost_floor": Limit(enabled=True, value=setting)})
            settings = s.model_copy(update={"objective": "expected"})
        again = build(o, constraints, settings, pr.weights, rho=pr.rho)
        sol = again.model.solve(time_limit=s.time_limit, gap=s.mip_rel_gap)
        done += 1
        if progress:
            progress(done / len(jobs))
        if not sol.found:
            rows.append((kind, setting, np.nan, np.nan, np.nan, np.nan, sol.status, ""))
            if kind == "noncost":
                floors = []  # a higher floor cannot be met either
            continue
        r = finish(again, sol, p)
        assert r.evaluated is not None and r.levers is not None
        rows.append((kind, setting, r.evaluated.mean, r.evaluated.p10, r.evaluated.cvar, r.noncost, sol.status,
                     r.levers.model_dump_json(by_alias=True, exclude_defaults=True)))
    return Frontier(points=pd.DataFrame(rows, columns=COLUMNS), saved=saved_points(p, rec, saved), alpha=s.alpha)


def _floors(rec: Recommendation) -> list[float]:
    """Non-cost floors from just above the plan's score up to the highest score a plan can reach
    under the same constraints."""
    top = highest_score(rec)
    low = rec.noncost
    if not np.isfinite(low) or not np.isfinite(top) or top <= low + 1e-6:
        return []
    return [float(x) for x in np.linspace(low, top, NONCOST_STEPS + 1)[1:]]


def highest_score(rec: Recommendation) -> float:
    """The highest non-cost score a plan can reach under the recommendation's constraints: the
    same program, maximising the score instead of the saving."""
    pr = rec.problem
    c = pr.constraints.model_copy(update={"noncost_floor": Limit(enabled=True, value=0.0)})
    again = build(pr.options, c, pr.settings.model_copy(update={"objective": "expected"}), pr.weights, rho=pr.rho)
    m = again.model
    row = next(r for r, (group, _) in again.labels.items() if group == "noncost")
    gain = m.matrix()[[row], :].toarray()[0]
    m.c, m.constant = [gain], 0.0
    sol = m.solve(time_limit=pr.settings.time_limit, gap=pr.settings.mip_rel_gap)
    if not sol.found:
        return float("nan")
    return rec.noncost_now + float(gain @ sol.x)  # the row measures the score's rise from today's


def saved_points(p: Portfolio, rec: Recommendation, saved: pd.DataFrame | None) -> pd.DataFrame:
    """Each saved scenario (``name``, ``levers`` JSON) evaluated on the recommendation's draws and
    scored with its weights; scenarios whose levers no longer fit the store are left out."""
    out = []
    o = rec.problem.options
    for name, levers in ([] if saved is None else zip(saved["name"], saved["levers"])):
        try:
            figures, plan = evaluate_levers(p, o, parse_levers(levers), rec.problem.settings.alpha)
        except LeverError:
            continue
        out.append((str(name), figures.mean, figures.p10, figures.cvar, noncost_of(o, plan, rec.problem.weights)))
    return pd.DataFrame(out, columns=["name", "mean", "p10", "cvar", "noncost"])
