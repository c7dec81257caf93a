"""The consolidation simulator (整合模拟): a scenario's levers → what unified management would save, when,
how surely, and whom it affects.

A scenario is a JSON document of levers (:class:`Levers`). :func:`core.simulation.plan.prepare` reads
the portfolio once and turns the levers into a :class:`Plan`: which conversions count, which buildings
form which procurement lots, which staff pool together, and the flows of money each lever moves, by
onset (:mod:`core.simulation.flows`). Then ONE function, :func:`evaluate`, maps the factors of the
assumption book (a matrix: one row per factor of :data:`MODEL_INPUTS`, one column per draw) to the
saving of every lever in every year, the one-time costs of every year and the people released by type
and year. The deterministic result (:func:`run`) is that function at the book's values; the Monte
Carlo of :mod:`core.simulation.risk` is the same function at sampled values, so the two cannot drift.

**Baseline** (the do-nothing path): the scope's full cost (:mod:`core.domain.costing`) in the base
year, the latest year of the ledger, with the book's current factors. Lines driven by labour (wages,
on-costs, vendor fees and margins, VAT, indirect cost — contract administration included, even on
materials) grow with ``wage_growth``, the others (materials, energy, repairs, depreciation) with
``price_inflation``, both from the base year; each saving grows with the lines it comes from.

**Levers** (:mod:`core.simulation.flows`) act in a fixed order, each on the cost the ones before leave,
so no yuan is saved twice at full effect: mode conversion (a conversion counts only if its expected
saving beats the minimum conversion differential, OMB A-76; restricted items never go to a vendor),
unified management, fee cap (vendor fees only), staffing standard, bundled procurement, staff pooling,
energy management, quality gate. The waterfall reports each lever's annual saving at full effect and
base-year prices, times its realisation share.

**When** (:mod:`core.simulation.calendar`): a vendor's price changes at its contract's end or review
date; a conversion from a vendor at the contract's end, an in-house one once the lever's delay has
passed; unified management and energy after a set-up period, on a ramp. Every lever's start slips by
its own uncertain delay (``delay_<lever>``, months). A tender can fail (《政府采购法》 art. 36) with
probability ``retender_fail_prob``; the old contract then rolls over at the old price for
``retender_delay_months`` and the tender is run again: the expected slip is that many months ×
p / (1 − p), and the expected number of tenders 1 / (1 − p) (p is held below 0.95).

**How surely**: each lever's saving is scaled by its realisation share (``realisation_<lever>``, the
evidence in the book's sources: GAO, NAO). Both are factors of the book, so the Monte Carlo, the
tornado and the Sobol indices include them.

**People** (:mod:`core.simulation.people`): released contract and dispatched staff leave when their
lever starts (compensation and hand-back then, one-time costs); established and protected staff go
by attrition and redeployment, at ``attrition_established`` of their team and ``redeployment_rate``
of the surplus a year, and cost what they did until then.

**One-time costs** fall in the year of their event: compensation and hand-back of released staff,
tenders (one per lot, one per service contracted out), and a hand-over overlap of
``handover_overlap_months`` of the outgoing service's cost.

**NPV** discounts each year's net flow to the start of the first year at ``discount_rate``
(end-of-year flows). The payback year is the first in which the cumulative net saving is positive.
The scenario **beats the hurdle** when its NPV exceeds the present value of the counted conversions'
minimum differentials (each from its conversion's start) and each counted conversion's expected
saving exceeds its own differential.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.simulation.blocks import Mult
from core.simulation.calendar import event_share, ramp_share, reached, step_share
from core.simulation.levers import LEVERS, Levers
from core.simulation.people import TYPES
from core.simulation.plan import DELAY, INPUT_INDEX, RAMP, REALISATION, TRANSITION_KINDS, Plan, prepare
from core.store.repo import Portfolio

MAX_FAIL = 0.95  # a tender that always fails would never end: the probability is held below this
FULL_EFFECT = 0.995  # a saving is "in full effect" from the first year it reaches this share of its full size


def multipliers(f: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The named factor terms flows are linear in, for factor rows ``f`` (each (n,))."""
    oc1, oh, sup, ca = 1 + f["on_cost_rate"], f["overhead_rate"], f["supervision_rate"], f["contract_admin_rate"]
    mpf = f["market_price_factor"]
    lo_new = oc1 * (1 + f["management_fee_rate"]) * (1 + f["vat_rate"])  # a new labour-only fee per unit of wages
    fail = np.minimum(f["retender_fail_prob"], MAX_FAIL)
    rho = {f"rho:{lever}": f[REALISATION[lever]] for lever in LEVERS}
    return rho | {
        "ih": oc1 * (1 + oh), "lo_sup": 1 + sup, "ct_admin": 1 + ca, "ca": ca, "lo_new": lo_new * (1 + sup),
        "ct_new": mpf * (1 + ca), "hurdle_ih": f["hurdle_rate"] * oc1, "hurdle": f["hurdle_rate"],
        "fee_ih": oc1, "fee_lo_new": lo_new, "fee_ct_new": mpf,
        "ind_ih": oh * oc1, "ind_lo": sup, "ind_lo_new": sup * lo_new, "ind_ct": ca, "ind_ct_new": ca * mpf,
        "umr": f["unified_mgmt_saving_rate"], "energy_rate": f["energy_saving_rate"],
        "pool_rho": f[REALISATION["staff_pooling"]], "handover": f["handover_overlap_months"] / 12,
        "dispatch": f["dispatch_return_months"], "tender_cost": f["tendering_cost_per_lot"] / (1 - fail),
    }


def _product(mu: dict[str, np.ndarray], mult: Mult, n: int) -> np.ndarray:
    out = np.ones(n)
    for name in mult:
        out = out * mu[name]
    return out


# --- the model: one function of the factors -------------------------------------------------------
@dataclass(frozen=True)
class Draws:
    """The scenario under n sets of factor values (last axis), by group (axis after the lever or kind).
    Money in CNY: ``lever_saving`` at base-year prices and full effect, yearly figures in each year's prices."""

    lever_saving: np.ndarray  # (L, n) annual saving at full effect, realised, by lever [CNY/yr, base-year prices]
    by_lever: np.ndarray  # (L, G, H, n) saving in each year, by lever
    transition: np.ndarray  # (3, G, H, n) one-time costs in each year, by kind (TRANSITION_KINDS)
    people: np.ndarray  # (3, L, G, H, n) people released in each year, by type (people.TYPES) and lever
    hurdle: np.ndarray  # (G, H, n) the counted conversions' minimum differentials in each year
    base_labour: np.ndarray  # (n,) the scope's base-year full cost that grows with wages
    base_price: np.ndarray  # (n,) and with prices
    wages: np.ndarray  # (H, n) wage index of each simulated year (base year = 1)
    prices: np.ndarray  # (H, n) price index
    npv: np.ndarray  # (n,) NPV of the saving less one-time costs
    hurdle_npv: np.ndarray  # (n,) present value of the minimum differentials
    beats: np.ndarray  # (n,) bool: beats the hurdle

    @property
    def base_cost(self) -> np.ndarray:
        """(n,) the scope's full cost in the base year."""
        return self.base_labour + self.base_price

    @property
    def baseline(self) -> np.ndarray:
        """(H, n) the scope's full cost per year without the scenario."""
        return self.base_labour * self.wages + self.base_price * self.prices

    @property
    def saving(self) -> np.ndarray:
        """(H, n) gross saving per year."""
        return self.by_lever.sum(axis=(0, 1))

    @property
    def one_time(self) -> np.ndarray:
        """(H, n) one-time costs per year."""
        return self.transition.sum(axis=(0, 1))

    @property
    def net(self) -> np.ndarray:
        """(H, n) saving less one-time costs."""
        return self.saving - self.one_time


def evaluate(plan: Plan, theta: np.ndarray) -> Draws:
    """The scenario's savings, costs and people for factor values ``theta`` (len(MODEL_INPUTS) × n):
    a few array operations over the plan's flows, whatever the size of the city (see the module docstring)."""
    f = {k: theta[i] for k, i in INPUT_INDEX.items()}
    n, horizon, groups, levers = theta.shape[1], plan.horizon, len(plan.groups), len(LEVERS)
    mu = multipliers(f)
    rho = np.stack([f[REALISATION[lever]] for lever in LEVERS])  # (L, n)
    delay = np.stack([f[DELAY[lever]] / 12 for lever in LEVERS])  # (L, n) [years]
    fail = np.minimum(f["retender_fail_prob"], MAX_FAIL)
    slip = f["retender_delay_months"] / 12 * fail / (1 - fail)  # expected roll-over after failed tenders [years]

    # every flow of the plan: multipliers summed per timing row and channel, then spread over the years
    lever_t, tender_t, onset_t = plan.timing
    t = onset_t[:, None] + delay[lever_t] + np.where(tender_t[:, None], slip[None, :], 0.0)  # (T, n) [years]
    mults = np.stack([_product(mu, m, n) for m in plan.mults]) if plan.mults else np.zeros((0, n))
    out = np.zeros((plan.channels.size, horizon, n))
    at_full = np.zeros((plan.channels.size, n))
    for (stream, table), step in ((plan.steps, True), (plan.events, False)):
        if stream.size:
            pairs = np.add.reduceat(stream.amount[:, None] * mults[stream.mult], stream.sums, axis=0)[stream.order]
            share = step_share if step else event_share
            spread = pairs[:, None, :] * share(t[stream.row[stream.order]], horizon)  # (P, H, n)
            out[stream.used] += np.add.reduceat(spread, stream.starts, axis=0)
            at_full[stream.used] += np.add.reduceat(pairs, stream.starts, axis=0)
        for lever, tender, sl in table.classes():  # each lever's start slips alike for all its flows
            months = np.minimum(np.maximum(12 * (delay[lever] + (slip if tender else 0.0)), 0.0), 12 * horizon)
            below = np.floor(months)
            spread = np.take(table.table[sl], below.astype(np.intp), axis=2)  # (Q, H, n)
            if step:  # exact between whole months: the shares are linear there
                above = np.take(table.table[sl], below.astype(np.intp) + 1, axis=2)
                above -= spread
                above *= months - below
                spread += above
            m = mults[table.mult[sl]]  # (Q, n)
            spread *= m[:, None, :]
            for q, channel in enumerate(table.channel[sl]):
                out[channel] += spread[q]
                at_full[channel] += table.total[sl][q] * m[q]
    parts = plan.channels.split(out)
    saving = parts["saving"]  # (L, 2, G, H, n) base-year prices
    full = plan.channels.split(at_full)["saving"].sum(axis=(1, 2))  # (L, n)
    people = np.zeros((len(TYPES), levers, groups, horizon, n))
    people[1:] = parts["leavers"]

    a = plan.attrition
    if a.size:
        t_a = a.onset[:, None] + delay[a.lever] + np.where(a.tender[:, None], slip[None, :], 0.0)  # (R, n)
        pace = f["attrition_established"] * a.base[:, None] + f["redeployment_rate"] * a.posts[:, None]  # posts/yr
        length = np.where(pace > 0, a.posts[:, None] / np.where(pace > 0, pace, 1.0), np.inf)  # [years]
        scale = np.where(a.realised[:, None], rho[a.lever], 1.0)  # (R, n)
        cost = a.wages[:, None] * mu["ih"] * scale  # (R, n) [CNY/yr] once all are released
        lever, group = a.lever[a.starts], a.group[a.starts]  # rows come sorted by lever and group
        saving[lever, 0, group] += np.add.reduceat(cost[:, None, :] * ramp_share(t_a, length, horizon), a.starts)
        full[np.unique(lever)] += np.add.reduceat(cost, a.lever_starts)
        done = reached(t_a, length, horizon)  # share released by the end of each year
        gone = np.diff(done, axis=1, prepend=0.0) * (a.posts[:, None] * scale)[:, None, :]
        people[0, lever, group] += np.add.reduceat(gone, a.starts)

    for r in plan.ramps:
        m = np.stack([_product(mu, mult, n) for mult in r.mults])
        w = np.einsum("dgk,kn->dgn", r.amounts, m)
        saving[r.lever] += w[:, :, None, :] * ramp_share(delay[r.lever], f[RAMP[LEVERS[r.lever]]] / 12, horizon)
        full[r.lever] += w.sum(axis=(0, 1))

    c = plan.curve
    if c is not None:
        scale_m2 = np.maximum(f["bundling_scale_m2"], 1.0)  # [m²]; a break-even search may try zero
        curve = np.einsum("ru,un->rn", c.weights, np.exp(-c.areas[:, None] / scale_m2))  # (R, n); einsum: no BLAS threads
        rows = curve * (f["bundling_max_saving"] * mults[c.mult])  # (R, n), sorted by group and timing row
        pairs = np.add.reduceat(rows, c.sums, axis=0)  # (P, n) by group and timing row
        spread = pairs[:, None, :] * step_share(t[c.pair_row], horizon)
        saving[c.lever, 0, c.group[c.starts]] += np.add.reduceat(spread, c.pair_starts, axis=0)
        full[c.lever] += rows.sum(axis=0)

    first = plan.years[0] - plan.base_year
    wages = _compound(f["wage_growth"], first, horizon)  # (H, n) index from the base year
    prices = _compound(f["price_inflation"], first, horizon)
    by_lever = saving[:, 0] * wages + saving[:, 1] * prices
    once = parts["once"]
    transition = once[:, 0] * wages + once[:, 1] * prices + once[:, 2]
    hurdle = parts["hurdle"] * wages
    disc = 1 / _compound(f["discount_rate"], 1, horizon)  # end of each year, to the start of the first
    net = by_lever.sum(axis=(0, 1)) - transition.sum(axis=(0, 1))
    npv = (net * disc).sum(axis=0)
    hurdle_npv = (hurdle.sum(axis=0) * disc).sum(axis=0)
    sums = plan.sums
    oc1, oh, sup, ca = 1 + f["on_cost_rate"], f["overhead_rate"], f["supervision_rate"], f["contract_admin_rate"]
    base_labour = (oc1 * (1 + oh) * sums["base_ih_wages"] + (1 + sup) * sums["base_lo_fee"]
                   + (1 + ca) * sums["base_ct_fee"] + ca * sums["base_ct_materials"] + sums["base_fixed_labour"])
    base_price = sums["base_price"] + sums["base_ct_materials"] * np.ones(n)
    return Draws(lever_saving=full, by_lever=by_lever, transition=transition, people=people, hurdle=hurdle,
                 base_labour=base_labour, base_price=base_price, wages=wages, prices=prices, npv=npv,
                 hurdle_npv=hurdle_npv, beats=(npv > hurdle_npv) & (_margin(plan, mu, rho, n) > 0))


def _margin(plan: Plan, mu: dict[str, np.ndarray], rho: np.ndarray, n: int) -> np.ndarray:
    """(n,) the smallest expected saving less differential of the counted conversions (∞ without any)."""
    if not plan.n_conversions:
        return np.full(n, np.inf)
    from core.simulation.conversions import BASIS

    basis = np.stack([_product(mu, () if b == "one" else (b,), n) for b in BASIS])  # (B, n)
    c = plan.conv
    saving = (c["old_labour"] + c["old_price"] - c["new_labour"] - c["new_price"]) @ basis
    return (saving * rho[LEVERS.index("conversion")] - c["differential"] @ basis).min(axis=0)


def _compound(rate: np.ndarray, first: int, years: int) -> np.ndarray:
    """(1 + rate) ** (first + k) for k = 0 … years − 1, as a (years, n) array (running products)."""
    step = 1 + rate
    out = np.empty((years, rate.shape[0]))
    out[0] = step ** first if first != 1 else step
    for k in range(1, years):
        out[k] = out[k - 1] * step
    return out


# --- the deterministic result ---------------------------------------------------------------------
@dataclass(frozen=True)
class Result:
    """The scenario at the book's values: cost paths, savings by lever and year, one-time costs, people,
    NPV, payback, the waterfall at full effect."""

    plan: Plan
    base_cost: float  # full cost of the scope in the base year [CNY/yr]
    baseline: np.ndarray  # (H,) full cost of the scope without the scenario [CNY/yr]
    by_lever: np.ndarray  # (L, H) saving by lever and year [CNY]
    one_time: np.ndarray  # (H,) one-time costs [CNY]
    transition_by_year: np.ndarray  # (3, H) one-time costs by kind and year [CNY]
    people: np.ndarray  # (3, L, H) people released by type, lever and year [persons]
    npv: float  # NPV of the net saving [CNY]
    hurdle_npv: float  # present value of the minimum conversion differentials [CNY]
    beats_hurdle: bool
    waterfall: pd.DataFrame  # lever, saving [CNY/yr at base-year prices, full effect], for the levers used
    full_effect: np.ndarray  # (L,) annual saving at full effect [CNY/yr, base-year prices]
    in_effect: np.ndarray  # (H,) share of the full-effect saving reached in each year (at base-year prices)

    @property
    def years(self) -> tuple[int, ...]:
        """The simulated years."""
        return self.plan.years

    @property
    def saving(self) -> np.ndarray:
        """(H,) gross saving per year [CNY]."""
        return self.by_lever.sum(axis=0)

    @property
    def net(self) -> np.ndarray:
        """Saving less transition costs, per year [CNY]."""
        return self.saving - self.one_time

    @property
    def scenario(self) -> np.ndarray:
        """The scope's cost per year under the scenario, transition costs included [CNY]."""
        return self.baseline - self.net

    @property
    def annual_saving(self) -> float:
        """Annual saving at full effect and base-year prices [CNY/yr] (the waterfall's total)."""
        return float(self.waterfall["saving"].sum())

    @property
    def payback_year(self) -> int | None:
        """The first year in which the cumulative net saving is positive (None if never)."""
        return payback(self.net, self.years)

    @property
    def transition(self) -> dict[str, float]:
        """One-time costs by kind over the horizon [CNY]."""
        return {k: float(self.transition_by_year[i].sum()) for i, k in enumerate(TRANSITION_KINDS)}

    @property
    def transition_total(self) -> float:
        """All one-time costs [CNY]."""
        return float(self.one_time.sum())

    @property
    def full_effect_year(self) -> int | None:
        """The first year in which the saving reaches its full effect (None: not within the horizon)."""
        hit = np.flatnonzero(self.in_effect >= FULL_EFFECT)
        return int(self.years[hit[0]]) if hit.size and self.annual_saving > 0 else None

    @property
    def people_by_type(self) -> np.ndarray:
        """(3, H) people released by type (people.TYPES) and year [persons]."""
        return self.people.sum(axis=1)


def payback(net: np.ndarray, years: tuple[int, ...]) -> int | None:
    """The first of ``years`` in which the cumulative ``net`` saving is positive, or None."""
    above = np.flatnonzero(np.cumsum(net) > 0)
    return int(years[above[0]]) if above.size else None


def run(plan: Plan) -> Result:
    """The scenario at the assumption book's values."""
    d = evaluate(plan, plan.theta0[:, None])
    used = plan.levers.enabled()
    full = d.lever_saving[:, 0]
    waterfall = pd.DataFrame({"lever": list(used), "saving": [float(full[LEVERS.index(k)]) for k in used]})
    real = d.by_lever.sum(axis=1)[:, :, 0]  # (L, H)
    # the share in effect: each year's saving at base-year prices, over the full-effect total
    total = float(full.sum())
    in_effect = _deflate(plan) / total if abs(total) > 1e-9 else np.zeros(plan.horizon)
    return Result(
        plan=plan, base_cost=float(d.base_cost[0]), baseline=d.baseline[:, 0], by_lever=real,
        one_time=d.one_time[:, 0], transition_by_year=d.transition.sum(axis=1)[:, :, 0],
        people=d.people.sum(axis=2)[..., 0], npv=float(d.npv[0]), hurdle_npv=float(d.hurdle_npv[0]),
        beats_hurdle=bool(d.beats[0]), waterfall=waterfall, full_effect=full, in_effect=in_effect,
    )


def _deflate(plan: Plan) -> np.ndarray:
    """(H,) the yearly saving at the book's values and base-year prices: the same evaluation with wages
    and prices held at their base-year level."""
    theta = plan.theta0.copy()
    for key in ("wage_growth", "price_inflation"):
        theta[INPUT_INDEX[key]] = 0.0
    flat = evaluate(plan, theta[:, None])
    return flat.by_lever.sum(axis=(0, 1))[:, 0]


def simulate(p: Portfolio, levers: Levers | dict[str, Any] | str) -> Result:
    """Prepare and run a scenario at the book's values (the deterministic result)."""
    return run(prepare(p, levers))
