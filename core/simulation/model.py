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

import base64
import binascii
import json
import math
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlmodel import Session

from core.domain import costing, quality, standards
from core.store import repo
from core.store.models import DeliveryType, Scenario, ServiceCode
from core.store.repo import Portfolio

LEVERS: tuple[str, ...] = (
    "conversion", "unified_management", "fee_cap", "bundling", "staff_pooling", "energy", "quality_gate",
)
TRANSITION_KINDS: tuple[str, ...] = ("severance", "tendering", "handover")
DELIVERIES: tuple[str, ...] = tuple(d.value for d in DeliveryType)
OUTSIDE: frozenset[str] = frozenset({"labour_only", "contracted"})
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
_I = {k: i for i, k in enumerate(MODEL_INPUTS)}

# The outsourced and in-house items after conversion fall in five classes by how their fee (or
# personnel cost) depends on the factors: g(θ) × b, with an indirect rate on top.
CLASSES: tuple[str, ...] = ("ih", "lo", "lo_new", "ct", "ct_new")


class LeverError(ValueError):
    """Levers that cannot be simulated (unknown key, building or service; value out of range)."""


# --- the levers ---------------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Scope(_Strict):
    """Which buildings (by name) and services (by code) the scenario covers; empty = all."""

    buildings: tuple[str, ...] = ()
    services: tuple[ServiceCode, ...] = ()


class FeeCap(_Strict):
    """Cap fees above the unified standard × (1 + tolerance); tolerance ``None`` = the book's.
    ``"fee_cap": true`` is short for ``{"enabled": true}``."""

    enabled: bool = False
    tolerance: Annotated[float, Field(ge=0, le=1)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_bool(cls, data: Any) -> Any:
        return {"enabled": data} if isinstance(data, bool) else data


class Conversion(_Strict):
    """Deliver one building's service another way."""

    building: str
    service: ServiceCode
    to: DeliveryType


class ConvertRule(_Strict):
    """Convert every item delivered ``from`` to ``to`` (for ``services``, or all) within the scope."""

    from_: DeliveryType = Field(alias="from")
    to: DeliveryType
    services: tuple[ServiceCode, ...] = ()


class Levers(_Strict):
    """A scenario's levers, as stored (JSON) in :class:`core.store.models.Scenario`. Omitted = not used."""

    horizon_years: Annotated[int, Field(ge=3, le=10)] | None = None  # None = the book's horizon_years
    start_year: int | None = None  # None = the year after the base year
    scope: Scope = Scope()
    unified_management: bool = False
    fee_cap: FeeCap = FeeCap()
    bundling: dict[ServiceCode, Annotated[int, Field(ge=1, le=50)]] = Field(default_factory=dict)
    conversions: tuple[Conversion, ...] = ()
    convert_rule: ConvertRule | None = None
    staff_pooling: bool = False
    energy: bool = False
    quality_gate: bool = False

    def enabled(self) -> tuple[str, ...]:
        """The levers this scenario uses, in the model's order."""
        on = {
            "conversion": bool(self.conversions) or self.convert_rule is not None,
            "unified_management": self.unified_management, "fee_cap": self.fee_cap.enabled,
            "bundling": bool(self.bundling), "staff_pooling": self.staff_pooling, "energy": self.energy,
            "quality_gate": self.quality_gate,
        }
        return tuple(k for k in LEVERS if on[k])


# The page's starting point: what the Bureau can do without restructuring anything.
DEFAULT_LEVERS = Levers(unified_management=True, fee_cap=FeeCap(enabled=True), energy=True, quality_gate=True)


def parse_levers(data: Any) -> Levers:
    """Levers from a dict or JSON text, checked; :class:`LeverError` says what is wrong and where."""
    if isinstance(data, Levers):
        return data
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data or "{}")
        except json.JSONDecodeError as exc:
            raise LeverError(f"levers are not valid JSON ({exc.msg}, position {exc.pos})") from None
    if not isinstance(data, dict):
        raise LeverError("levers must be a JSON object")
    try:
        return Levers.model_validate(data)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e["loc"]) or "levers"
            if e["type"] == "extra_forbidden":
                problems.append(f"unknown key {where!r}")
            else:
                problems.append(f"{where}: {e['msg']}")
        raise LeverError("levers: " + "; ".join(problems)) from None


def to_json(levers: Levers) -> str:
    """The levers as canonical JSON (a cache key, and how they are saved): only what differs from the
    defaults, keys sorted, lists in a fixed order; a later conversion of the same item wins."""
    data = levers.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if "conversions" in data:
        last = {(c["building"], c["service"]): c for c in data["conversions"]}
        data["conversions"] = [last[k] for k in sorted(last)]
    for part, key in (("scope", "buildings"), ("scope", "services"), ("convert_rule", "services")):
        if key in data.get(part, {}):
            data[part][key] = sorted(set(data[part][key]))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def encode(levers: Levers) -> str:
    """The levers as a short URL-safe text (for a shareable link's ``levers=`` parameter)."""
    packed = zlib.compress(to_json(levers).encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(text: str) -> Levers:
    """The levers of :func:`encode`; :class:`LeverError` if the text is damaged."""
    try:
        raw = zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, zlib.error, ValueError):
        raise LeverError("the levers in the link are damaged (copy the whole link)") from None
    return parse_levers(raw.decode("utf-8", errors="replace"))


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
        return float(self.theta0[_I[key]])


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
    for service, k in lv.bundling.items():
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
            rows.append((service.value, n + 1, "、".join(m.loc[lot == n, "building"]), float(lot_area[n])))
    return pd.DataFrame(rows, columns=["service", "lot", "buildings", "area"])


def _pool(it: pd.DataFrame, lv: Levers) -> pd.DataFrame:
    """Share ``q`` of each item's staff released by pooling (before realisation), and the groups."""
    it["pool_staff"] = np.where(it["converted"], it["workers"], it["staff"])
    member = (lv.staff_pooling & it["in_scope"] & it["cls"].isin(["ih", "lo", "lo_new"]) & it["norm"].notna()
              & ~it["restricted"] & (it["pool_staff"] > 0))
    m = it.loc[member].assign(_need=lambda d: d["area"] / d["norm"])
    g = m.groupby(["district", "service"]).agg(buildings=("building", "、".join), staff=("pool_staff", "sum"),
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
    f = {k: theta[i] for k, i in _I.items()}
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


# --- saved scenarios (方案) ------------------------------------------------------------------------
@dataclass(frozen=True)
class Saved:
    """A saved scenario as loaded: what a later save must name to be accepted (id and version)."""

    id: int
    name: str
    version: int
    levers: Levers
    description: str = ""
    owner: str = ""


def _saved(row: Scenario) -> Saved:
    assert row.id is not None
    return Saved(id=row.id, name=row.name, version=row.version, levers=parse_levers(row.levers),
                 description=row.description, owner=row.owner)


def load(session: Session, *, name: str) -> Saved | None:
    """The saved scenario called ``name`` (None if there is none)."""
    row = repo.get_scenario(session, name=name)
    return None if row is None else _saved(row)


def save(session: Session, *, name: str, levers: Levers | dict[str, Any] | str, actor: str, source: str,
         description: str | None = None, scenario_id: int | None = None, seen_version: int | None = None) -> Saved:
    """Save levers as a new scenario (no ``scenario_id``) or over the one loaded at ``seen_version``.

    The levers are checked first; saving over a scenario that someone else has changed since is
    refused (:class:`core.store.repo.StaleScenario`) and the stored scenario stays as it is.
    """
    text = to_json(parse_levers(levers))
    if scenario_id is None:
        return _saved(repo.insert_scenario(session, name=name, levers=text, description=description or "",
                                           actor=actor, source=source))
    if seen_version is None:
        raise ValueError("saving over a scenario needs the version it was loaded at")
    return _saved(repo.update_scenario(session, scenario_id=scenario_id, seen_version=seen_version, name=name,
                                       levers=text, description=description, actor=actor, source=source))


def rename(session: Session, *, scenario_id: int, seen_version: int, name: str, actor: str, source: str) -> Saved:
    """Rename a saved scenario (refused if it changed since ``seen_version`` or the name is taken)."""
    return _saved(repo.update_scenario(session, scenario_id=scenario_id, seen_version=seen_version, name=name,
                                       actor=actor, source=source))


def duplicate(session: Session, *, name: str, new_name: str, actor: str, source: str) -> Saved:
    """Save a copy of the scenario ``name`` (levers and description) as ``new_name``."""
    original = load(session, name=name)
    if original is None:
        raise repo.StaleScenario("sim.store.gone_name", name=name)
    return save(session, name=new_name, levers=original.levers, description=original.description, actor=actor,
                source=source)


def remove(session: Session, *, scenario_id: int, seen_version: int, actor: str, source: str) -> None:
    """Delete a saved scenario (refused if it changed since ``seen_version``)."""
    repo.delete_scenario(session, scenario_id=scenario_id, seen_version=seen_version, actor=actor, source=source)


def load_examples(session: Session, path: Path, *, actor: str, source: str) -> int:
    """Save the example scenarios of a JSON file (a list of ``name``, ``description``, ``levers``)
    that are not saved yet; returns how many were added."""
    added = 0
    for entry in json.loads(path.read_text(encoding="utf-8")):
        if repo.get_scenario(session, name=entry["name"]) is None:
            save(session, name=entry["name"], levers=entry["levers"], description=entry.get("description", ""),
                 actor=actor, source=source)
            added += 1
    return added
