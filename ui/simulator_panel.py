"""The Consolidation and Scenarios pages' widgets: the lever panel, the saved scenario, the shared link.

The panel's widget keys and the mapping between their values and :class:`Levers` live in
:mod:`core.views.lever_form`; this module only draws the widgets and keeps the link in step.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from sqlmodel import Session
from streamlit.delta_generator import DeltaGenerator

from core.i18n import join, label
from core.simulation import plans, risk, scenarios
from core.simulation.levers import DEFAULT_LEVERS, DELIVERIES, LeverError, Levers, decode, encode
from core.store.access import Permission
from core.store.limits import MAX_NAME_CHARS
from core.views import lever_form as form
from core.views.simulator import VIEWS
from ui.auth import actor, may
from ui.session import lang, tr, tr_plain
from ui.store import engine, portfolio, write
from ui.widgets import date_input, multiselect

SIM_PARAMS = ("scenario", "levers", "view")  # what a link to the Consolidation page says
DRAW_CHOICES = (1_000, 5_000, 10_000, 20_000)
LoadedState = scenarios.Saved | None


def _seed_levers(levers: Levers, ctx: form.FormContext) -> None:
    """Set every lever widget to ``levers`` (before the widgets are drawn), saying what had to change."""
    changed = form.out_of_reach(levers, ctx, lang())
    if changed:
        st.warning(tr_plain("sim.url.adjusted", items=join(changed, lang())), icon=":material/tune:")
    for k, v in form.form_values(levers, ctx).items():
        st.session_state[k] = v
    st.session_state["_sim_seeded"] = True


def _load_saved(name: str, ctx: form.FormContext) -> bool:
    """Load the saved scenario ``name`` into the lever panel; False if there is none."""
    with Session(engine()) as session:
        saved = scenarios.load(session, name=name)
    if saved is None:
        return False
    _seed_levers(saved.levers, ctx)
    _remember_loaded(saved)
    return True


def loaded() -> scenarios.Saved | None:
    """The saved scenario the panel was last loaded from or saved as (None: levers never saved)."""
    value = st.session_state.get("_sim_loaded")
    return value if isinstance(value, scenarios.Saved) else None


def _remember_loaded(saved: LoadedState) -> None:
    st.session_state["_sim_loaded"] = saved
    st.session_state["scen_pick"] = saved.name if saved is not None else ""
    st.session_state["scen_name"] = saved.name if saved is not None else ""
    st.session_state["scen_desc"] = saved.description if saved is not None else ""


def levers_from_url(ctx: form.FormContext) -> None:
    """Restore the levers a link names (``?scenario=NAME`` or ``?levers=…``) when the link is new to
    this session; on a first visit without one, start from the default levers."""
    if "_sim_written" in st.session_state:  # a save on the previous run: that is what is loaded now
        _remember_loaded(st.session_state.pop("_sim_written"))
    wanted = tuple(st.query_params.get(k) for k in SIM_PARAMS)
    if st.session_state.get("_sim_url") == wanted:
        return
    st.session_state["_sim_url"] = wanted
    name, code, view = wanted
    st.session_state[form.VIEW] = view if view in VIEWS else VIEWS[0]
    if name is None and code is None and st.session_state.get("_sim_seeded"):
        return  # back on the page without a link: keep the levers as they were
    if name:
        if _load_saved(name, ctx):
            return
        st.warning(tr_plain("sim.url.unknown", name=name[:MAX_NAME_CHARS]), icon=":material/link_off:")
    elif code:
        try:
            _seed_levers(decode(code), ctx)
            _remember_loaded(None)
            return
        except LeverError as exc:
            st.warning(tr_plain("sim.url.bad", msg=exc.text(lang())), icon=":material/link_off:")
    if not st.session_state.get("_sim_seeded"):
        _seed_levers(DEFAULT_LEVERS, ctx)


def share_params(levers: Levers, view: str | None) -> dict[str, str]:
    """The query parameters of a link to these levers and view: the saved scenario's name when the
    levers are exactly those saved, else the levers encoded."""
    saved = loaded()
    params: dict[str, str] = {}
    if lang() != "zh":
        params["lang"] = lang()
    if saved is not None and saved.levers == levers:
        params["scenario"] = saved.name
    elif levers != DEFAULT_LEVERS:
        params["levers"] = encode(levers)
    if view and view != VIEWS[0]:
        params["view"] = view
    return params


def levers_to_url(levers: Levers, view: str | None) -> None:
    """Keep the address bar a link to the levers and view shown (so that copying it shares them)."""
    params = share_params(levers, view)
    for key in SIM_PARAMS:
        if key in params:
            st.query_params[key] = params[key]
        else:
            st.query_params.pop(key, None)
    st.session_state["_sim_url"] = tuple(params.get(k) for k in SIM_PARAMS)


def share_url(params: dict[str, str], page: str) -> str:
    """The full link to ``page`` with ``params`` (relative when the browser's address is unknown)."""
    here = (st.context.url or "").split("?")[0]
    base = here.rsplit("/", 1)[0] + "/" + page if here else "/" + page
    return f"{base}?{urlencode(params)}" if params else base


def lever_panel(ctx: form.FormContext) -> tuple[Levers, int, int]:
    """The lever panel in the sidebar, grouped as the Bureau thinks of it; returns the levers, the
    number of draws and the seed. Values persist across pages for the session."""
    language = lang()
    keep: Literal["session"] = "session"  # widget values outlive a page switch

    def svc(s: str) -> str:
        return label("service", s, language)

    def dlv(d: str) -> str:
        return label("delivery", d, language)

    bar = st.sidebar
    bar.subheader(tr("sim.panel.title"))
    with bar.expander(tr("sim.group.management"), icon=":material/apartment:", expanded=True):
        st.toggle(tr("sim.form.um"), key=form.UM, help=tr("sim.form.um_help"), persist_state=keep)
        st.toggle(tr("sim.form.pool"), key=form.POOL, help=tr("sim.form.pool_help"), persist_state=keep)
        st.toggle(tr("sim.form.energy"), key=form.ENERGY, persist_state=keep)
    with bar.expander(tr("sim.group.standards"), icon=":material/rule:", expanded=True):
        st.toggle(tr("sim.form.cap"), key=form.CAP, help=tr("sim.form.cap_help"), persist_state=keep)
        st.number_input(tr("sim.form.tolerance"), 0.0, 100.0, step=1.0, key=form.TOL, persist_state=keep)
        st.toggle(tr("sim.form.std"), key=form.STD, help=tr("sim.form.std_help"), persist_state=keep)
    with bar.expander(tr("sim.group.procurement"), icon=":material/shopping_cart:"):
        chosen = multiselect(tr("sim.form.bundle"), list(ctx.bundle_services), format_func=svc, key=form.BUNDLE,
                                help=tr("sim.form.bundle_help"), placeholder=tr("sim.form.none_chosen"),
                                persist_state=keep)
        for s in chosen:
            st.number_input(tr("sim.form.lots", service=svc(s)), 1, form.LOTS_MAX, step=1, key=form.lots_key(s),
                        persist_state=keep)
    with bar.expander(tr("sim.group.gates"), icon=":material/verified:"):
        st.toggle(tr("sim.form.quality"), key=form.QUALITY, help=tr("sim.form.quality_help"), persist_state=keep)
    with bar.expander(tr("sim.group.conversion"), icon=":material/swap_horiz:"):
        st.caption(tr("sim.form.conversion_help"))
        st.number_input(tr("sim.form.hurdle"), 0.0, 100.0, step=1.0, key=form.HURDLE, help=tr("sim.form.hurdle_help"),
                        persist_state=keep)
        if st.toggle(tr("sim.form.rule"), key=form.RULE, persist_state=keep):
            st.selectbox(tr("sim.form.rule_from"), DELIVERIES, format_func=dlv, key=form.RULE_FROM, persist_state=keep)
            st.selectbox(tr("sim.form.rule_to"), DELIVERIES, format_func=dlv, key=form.RULE_TO, persist_state=keep)
            multiselect(tr("sim.form.rule_services"), list(ctx.bundle_services), format_func=svc,
                           key=form.RULE_SERVICES, placeholder=tr("common.all"), persist_state=keep)
        items = list(ctx.items)
        for d in DELIVERIES:
            multiselect(tr("sim.form.to", delivery=dlv(d)), items, format_func=lambda k: ctx.item_label(k, language),
                           key=form.to_key(d), placeholder=tr("sim.form.none_chosen"), persist_state=keep)
    with bar.expander(tr("sim.group.scope"), icon=":material/filter_alt:"):
        multiselect(tr("sim.form.buildings"), list(ctx.buildings), key=form.BUILDINGS,
                       placeholder=tr("common.all"), persist_state=keep)
        multiselect(tr("sim.form.services"), list(ctx.services), format_func=svc, key=form.SERVICES,
                       placeholder=tr("common.all"), persist_state=keep)
        st.slider(tr("sim.form.horizon"), 3, 10, key=form.HORIZON, persist_state=keep)
        st.number_input(tr("sim.form.start"), ctx.base_year + 1, ctx.base_year + form.START_AHEAD, step=1, key=form.START,
                        persist_state=keep)
    with bar.expander(tr("sim.group.run"), icon=":material/casino:"):
        draws = st.selectbox(tr("sim.form.draws"), DRAW_CHOICES, index=DRAW_CHOICES.index(risk.DEFAULT_DRAWS),
                             format_func="{:,}".format, key=form.DRAWS, persist_state=keep)
        seed = st.number_input(tr("sim.form.seed"), 0, 2**31 - 1, risk.DEFAULT_SEED, step=1, key=form.SEED,
                               help=tr("sim.form.seed_help"), persist_state=keep)
    return form.levers_from_form(st.session_state.to_dict(), ctx), int(draws), int(seed)


def scenario_bar(levers: Levers, saved: pd.DataFrame, ctx: form.FormContext, view: str | None,
                 results: dict[str, Any] | None = None) -> None:
    """Load a saved scenario, save the levers (as new, or over the one loaded: refused if someone else
    changed it meanwhile) with the ``results`` they compute now, and the link that shares them."""
    current = loaded()
    names = ["", *saved["name"].tolist()]
    if st.session_state.get("scen_pick") not in names:
        st.session_state["scen_pick"] = ""
    left, mid, right, adopt_col = st.columns([4, 1, 1, 1], vertical_alignment="bottom")

    def pick() -> None:
        name = st.session_state.get("scen_pick")
        if name:
            _load_saved(name, ctx)
        else:
            _remember_loaded(None)

    left.selectbox(tr("sim.bar.scenario"), names, key="scen_pick", on_change=pick,
                   format_func=lambda n: n or tr("sim.bar.unsaved"))
    if current is not None:
        left.caption(tr("sim.bar.modified", version=current.version) if current.levers != levers
                     else tr_plain("sim.bar.version", version=current.version, owner=current.owner))
    if may(Permission.save_scenario):  # a viewer may load, move and share levers, not save them
        _save_popover(mid, levers, current, results)
    with right.popover(tr("sim.bar.share"), icon=":material/share:", width="stretch"):
        st.caption(tr("sim.bar.share_help"))
        st.code(share_url(share_params(levers, view), "consolidation"), language=None, wrap_lines=True)
        st.button(tr("sim.bar.reset"), key="scen_reset", width="stretch", on_click=_reset_levers, args=(ctx,))
    if may(Permission.adopt_plan):  # adopting is the administrator's; core refuses anyone else too
        with adopt_col.popover(tr("adopt.button"), icon=":material/verified:", width="stretch"):
            adopt_form(levers, current)


def adopt_form(levers: Levers, current: scenarios.Saved | None) -> None:
    """Adopt the loaded, unchanged saved scenario as the plan: name, who approved it, when, a note."""
    st.caption(tr("adopt.help"))
    if current is None or current.levers != levers:
        st.info(tr("adopt.needs_saved"), icon=":material/save:")
        return
    name = st.text_input(tr("adopt.name"), value=current.name, key="adopt_name", max_chars=MAX_NAME_CHARS)
    approver = st.text_input(tr("adopt.approved_by"), value=actor().display_name, key="adopt_by",
                             max_chars=MAX_NAME_CHARS)
    day = date_input(tr("adopt.date"), value=dt.date.today(), key="adopt_on")
    note = st.text_area(tr("adopt.note"), key="adopt_note", height=68)
    if st.button(tr("adopt.confirm"), type="primary", key="adopt_go", width="stretch"):
        write(plans.adopt, p=portfolio(), levers=levers, name=name, approved_by=approver, adopted_on=day, note=note,
              actor=actor(), source="app", scenario_id=current.id, scenario_name=current.name,
              scenario_version=current.version,
              done=lambda plan: tr_plain("adopt.done", name=plan.name, version=plan.version))


def _save_popover(where: DeltaGenerator, levers: Levers, current: scenarios.Saved | None,
                  results: dict[str, Any] | None) -> None:
    """Save the levers as a new scenario, or over the one loaded (refused if changed meanwhile), with the
    ``results`` they compute now."""
    with where.popover(tr("sim.bar.save"), icon=":material/save:", width="stretch"):
        name = st.text_input(tr("sim.bar.name"), key="scen_name", max_chars=MAX_NAME_CHARS)
        note = st.text_area(tr("sim.bar.description"), key="scen_desc", height=80)

        def done(s: scenarios.Saved) -> str:
            return tr_plain("sim.saved", name=s.name, version=s.version)

        if current is not None and st.button(tr("sim.bar.save_over", version=current.version + 1), type="primary",
                                             key="scen_save_over", width="stretch"):
            write(scenarios.save, scenario_id=current.id, seen_version=current.version, name=name, levers=levers,
                  description=note, actor=actor(), source="app", remember="_sim_written", done=done, results=results)
        if st.button(tr("sim.bar.save_new"), key="scen_save_new", width="stretch"):
            write(scenarios.save, name=name, levers=levers, description=note, actor=actor(), source="app",
                  remember="_sim_written", done=done, results=results)


def _reset_levers(ctx: form.FormContext) -> None:
    _seed_levers(DEFAULT_LEVERS, ctx)
    _remember_loaded(None)
