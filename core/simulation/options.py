"""What every way of delivering every building × service is worth (选项估值): the one place the
optimiser reads the savings model.

A *cell* is a building × service in the scope that has a delivery (items paid at actual have none).
Its *options* are the other deliveries (keeping it as it is costs nothing to choose and is worth
nothing extra). For each option this module gives, from the savings model of
:mod:`core.simulation.model` and the policy levers the user set (unified management, fee cap, energy,
quality gate, scope, horizon):

- its NPV against keeping the cell, for every draw of a sample of the uncertain factors, as
  ``coef @ basis``: the model is linear in a few products of factors (:data:`BASIS`), so an option is
  a short row of money amounts and a draw a short column of factor products, and the sample's NPVs
  never need to be stored option by option;
- its annual saving and one-time costs per simulated year, and the people it affects by employment
  type and year, at the book's values;
- the year it can take effect, and why it may not be allowed (restricted, no price, no saving);
- what it changes in bundled procurement and staff pooling (:mod:`core.simulation.option_groups`),
  the two levers whose saving is not a sum over cells.

The plan-independent part (the policy levers acting on every cell as it is) comes from the simulator
itself (:attr:`Options.constant`), so that a plan's NPV is ``constant + Σ chosen options`` exactly
when it bundles and pools nothing (a test checks this against :func:`core.simulation.model.evaluate`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.simulation import risk
from core.simulation.levers import DELIVERIES, OUTSIDE, Levers, parse_levers
from core.simulation.model import _compound, evaluate
from core.simulation.option_groups import (
    TYPES,
    Bundling,
    Pooling,
    VendorLines,
    bundling_data,
    pooling_data,
    vendor_lines,
)
from core.simulation.plan import INPUT_INDEX, Plan, prepare
from core.store.repo import Portfolio

# the factor products an option's NPV is linear in: labour-driven savings (× the wage annuity),
# price-driven (× the price annuity), and one-time costs (× −the first year's discount factor)
BASIS: tuple[str, ...] = (
    "L_one", "L_ih", "L_lo", "L_ct", "L_lonew", "L_ctnew", "U_ih", "U_lo", "U_lonew", "U_ct", "U_ctnew",
    "P_one", "P_ct",
    "T_sev", "T_h_one", "T_h_ih", "T_h_lo", "T_h_ct", "T_h_p", "T_h_pct",
)
B = {name: i for i, name in enumerate(BASIS)}
POLICY_FIELDS: tuple[str, ...] = ("horizon_years", "start_year", "scope", "unified_management", "fee_cap", "energy",
                                  "quality_gate", "hurdle_rate")
BOOK_KEYS: tuple[str, ...] = ("admission_min_score", "attrition_established", "hhi_high")
STATUSES: tuple[str, ...] = ("ok", "restricted", "no_price", "no_saving")


def policy_of(levers: Levers | dict[str, Any] | str) -> Levers:
    """The policy levers of a scenario (what the user sets), without its decisions (conversions,
    bundling, pooling), which are the optimiser's."""
    lv = parse_levers(levers)
    return Levers(**{k: getattr(lv, k) for k in POLICY_FIELDS})


def factors(plan: Plan, theta: np.ndarray) -> dict[str, np.ndarray]:
    """The factor products and annuities the options are valued with, for each column of ``theta``."""
    f = {k: theta[i] for k, i in INPUT_INDEX.items()}
    oc1, oh, sup, ca = 1 + f["on_cost_rate"], f["overhead_rate"], f["supervision_rate"], f["contract_admin_rate"]
    mpf, umr = f["market_price_factor"], f["unified_mgmt_saving_rate"]
    lnf = oc1 * (1 + f["management_fee_rate"]) * (1 + f["vat_rate"])  # new labour-only fee per unit of wages
    first = plan.years[0] - plan.base_year
    wages = _compound(f["wage_growth"], first, plan.horizon)
    prices = _compound(f["price_inflation"], first, plan.horizon)
    disc = 1 / _compound(f["discount_rate"], 1, plan.horizon)
    return {"oc1": oc1, "oh": oh, "sup": sup, "ca": ca, "mpf": mpf, "umr": umr, "lnf": lnf, "wages": wages,
            "prices": prices, "disc": disc, "wa": (wages * disc).sum(axis=0), "pa": (prices * disc).sum(axis=0),
            "rho": f["staff_pooling_realisation"], "s": f["bundling_max_saving"], "c": f["bundling_scale_m2"],
            "sev": f["severance_months_per_year"], "hm": f["handover_overlap_months"] / 12,
            "tender": f["tendering_cost_per_lot"]}


def basis_values(plan: Plan, theta: np.ndarray) -> np.ndarray:
    """(len(BASIS), n): the factor products of :data:`BASIS` for each column of ``theta``, annuities included."""
    g = factors(plan, theta)
    oc1, oh, sup, ca, mpf, umr, lnf = (g[k] for k in ("oc1", "oh", "sup", "ca", "mpf", "umr", "lnf"))
    wa, pa, d0 = g["wa"], g["pa"], g["disc"][0]
    w0, p0, hm = g["wages"][0], g["prices"][0], g["hm"]
    one = np.ones_like(wa)
    labour = [one, oc1 * (1 + oh), 1 + sup, 1 + ca, lnf * (1 + sup), mpf * (1 + ca), umr * oh * oc1, umr * sup,
              umr * sup * lnf, umr * ca, umr * ca * mpf]
    rows = [x * wa for x in labour] + [pa, (1 + ca) * pa]
    rows += [-d0 * x for x in (g["sev"] * w0, hm * w0, hm * w0 * oc1 * (1 + oh), hm * w0 * (1 + sup),
                               hm * w0 * (1 + ca), hm * p0, hm * p0 * (1 + ca))]
    return np.stack(rows)


@dataclass(frozen=True)
class Options:
    """Every cell's options and what each is worth (see the module docstring). Money in CNY."""

    policy: Levers
    base: Plan  # the policy levers alone, every cell as it is
    theta: np.ndarray  # (factors, n) the sample of draws
    cells: pd.DataFrame  # one row per cell (its position is its index in ``table["cell"]``)
    table: pd.DataFrame  # one row per option (a cell delivered another way)
    coef: np.ndarray  # (options, len(BASIS)) money amounts the basis multiplies
    basis: np.ndarray  # (len(BASIS), n)
    basis0: np.ndarray  # (len(BASIS),) at the book's values
    constant: np.ndarray  # (n,) NPV of the policy levers alone
    constant0: float
    tender: np.ndarray  # (n,) present value of one tender
    tender0: float
    saving: np.ndarray  # (options, H) annual saving against keeping the cell, at the book's values
    one_time: np.ndarray  # (options, H)
    people: np.ndarray  # (options, len(TYPES), H) in-house staff whose posts go
    bundling: Bundling
    pooling: Pooling
    vendors: VendorLines
    book: dict[str, float]  # the other factors of the assumption book the optimiser reads

    def book_value(self, key: str, default: float | None = None) -> float:
        """A factor of the assumption book (``default`` when the book has none)."""
        if key in self.book:
            return self.book[key]
        if default is None:
            raise KeyError(f"the assumption book has no factor {key!r}")
        return default

    @property
    def years(self) -> tuple[int, ...]:
        """The simulated years."""
        return self.base.years

    @property
    def draws(self) -> int:
        """Draws in the sample."""
        return int(self.theta.shape[1])

    def npv_draws(self) -> np.ndarray:
        """(options, n) each option's NPV against keeping its cell, per draw."""
        return self.coef @ self.basis

    def npv_mean(self) -> np.ndarray:
        """(options,) each option's expected NPV over the sample."""
        return self.coef @ self.basis.mean(axis=1)

    def npv_book(self) -> np.ndarray:
        """(options,) each option's NPV at the book's values."""
        return self.coef @ self.basis0

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


def value_options(p: Portfolio, levers: Levers | dict[str, Any] | str, *, draws: int = 200,
                  seed: int = risk.DEFAULT_SEED, items: pd.DataFrame | None = None) -> Options:
    """Value every option of every cell under the policy levers of ``levers`` over ``draws`` seeded
    draws of the uncertain factors (``items``: :func:`core.simulation.plan.base_items`, when at hand)."""
    policy = policy_of(levers)
    base = prepare(p, policy, items)
    inputs = risk.uncertain_inputs(p.book)
    theta = risk.sample(base, inputs, draws, np.random.default_rng(seed))
    basis, basis0 = basis_values(base, theta), basis_values(base, base.theta0[:, None])[:, 0]
    cells = _cells(p, base)
    table = _options(cells, base)
    coef = _coefficients(cells, table)
    g0 = factors(base, base.theta0[:, None])
    g = factors(base, theta)
    annual_l = coef[:, :B["P_one"]] @ (basis0[:B["P_one"]] / g0["wa"][0])  # steady state, base-year prices
    annual_p = coef[:, B["P_one"]:B["T_sev"]] @ (basis0[B["P_one"]:B["T_sev"]] / g0["pa"][0])
    h = base.horizon
    saving = annual_l[:, None] * g0["wages"][:, 0][None, :] + annual_p[:, None] * g0["prices"][:, 0][None, :]
    one_time = np.zeros((len(table), h))
    one_time[:, 0] = -(coef[:, B["T_sev"]:] @ basis0[B["T_sev"]:]) / g0["disc"][0, 0]  # the model: all in year one
    people = _people(cells, table, h)
    table["npv_book"] = coef @ basis0
    table["annual0"] = annual_l + annual_p
    return Options(
        policy=policy, base=base, theta=theta, cells=cells, table=table, coef=coef, basis=basis, basis0=basis0,
        constant=evaluate(base, theta).npv, constant0=float(evaluate(base, base.theta0[:, None]).npv[0]),
        tender=g["tender"] * g["disc"][0], tender0=float(g0["tender"][0] * g0["disc"][0, 0]),
        saving=saving, one_time=one_time, people=people,
        bundling=bundling_data(base, cells, table, g0, g), pooling=pooling_data(cells, table, g0, g),
        vendors=vendor_lines(p, cells),
        book={k: p.book.value(k) for k in BOOK_KEYS if k in p.book},
    )


# --- the cells and their options ----------------------------------------------------------------------
def _cells(p: Portfolio, base: Plan) -> pd.DataFrame:
    """The cells: in scope, with a delivery; their figures, contract end and staff by type."""
    it = base.items
    c = it.loc[it["in_scope"] & it["kind0"].isin(DELIVERIES)].copy().reset_index(drop=True)
    a = p.arrangements.set_index("id")
    for t in TYPES:  # staff by employment type where the store records it; the rest counts as contract staff
        col = f"staff_{t}"
        c[col] = c["id"].map(a[col]).astype(float).fillna(0.0) if col in a.columns else 0.0
    c["staff_contract"] += (c["staff_in_house"] - c[[f"staff_{t}" for t in TYPES]].sum(axis=1)).clip(lower=0)
    c["vendor_id"] = c["id"].map(a["vendor_id"])
    ends = pd.to_datetime(c["contract_id"].map(p.contracts.set_index("id")["end_date"]))
    # a vendor's item can change on the day after its contract ends; an in-house one at the start
    free = (ends + pd.Timedelta(days=1)).dt.year
    c["contract_end"] = ends.dt.date
    c["effect_year"] = np.where(c["kind0"].isin(list(OUTSIDE)) & free.notna(),
                                np.maximum(free.fillna(0), base.years[0]), base.years[0]).astype(int)
    return c


def _options(cells: pd.DataFrame, base: Plan) -> pd.DataFrame:
    """Every cell delivered every other way, with the model's verdict at the book's values."""
    v = dict(zip(INPUT_INDEX, base.theta0))
    parts = []
    for to in DELIVERIES:
        m = cells.loc[cells["kind0"] != to]
        parts.append(pd.DataFrame({"cell": m.index.to_numpy(), "to": to}))
    t = pd.concat(parts, ignore_index=True).sort_values(["cell", "to"], kind="stable").reset_index(drop=True)
    c = cells.loc[t["cell"]].reset_index(drop=True)
    k0, to = c["kind0"].to_numpy(), t["to"].to_numpy()
    t["building"], t["service"], t["from"] = c["building"], c["service"], c["kind0"]
    t["outside"] = np.isin(to, list(OUTSIDE))
    nw = c["workers"] * c["wage"]
    oc1, oh = 1 + v["on_cost_rate"], v["overhead_rate"]
    lo_f = oc1 * (1 + v["management_fee_rate"]) * (1 + v["vat_rate"]) * (1 + v["supervision_rate"])
    old = np.select([k0 == "in_house", k0 == "labour_only"],
                    [c["labour"] * oc1 * (1 + oh) + c["management_fee"] + c["tax"] + c["materials"],
                     c["inv0"] * (1 + v["supervision_rate"]) + c["materials"]],
                    c["price0"] * (1 + v["contract_admin_rate"]))
    new = np.select([to == "in_house", to == "labour_only"], [nw * oc1 * (1 + oh) + c["materials"], nw * lo_f + c["materials"]],
                    c["ref"] * v["market_price_factor"] * (1 + v["contract_admin_rate"]))
    t["saving0"] = old - new  # the simulator's decision figure [CNY/yr]
    # the differential is hurdle_rate × this (core.simulation.plan._differential)
    t["hurdle_base"] = np.select([k0 == "in_house", to == "in_house"],
                                 [c["labour"] * oc1, nw * oc1], c["labour"] + c["oncb"])
    t["status"] = np.select(
        [c["restricted"].to_numpy() & t["outside"].to_numpy(), np.isnan(t["saving0"].to_numpy()),
         ~(t["saving0"].to_numpy() > 0)], ["restricted", "no_price", "no_saving"], "ok")
    t["saving0"] = t["saving0"].fillna(0.0)
    t["effect_year"] = c["effect_year"].to_numpy()
    return t


def _coefficients(cells: pd.DataFrame, t: pd.DataFrame) -> np.ndarray:
    """(options, len(BASIS)): the money each factor product multiplies in the option's NPV against
    keeping its cell (see :mod:`core.simulation.model` for the levers' arithmetic)."""
    c = cells.loc[t["cell"]].reset_index(drop=True)
    k0, to = c["kind0"].to_numpy(), t["to"].to_numpy()
    n = len(t)
    coef = np.zeros((n, len(BASIS)))
    ih0, lo0, ct0 = k0 == "in_house", k0 == "labour_only", k0 == "contracted"
    ih1, lo1, ct1 = to == "in_house", to == "labour_only", to == "contracted"
    labour, inv0, price0, mat = (c[k].to_numpy(dtype=float) for k in ("labour", "inv0", "price0", "materials"))
    fixed = (c["management_fee"] + c["tax"]).to_numpy(dtype=float)
    nw = (c["workers"] * c["wage"]).to_numpy(dtype=float)
    ref = c["ref"].fillna(0.0).to_numpy(dtype=float)
    um = c["um"].to_numpy(dtype=bool)

    def add(col: str, where: np.ndarray, amount: Any) -> None:
        coef[:, B[col]] += np.where(where, amount, 0.0)

    # the old cost goes (conversion saving), and its hand-over month is paid once
    for col, where, amount, handover in (("L_ih", ih0, labour, "T_h_ih"), ("L_one", ih0, fixed, "T_h_one"),
                                         ("L_lo", lo0, inv0, "T_h_lo"), ("L_ct", ct0, inv0, "T_h_ct"),
                                         ("P_one", ih0 | lo0, mat, "T_h_p"), ("P_ct", ct0, mat, "T_h_pct")):
        add(col, where, amount)
        add(handover, where, amount)
    # the new cost comes
    add("L_ih", ih1, -nw)
    add("L_lonew", lo1, -nw)
    add("L_ctnew", ct1, -ref)
    add("P_one", ih1 | lo1, -mat)
    # unified management: its share of the indirect cost moves with the class
    add("U_ih", um & ih0, -labour)
    add("U_lo", um & lo0, -inv0)
    add("U_ct", um & ct0, -price0)
    add("U_ih", um & ih1, nw)
    add("U_lonew", um & lo1, nw)
    add("U_ctnew", um & ct1, ref)
    # a converted item is neither capped (fee cap) nor adjusted for quality (quality gate) any more
    add("L_one", np.ones(n, dtype=bool), -c["excess"].to_numpy(dtype=float))
    add("L_one", lo0 | ct0, (c["adj"] * c["b"] * c["kappa"]).to_numpy(dtype=float))
    # severance of the in-house staff whose posts go (Labour Contract Law art. 47)
    add("T_sev", ih0, labour / 12 * c["tenure"].to_numpy(dtype=float))
    return coef


def _people(cells: pd.DataFrame, t: pd.DataFrame, horizon: int) -> np.ndarray:
    """(options, len(TYPES), H): the in-house staff whose posts a conversion away from in-house
    releases, by type, in the first year (when the model counts every conversion)."""
    out = np.zeros((len(t), len(TYPES), horizon))
    c = cells.loc[t["cell"]].reset_index(drop=True)
    away = (c["kind0"] == "in_house").to_numpy() & (t["to"] != "in_house").to_numpy()
    for i, typ in enumerate(TYPES):
        out[:, i, 0] = np.where(away, c[f"staff_{typ}"].to_numpy(dtype=float), 0.0)
    return out
