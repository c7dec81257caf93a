"""Deterministic synthetic cities: the 16-building demo city and large cities for benchmarks.

Everything here is invented. The demo city is a plausible county-level city: its buildings,
departments and vendors have realistic names but no real counterpart. Costs are built bottom-up
from staffing intensities, the Jiangsu minimum-wage series in the assumption book plus a labelled
margin, and material, energy and repair intensities a facilities manager would recognise
(about 150-250 CNY per m² per year all in, one service worker per 600-900 m²).

The frames produced use natural keys (building name, service code …) and are the same layout as
the import templates, so the demo city is loaded through the same path as real data.

Run ``python -m core.demo.synth`` to rewrite ``data/demo/*.csv`` and ``data/reference/fee_standards.csv``.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from core.demo.city import (
    ACTUAL_SD,
    AREA_BANDS,
    BUDGET_SD,
    CANTEEN_DEPRECIATION_PER_DINER,
    CANTEEN_DINERS_PER_WORKER,
    CANTEEN_SUBSIDY_PER_DINER,
    CONFIDENTIAL_DEPRECIATION,
    CONFIDENTIAL_MATERIALS,
    CONFIDENTIAL_STAFF,
    CONTRACT_MATERIALS_FACTOR,
    DECLINING_VENDOR,
    DELIVERY_STAFFING,
    DEMO_BUILDINGS,
    DEMO_VENDORS,
    DEPARTMENTS,
    DINER_SHARE,
    DISPATCHED_SERVICES,
    ENERGY_TREND,
    ESTABLISHED_POSTS,
    MATERIAL_INFLATION,
    SERVICE_INTENSITY,
    SICHUAN_REPAIRS,
    STAFFING_NORM,
    STANDARD_LEVEL,
    TIER_INTENSITY,
    TIER_STANDARD,
    USABLE_SHARE,
    BuildingPlan,
    VendorPlan,
)
from core.domain.quality import CRITERION_SERVICES
from core.store.book import AssumptionBook
from core.store.layout import SPECS

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = ROOT / "data" / "reference"
DEMO_DIR = ROOT / "data" / "demo"
DEMO_SEED = 20_251_231
YEARS: tuple[int, ...] = tuple(range(2019, 2026))
QUARTERS: tuple[tuple[int, int], ...] = tuple((y, q) for y in (2023, 2024, 2025) for q in (1, 2, 3, 4))

ENERGY_PER_M2 = 45.0  # CNY/m²·yr at tier 2, 2019
REPAIRS_PER_M2 = 6.0  # CNY/m²·yr at age 10


TABLES: tuple[str, ...] = (
    "departments", "buildings", "occupancy", "vendors", "vendor_decisions", "contracts",
    "arrangements", "cost_records", "quality_assessments",
)


# --- reference data ------------------------------------------------------------------------------
def read_reference(folder: Path = REFERENCE_DIR) -> dict[str, pd.DataFrame]:
    """The curated reference tables: services, assumptions and fee standards."""
    return {
        name: pd.read_csv(folder / f"{name}.csv", encoding="utf-8", keep_default_na=False, na_values=[""])
        for name in ("services", "assumptions", "fee_standards")
        if (folder / f"{name}.csv").exists()
    }


def fee_standards() -> pd.DataFrame:
    """Fee and staffing standards per service, tier and area band (the reference standards)."""
    rows = []
    for service, level in STANDARD_LEVEL.items():
        for tier in (1, 2, 3):
            for band, (lo, hi) in enumerate(AREA_BANDS):
                if service == "repairs":
                    fee: float | None = round(SICHUAN_REPAIRS[band] * TIER_STANDARD[tier], 2)
                    basis = "sourced" if tier == 2 else "assumption"
                    source = ("川机管发〔2015〕53号 房屋日常维护 by building area"
                              + ("" if tier == 2 else "; tier factor is our assumption")
                              + ("; band above 40,000 m² carries the last published figure" if band == 6 else ""))
                elif level is None:
                    fee, basis, source = None, "assumption", "No market standard: restricted or per-diner service"
                else:
                    # Falls with building size after the Sichuan pattern, a little damped.
                    ratio = (SICHUAN_REPAIRS[band] / SICHUAN_REPAIRS[3]) ** 0.75
                    fee = round(level * ratio * TIER_STANDARD[tier], 2)
                    basis = "assumption"
                    source = "Assumption: level ours, falling with area after the pattern of 川机管发〔2015〕53号"
                norm = STAFFING_NORM.get(service)
                rows.append({
                    "service": service, "tier": tier, "area_min_m2": lo, "area_max_m2": hi,
                    "fee_per_m2_month": fee,
                    "m2_per_worker": round(norm[0] / TIER_INTENSITY[tier]) if norm else None,
                    "basis": basis,
                    "source": source + (f" | staffing: {norm[1]}" if norm else ""),
                })
    return pd.DataFrame(rows)


# --- generation ----------------------------------------------------------------------------------
def services_present(plan: BuildingPlan, served_staff: float) -> list[str]:
    """Which of the twelve services a building has, from its size, staff and duties."""
    s = ["property_mgmt", "cleaning", "security", "facilities", "repairs", "energy"]
    if plan.area >= 4_000:
        s.append("reception")
    if served_staff >= 60:
        s.append("canteen")
    if plan.area >= 6_000:
        s.append("greening")
    if plan.area >= 8_000 or plan.tier == 1:
        s.append("conference")
    if plan.area >= 5_000:
        s.append("mail_print")
    if plan.confidential:
        s.append("confidential")
    return s


def planned_delivery(plan: BuildingPlan, service: str, restricted: bool) -> str | None:
    """The delivery of one service under the building's planned mode (overrides first)."""
    if service in ("repairs", "energy"):
        return None
    if service in plan.deliveries:
        return plan.deliveries[service]
    if service == "confidential":  # no vendor on the register offers it: kept in-house in every mode
        return "in_house"
    if plan.mode == "self":
        return "in_house"
    if plan.mode == "full":
        return "contracted"
    if plan.mode == "partial":
        return "contracted" if service in ("facilities", "greening", "canteen") else "labour_only"
    return "in_house" if restricted else ("contracted" if service == "facilities" else "in_house")


@dataclass(frozen=True)
class _Item:
    """One planned arrangement: a service in a building and how it will be delivered."""

    plan: BuildingPlan
    service: str
    delivery: str | None
    served: float  # staff of the departments in the building
    restricted: bool
    efficiency: float  # the building's staffing factor (1 = at the generator's intensity)
    booked: float  # share of in-house on-costs the ledger books against the service
    age: int


@dataclass
class _Ctx:
    rng: np.random.Generator
    book: AssumptionBook
    services: pd.DataFrame
    vendors: tuple[VendorPlan, ...]
    wage: dict[int, float] = field(default_factory=dict)


def _money(x: float) -> float:
    return float(round(x, -1))


def _workers(need: float) -> int:
    return max(1, math.floor(need + 0.5))


def generate(
    buildings: Iterable[BuildingPlan],
    departments: Iterable[tuple[str, str, int, str]],
    vendors: tuple[VendorPlan, ...],
    seed: int,
    reference: dict[str, pd.DataFrame] | None = None,
) -> dict[str, pd.DataFrame]:
    """A whole city in the import layout (natural keys), deterministic for a given seed."""
    ref = reference or read_reference()
    ctx = _Ctx(np.random.default_rng(seed), AssumptionBook(ref["assumptions"]), ref["services"], vendors)
    margin = ctx.book.value("wage_margin")
    ctx.wage = {y: ctx.book.annual_mean("min_wage_class1", y) * 12 * (1 + margin) for y in YEARS}
    plans = list(buildings)
    departments = list(departments)
    dept_rows = [
        {"name": n, "kind": k, "staff_headcount": s, "parent": p} for n, k, s, p in departments
    ]
    staff_of = {name: staff for name, _kind, staff, _parent in departments}
    restricted_service = {
        code: str(flag).strip().lower() in ("true", "1")
        for code, flag in zip(ctx.services["code"], ctx.services["restricted"])
    }

    building_rows, occupancy_rows, arrangement_rows, cost_rows = [], [], [], []
    arrangement_plan: list[_Item] = []
    for plan in plans:
        building_rows.append({
            "name": plan.name, "district": plan.district, "gross_floor_area_m2": plan.area,
            "year_built": plan.year_built, "tier": plan.tier, "managed_by": plan.managed_by,
        })
        staff_here = {d: round(staff_of[d] * share) for d, share in plan.occupants}
        served = float(sum(staff_here.values()))
        usable = plan.area * USABLE_SHARE
        # Public-facing units get hall space on top of their staff's share.
        weights = {d: s * (1.8 if "审批" in d or "服务" in d or "交易" in d or "登记" in d else 1.0)
                   for d, s in staff_here.items()}
        total_w = sum(weights.values()) or 1.0
        for d, s in staff_here.items():
            occupancy_rows.append({"building": plan.name, "department": d,
                                   "floor_area_m2": round(usable * weights[d] / total_w), "staff": s})
        efficiency = float(ctx.rng.lognormal(0, 0.10))
        booked_on_costs = float(ctx.rng.choice([0.0, 0.5, 1.0]))
        age = 2025 - plan.year_built
        for service in services_present(plan, served):
            restricted = restricted_service[service] or (service == "security" and plan.restricted_security)
            delivery = planned_delivery(plan, service, restricted)
            arrangement_plan.append(_Item(
                plan=plan, service=service, delivery=delivery, served=served, restricted=restricted,
                efficiency=efficiency * float(ctx.rng.lognormal(0, 0.08)), booked=booked_on_costs, age=age,
            ))

    contracts, assignment = _contracts(ctx, arrangement_plan)
    for a in arrangement_plan:
        row, costs = _arrangement(ctx, a)
        row["contract"] = assignment.get((a.plan.name, a.service), "")
        arrangement_rows.append(row)
        cost_rows.extend(costs)

    costs_df = pd.DataFrame(cost_rows)
    _price_contracts(contracts, assignment, costs_df, ctx.rng, ctx.book.value("direct_award_flag_threshold"))
    vendors_df, decisions_df = _vendor_tables(ctx)
    city = {
        "departments": pd.DataFrame(dept_rows),
        "buildings": pd.DataFrame(building_rows),
        "occupancy": pd.DataFrame(occupancy_rows),
        "vendors": vendors_df,
        "vendor_decisions": decisions_df,
        "contracts": pd.DataFrame(contracts).drop(columns=["lot"]),
        "arrangements": pd.DataFrame(arrangement_rows),
        "cost_records": costs_df,
        "quality_assessments": _assessments(ctx, arrangement_plan, assignment, contracts),
    }
    return {name: frame[list(SPECS[name].columns)] for name, frame in city.items()}  # the import layout


def _arrangement(ctx: _Ctx, a: _Item) -> tuple[dict[str, object], list[dict[str, object]]]:
    """One arrangement row and its seven years of ledger."""
    plan, service, delivery = a.plan, a.service, a.delivery
    eff, age, served = a.efficiency, a.age, a.served
    rng = ctx.rng
    on_cost = ctx.book.value("on_cost_rate")
    mgmt = ctx.book.value("management_fee_rate")
    vat = ctx.book.value("vat_rate")
    tier = TIER_INTENSITY[plan.tier]
    staff = 0
    wage_mult = 1.0
    materials = depreciation = 0.0
    if service in SERVICE_INTENSITY:
        m2, minimum, wage_mult, mat_m2, dep_m2 = SERVICE_INTENSITY[service]
        need = max(minimum, plan.area / m2 * tier)
        staff = _workers(need * DELIVERY_STAFFING[str(delivery)] * eff)
        materials = mat_m2 * plan.area * tier
        depreciation = dep_m2 * plan.area
    elif service == "canteen":
        diners = served * DINER_SHARE
        staff = _workers(max(2, diners / CANTEEN_DINERS_PER_WORKER) * DELIVERY_STAFFING[str(delivery)] * eff)
        wage_mult, materials, depreciation = 1.3, diners * CANTEEN_SUBSIDY_PER_DINER, diners * CANTEEN_DEPRECIATION_PER_DINER
    elif service == "confidential":
        staff, wage_mult, materials, depreciation = CONFIDENTIAL_STAFF, 1.5, CONFIDENTIAL_MATERIALS, CONFIDENTIAL_DEPRECIATION
    if delivery == "contracted":
        depreciation = 0.0  # the vendor's equipment is in its price
        materials *= CONTRACT_MATERIALS_FACTOR
    budget_sd, actual_sd = BUDGET_SD[plan.mode], ACTUAL_SD[plan.mode]
    row: dict[str, object] = {
        "building": plan.name, "service": service, "delivery": delivery or "",
        "staff_in_house": staff if delivery == "in_house" else 0,
        "staff_vendor": staff if delivery in ("labour_only", "contracted") else 0,
        "tenure_years": round(float(rng.uniform(2, 12)) * 2) / 2 if delivery == "in_house" else 0,
        "depreciation": _money(depreciation),
        "restricted": "true" if (service == "security" and plan.restricted_security) else "",
        **employment_types(plan, service, staff if delivery == "in_house" else 0),
    }
    costs: list[dict[str, object]] = []
    previous_actual: float | None = None
    lumpy = rng.gamma(0.6, 1 / 0.6, size=len(YEARS))  # medium and major repairs come in lumps
    for i, year in enumerate(YEARS):
        price = (1 + MATERIAL_INFLATION) ** (year - YEARS[0])
        noise = float(rng.lognormal(0, actual_sd))
        line = dict.fromkeys(("labour", "on_costs", "materials", "management_fee", "tax", "energy", "repairs"), 0.0)
        if service == "energy":
            line["energy"] = (ENERGY_PER_M2 * plan.area * TIER_STANDARD[plan.tier] * (1 + 0.008 * (age - 10))
                              * (1 + ENERGY_TREND) ** (year - YEARS[0]) * float(rng.lognormal(0, 0.06)))
        elif service == "repairs":
            line["repairs"] = REPAIRS_PER_M2 * plan.area * max(0.4, 1 + 0.04 * (age - 10)) * float(lumpy[i])
        else:
            labour = staff * ctx.wage[year] * wage_mult * noise
            mat = materials * price * float(rng.lognormal(0, 0.08))
            line["labour"] = labour
            line["materials"] = mat
            if delivery == "in_house":
                line["on_costs"] = labour * on_cost * a.booked
            else:
                line["on_costs"] = labour * on_cost
                billed = line["labour"] + line["on_costs"] + (mat if delivery == "contracted" else 0.0)
                line["management_fee"] = billed * mgmt
                line["tax"] = (billed + line["management_fee"]) * vat
        actual = sum(line.values())
        if service in ("energy", "repairs"):
            budget = actual * float(rng.lognormal(0, 0.05)) if service == "energy" else (
                REPAIRS_PER_M2 * plan.area * max(0.4, 1 + 0.04 * (age - 10)) * float(rng.lognormal(0, 0.1)))
        elif previous_actual is None:
            budget = actual * float(rng.lognormal(0, budget_sd))
        else:
            budget = previous_actual * 1.03 * float(rng.lognormal(0, budget_sd))
        previous_actual = actual
        costs.append({"building": plan.name, "service": service, "year": year, "month": 0,
                      **{k: _money(v) for k, v in line.items()}, "budget": _money(budget)})
    return row, costs


def employment_types(plan: BuildingPlan, service: str, staff: int) -> dict[str, int]:
    """How an in-house team is employed (编制内 / 编外合同 / 劳务派遣), by a fixed rule of the demo city:
    confidential work and part of the management and equipment posts are established (工勤编制); the
    Bureau-run self-service buildings hire cleaners and guards through an agency; the rest are on labour
    contracts (编外合同)."""
    if staff <= 0:
        return {"staff_established": 0, "staff_contract": 0, "staff_dispatched": 0}
    rule = ESTABLISHED_POSTS.get(service)
    established = rule(staff) if rule is not None else 0
    dispatched = (staff - established + 1) // 2 if plan.mode == "self" and service in DISPATCHED_SERVICES else 0
    return {"staff_established": established, "staff_contract": staff - established - dispatched,
            "staff_dispatched": dispatched}


def _vendors_for(ctx: _Ctx, service: str, restricted: bool) -> list[VendorPlan]:
    pool = [v for v in ctx.vendors if service in v.lines and v.status in ("admitted", "suspended")]
    if restricted:
        pool = [v for v in pool if v.cleared] or pool
    return pool


def _contracts(ctx: _Ctx, plan: list[_Item]) -> tuple[list[dict[str, object]], dict[tuple[str, str], str]]:
    """Group outsourced arrangements into contracts (lots) and pick a vendor and channel for each."""
    lots: dict[tuple[str, ...], list[_Item]] = {}
    for a in plan:
        if a.delivery not in ("labour_only", "contracted"):
            continue
        b, service = a.plan, a.service
        key: tuple[str, ...]
        if service in b.vendors:
            key = ("item", b.name, service)
        elif b.mode == "full" and service != "canteen":
            key = ("whole", b.name)  # whole-building property contract
        elif service in ("cleaning", "security", "greening", "facilities") and b.mode != "full":
            key = ("lot", service, str(a.delivery), b.district if service in ("cleaning", "security") else "")
        else:
            key = ("item", b.name, service)
        lots.setdefault(key, []).append(a)
    contracts: list[dict[str, object]] = []
    assignment: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    rng = ctx.rng
    zh_name = dict(zip(ctx.services["code"], ctx.services["name_zh"]))
    for key in sorted(lots, key=lambda k: tuple(str(x) for x in k)):
        members = lots[key]
        services = sorted({m.service for m in members})
        restricted = any(m.restricted for m in members)
        if key[0] == "whole":
            pool = [v for v in ctx.vendors if v.status == "admitted" and set(services) <= set(v.lines)]
            if restricted:
                pool = [v for v in pool if v.cleared] or pool
        else:
            pool = _vendors_for(ctx, services[0], restricted)
        labour_only = any(m.delivery == "labour_only" for m in members)
        if labour_only:
            pool = [v for v in pool if "人力" in v.name or "劳务" in v.name or v.level <= 2] or pool
        vendor = pool[int(rng.integers(len(pool)))]
        forced = members[0].plan.vendors.get(services[0]) if key[0] == "item" else None
        if forced:
            vendor = next(v for v in ctx.vendors if v.name == forced)
        year = int(rng.choice([2024, 2025, 2025]))
        signed = dt.date(year, int(rng.integers(1, 12)), int(rng.integers(1, 28)))
        start = signed + dt.timedelta(days=15)
        term = int(rng.choice([24, 36, 36]))
        end_month = start.month - 1 + term
        end = dt.date(start.year + end_month // 12, end_month % 12 + 1, 1) - dt.timedelta(days=1)
        counters[str(year)] = counters.get(str(year), 0) + 1
        code = f"JGSW-{year}-{counters[str(year)]:03d}"
        names = sorted({m.plan.name for m in members})
        title = ("、".join(names[:3]) + ("等" if len(names) > 3 else "")
                 + ("整体物业服务" if key[0] == "whole" else "、".join(zh_name[s] for s in services) + "服务"))
        # multi-building lots on three-year terms are re-signed every year (服务期三年，合同一年一签):
        # their price can be reviewed at the anniversary that follows the ledger
        review = dt.date(YEARS[-1] + 1, start.month, min(start.day, 28))
        reviewed = key[0] == "lot" and term == 36 and start < review < end
        contracts.append({"code": code, "title": title, "vendor": vendor.name, "channel": "",
                          "signed_on": signed.isoformat(), "start_date": start.isoformat(),
                          "end_date": end.isoformat(), "annual_price": 0.0,
                          "review_date": review.isoformat() if reviewed else "", "lot": key})
        for m in members:
            assignment[(m.plan.name, m.service)] = code
    # A blacklisted vendor's expired contract stays on the register as history.
    for v in ctx.vendors:
        if v.status == "blacklisted":
            contracts.append({"code": "JGSW-2021-090", "title": "交通水利大楼秩序维护服务", "vendor": v.name,
                              "channel": "competitive_consultation", "signed_on": "2021-03-10",
                              "start_date": "2021-04-01", "end_date": "2023-03-31",
                              "annual_price": 486_000.0, "review_date": "", "lot": ("history",)})
    contracts.sort(key=lambda c: str(c["code"]))
    return contracts, assignment


def _price_contracts(contracts: list[dict[str, object]], assignment: dict[tuple[str, str], str],
                     costs: pd.DataFrame, rng: np.random.Generator, flag_above: float) -> None:
    """Annual price = the vendor-billed part of the latest year's ledger; channel follows the amount."""
    latest = costs.loc[costs["year"] == YEARS[-1]].copy()
    latest["code"] = [assignment.get((b, s), "") for b, s in zip(latest["building"], latest["service"])]
    billed = latest["labour"] + latest["on_costs"] + latest["management_fee"] + latest["tax"]
    # materials are in the price only for contracted items; those rows carry tax on materials too
    latest["billed"] = billed
    by_code = latest.groupby("code")["billed"].sum()
    for c in contracts:
        if c["lot"] == ("history",):
            continue
        price = float(by_code.get(str(c["code"]), 0.0))
        c["annual_price"] = _money(price)
        # Procurement practice by amount: large lots are tendered; small ones are negotiated or awarded.
        draw = float(rng.random())
        if price >= 1_500_000:
            c["channel"] = "public_tender"
        elif price >= 300_000:
            c["channel"] = "public_tender" if draw < 0.3 else "competitive_consultation"
        else:
            c["channel"] = ("competitive_consultation" if draw < 0.5 else
                            "direct_award" if draw < 0.85 else "single_source")
    # Two non-competitive awards above the flag threshold, the kind the fee gate must catch.
    big = sorted((c for c in contracts if c["channel"] == "public_tender"
                  and float(str(c["annual_price"])) >= flag_above),
                 key=lambda c: (float(str(c["annual_price"])), str(c["code"])))
    for c, channel in zip(big[:2], ("single_source", "direct_award")):
        c["channel"] = channel


def _vendor_tables(ctx: _Ctx) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, decisions = [], []
    for i, v in enumerate(ctx.vendors):
        code = "91320999" + f"{i:02d}" + "".join(
            "0123456789ABCDEFGHJKLMNPQRTUWXY"[int(x)] for x in ctx.rng.integers(0, 31, size=8))
        applied = dt.date(2018 + i % 5, 1 + i % 12, 5 + i % 20)
        status_date = applied + dt.timedelta(days=30) if v.status != "applied" else dt.date(2025, 10, 8 + i % 10)
        if v.status in ("suspended", "blacklisted"):
            status_date = dt.date(2025, 7, 15) if v.status == "suspended" else dt.date(2023, 1, 20)
        rows.append({"name": v.name, "credit_code": code, "qualification_level": v.level,
                     "service_lines": ";".join(v.lines), "registered_capital_wan": v.capital_wan,
                     "founded_year": v.founded, "status": v.status, "status_reason": v.reason,
                     "status_date": status_date.isoformat(), "confidential_cleared": "true" if v.cleared else "false"})
        decisions.append({"vendor": v.name, "decided_on": applied.isoformat(), "from_status": "",
                          "to_status": "applied", "reason": "提交准入申请", "criteria": "", "decided_by": "服务保障科"})
        if v.status != "applied":
            decisions.append({"vendor": v.name, "decided_on": (applied + dt.timedelta(days=30)).isoformat(),
                              "from_status": "applied", "to_status": "admitted",
                              "reason": "资质、信用记录审核通过", "criteria": "",
                              "decided_by": "市机关事务管理局"})
        if v.status in ("suspended", "blacklisted"):
            decisions.append({"vendor": v.name, "decided_on": status_date.isoformat(), "from_status": "admitted",
                              "to_status": v.status, "reason": v.reason, "criteria": "",
                              "decided_by": "市机关事务管理局"})
    return pd.DataFrame(rows), pd.DataFrame(decisions)


IN_HOUSE_QUALITY = 82.0


def _assessments(ctx: _Ctx, plan: list[_Item], assignment: dict[tuple[str, str], str],
                 contracts: list[dict[str, object]]) -> pd.DataFrame:
    """Quarterly scores 2023-2025: each criterion scored by the quality of whoever provides it."""
    vendor_of_contract = {str(c["code"]): str(c["vendor"]) for c in contracts}
    quality = {v.name: v.quality for v in ctx.vendors}
    by_building: dict[str, dict[str, str]] = {}
    for a in plan:
        code = assignment.get((a.plan.name, a.service))
        by_building.setdefault(a.plan.name, {})[a.service] = vendor_of_contract[code] if code else ""
    rows = []
    for b, providers in by_building.items():
        for qi, (year, quarter) in enumerate(QUARTERS):
            row: dict[str, object] = {"building": b, "year": year, "quarter": quarter}
            means = []
            for criterion, services in CRITERION_SERVICES.items():
                service = next((s for s in services if s in providers), None)
                if service is None:
                    row[criterion] = None
                    continue
                vendor = providers[service]
                base = quality.get(vendor, IN_HOUSE_QUALITY) if vendor else IN_HOUSE_QUALITY
                if vendor == DECLINING_VENDOR and qi >= len(QUARTERS) - 2:
                    base = 71.0
                score = float(np.clip(base + ctx.rng.normal(0, 2.5) + 0.15 * qi, 0, 100))
                row[criterion] = round(score, 1)
                means.append(score)
            row["satisfaction"] = round(float(np.clip(np.mean(means) + ctx.rng.normal(0, 3), 0, 100)), 1)
            row["assessor"] = "市机关事务管理局考核组"
            rows.append(row)
    return pd.DataFrame(rows)


def demo_city(reference: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """The demo city: 16 buildings, 64 departments, 20 vendors, ledgers 2019-2025."""
    return generate(DEMO_BUILDINGS, DEPARTMENTS, DEMO_VENDORS, DEMO_SEED, reference)


def write_city(city: dict[str, pd.DataFrame], folder: Path) -> None:
    """Write every table of a city as UTF-8 CSV into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        city[name].to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")


if __name__ == "__main__":
    fee_standards().to_csv(REFERENCE_DIR / "fee_standards.csv", index=False, encoding="utf-8", lineterminator="\n")
    write_city(demo_city(), DEMO_DIR)
    print(f"wrote {DEMO_DIR} and {REFERENCE_DIR / 'fee_standards.csv'}")
