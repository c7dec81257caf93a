"""Backups of the whole store: one zip holding a manifest and one JSON-lines file per table.

A backup is read inside one snapshot (:func:`core.store.db.snapshot`), so it is consistent even while
the app is writing, on SQLite and PostgreSQL alike. Its manifest names the application
(:data:`core.files.admin.APP_ID`), the format, when it was made, and every table with its columns, row
count and checksum; a restore refuses any file whose manifest does not match, then replaces the
whole store in one transaction and records that in the audit log.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, Table, TypeDecorator
from sqlmodel import SQLModel

from core.files.admin import APP_ID, complete_book, complete_scores
from core.store import access, audit, db, repo
from core.store.access import Actor, Permission
from core.store.limits import MAX_BACKUP_BYTES, MAX_BACKUP_MB, MAX_BACKUP_UNPACKED_BYTES, MAX_BACKUP_UNPACKED_MB
from core.store.models import AuditAction

FORMAT = 1
MANIFEST = "manifest.json"
# Tables a backup may lack (taken before they existed): the restore fills them with the shipped defaults.
FILLED_ON_RESTORE = frozenset({"noncostscore"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def backup_bytes(engine: Engine, *, actor: Actor) -> tuple[bytes, dict[str, Any]]:
    """The whole store as a backup file (bytes) and its manifest. It holds the accounts' password
    hashes, so only a role with the ``backup`` permission may take one."""
    access.require(actor, Permission.backup)
    files: dict[str, bytes] = {}
    tables: dict[str, Any] = {}
    with db.snapshot(engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            columns, rows = repo.dump_table(session, table=table)
            body = "".join(json.dumps([_plain(v) for v in row], ensure_ascii=False) + "\n" for row in rows).encode()
            name = f"tables/{table.name}.jsonl"
            files[name] = body
            tables[table.name] = {"file": name, "columns": columns, "rows": len(rows),
                                  "sha256": hashlib.sha256(body).hexdigest()}
    manifest = {
        "app_id": APP_ID, "format": FORMAT, "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": engine.dialect.name, "tables": tables,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        for name, body in files.items():
            zf.writestr(name, body)
    return buf.getvalue(), manifest


def write_backup(engine: Engine, path: Path, *, actor: Actor, force: bool = False) -> dict[str, Any]:
    """Write a backup of the store to ``path`` (refusing to overwrite a file unless ``force``)."""
    access.require(actor, Permission.backup)
    if path.exists() and not force:
        raise db.StoreError(f"{path} already exists; choose another name or use --force")
    if not path.parent.is_dir():
        raise db.StoreError(f"the folder {path.parent} does not exist")
    data, manifest = backup_bytes(engine, actor=actor)
    path.write_bytes(data)
    return manifest


def read_backup(data: bytes, name: str) -> tuple[dict[str, Any], dict[Table, list[dict[str, Any]]]]:
    """The manifest and rows of a backup file; :class:`core.store.db.StoreError` if it is not one of ours."""
    def refuse(why: str) -> db.StoreError:
        return db.StoreError(f"{name} is not a backup of this application: {why}")

    if len(data) > MAX_BACKUP_BYTES:
        raise db.StoreError(f"{name} is {len(data) / 2**20:,.0f} MB; a backup may be at most {MAX_BACKUP_MB:,} MB")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse("it is not a zip file") from None
    with zf:
        # what the zip says its members unpack to, before one is read (a reader never gets more than that)
        unpacked = sum(i.file_size for i in zf.infolist())
        if unpacked > MAX_BACKUP_UNPACKED_BYTES:
            raise db.StoreError(f"{name} unpacks to {unpacked / 2**20:,.0f} MB; a backup may unpack to at most "
                                f"{MAX_BACKUP_UNPACKED_MB:,} MB")
        try:
            manifest = json.loads(zf.read(MANIFEST))
        except KeyError:
            raise refuse(f"it has no {MANIFEST}") from None
        except (ValueError, zipfile.BadZipFile, OSError):
            raise refuse(f"its {MANIFEST} cannot be read") from None
        if not isinstance(manifest, dict) or manifest.get("app_id") != APP_ID:
            found = manifest.get("app_id") if isinstance(manifest, dict) else None
            raise refuse(f"its application id is {found!r}, not {APP_ID!r}")
        if not isinstance(manifest.get("format"), int) or manifest["format"] > FORMAT:
            raise db.StoreError(f"{name} was made by a newer version of the application (format {manifest.get('format')})")
        tables = {t.name: t for t in SQLModel.metadata.sorted_tables}
        listed = manifest.get("tables") or {}
        if set(listed) - set(tables) or not set(tables) - set(listed) <= FILLED_ON_RESTORE:
            odd = sorted(set(listed) ^ set(tables))
            raise db.StoreError(f"{name} does not match this version's tables (differs in: {', '.join(odd)})")
        out: dict[Table, list[dict[str, Any]]] = {}
        for tname, info in listed.items():
            table = tables[tname]
            if list(info.get("columns", [])) != [c.name for c in table.columns]:
                raise db.StoreError(f"{name}: the columns of {tname} do not match this version's schema")
            try:
                body = zf.read(info["file"])
            except (KeyError, zipfile.BadZipFile, OSError, zlib.error):
                raise db.StoreError(f"{name} is damaged: {info.get('file')} cannot be read") from None
            if hashlib.sha256(body).hexdigest() != info.get("sha256"):
                raise db.StoreError(f"{name} is damaged: the checksum of {info['file']} does not match")
            out[table] = _rows(table, body, name)
            if len(out[table]) != info.get("rows"):
                raise db.StoreError(f"{name} is damaged: {tname} holds {len(out[table])} rows, not {info.get('rows')}")
    return manifest, out


def _python_type(kind: Any) -> type:
    base = kind.impl if isinstance(kind, TypeDecorator) else kind  # sqlmodel's UTCDateTime wraps DateTime
    try:
        return cast(type, base.python_type)
    except NotImplementedError:
        return object


def _aware(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value if value.utcoffset() is not None else value.replace(tzinfo=dt.UTC)


_from_iso: dict[type, Any] = {dt.datetime: _aware, dt.date: dt.date.fromisoformat}


def _rows(table: Table, body: bytes, name: str) -> list[dict[str, Any]]:
    """JSON lines → row dicts with dates and times as Python objects."""
    columns = [c.name for c in table.columns]
    convert = {c.name: _from_iso[_python_type(c.type)] for c in table.columns if _python_type(c.type) in _from_iso}
    rows = []
    try:
        for line in body.decode().splitlines():
            values = dict(zip(columns, json.loads(line)))
            for col, fn in convert.items():
                if values.get(col) is not None:
                    values[col] = fn(values[col])
            rows.append(values)
    except (ValueError, TypeError):
        raise db.StoreError(f"{name} is damaged: {table.name} holds a line that cannot be read") from None
    return rows


def restore(engine: Engine, data: bytes, *, name: str, actor: Actor) -> dict[str, int]:
    """Replace the whole store by a backup in one transaction; rows per table restored.

    The restore itself is recorded in the (restored) audit log: who, when, which file, row counts.
    The accounts are the backup's too.
    """
    access.require(actor, Permission.restore)
    manifest, rows = read_backup(data, name)
    db.check_connection(engine)
    db.create_schema(engine)
    with db.write_scope(engine) as session:
        before = repo.table_counts(session)
        repo.replace_all(session, rows=rows)
        complete_book(session, actor=actor, source="restore")  # a backup older than a factor of the book gets it
        complete_scores(session, actor=actor, source="restore")  # … and one older than the non-cost scores, those
        after = repo.table_counts(session)
        audit.record(session, actor=actor, source="restore", table="store", key=Path(name).name,
                     action=AuditAction.update, before={"rows": before},
                     after={"rows": after, "backup_created_at": manifest.get("created_at")})
    return after
