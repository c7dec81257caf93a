"""Why the plan is what it is (方案说明): which constraints conflict when there is no plan, which bind
when there is one, what relaxing each would be worth, and each cell's choice against its next best.

- Conflict: a deletion filter over the constraint groups (Chinneck's method at the level a leader
  thinks in): drop each group in turn and solve for any plan; a group whose removal leaves the rest
  still infeasible is not needed for the conflict and stays dropped. What remains is a set of
  groups that cannot all hold, and each one of them is needed for that.
- Binding: a row group whose rows are at their bound, or a group of barred options one of which is
  worth more than its cell's choice.
- Worth of relaxing: the program solved again with that one constraint relaxed by a step a leader
  can picture (10 万元 more budget in the year it binds, a few more people, one more lot…).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.simulation.constraints import ALWAYS_ON, Constraints, Limit
from core.simulation.milp import Solution
from core.simulation.optimiser import Choice, Problem
from core.simulation.options import Options
from core.simulation.program import build

BUDGET_STEP = 100_000.0  # CNY: "10 万元 more transition budget"
RELAX_MAX = 12  # re-solves for the worth of relaxing, at most


def diagnose(pr: Problem, time_limit: float = 10.0) -> tuple[str, ...]:
    """The constraint groups that cannot all hold (a minimal set), or () when the program is
    infeasible without any of them (which the model does not allow to happen)."""
    m = pr.model
    a = m.matrix()
    groups = sorted(m.groups(), key=lambda g: (g in ALWAYS_ON, g))
    # structural rows have no group: they are never dropped
    keep = list(groups)
    if m.solve(off=keep, feasibility=True, time_limit=time_limit, matrix=a).status == "infeasible":
        return ()
    for g in groups:
        trial = [x for x in keep if x != g]
        off = [x for x in groups if x not in trial]
        if m.solve(off=off, feasibility=True, time_limit=time_limit, matrix=a).status == "infeasible":
            keep = trial
    return tuple(keep)


def binding(pr: Problem, sol: Solution, choice: Choice, tol: float = 1e-6) -> tuple[tuple[str, object], ...]:
    """The constraints that hold the plan back: rows (by group and year or service) at their bound or
    without room for some worthwhile option the plan leaves out, and groups of barred options one of
    which is worth more than its cell's choice."""
    assert sol.x is not None
    m = pr.model
    a = m.matrix()
    act = m.activity(sol.x, a)
    gain = np.concatenate(m.c)
    on = pr.x >= 0
    gain[pr.x[on]] = pr.options.npv_mean()[on]  # an option's worth whatever the objective weighs
    idle = (sol.x < 0.5) & (gain > 0)  # options (and lots, pooling) left out that would add on their own
    out: list[tuple[str, object]] = []
    for r, (group, key) in sorted(pr.labels.items()):
        if group.endswith("_member"):
            continue
        lo, hi = m.row_lo[r], m.row_hi[r]
        row = a[[r], :].toarray()[0]
        if np.isfinite(hi):
            room = hi - act[r]
            need = row[idle & (row > 0)]
        else:
            room = act[r] - lo
            need = -row[idle & (row < 0)]
        scale = max(1.0, abs(hi) if np.isfinite(hi) else abs(lo))
        if room <= tol * scale or (need.size and (need > room + tol * scale).any()):
            if group == "hhi" and sol.x[[v for (s, _), v in pr.lots.items() if s == key]].sum() < 0.5:
                continue  # an unbundled service is not held back by the cap on lots
            out.append((group, key))
    value = pr.options.npv_mean()
    chosen = _chosen_value(pr.options, choice)
    for group, barred in pr.blocked.items():
        if group in ALWAYS_ON or group.startswith("force:"):
            continue
        cells = pr.options.table.loc[barred, "cell"].to_numpy()
        if (value[barred] > chosen[cells] + 1.0).any():
            out.append((group, None))
    return tuple(dict.fromkeys(out))


def _chosen_value(o: Options, choice: Choice) -> np.ndarray:
    """Each cell's chosen option's expected NPV against keeping it (0 where kept)."""
    v = np.zeros(len(o.cells))
    value = o.npv_mean()
    for j in choice.options:
        v[int(o.table.at[j, "cell"])] = value[j]
    return v


@dataclass(frozen=True)
class Relaxation:
    """What relaxing one constraint would be worth."""

    group: str
    key: object  # the year, service or cell it concerns (None: the whole group)
    step: float  # how much it is relaxed (CNY, people, lots, points…; 0: switched off)
    gain: float  # change in the objective [CNY]
    status: str  # of the re-solve


def relaxations(pr: Problem, sol: Solution, choice: Choice, found: tuple[tuple[str, object], ...],
                progress: Callable[[float], object] | None = None) -> tuple[Relaxation, ...]:
    """For each binding constraint, the objective gained by relaxing it one step (re-solved)."""
    out: list[Relaxation] = []
    per_year = ("people", "budget")  # relaxed in the year that binds; any other group as a whole, once
    todo = list(dict.fromkeys((g, k if g in per_year else None) for g, k in found if g not in ALWAYS_ON))[:RELAX_MAX]
    for i, (group, key) in enumerate(todo):
        c, step = _relaxed(pr.constraints, group, key)
        if c is None:
            continue
        again = build(pr.options, c, pr.settings, pr.weights, rho=pr.rho)
        s = again.model.solve(time_limit=pr.settings.time_limit, gap=pr.settings.mip_rel_gap)
        gain = s.objective - sol.objective if s.found else float("nan")
        out.append(Relaxation(group, key, step, max(gain, 0.0) if s.found else gain, s.status))
        if progress:
            progress((i + 1) / len(todo))
    return tuple(out)


def _relaxed(c: Constraints, group: str, key: object) -> tuple[Constraints | None, float]:
    """The constraints with ``group`` relaxed one step, and the step."""

    def limit(field: str, step: float, down: bool = False) -> tuple[Constraints, float]:
        old: Limit = getattr(c, field)
        value = float(old.value or 0.0)
        new = max(0.0, value - step) if down else value + step
        return c.model_copy(update={field: old.model_copy(update={"value": new})}), step

    if group == "people" and isinstance(key, int):
        step = max(1.0, round(0.2 * float(c.people_per_year.value or 0.0)))
        return c.model_copy(update={"extra_people": (*c.extra_people, (key, step))}), step
    if group == "budget" and isinstance(key, int):
        return c.model_copy(update={"extra_budget": (*c.extra_budget, (key, BUDGET_STEP))}), BUDGET_STEP
    if group == "max_lots":
        return limit("max_lots", 1.0)
    if group == "hhi":
        return limit("hhi_cap", 500.0)
    if group == "noncost":
        return limit("noncost_floor", 0.1, down=True)
    if group == "vendor_quality":
        return (limit("vendor_quality", 5.0, down=True) if c.vendor_quality.value is not None else
                (c.model_copy(update={"vendor_quality": Limit(enabled=False)}), 0.0))
    if group in ("hurdle", "contract_ends", "attrition"):
        off: object = Limit(enabled=False) if group == "hurdle" else False
        return c.model_copy(update={group: off}), 0.0
    if group.startswith("lock:"):
        b, s = group.removeprefix("lock:").split("|")
        return c.model_copy(update={"locks": tuple(x for x in c.locks if (x.building, x.service.value) != (b, s))}), 0.0
    return None, 0.0


def why(pr: Problem, sol: Solution, choice: Choice, found: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    """Each cell: its choice, the next best delivery and by how much the choice beats it (expected
    NPV [CNY]), and the constraint that holds it back where a better option is barred.

    Columns: ``cell``, ``building``, ``service``, ``now`` (today's delivery), ``to`` (the choice; = now when kept),
    ``value`` (of the choice, against keeping), ``next`` (the next best delivery), ``margin``,
    ``binding`` (a group, or "" when nothing better is barred), ``better`` (that better delivery)
    and ``forgone`` (what it would add)."""
    o = pr.options
    t = o.table
    value = o.npv_mean()
    chosen = _chosen_value(o, choice)
    barred = np.full(len(t), "", dtype=object)
    for group, idx in pr.blocked.items():
        barred[idx] = np.where(barred[idx] == "", group, barred[idx])
    rows_bind = {g for g, _ in found}
    rows = []
    by_cell = t.assign(v=value, barred=barred).groupby("cell")
    for cell, opts in by_cell:
        c = o.cells.loc[cell]
        to = choice.chosen.get(int(str(cell)), c["kind0"])
        alternatives = [(c["kind0"], 0.0, "")] + [(r.to, r.v, r.barred) for r in opts.itertuples()]
        others = [a for a in alternatives if a[0] != to]
        allowed = [a for a in others if a[2] == ""]
        nxt = max(allowed or others, key=lambda a: a[1])
        better = [a for a in others if a[1] > chosen[cell] + 1.0]
        reason, best, forgone = "", "", 0.0
        if better:
            top = max(better, key=lambda a: a[1])
            reason = top[2] or next(iter(sorted(rows_bind - set(ALWAYS_ON))), "")
            best, forgone = top[0], top[1] - chosen[cell]
        rows.append((int(str(cell)), c["building"], c["service"], c["kind0"], to, chosen[cell], nxt[0],
                     chosen[cell] - nxt[1], reason, best, forgone))
    return pd.DataFrame(rows, columns=["cell", "building", "service", "now", "to", "value", "next", "margin", "binding",
                                       "better", "forgone"])
