"""模式对比 Compare modes: the four support modes side by side on full cost, normalised per building."""
import streamlit as st

import ui
from core.i18n import label
from core.views import compare as compare_views

lang = ui.lang()
p = ui.portfolio()
names = p.buildings.set_index("id")["name"].to_dict()
with st.sidebar:
    year = st.selectbox(ui.tr("compare.year"), p.years[::-1], key="compare_year")
    services = ui.multiselect(ui.tr("compare.services"), p.services["code"].tolist(), key="compare_services",
                                format_func=lambda s: label("service", s, lang), placeholder=ui.tr("common.all"))
    buildings = ui.multiselect(ui.tr("compare.buildings"), list(names), format_func=names.__getitem__,
                                 key="compare_buildings", placeholder=ui.tr("common.all"))
    tax_neutral = st.toggle(ui.tr("compare.tax_neutral"), help=ui.tr("compare.tax_neutral_help"),
                              key="compare_tax_neutral")
ui.page_header("page.compare", ui.tr("compare.caption", year=year))

view = ui.cached(compare_views.compare_view)(year, lang, services=tuple(services), buildings=tuple(buildings),
                                        tax_neutral=tax_neutral)
if view.measures.empty:
    st.info(ui.tr("compare.empty", year=year), icon=":material/filter_alt_off:")
    st.stop()

# only the open tab runs (and is sent): a page switch draws four charts, not six
modes_tab, departments_tab, working_tab = st.tabs(
    [ui.tr("compare.tab.modes"), ui.tr("compare.tab.departments"), ui.tr("compare.tab.working")],
    key="compare_tab", on_change="rerun")

if modes_tab.open:
    with modes_tab:
        st.subheader(ui.tr("compare.table.title"))
        ui.table(view.table, key="compare_table")
        st.caption(ui.tr("compare.table.note"))
        spread, composition, adjusted, quality = view.exhibits
        ui.exhibit(spread)
        ui.exhibit(composition)
        ui.exhibit_tabs("compare_checks", [(ui.tr("compare.tab.adjusted"), adjusted, ui.tr("compare.adjusted.note")),
                                           (ui.tr("compare.tab.quality"), quality, None)])

if departments_tab.open:
    with departments_tab:
        basis = st.segmented_control(ui.tr("costing.departments.basis"), ["area", "staff"], required=True,
                                     default="area", format_func=lambda b: ui.tr(f"costing.basis.{b}"),
                                     key="compare_basis")
        st.caption(ui.tr("costing.departments.note", basis=ui.tr(f"costing.basis_in_text.{basis}")))
        departments, allocation = ui.cached(compare_views.departments_view)(
            year, lang, services=tuple(services), buildings=tuple(buildings), basis=str(basis), tax_neutral=tax_neutral)
        st.subheader(ui.tr("costing.departments.title"))
        ui.table(departments.data, key="compare_departments")
        ui.exhibit(departments)
        with st.expander(ui.tr("costing.departments.detail")):
            ui.table(allocation)

if working_tab.open:
    with working_tab:
        building = st.selectbox(ui.tr("costing.working.building"), view.measures["building_id"].tolist(),
                                format_func=names.__getitem__, key="compare_working_building")
        working = ui.cached(compare_views.working_view)(year, int(building), lang, services=tuple(services))
        ui.exhibit(working)
        st.caption(ui.tr("costing.working.note"))
        ui.table(working.data, key="compare_working_table")
