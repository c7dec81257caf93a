"""The savings that are not a sum over cells, as the optimiser sees them: bundled procurement (a lot's
price falls with its area) and staff pooling (a district's staff above the norm of its combined area),
and the vendor market of each service line (concentration, admitted vendors and their quality).

Both are calibrated on the simulator's own by-item figures at the book's values, so that timing
(each member's contract end, each lever's delay), realisation and the people rules are the model's:

Bundling. The model prices a lot of area A at 1 − s·(1 − exp(−A/c)) of a one-building price; a
member saves W × (exp(−a/c) − exp(−A/c)), ``a`` the area it is bought with today and W its fee's
worth over the horizon (from its onset, realised, discounted). W is read off the simulator: every
service bundled in one lot, each member's NPV of bundling ÷ (exp(−a/c) − exp(−A/c)); for the cells
a conversion brings in, the same with every cell converted. The bundling lever cuts a service into
k lots of about equal area, so a service's saving is Σ W·exp(−a/c) − Σ W·exp(−A/(k c)); the first
sum is linear in the choices, the second is approximated as ρ·A·exp(−A/(k c)), ρ being the service's
W per m², which the optimiser follows piecewise-linearly.

Pooling. Each district × service group of two or more buildings releases its staff above the norm of
its combined area; the excess is linear in the choices (a member's staff less its area's norm; a
cell re-staffed at the norm adds almost nothing), and an excess worker is worth — and releases, by
type and year, and costs once — what the simulator says the group's excess is worth today, per worker.

Both approximations are measured: the optimiser evaluates its plan with the simulator and reports
the difference.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.domain import quality
from core.domain.gates import herfindahl
from core.simulation.item_values import discount, npv_by_item, tender_npv, yearly
from core.simulation.levers import LEVERS, OUTSIDE, Levers
from core.simulation.model import _compound, evaluate
from core.simulation.plan import INPUT_INDEX, REALISATION, Plan, prepare
from core.store.repo import Portfolio

TYPES: tuple[str, ...] = ("established", "contract", "dispatched")  # 编制内, 编外合同, 劳务派遣 (core.simulation.people)


@dataclass(frozen=True)
class Bundling:
    """Per service (``services``) the bundling sums today and what each option changes in them [CNY, NPV]."""

    services: tuple[str, ...]
    rho: np.ndarray  # (S,) W per m² of the service's outsourced items [CNY/m²]
    f1_keep: np.ndarray  # (S,) Σ W·exp(−a/c) over today's outsourced items
    f1_max: np.ndarray  # (S,) the largest that sum can be
    area_keep: np.ndarray  # (S,) outsourced area today [m²]
    area_max: np.ndarray  # (S,) the largest it can be
    count_keep: np.ndarray  # (S,) outsourced items today
    service_of: np.ndarray  # (options,) index into ``services`` (−1: the option's cell cannot be bundled)
    d_f1: np.ndarray  # (options,) what the option changes in the first sum
    d_area: np.ndarray  # (options,)
    d_count: np.ndarray  # (options,)
    member_keep: np.ndarray  # (cells,) outsourced and bundleable as it is
    fee_keep: np.ndarray  # (cells,) its W
    member_opt: np.ndarray  # (options,) the same for each option
    fee_opt: np.ndarray  # (options,)
    lot_tender: np.ndarray  # (S, n) present value of one lot's tender, at the service's first contract end
    lot_month: np.ndarray  # (S,) that month [from the start of the first year]
    scale: float  # c at the book's value [m²]
    npv_factor: float  # NPV per unit of the sums (1: W is already an NPV)
    multiplier: np.ndarray  # (n,) each draw's bundling saving relative to the book's


@dataclass(frozen=True)
class Pooling:
    """Staff pooling per district × service group: the staff above the norm today, what each option
    changes in it, and what an excess worker is worth, whom it releases and what it costs once."""

    groups: tuple[tuple[str, str], ...]  # (district, service)
    group_of: np.ndarray  # (options,) the option's group (−1: none)
    excess_keep: np.ndarray  # (G,) staff above the norm with every cell as it is (may be below zero)
    d_excess: np.ndarray  # (options,) what the option changes in its group's excess
    excess_max: np.ndarray  # (G,) the most it can be
    value_per: np.ndarray  # (G,) NPV at the book's values of pooling one excess worker
    people_per: np.ndarray  # (G, types, H) staff released per excess worker, by type and year
    once_per: np.ndarray  # (G, H) one-time costs per excess worker, by year
    multiplier: np.ndarray  # (n,) each draw's pooling saving relative to the book's

    @property
    def available(self) -> bool:
        """Whether some group can have staff above its norm."""
        return bool((self.excess_max > 0).any() and (self.value_per > 0).any())

    @property
    def keep_value(self) -> float:
        """Pooling's NPV with every cell as it is, at the book's values."""
        return float((self.value_per * np.clip(self.excess_keep, 0, None)).sum())

    def excess(self, chosen: tuple[int, ...]) -> np.ndarray:
        """(G,) each group's staff above the norm under a plan (``chosen``: option rows), at least 0."""
        e = self.excess_keep.copy()
        for j in chosen:
            if self.group_of[j] >= 0:
                e[self.group_of[j]] += self.d_excess[j]
        return np.clip(e, 0, None)


@dataclass(frozen=True)
class VendorLines:
    """The vendor market of each service line."""

    hhi0: dict[str, float]  # concentration today (HHI 0-10,000) of each service's vendors, by spend
    members: pd.DataFrame  # service, vendor_id, cell: today's outsourced cells and their vendors
    lines: pd.DataFrame  # service, admitted (vendors offering it), best (their best mean score), assessed

    def qualified(self, service: str, floor: float) -> bool:
        """Whether an admitted vendor of ``service`` has a mean quality score of at least ``floor``;
        where no vendor of the line has ever been assessed, being admitted is all that can be checked."""
        row = self.lines.loc[self.lines["service"] == service]
        if row.empty or int(row["admitted"].iloc[0]) == 0:
            return False
        if not bool(row["assessed"].iloc[0]):
            return True
        return bool(row["best"].iloc[0] >= floor)


def _annuity(plan: Plan, theta: np.ndarray) -> np.ndarray:
    """(n,) Σ wage index × discount factor over the years: how a labour-driven saving is worth per draw."""
    f = {k: theta[i] for k, i in INPUT_INDEX.items()}
    wages = _compound(f["wage_growth"], plan.years[0] - plan.base_year, plan.horizon)
    disc = 1 / _compound(f["discount_rate"], 1, plan.horizon)
    return (wages * disc).sum(axis=0)


def _lever_npv0(plan: Plan, lever: str) -> np.ndarray:
    """(groups,) each group's NPV of one lever's saving at the book's values."""
    d = evaluate(plan, plan.theta0[:, None])
    return np.einsum("gh,h->g", d.by_lever[LEVERS.index(lever), :, :, 0], discount(plan, plan.theta0[:, None])[:, 0])


def _policy_with(policy: Levers, **update: Any) -> dict[str, Any]:
    return {**policy.model_dump(mode="json", by_alias=True, exclude_defaults=True), **update}


def _weights(plan: Plan, scale: float) -> pd.Series:
    """Each bundled item's W: its NPV of bundling ÷ (exp(−a/c) − exp(−A/c)), indexed by item (group);
    where a equals A (nothing to gain at this lot) the median W per unit of fee of its service."""
    it = plan.items
    lot = (it["lot"] >= 0).to_numpy()
    npv = _lever_npv0(plan, "bundling")
    gap = np.exp(-it["bought_area"].to_numpy(dtype=float) / scale) - np.exp(-it["lot_area"].to_numpy(dtype=float) / scale)
    fee = (it["b"] * it["kappa"]).to_numpy(dtype=float)
    ok = lot & (np.abs(gap) > 1e-9) & (fee > 0)
    w = np.where(ok, npv / np.where(ok, gap, 1.0), np.nan)
    per_fee = pd.Series(np.where(ok, w / np.where(fee > 0, fee, 1.0), np.nan)).groupby(it["service"].to_numpy()).median()
    fill = it["service"].map(per_fee).to_numpy(dtype=float) * fee
    return pd.Series(np.where(lot, np.where(ok, w, np.nan_to_num(fill)), 0.0), index=np.arange(len(it)))


def bundling_data(p: Portfolio, policy: Levers, items: pd.DataFrame, keep: Plan, cells: pd.DataFrame,
                  table: pd.DataFrame, theta: np.ndarray, plans: dict[str, Plan | None],
                  whole: dict[str, int]) -> Bundling:
    """The bundling sums of every service and each option's change to them (see the module docstring);
    ``plans`` are the options' plans by delivery, those to a vendor with every service in ``whole``
    bundled in one lot."""
    c0, s0 = keep.value("bundling_scale_m2"), keep.value("bundling_max_saving")
    scale = max(c0, 1.0)
    services = sorted(whole)
    item = cells["item"].to_numpy()
    w_keep = _weights(prepare(p, _policy_with(policy, bundling=whole), items, by="item"), scale).to_numpy()[item]
    k0 = cells["kind0"].to_numpy()
    member0 = np.isin(k0, list(OUTSIDE)) & ~cells["restricted"].to_numpy(dtype=bool) & (w_keep != 0)
    cell = table["cell"].to_numpy()
    w_opt = np.zeros(len(table))
    for to in OUTSIDE:
        plan = plans.get(to)
        if plan is None:
            continue
        w = _weights(plan, scale).to_numpy()
        rows = np.flatnonzero(table["to"].to_numpy() == to)
        w_opt[rows] = w[item[cell[rows]]]
    member1 = table["outside"].to_numpy(dtype=bool) & (w_opt != 0)
    curve = np.exp(-cells["bought_area"].to_numpy(dtype=float) / scale)
    f1_0 = np.where(member0, w_keep * curve, 0.0)
    f1_1 = np.where(member1, w_opt * curve[cell], 0.0)
    area = cells["area"].to_numpy(dtype=float)
    index = {s: i for i, s in enumerate(services)}
    svc = cells["service"].map(index).fillna(-1).astype(int).to_numpy()
    n_s = len(services)

    def per_service(values: np.ndarray, where: np.ndarray) -> np.ndarray:
        out = np.zeros(n_s)
        np.add.at(out, svc[where], values[where])
        return out

    has = svc >= 0
    best_f1 = pd.Series(f1_1).groupby(cell).max().reindex(range(len(cells))).fillna(0.0).to_numpy()
    best_w = pd.Series(np.where(member1, w_opt, 0.0)).groupby(cell).max().reindex(range(len(cells))).fillna(0.0).to_numpy()
    could = member0 | pd.Series(member1).groupby(cell).any().reindex(range(len(cells))).fillna(False).to_numpy(bool)
    keep_w, keep_area = per_service(np.where(member0, w_keep, 0.0), has), per_service(np.where(member0, area, 0.0), has)
    new_w, new_area = per_service(best_w, has & ~member0), per_service(np.where(could & ~member0, area, 0.0), has)
    rho = np.where(keep_area > 0, keep_w / np.where(keep_area > 0, keep_area, 1), new_w / np.where(new_area > 0, new_area, 1))
    # a lot is tendered when its first member's contract ends
    first = [int(cells.loc[(cells["service"] == s) & (member0 | could), "onset"].min()) if (could & (svc == i)).any() else 0
             for i, s in enumerate(services)]
    lots = tender_npv(keep, theta, "bundling")
    rb0 = keep.value(REALISATION["bundling"])
    f = {k: theta[i] for k, i in INPUT_INDEX.items()}
    base = s0 * rb0 * _annuity(keep, keep.theta0[:, None])[0]
    return Bundling(
        services=tuple(services), rho=rho, f1_keep=per_service(f1_0, has),
        f1_max=per_service(np.maximum(f1_0, best_f1), has), area_keep=keep_area,
        area_max=per_service(np.where(could, area, 0.0), has), count_keep=per_service(member0.astype(float), has),
        service_of=svc[cell], d_f1=f1_1 - f1_0[cell], d_area=area[cell] * (member1.astype(float) - member0[cell]),
        d_count=member1.astype(float) - member0[cell], member_keep=member0, fee_keep=np.where(member0, w_keep, 0.0),
        member_opt=member1, fee_opt=np.where(member1, w_opt, 0.0),
        lot_tender=lots[np.minimum(first, lots.shape[0] - 1)] if n_s else np.zeros((0, theta.shape[1])),
        lot_month=np.array(first, dtype=int),
        scale=scale, npv_factor=1.0,
        multiplier=(f["bundling_max_saving"] * f[REALISATION["bundling"]] * _annuity(keep, theta) / base
                    if base > 0 else np.zeros(theta.shape[1])),
    )


def pooling_data(p: Portfolio, policy: Levers, items: pd.DataFrame, keep: Plan, cells: pd.DataFrame,
                 table: pd.DataFrame, theta: np.ndarray) -> Pooling:
    """Each pooling group's excess staff per cell state, and an excess worker's worth, releases and
    one-time costs as the simulator counts them today (see the module docstring)."""
    pooled = prepare(p, _policy_with(policy, staff_pooling=True), items, by="item")
    pools = pooled.pools
    groups = tuple((str(d), str(s)) for d, s in zip(pools["district"], pools["service"]))
    h = keep.horizon
    n_g = len(groups)
    gkey = {k: i for i, k in enumerate(groups)}
    gc = np.array([gkey.get((d, s), -1) for d, s in zip(cells["district"], cells["service"])])
    cell = table["cell"].to_numpy()
    to = table["to"].to_numpy()
    k0 = cells["kind0"].to_numpy()
    ok = cells["norm"].notna().to_numpy() & ~cells["restricted"].to_numpy(dtype=bool)
    need = (cells["area"] / cells["norm"]).fillna(0.0).to_numpy(dtype=float)
    staff_ih = (cells["staff_in_house"] - cells.get("surplus", 0.0)).to_numpy(dtype=float)
    staff0 = np.where(k0 == "in_house", staff_ih, cells["staff"].to_numpy(dtype=float))
    member0 = ok & np.isin(k0, ["in_house", "labour_only"]) & (staff0 > 0) & (gc >= 0)
    workers = cells["workers"].to_numpy(dtype=float)
    member1 = ok[cell] & (to != "contracted") & (workers[cell] > 0) & (gc[cell] >= 0)
    e0 = np.where(member0, staff0 - need, 0.0)
    e1 = np.where(member1, workers[cell] - need[cell], 0.0)

    def total(values: np.ndarray, where: np.ndarray) -> np.ndarray:
        out = np.zeros(n_g)
        np.add.at(out, gc[where], values[where])
        return out

    excess = pools["excess"].to_numpy(dtype=float)
    raw = total(e0, member0)
    excess_keep = np.where(excess > 0, excess, np.minimum(raw, 0.0))
    best = pd.Series(np.maximum(e1, 0.0)).groupby(cell).max().reindex(range(len(cells))).fillna(0.0).to_numpy()
    excess_max = total(np.maximum(np.where(member0, e0, 0.0), best), gc >= 0)
    # what today's excess is worth, whom it releases and what it costs, per worker, by the simulator
    theta0 = keep.theta0[:, None]
    item = cells["item"].to_numpy()
    d_npv = (npv_by_item(pooled, theta0) - npv_by_item(keep, theta0))[:, 0][item]
    yp, yk = yearly(pooled), yearly(keep)
    d_people = (yp["people"] - yk["people"])[:, item]  # (types, cells, H)
    d_once = (yp["one_time"] - yk["one_time"])[item]
    value = total(d_npv, gc >= 0)
    per = np.where(excess > 0, 1 / np.where(excess > 0, excess, 1), 0.0)
    people_per = np.zeros((n_g, len(TYPES), h))
    once_per = np.zeros((n_g, h))
    for ti in range(len(TYPES)):
        for yi in range(h):
            people_per[:, ti, yi] = total(d_people[ti, :, yi], gc >= 0) * per
    for yi in range(h):
        once_per[:, yi] = total(d_once[:, yi], gc >= 0) * per
    rho0 = keep.value(REALISATION["staff_pooling"])
    f = {k: theta[i] for k, i in INPUT_INDEX.items()}
    base = rho0 * _annuity(keep, theta0)[0]
    return Pooling(
        groups=groups, group_of=gc[cell], excess_keep=excess_keep,
        d_excess=np.where(member1, e1, 0.0) - np.where(member0[cell], e0[cell], 0.0), excess_max=excess_max,
        value_per=value * per, people_per=people_per, once_per=once_per,
        multiplier=(f[REALISATION["staff_pooling"]] * _annuity(keep, theta) / base if base > 0
                    else np.zeros(theta.shape[1])),
    )


def vendor_lines(p: Portfolio, cells: pd.DataFrame) -> VendorLines:
    """Each service line's concentration today and its admitted vendors' best mean quality score."""
    out = cells.loc[cells["kind0"].isin(list(OUTSIDE)) & cells["vendor_id"].notna()]
    members = pd.DataFrame({"service": out["service"].to_numpy(), "vendor_id": out["vendor_id"].astype(int).to_numpy(),
                            "cell": out.index.to_numpy()})
    spend = out.groupby(["service", "vendor_id"])["recorded"].sum()
    hhi0 = {str(s): float(herfindahl(spend.loc[s])) for s in spend.index.get_level_values(0).unique()}
    ranking = quality.vendor_ranking(p).set_index("vendor_id")["score_mean"]
    v = p.vendors.assign(score=p.vendors["id"].map(ranking))
    rows = []
    for s in sorted(set(cells["service"])):
        offers = v.loc[v["service_lines"].fillna("").str.split(";").map(lambda xs, s=s: s in xs)]
        admitted = offers.loc[offers["status"] == "admitted"]
        rows.append((s, len(admitted), float(admitted["score"].max()) if admitted["score"].notna().any() else float("nan"),
                     bool(offers["score"].notna().any())))
    return VendorLines(hhi0={k: (0.0 if np.isnan(x) else x) for k, x in hhi0.items()}, members=members,
                       lines=pd.DataFrame(rows, columns=["service", "admitted", "best", "assessed"]))
