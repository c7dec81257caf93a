"""Quality assessment (服务质量关): the seven national criteria, their weights, and weighted scores.

The criteria are those of the national standard plan 《机关办公区域物业服务监管评价规范》 (TC607):
each quarterly assessment scores a building 0-100 on each criterion that applies to it. A criterion
is delivered by whoever provides the matching service in that building, which is how a score
reaches a vendor (or the in-house team).
"""
from __future__ import annotations

import pandas as pd

from core.book import AssumptionBook
from core.repo import Portfolio

CRITERIA: tuple[str, ...] = (
    "customer_service", "building_mgmt", "facilities", "public_order", "cleaning", "greening", "conference",
)
# criterion → the services whose provider it assesses (first present one counts)
CRITERION_SERVICES: dict[str, tuple[str, ...]] = {
    "customer_service": ("reception", "property_mgmt"),
    "building_mgmt": ("property_mgmt",),
    "facilities": ("facilities",),
    "public_order": ("security",),
    "cleaning": ("cleaning",),
    "greening": ("greening",),
    "conference": ("conference",),
}


def weights(book: AssumptionBook) -> pd.Series:
    """The criteria's weights from the assumption book (``qw_<criterion>``), summing to one."""
    w = pd.Series({c: book.value(f"qw_{c}") for c in CRITERIA}, dtype=float)
    return w / w.sum()


def building_scores(p: Portfolio, w: pd.Series | None = None) -> pd.DataFrame:
    """Weighted score per building and quarter: criteria that do not apply are left out and the
    remaining weights rescaled. Columns: ``building_id``, ``year``, ``quarter``, ``score``,
    ``satisfaction``."""
    w = weights(p.book) if w is None else w / w.sum()
    a = p.assessments
    scores = a[list(CRITERIA)].astype(float)
    present = scores.notna()
    weighted = (scores.fillna(0) * w).sum(axis=1)
    total_w = (present * w).sum(axis=1)
    out = a[["building_id", "year", "quarter", "satisfaction"]].copy()
    out["score"] = weighted / total_w.where(total_w > 0)
    return out[["building_id", "year", "quarter", "score", "satisfaction"]]
