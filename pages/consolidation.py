"""整合模拟 Consolidation: move a lever, see what unified management would save, when, how surely, whom it
affects, and which assumption the answer hangs on."""
import streamlit as st

import ui
from core.i18n import fmt_money, fmt_pct
from core.simulation.levers import LeverError
from core.simulation.plan import base_items
from core.views import lever_form, sim_figures, simulator
from ui import simulator_panel as panel

lang = ui.lang()
p = ui.portfolio()
ctx = ui.cached(lever_form.FormContext.of)()
panel.levers_from_url(ctx)
levers, draws, seed = panel.lever_panel(ctx)
try:
    a = ui.computed(simulator.analyse, levers, draws, seed, label=ui.tr("sim.running"),
                    derived={"items": ui.cached(base_items)()})
except LeverError as exc:
    ui.page_header("page.consolidation")
    st.error(ui.tr("sim.problem", msg=str(exc)), icon=":material/tune:")
    st.stop()

r = a.result
loaded = panel.loaded()
name = loaded.name if loaded is not None and loaded.levers == levers else None
scope = (ui.tr("sim.scope.all") if not (levers.scope.buildings or levers.scope.services) else
         ui.tr("sim.scope.some", b=r.plan.items.loc[r.plan.items["in_scope"], "building_id"].nunique(),
               s=r.plan.items.loc[r.plan.items["in_scope"], "service"].nunique()))
ui.page_header("page.consolidation", ui.tr("sim.caption", base=r.plan.base_year, scope=scope, cost=fmt_money(r.base_cost, lang),
                                           start=r.years[0], end=r.years[-1], draws=f"{a.mc.draws:,}"))
bar = st.container()
st.markdown(f"##### {simulator.headline(a, lang, name)}")
for column, (label, value, help_text) in zip(st.columns(6), sim_figures.tiles(a.figures, lang)):
    column.metric(label, value, border=True, help=help_text)

view = st.segmented_control(ui.tr("sim.view"), simulator.VIEWS, required=True, key=lever_form.VIEW,
                            format_func=lambda v: ui.tr(f"sim.view.{v}"), label_visibility="collapsed")
with bar:
    panel.scenario_bar(levers, ui.saved_scenarios(), ctx, view)

if view == "savings":
    waterfall = simulator.waterfall_exhibit(a, lang, name)
    left, right = st.columns(2)
    with left:
        ui.exhibit(waterfall, scenario=name)
    with right:
        ui.exhibit(simulator.paths_exhibit(a, lang, name), scenario=name)
    ui.table(waterfall.data, key="sim_waterfall_table")
elif view == "schedule":
    ui.exhibit(simulator.schedule_exhibit(a, lang, name), scenario=name)
    ui.table(simulator.schedule_table(a, lang), key="sim_schedule_table")
    left, right = st.columns(2)
    with left:
        ui.exhibit(simulator.people_exhibit(a, lang, name), scenario=name)
    with right:
        st.subheader(ui.tr("plans.people.by_lever"))
        ui.table(simulator.people_by_lever(a, lang), key="sim_people_table")
        st.caption(ui.tr("plans.people.caption"))
elif view == "risk":
    left, right = st.columns(2)
    with left:
        ui.exhibit(simulator.fan_exhibit(a, lang, name), scenario=name)
    with right:
        ui.exhibit(simulator.npv_exhibit(a, lang, name), scenario=name)
    ui.exhibit(simulator.tornado_exhibit(a, lang, name), scenario=name)
    st.caption(ui.tr("sim.sobol.caption"))
    ui.table(simulator.sensitivity_table(a, lang), key="sim_sensitivity")
    st.info(simulator.volatility_text(a, lang), icon=":material/monitoring:")
elif view == "details":
    st.subheader(ui.tr("sim.details.conversions"))
    if len(r.plan.conversions):
        ui.table(simulator.conversions_table(r, lang), key="sim_conversions")
    else:
        st.caption(ui.tr("sim.details.conversions_none"))
    st.caption(ui.tr("sim.details.transition", **{k: fmt_money(v, lang) for k, v in r.transition.items()}))
    if len(r.plan.lots):
        st.subheader(ui.tr("sim.details.lots"))
        ui.table(simulator.lots_table(r, lang), key="sim_lots")
    pools = simulator.pools_table(a, lang)
    if len(pools):
        st.subheader(ui.tr("sim.details.pools"))
        ui.table(pools, key="sim_pools")
else:
    st.markdown(ui.tr("sim.method.body", base=r.plan.base_year, hurdle=fmt_pct(r.plan.value("hurdle_rate"), 0),
                      discount=fmt_pct(r.plan.value("discount_rate"), 0)))
    st.info(simulator.history_text(a, lang).strip(), icon=":material/history:")
    st.subheader(ui.tr("sim.method.assumptions"))
    ui.table(simulator.assumptions_table(a, p, lang), key="sim_assumptions")

panel.levers_to_url(levers, view)
