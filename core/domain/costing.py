"""The full-cost model (全成本): what every arrangement really costs a year, by delivery type.

The ledger (:mod:`core.domain.spending`) shows what was paid. It is not a fair basis for comparing the
support modes, because it hides costs unevenly (GAO/NSIAD-00-107; OMB A-76): in-house services
carry overhead nobody invoices, labour-only vendors need agency staff to direct them, contracts need
administering, and agencies book the social insurance of their hired labour inconsistently. Full
cost adds those back with factors from the assumption book, never literals, and keeps each one
visible ("show the working"). Per arrangement and year [CNY/yr]:

- ``in_house``: personnel = ledger wages × (1 + ``on_cost_rate``). Wages are the ledger's wage bill,
  i.e. the actual staff at their actual pay, not authorised posts at an average salary. On-costs
  are *imputed* at the book's statutory rate rather than taken from the ledger's ``on_costs``
  column, because agencies book hired labour's social insurance against the service in some
  buildings, partly or not at all in others; imputing puts every building on the same footing.
  Plus materials, plus depreciation of agency equipment, plus ``overhead_rate`` × personnel
  (A-76: 12 % of personnel cost).
- ``labour_only``: vendor invoice = ledger wages + on-costs + management fee + tax (= vendor staff ×
  price per head), plus agency-supplied materials and depreciation, plus ``supervision_rate`` ×
  invoice.
- ``contracted``: contract price = ledger wages + on-costs + materials + management fee + tax, plus
  ``contract_admin_rate`` × price.
- paid at actual (energy, medium and major repairs): as recorded.

Depreciation (:attr:`core.store.models.Arrangement.depreciation`) counts wherever an arrangement records
it: agency-owned equipment costs the agency whoever operates it (contracts normally record none,
the vendor's equipment being in its price). The cost lines reported are :data:`COST_LINES`; VAT is
its own line (``tax``) so a tax-neutral view can leave it out. Each arrangement keeps its current
delivery for every year of its ledger (the store keeps no history of deliveries).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from core.domain.modes import MODE_ORDER, modes_of_buildings
from core.store.book import AssumptionBook, Factor
from core.store.repo import COST_COMPONENTS, Portfolio

COST_LINES: tuple[str, ...] = (*COST_COMPONENTS, "depreciation", "indirect")
KINDS: tuple[str, ...] = ("in_house", "labour_only", "contracted", "actual")
# the assumption-book factor behind each kind's indirect line
INDIRECT_FACTOR: dict[str, str] = {
    "in_house": "overhead_rate", "labour_only": "supervision_rate", "contracted": "contract_admin_rate",
}
FACTOR_KEYS: tuple[str, ...] = ("on_cost_rate", *INDIRECT_FACTOR.values())
WORKING_COLUMNS: tuple[str, ...] = (
    "service", "delivery", "line", "amount", "factor", "value", "unit", "rule", "basis", "source")


# --- factors --------------------------------------------------------------------------------------
def factor_in_year(book: AssumptionBook, key: str, year: int) -> Factor:
    """The factor ``key`` in force in the middle of ``year`` (1 July).

    A year earlier than every entry of the book uses the book's first entry for the key.
    """
    try:
        return book.factor(key, dt.date(year, 7, 1))
    except KeyError:
        first = book.frame.loc[book.frame["key"] == key, "effective_date"]
        if first.empty:
            raise
        return book.factor(key, first.iloc[0])


def factors_by_year(book: AssumptionBook, years: Iterable[int]) -> pd.DataFrame:
    """Value of every :data:`FACTOR_KEYS` factor per year: index year, one column per key."""
    ys = sorted({int(y) for y in years})
    return pd.DataFrame({k: [factor_in_year(book, k, y).value for y in ys] for k in FACTOR_KEYS},
                        index=pd.Index(ys, name="year"), dtype=float)


# --- the model ------------------------------------------------------------------------------------
def arrangement_costs(p: Portfolio) -> pd.DataFrame:
    """Annual full cost of every arrangement in every year of its ledger [CNY/yr] (computed once per
    portfolio and shared: treat as read-only). See :func:`_arrangement_costs`."""
    return p.derived("arrangement_costs", lambda: _arrangement_costs(p))


def _arrangement_costs(p: Portfolio) -> pd.DataFrame:
    """Annual full cost of every arrangement in every year of its ledger [CNY/yr].

    One row per arrangement and year (monthly records are summed). Columns: ``arrangement_id``,
    ``building_id``, ``service``, ``kind`` (a delivery type, or ``actual`` for items paid at actual),
    ``year``, the :data:`COST_LINES`, ``full_cost`` (their sum), ``recorded`` (the ledger's actual),
    ``budget``, ``booked_on_costs`` (the ledger's on-costs, replaced by the imputed ones in-house),
    ``indirect_base`` (what the indirect rate applies to) and ``indirect_factor`` (its book key).
    """
    money = [*COST_COMPONENTS, "budget"]
    c = p.costs
    g = c.groupby(["arrangement_id", "year"], as_index=False, sort=True)[[*money, "actual"]].sum()
    a = p.arrangements.set_index("id")
    ids = g["arrangement_id"]
    g.insert(1, "building_id", ids.map(a["building_id"]).to_numpy())
    g.insert(2, "service", ids.map(a["service"]).to_numpy())
    delivery = ids.map(a["delivery"]).astype(object)
    paid = ids.map(a["paid_at_actual"]).astype(bool)
    kind = np.where(paid | ~delivery.isin(list(INDIRECT_FACTOR)), "actual", delivery.astype(str))
    g.insert(3, "kind", kind)
    g["depreciation"] = ids.map(a["depreciation"]).fillna(0.0).to_numpy(dtype=float)

    f = factors_by_year(p.book, g["year"].unique()).reindex(g["year"]).to_numpy()
    on_cost_rate, overhead, supervision, admin = f[:, 0], f[:, 1], f[:, 2], f[:, 3]
    ih, lo, ct = kind == "in_house", kind == "labour_only", kind == "contracted"
    g["booked_on_costs"] = g["on_costs"]
    g["on_costs"] = np.where(ih, g["labour"] * on_cost_rate, g["on_costs"])
    personnel = g["labour"] + g["on_costs"]
    invoice = personnel + g["management_fee"] + g["tax"]
    price = invoice + g["materials"]
    g["indirect_base"] = np.select([ih, lo, ct], [personnel, invoice, price], 0.0)
    g["indirect"] = g["indirect_base"] * np.select([ih, lo, ct], [overhead, supervision, admin], 0.0)
    g["indirect_factor"] = np.select([ih, lo, ct], [INDIRECT_FACTOR[k] for k in INDIRECT_FACTOR], "")
    g["full_cost"] = g[list(COST_LINES)].sum(axis=1)
    g = g.rename(columns={"actual": "recorded"})
    return g[["arrangement_id", "building_id", "service", "kind", "year", *COST_LINES, "full_cost", "recorded",
              "budget", "booked_on_costs", "indirect_base", "indirect_factor"]]


def select(
    costs: pd.DataFrame, *, year: int | None = None, services: Sequence[str] | None = None,
    buildings: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Rows of :func:`arrangement_costs` for one year, some services, some buildings (empty = all)."""
    keep = np.ones(len(costs), dtype=bool)
    if year is not None:
        keep &= (costs["year"] == year).to_numpy()
    if services:
        keep &= costs["service"].isin(list(services)).to_numpy()
    if buildings:
        keep &= costs["building_id"].isin(list(buildings)).to_numpy()
    return costs.loc[keep]


def total(costs: pd.DataFrame, *, tax_neutral: bool = False) -> pd.Series:
    """Full cost per row [CNY/yr]; ``tax_neutral`` leaves out the VAT on vendor invoices."""
    return costs["full_cost"] - costs["tax"] if tax_neutral else costs["full_cost"]


# --- roll-ups -------------------------------------------------------------------------------------
SUMS: tuple[str, ...] = (*COST_LINES, "full_cost", "recorded", "budget")


def rollup(costs: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Sum the cost lines, full cost, recorded spending and budget over ``by`` [CNY/yr]."""
    return costs.groupby(by, as_index=False, sort=True)[list(SUMS)].sum()


def by_building(p: Portfolio, costs: pd.DataFrame) -> pd.DataFrame:
    """Full cost per building (and year, if several): the roll-up plus name, area and mode."""
    keys = ["building_id", "year"] if costs["year"].nunique() > 1 else ["building_id"]
    g = rollup(costs, keys)
    b = p.buildings.set_index("id")
    g["building"] = g["building_id"].map(b["name"])
    g["area_m2"] = g["building_id"].map(b["gross_floor_area_m2"])
    g["mode"] = g["building_id"].map(modes_of_buildings(p.arrangements, p.buildings["id"]))
    return g


def by_mode(p: Portfolio, costs: pd.DataFrame) -> pd.DataFrame:
    """Full cost per derived support mode, in the fixed mode order; per m² of the mode's buildings."""
    g = by_building(p, costs)
    out = g.groupby("mode").agg(buildings=("building_id", "nunique"), area_m2=("area_m2", "sum"),
                                **{c: (c, "sum") for c in SUMS})
    out = out.reindex([m.value for m in MODE_ORDER]).fillna(0.0)
    out["buildings"] = out["buildings"].astype(int)
    out["cost_per_m2"] = out["full_cost"] / out["area_m2"].where(out["area_m2"] > 0)
    return out.reset_index()


def by_service(p: Portfolio, costs: pd.DataFrame) -> pd.DataFrame:
    """Full cost per service item, in the services' order."""
    g = rollup(costs, "service")
    order = {code: i for i, code in enumerate(p.services["code"])}
    return g.sort_values("service", key=lambda s: s.map(order)).reset_index(drop=True)


def allocation_shares(p: Portfolio, *, basis: str = "area") -> pd.DataFrame:
    """Each department's share of each building's cost: by occupied floor area or by staff.

    ``basis`` is ``"area"`` (Occupancy.floor_area_m2) or ``"staff"`` (Occupancy.staff). A building
    nobody occupies, or whose occupants have no area (staff) recorded, is charged wholly to the
    department that manages it. Columns: ``building_id``, ``department_id``, ``weight``, ``share``.
    """
    if basis not in ("area", "staff"):
        raise ValueError(f"allocation basis must be 'area' or 'staff', not {basis!r}")
    col = "floor_area_m2" if basis == "area" else "staff"
    occ = p.occupancy[["building_id", "department_id", col]].rename(columns={col: "weight"})
    occ = occ.assign(weight=occ["weight"].astype(float))
    occ = occ.loc[occ.groupby("building_id")["weight"].transform("sum") > 0]
    orphans = p.buildings.loc[~p.buildings["id"].isin(occ["building_id"]), ["id", "managed_by_id"]]
    fallback = pd.DataFrame({"building_id": orphans["id"], "department_id": orphans["managed_by_id"], "weight": 1.0})
    s = pd.concat([occ, fallback], ignore_index=True)
    s["share"] = s["weight"] / s.groupby("building_id")["weight"].transform("sum")
    return s.sort_values(["building_id", "department_id"]).reset_index(drop=True)


def allocate(amounts: pd.Series, shares: pd.DataFrame) -> pd.DataFrame:
    """Split each building's amount [CNY] among its departments, exactly to the fen.

    ``amounts`` is indexed by building id. Each amount is rounded to the fen (0.01 CNY) and divided
    by the largest-remainder method, so the departments' shares of a building add up to its
    (rounded) amount exactly. Columns: ``building_id``, ``department_id``, ``share``,
    ``allocated_fen`` [0.01 CNY, integer] and ``allocated`` [CNY].
    """
    s = shares.loc[shares["building_id"].isin(amounts.index)].copy()
    fen = np.rint(amounts.astype(float) * 100).astype(np.int64)
    s["total_fen"] = s["building_id"].map(fen).to_numpy(dtype=np.int64)
    raw = s["total_fen"].to_numpy(dtype=float) * s["share"].to_numpy()
    base = np.floor(raw).astype(np.int64)
    s["base"] = base
    s["rest"] = raw - base
    left = s["total_fen"] - s.groupby("building_id")["base"].transform("sum")
    # the departments with the largest remainders get one fen more, until the building adds up
    rank = s.sort_values(["building_id", "rest", "department_id"], ascending=[True, False, True]) \
        .groupby("building_id").cumcount()
    s["allocated_fen"] = s["base"] + (rank.reindex(s.index) < left).astype(np.int64)
    s["allocated"] = s["allocated_fen"] / 100
    return s[["building_id", "department_id", "share", "allocated_fen", "allocated"]].reset_index(drop=True)


def department_allocation(p: Portfolio, costs: pd.DataFrame, *, basis: str = "area",
                          tax_neutral: bool = False) -> pd.DataFrame:
    """How each building's full cost in ``costs`` is shared among its departments (分摊明细).

    One row per building and department: ``building``, ``department``, ``share``, the occupied
    ``floor_area_m2`` and ``staff`` there, and ``allocated`` [CNY/yr] (exact to the fen).
    """
    amounts = costs.assign(_t=total(costs, tax_neutral=tax_neutral)).groupby("building_id")["_t"].sum()
    out = allocate(amounts, allocation_shares(p, basis=basis))
    occ = p.occupancy.set_index(["building_id", "department_id"])[["floor_area_m2", "staff"]]
    out = out.join(occ, on=["building_id", "department_id"])
    out[["floor_area_m2", "staff"]] = out[["floor_area_m2", "staff"]].fillna(0.0)
    out["building"] = out["building_id"].map(p.buildings.set_index("id")["name"])
    out["department"] = out["department_id"].map(p.departments.set_index("id")["name"])
    return out


def department_table(p: Portfolio, costs: pd.DataFrame, *, basis: str = "area",
                     tax_neutral: bool = False) -> pd.DataFrame:
    """What each department's services cost (transparency): allocated full cost, per staff, per m².

    Columns: ``department``, ``kind``, ``buildings`` (names), ``floor_area_m2`` occupied, ``staff``
    located there, ``allocated`` [CNY/yr], ``per_staff`` [CNY/person·yr], ``per_m2`` [CNY/m²·yr of
    occupied floor area], and ``mode``, the support mode of the building that bears most of the
    department's cost. Sorted by allocated cost, largest first.
    """
    alloc = department_allocation(p, costs, basis=basis, tax_neutral=tax_neutral)
    g = alloc.groupby("department_id").agg(
        buildings=("building", tuple), floor_area_m2=("floor_area_m2", "sum"), staff=("staff", "sum"),
        allocated=("allocated_fen", "sum"))
    g["allocated"] = g["allocated"] / 100
    d = p.departments.set_index("id")
    g["department"] = d["name"].reindex(g.index).to_numpy()
    g["kind"] = d["kind"].reindex(g.index).to_numpy()
    g["per_staff"] = g["allocated"] / g["staff"].where(g["staff"] > 0)
    g["per_m2"] = g["allocated"] / g["floor_area_m2"].where(g["floor_area_m2"] > 0)
    main = alloc.loc[alloc.groupby("department_id")["allocated_fen"].idxmax(), ["department_id", "building_id"]]
    modes = modes_of_buildings(p.arrangements, p.buildings["id"])
    g["mode"] = main.set_index("department_id")["building_id"].map(modes).reindex(g.index).to_numpy()
    g = g.sort_values("allocated", ascending=False).reset_index(drop=True)
    return g[["department", "kind", "buildings", "mode", "floor_area_m2", "staff", "allocated", "per_staff",
              "per_m2"]]


def bridge(costs: pd.DataFrame) -> pd.DataFrame:
    """From recorded spending to full cost, step by step [CNY/yr] (the working's waterfall).

    Steps: ``recorded``; ``on_costs`` (imputed minus booked on-costs of in-house services);
    ``depreciation``; the indirect lines ``overhead``, ``supervision``, ``contract_admin``;
    ``full_cost``. The steps add up: recorded + the four adjustments = full cost.
    """
    k = costs["kind"]
    steps = {
        "recorded": costs["recorded"].sum(),
        "on_costs": (costs["on_costs"] - costs["booked_on_costs"]).sum(),
        "depreciation": costs["depreciation"].sum(),
        "overhead": costs.loc[k == "in_house", "indirect"].sum(),
        "supervision": costs.loc[k == "labour_only", "indirect"].sum(),
        "contract_admin": costs.loc[k == "contracted", "indirect"].sum(),
        "full_cost": costs["full_cost"].sum(),
    }
    return pd.DataFrame({"step": list(steps), "amount": [float(v) for v in steps.values()]})
