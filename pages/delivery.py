"""执行跟踪 Delivery: an adopted plan, year by year: planned against actual saving by lever and building, the
variance, and the cells that fell below the plan's P10."""
import streamlit as st

import ui
from core.i18n import fmt_approx, fmt_approx_range, fmt_num, join
from core.simulation.levers import parse_levers
from core.views import delivery, simulator

lang = ui.lang()
p = ui.portfolio()
ui.page_header("page.delivery", ui.tr("delivery.caption"))
plans = delivery.choices(p)
if plans.empty:
    st.info(ui.tr("delivery.none"), icon=":material/flag:")
    st.stop()

labels = {int(r.id): f"{r.name} · v{int(r.version)} · {r.adopted_on}" for r in plans.itertuples()}
wanted = st.query_params.get("plan")
ids = list(labels)
start = next((i for i, r in enumerate(plans.itertuples()) if r.name == wanted), 0)
plan_id = st.selectbox(ui.tr("delivery.pick"), ids, index=start, format_func=labels.__getitem__, key="delivery_plan")
d = ui.cached(delivery.delivery)(plan_id)
st.query_params["plan"] = str(d.plan["name"])

st.markdown(f"##### {ui.plain(delivery.headline(d, lang))}")  # it names the plan (stored text)
for column, (label, value) in zip(st.columns(4), delivery.key_figures(d, lang)):
    column.metric(label, value, border=True)
if d.years:
    left, right = st.columns([3, 2])
    with left:
        ui.exhibit(delivery.years_exhibit(d, lang), scenario=str(d.plan["name"]))
    with right:
        ui.exhibit(delivery.buildings_exhibit(d, lang), scenario=str(d.plan["name"]))
    st.subheader(ui.tr("delivery.table"))
    ui.table(delivery.buildings_table(d, lang), key="delivery_table")

with st.expander(ui.tr("delivery.plan.levers"), icon=":material/description:"):
    levers = parse_levers(str(d.plan["levers"]))
    st.markdown(ui.tr_plain("delivery.plan.figures", first=int(d.plan["first_year"]), last=int(d.plan["last_year"]),
                   p50=fmt_approx(float(d.plan["npv_p50"]), lang),
                   range=fmt_approx_range(float(d.plan["npv_p10"]), float(d.plan["npv_p90"]), lang),
                   draws=fmt_num(int(d.plan["draws"])), levers=simulator.levers_in_words(levers, lang),
                   note=str(d.plan["note"] or "")))
    if levers.scope.buildings:
        st.caption(ui.plain(join(levers.scope.buildings, lang)))
