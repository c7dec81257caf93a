"""The session: language (kept in the URL and across pages), the frame every page runs in, and who acts."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from core.i18n import DEFAULT_LANG, LANGS, Lang, t

LANG_NAMES: dict[str, str] = {"zh": "中文", "en": "English"}


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


def new_run() -> None:
    """Forget what the previous run read about the store (app.py calls this at the top of every run)."""
    st.session_state.pop("_store_state", None)


def actor() -> str:
    """Who is making a change, for the audit log: the signed-in user, a name given on the Data page,
    the user a reverse proxy vouches for, or else the browser's address."""
    if getattr(st.user, "is_logged_in", False):
        return str(st.user.get("email") or st.user.get("name"))
    if st.session_state.get("actor"):
        return str(st.session_state["actor"])
    headers = st.context.headers
    for header in ("X-Forwarded-User", "Remote-User", "X-Remote-User"):
        if headers.get(header):
            return str(headers[header])
    address = st.context.ip_address
    return f"web:{address if isinstance(address, str) and address else 'local'}"


def role() -> str:
    """The signed-in user's role (viewer / analyst / admin). Until accounts exist everyone acts with every
    right, as today; the accounts' sign-in sets ``_role`` (and replaces this default)."""
    return str(st.session_state.get("_role", "admin"))
