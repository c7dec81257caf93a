"""The support mode of a building, derived from how its services are delivered (never stored).

The rule (DESIGN.md §3), over the building's arrangements that are not paid at actual:

- every one contracted                                  → ``full``    完全社会化
- none in-house, at least one labour-only               → ``partial`` 社会化外包
- in-house together with labour-only or contracted      → ``mixed``   社会化与自我保障相结合
- every one in-house                                    → ``self``    自我保障
- no such arrangement at all                            → no mode (``None``)

Restricted items count like any other: a building that runs everything in-house except its
confidential service, which an approved vendor provides, is ``mixed``.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from core.store.models import DeliveryType, SupportMode

MODE_ORDER: tuple[SupportMode, ...] = (
    SupportMode.full, SupportMode.partial, SupportMode.mixed, SupportMode.self_,
)


def mode_of_building(deliveries: Iterable[DeliveryType | str | None]) -> SupportMode | None:
    """The support mode from the deliveries of one building's arrangements not paid at actual.

    ``None`` entries (items paid at actual, which carry no delivery) are ignored.
    """
    kinds = [DeliveryType(d) for d in deliveries if d is not None]
    if not kinds:
        return None
    n_in = kinds.count(DeliveryType.in_house)
    n_labour = kinds.count(DeliveryType.labour_only)
    if n_in == len(kinds):
        return SupportMode.self_
    if n_in > 0:
        return SupportMode.mixed
    return SupportMode.partial if n_labour > 0 else SupportMode.full


def modes_of_buildings(
    arrangements: pd.DataFrame, building_ids: Iterable[int] | None = None
) -> pd.Series:
    """The support mode of every building, vectorised over an arrangements frame.

    ``arrangements`` needs the columns ``building_id``, ``delivery`` and ``paid_at_actual``.
    Returns a Series of mode values (``"full"`` …) indexed by building id, ``None`` where a building
    has no arrangement that carries a delivery. ``building_ids`` adds buildings with no arrangements.
    """
    rows = arrangements.loc[~arrangements["paid_at_actual"].astype(bool) & arrangements["delivery"].notna()]
    delivery = rows["delivery"].astype(str)
    counts = pd.DataFrame(
        {
            "building_id": rows["building_id"].to_numpy(),
            "in_house": (delivery == DeliveryType.in_house.value).to_numpy(),
            "labour_only": (delivery == DeliveryType.labour_only.value).to_numpy(),
            "n": 1,
        }
    ).groupby("building_id").sum()
    ids = pd.Index(building_ids if building_ids is not None else [], dtype="int64")
    counts = counts.reindex(counts.index.union(ids), fill_value=0)
    n, n_in, n_lab = counts["n"], counts["in_house"], counts["labour_only"]
    # Later rules override earlier ones: the order is the rule's order read from the bottom up.
    mode = pd.Series(SupportMode.full.value, index=counts.index.rename("building_id"), name="mode", dtype=object)
    mode[n_lab > 0] = SupportMode.partial.value
    mode[n_in > 0] = SupportMode.mixed.value
    mode[n_in == n] = SupportMode.self_.value
    mode[n == 0] = None
    return mode
