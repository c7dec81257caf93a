"""方案比较 Scenarios: saved scenarios side by side — key figures, how sure each is, where the savings
come from — and renaming, duplicating and deleting them."""
import streamlit as st

import ui
from core.simulation import risk, scenarios
from core.simulation.levers import LeverError, parse_levers
from core.simulation.plan import base_items
from core.store.access import Permission
from core.views import scenario_compare, simulator, versions
from core.views.sim_charts import scenario_palette

lang = ui.lang()
p = ui.portfolio()
saved = ui.saved_scenarios()
ui.page_header("page.scenarios", ui.tr("scen.caption", seed=risk.DEFAULT_SEED, draws=f"{risk.DEFAULT_DRAWS:,}"))
if saved.empty:
    st.info(ui.tr("scen.none"), icon=":material/info:")
    st.page_link("pages/consolidation.py", label=ui.tr("page.consolidation"), icon=":material/savings:")
    st.stop()

names = saved["name"].tolist()
# a change names the version the reader saw when the page was drawn, not the one a click reloads
seen = st.session_state.get("_scen_seen", {})
st.session_state["_scen_seen"] = dict(zip(names, saved["version"].astype(int)))
chosen = ui.multiselect(ui.tr("scen.pick"), names, default=names[:3], max_selections=4, key="compare",
                        bind="query-params", help=ui.tr("scen.pick_help"))
by_name = saved.set_index("name")
named = []
for n in chosen:
    try:
        named.append((n, ui.computed(simulator.analyse, parse_levers(by_name.at[n, "levers"]), label=ui.tr("sim.running"),
                                     derived={"items": ui.cached(base_items)()})))
    except LeverError as exc:
        st.warning(f"{ui.plain(n)}: {ui.tr_plain('sim.problem', msg=exc.text(lang))}", icon=":material/tune:")

if len(named) < 2:
    st.info(ui.tr("scen.too_few"), icon=":material/info:")
else:
    st.subheader(ui.tr("scen.figures"))
    colors = scenario_palette(saved.sort_values("id")["name"].tolist())  # the same colours as in the pack
    shown = tuple(n for n, _ in named)  # with the data version, all the charts below depend on
    figures, dist, by_lever, paths = ui.derived(lambda: scenario_compare.comparison_exhibits(named, lang, colors),
                                                "scenarios", shown, lang)
    ui.table(figures.data, key="scen_figures")
    ui.exhibit_tabs("scen_chart", [(ui.tr("scen.tab.npv"), dist, None), (ui.tr("scen.tab.levers"), by_lever, None),
                                   (ui.tr("scen.tab.paths"), paths, None)], scenario="+".join(chosen))
    st.subheader(ui.tr("scen.waterfalls"))
    # one scenario's waterfall at a time, full width: only the open tab is drawn
    tabs = st.tabs([ui.plain(n) for n, _ in named], key="scen_waterfall", on_change="rerun")
    for j, (tab, (n, a)) in enumerate(zip(tabs, named), start=1):
        if tab.open:
            with tab:
                ui.exhibit(ui.derived(lambda a=a, n=n, j=j: simulator.waterfall_exhibit(a, lang, n, prefix=f"scenario{j}"),
                                      "scenario-waterfall", n, j, lang), scenario=n)
                st.page_link("pages/consolidation.py", label=ui.tr_plain("scen.open", name=n), icon=":material/open_in_new:",
                             query_params={"scenario": n})

st.subheader(ui.tr("scen.saved"))
ui.table(scenario_compare.saved_table(saved, lang), key="scen_saved")
changed = ui.data_changed_at()
ui.table(versions.versions_table(saved, changed, lang), key="scen_versions")
if not ui.may(Permission.save_scenario):  # a viewer reads and compares; changing scenarios is the analysts'
    st.stop()
# the two panels below run only while open
status_panel = st.expander(ui.tr("scen.status.title"), icon=":material/approval:", key="scen_status", on_change="rerun")
if status_panel.open:
    with status_panel:
        which = st.selectbox(ui.tr("scen.which"), names, key="scen_status_pick")
        row = by_name.loc[which].copy()
        row["name"] = which
        st.markdown("  \n".join(versions.trail(row, lang)))
        frozen = versions.frozen_text(row, changed, lang)
        if frozen:
            st.caption(frozen)
        step = {"scenario_id": int(row["id"]), "seen_version": int(seen.get(which, row["version"])), "actor": ui.actor(),
                "source": "app"}
        approver = ui.may(Permission.approve_scenario)
        c = st.columns(3)
        if c[0].button(ui.tr("scen.status.submit"), key="scen_submit", disabled=row["status"] != "draft", width="stretch"):
            ui.write(scenarios.submit, **step, done=ui.tr_plain("scen.status.submitted_done", name=which))
        if c[1].button(ui.tr("scen.status.approve"), key="scen_approve", disabled=row["status"] != "review" or not approver,
                       width="stretch", type="primary"):
            ui.write(scenarios.approve, **step, done=ui.tr_plain("scen.status.approved_done", name=which))
        if c[2].button(ui.tr("scen.status.send_back"), key="scen_send_back", disabled=row["status"] == "draft" or not approver,
                       width="stretch"):
            ui.write(scenarios.send_back, **step, done=ui.tr_plain("scen.status.sent_back_done", name=which))
        if not approver:
            st.caption(ui.tr("scen.status.approver_only"))
manage_panel = st.expander(ui.tr("scen.manage"), icon=":material/edit_note:", key="scen_manage_panel", on_change="rerun")
if manage_panel.open:
    with manage_panel:
        which = st.selectbox(ui.tr("scen.which"), names, key="scen_manage")
        row = by_name.loc[which]
        version = int(seen.get(which, row["version"]))
        new_name = st.text_input(ui.tr("scen.new_name"), key="scen_new_name", max_chars=100)
        who = {"actor": ui.actor(), "source": "app"}
        c = st.columns(3, vertical_alignment="bottom")
        if c[0].button(ui.tr("scen.rename"), icon=":material/edit:", disabled=not new_name.strip(), width="stretch",
                        key="scen_rename"):
            ui.write(scenarios.rename, scenario_id=int(row["id"]), seen_version=version, name=new_name,
                     done=ui.tr("scen.renamed", name=new_name.strip()), **who)
        if c[1].button(ui.tr("scen.duplicate"), icon=":material/content_copy:", disabled=not new_name.strip(),
                       width="stretch", key="scen_duplicate"):
            ui.write(scenarios.duplicate, name=which, new_name=new_name, done=ui.tr("scen.duplicated", name=new_name.strip()),
                     **who)
        if ui.may(Permission.delete_scenario):
            sure = c[2].checkbox(ui.tr_plain("scen.delete_confirm", name=which), key="scen_delete_sure")
            if c[2].button(ui.tr("scen.delete"), icon=":material/delete:", disabled=not sure, width="stretch",
                           key="scen_delete"):
                ui.write(scenarios.remove, scenario_id=int(row["id"]), seen_version=version,
                         done=ui.tr("scen.deleted", name=which), **who)
