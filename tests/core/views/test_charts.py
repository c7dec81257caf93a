"""Charts stay readable at any size: at most MAX_ROWS rows, the ones that need attention, said so."""
import pandas as pd

from core.views import charts, gate_charts, standards_charts


def _bench(n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        status = "red" if i % 10 == 0 else "green"  # every tenth building has a red item
        rows.append({"building": f"楼{i:04d}", "service": "cleaning", "status": status, "deviation_pct": 30.0 if status == "red" else -5.0,
                     "cost_per_m2_month": 2.0, "standard_per_m2_month": 1.8})
    return pd.DataFrame(rows)


def test_a_small_map_shows_every_building_in_order():
    fig = standards_charts.standards_map(_bench(16), ["cleaning"], "zh", amber=0.1, red=0.25)
    assert list(fig.data[0].y) == [f"楼{i:04d}" for i in range(16)]
    assert "<sup>" not in fig.layout.title.text


def test_a_large_map_shows_the_worst_buildings_and_says_so():
    fig = standards_charts.standards_map(_bench(2_000), ["cleaning"], "en", amber=0.1, red=0.25)
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


def test_ranked_bars_say_money_and_percentage_and_keep_the_given_order():
    items = pd.DataFrame({"building": ["甲", "乙"], "item_name": ["保洁", "绿化"], "status": ["red", "amber"],
                          "excess_wan": [88.0, 1.5], "deviation_pct": [77.0, 564.0]})
    fig = standards_charts.ranked_bars(items, "zh", title="超标", by="money")
    assert list(fig.data[0].y) == ["甲 · 保洁", "乙 · 绿化"] and list(fig.data[0].x) == [88.0, 1.5]
    assert fig.data[0].text[0] == "+88.0 万元 · +77%"
    assert fig.layout.xaxis.title.text == "超出标准（万元/年）"
    fig = standards_charts.ranked_bars(items, "en", title="Above", by="pct")
    assert list(fig.data[0].x) == [77.0, 564.0] and fig.data[0].text[1] == "+564% · +1.5 CNY 10k"
    # items far below their standard: negative bars, amber like the map
    low = items.assign(status="low", excess_wan=[-5.0, -1.0], deviation_pct=[-93.0, -60.0])
    fig = standards_charts.ranked_bars(low, "zh", title="低于标准", by="pct")
    assert set(fig.data[0].marker.color) == {standards_charts.STATUS_COLORS["amber"]}
    assert fig.layout.xaxis.range[0] < -93


def test_the_map_marks_items_paid_at_actual_and_far_below():
    bench = _bench(3).assign(paid_at_actual=False)
    bench = pd.concat([bench, bench.assign(service="energy", paid_at_actual=True, status="low", deviation_pct=-70.0)])
    fig = standards_charts.standards_map(bench, ["cleaning", "energy"], "zh", amber=0.1, red=0.25, low=0.5)
    assert list(fig.data[0].x) == ["保洁", "能耗<br>（按实支付）"]
    assert fig.data[0].z[0][1] == 2  # far below: amber's colour, not green
    assert "黄色：低于标准 50% 以上（可能服务不到位）" in [tr.name for tr in fig.data]
    fig = standards_charts.standards_map(bench, ["cleaning", "energy"], "en", amber=0.1, red=0.25, low=0.5)
    assert list(fig.data[0].x) == ["Cleaning", "Energy †"] and "† paid at actual: never capped" in [tr.name for tr in fig.data]
