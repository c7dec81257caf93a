"""Who the session is: sign-in, the forced password change, sign-out, the idle timeout, and the pages
the role may open. app.py calls :func:`navigation`; pages call :func:`actor` and :func:`may`.

A session is signed in when ``st.session_state[SESSION_KEY]`` holds a :class:`SignedIn`; every run
reloads its account (a disabled account or a new role takes effect at once) and ends the session
after ``idle_minutes`` without a run. Besides the password form, an account may be signed in by
single sign-on (``st.login``, mapped by issuer and subject), by a reverse proxy the deployment names
(:meth:`core.store.auth_settings.AuthSettings.proxy_trusted`), or by the demo's autologin
(``JGSW_DEMO_AUTOLOGIN``, honoured only on a synthetic store). Nothing a browser sends can set
``SESSION_KEY``: it is no widget's key. Tests set it directly (README, "Testing").
"""
from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st
from sqlalchemy import inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.files import admin
from core.store import access, db, repo, signin, users
from core.store.access import Actor, Permission
from core.store.auth_settings import AuthSettings
from core.store.models import Role, User
from ui.session import ACTOR_KEY as _ACTOR
from ui.session import lang, tr
from ui.store import open_engine

SESSION_KEY = "_signed_in"
VIAS = ("password", "sso", "proxy", "demo")  # the ways a session signs in
_FLASH = "_auth_flash"
_SSO_SEEN = "_sso_seen"
LOG = logging.getLogger("jgsw.auth")


@dataclass(frozen=True)
class SignedIn:
    """A signed-in session: its account, how it signed in, and when it last ran [s since the epoch]."""

    user_id: int
    via: str
    since: float
    last_seen: float


def signed_in(user_id: int, via: str = "password") -> SignedIn:
    """A fresh signed-in state for the account ``user_id`` (what a successful sign-in stores)."""
    now = time.time()
    return SignedIn(user_id=user_id, via=via, since=now, last_seen=now)


# --- what pages use --------------------------------------------------------------------------------
def current() -> Actor | None:
    """The signed-in actor of this run (None on the sign-in page)."""
    value = st.session_state.get(_ACTOR)
    return value if isinstance(value, Actor) else None


def actor() -> Actor:
    """The signed-in actor, for a write; a page never runs without one."""
    who = current()
    if who is None:
        st.stop()
    return who


def may(permission: Permission) -> bool:
    """Whether the signed-in actor's role allows ``permission`` (to show or hide a control; the
    write itself checks again in core)."""
    who = current()
    return who is not None and who.may(permission)


# --- the frame -------------------------------------------------------------------------------------
def navigation(pages: Mapping[str, Sequence[Any]]) -> Any:
    """``st.navigation`` over the pages the session may open: only the sign-in page for a session
    nobody is signed in to (at every page's address, so that a shared link opens its page once
    signed in), only the password change while one is due, else the pages of the role."""
    st.session_state.pop(_ACTOR, None)
    rules = settings()
    try:
        who, must_change = _resolve(rules)
    except SQLAlchemyError as exc:  # the store is down or not yet upgraded: one line, never a traceback
        st.error(tr("store.error", msg=_first_line(exc)), icon=":material/database:")
        st.stop()
    if who is None:
        return st.navigation(_stand_ins(pages, lambda: login_page(rules), tr("auth.title")), position="hidden")
    st.session_state[_ACTOR] = who
    _sidebar(who)
    if must_change:
        return st.navigation(_stand_ins(pages, lambda: change_password_page(rules), tr("auth.change.title")),
                             position="hidden")
    allowed = {section: [p for p in group if access.may_open(who.role, p.url_path)] for section, group in pages.items()}
    return st.navigation({section: group for section, group in allowed.items() if group})


def _stand_ins(pages: Mapping[str, Sequence[Any]], body: Callable[[], None], title: str) -> list[Any]:
    """One page drawing ``body`` at the address of every page: the browser keeps its address (and
    its query), and the real page answers there after the next run."""
    out = []
    for group in pages.values():
        for p in group:
            path = getattr(p, "_url_path", p.url_path)  # the default page's own path: its script hash
            out.append(st.Page(body, title=title, url_path=path, default=p.url_path == "",
                               icon=":material/login:"))
    return out


@st.cache_resource(show_spinner=False)
def _warn_once(message: str) -> bool:
    LOG.warning(message)
    return True


def settings() -> AuthSettings:
    """The sign-in rules (environment over ``.streamlit/secrets.toml``); a bad value stops with one line."""
    try:
        return AuthSettings.load()
    except db.StoreError as exc:
        st.error(str(exc), icon=":material/lock:")
        st.stop()


def _first_line(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _address() -> str | None:
    """The connection's address as the app's server reports it (Streamlit reports a local one as
    none: it is ``127.0.0.1`` here)."""
    try:
        address = st.context.ip_address
    except (AttributeError, RuntimeError):
        return None
    return address if isinstance(address, str) and address else "127.0.0.1"


def _resolve(rules: AuthSettings) -> tuple[Actor | None, bool]:
    """The session's actor (None: nobody) and whether a password change is due."""
    state = st.session_state.get(SESSION_KEY)
    if isinstance(state, SignedIn):
        return _keep(state, rules)
    st.session_state.pop(SESSION_KEY, None)
    for way in (_demo, _proxy, _sso):
        who = way(rules)
        if who is not None:
            return who, False
    return None, False


def _keep(state: SignedIn, rules: AuthSettings) -> tuple[Actor | None, bool]:
    eng = open_engine()
    now = time.time()
    with Session(eng) as session:
        user = session.get(User, state.user_id)
        if user is None or not user.active or user.requested_at is not None:
            st.session_state.pop(SESSION_KEY, None)
            return None, False
        who = users.actor_of(user, state.via)
        if now - state.last_seen > rules.idle_minutes * 60:
            _end(who, timeout=True)
            st.session_state[_FLASH] = ("auth.timeout", {"minutes": rules.idle_minutes})
            if state.via == "sso" and getattr(st.user, "is_logged_in", False):
                st.logout()  # else the provider's cookie would sign the session straight back in
            return None, False
        change = state.via == "password" and users.must_change_password(user, rules)
    st.session_state[SESSION_KEY] = dataclasses.replace(state, last_seen=now)
    return who, change


def _sign_in(user: User, via: str) -> Actor:
    with db.write_scope(open_engine()) as session:
        fresh = session.get(User, user.id)
        assert fresh is not None
        who = signin.vouched(session, user=fresh, via=via, address=_address())
    assert who.user_id is not None
    st.session_state[SESSION_KEY] = signed_in(who.user_id, via)
    return who


def _end(who: Actor, *, timeout: bool = False) -> None:
    try:
        with db.write_scope(open_engine()) as session:
            signin.signed_out(session, actor=who, timeout=timeout, address=_address())
    except SQLAlchemyError as exc:  # the session ends even if the entry cannot be written
        LOG.error("could not audit the sign-out of %s: %s", who.login, exc)
    st.session_state.pop(SESSION_KEY, None)


def sign_out() -> None:
    """End the session (audited); a single-sign-on session also leaves the provider's cookie.
    (A button's callback: the run that follows shows the sign-in page.)"""
    who = current()
    if who is None:
        return
    _end(who)
    st.session_state[_FLASH] = ("auth.signed_out", {})
    if who.via == "sso" and getattr(st.user, "is_logged_in", False):
        st.logout()


# --- signed in by something else --------------------------------------------------------------------
def _demo(rules: AuthSettings) -> Actor | None:
    """``JGSW_DEMO_AUTOLOGIN=viewer|analyst|admin`` on the server, for tours and benchmarks: only on a
    store of invented data, as its first active account of that role; logged on the server."""
    if rules.demo_autologin not in {r.value for r in Role}:
        return None
    with Session(open_engine()) as session:
        dataset = repo.get_meta(session).get("dataset", "") if db.has_schema(open_engine()) else ""
        if dataset not in admin.SYNTHETIC_DATASETS:
            _warn_once(f"JGSW_DEMO_AUTOLOGIN is ignored: the store holds {dataset or 'no'} data, not a synthetic city")
            return None
        user = next((u for u in users.list_users(session)
                     if u.role == rules.demo_autologin and u.active and u.requested_at is None), None)
    if user is None:
        _warn_once(f"JGSW_DEMO_AUTOLOGIN={rules.demo_autologin}: the store has no active account of that role")
        return None
    LOG.warning("demo autologin (JGSW_DEMO_AUTOLOGIN=%s): a new session is signed in as %s", rules.demo_autologin,
                user.login)
    return _sign_in(user, "demo")


def _proxy(rules: AuthSettings) -> Actor | None:
    """The user a reverse proxy names in its header, only from an address the deployment trusts."""
    if not rules.trusted_proxy_header:
        return None
    address = _address()
    if not rules.proxy_trusted(address):
        return None
    name = st.context.headers.get(rules.trusted_proxy_header)
    if not name:
        return None
    with Session(open_engine()) as session:
        user = users.get_user(session, login=name)
    if user is None or not user.active or user.requested_at is not None:
        return None
    return _sign_in(user, "proxy")


def sso_provider() -> str | None:
    """The OIDC provider configured in ``.streamlit/secrets.toml`` ``[auth]`` ('' for the default
    one), or None when single sign-on is not set up."""
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, KeyError, AttributeError, OSError):
        return None
    if not isinstance(section, Mapping):
        return None
    if section.get("client_id"):
        return ""
    named = [k for k, v in section.items() if isinstance(v, Mapping) and v.get("client_id")]
    return named[0] if named else None


def _sso(rules: AuthSettings) -> Actor | None:
    """The account an identity from ``st.login`` is mapped to, by issuer and subject; an unknown
    identity is recorded as a request (once per session) and gets nothing."""
    if sso_provider() is None or not getattr(st.user, "is_logged_in", False):
        return None
    issuer, subject = str(st.user.get("iss") or ""), str(st.user.get("sub") or "")
    seen = st.session_state.get(_SSO_SEEN)
    if seen and seen[0] == (issuer, subject):
        return None  # refused earlier in this session: a new session (a reload) asks again
    if not issuer or not subject:
        st.session_state[_SSO_SEEN] = ((issuer, subject), "auth.sso_incomplete", {})
        return None
    with db.write_scope(open_engine()) as session:
        user = users.identity_user(session, issuer=issuer, subject=subject)
        if user is None:
            user = users.request_access(session, issuer=issuer, subject=subject, claims=st.user.to_dict())
        known = user.active and user.requested_at is None
        note = ("auth.pending", {"name": user.display_name}) if user.requested_at is not None else (
            "auth.sso_disabled", {})
        session.expunge(user)
    if not known:
        st.session_state[_SSO_SEEN] = ((issuer, subject), *note)
        return None
    return _sign_in(user, "sso")


# --- the pages of the frame ---------------------------------------------------------------------------
def login_page(rules: AuthSettings) -> None:
    """The sign-in page in the session's language: the demo notice, single sign-on when set up, and
    the login form (lockout after repeated failures)."""
    st.title(tr("auth.title"))
    st.caption(tr("auth.intro"))
    eng = open_engine()
    try:
        if not db.has_schema(eng):
            st.info(tr("store.empty"), icon=":material/database:")
            return
        with Session(eng) as session:
            if not inspect(eng).has_table(User.__tablename__) or not users.count_users(session):
                st.info(tr("auth.no_accounts"), icon=":material/person_add:")
                return
            demo = admin.is_synthetic(repo.get_meta(session))
    except SQLAlchemyError as exc:
        st.error(tr("store.error", msg=_first_line(exc)), icon=":material/database:")
        return
    if demo:
        st.info(tr("auth.demo"), icon=":material/science:")
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.info(tr(flash[0], **flash[1]), icon=":material/logout:")
    provider = sso_provider()
    if provider is not None:
        note = st.session_state.get(_SSO_SEEN)
        if note and getattr(st.user, "is_logged_in", False):
            st.warning(tr(note[1], **note[2]), icon=":material/hourglass:")
            st.button(tr("auth.sso_sign_out"), on_click=st.logout, key="auth_sso_out")
        else:
            st.button(tr("auth.sso"), type="primary", icon=":material/badge:", key="auth_sso",
                      on_click=(st.login if not provider else lambda: st.login(provider)))
        st.caption(tr("auth.local"))
    with st.form("auth_form", clear_on_submit=True, border=True, width=420):
        login = st.text_input(tr("auth.login"), key="auth_login", max_chars=64, autocomplete="username")
        password = st.text_input(tr("auth.password"), type="password", key="auth_password", max_chars=256,
                                 autocomplete="current-password")
        submitted = st.form_submit_button(tr("auth.submit"), type="primary")
    if submitted:
        _password_sign_in(login, password, rules)


def _password_sign_in(login: str, password: str, rules: AuthSettings) -> None:
    try:
        with db.write_scope(open_engine()) as session:
            outcome = signin.authenticate(session, login=login, password=password, settings=rules,
                                          address=_address())
    except SQLAlchemyError as exc:
        st.error(tr("store.error", msg=_first_line(exc)), icon=":material/database:")
        return
    if outcome.actor is not None and outcome.actor.user_id is not None:
        st.session_state[SESSION_KEY] = signed_in(outcome.actor.user_id, "password")
        st.rerun()
    if outcome.reason == "locked" and outcome.until is not None:
        st.error(tr("auth.locked", until=outcome.until.strftime("%Y-%m-%d %H:%M")), icon=":material/lock_clock:")
    else:
        st.error(tr("auth.wrong"), icon=":material/block:")


def password_form(rules: AuthSettings, *, key: str = "auth_change") -> None:
    """Change the signed-in person's password: current, new, new again (with the policy shown)."""
    who = actor()
    st.caption(tr("auth.policy", n=rules.password_min_length, k=rules.password_classes))
    with st.form(key, clear_on_submit=True, width=420):
        current_pw = st.text_input(tr("auth.change.current"), type="password", key=f"{key}_current",
                                   autocomplete="current-password")
        new = st.text_input(tr("auth.change.new"), type="password", key=f"{key}_new", autocomplete="new-password")
        repeat = st.text_input(tr("auth.change.repeat"), type="password", key=f"{key}_repeat",
                               autocomplete="new-password")
        submitted = st.form_submit_button(tr("auth.change.submit"), type="primary")
    if submitted:
        try:
            with db.write_scope(open_engine()) as session:
                users.change_own_password(session, actor=who, current=current_pw, new=new, repeat=repeat,
                                          settings=rules)
        except db.Refused as exc:
            st.error(exc.text(lang()), icon=":material/block:")
            return
        st.session_state["_done"] = tr("auth.change.done")
        st.rerun()


def change_password_page(rules: AuthSettings) -> None:
    """The only page while a password change is due (first sign-in, or an expired password)."""
    st.title(tr("auth.change.title"))
    with Session(open_engine()) as session:
        user = session.get(User, actor().user_id)
    expired = user is not None and user.password_changed_at is not None
    st.warning(tr("auth.change.expired", days=rules.password_max_age_days) if expired else tr("auth.change.forced"),
               icon=":material/key:")
    password_form(rules)


def _sidebar(who: Actor) -> None:
    """Who is signed in, and the sign-out button (below the language switch)."""
    bar = st.sidebar
    bar.caption(tr("auth.who", name=who.audit_name, role=access.role_label(who.role, lang())))
    if who.via == "demo":
        bar.caption(tr("auth.autologin", role=access.role_label(who.role, lang())))
    bar.button(tr("auth.sign_out"), icon=":material/logout:", key="auth_sign_out", on_click=sign_out)
