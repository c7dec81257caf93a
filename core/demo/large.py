"""A deterministic large city for benchmarks (``init-db --synthetic --buildings N``): the demo's services, vendors and rules over N generated buildings."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from core.demo.city import (
    BUREAU,
    DEMO_VENDORS,
    BuildingPlan,
)
from core.demo.synth import generate


def synthetic_plans(n_buildings: int, seed: int) -> tuple[list[BuildingPlan], list[tuple[str, str, int, str]]]:
    """Building plans and departments of a large synthetic city (for benchmarks)."""
    rng = np.random.default_rng(seed)
    departments: list[tuple[str, str, int, str]] = [(BUREAU, "bureau", 45, "")]
    plans = []
    districts = ("城东街道", "城西街道", "城南街道", "城北街道", "城中街道", "高新区", "新城区")
    modes = ("full", "partial", "mixed", "self")
    for i in range(n_buildings):
        area = float(np.clip(round(float(rng.lognormal(math.log(9_000), 0.8)), -2), 2_000, 60_000))
        n_dept = int(min(6, max(1, round(area / 8_000 + rng.integers(0, 2)))))
        occupants = []
        for _ in range(n_dept):
            name = f"部门{len(departments):05d}"
            departments.append((name, "agency", int(rng.integers(10, 120)), ""))
            occupants.append((name, 1.0))
        shared = n_dept > 1
        plans.append(BuildingPlan(
            name=f"楼宇{i + 1:05d}", district=districts[i % len(districts)], area=area,
            year_built=int(rng.integers(1985, 2022)), tier=int(rng.choice([1, 2, 2, 3])),
            managed_by=BUREAU if shared and rng.random() < 0.85 else occupants[0][0],
            mode=str(rng.choice(modes, p=[0.2, 0.2, 0.4, 0.2])), occupants=tuple(occupants),
            confidential=bool(rng.random() < 0.1),
        ))
    return plans, departments


def synthetic_city(n_buildings: int, seed: int = 7) -> dict[str, pd.DataFrame]:
    """A deterministic synthetic city of ``n_buildings`` buildings, for benchmarks."""
    plans, departments = synthetic_plans(n_buildings, seed)
    return generate(plans, departments, DEMO_VENDORS, seed)
