"""The meeting-pack page and the chart downloads, through AppTest (no browser)."""
from __future__ import annotations

import pytest

from core.sharing import export, pack
from core.views.exhibits import PackOptions
from tests.app.conftest import assert_clean, open_lazy, run_app
from tests.conftest import need


def build(at):
    next(b for b in at.button if b.label in ("生成会议材料", "Build the meeting pack")).click().run()
    assert_clean(at)
    return at


def test_every_overview_chart_offers_its_downloads():
    at = run_app("zh")
    assert_clean(at)
    assert not at.download_button  # a chart's buttons are drawn when its "下载" popover is opened
    for chart in ("overview-mode-mix", "overview-trend", "overview-budget"):
        open_lazy(at, f"dl-{chart}")
    keys = [b.key for b in at.download_button]
    for chart in ("overview-mode-mix", "overview-trend", "overview-budget"):
        assert [k for k in keys if k.startswith(f"dl-{chart}-")] == [f"dl-{chart}-{f}" for f in ("png", "svg", "html", "xlsx")]
    assert {b.label for b in at.download_button} == {"PNG 图片（2 倍清晰度）", "SVG 矢量图", "交互式 HTML", "图表数据（Excel）"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pack_page_offers_the_choices(lang):
    at = run_app(lang, "pages/pack.py")
    assert_clean(at)
    assert at.title[0].value == ("会议材料" if lang == "zh" else "Meeting pack")
    assert at.multiselect[0].options == ["全面整合", "标准+集中采购", "标准先行"]  # the demo's three examples
    assert at.multiselect[0].value == []  # none chosen: the pack shows the current state
    assert at.multiselect[1].value == list(pack.SECTIONS)  # every page's section, in the pack's order


def test_pack_builds_every_format(demo_portfolio):
    need(not export.missing(), "static export needs Chromium and fonts-noto-cjk")
    at = build(run_app("zh", "pages/pack.py"))
    charts = len(pack.collect(demo_portfolio, "zh", PackOptions()).exhibits)  # every section's charts
    assert at.success and f"{charts} 张图表" in at.success[0].value
    names = [c.value for c in at.caption if "会议材料-" in c.value]
    assert [n.split(" · ")[0].rsplit(".", 1)[1] for n in names] == ["pdf", "pptx", "xlsx", "html", "zip"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_chromium_the_page_says_what_to_install(lang, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    at = run_app(lang, "pages/pack.py")
    assert_clean(at)
    assert "sudo apt install chromium fonts-noto-cjk" in at.warning[0].value
    assert ("Chromium" in at.warning[0].value) and ("HTML" in at.warning[0].value)


def test_without_chromium_the_html_and_excel_are_still_built(monkeypatch):
    # (in Chinese: AppTest drops ?lang=en on the rerun that follows a switch_page)
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    at = build(run_app("zh", "pages/pack.py"))
    assert "未生成：PDF、PowerPoint。" in [c.value for c in at.caption]
    names = [c.value.split(" · ")[0] for c in at.caption if "会议材料-" in c.value]
    assert [n.rsplit(".", 1)[1] for n in names] == ["xlsx", "html", "zip"]


def test_without_chromium_chart_images_are_disabled_with_the_reason(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chromium")
    at = open_lazy(run_app("zh"), "dl-overview-mode-mix")
    assert_clean(at)
    png = [b for b in at.download_button if b.key.endswith("-png")]
    assert png and all(b.disabled for b in png)
    assert all(not b.disabled for b in at.download_button if b.key.endswith("-html"))
    assert any("sudo apt install chromium fonts-noto-cjk" in c.value for c in at.caption)


def test_a_saved_scenario_can_be_chosen_and_names_the_files(demo_copy):
    import datetime as dt

    from sqlmodel import Session

    from core.store import db
    from core.store.models import Scenario

    now = dt.datetime.now(dt.UTC)
    engine = db.make_engine(f"sqlite:///{demo_copy}")
    with Session(engine) as s:
        s.add(Scenario(name="统一管理试点", levers='{"fee_cap": true}', created_at=now, updated_at=now))
        s.commit()
    engine.dispose()
    at = run_app("zh", "pages/pack.py")
    assert not at.multiselect[0].disabled and "统一管理试点" in at.multiselect[0].options
    at.multiselect[0].set_value(["统一管理试点"])
    at.button_group[0].set_value(["html"])
    at = build(at.run())
    names = [c.value.split(" · ")[0] for c in at.caption if "会议材料-" in c.value]
    assert names == [f"会议材料-统一管理试点-{dt.date.today().isoformat()}.html"]


def test_an_edited_briefing_paragraph_is_saved_with_the_settings_and_used():
    at = run_app("zh", "pages/pack.py")
    assert_clean(at)
    area = next(a for a in at.text_area if a.key == "brief_zh_requests")
    assert area.value.startswith("（一）")  # drafted from the data and the chosen scenario
    area.set_value("（一）同意按标准先行方案推进。").run()
    next(b for b in at.button if b.key == "brief_save").click().run()
    assert_clean(at)
    assert "已保存（第 1 版" in at.success[0].value
    assert any("（已修改）" in a.label for a in at.text_area)  # the saved edit is marked and kept
