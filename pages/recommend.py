"""最优方案 Recommend: the best delivery for every building and service under the policy levers and
constraints the group sets, how sure its saving is, what it costs in non-cost terms, and why."""
import streamlit as st

import ui
from core.i18n import fmt_money
from core.simulation.levers import LeverError
from core.simulation.plan import base_items
from core.views import lever_form, recommend_form
from core.views import recommend as views
from ui import recommend_panel as panel

lang = ui.lang()
p = ui.portfolio()
ctx = ui.cached(lever_form.FormContext.of)()
saved = ui.saved_scenarios()
levers, constraints, settings, weights = panel.settings_panel(ctx, recommend_form.book_of(p), saved)
marks = tuple(zip(saved["name"].astype(str), saved["levers"].astype(str)))
items = ui.cached(base_items)()
try:  # the plan first; relaxations and frontiers only for the views that show them
    a = ui.computed(views.page_analysis, levers, constraints, settings, weights, (), "plan", label=ui.tr("rec.running"),
                    derived={"items": items})
except LeverError as exc:
    ui.page_header("page.recommend")
    st.error(ui.tr_plain("sim.problem", msg=exc.text(ui.lang())), icon=":material/tune:")
    st.stop()

years = a.rec.options.years
ui.page_header("page.recommend", ui.tr("rec.caption", start=years[0], end=years[-1], draws=a.rec.options.draws,
                                       cells=len(a.rec.options.cells)))
if not a.found:
    st.error(views.headline(a, lang), icon=":material/block:")
    st.caption(views.method_text(a, lang))
    st.stop()

st.markdown(f"##### {views.headline(a, lang)}")
tiles = views.metrics(a, lang)
for col, (name, value, more) in zip(st.columns(len(tiles)), tiles):
    col.metric(name, value, border=True, help=more)
st.caption(ui.tr("rec.solver_line", v=views.key_figures(a, lang)[-1][1]))
panel.save_bar(a.rec.levers, ui.tr("rec.description", objective=ui.tr(f"rec.objective.{settings.objective}"),
                                   mean=fmt_money(a.rec.evaluated.mean if a.rec.evaluated else 0.0, lang)))

view = st.segmented_control(ui.tr("sim.view"), views.VIEWS, required=True, key="rec_view", default=views.VIEWS[0],
                            format_func=lambda v: ui.tr(f"rec.view.{v}"), label_visibility="collapsed")
if view in ("frontier", "reasons"):
    a = ui.computed(views.page_analysis, levers, constraints, settings, weights, marks if view == "frontier" else (),
                    view, label=ui.tr("rec.running"), derived={"items": items})
if view == "plan":
    ui.exhibit(views.grid_exhibit(a, p, lang))
    st.subheader(ui.tr("rec.changes"))
    ui.table(views.changes_table(a, lang), key="rec_changes")
    st.subheader(ui.tr("rec.people"))
    ui.table(views.people_table(a, lang), key="rec_people")
elif view == "frontier":
    for ex in views.frontier_exhibits(a, lang):
        ui.exhibit(ex)
    st.caption(ui.tr("rec.frontier.caption"))
elif view == "reasons":
    st.subheader(ui.tr("rec.reasons.cells"))
    st.markdown("\n".join(f"- {s}" for s in views.reasons(a, lang)) or ui.tr("rec.reasons.none"))
    st.subheader(ui.tr("rec.reasons.constraints"))
    st.markdown("\n".join(f"- {s}" for s in views.binding_sentences(a, lang)))
else:
    st.markdown(views.method_text(a, lang))
    st.subheader(ui.tr("rec.criteria"))
    ui.table(views.criteria_table(p, lang), key="rec_criteria")
