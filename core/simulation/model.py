"""The consolidation simulator (整合模拟): a scenario's levers → what unified management would save, when,
how surely, and whom it affects.

A scenario is a JSON document of levers (:class:`Levers`). :func:`core.simulation.plan.prepare` reads
the portfolio once and turns the levers into a :class:`Plan`: which conversions count, which buildings
form which procurement lots, which staff pool together, and the flows of money each lever moves, by
onset (:mod:`core.simulation.flows`). Then ONE function, :func:`evaluate`, maps the factors of the
assumption book (a matrix: one row per factor of :data:`MODEL_INPUTS`, one column per draw) to the
saving of every lever in every year, the one-time costs of every year and the people released by type
and year. The deterministic result (:func:`run`) is that function at the book's values; the Monte
Carlo of :mod:`core.simulation.risk` asks for the same function's totals over all groups
(:func:`totals`) at sampled values. Both place the plan's flows, compiled once into slots
(:mod:`core.simulation.slots`), with the same kernel (:mod:`core.simulation.kernel`), so the two cannot
drift.

**Baseline** (the do-nothing path): the scope's full cost (:mod:`core.domain.costing`) in the base
year, the latest year of the ledger, with the book's current factors. Lines driven by labour (wages,
on-costs, vendor fees and margins, VAT, and the indirect cost charged on them) grow with ``wage_growth``,
the others (materials — with the administration charged on them — energy, repairs, depreciation) with
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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.simulation import kernel, slots
from core.simulation.blocks import HURDLE, ONCE, PEOPLE, SAVING
from core.simulation.kernel import Terms
from core.simulation.levers import LEVERS, Levers
from core.simulation.people import TYPES
from core.simulation.plan import DELAY, INPUT_INDEX, REALISATION, TRANSITION_KINDS, Plan, prepare
from core.store.repo import Portfolio

MAX_FAIL = 0.95  # a tender that always fails would never end: the probability is held below this
_RHO_ROWS = slice(INPUT_INDEX[REALISATION[LEVERS[0]]], INPUT_INDEX[REALISATION[LEVERS[-1]]] + 1)  # each lever's realisation
_DELAY_ROWS = slice(INPUT_INDEX[DELAY[LEVERS[0]]], INPUT_INDEX[DELAY[LEVERS[-1]]] + 1)  # and delay [months], in lever order
assert [INPUT_INDEX[REALISATION[lv]] for lv in LEVERS] == list(range(len(INPUT_INDEX)))[_RHO_ROWS]
assert [INPUT_INDEX[DELAY[lv]] for lv in LEVERS] == list(range(len(INPUT_INDEX)))[_DELAY_ROWS]
FULL_EFFECT = 0.995  # a saving is "in full effect" from the first year it reaches this share of its full size


def multipliers(f: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The named factor terms flows are linear in, for factor rows ``f`` (each (n,))."""
    oc1, oh, sup, ca = 1 + f["on_cost_rate"], f["overhead_rate"], f["supervision_rate"], f["contract_admin_rate"]
    mpf = f["market_price_factor"]
    lo_new = oc1 * (1 + f["management_fee_rate"]) * (1 + f["vat_rate"])  # a new labour-only fee per unit of wages
    fail = np.minimum(f["retender_fail_prob"], MAX_FAIL)
    rho = {f"rho:{lever}": f[REALISATION[lever]] for lever in LEVERS}
    return rho | {
        "ih": oc1 * (1 + oh), "lo_sup": 1 + sup, "ct_admin": 1 + ca, "lo_new": lo_new * (1 + sup),
        "ct_new": mpf * (1 + ca), "hurdle_ih": f["hurdle_rate"] * oc1, "hurdle": f["hurdle_rate"],
        "fee_ih": oc1, "fee_lo_new": lo_new, "fee_ct_new": mpf,
        "ind_ih": oh * oc1, "ind_lo": sup, "ind_lo_new": sup * lo_new, "ind_ct": ca, "ind_ct_new": ca * mpf,
        "umr": f["unified_mgmt_saving_rate"], "energy_rate": f["energy_saving_rate"],
        "pool_rho": f[REALISATION["staff_pooling"]], "handover": f["handover_overlap_months"] / 12,
        "dispatch": f["dispatch_return_months"], "tender_cost": f["tendering_cost_per_lot"] / (1 - fail),
    }


def terms(plan: Plan, theta: np.ndarray | Mapping[str, np.ndarray]) -> Terms:
    """The factor terms that the plan's flows are linear in, for the draws ``theta``: a matrix
    (len(MODEL_INPUTS) × n) or each factor's row by name."""
    if isinstance(theta, np.ndarray):
        f = {k: theta[i] for k, i in INPUT_INDEX.items()}
        rho, delay = theta[_RHO_ROWS], theta[_DELAY_ROWS]  # consecutive rows: views
    else:
        f = dict(theta)
        rho, delay = (np.stack([f[key[lever]] for lever in LEVERS]) for key in (REALISATION, DELAY))
    n = f["wage_growth"].shape[0]
    fail = np.minimum(f["retender_fail_prob"], MAX_FAIL)
    t = Terms(f=f, mu=multipliers(f), mults=np.empty((len(plan.mults), n)), rho=rho, delay=delay / 12,  # [years]
              slip=f["retender_delay_months"] / 12 * fail / (1 - fail))  # expected roll-over after failed tenders [years]
    for i, m in enumerate(plan.mults):
        t.product(m, out=t.mults[i])
    return t


# --- the model: one function of the factors -------------------------------------------------------
@dataclass(frozen=True)
class Draws:
    """The scenario under n sets of factor values (last axis), by group (axis after the lever or kind).
    Money in CNY: ``lever_saving`` at base-year prices and full effect, yearly figures in each year's prices."""

    lever_saving: np.ndarray  # (L, n) annual saving at full effect, realised, by lever [CNY/yr, base-year prices]
    by_group: np.ndarray  # (L, G, n) the same by group
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
    """The scenario's savings, costs and people for factor values ``theta`` (len(MODEL_INPUTS) × n), by
    lever, kind and group: a few array operations over the plan's flows (:mod:`core.simulation.kernel`),
    whatever the size of the city (see the module docstring)."""
    tm = terms(plan, theta)
    f, n, horizon, groups, levers = tm.f, tm.n, plan.horizon, len(plan.groups), len(LEVERS)
    prog = slots.program(plan)
    acc, at_full = kernel.place(prog, plan, tm)
    kind, a, b, g = prog.keys.T
    saving = np.zeros((levers, 2, groups, horizon, n))  # base-year prices
    full = np.zeros((levers, 2, groups, n))
    once = np.zeros((len(TRANSITION_KINDS), 3, groups, horizon, n))
    hurdle = np.zeros((groups, horizon, n))
    people = np.zeros((len(TYPES), levers, groups, horizon, n))
    at = kind == SAVING
    saving[a[at], b[at], g[at]] = acc[at]
    full[a[at], b[at], g[at]] = at_full[at]
    at = kind == ONCE
    once[a[at], b[at], g[at]] = acc[at]
    at = kind == HURDLE
    hurdle[g[at]] = acc[at]
    at = kind == PEOPLE
    people[a[at], b[at], g[at]] = acc[at]

    wages, prices, disc = _indices(plan, f)
    by_lever = saving[:, 0] * wages + saving[:, 1] * prices
    transition = once[:, 0] * wages + once[:, 1] * prices + once[:, 2]
    hurdle *= wages
    net = by_lever.sum(axis=(0, 1)) - transition.sum(axis=(0, 1))
    npv = (net * disc).sum(axis=0)
    hurdle_npv = (hurdle.sum(axis=0) * disc).sum(axis=0)
    base_labour, base_price = _base(plan, f)
    full_g = full.sum(axis=1)
    return Draws(lever_saving=full_g.sum(axis=1), by_group=full_g, by_lever=by_lever, transition=transition,
                 people=people, hurdle=hurdle, base_labour=base_labour, base_price=base_price, wages=wages,
                 prices=prices, npv=npv, hurdle_npv=hurdle_npv, beats=(npv > hurdle_npv) & (_margin(plan, tm) > 0))


@dataclass(frozen=True)
class Totals:
    """What the Monte Carlo keeps of n draws (last axis), over all groups: :class:`Draws` added up."""

    lever_saving: np.ndarray  # (L, n) annual saving at full effect, realised, by lever [CNY/yr, base-year prices]
    by_lever: np.ndarray  # (L, H, n) saving in each year, by lever [CNY]
    one_time: np.ndarray  # (H, n) one-time costs per year [CNY]
    people: np.ndarray  # (3, H, n) people released in each year, by type (people.TYPES) [persons]
    net: np.ndarray  # (H, n) saving less one-time costs [CNY]
    npv: np.ndarray  # (n,) NPV of the net saving [CNY]
    hurdle_npv: np.ndarray  # (n,) present value of the minimum differentials [CNY]
    beats: np.ndarray  # (n,) bool: beats the hurdle


def totals(plan: Plan, theta: np.ndarray | Mapping[str, np.ndarray]) -> Totals:
    """:func:`evaluate` added up over groups (and one-time costs over their kinds), the flows merged
    before they are spread over the years: what the Monte Carlo, the tornado and the Sobol indices need."""
    tm = terms(plan, theta)
    f, n, horizon = tm.f, tm.n, plan.horizon
    prog = slots.program(plan, totals=True)
    acc, at_full = kernel.place(prog, plan, tm)
    wages, prices, disc = _indices(plan, f)
    by_lever = np.zeros((len(LEVERS), horizon, n))  # levers without a flow stay zero
    lever_saving = np.zeros((len(LEVERS), n))
    one_time, hurdle, people = np.zeros((horizon, n)), np.zeros((horizon, n)), np.zeros((len(TYPES), horizon, n))
    index = (wages, prices)
    first: set[tuple[int, int]] = set()  # outputs already written: the first slot is written, not added
    for s, (kind, a, b, _) in enumerate(prog.keys.tolist()):
        if kind == SAVING:
            _into(by_lever[a], acc[s], index[b], first, (SAVING, a))
            lever_saving[a] += at_full[s]
        elif kind == ONCE:
            _into(one_time, acc[s], index[b] if b < 2 else None, first, (ONCE, 0))
        elif kind == HURDLE:
            _into(hurdle, acc[s], wages, first, (HURDLE, 0))
        else:
            _into(people[a], acc[s], None, first, (PEOPLE, a))
    net = -one_time
    for a in sorted({a for kind, a in first if kind == SAVING}):
        net += by_lever[a]
    npv = (net * disc).sum(axis=0)
    hurdle_npv = (hurdle * disc).sum(axis=0)
    return Totals(lever_saving=lever_saving, by_lever=by_lever, one_time=one_time, people=people, net=net, npv=npv,
                  hurdle_npv=hurdle_npv, beats=(npv > hurdle_npv) & (_margin(plan, tm) > 0))


def _into(out: np.ndarray, x: np.ndarray, index: np.ndarray | None, first: set[tuple[int, int]],
          key: tuple[int, int]) -> None:
    """``out`` += ``x`` × ``index`` (× 1 without one), written outright the first time ``key`` is met."""
    if key in first:
        out += x if index is None else x * index
    elif index is None:
        out[:] = x
    else:
        np.multiply(x, index, out=out)
    first.add(key)


def _indices(plan: Plan, f: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(H, n) the wage and price indices of each simulated year from the base year, and the discount
    factors (end of each year, to the start of the first)."""
    first = plan.years[0] - plan.base_year
    return (_compound(f["wage_growth"], first, plan.horizon), _compound(f["price_inflation"], first, plan.horizon),
            1 / _compound(f["discount_rate"], 1, plan.horizon))


def _base(plan: Plan, f: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(n,) the scope's base-year full cost that grows with wages, and with prices."""
    sums = plan.sums
    oc1, oh, sup, ca = 1 + f["on_cost_rate"], f["overhead_rate"], f["supervision_rate"], f["contract_admin_rate"]
    base_labour = (oc1 * (1 + oh) * sums["base_ih_wages"] + (1 + sup) * sums["base_lo_fee"]
                   + (1 + ca) * sums["base_ct_fee"] + sums["base_fixed_labour"])
    return base_labour, sums["base_price"] + (1 + ca) * sums["base_ct_materials"]


def _margin(plan: Plan, tm: Terms) -> np.ndarray:
    """(n,) the smallest expected saving less differential of the counted conversions (∞ without any)."""
    if not plan.n_conversions:
        return np.full(tm.n, np.inf)
    names, both = slots.margin_terms(plan)
    basis = np.empty((len(names), tm.n))
    for i, name in enumerate(names):
        tm.product(() if name == "one" else (name,), out=basis[i])
    saving, differential = np.split(both @ basis, 2)  # (conversions, n) each
    saving *= tm.rho[LEVERS.index("conversion")]
    saving -= differential
    return saving.min(axis=0)


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
