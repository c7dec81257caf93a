"""Shared page furniture, by concern: :mod:`ui.session` (language, frame), :mod:`ui.auth` (sign-in, who
acts, the pages a role may open), :mod:`ui.store`
(the store and its caches), :mod:`ui.display` (header, exhibits, tables), :mod:`ui.sharing` (downloads
and the meeting pack), and the widgets of two page families (:mod:`ui.simulator_panel`,
:mod:`ui.data_page`). Pages import this package and :mod:`core`; only this package touches
Streamlit's caches. The names below are what pages use.
"""
from ui import warm  # noqa: F401  (registers what the warming thread prepares: ui.shared.WARMER)
from ui.auth import actor, may, navigation
from ui.display import chart, exhibit, exhibit_tabs, page_header, table
from ui.session import ensure_frame, lang, language_picker, new_run, plain, tr, tr_plain
from ui.sharing import build_pack, downloads, export_missing, renderer
from ui.store import (
    cached,
    computed,
    data_changed_at,
    data_version,
    derived,
    engine,
    portfolio,
    saved_scenarios,
    store_state,
    write,
)
from ui.widgets import date_input, multiselect

__all__ = [
    "actor", "build_pack", "cached", "chart", "computed", "data_changed_at", "data_version", "date_input", "derived",
    "downloads", "engine", "ensure_frame", "exhibit", "exhibit_tabs", "export_missing", "lang", "language_picker", "may",
    "multiselect", "navigation", "new_run", "page_header", "plain", "portfolio", "renderer", "saved_scenarios",
    "store_state", "table", "tr", "tr_plain", "write",
]
