"""The support-mode rule on hand-made cases, one function and its vectorised twin agreeing."""
import pandas as pd
import pytest

from core.domain.modes import mode_of_building, modes_of_buildings
from core.store.models import DeliveryType as D
from core.store.models import SupportMode as M

CASES = [
    ([D.contracted, D.contracted], M.full),
    ([D.contracted], M.full),
    ([D.labour_only, D.labour_only], M.partial),
    ([D.labour_only, D.contracted], M.partial),  # none in-house, one labour-only → partial
    ([D.in_house, D.contracted], M.mixed),
    ([D.in_house, D.labour_only], M.mixed),
    ([D.in_house, D.in_house, D.in_house], M.self_),
    ([D.in_house, None], M.self_),  # an item paid at actual carries no delivery and is ignored
    ([], None),  # a building with no arrangements has no mode
    ([None, None], None),  # only energy and repairs: no mode either
]


@pytest.mark.parametrize(("deliveries", "expected"), CASES)
def test_mode_of_building(deliveries, expected):
    assert mode_of_building(deliveries) == expected


def test_only_outsourced_item_is_restricted_is_still_mixed():
    # Everything in-house except the confidential service, which an approved vendor provides:
    # restricted items count like any other, so the building runs both ways → mixed.
    arr = pd.DataFrame({
        "building_id": [1, 1, 1],
        "service": ["cleaning", "security", "confidential"],
        "delivery": ["in_house", "in_house", "contracted"],
        "paid_at_actual": [False, False, False],
        "restricted": [False, False, True],
    })
    assert modes_of_buildings(arr).loc[1] == "mixed"
    assert mode_of_building(arr["delivery"]) == M.mixed


def test_vectorised_rule_agrees_with_the_single_building_rule():
    rows, expected = [], {}
    for b, (deliveries, mode) in enumerate(CASES, start=1):
        for d in deliveries:
            rows.append({"building_id": b, "delivery": d.value if d else None, "paid_at_actual": d is None})
        expected[b] = mode.value if mode else None
    got = modes_of_buildings(pd.DataFrame(rows, columns=["building_id", "delivery", "paid_at_actual"]),
                             building_ids=list(expected))
    assert got.to_dict() == expected


def test_paid_at_actual_rows_never_count_even_with_a_delivery():
    arr = pd.DataFrame({"building_id": [7, 7], "delivery": ["in_house", "contracted"],
                        "paid_at_actual": [False, True]})
    assert modes_of_buildings(arr).loc[7] == "self"
