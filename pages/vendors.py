"""企业与质量 Vendors & quality: the three gates (admission, fees, quality) and the unified-management scorecard."""
import dataclasses
import datetime as dt

import streamlit as st

import ui
from core.domain import gates
from core.domain.quality import CRITERIA
from core.i18n import fmt_pct, fmt_yuan, label, labels, money_figure
from core.store.access import Permission
from core.views import gates as gv

lang = ui.lang()
p = ui.portfolio()
book = gates.GateSettings.from_book(p)
on = ui.date_input(ui.tr("gates.on"), dt.date.today(), where=st.sidebar, key="gates_on")
months = st.sidebar.number_input(ui.tr("gates.months"), 1, 36, book.expiring_months, key="gates_months")
line = st.sidebar.number_input(ui.tr("gates.flag_above"), 0.0, None, book.flag_above / 1e4, 10.0, key="gates_line")
ui.page_header("page.vendors", ui.tr("gates.caption", on=on, year=book.year))

with st.expander(ui.tr("gates.rules"), icon=":material/tune:"):
    st.caption(ui.tr("gates.rules.help"))
    c = st.columns(3)
    min_q = c[0].selectbox(ui.tr("gates.min_qualification"), [1, 2, 3], book.min_qualification - 1, key="gates_minq")
    min_s = c[1].number_input(ui.tr("gates.min_score"), 0.0, 100.0, book.min_score, 1.0, key="gates_mins")
    below = c[2].number_input(ui.tr("gates.replace_below"), 0.0, 100.0, book.replace_below, 1.0, key="gates_below")
    st.markdown(f"**{ui.tr('gates.weights')}**")
    wc = st.columns(len(CRITERIA))
    weights = tuple((k, wc[i].number_input(label("criterion", k, lang), 0.0, 1.0, w, 0.05, key=f"gates_w_{k}"))
                    for i, (k, w) in enumerate(book.weights))
    s = dataclasses.replace(book, on=on, expiring_months=int(months), flag_above=line * 1e4, min_qualification=min_q,
                            min_score=min_s, replace_below=below, weights=weights)
    n_changed = len(gates.changed_rules(p, s))
    if ui.may(Permission.gate_rules) and st.button(  # other roles may try rules out, not save them
            ui.tr("gates.save"), disabled=n_changed == 0, help=ui.tr("gates.nothing_to_save") if not n_changed else None):
        ui.write(gates.save_rules, p, s, actor=ui.actor(), done=ui.tr("gates.saved", n=n_changed))

v = ui.cached(gv.gates_page)(s, lang)
k = v.kpis
c = st.columns(5)
c[0].metric(ui.tr("gates.kpi.vendors"), f"{k.admitted} / {k.vendors}", help=ui.tr("gates.kpi.vendors_help", applied=k.applied),
            border=True)
c[1].metric(ui.tr("gates.kpi.spend"), money_figure(k.spend, lang, whole=True), help=ui.tr("gates.kpi.spend_help", n=k.contracts), border=True)
c[2].metric(ui.tr("gates.kpi.noncompetitive"), k.noncompetitive, help=ui.tr("gates.kpi.noncompetitive_help"), border=True)
c[3].metric(ui.tr("gates.kpi.replace"), k.replace, help=ui.tr("gates.kpi.replace_help"), border=True)
c[4].metric(ui.tr("gates.kpi.compliance"), fmt_pct(k.compliance.rate, 0), border=True,
            help=ui.tr("gates.kpi.compliance_help", k=k.compliance.compliant, n=k.compliance.buildings, year=s.year))

ex = v.exhibits
# only the open tab runs (and is sent)
register, contracts, scores, card = st.tabs([ui.tr(f"gates.tab.{x}") for x in ("register", "contracts", "quality", "scorecard")],
                                            key="gates_tab", on_change="rerun")

if register.open:
    with register:
        ui.table(v.register, key="gates_register")
        names = v.vendor_names
        left, right = st.columns(2)
        if ui.may(Permission.vendor_decision):
            with left.expander(ui.tr("gates.decide.title"), icon=":material/gavel:"), st.form("gates_decide"):
                st.caption(ui.tr("gates.decide.help"))
                vid = st.selectbox(ui.tr("gates.decide.vendor"), list(names), format_func=names.get,
                                   key="gates_decide_vendor")
                to = st.selectbox(ui.tr("gates.decide.to"), list(labels("status", lang)), key="gates_decide_to",
                                  format_func=lambda x: label("status", x, lang))
                reason = st.text_input(ui.tr("gates.decide.reason"), key="gates_decide_reason")
                if st.form_submit_button(ui.tr("gates.decide.submit")):
                    ui.write(gates.decide, p, s, vendor_id=vid, to_status=to, reason=reason, actor=ui.actor(),
                             done=ui.tr_plain("gates.decide.done", vendor=names[vid], status=label("status", to, lang)))
        if ui.may(Permission.register_vendor):
            with right.expander(ui.tr("gates.new.title"), icon=":material/add_business:"), st.form("gates_new"):
                name = st.text_input(ui.tr("gates.new.name"), key="gates_new_name")
                code = st.text_input(ui.tr("gates.new.credit_code"), max_chars=18, key="gates_new_code")
                f = st.columns(3)
                level = f[0].selectbox(ui.tr("gates.col.qualification"), [1, 2, 3], 1, key="gates_new_level")
                capital = f[1].number_input(ui.tr("gates.new.capital"), 0.0, None, 100.0, key="gates_new_capital")
                founded = f[2].number_input(ui.tr("gates.new.founded"), 1950, on.year, 2015, key="gates_new_founded")
                lines = ui.multiselect(ui.tr("gates.new.lines"), list(labels("service", lang)), key="gates_new_lines",
                                       format_func=lambda x: label("service", x, lang))
                if st.form_submit_button(ui.tr("gates.new.submit")):
                    ui.write(gates.register, name=name, credit_code=code, qualification_level=level,
                             service_lines=lines, registered_capital_wan=capital, founded_year=int(founded),
                             applied_on=dt.date.today(), actor=ui.actor(), lang=lang,
                             done=ui.tr_plain("gates.new.done", name=name.strip()))

        st.subheader(ui.tr("gates.drill.title"))
        pick = st.selectbox(ui.tr("gates.drill.pick"), list(names), format_func=names.get, key="gates_drill")
        detail = ui.cached(gv.vendor_detail)(s, pick, lang)
        for flag in detail["flags"]:
            st.warning(ui.plain(flag), icon=":material/flag:")
        for part in ("contracts", "assessments", "decisions"):
            st.markdown(f"**{ui.tr(f'gates.drill.{part}')}**")
            if len(detail[part]):
                ui.table(detail[part], key=f"gates_drill_{part}")
            else:
                st.caption(ui.tr("gates.drill.none"))

if contracts.open:
    with contracts:
        left, right = st.columns(2)
        with left:
            ui.exhibit(ex["gates-channel-spend"])
        with right:
            ui.exhibit(ex["gates-concentration"])
        ui.exhibit(ex["gates-price-standard"])
        st.subheader(ui.tr("gates.contracts.title"))
        ui.table(v.contracts, key="gates_contracts")

if scores.open:
    with scores:
        left, right = st.columns(2)
        with left:
            ui.exhibit(ex["gates-vendor-scores"])
        with right:
            ui.exhibit(ex["gates-score-trend"])
        b = k.bonus
        st.info(ui.tr("gates.quality.bonus", year=b.year, bonus=fmt_yuan(b.bonus, lang), penalty=fmt_yuan(-b.penalty, lang),
                      net=fmt_yuan(b.net, lang)), icon=":material/balance:")
        ui.table(v.vendor_ranking, key="gates_vendor_ranking", trend_range=(60, 100))
        st.subheader(ui.tr("gates.quality.buildings"))
        ui.table(v.building_ranking, key="gates_building_ranking", trend_range=(60, 100))

if card.open:
    with card:
        st.info(ui.tr("gates.scorecard.note"), icon=":material/format_quote:")
        ui.exhibit(ex["gates-scorecard"])
        for check in gates.SCORECARD:
            st.caption(f"**{gv.check_label(check, lang)}** — {ui.tr(f'gates.check.help.{check}')}")
        with st.expander(ui.tr("gates.scorecard.departments")):
            ui.table(v.departments, key="gates_departments")
