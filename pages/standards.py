"""统一标准 Standards: every building × service against the unified fee standard and staffing norm."""
import streamlit as st

import ui
from core.i18n import fmt_money
from core.views import standards as standards_views

p = ui.portfolio()
book = p.book
with st.sidebar:
    year = st.selectbox(ui.tr("standards.year"), p.years[::-1], key="standards_year")
    amber = st.number_input(ui.tr("standards.amber"), 0, 500, round(book.value("std_amber_pct") * 100), step=5,
                            key="standards_amber")
    red = st.number_input(ui.tr("standards.red"), 0, 500, round(book.value("std_red_pct") * 100), step=5,
                          key="standards_red")
    tolerance = st.number_input(ui.tr("standards.tolerance"), 0, 100, round(book.value("fee_cap_tolerance") * 100),
                                step=1, help=ui.tr("standards.tolerance_help"), key="standards_tolerance")
ui.page_header("page.standards", ui.tr("standards.caption", year=year))
if red < amber:
    st.warning(ui.tr("standards.red_below_amber"), icon=":material/warning:")
    red = amber

view = ui.cached(standards_views.standards_view)(year, ui.lang(), amber=amber / 100, red=red / 100, tolerance=tolerance / 100)
c = st.columns(4)
c[0].metric(ui.tr("standards.kpi.red"), view.counts["red"], border=True)
c[1].metric(ui.tr("standards.kpi.amber"), view.counts["amber"], border=True)
c[2].metric(ui.tr("standards.kpi.green"), view.counts["green"], border=True)
c[3].metric(ui.tr("standards.kpi.release"), fmt_money(view.release, ui.lang()), help=ui.tr("standards.kpi.release_help"),
            border=True)

heat, outliers, staffing = view.exhibits
ui.exhibit(heat)
ui.exhibit(outliers)
st.subheader(ui.tr("standards.outliers.table"))
ui.table(outliers.data, key="standards_outliers")
ui.exhibit(staffing)
