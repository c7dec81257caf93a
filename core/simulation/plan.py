"""A scenario prepared on a portfolio (:class:`Plan`): the decisions taken at the book's values, and the
flows of money each lever moves, by group and onset (:mod:`core.simulation.flows`), ready for
:func:`core.simulation.model.evaluate`.

Every factor the model reads is in :data:`MODEL_INPUTS`, in the order of the rows of the parameter
matrix; each lever has a realisation share (:data:`REALISATION`) and a delay (:data:`DELAY`, months),
uncertain in the assumption book with their basis. A plan can be prepared for the whole scope (one
group: the pages), by building (an adopted plan's frozen forecast) or by item (an item's options, for
the optimiser: :mod:`core.simulation.options`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from core.domain import costing, procurement, quality, standards
from core.i18n import join
from core.simulation import calendar, conversions, flows, people
from core.simulation.blocks import Attrition, Channels, Collector, Curve, Mult, Ramp, Stream, Table
from core.simulation.levers import LEVERS, LeverError, Levers, parse_levers
from core.store.repo import Portfolio

TRANSITION_KINDS = flows.TRANSITION_KINDS
DECISIONS = conversions.DECISIONS
GROUPINGS: tuple[str, ...] = ("scope", "building", "item")

# each lever's realisation share and delay [months] in the assumption book
REALISATION: dict[str, str] = {lever: f"realisation_{lever}" for lever in LEVERS} | {
    "staff_pooling": "staff_pooling_realisation"}
DELAY: dict[str, str] = {lever: f"delay_{lever}" for lever in LEVERS}
RAMP: dict[str, str] = {"unified_management": "ramp_unified_management", "energy": "ramp_energy"}

# Every factor the model reads, in the order of the rows of the parameter matrix. Those with a
# distribution in the assumption book are uncertain (core.simulation.risk samples them); the rest are fixed.
MODEL_INPUTS: tuple[str, ...] = (
    "wage_growth", "price_inflation", "discount_rate", "on_cost_rate", "overhead_rate", "supervision_rate",
    "contract_admin_rate", "management_fee_rate", "vat_rate", "market_price_factor", "hurdle_rate",
    "tendering_cost_per_lot", "handover_overlap_months", "unified_mgmt_saving_rate",
    "bundling_max_saving", "bundling_scale_m2", "energy_saving_rate",
    *REALISATION.values(), *DELAY.values(), *RAMP.values(),
    "retender_fail_prob", "retender_delay_months", "attrition_established", "redeployment_rate",
    "dispatch_return_months",
)
INPUT_INDEX = {k: i for i, k in enumerate(MODEL_INPUTS)}
# Fixed factors the plan reads once (the people rules; the statute's months per year)
PLAN_FACTORS: tuple[str, ...] = ("severance_months_per_year", "protected_share", "city_avg_monthly_wage",
                                 "fee_cap_tolerance", "horizon_years")

# The items after conversion fall in five classes by how their fee (or personnel cost) depends on the
# factors: the fee multiplier and the indirect-cost multiplier of core.simulation.flows.
CLASSES: tuple[str, ...] = ("ih", "lo", "lo_new", "ct", "ct_new")


@dataclass(frozen=True)
class Plan:
    """A scenario prepared on a portfolio: the decisions taken at the book's values and the flows each
    lever moves. :func:`core.simulation.model.evaluate` turns it into savings for any factor values."""

    levers: Levers
    base_year: int
    years: tuple[int, ...]
    tolerance: float  # of the fee cap
    theta0: np.ndarray  # (len(MODEL_INPUTS),) the book's values
    items: pd.DataFrame  # every arrangement costed in the base year, with scope, class, timing and lever columns
    conversions: pd.DataFrame  # every conversion asked for, with its decision
    lots: pd.DataFrame  # bundled lots: service, lot, buildings, area
    pools: pd.DataFrame  # staff-pooling groups: district, service, buildings, staff, norm, excess
    groups: tuple[str, ...]  # what each group is: "all", building names, or "building|service"
    sums: dict[str, float]  # the scope's baseline sums [CNY/yr] (see _sums)
    channels: Channels
    timing: tuple[np.ndarray, np.ndarray, np.ndarray]  # timing rows: lever, tender flag, onset [years]
    mults: tuple[Mult, ...]  # the multipliers flows refer to by index
    steps: tuple[Stream, Table]  # savings and differentials, from their onset on
    events: tuple[Stream, Table]  # one-time costs and leavers, in their onset's year
    attrition: Attrition
    ramps: tuple[Ramp, ...]
    curve: Curve | None
    conv: dict[str, np.ndarray]  # counted conversions' coefficients on conversions.BASIS
    compiled: dict[str, object] = field(default_factory=dict, compare=False, repr=False)  # core.simulation.slots' programs

    @property
    def horizon(self) -> int:
        """Years simulated."""
        return len(self.years)

    @property
    def n_conversions(self) -> int:
        """Conversions that count."""
        return int(self.conv["differential"].shape[0])

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
    for col in ("staff_established", "staff_contract", "staff_dispatched"):  # in-house staff by employment type
        it[col] = ids.map(a[col]).astype(float).fillna(0.0).to_numpy() if col in a else 0.0
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


def prepare(p: Portfolio, levers: Levers | dict[str, Any] | str, items: pd.DataFrame | None = None, *,
            by: str = "scope", options: bool = False) -> Plan:
    """Check the levers against the portfolio and prepare the scenario (decisions at the book's values),
    its flows grouped ``by`` the whole scope, building or item. ``items`` is :func:`base_items` of ``p``
    when already at hand; ``options`` counts every feasible conversion (see :mod:`core.simulation.options`)."""
    if by not in GROUPINGS:
        raise ValueError(f"group by one of {', '.join(GROUPINGS)}, not {by!r}")
    lv = parse_levers(levers)
    base = p.latest_year
    theta0 = book_values(p)
    if lv.hurdle_rate is not None:  # a plan recommended under another hurdle carries it
        theta0[INPUT_INDEX["hurdle_rate"]] = lv.hurdle_rate
    book = p.book
    horizon = lv.horizon_years or int(book.value("horizon_years"))
    start = lv.start_year or base + 1
    if not base < start <= base + 10:
        raise LeverError("lever.err.start_year", base=base, last=base + 10)
    tolerance = lv.fee_cap.tolerance if lv.fee_cap.tolerance is not None else book.value("fee_cap_tolerance")
    it = base_items(p) if items is None else items.copy()
    _check_names(p, lv)
    in_scope = np.ones(len(it), dtype=bool)
    if lv.scope.buildings:
        in_scope &= it["building"].isin(lv.scope.buildings).to_numpy()
    if lv.scope.services:
        in_scope &= it["service"].isin([s.value for s in lv.scope.services]).to_numpy()
    it["in_scope"] = in_scope
    v = dict(zip(MODEL_INPUTS, theta0))

    conv = conversions.decide(it, lv, v, v[REALISATION["conversion"]], options=options)
    accepted = conv.loc[conv["decision"] == "accepted"].set_index("id")["to"]
    it["kind1"] = it["kind0"].where(~it["id"].isin(accepted.index), it["id"].map(accepted))
    it["converted"] = it["id"].isin(accepted.index)
    it["cls"] = _classes(it)
    # b: the fee (or wages, in house) that the class's multipliers scale
    it["b"] = np.select(
        [it["cls"] == "ih", it["cls"] == "lo", it["cls"] == "ct", it["cls"] == "lo_new", it["cls"] == "ct_new"],
        [np.where(it["converted"], it["workers"] * it["wage"], it["labour"]), it["inv0"], it["price0"],
         it["workers"] * it["wage"], it["ref"]], 0.0)
    it["um"] = it["in_scope"] & (it["cls"] != "") & it["shared"] & lv.unified_management

    # when each item can change: its contract's first renewal, and its end (a conversion's moment)
    it = it.join(calendar.renewals(p, it, start))
    it["conv_onset"] = np.where(it["kind0"] == "in_house", 0, it["end_onset"])
    it = it.reset_index(drop=True)
    it["g"], groups = _groups(it, by)
    team = people.workforce(it, book.value("protected_share"))
    it["comp"] = people.compensation(it["wage"].to_numpy() / 12, it["tenure"].to_numpy(),
                                     book.value("city_avg_monthly_wage"), book.value("severance_months_per_year"))

    # the fee cap: vendor fees above standard × (1 + tolerance), never more than the vendor bills
    vendor = it["in_scope"] & ~it["converted"] & it["kind0"].isin(["labour_only", "contracted"]) & it["standard"].notna()
    cap = it["standard"] * it["area"] * 12 * (1 + tolerance)
    over = np.minimum((it["recorded"] - cap).clip(lower=0), it["b"])
    it["excess"] = np.where(vendor & lv.fee_cap.enabled, over, 0.0)
    it["kappa"] = np.where(it["b"] > 0, 1 - it["excess"] / it["b"].where(it["b"] > 0, 1), 1.0)

    fl = flows.Flows(Collector(Channels(len(LEVERS), len(groups)), horizon))
    coef = flows.conversion(fl, it, team, lv)
    flows.unified_management(fl, it, len(groups))
    flows.fee_cap(fl, it)
    flows.staffing_standard(fl, it, team, lv.staffing_standard)
    lots = _bundle(it, lv)
    flows.bundling(fl, it, lots, v)
    pools = flows.staff_pooling(fl, it, team, lv)
    if lv.energy:
        flows.energy(fl, it, len(groups))
    it["adj"] = np.where(lv.quality_gate & it["in_scope"] & it["cls"].isin(["lo", "ct"]), it["adj"], 0.0)
    flows.quality_gate(fl, it, lv.quality_gate)
    return Plan(
        levers=lv, base_year=base, years=tuple(range(start, start + horizon)), tolerance=float(tolerance),
        theta0=theta0, items=it, conversions=conv, lots=lots, pools=pools, groups=groups, sums=_sums(it),
        channels=fl.col.channels, timing=fl.col.timing(), mults=fl.col.multipliers(), steps=fl.col.stream(True),
        events=fl.col.stream(False), attrition=fl.attrition_rows(), ramps=tuple(fl.ramps), curve=fl.curve, conv=coef,
    )


def _groups(it: pd.DataFrame, by: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """Each item's group and the groups' names."""
    if by == "scope":
        return np.zeros(len(it), dtype=int), ("all",)
    if by == "building":
        codes, names = pd.factorize(it["building"], sort=True)
        return codes.astype(int), tuple(str(n) for n in names)
    return np.arange(len(it)), tuple(f"{b}|{s}" for b, s in zip(it["building"], it["service"]))


def _check_names(p: Portfolio, lv: Levers) -> None:
    known = set(p.buildings["name"])
    asked = [*lv.scope.buildings, *(c.building for c in lv.conversions)]
    unknown = sorted({b for b in asked if b not in known})
    if unknown:
        raise LeverError("lever.err.building", names=lambda lang: join(map(repr, unknown), lang))


def _classes(it: pd.DataFrame) -> pd.Series:
    k1, new = it["kind1"], it["converted"]
    return pd.Series(np.select(
        [k1 == "in_house", (k1 == "labour_only") & ~new, (k1 == "labour_only") & new,
         (k1 == "contracted") & ~new, (k1 == "contracted") & new], ["ih", "lo", "lo_new", "ct", "ct_new"], ""),
        index=it.index)


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
        lot = procurement.form_lots(members["district"], members["area"], k)  # by district, balanced by area
        m = members.loc[lot.index]
        it.loc[m.index, "lot"] = lot
        lot_area = m["area"].groupby(lot).sum()
        it.loc[m.index, "lot_area"] = lot.map(lot_area)
        for n in range(int(lot.max()) + 1):
            rows.append((service.value, n + 1, tuple(m.loc[lot == n, "building"]), float(lot_area[n])))
    return pd.DataFrame(rows, columns=["service", "lot", "buildings", "area"])


def _sums(it: pd.DataFrame) -> dict[str, float]:
    """The scope's baseline sums [CNY/yr]: labour-driven parts by how they depend on the factors, and
    the price-driven rest."""
    s = it.loc[it["in_scope"]]
    k0 = s["kind0"]

    def total(mask: pd.Series, col: str | pd.Series) -> float:
        values = s[col] if isinstance(col, str) else col
        return float(values[mask].sum())

    ih, lo, ct, act = k0 == "in_house", k0 == "labour_only", k0 == "contracted", k0 == "actual"
    return {
        "base_ih_wages": total(ih, "labour"),
        "base_lo_fee": total(lo, "inv0"),
        "base_ct_fee": total(ct, "inv0"),
        "base_ct_materials": total(ct, "materials"),
        "base_fixed_labour": total(ih, s["management_fee"] + s["tax"]) + total(act, "inv0"),
        "base_price": total(~ct, "materials") + float((s["energy"] + s["repairs"] + s["depreciation"]).sum()),
        "fee_cap": float(s["excess"].sum()),
    }
