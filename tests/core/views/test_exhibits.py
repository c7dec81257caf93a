"""An exhibit carries its chart, the sentence it supports and the data behind it."""
import pandas as pd

from core.views import charts
from core.views.exhibits import Exhibit


def test_an_exhibit_is_titled_by_its_chart_or_its_key():
    data = pd.DataFrame({"模式": ["完全社会化"], "楼数": [4]})
    titled = Exhibit("overview-mode-mix", charts.base_figure("各保障模式的楼宇"), "完全社会化楼宇最多。", data,
                     key_figures=(("楼宇", "16 栋"),))
    assert titled.title == "各保障模式的楼宇" and titled.key_figures == (("楼宇", "16 栋"),)
    untitled = Exhibit("overview-trend", charts.base_figure(""), "支出逐年上升。", data)
    assert untitled.title == "overview-trend"
