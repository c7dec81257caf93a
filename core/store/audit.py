"""The audit trail: every insert, update and delete records who, when, table, key, before → after.

Every write path (import, in-app editing, vendor decisions, scenarios, accounts, the CLI) calls
:func:`record` inside the same transaction as the change, so a change and its audit entry are
committed or rolled back together. The actor is always an :class:`core.store.access.Actor` (a
signed-in account, or ``cli:<os user>``), never a name someone typed; sign-in events, which may
have no account behind them, are written by :func:`record_event`.
"""
from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, SQLModel

from core.store.access import Actor
from core.store.models import AuditAction, AuditLog
from core.store.text import gate


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def row_dict(row: SQLModel | Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A row's fields as JSON-ready values (enums as values, dates as ISO text)."""
    if row is None:
        return None
    items = row.items() if isinstance(row, Mapping) else row.model_dump().items()
    return {k: _plain(v) for k, v in items}


def record(
    session: Session,
    *,
    actor: Actor,
    source: str,
    table: str,
    key: str,
    action: AuditAction,
    before: SQLModel | Mapping[str, Any] | None = None,
    after: SQLModel | Mapping[str, Any] | None = None,
) -> None:
    """Add one audit entry to the session's transaction (committed with the change it describes)."""
    record_many(session, actor=actor, source=source,
                entries=[(table, key, action, row_dict(before), row_dict(after))])


def record_many(
    session: Session,
    *,
    actor: Actor,
    source: str,
    entries: list[tuple[str, str, AuditAction, dict[str, Any] | None, dict[str, Any] | None]],
) -> None:
    """Add many audit entries in one statement: ``(table, key, action, before, after)`` each."""
    _insert(session, actor.audit_name, source, entries)


def record_event(session: Session, *, who: str, source: str, key: str, action: AuditAction,
                 detail: Mapping[str, Any] | None = None) -> None:
    """A sign-in event (sign-in, failure, lockout, sign-out, timeout) of the account ``key``; ``who``
    is the account's name, or ``anonymous@<address>`` for an attempt nobody is signed in for."""
    _insert(session, who, source, [("users", key, action, None, row_dict(detail))])


def _insert(session: Session, actor: str, source: str,
            entries: list[tuple[str, str, AuditAction, dict[str, Any] | None, dict[str, Any] | None]]) -> None:
    if not entries:
        return
    actor = gate(actor, model=AuditLog, field="actor")  # who acts is text like any other: the same gate
    now = dt.datetime.now(dt.UTC)
    table = AuditLog.__table__  # type: ignore[attr-defined]  # Core insert: one executemany, no ORM bookkeeping per row
    session.execute(insert(table), [  # type: ignore[arg-type]
        {
            "at": now, "actor": actor, "source": source, "table_name": table, "row_key": key,
            "action": action.value,
            "before": None if before is None else json.dumps(before, ensure_ascii=False, default=str),
            "after": None if after is None else json.dumps(after, ensure_ascii=False, default=str),
        }
        for table, key, action, before, after in entries
    ])
