"""Recorded spending on the three-building city of tests/factories.py, checked by hand."""
import pytest

from core.domain import spending


def test_kpis_of_the_tiny_city(tiny):
    k = spending.overview_kpis(tiny, 2025)
    # 甲楼 2 × (110,000 + 8,800 + 7,128) + 乙楼 2 × 110,000 + 丙楼 2 × 110,000 + energy 40 × 20,000 m²
    assert k.total_spend == pytest.approx(1_491_856)
    assert k.spend_per_m2 == pytest.approx(1_491_856 / 20_000)
    assert k.total_spend_prev == pytest.approx(1_491_856)
    # budgets were set 5% over actual in 2024 and 5% under in 2025
    assert k.budget_deviation == pytest.approx(1 / 0.95 - 1)
    assert k.budget_deviation_prev == pytest.approx(1 / 1.05 - 1)
    assert k.staff_in_house == 12 and k.staff_vendor == 12
    assert k.buildings_per_mode == {"full": 1, "partial": 0, "mixed": 1, "self": 1}
    assert k.history["year"].tolist() == [2024, 2025]


def test_mode_summary_of_the_tiny_city(tiny):
    s = spending.mode_summary(tiny, 2025).set_index("mode")
    assert s.index.tolist() == ["full", "partial", "mixed", "self"]
    assert s.at["full", "spend"] == pytest.approx(251_856 + 400_000)
    assert s.at["full", "spend_per_m2"] == pytest.approx(651_856 / 10_000)
    assert s.at["self", "spend"] == pytest.approx(220_000 + 160_000)
    assert s.at["partial", "buildings"] == 0


def test_building_table_lists_departments_and_modes(tiny):
    t = spending.building_table(tiny, 2025).set_index("name")
    assert t.at["甲楼", "mode"] == "full" and t.at["甲楼", "n_departments"] == 2
    assert t.at["丙楼", "spend_per_m2"] == pytest.approx((220_000 + 240_000) / 6_000)


def test_budget_deviation_by_year(tiny):
    d = spending.budget_deviation_by_year(tiny).set_index("year")
    assert d.at[2024, "deviation"] == pytest.approx(1 / 1.05 - 1)
    assert d.at[2024, "spread"] == pytest.approx(0, abs=1e-12)  # every building deviates alike
