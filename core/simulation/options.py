"""What every way of delivering every building × service is worth (选项估值): the one place the
optimiser reads the savings model.

A *cell* is a building × service in the scope that has a delivery (items paid at actual have none).
Its *options* are the other deliveries (keeping it as it is costs nothing to choose and is worth
nothing extra). Every figure comes from the phased, risk-aware simulator itself
(:func:`core.simulation.model.evaluate`), prepared **by item** so that each cell is its own group:

- the policy levers alone (unified management, fee cap, staffing standard, energy, quality gate,
  scope, horizon), every cell as it is: the *keep* plan;
- for each delivery d, every cell converted to d at once (``options=True``: counted whatever it saves,
  so that each is valued; the model's own rules — restricted items, no price, no saving, the hurdle —
  are the optimiser's to apply): the value of cell i delivered d is that plan's group i less the keep
  plan's group i, draw by draw. Conversions act on their own item only (on the calendar of its
  contract, its people released by type), so these values add up over cells.

What does not belong to one cell is handled apart: the tender a service needs when a vendor takes
over some of it (one per service, at its earliest conversion; :func:`tender_npv`), and bundled
procurement and staff pooling (:mod:`core.simulation.option_groups`, calibrated on the simulator's
own by-item figures).

Per draw, the options' NPVs form a matrix (options × draws); the optimiser reads it as ``coef @
basis`` — the matrix itself where it is small, else its leading singular vectors (the residual is
reported) — so that a draw's row in the program stays short however large the city.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.simulation import risk
from core.simulation.item_values import npv_by_item, tender_npv, wage_index, yearly
from core.simulation.levers import DELIVERIES, OUTSIDE, Levers, parse_levers
from core.simulation.option_groups import (
    TYPES,
    Bundling,
    Pooling,
    VendorLines,
    bundling_data,
    pooling_data,
    vendor_lines,
)
from core.simulation.plan import INPUT_INDEX, REALISATION, Plan, prepare
from core.store.repo import Portfolio

POLICY_FIELDS: tuple[str, ...] = ("horizon_years", "start_year", "scope", "unified_management", "fee_cap",
                                  "staffing_standard", "energy", "quality_gate", "hurdle_rate")
STATUSES: tuple[str, ...] = ("ok", "restricted", "no_price", "no_saving")
BOOK_KEYS: tuple[str, ...] = ("admission_min_score", "attrition_established", "redeployment_rate", "hhi_high")
DRAW_BUDGET = 600_000  # items × draws valued by default (about 10 s of the simulator's time per plan)
DRAWS_MAX, DRAWS_MIN = 200, 30
EXACT_UP_TO = 3_000_000  # option × draw values kept whole up to this many; beyond, their leading singular vectors
RANK_MAX = 60


def policy_of(levers: Levers | dict[str, Any] | str) -> Levers:
    """The policy levers of a scenario (what the user sets), without its decisions (conversions,
    bundling, pooling), which are the optimiser's."""
    lv = parse_levers(levers)
    return Levers(**{k: getattr(lv, k) for k in POLICY_FIELDS})


@dataclass(frozen=True)
class Options:
    """Every cell's options and what each is worth (see the module docstring). Money in CNY."""

    policy: Levers
    base: Plan  # the policy levers alone, by item, every cell as it is
    theta: np.ndarray  # (factors, n) the sample of draws
    cells: pd.DataFrame  # one row per cell (its position is its index in ``table["cell"]``); ``item``: its group
    table: pd.DataFrame  # one row per option (a cell delivered another way)
    coef: np.ndarray  # (options, r) with ``basis``: each option's NPV per draw ≈ coef @ basis
    basis: np.ndarray  # (r, n)
    mean: np.ndarray  # (options,) expected NPV over the sample (exact)
    book_npv: np.ndarray  # (options,) NPV at the book's values
    residual: float  # largest |coef @ basis − the simulator's| over options and draws [CNY]
    constant: np.ndarray  # (n,) NPV of the policy levers alone
    tender: np.ndarray  # (months, n) present value of a conversion's tender by its onset month
    saving: np.ndarray  # (options, H) saving against keeping the cell, at the book's values
    one_time: np.ndarray  # (options, H) one-time costs against keeping it (tenders apart)
    people: np.ndarray  # (options, len(TYPES), H) people released against keeping it
    keep_one_time: np.ndarray  # (H,) one-time costs of the policy levers alone
    keep_people: np.ndarray  # (len(TYPES), H) people the policy levers alone release
    bundling: Bundling
    pooling: Pooling
    vendors: VendorLines
    book: dict[str, float]  # the other factors of the assumption book the optimiser reads
    scores: pd.DataFrame  # the store's non-cost scores per service × delivery (Portfolio.noncost)

    @property
    def years(self) -> tuple[int, ...]:
        """The simulated years."""
        return self.base.years

    @property
    def draws(self) -> int:
        """Draws in the sample."""
        return int(self.theta.shape[1])

    def book_value(self, key: str, default: float | None = None) -> float:
        """A factor of the assumption book (``default`` when the book has none)."""
        if key in self.book:
            return self.book[key]
        if key in INPUT_INDEX:
            return self.base.value(key)
        if default is None:
            raise KeyError(f"the assumption book has no factor {key!r}")
        return default

    def npv_draws(self) -> np.ndarray:
        """(options, n) each option's NPV against keeping its cell, per draw."""
        return self.coef @ self.basis

    def npv_mean(self) -> np.ndarray:
        """(options,) each option's expected NPV over the sample."""
        return self.mean

    def npv_book(self) -> np.ndarray:
        """(options,) each option's NPV at the book's values."""
        return self.book_npv

    def tender_months(self) -> np.ndarray:
        """(options,) the month a conversion's tender falls in (its onset), for options to a vendor."""
        return self.table["onset"].to_numpy(dtype=int)

    def levers(self, chosen: dict[int, str], lots: dict[str, int], pooling: bool,
               hurdle_rate: float | None = None) -> Levers:
        """The scenario of a plan: the policy levers, a conversion per chosen option (cell → delivery),
        ``lots`` per bundled service, staff pooling on or off, and the hurdle it was chosen under."""
        cells = self.cells
        conversions = [{"building": cells.at[c, "building"], "service": cells.at[c, "service"], "to": to}
                       for c, to in sorted(chosen.items())]
        data = self.policy.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        data.update(conversions=conversions, bundling=dict(lots), staff_pooling=pooling)
        if hurdle_rate is not None and abs(hurdle_rate - self.base.value("hurdle_rate")) > 1e-12:
            data["hurdle_rate"] = hurdle_rate
        return parse_levers(data)


def auto_draws(items: int) -> int:
    """Draws to value the options over when none is asked: 200 for a city like the demo, fewer for a
    large one (each draw evaluates every item of four plans), never under 30."""
    return max(DRAWS_MIN, min(DRAWS_MAX, DRAW_BUDGET // max(1, items)))


def value_options(p: Portfolio, levers: Levers | dict[str, Any] | str, *, draws: int | None = None,
                  seed: int = risk.DEFAULT_SEED, items: pd.DataFrame | None = None) -> Options:
    """Value every option of every cell under the policy levers of ``levers`` over ``draws`` seeded
    draws of the uncertain factors (``items``: :func:`core.simulation.plan.base_items`, when at hand)."""
    from core.simulation.plan import base_items

    policy = policy_of(levers)
    items = base_items(p) if items is None else items
    keep = prepare(p, policy, items, by="item")
    draws = draws or auto_draws(len(keep.groups))
    theta = risk.sample(keep, risk.uncertain_inputs(p.book), draws, np.random.default_rng(seed))
    theta0 = keep.theta0[:, None]
    cells = _cells(p, keep)
    table = _options(cells, keep)
    # the plans to a vendor bundle every service in one lot as well: bundling's worth per member is read
    # off them (core.simulation.option_groups); the rest of a converted item's figures does not depend on it
    whole = {s: 1 for s in sorted(set(cells.loc[~cells["restricted"], "service"]))}
    plans = {d: _converted(p, policy, items, cells, d, whole if d in OUTSIDE else {}) for d in DELIVERIES}
    keep_npv, keep_npv0 = npv_by_item(keep, theta), npv_by_item(keep, theta0)[:, 0]
    values = np.zeros((len(table), draws))
    book = np.zeros(len(table))
    saving = np.zeros((len(table), keep.horizon))
    one_time = np.zeros_like(saving)
    people = np.zeros((len(table), len(TYPES), keep.horizon))
    k0 = yearly(keep)
    for d, plan in plans.items():
        rows = np.flatnonzero(table["to"].to_numpy() == d)
        if plan is None or not rows.size:
            continue
        g = cells.loc[table["cell"].to_numpy()[rows], "item"].to_numpy()
        values[rows] = npv_by_item(plan, theta)[g] - keep_npv[g]
        book[rows] = npv_by_item(plan, theta0)[g, 0] - keep_npv0[g]
        y = yearly(plan)
        saving[rows] = y["saving"][g] - k0["saving"][g]
        one_time[rows] = y["one_time"][g] - k0["one_time"][g]
        people[rows] = y["people"][:, g].transpose(1, 0, 2) - k0["people"][:, g].transpose(1, 0, 2)
    table["npv_book"] = book
    table["annual0"] = saving[:, -1] / np.maximum(1e-12, wage_index(keep)[-1])  # full effect, base-year prices
    coef, basis, residual = _compress(values)
    return Options(
        policy=policy, base=keep, theta=theta, cells=cells, table=table, coef=coef, basis=basis,
        mean=values.mean(axis=1), book_npv=book, residual=residual, constant=keep_npv.sum(axis=0),
        tender=tender_npv(keep, theta, "conversion"), saving=saving, one_time=one_time, people=people,
        keep_one_time=k0["one_time"].sum(axis=0), keep_people=k0["people"].sum(axis=1),
        bundling=bundling_data(p, policy, items, keep, cells, table, theta, plans, whole),
        pooling=pooling_data(p, policy, items, keep, cells, table, theta),
        vendors=vendor_lines(p, cells), book={k: p.book.value(k) for k in BOOK_KEYS if k in p.book},
        scores=p.noncost,
    )


# --- the cells and their options ----------------------------------------------------------------------
def _cells(p: Portfolio, keep: Plan) -> pd.DataFrame:
    """The cells: in scope, with a delivery; ``item`` is the cell's group in the plans by item."""
    it = keep.items
    mask = it["in_scope"] & it["kind0"].isin(DELIVERIES)
    c = it.loc[mask].copy()
    c["item"] = np.flatnonzero(mask.to_numpy())
    c = c.reset_index(drop=True)
    a = p.arrangements.set_index("id")
    c["vendor_id"] = c["id"].map(a["vendor_id"])
    start = keep.years[0]
    # when a conversion can take effect: at once in house, else when the contract ends
    c["onset"] = np.where(c["kind0"] == "in_house", 0, c["end_onset"]).astype(int)
    c["effect_year"] = start + c["onset"] // 12
    return c


def _options(cells: pd.DataFrame, keep: Plan) -> pd.DataFrame:
    """Every cell delivered every other way, with the model's verdict at the book's values."""
    v = dict(zip(INPUT_INDEX, keep.theta0))
    rows = [(i, to) for i, k0 in enumerate(cells["kind0"]) for to in DELIVERIES if to != k0]
    t = pd.DataFrame(rows, columns=["cell", "to"])
    c = cells.loc[t["cell"]].reset_index(drop=True)
    t["building"], t["service"], t["from"] = c["building"], c["service"], c["kind0"]
    t["outside"] = t["to"].isin(list(OUTSIDE))
    saving, unit = decision_figures(c, t["to"].to_numpy(), v)
    t["hurdle_base"] = unit  # the differential is hurdle_rate × this
    t["status"] = np.select([c["restricted"].to_numpy() & t["outside"].to_numpy(), np.isnan(saving), ~(saving > 0)],
                            ["restricted", "no_price", "no_saving"], "ok")
    t["saving0"] = np.nan_to_num(saving)  # the simulator's decision figure [CNY/yr]
    t["realisation"] = v[REALISATION["conversion"]]  # the hurdle is met by the realised saving
    t["onset"] = c["onset"].to_numpy()
    t["effect_year"] = c["effect_year"].to_numpy()
    return t


def decision_figures(c: pd.DataFrame, to: np.ndarray, v: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """The annual saving of delivering each row of ``c`` as ``to`` (NaN without a price) and its
    differential per unit of hurdle rate, at the factors ``v``: what
    :func:`core.simulation.conversions.old`, :func:`~core.simulation.conversions.new` and
    :func:`~core.simulation.conversions.differential` give row by row, for many rows at once."""
    k0 = c["kind0"].to_numpy()
    oc1, oh = 1 + v["on_cost_rate"], v["overhead_rate"]
    labour, inv0, price0, mat = (c[k].to_numpy(dtype=float) for k in ("labour", "inv0", "price0", "materials"))
    fixed = (c["management_fee"] + c["tax"]).to_numpy(dtype=float)
    nw = (c["workers"] * c["wage"]).to_numpy(dtype=float)
    old = np.select([k0 == "in_house", k0 == "labour_only", k0 == "contracted"],
                    [labour * oc1 * (1 + oh) + fixed + mat, inv0 * (1 + v["supervision_rate"]) + mat,
                     price0 * (1 + v["contract_admin_rate"])], c["recorded"].to_numpy(dtype=float))
    lo = oc1 * (1 + v["management_fee_rate"]) * (1 + v["vat_rate"]) * (1 + v["supervision_rate"])
    new = np.select([to == "in_house", to == "labour_only"], [nw * oc1 * (1 + oh) + mat, nw * lo + mat],
                    c["ref"].to_numpy(dtype=float) * v["market_price_factor"] * (1 + v["contract_admin_rate"]))
    unit = np.select([k0 == "in_house", to == "in_house"], [labour * oc1, nw * oc1],
                     labour + c["oncb"].to_numpy(dtype=float))
    return old - new, unit


def _converted(p: Portfolio, policy: Levers, items: pd.DataFrame, cells: pd.DataFrame, to: str,
               bundling: dict[str, int]) -> Plan | None:
    """The policy levers with every cell (not restricted from it) converted to ``to`` (and ``bundling``), by item."""
    ok = (cells["kind0"] != to) & ~(cells["restricted"] & (to in OUTSIDE))
    if not ok.any():
        return None
    conv = [{"building": b, "service": s, "to": to} for b, s in zip(cells.loc[ok, "building"], cells.loc[ok, "service"])]
    data = policy.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return prepare(p, {**data, "conversions": conv, "bundling": bundling}, items, by="item", options=True)


def _compress(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """``coef``, ``basis`` with coef @ basis ≈ values: the values themselves when small enough, else
    their leading singular vectors; and the largest error [CNY]."""
    m, n = values.shape
    if m * n <= EXACT_UP_TO or m <= n:
        return values, np.eye(n), 0.0
    u, s, vt = np.linalg.svd(values, full_matrices=False)
    keep = max(1, min(RANK_MAX, int((s > s[0] * 1e-9).sum()))) if s.size and s[0] > 0 else 1
    coef, basis = u[:, :keep] * s[:keep], vt[:keep]
    return coef, basis, float(np.abs(coef @ basis - values).max())
