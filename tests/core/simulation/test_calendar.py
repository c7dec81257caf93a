"""When savings can start: renewal months from contracts, and the share of each year in effect."""
import datetime as dt

import numpy as np
import pytest

from core.simulation import calendar
from core.simulation.plan import base_items


def test_a_saving_starts_on_the_first_day_of_the_month_after_the_change():
    assert calendar.month_index(dt.date(2026, 7, 1), 2026) == 6  # a contract ending 30 June: from July
    assert calendar.month_index(dt.date(2026, 9, 24), 2026) == 9  # a review on 24 September: from October
    assert calendar.month_index(dt.date(2027, 1, 1), 2026) == 12
    assert calendar.month_index(dt.date(2024, 3, 1), 2026) == 0  # already due


def test_renewals_read_the_contracts(tiny):
    it = base_items(tiny)
    r = calendar.renewals(tiny, it, 2026).set_index(it["building"] + "|" + it["service"])
    # HT-1 (甲楼) and HT-2 (丙楼) end on 2026-12-31: a new price from January 2027, by tender
    assert r.loc["甲楼|cleaning", ["onset", "tender", "end_onset", "contract"]].tolist() == [12, True, 12, "HT-1"]
    assert r.loc["丙楼|cleaning", ["onset", "tender"]].tolist() == [12, True]
    # in-house items have no contract: they can change at once, without a tender
    assert r.loc["乙楼|cleaning", ["onset", "tender", "end_onset"]].tolist() == [0, False, 0]


def test_a_review_date_comes_before_the_end(tiny):
    c = tiny.contracts
    tiny.contracts["review_date"] = np.where(c["code"] == "HT-1", dt.date(2026, 4, 15), None)
    it = base_items(tiny)
    r = calendar.renewals(tiny, it, 2026).set_index(it["building"] + "|" + it["service"])
    # the price of HT-1 can be reviewed on 15 April 2026: from May, without a tender; the contract still ends
    # on 2026-12-31 (a change of vendor waits for it)
    assert r.loc["甲楼|security", ["onset", "tender", "end_onset"]].tolist() == [4, False, 12]


def test_shares_of_each_year():
    t = np.array([[0.0, 0.5, 2.25, 9.0]])  # four draws of one onset [years]
    # a step: the part of each year after t
    assert calendar.step_share(t, 3)[0].T.tolist() == [[1, 1, 1], [0.5, 1, 1], [0, 0, 0.75], [0, 0, 0]]
    # a one-time event: all in its year
    assert calendar.event_share(t, 3)[0].T.tolist() == [[1, 0, 0], [1, 0, 0], [0, 0, 1], [0, 0, 0]]
    # a ramp from 0.5 over 2 years: 2026 ∫ from 0.5 to 1 of (x − 0.5)/2 = 0.0625; 2027 0.5; 2028 0.9375
    ramp = calendar.ramp_share(np.array([[0.5]]), np.array([[2.0]]), 4)[0, :, 0]
    assert ramp.tolist() == pytest.approx([0.0625, 0.5, 0.9375, 1.0])
    assert calendar.reached(np.array([[0.5]]), np.array([[2.0]]), 4)[0, :, 0].tolist() == pytest.approx(
        [0.25, 0.75, 1, 1])
    # a ramp of no length is a step
    assert calendar.ramp_share(np.array([[0.5]]), np.array([[0.0]]), 2)[0, :, 0].tolist() == [0.5, 1.0]
