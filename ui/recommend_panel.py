"""The Recommend page's widgets: the settings panel (policy levers as on the Consolidation page,
objective, constraints, criteria weights, solver) and the "save as scenario" bar.

The mapping between widget values and the optimiser's inputs lives in :mod:`core.views.recommend_form`;
this module only draws the widgets.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pandas as pd
import streamlit as st

from core.i18n import label
from core.simulation import scenarios
from core.simulation.constraints import Constraints, Settings
from core.simulation.criteria import CRITERIA, Weights
from core.simulation.levers import DELIVERIES, LeverError, Levers, encode, parse_levers
from core.simulation.options import policy_of
from core.store.access import Permission
from core.views import recommend_form as form
from core.views.lever_form import FormContext
from ui.auth import actor, may
from ui.session import lang, tr, tr_plain
from ui.simulator_panel import share_url
from ui.store import write
from ui.widgets import multiselect

KEEP: Literal["session"] = "session"  # widget values outlive a page switch
DRAW_CHOICES = (0, 100, 200, 500)  # 0: as many as the city's size allows


def _seed(ctx: FormContext, book: dict[str, float]) -> None:
    for k, v in form.form_values(ctx, book=book).items():
        st.session_state[k] = v


def _take_policy(ctx: FormContext, book: dict[str, float], saved: pd.DataFrame) -> None:
    name = st.session_state.get("rec_from")
    if not name:
        return
    row = saved.loc[saved["name"] == name]
    try:
        levers = policy_of(parse_levers(row["levers"].iloc[0])) if len(row) else None
    except LeverError:
        levers = None
    if levers is not None:
        values = form.form_values(ctx, levers, book=book)
        for k in (form.UM, form.CAP, form.TOL, form.ENERGY, form.QUALITY, form.STD, form.BUILDINGS, form.SERVICES, form.HORIZON,
                  form.START):
            st.session_state[k] = values[k]


def settings_panel(ctx: FormContext, book: dict[str, float], saved: pd.DataFrame
                   ) -> tuple[Levers, Constraints, Settings, Weights]:
    """The settings in the sidebar; returns the policy levers, constraints, settings and weights."""
    if not st.session_state.get("_rec_seeded"):
        _seed(ctx, book)
        st.session_state["_rec_seeded"] = True
    language = lang()

    def svc(s: str) -> str:
        return label("service", s, language)

    def item(k: str) -> str:
        return ctx.item_label(k, language)

    bar = st.sidebar
    bar.subheader(tr("rec.panel.title"))
    with bar.expander(tr("rec.group.policy"), icon=":material/policy:", expanded=True):
        st.selectbox(tr("rec.form.from"), ["", *saved["name"].tolist()], key="rec_from",
                     format_func=lambda n: n or tr("rec.form.from_none"), on_change=_take_policy,
                     args=(ctx, book, saved), help=tr("rec.form.from_help"))
        st.toggle(tr("sim.form.um"), key=form.UM, help=tr("sim.form.um_help"), persist_state=KEEP)
        st.toggle(tr("sim.form.cap"), key=form.CAP, help=tr("sim.form.cap_help"), persist_state=KEEP)
        st.number_input(tr("sim.form.tolerance"), 0.0, 100.0, step=1.0, key=form.TOL, persist_state=KEEP)
        st.toggle(tr("sim.form.std"), key=form.STD, help=tr("sim.form.std_help"), persist_state=KEEP)
        st.toggle(tr("sim.form.energy"), key=form.ENERGY, persist_state=KEEP)
        st.toggle(tr("sim.form.quality"), key=form.QUALITY, help=tr("sim.form.quality_help"), persist_state=KEEP)
        multiselect(tr("sim.form.buildings"), list(ctx.buildings), key=form.BUILDINGS, placeholder=tr("common.all"),
                       persist_state=KEEP)
        multiselect(tr("sim.form.services"), list(ctx.services), format_func=svc, key=form.SERVICES,
                       placeholder=tr("common.all"), persist_state=KEEP)
        st.slider(tr("sim.form.horizon"), 3, 10, key=form.HORIZON, persist_state=KEEP)
        st.number_input(tr("sim.form.start"), ctx.base_year + 1, ctx.base_year + 10, step=1, key=form.START,
                        persist_state=KEEP)
    # the other groups run only while open (their values stay in the session): a page switch draws the
    # policy's ten settings, not fifty
    _group("rec.group.objective", ":material/target:", _objective)
    _group("rec.group.constraints", ":material/rule_settings:", lambda: _constraints(ctx, item))
    _group("rec.group.weights", ":material/balance:", _weights)
    _group("rec.group.solver", ":material/speed:", _solver)
    return form.from_form(st.session_state.to_dict(), ctx, book=book)


def _group(title: str, icon: str, draw: Callable[[], None]) -> None:
    """A settings group of the sidebar, drawn only while it is open."""
    group = st.sidebar.expander(tr(title), icon=icon, key=title.replace(".", "_"), on_change="rerun")
    if group.open:
        with group:
            draw()


def _objective() -> None:
    objective = st.radio(tr("rec.form.objective"), ("expected", "cvar", "mix"), key=form.OBJECTIVE,
                         format_func=lambda o: tr(f"rec.objective.{o}"), persist_state=KEEP)
    st.slider(tr("rec.form.alpha"), 5, 50, step=5, key=form.ALPHA, help=tr("rec.form.alpha_help"), persist_state=KEEP,
              disabled=objective == "expected")
    st.slider(tr("rec.form.mix"), 0, 100, step=5, key=form.MIX, persist_state=KEEP, disabled=objective != "mix")
    st.selectbox(tr("rec.form.draws"), DRAW_CHOICES, key=form.DRAWS, help=tr("rec.form.draws_help"), persist_state=KEEP,
                 format_func=lambda n: f"{n:,}" if n else tr("rec.form.draws_auto"))


def _constraints(ctx: FormContext, item: Callable[[str], str]) -> None:
    st.caption(tr("rec.form.always"))
    for field in form.SWITCHES:
        st.toggle(tr(f"rec.con.{field}"), key=form.on_key(field), help=tr(f"rec.con.{field}_help"), persist_state=KEEP)
    for field in form.LIMITS:
        on = st.toggle(tr(f"rec.con.{field}"), key=form.on_key(field), help=tr(f"rec.con.{field}_help"),
                       persist_state=KEEP)
        st.number_input(tr(f"rec.con.{field}_value"), 0.0, None, key=form.value_key(field), disabled=not on,
                        persist_state=KEEP)
    items = list(ctx.items)
    multiselect(tr("rec.form.locks"), items, format_func=item, key=form.LOCKS, placeholder=tr("sim.form.none_chosen"),
                persist_state=KEEP)
    for d in DELIVERIES:
        multiselect(tr("rec.form.force", delivery=label("delivery", d, lang())), items, format_func=item,
                    key=form.force_key(d), placeholder=tr("sim.form.none_chosen"), persist_state=KEEP)


def _weights() -> None:
    st.caption(tr("rec.form.weights_help"))
    for crit in CRITERIA:
        st.slider(tr(f"rec.crit.{crit}"), 0.0, 5.0, step=0.5, key=form.weight_key(crit), persist_state=KEEP)


def _solver() -> None:
    st.number_input(tr("rec.form.time_limit"), 1, 600, step=1, key=form.TIME_LIMIT, persist_state=KEEP)
    st.number_input(tr("rec.form.gap"), 0.0, 5.0, step=0.05, key=form.GAP, persist_state=KEEP)


def save_bar(levers: Levers | None, description: str) -> None:
    """Save the plan as a scenario (to compare it on 方案比较, share it and put it in the meeting pack),
    and the links that open it."""
    left, right = st.columns(2)
    with left.popover(tr("rec.save"), icon=":material/save:", width="stretch",
                      disabled=levers is None or not may(Permission.save_scenario)):
        name = st.text_input(tr("sim.bar.name"), key="rec_save_name", max_chars=100)
        note = st.text_area(tr("sim.bar.description"), value=description, key="rec_save_desc", height=100)
        if st.button(tr("sim.bar.save_new"), key="rec_save_new", width="stretch", type="primary"):
            write(scenarios.save, name=name, levers=levers, description=note, actor=actor(), source="app",
                  remember="_rec_saved", done=lambda s: tr_plain("rec.saved", name=s.name))
    with right.popover(tr("sim.bar.share"), icon=":material/share:", width="stretch", disabled=levers is None):
        saved = st.session_state.get("_rec_saved")
        if isinstance(saved, scenarios.Saved) and levers is not None and saved.levers == levers:
            st.caption(tr_plain("rec.share.saved", name=saved.name))
            st.code(share_url({"scenario": saved.name}, "consolidation"), language=None, wrap_lines=True)
            st.code(share_url({"compare": saved.name}, "scenarios"), language=None, wrap_lines=True)
        elif levers is not None:
            st.caption(tr("rec.share.unsaved"))
            st.code(share_url({"levers": encode(levers)}, "consolidation"), language=None, wrap_lines=True)
