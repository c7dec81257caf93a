"""The accounts as the Accounts page shows them: one row per account, and the requests apart."""
from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine

from core.i18n import t
from core.store import db, passwords, users
from core.store.access import Actor, Permission, role_label
from core.store.auth_settings import AuthSettings


def load(engine: Engine) -> list[dict[str, Any]]:
    """Every account and request as :func:`core.store.users.public` rows (never a hash), by login."""
    with db.snapshot(engine) as session:
        return [users.public(u) for u in users.list_users(session)]


def state(row: dict[str, Any], lang: str) -> str:
    """An account's state in words: waiting for a grant, disabled, locked until …, active."""
    if row["requested_at"]:
        return t("users.state.request", lang)
    if not row["active"]:
        return t("users.state.disabled", lang)
    if row["locked_until"] and str(row["locked_until"]) > users.now().isoformat():
        return t("users.state.locked", lang, until=str(row["locked_until"])[:16].replace("T", " "))
    if row["password"] and not row["password_changed_at"]:
        return f"{t('users.state.active', lang)} · {t('users.state.change', lang)}"
    return t("users.state.active", lang)


def table(rows: list[dict[str, Any]], lang: str) -> pd.DataFrame:
    """The accounts (not the requests) as a table: login, name, role, state, how they sign in, last sign-in."""
    def way(r: dict[str, Any]) -> str:
        kind = "both" if r["password"] and r["oidc_subject"] else ("sso" if r["oidc_subject"] else "password")
        return t(f"users.sign_in.{kind}", lang)

    shown = [r for r in rows if not r["requested_at"]]
    return pd.DataFrame({
        t("users.col.login", lang): [r["login"] for r in shown],
        t("users.col.display_name", lang): [r["display_name"] for r in shown],
        t("users.col.role", lang): [role_label(r["role"], lang) for r in shown],
        t("users.col.state", lang): [state(r, lang) for r in shown],
        t("users.col.sign_in", lang): [way(r) for r in shown],
        t("users.col.last_login", lang): [str(r["last_login"] or "—")[:16].replace("T", " ") for r in shown],
    })


def requests(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The single-sign-on identities waiting for a grant."""
    return [r for r in rows if r["requested_at"]]


def permissions(actor: Actor, lang: str) -> list[str]:
    """What the actor's role may do, in words (empty for a viewer: read only)."""
    return [t(f"access.perm.{p.value}", lang) for p in Permission if actor.may(p)]


def add_account(session: Any, *, settings: AuthSettings, login: str, **details: Any) -> tuple[str, str]:
    """Add an account with a random first password (to be changed at the first sign-in): (login, password)."""
    password = passwords.generate(settings, login)
    user = users.create_user(session, login=login, password=password, settings=settings, **details)
    return user.login, password


def reset(session: Any, *, settings: AuthSettings, login: str, **who: Any) -> tuple[str, str]:
    """Give an account a new random first password (and unlock it): (login, password)."""
    password = passwords.generate(settings, login)
    user = users.reset_password(session, login=login, password=password, settings=settings, **who)
    return user.login, password
