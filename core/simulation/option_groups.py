"""The savings that are not a sum over cells, as the optimiser sees them: bundled procurement (a lot's
price falls with its area) and staff pooling (a district's staff above the norm of its combined area),
and the vendor market of each service line (concentration, admitted vendors and their quality).

Bundling. The model prices a lot of area A at 1 − s·(1 − exp(−A/c)) of a one-building price; an
item saves s × its fee × (exp(−a/c) − exp(−A/c)), ``a`` the area it is bought with today. The
bundling lever cuts a service's outsourced items into k lots of about equal area, so the saving of
bundling a service is s·[Σ fee·exp(−a/c) − Σ fee·exp(−A/(k c))] with A the service's outsourced
area. The first sum is linear in the choices; the second is approximated as ρ·A·exp(−A/(k c)), ρ
being the service's fee per m², a function of A alone that the optimiser follows piecewise-linearly.

Pooling. Each district × service group releases ρ × its staff above the norm of its combined area,
each worth the group's cost per worker. The excess is linear in the choices (a member's staff less
its area's norm; a cell re-staffed at the norm adds almost nothing); the cost per worker is held at
today's mix. Both approximations are measured: the optimiser evaluates its plan with the simulator
and reports the difference.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.domain import quality
from core.domain.gates import herfindahl
from core.simulation.levers import OUTSIDE
from core.simulation.plan import Plan
from core.store.repo import Portfolio

TYPES: tuple[str, ...] = ("established", "contract", "dispatched")  # 编制内, 编外合同, 劳务派遣


@dataclass(frozen=True)
class Bundling:
    """Per service (``services``) the bundling sums today and what each option changes in them."""

    services: tuple[str, ...]
    rho: np.ndarray  # (S,) fee per m² of the service's outsourced items [CNY/(m²·yr)]
    f1_keep: np.ndarray  # (S,) Σ fee·exp(−a/c) over today's outsourced items [CNY/yr]
    f1_max: np.ndarray  # (S,) the largest that sum can be
    area_keep: np.ndarray  # (S,) outsourced area today [m²]
    area_max: np.ndarray  # (S,) the largest it can be
    count_keep: np.ndarray  # (S,) outsourced items today
    service_of: np.ndarray  # (options,) index into ``services`` (−1: the option's cell cannot be bundled)
    d_f1: np.ndarray  # (options,) what the option changes in the first sum
    d_area: np.ndarray  # (options,)
    d_count: np.ndarray  # (options,)
    member_keep: np.ndarray  # (cells,) outsourced and bundleable as it is
    fee_keep: np.ndarray  # (cells,) its fee as bundling sees it [CNY/yr]
    member_opt: np.ndarray  # (options,) the same for each option
    fee_opt: np.ndarray  # (options,)
    scale: float  # c at the book's value [m²]
    npv_factor: float  # s × the wage annuity at the book's values: CNY/yr of bundling saving → NPV
    multiplier: np.ndarray  # (n,) each draw's s × annuity ÷ the book's


@dataclass(frozen=True)
class Pooling:
    """Staff pooling per district × service group: the staff above the norm today, what each option
    changes in it, and what an excess worker is worth and who it is."""

    groups: tuple[tuple[str, str], ...]  # (district, service)
    group_of: np.ndarray  # (options,) the option's group (−1: none)
    excess_keep: np.ndarray  # (G,) staff above the norm with every cell as it is (may be below zero)
    d_excess: np.ndarray  # (options,) what the option changes in its group's excess
    excess_max: np.ndarray  # (G,) the most it can be
    value_per: np.ndarray  # (G,) NPV at the book's values of pooling one excess worker (realisation included)
    people_per: np.ndarray  # (G, types) in-house staff released per excess worker, by type
    multiplier: np.ndarray  # (n,) each draw's realisation × annuity ÷ the book's

    @property
    def available(self) -> bool:
        """Whether some group can have staff above its norm."""
        return bool((self.excess_max > 0).any())

    def excess(self, chosen: tuple[int, ...]) -> np.ndarray:
        """(G,) each group's staff above the norm under a plan (``chosen``: option rows), at least 0."""
        e = self.excess_keep.copy()
        for j in chosen:
            if self.group_of[j] >= 0:
                e[self.group_of[j]] += self.d_excess[j]
        return np.clip(e, 0, None)

    @property
    def keep_value(self) -> float:
        """Pooling's NPV with every cell as it is, at the book's values."""
        return float((self.value_per * np.clip(self.excess_keep, 0, None)).sum())


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


def bundling_data(base: Plan, cells: pd.DataFrame, table: pd.DataFrame, g0: dict[str, Any],
                  g: dict[str, Any]) -> Bundling:
    """The bundling sums of every service and each option's change to them (see the module docstring)."""
    c0, s0, wa0 = float(g0["c"][0]), float(g0["s"][0]), float(g0["wa"][0])
    scale = max(c0, 1.0)
    k0 = cells["kind0"].to_numpy()
    member0 = np.isin(k0, list(OUTSIDE)) & ~cells["restricted"].to_numpy(dtype=bool)
    fee0 = np.where(k0 == "labour_only", cells["inv0"], cells["price0"]) * cells["kappa"].to_numpy(dtype=float)
    curve = np.exp(-cells["bought_area"].to_numpy(dtype=float) / scale)
    c = cells.loc[table["cell"]].reset_index(drop=True)
    to = table["to"].to_numpy()
    member1 = table["outside"].to_numpy(dtype=bool) & ~c["restricted"].to_numpy(dtype=bool)
    fee1 = np.where(to == "labour_only", (c["workers"] * c["wage"]).to_numpy(dtype=float) * float(g0["lnf"][0]),
                    c["ref"].fillna(0.0).to_numpy(dtype=float) * float(g0["mpf"][0]))
    fee1 = np.where(member1, fee1, 0.0)
    cell = table["cell"].to_numpy()
    f1_0 = np.where(member0, fee0 * curve, 0.0)
    f1_1 = fee1 * curve[cell]
    area = cells["area"].to_numpy(dtype=float)
    services = tuple(sorted(set(cells.loc[member0, "service"]) | set(c.loc[member1, "service"])))
    index = {s: i for i, s in enumerate(services)}
    svc_cells = cells["service"].map(index).fillna(-1).astype(int).to_numpy()
    n_s = len(services)

    def per_service(values: np.ndarray, where: np.ndarray) -> np.ndarray:
        out = np.zeros(n_s)
        np.add.at(out, svc_cells[where], values[where])
        return out

    ok = svc_cells >= 0
    best_option = pd.Series(np.where(member1, f1_1, 0.0)).groupby(cell).max().reindex(range(len(cells))).fillna(0.0)
    could = member0 | pd.Series(member1).groupby(cell).any().reindex(range(len(cells))).fillna(False).to_numpy(bool)
    keep_fee, keep_area = per_service(np.where(member0, fee0, 0.0), ok), per_service(np.where(member0, area, 0.0), ok)
    new_fee = per_service(pd.Series(fee1).groupby(cell).max().reindex(range(len(cells))).fillna(0.0).to_numpy(), ok)
    new_area = per_service(np.where(could & ~member0, area, 0.0), ok)
    rho = np.where(keep_area > 0, keep_fee / np.where(keep_area > 0, keep_area, 1),
                   new_fee / np.where(new_area > 0, new_area, 1))
    return Bundling(
        services=services, rho=rho, f1_keep=per_service(f1_0, ok),
        f1_max=per_service(np.maximum(f1_0, best_option.to_numpy()), ok), area_keep=keep_area,
        area_max=per_service(np.where(could, area, 0.0), ok), count_keep=per_service(member0.astype(float), ok),
        service_of=svc_cells[cell], d_f1=f1_1 - f1_0[cell], d_area=area[cell] * (member1.astype(float) - member0[cell]),
        d_count=member1.astype(float) - member0[cell], member_keep=member0, fee_keep=np.where(member0, fee0, 0.0),
        member_opt=member1, fee_opt=fee1, scale=scale, npv_factor=s0 * wa0,
        multiplier=g["s"] * g["wa"] / (s0 * wa0) if s0 > 0 else np.zeros_like(g["wa"]),
    )


def pooling_data(cells: pd.DataFrame, table: pd.DataFrame, g0: dict[str, Any], g: dict[str, Any]) -> Pooling:
    """Each pooling group's excess staff per cell state, and an excess worker's worth (see the module
    docstring): the model releases ρ × excess workers at the group's cost per worker."""
    f = {k: float(np.asarray(v).reshape(-1)[0]) for k, v in g0.items() if k not in ("wages", "prices", "disc")}
    rho0, wa0, oc1, oh, sup, umr, lnf = (f[k] for k in ("rho", "wa", "oc1", "oh", "sup", "umr", "lnf"))
    ok = cells["norm"].notna().to_numpy() & ~cells["restricted"].to_numpy(dtype=bool)
    um = cells["um"].to_numpy(dtype=float)
    k0 = cells["kind0"].to_numpy()
    b, kappa, adj = (cells[k].to_numpy(dtype=float) for k in ("b", "kappa", "adj"))
    staff = cells["staff"].to_numpy(dtype=float)
    need = (cells["area"] / cells["norm"]).fillna(0.0).to_numpy(dtype=float)
    # what a member costs a year: fee + indirect − unified management's share of it (+ quality adjustment)
    cost0 = np.select([k0 == "in_house", k0 == "labour_only"],
                      [oc1 * b * kappa + oh * oc1 * b * (1 - umr * um), b * kappa + sup * b * (1 - umr * um) + adj * b * kappa],
                      0.0)
    member0 = ok & np.isin(k0, ["in_house", "labour_only"]) & (staff > 0)
    cell = table["cell"].to_numpy()
    to = table["to"].to_numpy()
    workers = cells["workers"].to_numpy(dtype=float)
    nw = (cells["workers"] * cells["wage"]).to_numpy(dtype=float)[cell]
    cost1 = np.select([to == "in_house", to == "labour_only"],
                      [oc1 * (1 + oh * (1 - umr * um[cell])) * nw, lnf * (1 + sup * (1 - umr * um[cell])) * nw], 0.0)
    member1 = ok[cell] & (to != "contracted") & (workers[cell] > 0)
    e0 = np.where(member0, staff - need, 0.0)
    e1 = np.where(member1, workers[cell] - need[cell], 0.0)
    key = list(zip(cells["district"], cells["service"]))
    groups = tuple(sorted({key[i] for i in np.flatnonzero(member0)} | {key[c] for c in cell[member1]}))
    index = {k: i for i, k in enumerate(groups)}
    gc = np.array([index.get(k, -1) for k in key])
    n_g = len(groups)

    def total(values: np.ndarray, where: np.ndarray, at: np.ndarray) -> np.ndarray:
        out = np.zeros(n_g)
        np.add.at(out, at[where], values[where])
        return out

    has = gc >= 0
    need0 = total(need, member0 & has, gc)
    rounding = np.ceil(need0 - 1e-9) - need0  # the model's norm is in whole workers
    excess_keep = total(e0, member0 & has, gc) - rounding
    d_excess = np.where(member1, e1, 0.0) - np.where(member0[cell], e0[cell], 0.0)
    best = pd.Series(np.maximum(e1, 0.0)).groupby(cell).max().reindex(range(len(cells))).fillna(0.0).to_numpy()
    excess_max = total(np.maximum(np.where(member0, e0, 0.0), best), has, gc)
    staff0, cost_sum = total(staff, member0 & has, gc), total(cost0, member0 & has, gc)
    alt_staff = total(pd.Series(np.where(member1, workers[cell], 0.0)).groupby(cell).max()
                      .reindex(range(len(cells))).fillna(0.0).to_numpy(), has, gc)
    alt_cost = total(pd.Series(np.where(member1, cost1, 0.0)).groupby(cell).max()
                     .reindex(range(len(cells))).fillna(0.0).to_numpy(), has, gc)
    per_worker = np.where(staff0 > 0, cost_sum / np.where(staff0 > 0, staff0, 1),
                          alt_cost / np.where(alt_staff > 0, alt_staff, 1))
    in_house = member0 & (k0 == "in_house")
    people_per = np.zeros((n_g, len(TYPES)))
    for i, t in enumerate(TYPES):
        people_per[:, i] = total(cells[f"staff_{t}"].to_numpy(dtype=float), in_house & has, gc)
    people_per = rho0 * people_per / np.where(staff0 > 0, staff0, 1)[:, None]
    return Pooling(
        groups=groups, group_of=gc[cell], excess_keep=excess_keep, d_excess=d_excess, excess_max=excess_max,
        value_per=rho0 * per_worker * wa0, people_per=people_per,
        multiplier=g["rho"] * g["wa"] / (rho0 * wa0) if rho0 > 0 else np.zeros_like(g["wa"]),
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
