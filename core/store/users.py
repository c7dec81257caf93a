"""Accounts (账户): who may sign in, with which role; the first accounts of a new store; and the
single-sign-on identities mapped to them.

Every change here is made for an :class:`~core.store.access.Actor` with the ``manage_accounts``
permission (except changing one's own password), in the caller's transaction, and audited without
the password hash. An SSO identity is known by (issuer, subject) — never by e-mail alone; an
identity nobody has granted is kept as a request (``requested_at``) with no access until an admin
grants it a role or links it to an existing account.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from core.store import audit, passwords
from core.store.access import Actor, Permission, Refused, require
from core.store.auth_settings import AuthSettings
from core.store.models import AuditAction, Role, User, table_of
from core.store.text import clean, gate, is_formula

LOGIN = re.compile(r"[a-z0-9][a-z0-9._@-]{1,63}")
FIRST_ADMIN = "admin"
DEMO_ACCOUNTS = (("analyst", Role.analyst, "示例分析员"), ("viewer", Role.viewer, "示例查看者"))
PUBLIC = ("login", "display_name", "role", "active", "failed_attempts", "locked_until", "password_changed_at",
          "last_login", "oidc_issuer", "oidc_subject", "requested_at", "created_at")


def now() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def normalise_login(text: str) -> str:
    """A login name as stored: trimmed, NFKC, lower case; :class:`Refused` unless 2-64 of a-z 0-9 . _ @ -."""
    login = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not LOGIN.fullmatch(login):
        raise Refused("users.err.login", login=login[:64])
    return login


def public(user: User) -> dict[str, Any]:
    """An account's fields as the audit log and the accounts page show them: never the hash."""
    row = audit.row_dict(user) or {}
    out = {k: row.get(k) for k in PUBLIC}
    out["password"] = bool(user.password_hash)
    return out


# --- reading --------------------------------------------------------------------------------------
def get_user(session: Session, *, login: str | None = None, user_id: int | None = None) -> User | None:
    """One account by login name (as typed: it is normalised) or by id."""
    if user_id is not None:
        return session.get(User, user_id)
    try:
        name = normalise_login(login or "")
    except Refused:
        return None
    return session.execute(select(User).where(table_of(User).c.login == name)).scalars().first()


def list_users(session: Session) -> list[User]:
    """Every account and SSO request, by login name."""
    return list(session.execute(select(User).order_by(table_of(User).c.login)).scalars())


def count_users(session: Session) -> int:
    """How many accounts (and requests) there are."""
    return int(session.execute(select(func.count()).select_from(table_of(User))).scalar_one())


def actor_of(user: User, via: str) -> Actor:
    """The actor an account acts as, signed in ``via`` password, sso, proxy or demo."""
    assert user.id is not None
    return Actor(login=user.login, display_name=user.display_name, role=Role(user.role), user_id=user.id, via=via)


def must_change_password(user: User, settings: AuthSettings, at: dt.datetime | None = None) -> bool:
    """Whether the owner must choose a new password before anything else: one someone else set
    (never changed by its owner), or one older than the policy's maximum age."""
    if not user.password_hash:
        return False
    if user.password_changed_at is None:
        return True
    age = settings.password_max_age_days
    return bool(age) and (at or now()) - user.password_changed_at > dt.timedelta(days=age)


def _account(session: Session, login: str) -> User:
    user = get_user(session, login=login)
    if user is None:
        raise Refused("users.err.unknown", login=login.strip()[:64])
    return user


def _check_password(password: str, login: str, settings: AuthSettings) -> None:
    found = passwords.problems(password, login=login, settings=settings)
    if found:
        key, fmt = found[0]
        raise Refused(key, **fmt)


def _audit(session: Session, actor: Actor, source: str, user: User, action: AuditAction,
           before: dict[str, Any] | None) -> None:
    audit.record(session, actor=actor, source=source, table="users", key=user.login, action=action,
                 before=before, after=None if action == AuditAction.delete else public(user))


# --- accounts -------------------------------------------------------------------------------------
def create_user(session: Session, *, login: str, display_name: str, role: Role | str, password: str | None,
                actor: Actor, source: str, settings: AuthSettings, temporary: bool = True,
                identity: tuple[str, str] | None = None) -> User:
    """Add an account. A ``temporary`` password (the default: someone else chose it) must be changed
    at the first sign-in; ``password`` None makes an account that signs in only through SSO, as the
    OIDC ``identity`` (issuer, subject) when given."""
    require(actor, Permission.manage_accounts)
    name = normalise_login(login)
    if get_user(session, login=name) is not None:
        raise Refused("users.err.taken", login=name)
    if identity is not None and identity_user(session, issuer=identity[0], subject=identity[1]) is not None:
        raise Refused("users.err.identity_taken")
    if len(clean(display_name or "")) > 100:
        raise Refused("users.err.display_long")
    display = gate(display_name, model=User, field="display_name") or name  # the one text gate: no formula
    if password is not None:
        _check_password(password, name, settings)
    at = now()
    user = User(login=name, display_name=display, role=Role(role), active=True, created_at=at,
                password_hash=None if password is None else passwords.hash_password(password),
                password_changed_at=None if temporary or password is None else at,
                oidc_issuer=identity[0] if identity else None, oidc_subject=identity[1] if identity else None)
    session.add(user)
    session.flush()
    _audit(session, actor, source, user, AuditAction.insert, None)
    return user


def reset_password(session: Session, *, login: str, password: str, actor: Actor, source: str,
                   settings: AuthSettings) -> User:
    """Give an account a new temporary password (changed at its next sign-in) and unlock it."""
    require(actor, Permission.manage_accounts)
    user = _account(session, login)
    _check_password(password, user.login, settings)
    before = public(user)
    user.password_hash = passwords.hash_password(password)
    user.password_changed_at, user.failed_attempts, user.locked_until = None, 0, None
    session.add(user)
    _audit(session, actor, source, user, AuditAction.update, before)
    return user


def change_own_password(session: Session, *, actor: Actor, current: str, new: str, repeat: str,
                        settings: AuthSettings, source: str = "app") -> User:
    """The signed-in person changes their own password: the current one, then a new one twice."""
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None or not user.active or not user.password_hash:
        raise Refused("users.err.no_password")
    if not passwords.verify(user.password_hash, current):
        raise Refused("users.err.current")
    if new != repeat:
        raise Refused("users.err.repeat")
    if new == current:
        raise Refused("users.err.same")
    _check_password(new, user.login, settings)
    before = public(user)
    user.password_hash, user.password_changed_at = passwords.hash_password(new), now()
    session.add(user)
    _audit(session, actor, source, user, AuditAction.update, before)
    return user


def _active_admins(session: Session, other_than: int | None) -> int:
    u = table_of(User)
    stmt = select(func.count()).select_from(u).where(u.c.role == Role.admin.value, u.c.active.is_(True),
                                                     u.c.requested_at.is_(None))
    if other_than is not None:
        stmt = stmt.where(u.c.id != other_than)
    return int(session.execute(stmt).scalar_one())


def set_role(session: Session, *, login: str, role: Role | str, actor: Actor, source: str) -> User:
    """Change an account's role (never the last active admin's away from admin)."""
    require(actor, Permission.manage_accounts)
    user = _account(session, login)
    role = Role(role)
    if user.role == Role.admin and role != Role.admin and _active_admins(session, user.id) == 0:
        raise Refused("users.err.last_admin")
    before = public(user)
    user.role = role
    session.add(user)
    _audit(session, actor, source, user, AuditAction.update, before)
    return user


def set_active(session: Session, *, login: str, active: bool, actor: Actor, source: str) -> User:
    """Enable or disable an account (never your own, never the last active admin)."""
    require(actor, Permission.manage_accounts)
    user = _account(session, login)
    if not active and user.id is not None and user.id == actor.user_id:
        raise Refused("users.err.self")
    if not active and user.role == Role.admin and _active_admins(session, user.id) == 0:
        raise Refused("users.err.last_admin")
    before = public(user)
    user.active = active
    if active:
        user.requested_at = None
    session.add(user)
    _audit(session, actor, source, user, AuditAction.update, before)
    return user


def unlock(session: Session, *, login: str, actor: Actor, source: str) -> User:
    """Clear an account's failed sign-ins and lock."""
    require(actor, Permission.manage_accounts)
    user = _account(session, login)
    before = public(user)
    user.failed_attempts, user.locked_until = 0, None
    session.add(user)
    _audit(session, actor, source, user, AuditAction.update, before)
    return user


def first_accounts(session: Session, *, actor: Actor, settings: AuthSettings, demo: bool = False,
                   source: str = "init-db") -> list[tuple[str, Role, str]]:
    """The accounts a new store starts with, if it has none: the first admin and, for the demo city,
    one demo account per other role; each with a random password to be changed at first sign-in.
    Returns (login, role, password) to show once; nothing if the store already has accounts."""
    require(actor, Permission.init_store)
    if count_users(session):
        return []
    wanted = [(FIRST_ADMIN, Role.admin, "系统管理员"), *(DEMO_ACCOUNTS if demo else ())]
    made = []
    for login, role, display in wanted:
        password = passwords.generate(settings, login)
        create_user(session, login=login, display_name=display, role=role, password=password, actor=actor,
                    source=source, settings=settings)
        made.append((login, role, password))
    return made


# --- single sign-on -------------------------------------------------------------------------------
def identity_user(session: Session, *, issuer: str, subject: str) -> User | None:
    """The account (or request) an SSO identity is mapped to: by issuer and subject, never by e-mail."""
    u = table_of(User)
    stmt = select(User).where(u.c.oidc_issuer == issuer, u.c.oidc_subject == subject)
    return session.execute(stmt).scalars().first()


def request_access(session: Session, *, issuer: str, subject: str, claims: Mapping[str, Any]) -> User:
    """Keep an unknown SSO identity as a request for access (no role in effect until granted),
    named after its preferred user name or e-mail, made unique. Audited as an attempt."""
    found = identity_user(session, issuer=issuer, subject=subject)
    if found is not None:
        return found
    hint = str(claims.get("preferred_username") or str(claims.get("email") or "").split("@")[0] or "sso")
    base = re.sub(r"[^a-z0-9._-]", "", unicodedata.normalize("NFKC", hint).lower())[:56] or "sso"
    base = base if base[0].isalnum() else f"sso{base}"
    login, n = base if len(base) > 1 else f"sso-{base}", 1
    while get_user(session, login=login) is not None:
        n += 1
        login = f"{base}-{n}"
    display = clean(str(claims.get("name") or claims.get("preferred_username") or login))[:100]
    display = login if is_formula(display) or not display else display  # a provider's claim is not trusted text
    user = User(login=login, display_name=display, role=Role.viewer, active=False, oidc_issuer=issuer[:255],
                oidc_subject=subject[:255], requested_at=now(), created_at=now())
    session.add(user)
    session.flush()
    audit.record_event(session, who=f"sso:{login}", source="app", key=login, action=AuditAction.sign_in_failed,
                       detail={"method": "sso", "reason": "requested", "issuer": issuer, "subject": subject})
    return user


def grant(session: Session, *, login: str, role: Role | str, actor: Actor, source: str) -> User:
    """Grant an SSO request a role: the identity may sign in from now on."""
    require(actor, Permission.manage_accounts)
    user = _account(session, login)
    before = public(user)
    user.role, user.active, user.requested_at = Role(role), True, None
    session.add(user)
    _audit(session, actor, source, user, AuditAction.update, before)
    return user


def link(session: Session, *, request: str, to: str, actor: Actor, source: str) -> User:
    """Map the SSO identity of the request ``request`` to the existing account ``to`` (the request goes)."""
    require(actor, Permission.manage_accounts)
    pending, user = _account(session, request), _account(session, to)
    if pending.requested_at is None or pending.id == user.id:
        raise Refused("users.err.not_request", login=pending.login)
    if user.oidc_subject:
        raise Refused("users.err.has_identity", login=user.login)
    issuer, subject = pending.oidc_issuer, pending.oidc_subject
    reject(session, login=pending.login, actor=actor, source=source)
    session.flush()
    before = public(user)
    user.oidc_issuer, user.oidc_subject = issuer, subject
    session.add(user)
    _audit(session, actor, source, user, AuditAction.update, before)
    return user


def reject(session: Session, *, login: str, actor: Actor, source: str) -> None:
    """Remove an SSO request (the identity stays without access; it may ask again)."""
    require(actor, Permission.manage_accounts)
    user = _account(session, login)
    if user.requested_at is None:
        raise Refused("users.err.not_request", login=user.login)
    before = public(user)
    session.delete(user)
    session.flush()
    audit.record(session, actor=actor, source=source, table="users", key=user.login, action=AuditAction.delete,
                 before=before)
