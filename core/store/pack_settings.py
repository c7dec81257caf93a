"""The meeting pack's saved settings: what the analyst chose (scenarios, sections, year, formats) and
the briefing's paragraphs as edited, per language; versioned (a save over a newer version is refused),
audited."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from core.i18n import t
from core.store import access, audit
from core.store.access import Actor, Permission
from core.store.db import Refused
from core.store.models import AuditAction, PackSettings, table_of
from core.store.text import clean

DEFAULT_NAME = "default"
MAX_PARAGRAPH = 4000  # characters a briefing paragraph may hold


@dataclass(frozen=True)
class SavedPack:
    """The pack settings as stored (version 0: never saved)."""

    settings: dict[str, Any] = field(default_factory=dict)
    briefing: dict[str, dict[str, str]] = field(default_factory=dict)  # language → paragraph key → text
    version: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None


def load(session: Session, *, name: str = DEFAULT_NAME) -> SavedPack:
    """The pack settings called ``name`` (empty, version 0, when none are saved)."""
    row = session.execute(select(PackSettings).where(table_of(PackSettings).c.name == name)).scalars().first()
    if row is None:
        return SavedPack()
    return SavedPack(settings=_json(row.settings), briefing=_json(row.briefing), version=row.version,
                     updated_by=row.updated_by, updated_at=row.updated_at)


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def save(session: Session, *, settings: dict[str, Any], briefing: dict[str, dict[str, str]], seen_version: int,
         actor: Actor, source: str, name: str = DEFAULT_NAME) -> SavedPack:
    """Save the pack settings over ``seen_version`` (0 = first save); refused, nothing written, when
    the actor's role may not, someone saved a newer version meanwhile or a paragraph is too long.
    Paragraphs are cleaned of control characters first (line breaks kept). Audited."""
    access.require(actor, Permission.save_pack)
    briefing = {lang: {key: clean(text, multiline=True) for key, text in paragraphs.items()}
                for lang, paragraphs in briefing.items()}
    for paragraphs in briefing.values():
        for key, text in paragraphs.items():
            if len(text) > MAX_PARAGRAPH:
                raise Refused("brief.too_long", para=lambda lang, k=key: _para_label(k, lang), n=len(text),
                              limit=MAX_PARAGRAPH)
    now = dt.datetime.now(dt.UTC)
    values: dict[str, Any] = {"settings": json.dumps(settings, ensure_ascii=False, default=str),
              "briefing": json.dumps(briefing, ensure_ascii=False), "updated_by": actor.audit_name, "updated_at": now}
    tbl = table_of(PackSettings)
    current = session.execute(select(PackSettings).where(tbl.c.name == name)).scalars().first()
    if current is None:
        if seen_version != 0:
            raise Refused("brief.stale", version=seen_version)
        row = PackSettings(name=name, version=1, **values)
        session.add(row)
        session.flush()
        audit.record(session, actor=actor, source=source, table="pack_settings", key=name, action=AuditAction.insert,
                     after=row)
    else:
        before = audit.row_dict(current)
        done = session.execute(update(tbl).where(tbl.c.id == current.id, tbl.c.version == seen_version)
                               .values(version=seen_version + 1, **values))
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise Refused("brief.stale", version=seen_version)
        session.refresh(current)
        audit.record(session, actor=actor, source=source, table="pack_settings", key=name, action=AuditAction.update,
                     before=before, after=current)
    return load(session, name=name)


def _para_label(key: str, lang: str) -> str:
    return t(f"brief.para.{key}", lang)
