"""A scenario prepared on a portfolio (:class:`Plan`): the decisions taken at the book's values and the sums of money each lever works on. See :mod:`core.simulation.model` for the model."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from core.domain import costing, quality, standards
from core.simulation.levers import DELIVERIES, OUTSIDE, LeverError, Levers, parse_levers
from core.store.repo import Portfolio

TRANSITION_KINDS: tuple[str, ...] = ("severance", "tendering", "handover")


# why a requested conversion does or does not count
DECISIONS: tuple[str, ...] = ("accepted", "restricted", "paid_at_actual", "unchanged", "no_arrangement",
                              "out_of_scope", "no_price", "no_saving", "below_hurdle")


# Every factor the model reads, in the order of the rows of the parameter matrix. Those with a
# distribution in the assumption book are uncertain (core.simulation.risk samples them); the rest are fixed.
MODEL_INPUTS: tuple[str, ...] = (
    "wage_growth", "price_inflation", "discount_rate", "on_cost_rate", "overhead_rate", "supervision_rate",
    "contract_admin_rate", "management_fee_rate", "vat_rate", "market_price_factor", "hurdle_rate",
    "severance_months_per_year", "tendering_cost_per_lot", "handover_overlap_months", "unified_mgmt_saving_rate",
    "bundling_max_saving", "bundling_scale_m2", "staff_pooling_realisation", "energy_saving_rate",
)


INPUT_INDEX = {k: i for i, k in enumerate(MODEL_INPUTS)}


# The outsourced and in-house items after conversion fall in five classes by how their fee (or
# personnel cost) depends on the factors: g(θ) × b, with an indirect rate on top.
CLASSES: tuple[str, ...] = ("ih", "lo", "lo_new", "ct", "ct_new")


# --- the plan: everything that does not depend on the uncertain factors --------------------------
@dataclass(frozen=True)
class Plan:
    """A scenario prepared on a portfolio: the decisions taken at the book's values and the sums of
    money each lever works on. :func:`evaluate` turns it into savings for any factor values."""

    levers: Levers
    base_year: int
    years: tuple[int, ...]
    tolerance: float  # of the fee cap
    theta0: np.ndarray  # (len(MODEL_INPUTS),) the book's values
    items: pd.DataFrame  # every arrangement costed in the base year, with scope, class and lever columns
    conversions: pd.DataFrame  # every conversion asked for, with its decision
    lots: pd.DataFrame  # bundled lots: service, lot, buildings, area
    pools: pd.DataFrame  # staff-pooling groups: district, service, staff, norm, excess
    sums: dict[str, float]  # named sums of money [CNY/yr, base-year prices] (see _sums)
    by_class: dict[str, np.ndarray]  # per-class sums, in CLASSES order
    conv_totals: np.ndarray  # (5, basis): Σ over counted conversions of CONV_TOTALS on BASIS
    conv_margins: np.ndarray  # (conversions counted, basis): saving − differential of each
    areas: np.ndarray  # (u,) distinct areas the bundling curve is evaluated at [m²]
    area_weights: np.ndarray  # (rows, u): weights of exp(−A/c) per bundling sum (see _bundling)
    row_of: dict[str, int] = field(default_factory=dict)  # name of a bundling sum → its row

    @property
    def horizon(self) -> int:
        """Years simulated."""
        return len(self.years)

    @property
    def n_conversions(self) -> int:
        """Conversions that count."""
        return int(self.conv_margins.shape[0])

    def value(self, key: str) -> float:
        """The book's value of a model input."""
        return float(self.theta0[INPUT_INDEX[key]])


def book_values(p: Portfolio) -> np.ndarray:
    """The assumption book's current value of every :data:`MODEL_INPUTS` factor."""
    book = p.book
    return np.array([book.value(k) for k in MODEL_INPUTS], dtype=float)


def base_items(p: Portfolio) -> pd.DataFrame:
    """Every arrangement with recorded cost in the base year: its ledger lines [CNY/yr], building,
    staffing, standards, quality adjustment, the figures a conversion needs, and its building's budget
    volatility. The same for every scenario: compute it once per portfolio and pass it to
    :func:`prepare`."""
    from core.domain.compare import budget_volatility

    year = p.latest_year
    every_year = costing.arrangement_costs(p)
    c = costing.select(every_year, year=year)
    a = p.arrangements.set_index("id")
    b = p.buildings.set_index("id")
    it = pd.DataFrame({"id": c["arrangement_id"].to_numpy(), "building_id": c["building_id"].to_numpy(),
                       "service": c["service"].to_numpy(), "kind0": c["kind"].to_numpy()})
    for col in ("labour", "materials", "management_fee", "tax", "energy", "repairs", "depreciation"):
        it[col] = c[col].to_numpy(dtype=float)
    it["oncb"] = c["booked_on_costs"].to_numpy(dtype=float)  # on-costs as the ledger books them
    it["recorded"] = c["recorded"].to_numpy(dtype=float)
    ids = it["id"]
    it["restricted"] = ids.map(a["restricted"]).astype(bool).to_numpy()
    it["contract_id"] = ids.map(a["contract_id"]).to_numpy()
    it["staff_in_house"] = ids.map(a["staff_in_house"]).astype(float).to_numpy()
    it["staff_vendor"] = ids.map(a["staff_vendor"]).astype(float).to_numpy()
    it["tenure"] = ids.map(a["tenure_years"]).astype(float).fillna(0.0).to_numpy()
    it["building"] = it["building_id"].map(b["name"])
    it["district"] = it["building_id"].map(b["district"]).fillna("")
    it["area"] = it["building_id"].map(b["gross_floor_area_m2"]).astype(float)
    occ = p.occupancy.groupby("building_id").agg(departments=("department_id", "nunique"), served=("staff", "sum"))
    it["shared"] = it["building_id"].map(occ["departments"]).fillna(0).to_numpy() >= 2
    it["served"] = it["building_id"].map(occ["served"]).fillna(0.0).astype(float)
    std = standards.standards_for_arrangements(p).set_index("id")
    it["standard"] = ids.map(std["standard_per_m2_month"]).astype(float).to_numpy()
    it["norm"] = ids.map(std["m2_per_worker"]).astype(float).to_numpy()
    adj = quality.fee_adjustments(p, year).set_index("arrangement_id")["adjustment"]
    it["adj"] = ids.map(adj).fillna(0.0).to_numpy()
    # the vendor fee today: what an outsourced item is billed (labour-only: without agency materials)
    it["inv0"] = it["labour"] + it["oncb"] + it["management_fee"] + it["tax"]
    it["price0"] = it["inv0"] + it["materials"]
    staff_now = np.where(it["kind0"] == "in_house", it["staff_in_house"], it["staff_vendor"])
    wage = pd.Series(np.where((staff_now > 0) & (it["labour"] > 0), it["labour"] / np.where(staff_now > 0, staff_now, 1),
                              np.nan), index=it.index)
    fallback = wage.groupby(it["service"]).transform("median").fillna(wage.median())
    it["wage"] = wage.fillna(fallback).fillna(0.0)
    it["staff"] = np.where(it["kind0"] == "in_house", it["staff_in_house"], it["staff_vendor"])
    # workers the service needs if someone takes it over: the norm in whole workers, else today's staff
    norm_workers = np.maximum(1.0, np.ceil(it["area"] / it["norm"] - 1e-9))
    it["workers"] = np.where(it["norm"].notna(), norm_workers,
                             np.maximum(1.0, it["staff_in_house"] + it["staff_vendor"]))
    ct = it.loc[(it["kind0"] == "contracted") & (it["served"] > 0)]
    per_served = (ct["price0"] / ct["served"]).groupby(ct["service"]).median()
    it["ref"] = np.where(it["standard"].notna(), it["standard"] * it["area"] * 12,
                         it["service"].map(per_served) * it["served"])
    # the area the item is bought with today: all buildings on its contract (else its own)
    on_contract = it.dropna(subset=["contract_id"]).drop_duplicates(["contract_id", "building_id"])
    contract_area = on_contract.groupby("contract_id")["area"].sum()
    it["bought_area"] = it["contract_id"].map(contract_area).fillna(it["area"]).astype(float)
    it["budget_cv"] = it["building_id"].map(budget_volatility(every_year))  # the building's, over every year
    return it


def prepare(p: Portfolio, levers: Levers | dict[str, Any] | str, items: pd.DataFrame | None = None) -> Plan:
    """Check the levers against the portfolio and prepare the scenario (decisions at the book's values).
    ``items`` is :func:`base_items` of ``p`` when already at hand."""
    lv = parse_levers(levers)
    base = p.latest_year
    theta0 = book_values(p)
    if lv.hurdle_rate is not None:
        theta0[INPUT_INDEX["hurdle_rate"]] = lv.hurdle_rate
    horizon = lv.horizon_years or int(p.book.value("horizon_years"))
    start = lv.start_year or base + 1
    if not base < start <= base + 10:
        raise LeverError(f"start_year must be after the base year {base} and no later than {base + 10}")
    tolerance = lv.fee_cap.tolerance if lv.fee_cap.tolerance is not None else p.book.value("fee_cap_tolerance")
    it = base_items(p) if items is None else items.copy()
    _check_names(p, lv)
    in_scope = np.ones(len(it), dtype=bool)
    if lv.scope.buildings:
        in_scope &= it["building"].isin(lv.scope.buildings).to_numpy()
    if lv.scope.services:
        in_scope &= it["service"].isin([s.value for s in lv.scope.services]).to_numpy()
    it["in_scope"] = in_scope
    v = dict(zip(MODEL_INPUTS, theta0))

    conv = _decide_conversions(it, lv, v)
    accepted = conv.loc[conv["decision"] == "accepted"].set_index("id")["to"]
    it["kind1"] = it["kind0"].where(~it["id"].isin(accepted.index), it["id"].map(accepted))
    it["converted"] = it["id"].isin(accepted.index)
    it["cls"] = _classes(it)
    # b: the fee (or wages, in house) that g(θ) scales; see evaluate
    it["b"] = np.select(
        [it["cls"] == "ih", it["cls"] == "lo", it["cls"] == "ct", it["cls"] == "lo_new", it["cls"] == "ct_new"],
        [np.where(it["converted"], it["workers"] * it["wage"], it["labour"]), it["inv0"], it["price0"],
         it["workers"] * it["wage"], it["ref"]], 0.0)
    scoped = it["in_scope"] & (it["cls"] != "")
    it["um"] = scoped & it["shared"] & lv.unified_management

    # 3. fee cap (on the items not converted, as the Standards page does)
    capped = it["in_scope"] & ~it["converted"] & (it["kind0"] != "actual") & it["standard"].notna()
    cap = it["standard"] * it["area"] * 12 * (1 + tolerance)
    it["excess"] = np.where(capped & lv.fee_cap.enabled, (it["recorded"] - cap).clip(lower=0), 0.0)
    it["kappa"] = np.where(it["recorded"] > 0, 1 - it["excess"] / it["recorded"].where(it["recorded"] > 0, 1), 1.0)

    lots = _bundle(it, lv)
    pools = _pool(it, lv)
    it["adj"] = np.where(lv.quality_gate & it["in_scope"] & it["cls"].isin(["lo", "ct"]), it["adj"], 0.0)

    counted = it.loc[it["converted"]]
    conv_totals, conv_margins = _conversion_basis(counted)
    areas, weights, rows = _bundling(it)
    sums = _sums(it, lots, lv)
    by_class = _class_sums(it)
    return Plan(
        levers=lv, base_year=base, years=tuple(range(start, start + horizon)), tolerance=float(tolerance),
        theta0=theta0, items=it, conversions=conv, lots=lots, pools=pools, sums=sums, by_class=by_class,
        conv_totals=conv_totals, conv_margins=conv_margins, areas=areas, area_weights=weights, row_of=rows,
    )


def _check_names(p: Portfolio, lv: Levers) -> None:
    known = set(p.buildings["name"])
    asked = [*lv.scope.buildings, *(c.building for c in lv.conversions)]
    unknown = sorted({b for b in asked if b not in known})
    if unknown:
        raise LeverError(f"no building named {', '.join(map(repr, unknown))} in the store")


def _classes(it: pd.DataFrame) -> pd.Series:
    k1, new = it["kind1"], it["converted"]
    return pd.Series(np.select(
        [k1 == "in_house", (k1 == "labour_only") & ~new, (k1 == "labour_only") & new,
         (k1 == "contracted") & ~new, (k1 == "contracted") & new], ["ih", "lo", "lo_new", "ct", "ct_new"], ""),
        index=it.index)


def _decide_conversions(it: pd.DataFrame, lv: Levers, v: dict[str, float]) -> pd.DataFrame:
    """Every conversion asked for (rule first, explicit ones override), with its decision at the
    book's values: saving, differential and one-time cost [CNY/yr, CNY]."""
    asks: dict[tuple[str, str], str] = {}
    if lv.convert_rule is not None:
        r = lv.convert_rule
        pick = it["in_scope"] & (it["kind0"] == r.from_.value)
        if r.services:
            pick &= it["service"].isin([s.value for s in r.services])
        for b, s in zip(it.loc[pick, "building"], it.loc[pick, "service"]):
            asks[(b, s)] = r.to.value
    for c in lv.conversions:
        asks[(c.building, c.service.value)] = c.to.value
    cols = ["id", "building", "service", "from", "to", "decision", "saving", "differential", "one_time"]
    if not asks:
        return pd.DataFrame(columns=cols)
    key = it.set_index(["building", "service"])
    rows = []
    for (b, s), to in asks.items():
        if (b, s) not in key.index:
            rows.append((np.nan, b, s, "", to, "no_arrangement", 0.0, 0.0, 0.0))
            continue
        r = key.loc[(b, s)]
        old_cost, new_cost = _old_cost(r, v), _new_cost(r, to, v)
        saving = old_cost - new_cost if not math.isnan(new_cost) else 0.0
        diff = _differential(r, to, v)
        one_time = _one_time(r, to, v) if r["kind0"] in DELIVERIES else 0.0
        if not r["in_scope"]:
            decision = "out_of_scope"
        elif r["kind0"] == "actual":
            decision = "paid_at_actual"
        elif r["kind0"] == to:
            decision = "unchanged"
        elif r["restricted"] and to in OUTSIDE:
            decision = "restricted"  # core, key and confidential items never go to an outside vendor
        elif math.isnan(new_cost):
            decision = "no_price"
        elif saving <= 0:
            decision = "no_saving"
        elif saving <= diff:
            decision = "below_hurdle"
        else:
            decision = "accepted"
        rows.append((int(r["id"]), b, s, r["kind0"], to, decision, saving, diff, one_time))
    return pd.DataFrame(rows, columns=cols)


def _old_cost(r: pd.Series, v: dict[str, float]) -> float:
    """Annual cost of an item as delivered today, without depreciation, energy and repairs (which a
    conversion leaves as they are) [CNY/yr]."""
    k = r["kind0"]
    if k == "in_house":
        return float(r["labour"] * (1 + v["on_cost_rate"]) * (1 + v["overhead_rate"]) + r["management_fee"]
                     + r["tax"] + r["materials"])
    if k == "labour_only":
        return float(r["inv0"] * (1 + v["supervision_rate"]) + r["materials"])
    if k == "contracted":
        return float(r["price0"] * (1 + v["contract_admin_rate"]))
    return float(r["recorded"])


def _new_cost(r: pd.Series, to: str, v: dict[str, float]) -> float:
    """Annual cost of an item delivered ``to`` (NaN when no price can be found for it) [CNY/yr]."""
    nw = r["workers"] * r["wage"]
    if to == "in_house":
        return float(nw * (1 + v["on_cost_rate"]) * (1 + v["overhead_rate"]) + r["materials"])
    if to == "labour_only":
        return float(nw * _lo_factor(v) + r["materials"])
    return float(r["ref"] * v["market_price_factor"] * (1 + v["contract_admin_rate"]))


def _lo_factor(v: dict[str, float]) -> float:
    return (1 + v["on_cost_rate"]) * (1 + v["management_fee_rate"]) * (1 + v["vat_rate"]) * (1 + v["supervision_rate"])


def _differential(r: pd.Series, to: str, v: dict[str, float]) -> float:
    """The minimum conversion differential: hurdle × in-house personnel cost of the side in house."""
    if r["kind0"] == "in_house":
        return float(v["hurdle_rate"] * r["labour"] * (1 + v["on_cost_rate"]))
    if to == "in_house":
        return float(v["hurdle_rate"] * r["workers"] * r["wage"] * (1 + v["on_cost_rate"]))
    return float(v["hurdle_rate"] * (r["labour"] + r["oncb"]))


def _one_time(r: pd.Series, to: str, v: dict[str, float]) -> float:
    """Severance and hand-over of one conversion [CNY, base-year prices] (tenders are counted per lot)."""
    severance = r["labour"] / 12 * r["tenure"] * v["severance_months_per_year"] if r["kind0"] == "in_house" else 0.0
    return float(severance + v["handover_overlap_months"] / 12 * _old_cost(r, v))


# basis of the factor products a conversion's cost is linear in (see evaluate)
BASIS: tuple[str, ...] = ("one", "ih", "lo_sup", "ct_admin", "lo_new", "ct_new", "hurdle_ih", "hurdle")


# what the conversions add up to: saving (labour-driven, price-driven), old cost (the same two
# parts, for the hand-over) and the differential
CONV_TOTALS: tuple[str, ...] = ("saving_labour", "saving_price", "old_labour", "old_price", "differential")


def _conversion_basis(c: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients on :data:`BASIS` of the counted conversions' totals (:data:`CONV_TOTALS`) and of
    each one's saving less its differential."""
    n, k = len(c), len(BASIS)
    coef = np.zeros((n, k, 4))  # [..., 0] old labour, 1 old price, 2 new labour, 3 new price
    diff = np.zeros((n, k))
    j = {name: i for i, name in enumerate(BASIS)}
    for row, (_, r) in enumerate(c.iterrows()):
        k0, k1 = r["kind0"], r["kind1"]
        if k0 == "in_house":
            coef[row, j["ih"], 0] = r["labour"]
            coef[row, j["one"], 0] = r["management_fee"] + r["tax"]
            coef[row, j["one"], 1] = r["materials"]
        elif k0 == "labour_only":
            coef[row, j["lo_sup"], 0] = r["inv0"]
            coef[row, j["one"], 1] = r["materials"]
        else:
            coef[row, j["ct_admin"], 0] = r["inv0"]
            coef[row, j["ct_admin"], 1] = r["materials"]
        nw = r["workers"] * r["wage"]
        if k1 == "in_house":
            coef[row, j["ih"], 2] = nw
            coef[row, j["one"], 3] = r["materials"]
        elif k1 == "labour_only":
            coef[row, j["lo_new"], 2] = nw
            coef[row, j["one"], 3] = r["materials"]
        else:
            coef[row, j["ct_new"], 2] = r["ref"]
        if k0 == "in_house":
            diff[row, j["hurdle_ih"]] = r["labour"]
        elif k1 == "in_house":
            diff[row, j["hurdle_ih"]] = nw
        else:
            diff[row, j["hurdle"]] = r["labour"] + r["oncb"]
    totals = np.stack([(coef[:, :, 0] - coef[:, :, 2]).sum(axis=0), (coef[:, :, 1] - coef[:, :, 3]).sum(axis=0),
                       coef[:, :, 0].sum(axis=0), coef[:, :, 1].sum(axis=0), diff.sum(axis=0)])
    margins = coef[:, :, 0] + coef[:, :, 1] - coef[:, :, 2] - coef[:, :, 3] - diff
    return totals, margins


def _bundle(it: pd.DataFrame, lv: Levers) -> pd.DataFrame:
    """Assign the outsourced items of each bundled service to lots (``lot`` column, −1 = none) and
    return the lots: ``service``, ``lot``, ``buildings``, ``area`` [m²]."""
    it["lot"] = -1
    it["lot_area"] = it["bought_area"]
    rows = []
    for service, k in lv.bundling:
        members = it.loc[it["in_scope"] & (it["service"] == service.value) & it["cls"].isin(["lo", "lo_new", "ct", "ct_new"])
                         & ~it["restricted"]]
        if members.empty:
            continue
        # by district (largest first), then by area: consecutive cuts of the running area make the lots
        d_area = members.groupby("district")["area"].transform("sum")
        m = members.assign(_d=d_area).sort_values(["_d", "district", "area"], ascending=[False, True, False])
        total = float(m["area"].sum())
        mid = m["area"].cumsum() - m["area"] / 2
        lot = np.minimum(k - 1, np.floor(mid / (total / k))).astype(int)
        lot = pd.Series(pd.factorize(lot)[0], index=m.index)  # number the lots formed 0, 1, …
        it.loc[m.index, "lot"] = lot
        lot_area = m["area"].groupby(lot).sum()
        it.loc[m.index, "lot_area"] = lot.map(lot_area)
        for n in range(int(lot.max()) + 1):
            rows.append((service.value, n + 1, tuple(m.loc[lot == n, "building"]), float(lot_area[n])))
    return pd.DataFrame(rows, columns=["service", "lot", "buildings", "area"])


def _pool(it: pd.DataFrame, lv: Levers) -> pd.DataFrame:
    """Share ``q`` of each item's staff released by pooling (before realisation), and the groups."""
    it["pool_staff"] = np.where(it["converted"], it["workers"], it["staff"])
    member = (lv.staff_pooling & it["in_scope"] & it["cls"].isin(["ih", "lo", "lo_new"]) & it["norm"].notna()
              & ~it["restricted"] & (it["pool_staff"] > 0))
    m = it.loc[member].assign(_need=lambda d: d["area"] / d["norm"])
    g = m.groupby(["district", "service"]).agg(buildings=("building", tuple), staff=("pool_staff", "sum"),
                                                norm=("_need", "sum"))
    g["norm"] = np.ceil(g["norm"] - 1e-9)
    g["excess"] = (g["staff"] - g["norm"]).clip(lower=0)
    share = (g["excess"] / g["staff"]).rename("q")
    it["q"] = 0.0
    if len(m):
        it.loc[m.index, "q"] = m.join(share, on=["district", "service"])["q"].to_numpy()
    return g.reset_index()


def _class_sums(it: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per class (:data:`CLASSES`): ``U`` the fees (wages in house) of unified management's items;
    ``PA`` the pooled share of the fees left by the fee cap, ``PI`` of the fees, ``PS`` of the fees
    of items also under unified management (see evaluate)."""
    b, k, q = it["b"], it["kappa"], it["q"]
    terms = {"U": b * it["um"], "PA": q * b * k, "PI": q * b, "PS": q * b * it["um"]}
    return {name: np.array([float(x[it["cls"] == c].sum()) for c in CLASSES]) for name, x in terms.items()}


def _bundling(it: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """The weights that turn exp(−A/c) at the distinct areas into the bundling sums.

    Each sum is Σ wᵢ·(exp(−Aᵢ/c) − exp(−A_lot/c)) over bundled items, for weights: ``B_<class>`` the
    item's fee left by the fee cap (saving of bundling), ``PR_<class>`` the same times the pooled
    share (what pooling no longer releases), ``QR`` and ``QR1`` the quality adjustment times the fee
    (and times the pooled share).
    """
    m = it.loc[it["lot"] >= 0]
    areas = np.unique(np.concatenate([m["bought_area"].to_numpy(), m["lot_area"].to_numpy()])) if len(m) else np.zeros(0)
    own = np.searchsorted(areas, m["bought_area"].to_numpy())
    lot = np.searchsorted(areas, m["lot_area"].to_numpy())
    fee = (m["b"] * m["kappa"]).to_numpy()
    q, adj = m["q"].to_numpy(), m["adj"].to_numpy()
    cls = m["cls"].to_numpy()
    rows: dict[str, np.ndarray] = {}
    for c in CLASSES:
        rows[f"B_{c}"] = np.where(cls == c, fee, 0.0)
        rows[f"PR_{c}"] = np.where(cls == c, fee * q, 0.0)
    rows["QR"] = fee * adj
    rows["QR1"] = fee * adj * q
    weights = np.zeros((len(rows), len(areas)))
    for i, w in enumerate(rows.values()):
        np.add.at(weights[i], own, w)
        np.subtract.at(weights[i], lot, w)
    return areas, weights, {name: i for i, name in enumerate(rows)}


def _sums(it: pd.DataFrame, lots: pd.DataFrame, lv: Levers) -> dict[str, float]:
    """The scope's sums of money that the levers and the baseline work on [CNY/yr or CNY]."""
    s = it.loc[it["in_scope"]]
    k0 = s["kind0"]

    def total(mask: pd.Series, col: str | pd.Series) -> float:
        values = s[col] if isinstance(col, str) else col
        return float(values[mask].sum())

    ih, lo, ct, act = k0 == "in_house", k0 == "labour_only", k0 == "contracted", k0 == "actual"
    counted = s.loc[s["converted"]]
    outsourced = set(counted.loc[counted["kind1"].isin(OUTSIDE), "service"])
    bundled = set(lots["service"]) if len(lots) else set()
    q_fee = s["adj"] * s["b"] * s["kappa"]
    return {
        # baseline: labour-driven parts by how they depend on the factors, and the price-driven rest
        "base_ih_wages": total(ih, "labour"),
        "base_lo_fee": total(lo, "inv0"),
        "base_ct_fee": total(ct, "inv0"),
        "base_ct_materials": total(ct, "materials"),
        "base_fixed_labour": total(ih, s["management_fee"] + s["tax"]) + total(act, "inv0"),
        "base_price": total(~ct, "materials") + float((s["energy"] + s["repairs"] + s["depreciation"]).sum()),
        "fee_cap": float(s["excess"].sum()),
        "energy": float(s["energy"].sum()) if lv.energy else 0.0,
        "quality_q0": float(q_fee.sum()),
        "quality_q1": float((q_fee * s["q"]).sum()),
        "lots": float(len(lots)),
        "conversion_tenders": float(len(outsourced - bundled)),
        "severance_base": float((counted["labour"] / 12 * counted["tenure"] * (counted["kind0"] == "in_house")).sum()),
    }
