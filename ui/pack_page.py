"""The meeting-pack page's briefing editor: the drafted paragraphs, the analyst's edits, saved with the pack settings."""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.i18n import fmt_time
from core.store import pack_settings
from core.store.access import Permission
from core.views import briefing
from ui.auth import actor, may
from ui.session import lang, tr, tr_plain
from ui.store import cached, engine, write


def saved_settings() -> pack_settings.SavedPack:
    """The pack settings as stored now."""
    with Session(engine()) as session:
        return pack_settings.load(session)


def scenario_keys(saved: pd.DataFrame, names: list[str]) -> tuple[tuple[str, str, int, str], ...]:
    """The chosen scenarios as (name, levers JSON, version, status) for the cached draft."""
    rows = saved.set_index("name")
    return tuple((n, str(rows.at[n, "levers"]), int(rows.at[n, "version"]), str(rows.at[n, "status"] or "draft"))
                 for n in names if n in rows.index)


def editor(year: int, keys: tuple[tuple[str, str, int, str], ...], stored: pack_settings.SavedPack) -> dict[str, str]:
    """One text area per paragraph, seeded with the saved edit or the draft; returns the edited ones."""
    language = lang()
    drafted = cached(briefing.draft_paragraphs)(language, year, keys)
    kept = stored.briefing.get(language, {})
    edited: dict[str, str] = {}
    with st.expander(tr("brief.edit"), icon=":material/edit_note:", expanded=False):
        st.caption(tr("brief.edit_help"))
        for key, head, text in drafted:
            widget = f"brief_{language}_{key}"
            if widget not in st.session_state:
                st.session_state[widget] = kept.get(key, text)
            value = st.text_area(head + (tr("brief.edited") if key in kept else ""), key=widget, height=140,
                                 max_chars=pack_settings.MAX_PARAGRAPH)
            if value.strip() and value.strip() != text.strip():
                edited[key] = value.strip()
    return edited


def save_button(settings: dict[str, Any], edited: dict[str, str], stored: pack_settings.SavedPack) -> None:
    """Save the choices and the edited paragraphs (the other language's edits are kept)."""
    if stored.version:
        st.caption(tr_plain("brief.saved_line", version=stored.version, who=stored.updated_by,
                            when=fmt_time(stored.updated_at)))
    if not may(Permission.save_pack):  # a viewer reads and downloads the pack; saving it is the analysts'
        return
    if st.button(tr("brief.save"), icon=":material/save:", key="brief_save"):
        paragraphs = {**stored.briefing, lang(): edited}
        write(pack_settings.save, settings=settings, briefing=paragraphs, seen_version=stored.version, actor=actor(),
              source="app", done=lambda s: tr("brief.saved", version=s.version, who=s.updated_by,
                                              when=fmt_time(s.updated_at)))
