"""Links made by someone hostile or careless (issue 15, items 1 and 3): the Consolidation page stays up,
says what is wrong in one line, never renders a link it was handed, and never changes a value
silently. Each link is made here."""
import base64
import zlib

from core.simulation.levers import encode, parse_levers
from tests.app.conftest import run_app, shown

PAGE = "pages/consolidation.py"


def packed(text: str) -> str:
    """``text`` as a ``levers=`` value: compressed and base64, as the page writes levers."""
    return base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")


def test_a_scenario_name_written_as_a_markdown_link_is_shown_as_text():
    at = run_app("en", PAGE, scenario="[click me](https://evil.example/x)")
    assert not at.exception and len(at.warning) == 1
    warning = at.warning[0].value
    assert "[click me](https://evil.example/x)" in shown(warning)  # the reader sees what the link said …
    assert "](" not in warning and "https://" not in warning  # … and nothing a renderer could turn into a link


def test_deeply_nested_levers_are_refused_before_they_are_parsed():
    at = run_app("zh", PAGE, levers=packed("[" * 30_000 + "]" * 30_000))  # a link of ~150 characters
    assert not at.exception and len(at.warning) == 1
    assert "方案参数嵌套超过 8 层" in shown(at.warning[0].value)  # in the reader's language
    assert at.get("plotly_chart")  # the page still shows the default levers' results


def test_a_half_megabyte_lever_link_is_refused_before_it_is_decompressed():
    code = "A" * 500_000  # 0.5 MB of link, the size of the 400 MB bomb the issue found
    at = run_app("zh", PAGE, levers=code)
    assert not at.exception and len(at.warning) == 1
    assert "链接中的方案参数长 500,000 个字符，最多 4,096 个" in shown(at.warning[0].value)


def test_a_small_link_that_unpacks_to_megabytes_is_stopped_at_the_limit():
    code = packed("{" + " " * 3_000_000 + "}")  # 3 MB of JSON in a link of a few thousand characters
    assert len(code) < 4_096
    at = run_app("zh", PAGE, levers=code)
    assert not at.exception and "链接中的方案参数解压后超过 65,536 字节" in shown(at.warning[0].value)


def test_lever_values_beyond_the_panel_are_named_not_changed_silently():
    levers = parse_levers({"bundling": {"cleaning": 45}, "start_year": 2099,
                           "scope": {"buildings": ["不存在楼", "市行政中心"]}, "energy": True})
    at = run_app("zh", PAGE, levers=encode(levers))
    assert not at.exception and len(at.warning) == 1
    said = shown(at.warning[0].value)
    assert "“保洁”标段数 45 超过上限，按 20 计" in said
    assert "起始年份 2099 不在 2026–2035 之内，按 2035 计" in said
    assert "范围中的“不存在楼”在数据中没有，已去掉" in said
    assert at.number_input(key="sim_lots_cleaning").value == 20
    assert at.multiselect(key="sim_buildings").value == ["市行政中心"]
