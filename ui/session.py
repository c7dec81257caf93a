"""The session: language (kept in the URL and across pages) and the frame every page runs in."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from core.i18n import DEFAULT_LANG, LANGS, Lang, t
from core.store.text import markdown_literal

LANG_NAMES: dict[str, str] = {"zh": "中文", "en": "English"}
ACTOR_KEY = "_actor"  # the signed-in actor of the current run, set by ui.auth.navigation


def language_picker() -> str:
    """The language switch in the sidebar, kept in the URL (``?lang=en``) and across pages.

    The choice lives under a plain session key (``_lang``): a page switch resets the widget's own
    state, so the widget is seeded from the plain key on every run and writes back when changed.
    """
    if "_lang" not in st.session_state:  # a new session starts from the URL, else the browser
        wanted = st.query_params.get("lang") or _browser_lang()
        st.session_state["_lang"] = wanted if wanted in LANGS else DEFAULT_LANG
    st.session_state["lang"] = st.session_state["_lang"]
    st.sidebar.segmented_control(
        "语言 · Language", LANGS, format_func=LANG_NAMES.__getitem__, key="lang", required=True,
        on_change=_remember_lang,
    )
    chosen = lang()
    # Page switches drop query parameters; write the language back so links keep it.
    if chosen == DEFAULT_LANG:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen
    return chosen


def _remember_lang() -> None:
    if st.session_state.get("lang") in LANGS:
        st.session_state["_lang"] = st.session_state["lang"]


def _browser_lang() -> str:
    """English only for a browser that asks for English; Chinese for everyone else."""
    locale = (st.context.locale or "").lower()
    return "en" if locale.startswith("en") else DEFAULT_LANG


def ensure_frame() -> None:
    """Make sure this page runs inside app.py's frame (language switch, navigation).

    Streamlit starts every process in its old pages-directory mode because a ``pages/`` folder
    exists, and leaves it only when app.py first calls ``st.navigation``. Until then a deep link
    (``/compare?lang=en`` on a freshly started server) runs the page file on its own, with file
    names for navigation and no language switch. A page that finds itself in that mode switches it
    off for the whole process and reruns, and the rerun goes through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def lang() -> Lang:
    """The language chosen for this session."""
    ensure_frame()
    value = st.session_state.get("_lang")
    return "en" if value == "en" else DEFAULT_LANG


def tr(key: str, **fmt: object) -> str:
    """:func:`core.i18n.t` in the session's language."""
    return t(key, lang(), **fmt)


def plain(value: object) -> str:
    """A stored value or link parameter as Markdown that shows it literally (see
    :func:`core.store.text.markdown_literal`): for captions, labels and messages."""
    return markdown_literal(value)


def tr_plain(key: str, **fmt: object) -> str:
    """:func:`tr` with every value shown literally: for a message that names stored things."""
    return tr(key, **{k: plain(v) for k, v in fmt.items()})


def new_run() -> None:
    """Forget what the previous run read about the store (app.py calls this at the top of every run)."""
    st.session_state.pop("_store_state", None)
