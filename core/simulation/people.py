"""People (人员): how in-house posts are released, by employment type, and what it costs.

An in-house team's staff are of three types (:class:`core.store.models.Arrangement`):

- **established** (编制内): never dismissed. A surplus established post goes only as people leave it
  — retirement and other natural attrition (``attrition_established`` a year, of the team's
  established staff) — or are redeployed to vacancies elsewhere in the city's services
  (``redeployment_rate`` a year, of the surplus). Until then the post costs what it did.
  《事业单位人事管理条例》 (国务院令第652号) arts. 15-18 give no redundancy ground.
- **contract** (编外合同): released with economic compensation, 《劳动合同法》 art. 47
  (:func:`compensation_months`, :func:`compensation`), except the share ``protected_share`` that
  art. 42 protects from dismissal (≥ 15 years' service and < 5 years to retirement, pregnancy,
  medical period …), who go like established staff. Staff whose type is not recorded count as
  contract staff, the usual terms of hired labour (劳务用工).
- **dispatched** (劳务派遣): returned to the dispatch agency (《劳务派遣暂行规定》 art. 12); the
  agency bears the severance, priced into its fee; the Bureau pays ``dispatch_return_months`` of
  wage for the notice and hand-back (an assumption).

A team that must shed ``s`` posts sheds the dispatched first, then the contract staff it may
dismiss, then the rest by attrition (:func:`split_release`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TYPES: tuple[str, ...] = ("established", "contract", "dispatched")  # as reported (established = by attrition)


def compensation_months(tenure_years: np.ndarray | float, months_per_year: float = 1.0) -> np.ndarray:
    """Months of wage that 《劳动合同法》 art. 47 pays for ``tenure_years`` of service: one month per full
    year; a remainder of six months or more counts as a year, less than six months as half a year."""
    t = np.asarray(tenure_years, dtype=float)
    full = np.floor(t + 1e-9)
    rest = t - full
    extra = np.where(rest >= 0.5 - 1e-9, 1.0, np.where(rest > 1e-9, 0.5, 0.0))
    return (full + extra) * months_per_year


def compensation(monthly_wage: np.ndarray | float, tenure_years: np.ndarray | float, city_average_monthly: float,
                 months_per_year: float = 1.0) -> np.ndarray:
    """Economic compensation per person [CNY], 《劳动合同法》 art. 47: months of :func:`compensation_months`
    at the monthly wage (the average of the last twelve months); a wage above three times the
    city's average monthly wage of the prior year is paid at three times that average, for at most
    twelve years."""
    w = np.asarray(monthly_wage, dtype=float)
    t = np.asarray(tenure_years, dtype=float)
    high = w > 3 * city_average_monthly
    wage = np.where(high, 3 * city_average_monthly, w)
    years = np.where(high, np.minimum(t, 12.0), t)
    return wage * compensation_months(years, months_per_year)


@dataclass(frozen=True)
class Workforce:
    """An in-house team's staff by how they can be released [persons]."""

    dispatched: np.ndarray
    contract: np.ndarray  # contract staff that may be dismissed
    attrition: np.ndarray  # established staff and protected contract staff: only by attrition


def workforce(items: pd.DataFrame, protected_share: float) -> Workforce:
    """The in-house staff of ``items`` (``staff_in_house`` and the three type columns) by release rule.
    Unsplit staff count as contract staff; ``protected_share`` of the contract staff only by attrition."""
    total = items["staff_in_house"].to_numpy(dtype=float)
    est = items["staff_established"].to_numpy(dtype=float)
    dis = items["staff_dispatched"].to_numpy(dtype=float)
    con = np.maximum(0.0, total - est - dis)  # recorded contract staff and the unsplit rest
    return Workforce(dispatched=dis, contract=con * (1 - protected_share), attrition=est + con * protected_share)


@dataclass(frozen=True)
class Release:
    """Posts a team sheds, by the rule that releases them [persons]."""

    dispatched: np.ndarray
    contract: np.ndarray
    attrition: np.ndarray  # released over time (see core.simulation.model)

    @property
    def total(self) -> np.ndarray:
        """All the posts shed."""
        return self.dispatched + self.contract + self.attrition


def split_release(posts: np.ndarray, team: Workforce) -> Release:
    """Who goes when a team sheds ``posts``: the dispatched first, then the contract staff who may be
    dismissed, then established and protected staff (by attrition)."""
    s = np.maximum(0.0, np.asarray(posts, dtype=float))
    d = np.minimum(s, team.dispatched)
    c = np.minimum(s - d, team.contract)
    return Release(dispatched=d, contract=c, attrition=np.minimum(s - d - c, team.attrition))
