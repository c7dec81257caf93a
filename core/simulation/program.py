"""The whole program (优化模型): the decisions and objective of :mod:`core.simulation.optimiser`, and
the rows of the user's limits: people affected and one-time costs a year, the city's pace of
established posts, lots or vendors per service line, the concentration cap and the non-cost floor.
Each row belongs to its constraint group (:data:`core.simulation.constraints.GROUPS`) and holds the
policy levers' own people and costs (the *keep* plan's) as a constant."""
from __future__ import annotations

import numpy as np

from core.simulation.constraints import Constraints, Settings
from core.simulation.criteria import Weights, cell_scores
from core.simulation.optimiser import HHI_FULL, Problem, formulate
from core.simulation.option_groups import TYPES
from core.simulation.options import Options


def build(o: Options, constraints: Constraints, settings: Settings, weights: Weights,
          rho: np.ndarray | None = None) -> Problem:
    """The whole program for ``o`` under ``constraints`` (``rho``: bundling's worth per m² per service)."""
    pr = formulate(o, constraints, settings, weights, rho)
    _people_and_money(pr)
    _vendor_limits(pr)
    _noncost(pr)
    return pr


def _released(pr: Problem, per: np.ndarray) -> dict[int, list[tuple[int, float]]]:
    """Variables r ≥ what each pooling group releases (``per``: (G, H) per excess worker) when
    pooling is on, by year index: (variable, 1) pairs to add to a year's row."""
    m, pool, x = pr.model, pr.options.pooling, pr.x
    out: dict[int, list[tuple[int, float]]] = {}
    if pr.pool < 0:
        return out
    on = x >= 0
    for gi, _ in pr.pool_groups:
        mine = on & (pool.group_of == gi)
        for yi in np.flatnonzero(per[gi] > 0):
            rate = float(per[gi, yi])
            big = rate * float(pool.excess_max[gi] + max(0.0, -pool.excess_keep[gi]) + np.abs(pool.d_excess[mine]).sum())
            r = int(m.add(1, lb=0.0, ub=big)[0])
            m.row([r, *x[mine], pr.pool], [1.0, *(-rate * pool.d_excess[mine]), -big], lo=rate * pool.excess_keep[gi] - big)
            out.setdefault(int(yi), []).append((r, 1.0))
    return out


def _tender_costs(pr: Problem) -> dict[int, list[tuple[int, float]]]:
    """The tenders' nominal cost [CNY] in the year of their onset: (variable, coefficient) pairs by
    year. A service's first tender falls in month m when w(s, m) − w(s, previous month) is one."""
    o = pr.options
    fail = min(o.book_value("retender_fail_prob"), 0.95)
    cost = o.book_value("tendering_cost_per_lot") / (1 - fail)
    out: dict[int, list[tuple[int, float]]] = {}
    previous: dict[str, int] = {}
    for w, _, month, service in pr.tender_terms:
        out.setdefault(month // 12, []).append((w, cost))
        if service in previous:
            out[month // 12].append((previous[service], -cost))
        previous[service] = w
    b = o.bundling
    for (s, k), y in pr.lots.items():
        out.setdefault(int(b.lot_month[b.services.index(s)]) // 12, []).append((y, cost * k))
    return out


def _people_and_money(pr: Problem) -> None:
    """People affected and one-time costs per year; the city's pace of established posts."""
    o, m, c, x = pr.options, pr.model, pr.constraints, pr.x
    on = x >= 0
    pool = o.pooling
    est = TYPES.index("established")
    if c.people_per_year.enabled:
        released = _released(pr, pool.people_per.sum(axis=1))
        for yi, year in enumerate(o.years):
            per = o.people[:, :, yi].sum(axis=1)
            extra = released.get(yi, [])
            r = m.row([*x[on], *(v for v, _ in extra)], [*per[on], *(a for _, a in extra)],
                      hi=float(c.people_per_year.value or 0.0) + c.extra("people", year) - float(o.keep_people[:, yi].sum()),
                      group="people")
            pr.labels[r] = ("people", year)
    if c.budget_per_year.enabled:
        once = _released(pr, pool.once_per)
        tenders = _tender_costs(pr)
        for yi, year in enumerate(o.years):
            extra = once.get(yi, []) + tenders.get(yi, [])
            r = m.row([*x[on], *(v for v, _ in extra)], [*o.one_time[on, yi], *(a for _, a in extra)],
                      hi=float(c.budget_per_year.value or 0.0) + c.extra("budget", year) - float(o.keep_one_time[yi]),
                      group="budget")
            pr.labels[r] = ("budget", year)
    if c.attrition:
        _attrition(pr, _released(pr, np.cumsum(pool.people_per[:, est, :], axis=1)), est)


def _attrition(pr: Problem, released: dict[int, list[tuple[int, float]]], est: int) -> None:
    """Established posts released by each year (as the model paces each team) ≤ what natural attrition
    frees by then among all the city's established in-house service staff: the redeployed need
    vacancies, and those come from attrition elsewhere (book: ``attrition_established``)."""
    o, m, x = pr.options, pr.model, pr.x
    total = float(o.cells["staff_established"].sum())
    if total <= 0:
        return  # no established posts recorded: nothing to hold back
    rate = o.book_value("attrition_established", default=0.0)
    on = x >= 0
    for yi, year in enumerate(o.years):
        cum = o.people[:, est, : yi + 1].sum(axis=1)
        extra = released.get(yi, [])
        keep = float(o.keep_people[est, : yi + 1].sum())
        r = m.row([*x[on], *(v for v, _ in extra)], [*cum[on], *(a for _, a in extra)],
                  hi=rate * total * (yi + 1) - keep, group="attrition")
        pr.labels[r] = ("attrition", year)


def _vendor_limits(pr: Problem) -> None:
    """At most K lots or vendors per service line; bundled lines within the HHI cap."""
    o, m, c, x = pr.options, pr.model, pr.constraints, pr.x
    if c.hhi_cap.enabled:
        for (s, k), y in pr.lots.items():
            if HHI_FULL / k > float(c.hhi_cap.value or 0.0):
                r = m.row([y], [1.0], hi=0.0, group="hhi")
                pr.labels[r] = ("hhi", s)
    if not c.max_lots.enabled:
        return
    k_max = float(c.max_lots.value or 0.0)
    members = o.vendors.members
    t = o.table
    for s in sorted(set(members["service"]) | set(pr.tender) | {s for s, _ in pr.lots}):
        ys = [(k, v) for (svc, k), v in pr.lots.items() if svc == s]
        vendor_vars = []
        for _vendor, group in members.loc[members["service"] == s].groupby("vendor_id"):
            v = int(m.add(1, lb=0.0, ub=1.0)[0])
            vendor_vars.append(v)
            for cell in group["cell"]:
                opts = pr.x[(t["cell"].to_numpy() == cell) & (pr.x >= 0)]
                bundled = [] if bool(o.cells.at[cell, "restricted"]) else [y for _, y in ys]
                r = m.row([v, *opts, *bundled], np.ones(1 + len(opts) + len(bundled)), lo=1.0, group="max_lots")
                pr.labels[r] = ("max_lots_member", s)
        cols = [*vendor_vars, *([pr.tender[s]] if s in pr.tender else []), *(y for _, y in ys)]
        vals = [*np.ones(len(vendor_vars)), *([1.0] if s in pr.tender else []), *(float(k) for k, _ in ys)]
        r = m.row(cols, vals, hi=k_max, group="max_lots")
        pr.labels[r] = ("max_lots", s)
    del x


def _noncost(pr: Problem) -> None:
    o, m, c, t, x = pr.options, pr.model, pr.constraints, pr.options.table, pr.x
    if not c.noncost_floor.enabled:
        return
    cells = o.cells
    keep = cell_scores(cells["service"], cells["kind0"], pr.weights, o.scores)
    opt = cell_scores(t["service"], t["to"], pr.weights, o.scores)
    cost = cells["recorded"].to_numpy(dtype=float)
    scored = ~np.isnan(keep) & (cost > 0)
    weight = cost / cost[scored].sum() if scored.any() else cost * 0
    cell = t["cell"].to_numpy()
    gain = np.where(scored[cell], weight[cell] * (np.nan_to_num(opt) - np.nan_to_num(keep)[cell]), 0.0)
    on = x >= 0
    now = float((weight[scored] * keep[scored]).sum())
    r = m.row(x[on], gain[on], lo=float(c.noncost_floor.value or 0.0) - now, group="noncost")
    pr.labels[r] = ("noncost", None)


