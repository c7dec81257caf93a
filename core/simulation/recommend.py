"""The recommended plan (最优方案) end to end: value the options, solve, check the plan with the
simulator, and say how far the optimiser's own figure is from the simulator's.

The optimiser's figure is its own linear model of the plan (exact for conversions, approximate for
bundling and pooling, see :mod:`core.simulation.option_groups`); the plan is then turned into levers
and run through :func:`core.simulation.model.evaluate` on the same draws. Where bundling's fee per m²
assumed differs from the plan's, the program is solved again with the plan's (at most
:data:`REFINE` times). Every figure a leader sees is the simulator's; the optimiser's is shown
beside it with the difference.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.simulation import risk
from core.simulation.constraints import Constraints, Settings
from core.simulation.criteria import Weights, cell_scores, plan_score
from core.simulation.levers import Levers
from core.simulation.milp import Solution
from core.simulation.model import Result, evaluate, run
from core.simulation.optimiser import Choice, Problem, decode, npv_draws
from core.simulation.options import Options, value_options
from core.simulation.plan import Plan, prepare
from core.simulation.program import build
from core.store.repo import Portfolio

REFINE = 2
Progress = risk.Progress  # one progress callback type, the Monte Carlo's


@dataclass(frozen=True)
class Figures:
    """A plan's NPV saving over a sample of draws [CNY]."""

    mean: float
    p10: float
    p50: float
    p90: float
    cvar: float  # mean of the worst alpha of the draws

    @classmethod
    def of(cls, npv: np.ndarray, alpha: float) -> Figures:
        """The figures of ``npv`` (one value per draw)."""
        p10, p50, p90 = np.quantile(npv, risk.QUANTILES)
        return cls(float(npv.mean()), float(p10), float(p50), float(p90), cvar(npv, alpha))


def cvar(values: np.ndarray, alpha: float) -> float:
    """The mean of the worst ``alpha`` of ``values`` (a fractional last draw counted in part), the
    figure the program's linearisation takes at its optimum."""
    v = np.sort(np.asarray(values, dtype=float))
    k = alpha * len(v)
    whole = math.floor(k + 1e-9)
    total = v[:whole].sum() + (k - whole) * (v[whole] if whole < len(v) else 0.0)
    return float(total / k)


@dataclass(frozen=True)
class Recommendation:
    """The optimiser's plan, the simulator's evaluation of it, and what the leader reads beside it."""

    problem: Problem
    solution: Solution
    choice: Choice | None
    levers: Levers | None
    own: Figures | None  # the optimiser's own figures over the sample
    evaluated: Figures | None  # the simulator's over the same sample
    result: Result | None  # the simulator at the book's values
    noncost: float  # the plan's non-cost score (1-5)
    noncost_now: float  # today's
    people: np.ndarray  # (types, H) in-house staff whose posts go, by type and year
    refined: int  # times re-solved with the plan's own bundling fee per m²
    conflict: tuple[str, ...] = ()  # when infeasible: the constraint groups in conflict

    @property
    def options(self) -> Options:
        """The valued options."""
        return self.problem.options

    @property
    def found(self) -> bool:
        """Whether there is a plan."""
        return self.choice is not None

    @property
    def difference(self) -> float:
        """The optimiser's expected NPV less the simulator's on the same draws [CNY]."""
        if self.own is None or self.evaluated is None:
            return float("nan")
        return self.own.mean - self.evaluated.mean

    def objective_value(self, figures: Figures) -> float:
        """The objective of ``figures`` (expected, CVaR, or their mix)."""
        lam = self.problem.settings.expected_weight
        return lam * figures.mean + (1 - lam) * figures.cvar


def recommend(p: Portfolio, levers: Levers | dict[str, Any] | str, constraints: Constraints | None = None,
              settings: Settings | None = None, weights: Weights | None = None, *, options: Options | None = None,
              items: pd.DataFrame | None = None, progress: Progress | None = None) -> Recommendation:
    """The best plan under the policy levers of ``levers`` and ``constraints`` (see the module docstring)."""
    from core.simulation.explain import diagnose

    c, s, w = constraints or Constraints(), settings or Settings(), weights or Weights()
    o = options or value_options(p, levers, draws=s.draws, seed=s.seed, items=items)
    if progress:
        progress(0.2)
    pr = build(o, c, s, w, rho=bundling_rho(o, greedy(o)))
    sol = pr.model.solve(time_limit=s.time_limit, gap=s.mip_rel_gap)
    refined = 0
    while sol.found and refined < REFINE and pr.lots:
        rho = bundling_rho(o, decode(pr, sol))
        if np.allclose(rho, pr.rho, rtol=0.02):
            break
        pr, sol = _resolve(o, c, s, w, rho, sol)
        refined += 1
    if progress:
        progress(0.6)
    if not sol.found:
        conflict = diagnose(pr) if sol.status == "infeasible" else ()
        return Recommendation(problem=pr, solution=sol, choice=None, levers=None, own=None, evaluated=None,
                              result=None, noncost=float("nan"), noncost_now=noncost_now(o, w),
                              people=np.zeros((3, len(o.years))), refined=refined, conflict=conflict)
    rec = finish(pr, sol, p, items=items)
    if progress:
        progress(1.0)
    return Recommendation(**{**rec.__dict__, "refined": refined})


def _resolve(o: Options, c: Constraints, s: Settings, w: Weights, rho: np.ndarray,
             previous: Solution) -> tuple[Problem, Solution]:
    pr = build(o, c, s, w, rho=rho)
    sol = pr.model.solve(time_limit=s.time_limit, gap=s.mip_rel_gap)
    return pr, sol if sol.found else previous


def finish(pr: Problem, sol: Solution, p: Portfolio, *, items: pd.DataFrame | None = None) -> Recommendation:
    """A solved program's plan, evaluated by the simulator."""
    o = pr.options
    choice = decode(pr, sol)
    lv = plan_levers(pr, choice)
    plan = prepare(p, lv, items)
    alpha = pr.settings.alpha
    return Recommendation(
        problem=pr, solution=sol, choice=choice, levers=lv, own=Figures.of(npv_draws(pr, sol, choice), alpha),
        evaluated=Figures.of(evaluate(plan, o.theta).npv, alpha), result=run(plan),
        noncost=noncost_of(o, plan, pr.weights), noncost_now=noncost_now(o, pr.weights),
        people=people_of(pr, sol, choice), refined=0,
    )


def plan_levers(pr: Problem, choice: Choice) -> Levers:
    """The scenario of a plan: policy levers, conversions, lots, pooling, and the hurdle it met."""
    rate = pr.hurdle_rate
    return pr.options.levers(choice.chosen, choice.lots, choice.pooling, hurdle_rate=rate)


def bundling_rho(o: Options, choice: Choice) -> np.ndarray:
    """Each service's fee per m² of the items bundling would lot under ``choice`` (today's where the
    plan leaves a service without any)."""
    b = o.bundling
    member = b.member_keep.copy()
    fee = b.fee_keep.copy()
    for j in choice.options:
        cell = int(o.table.at[j, "cell"])
        member[cell], fee[cell] = b.member_opt[j], b.fee_opt[j]
    area = o.cells["area"].to_numpy(dtype=float)
    svc = o.cells["service"].to_numpy()
    out = b.rho.copy()
    for i, s in enumerate(b.services):
        m = member & (svc == s)
        if m.any() and area[m].sum() > 0:
            out[i] = fee[m].sum() / area[m].sum()
    return out


def greedy(o: Options) -> Choice:
    """Each cell's best option on its own (worth more than keeping it; the model's rules and the
    book's hurdle met): a first guess of the plan, for bundling's fee per m²."""
    t = o.table
    hurdle = o.base.value("hurdle_rate")
    value = o.npv_mean()
    realised = (t["saving0"] * t["realisation"]).to_numpy()
    ok = (t["status"] == "ok").to_numpy() & (realised > hurdle * t["hurdle_base"].to_numpy()) & (value > 0)
    best = pd.DataFrame({"cell": t["cell"], "v": value})[ok].sort_values("v", ascending=False).drop_duplicates("cell")
    picked = tuple(int(j) for j in best.index)
    return Choice(chosen={int(t.at[j, "cell"]): str(t.at[j, "to"]) for j in picked}, options=picked, lots={},
                  pooling=False)


def noncost_now(o: Options, w: Weights) -> float:
    """Today's non-cost score of the cells (1-5)."""
    c = o.cells
    return plan_score(cell_scores(c["service"], c["kind0"], w, o.scores), c["recorded"].to_numpy(dtype=float))


def noncost_of(o: Options, plan: Plan, w: Weights) -> float:
    """The non-cost score of a prepared scenario's cells as it delivers them (1-5)."""
    it = plan.items.set_index("id")
    c = o.cells
    kind = c["id"].map(it["kind1"]).fillna(c["kind0"])
    return plan_score(cell_scores(c["service"], kind, w, o.scores), c["recorded"].to_numpy(dtype=float))


def people_of(pr: Problem, sol: Solution, choice: Choice) -> np.ndarray:
    """(types, H) in-house staff a plan affects: posts its conversions release, and pooling's releases."""
    o = pr.options
    out = o.keep_people + (o.people[list(choice.options)].sum(axis=0) if choice.options else 0.0)
    if choice.pooling:
        out = out + np.einsum("g,gth->th", o.pooling.excess(choice.options), o.pooling.people_per)
    return np.asarray(out)


def evaluate_levers(p: Portfolio, o: Options, levers: Levers | dict[str, Any] | str, alpha: float,
                    items: pd.DataFrame | None = None) -> tuple[Figures, Plan]:
    """A scenario's figures over the options' sample of draws (to set saved scenarios beside a plan)."""
    plan = prepare(p, levers, items)
    return Figures.of(evaluate(plan, o.theta).npv, alpha), plan
