"""On a projector: at 1280×720 and 1366×768 every key figure shows its whole value (no "…"), every page's
own address opens that page, and no chart toolbar sits over a title."""
import pytest

from tests.browser.conftest import assert_no_error_box, goto, settle

SIZES = [(1280, 720), (1366, 768)]
PAGES = ["overview", "compare", "standards", "consolidation", "scenarios", "pack", "vendors"]

# Each metric: its rendered text, whether the value or label box cuts its content, and the value as text.
KPIS = """() => Array.from(document.querySelectorAll('[data-testid="stMetric"]')).map(m => {
  const v = m.querySelector('[data-testid="stMetricValue"]');
  const inner = v.querySelector('div') || v;
  const l = m.querySelector('[data-testid="stMetricLabel"]');
  const cut = el => !!el && (el.scrollWidth > el.clientWidth + 1);
  const rect = inner.getBoundingClientRect(), box = m.getBoundingClientRect();
  return {value: v.textContent.trim(), shown: inner.innerText.trim(), cut: cut(inner) || cut(v),
          outside: rect.right > box.right + 1, label: l ? l.innerText.trim() : '', labelCut: cut(l)};
})"""


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_key_figure_is_cut_at_projector_sizes(browser, app_url, width, height):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for name in PAGES:
            goto(page, f"{app_url}/{name}")
            settle(page)
            assert_no_error_box(page)
            for kpi in page.evaluate(KPIS):
                assert kpi["value"], (name, kpi)
                assert "…" not in kpi["shown"] and kpi["shown"] == kpi["value"], (name, kpi)  # all of the value shows
                assert not kpi["cut"] and not kpi["outside"], (name, width, kpi)
                assert not kpi["labelCut"], (name, width, kpi)
    finally:
        context.close()


@pytest.mark.parametrize("name", ["overview", "standards", "pack"])
def test_each_page_opens_at_its_own_address(page, app_url, name):
    goto(page, f"{app_url}/{name}")
    settle(page)
    assert page.get_by_text("Page not found").count() == 0
    heading = page.locator("[data-testid='stMain'] h1").first.inner_text()
    assert heading.strip(), name
    titles = {"overview": "总览", "standards": "统一标准", "pack": "会议材料"}
    assert titles[name] in heading


def test_chart_toolbars_never_cover_titles(page, app_url):
    goto(page, f"{app_url}/overview")
    settle(page)
    page.locator(".js-plotly-plot").first.hover()
    assert page.locator(".modebar-container .modebar-btn").count() == 0  # no plotly toolbar over the chart
