"""Charts stay readable at any size: at most MAX_ROWS rows, the ones that need attention, said so."""
import pandas as pd

from core.views import charts, gate_charts


def _bench(n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        status = "red" if i % 10 == 0 else "green"  # every tenth building has a red item
        rows.append({"building": f"楼{i:04d}", "service": "cleaning", "status": status, "deviation_pct": 30.0 if status == "red" else -5.0,
                     "cost_per_m2_month": 2.0, "standard_per_m2_month": 1.8})
    return pd.DataFrame(rows)


def test_a_small_map_shows_every_building_in_order():
    fig = charts.standards_map(_bench(16), ["cleaning"], "zh", amber=0.1, red=0.25)
    assert list(fig.data[0].y) == [f"楼{i:04d}" for i in range(16)]
    assert "<sup>" not in fig.layout.title.text


def test_a_large_map_shows_the_worst_buildings_and_says_so():
    fig = charts.standards_map(_bench(2_000), ["cleaning"], "en", amber=0.1, red=0.25)
    shown = list(fig.data[0].y)
    assert len(shown) == charts.MAX_ROWS
    assert set(shown) == {f"楼{i:04d}" for i in range(0, 400, 10)}  # the 40 with a red item: 0, 10, … 390
    assert "of 2,000" in fig.layout.title.text


def test_a_large_scorecard_shows_the_buildings_failing_most_checks():
    card = pd.DataFrame({"building": [f"楼{i}" for i in range(100)],
                         "a": [i >= 95 for i in range(100)], "b": [None] * 100})  # 0..94 fail check a
    fig = gate_charts.scorecard_matrix(card, [("a", "A"), ("b", "B")], "zh")
    assert len(fig.data[0].y) == charts.MAX_ROWS and fig.data[0].y[0] == "楼0"
    assert "共 100 项" in fig.layout.title.text


def test_contract_prices_show_those_furthest_above_the_standard():
    reg = pd.DataFrame({"code": [f"C{i}" for i in range(90)], "vendor": "某公司", "deviation": [i / 100 for i in range(90)],
                        "fee_status": "green", "price_per_m2_month": 1.0, "standard_per_m2_month": 1.0, "buildings": "楼"})
    fig = gate_charts.price_vs_standard(reg, amber=0.1, red=0.25, lang="zh")
    assert len(fig.data[0].x) == charts.MAX_ROWS and min(fig.data[0].x) == 0.50  # 0.50 … 0.89


def test_budget_deviation_draws_dots_for_a_city_and_boxes_for_a_large_one():
    def per_building(n: int) -> pd.DataFrame:
        return pd.DataFrame({"year": [2025] * n, "building": [f"楼{i}" for i in range(n)],
                             "mode": ["self"] * n, "deviation": [0.01 * (i % 7) for i in range(n)]})

    per_year = pd.DataFrame({"year": [2025], "deviation": [0.02]})
    small = charts.budget_deviation(per_year, per_building(16), "zh")
    large = charts.budget_deviation(per_year, per_building(2_000), "zh")
    assert [tr.type for tr in small.data] == ["bar", "scatter"]
    assert [tr.type for tr in large.data] == ["bar", "box"]
