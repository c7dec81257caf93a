"""Alembic environment: migrations run on the connection core.store.db hands over (never a URL here)."""
from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from core.store import models  # noqa: F401  (registers every table on the metadata)

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only core.store.db.migrate runs migrations
    raise RuntimeError("run migrations through core.store.db.migrate(engine), which passes the connection")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
