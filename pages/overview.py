"""总览 Overview: where the money for agency logistics goes today, under the four support modes."""
import datetime as dt

import streamlit as st

import ui
from core.domain import scorecard
from core.i18n import GLOSSARY, fmt_money, fmt_pct, labels, wan
from core.views import overview

lang = ui.lang()
p = ui.portfolio()
year = st.sidebar.selectbox(ui.tr("overview.year"), p.years[::-1], key="overview_year")
ui.page_header("page.overview", ui.tr("overview.caption", year=year))
st.caption(ui.cached(overview.completeness_line)(lang, dt.date.today()), help=ui.tr("checkup.caption"))

v = ui.cached(overview.overview_view)(year, lang)
k = v.kpis
h = k.history
since = ui.tr("overview.kpi.delta_prev")


def change(now: float, before: float | None) -> str | None:
    return fmt_pct(now / before - 1, signed=True) if before else None


c = st.columns(4)
c[0].metric(ui.tr("overview.kpi.total"), fmt_money(k.total_spend, lang), change(k.total_spend, k.total_spend_prev),
            delta_color="inverse", delta_description=since, chart_data=h["spend"].map(wan).round(1).tolist(),
            chart_type="area", border=True)
c[1].metric(ui.tr("overview.kpi.per_m2"), f"{k.spend_per_m2:,.0f}", change(k.spend_per_m2, k.spend_per_m2_prev),
            delta_color="inverse", delta_description=since, chart_data=h["spend_per_m2"].round(1).tolist(),
            chart_type="area", border=True)
c[2].metric(ui.tr("overview.kpi.staff"), f"{k.staff_in_house:,.0f} / {k.staff_vendor:,.0f}",
            help=ui.tr("overview.kpi.staff_help"), border=True)
pp = (k.budget_deviation - k.budget_deviation_prev) * 100 if k.budget_deviation_prev is not None else None
c[3].metric(ui.tr("overview.kpi.budget_dev"), fmt_pct(k.budget_deviation, signed=True),
            ui.tr("overview.kpi.delta_pp", pp=pp) if pp is not None else None, delta_color="off",
            delta_description=since, help=ui.tr("overview.kpi.budget_dev_help"),
            chart_data=(h["budget_deviation"] * 100).round(1).tolist(), chart_type="bar", border=True)

c = st.columns(5)
for col, (mode, name) in zip(c, labels("mode", lang).items()):
    col.metric(name, ui.tr("overview.modes.count", n=k.buildings_per_mode[mode]))
compliance_card = c[4]  # filled at the end: the scorecard is the slowest figure on the page

mix, trend, services, budget = v.exhibits
left, right = st.columns(2)
with left:
    ui.exhibit(mix)
with right:
    ui.exhibit(trend)
left, right = st.columns(2)
with left:
    ui.exhibit(services)
with right:
    st.markdown(f"**{ui.tr('overview.services.table')}**")
    ui.table(v.services, key="overview_services")
    st.caption(ui.tr("overview.services.caption"))
ui.exhibit(budget)
st.caption(ui.tr("overview.budget.caption"))

st.subheader(ui.tr("overview.table.title"))
st.dataframe(
    v.table,
    hide_index=True,
    column_config={
        "name": ui.tr("common.building"),
        "mode": ui.tr("common.mode"),
        "gross_floor_area_m2": st.column_config.NumberColumn(ui.tr("common.area"), format="%,.0f"),
        "tier": ui.tr("common.tier"),
        "year_built": st.column_config.NumberColumn(ui.tr("common.year_built"), format="%d"),
        "managed_by": ui.tr("table.managed_by"),
        "n_departments": ui.tr("common.departments"),
        "staff_in_house": st.column_config.NumberColumn(ui.tr("table.staff_in_house"), format="%,.0f"),
        "staff_vendor": st.column_config.NumberColumn(ui.tr("table.staff_vendor"), format="%,.0f"),
        "actual": st.column_config.NumberColumn(ui.tr("table.spend"), format="%,.1f"),
        "spend_per_m2": st.column_config.NumberColumn(ui.tr("table.spend_per_m2"), format="%,.0f"),
    },
)

glossary = st.expander(ui.tr("overview.glossary"), key="overview_glossary", on_change="rerun")  # drawn when opened
if glossary.open:
    glossary.table({ui.tr("overview.glossary"): [(zh if lang == "zh" else en) for zh, en, _, _ in GLOSSARY],
                   "": [(dz if lang == "zh" else de) for _, _, dz, de in GLOSSARY]})

sc = ui.cached(scorecard.current_compliance)(dt.date.today())
compliance_card.metric(ui.tr("gates.kpi.compliance_long"), fmt_pct(sc.rate, 0),
                       help=ui.tr("gates.kpi.compliance_help", k=sc.compliant, n=sc.buildings, year=p.latest_year))
