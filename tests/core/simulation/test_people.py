"""The people rules: the statute's compensation on worked examples, and who goes first."""
import numpy as np
import pandas as pd
import pytest

from core.simulation import people


def test_compensation_is_the_statutes_formula_on_a_worked_example():
    # 《劳动合同法》 art. 47: one month's wage per full year; six months or more count as a year, less than
    # six as half a year. 7 years 8 months at 6,000 a month → 7 + 1 = 8 months → 48,000
    assert people.compensation_months(7 + 8 / 12) == pytest.approx(8)
    assert people.compensation(6_000, 7 + 8 / 12, 10_000) == pytest.approx(48_000)
    # 2 years 3 months → 2 + ½ = 2.5 months; exactly 5 years → 5 months; 4 months alone → ½ month
    assert people.compensation_months(np.array([2.25, 5.0, 4 / 12])).tolist() == pytest.approx([2.5, 5, 0.5])
    # para 2: a wage above three times the city's average (10,000) is paid at 30,000, for at most 12 years:
    # 40,000 a month after 15 years 4 months → 30,000 × 12 = 360,000 (not 40,000 × 15.5 = 620,000)
    assert people.compensation(40_000, 15 + 4 / 12, 10_000) == pytest.approx(360_000)
    # at three times the average exactly, the cap does not bite: 30,000 × 15.5 = 465,000
    assert people.compensation(30_000, 15 + 4 / 12, 10_000) == pytest.approx(465_000)


def test_a_team_sheds_dispatched_then_contract_then_established_staff():
    team = pd.DataFrame({"staff_in_house": [10.0, 6.0], "staff_established": [2.0, 0.0],
                         "staff_contract": [5.0, 0.0], "staff_dispatched": [3.0, 0.0]})
    w = people.workforce(team, protected_share=0.2)
    # team 1: 3 dispatched, 5 contract of whom 20% protected (1 by attrition), 2 established
    # team 2: 6 with no type recorded: contract staff, 1.2 protected
    assert w.dispatched.tolist() == [3, 0]
    assert w.contract.tolist() == pytest.approx([4, 4.8])
    assert w.attrition.tolist() == pytest.approx([3, 1.2])
    r = people.split_release(np.array([8.0, 2.0]), w)
    # 8 posts: the 3 dispatched, the 4 dismissable contract staff, then 1 by attrition
    assert (r.dispatched.tolist(), r.contract.tolist(), r.attrition.tolist()) == ([3, 0], [4, 2], [1, 0])
    assert r.total.tolist() == [8, 2]
