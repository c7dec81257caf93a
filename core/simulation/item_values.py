"""A plan's figures item by item (逐项测算): each item's NPV per draw, its yearly saving, one-time costs
and people at the book's values, and the worth of a tender by its month — the simulator's own
:func:`core.simulation.model.evaluate` on a plan prepared by item, read the way the optimiser needs."""
from __future__ import annotations

import numpy as np

from core.simulation.calendar import event_share
from core.simulation.levers import LEVERS
from core.simulation.model import MAX_FAIL, _compound, evaluate
from core.simulation.plan import DELAY, INPUT_INDEX, Plan

CHUNK = 120_000  # groups × draws evaluated at once: the model's arrays take some 3.5 kB each (~400 MB)
TENDERING = 1  # the kind of one-time cost the optimiser counts by service, not by item


def discount(plan: Plan, theta: np.ndarray) -> np.ndarray:
    """(H, n) each year's discount factor to the start of the first (end-of-year flows), as the model."""
    return 1 / _compound(theta[INPUT_INDEX["discount_rate"]], 1, plan.horizon)


def wage_index(plan: Plan) -> np.ndarray:
    """(H,) the wage index of each simulated year at the book's values (base year = 1)."""
    theta0 = plan.theta0[:, None]
    return _compound(theta0[INPUT_INDEX["wage_growth"]], plan.years[0] - plan.base_year, plan.horizon)[:, 0]


def npv_by_item(plan: Plan, theta: np.ndarray, skip: tuple[str, ...] = ("bundling",)) -> np.ndarray:
    """(items, n) each item's NPV under ``plan`` (tenders left out: they are counted by service; the
    levers ``skip`` too: bundling is valued by service)."""
    groups = len(plan.groups)
    step = max(1, CHUNK // max(1, groups))
    parts = []
    for a in range(0, theta.shape[1], step):
        th = theta[:, a:a + step]
        d = evaluate(plan, th)
        net = _levers(d.by_lever, skip) - d.transition.sum(axis=0) + d.transition[TENDERING]  # (G, H, c)
        parts.append(np.einsum("ghn,hn->gn", net, discount(plan, th)))
    return np.concatenate(parts, axis=1)


def yearly(plan: Plan, skip: tuple[str, ...] = ("bundling",)) -> dict[str, np.ndarray]:
    """Each item's saving, one-time costs (tenders apart) and people released by type, per year, at
    the book's values (the levers ``skip`` left out): ``saving`` (G, H), ``one_time`` (G, H),
    ``people`` (types, G, H)."""
    d = evaluate(plan, plan.theta0[:, None])
    once = d.transition.sum(axis=0) - d.transition[TENDERING]
    keep = [i for i, lever in enumerate(LEVERS) if lever not in skip]
    return {"saving": _levers(d.by_lever, skip)[..., 0], "one_time": once[..., 0],
            "people": d.people[:, keep].sum(axis=1)[..., 0]}


def _levers(by_lever: np.ndarray, skip: tuple[str, ...]) -> np.ndarray:
    """The sum over levers of a (levers, …) array, the levers ``skip`` left out."""
    keep = [i for i, lever in enumerate(LEVERS) if lever not in skip]
    return by_lever[keep].sum(axis=0)


def tender_npv(plan: Plan, theta: np.ndarray, lever: str) -> np.ndarray:
    """(months, n) the present value of one tender of ``lever`` by its onset month: the model's event
    at the onset plus the lever's delay and the expected roll-over of failed tenders, costing the
    tendering cost ÷ (1 − failure rate) (see :mod:`core.simulation.model`)."""
    f = {k: theta[i] for k, i in INPUT_INDEX.items()}
    fail = np.minimum(f["retender_fail_prob"], MAX_FAIL)
    slip = f["retender_delay_months"] / 12 * fail / (1 - fail)
    months = np.arange(12 * plan.horizon + 1)
    t = months[:, None] / 12 + f[DELAY[lever]][None, :] / 12 + slip[None, :]  # (M, n) [years]
    share = event_share(t, plan.horizon)  # (M, H, n)
    cost = f["tendering_cost_per_lot"] / (1 - fail)
    return np.einsum("mhn,hn->mn", share, discount(plan, theta)) * cost[None, :]
