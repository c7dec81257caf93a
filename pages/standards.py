"""统一标准 Standards: every building × service against the unified fee standard and staffing norm."""
import streamlit as st

import ui
from core.domain.standards import RANKINGS
from core.i18n import fmt_money, t
from core.views import standards as standards_views

p = ui.portfolio()
book = p.book
with st.sidebar:
    year = st.selectbox(ui.tr("standards.year"), p.years[::-1], key="standards_year")
    amber = st.number_input(ui.tr("standards.amber"), 0, 500, round(book.value("std_amber_pct") * 100), step=5,
                            key="standards_amber")
    red = st.number_input(ui.tr("standards.red"), 0, 500, round(book.value("std_red_pct") * 100), step=5,
                          key="standards_red")
    low = st.number_input(ui.tr("standards.low"), 0, 100, round(book.value("std_low_pct") * 100), step=5,
                          help=ui.tr("standards.low_help"), key="standards_low")
    tolerance = st.number_input(ui.tr("standards.tolerance"), 0, 100, round(book.value("fee_cap_tolerance") * 100),
                                step=1, help=ui.tr("standards.tolerance_help"), key="standards_tolerance")
ui.page_header("page.standards", ui.tr("standards.caption", year=year))
if red < amber:
    st.warning(ui.tr("standards.red_below_amber"), icon=":material/warning:")
    red = amber

lang = ui.lang()
view = ui.cached(standards_views.standards_view)(year, lang, amber=amber / 100, red=red / 100, low=low / 100,
                                                 tolerance=tolerance / 100)
items = {s: standards_views.count_items(view.counts[s], lang) for s in ("red", "amber", "green", "low")}
c = st.columns(5)
c[0].metric(ui.tr("standards.kpi.red"), items["red"], border=True)
c[1].metric(ui.tr("standards.kpi.amber"), items["amber"], border=True)
c[2].metric(ui.tr("standards.kpi.green"), items["green"], border=True)
c[3].metric(ui.tr("standards.kpi.low"), items["low"], help=ui.tr("standards.kpi.low_help", low=f"{low}%"), border=True)
c[4].metric(ui.tr("standards.kpi.release_yr"), fmt_money(view.release, lang),
            help=ui.tr("standards.kpi.release_help"), border=True)

ex = view.exhibits
ui.exhibit(ex["standards-map"])
by = st.segmented_control(ui.tr("standards.rank_by"), RANKINGS, default="money", key="standards_rank",
                          format_func=lambda r: t(f"standards.rank.{r}", lang)) or "money"
outliers = ex["standards-outliers" if by == "money" else "standards-outliers-pct"]
ui.exhibit(outliers)
st.subheader(ui.tr("standards.outliers.table"))
ui.table(outliers.data, key="standards_outliers")

st.subheader(ui.tr("standards.at_actual.heading"))
ui.exhibit(ex["standards-at-actual"])
st.subheader(ui.tr("standards.low.heading"))
ui.exhibit(ex["standards-far-below"])
ui.exhibit(ex["standards-staffing"])
