"""The consolidation simulator (整合模拟): a scenario's levers → what unified management would save.

A scenario is a JSON document of levers (:class:`Levers`). :func:`prepare` reads the portfolio once
and turns the levers into a :class:`Plan`: which conversions count, which buildings form which
procurement lots, which staff pool together, and the sums of money each lever works on. Then ONE
function, :func:`evaluate`, maps the uncertain factors of the assumption book (a matrix: one row
per factor of :data:`MODEL_INPUTS`, one column per draw) to the saving of every lever, every year.
The deterministic result (:func:`run`) is that function at the book's values; the Monte Carlo of
:mod:`core.simulation.risk` is the same function at sampled values, so the two cannot drift apart.

The baseline is the scope's full cost (:mod:`core.domain.costing`) in the base year, the latest year of the
ledger, with the book's current factors. The levers act in a fixed order, each on the cost left by
the ones before, so that no yuan is saved twice; each reports its own saving [CNY/yr, base-year
prices, at full effect]:

1. **mode conversion** (模式转换) of a building × service. New annual cost when contracted out:
   reference price × ``market_price_factor`` × (1 + ``contract_admin_rate``), the reference price
   being the unified fee standard × area × 12, or for a service without a standard (the canteen, a
   per-diner service) the median contract price per staff member served of the city's contracts for
   it. Labour-only: workers × wage × (1 + on-costs)(1 + vendor fee)(1 + VAT)(1 + supervision) plus
   the agency's materials. In-house: workers × wage × (1 + on-costs)(1 + overhead) plus materials.
   Workers are the staffing norm in whole workers where the service has one, else today's staff; the
   wage is today's wage per worker of that arrangement. Equipment depreciation is left as it is (the
   equipment stays). A conversion counts only if its annual saving beats the **minimum conversion
   differential** (OMB A-76): ``hurdle_rate`` × the in-house personnel cost (wages × (1 + on-costs))
   of the side in house, today's or the one to be. Restricted items (core, key, confidential) never
   go to an outside vendor, whatever the levers ask: such requests are refused with their reason.
   One-time costs in the first year: severance (劳动合同法 art. 47: in-house staff × monthly wage ×
   mean years of service × ``severance_months_per_year``), one tender per service contracted out
   (``tendering_cost_per_lot``; within the lots when that service is also bundled), and a hand-over
   overlap of ``handover_overlap_months`` of the outgoing service's cost.
2. **unified management** (统一管理): ``unified_mgmt_saving_rate`` × the indirect cost (overhead,
   supervision, contract administration) of services in buildings shared by two or more departments.
3. **fee cap** (收费封顶): every item with a unified standard, not paid at actual and not just converted,
   whose recorded cost exceeds standard × (1 + tolerance) is capped there — the Standards page's
   "released by capping fees" (:func:`core.domain.standards.capped_fee_release`) over the same items.
4. **bundled procurement** (集中采购): the outsourced items of a service (not restricted) are grouped
   into the given number of lots, by district and balanced by area. A lot of area A is priced at
   1 − s·(1 − exp(−A / c)) of a one-building price (s = ``bundling_max_saving``, c =
   ``bundling_scale_m2``); each item saves the difference between that factor and the factor of the
   area it is bought with today (its contract's buildings), times its fee. One tender per lot.
5. **staff pooling** (人员统筹): per district and service with a staffing norm, the in-house and
   labour-only staff above the norm of their combined area (in whole workers) are released at
   ``staff_pooling_realisation``, each worth the group's cost per worker (personnel, fee and
   indirect cost left by the levers before).
6. **energy** (节能管理): ``energy_saving_rate`` × the energy cost.
7. **quality gate** (考核奖惩): each assessed vendor's fee, as left by the levers before, moves by its
   quality band's adjustment (:mod:`core.domain.quality`): penalties save money, bonuses cost it.

Over the horizon, lines driven by labour (wages, on-costs, vendor fees and margins, VAT, indirect
cost) grow with ``wage_growth``, the others (materials, energy, repairs, depreciation) with
``price_inflation``, both from the base year; each saving grows with the lines it comes from. One-time
costs fall in the first year. The NPV of the net saving discounts each year's flow to the start of the
first year at ``discount_rate`` (end-of-year flows). The payback year is the first year in which the
cumulative net saving is positive. The scenario **beats the hurdle** when its NPV saving exceeds the
present value of the minimum conversion differentials of the conversions it counts (zero without
conversions), and each counted conversion saves more than its own differential.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.simulation.levers import LEVERS, Levers
from core.simulation.plan import CLASSES, INPUT_INDEX, TRANSITION_KINDS, Plan, prepare
from core.store.repo import Portfolio


# --- the model: one function of the factors -------------------------------------------------------
@dataclass(frozen=True)
class Draws:
    """The scenario under n sets of factor values (one column each). Money in CNY; steady-state
    savings are annual, at base-year prices and full effect; yearly figures are in each year's prices."""

    lever_saving: np.ndarray  # (7, n) by lever, in LEVERS order
    labour: np.ndarray  # (n,) steady-state saving that grows with wages
    price: np.ndarray  # (n,) steady-state saving that grows with prices
    transition: np.ndarray  # (3, n) one-time costs by kind (TRANSITION_KINDS), in the first year
    base_labour: np.ndarray  # (n,) the scope's base-year full cost that grows with wages
    base_price: np.ndarray  # (n,) and with prices
    wages: np.ndarray  # (H, n) wage index of each simulated year (base year = 1)
    prices: np.ndarray  # (H, n) price index
    npv: np.ndarray  # (n,) NPV of the saving less one-time costs
    hurdle_npv: np.ndarray  # (n,) present value of the counted conversions' differentials
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
        return self.labour * self.wages + self.price * self.prices

    @property
    def one_time(self) -> np.ndarray:
        """(H, n) one-time costs per year (all in the first)."""
        out = np.zeros_like(self.wages)
        out[0] = self.transition.sum(axis=0)
        return out

    @property
    def net(self) -> np.ndarray:
        """(H, n) saving less one-time costs."""
        return self.saving - self.one_time


def evaluate(plan: Plan, theta: np.ndarray) -> Draws:
    """The scenario's savings for factor values ``theta`` (len(MODEL_INPUTS) × n): a few array
    operations per draw, whatever the size of the city (see the module docstring for the model)."""
    f = {k: theta[i] for k, i in INPUT_INDEX.items()}
    oc1, oh, sup, ca = 1 + f["on_cost_rate"], f["overhead_rate"], f["supervision_rate"], f["contract_admin_rate"]
    mpf, umr, rho = f["market_price_factor"], f["unified_mgmt_saving_rate"], f["staff_pooling_realisation"]
    n = theta.shape[1]
    sums, cls = plan.sums, plan.by_class
    lo_new = oc1 * (1 + f["management_fee_rate"]) * (1 + f["vat_rate"])  # a new labour-only fee per unit of wages

    def fees(w: Any) -> Any:
        """Σ over the classes of fee (or wages with on-costs, in house) per unit of b × w."""
        return oc1 * w[0] + w[1] + lo_new * w[2] + w[3] + mpf * w[4]

    def indirect(w: Any) -> Any:
        """Σ over the classes of indirect cost per unit of b × w."""
        return oh * oc1 * w[0] + sup * (w[1] + lo_new * w[2]) + ca * (w[3] + mpf * w[4])

    # 1. conversions: old cost − new cost, each linear in a few factor products (BASIS). The small
    # matrix products use einsum's single-threaded loop: BLAS would start threads that cost more.
    one = np.ones(n)
    basis = np.stack([one, oc1 * (1 + oh), 1 + sup, 1 + ca, lo_new * (1 + sup), mpf * (1 + ca),
                      f["hurdle_rate"] * oc1, f["hurdle_rate"]])
    conv = np.einsum("ck,kn->cn", plan.conv_totals, basis)  # CONV_TOTALS × n
    margin = np.einsum("ck,kn->cn", plan.conv_margins, basis).min(axis=0) if plan.n_conversions else np.inf
    # 2. unified management: a share of the indirect cost in shared buildings
    um = umr * indirect(cls["U"])
    # 4. bundling: for each weight row Σ w·(exp(−A/c) − exp(−A_lot/c)), times the largest saving s
    row = plan.row_of
    if plan.areas.size:
        scale = np.maximum(f["bundling_scale_m2"], 1.0)  # [m²]; a break-even search may try zero
        curve = f["bundling_max_saving"] * np.einsum("ru,un->rn", plan.area_weights, np.exp(-plan.areas[:, None] / scale))

        def r(name: str) -> Any:
            return curve[row[name]]
    else:
        def r(name: str) -> Any:
            return 0.0
    bundling = fees([r(f"B_{c}") for c in CLASSES])
    # 5. staff pooling: released workers at the cost per worker left by the levers before
    pa = [cls["PA"][i] - r(f"PR_{c}") for i, c in enumerate(CLASSES)]
    pooling = rho * (fees(pa) + indirect(cls["PI"]) - umr * indirect(cls["PS"]))
    # 7. quality gate: −adjustment × fee left (bonuses are negative savings)
    quality_gate = rho * (sums["quality_q1"] - r("QR1")) - (sums["quality_q0"] - r("QR"))
    energy = f["energy_saving_rate"] * sums["energy"]
    cap = np.full(n, sums["fee_cap"])

    lever_saving = np.stack([conv[0] + conv[1], um * one, cap, bundling * one, pooling * one, energy, quality_gate * one])
    labour = conv[0] + um + cap + bundling + pooling + quality_gate  # grows with wages
    price = conv[1] + energy  # grows with prices
    base_labour = (oc1 * (1 + oh) * sums["base_ih_wages"] + (1 + sup) * sums["base_lo_fee"]
                   + (1 + ca) * sums["base_ct_fee"] + ca * sums["base_ct_materials"] + sums["base_fixed_labour"])
    base_price = sums["base_price"] + sums["base_ct_materials"] * one

    first = plan.years[0] - plan.base_year
    wages = _compound(f["wage_growth"], first, plan.horizon)  # (H, n) index from the base year
    prices = _compound(f["price_inflation"], first, plan.horizon)
    disc = 1 / _compound(f["discount_rate"], 1, plan.horizon)  # end of each year, to the start of the first
    transition = np.stack([
        f["severance_months_per_year"] * sums["severance_base"] * wages[0],
        f["tendering_cost_per_lot"] * (sums["lots"] + sums["conversion_tenders"]),
        f["handover_overlap_months"] / 12 * (conv[2] * wages[0] + conv[3] * prices[0]),
    ])
    wage_annuity = (wages * disc).sum(axis=0)  # NPV is linear in the steady-state savings
    npv = labour * wage_annuity + price * (prices * disc).sum(axis=0) - transition.sum(axis=0) * disc[0]
    hurdle_npv = conv[4] * wage_annuity
    return Draws(
        lever_saving=lever_saving, labour=labour, price=price, transition=transition, base_labour=base_labour,
        base_price=base_price, wages=wages, prices=prices, npv=npv, hurdle_npv=hurdle_npv,
        beats=(npv > hurdle_npv) & (margin > 0),
    )


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
    """The scenario at the book's values: cost paths, savings, NPV, payback, waterfall, conversions."""

    plan: Plan
    base_cost: float  # full cost of the scope in the base year [CNY/yr]
    baseline: np.ndarray  # (H,) full cost of the scope without the scenario [CNY/yr]
    saving: np.ndarray  # (H,) gross saving [CNY/yr]
    one_time: np.ndarray  # (H,) transition costs [CNY]
    npv: float  # NPV of the net saving [CNY]
    hurdle_npv: float  # present value of the minimum conversion differentials [CNY]
    beats_hurdle: bool
    waterfall: pd.DataFrame  # lever, saving [CNY/yr at base-year prices], for the levers used
    transition: dict[str, float]  # kind → one-time cost [CNY]

    @property
    def years(self) -> tuple[int, ...]:
        """The simulated years."""
        return self.plan.years

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
        """Steady-state annual saving at base-year prices [CNY/yr] (the waterfall's total)."""
        return float(self.waterfall["saving"].sum())

    @property
    def payback_year(self) -> int | None:
        """The first year in which the cumulative net saving is positive (None if never)."""
        return payback(self.net, self.years)

    @property
    def transition_total(self) -> float:
        """All one-time costs [CNY]."""
        return float(sum(self.transition.values()))


def payback(net: np.ndarray, years: tuple[int, ...]) -> int | None:
    """The first of ``years`` in which the cumulative ``net`` saving is positive, or None."""
    above = np.flatnonzero(np.cumsum(net) > 0)
    return int(years[above[0]]) if above.size else None


def run(plan: Plan) -> Result:
    """The scenario at the assumption book's values."""
    d = evaluate(plan, plan.theta0[:, None])
    used = plan.levers.enabled()
    waterfall = pd.DataFrame({"lever": list(used),
                              "saving": [float(d.lever_saving[LEVERS.index(k), 0]) for k in used]})
    return Result(
        plan=plan, base_cost=float(d.base_cost[0]), baseline=d.baseline[:, 0], saving=d.saving[:, 0], one_time=d.one_time[:, 0], npv=float(d.npv[0]),
        hurdle_npv=float(d.hurdle_npv[0]), beats_hurdle=bool(d.beats[0]), waterfall=waterfall,
        transition={k: float(d.transition[i, 0]) for i, k in enumerate(TRANSITION_KINDS)},
    )


def simulate(p: Portfolio, levers: Levers | dict[str, Any] | str) -> Result:
    """Prepare and run a scenario at the book's values (the deterministic result)."""
    return run(prepare(p, levers))
