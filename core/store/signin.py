"""Signing in and out: the password check with its lockout, sign-ins vouched for by SSO, a trusted
proxy or the demo, and the audit entry of every sign-in, failure, lockout, sign-out and timeout.

Run each call in a write transaction (:func:`core.store.db.write_scope`): a failed attempt is
counted and audited even though nobody gets in, and two attempts at once cannot both read the
same count.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from core.store import audit, passwords
from core.store.access import Actor
from core.store.auth_settings import AuthSettings
from core.store.models import AuditAction, User
from core.store.users import actor_of, get_user, must_change_password, now


@dataclass(frozen=True)
class Outcome:
    """The result of a sign-in attempt: the account signed in, or why not.

    ``reason``: ``ok``, ``wrong`` (unknown login, wrong password, disabled or SSO-only account:
    one message for all, so an attempt learns nothing about which), ``locked`` (with ``until``).
    """

    reason: str
    actor: Actor | None = None
    until: dt.datetime | None = None
    must_change: bool = False

    @property
    def ok(self) -> bool:
        """Whether someone is signed in."""
        return self.actor is not None


def _anonymous(address: str | None) -> str:
    return f"anonymous@{address or 'local'}"


def unknown_name(typed: str) -> str:
    """How the audit log names a login nobody has: its first two characters and its length only —
    people type their password into the name field, and the log must not keep it."""
    text = (typed or "").strip()
    return f"?{text[:2]}…({len(text)})" if text else "?"


def authenticate(session: Session, *, login: str, password: str, settings: AuthSettings,
                 address: str | None = None, at: dt.datetime | None = None) -> Outcome:
    """Check a login name and password; count failures and lock the account after
    ``settings.lockout_failures`` of them for ``settings.lockout_minutes``. Every outcome is audited."""
    when = at or now()
    user = get_user(session, login=login)
    key = user.login if user is not None else unknown_name(login)
    if user is None or not user.active or user.requested_at is not None or not user.password_hash:
        passwords.verify_nothing(password)
        why = "unknown" if user is None else ("disabled" if not user.active else "no_password")
        _event(session, _anonymous(address), key, AuditAction.sign_in_failed, why, address)
        return Outcome("wrong")
    if user.locked_until is not None and user.locked_until > when:
        _event(session, _anonymous(address), key, AuditAction.sign_in_failed, "locked", address)
        return Outcome("locked", until=user.locked_until)
    if not passwords.verify(user.password_hash, password):
        user.failed_attempts += 1
        if user.failed_attempts >= settings.lockout_failures:
            user.locked_until = when + dt.timedelta(minutes=settings.lockout_minutes)
            user.failed_attempts = 0
            session.add(user)
            _event(session, _anonymous(address), key, AuditAction.locked_out, "wrong_password", address,
                   until=user.locked_until.isoformat(timespec="seconds"))
            return Outcome("locked", until=user.locked_until)
        session.add(user)
        _event(session, _anonymous(address), key, AuditAction.sign_in_failed, "wrong_password", address,
               failures=user.failed_attempts)
        return Outcome("wrong")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    actor = vouched(session, user=user, via="password", address=address, at=when)
    return Outcome("ok", actor=actor, must_change=must_change_password(user, settings, when))


def vouched(session: Session, *, user: User, via: str, address: str | None = None,
            at: dt.datetime | None = None) -> Actor:
    """Sign in an account whose identity something else has checked (the password above, SSO, a
    trusted proxy, the demo's autologin): clear its failures, note the time, audit the sign-in."""
    user.failed_attempts, user.locked_until, user.last_login = 0, None, at or now()
    session.add(user)
    actor = actor_of(user, via)
    _event(session, actor.audit_name, user.login, AuditAction.sign_in, "ok", address, method=via)
    return actor


def signed_out(session: Session, *, actor: Actor, timeout: bool = False, address: str | None = None) -> None:
    """Audit a sign-out, or the end of a session idle for too long."""
    _event(session, actor.audit_name, actor.login, AuditAction.session_timeout if timeout else AuditAction.sign_out,
           "timeout" if timeout else "ok", address, method=actor.via)


def _event(session: Session, who: str, key: str, action: AuditAction, reason: str, address: str | None,
           **detail: object) -> None:
    audit.record_event(session, who=who, source="app", key=key, action=action,
                       detail={"reason": reason, "address": address or "local", **detail})
