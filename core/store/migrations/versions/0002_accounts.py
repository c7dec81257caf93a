"""Accounts: the people who may sign in and their roles; sign-in events in the audit log.

Adds the ``app_user`` table (login, display name, role, Argon2id hash, lockout counters, SSO identity)
and lets the audit log's ``action`` hold sign-in events besides inserts, updates and deletes.

Revision ID: 0002_accounts
Revises: 0001
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0002_accounts"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIONS_BEFORE = ("insert", "update", "delete")
ACTIONS = (*ACTIONS_BEFORE, "sign_in", "sign_in_failed", "locked_out", "sign_out", "session_timeout")


def _actions(values: tuple[str, ...]) -> str:
    return "action IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _audit_actions(values: tuple[str, ...]) -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table with the new one.
    with op.batch_alter_table("auditlog", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_auditlog_auditaction"), type_="check")
        batch_op.create_check_constraint(op.f("ck_auditlog_auditaction"), _actions(values))


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("role", sa.Enum("viewer", "analyst", "admin", name="role", native_enum=False,
                                  create_constraint=True, length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("password_changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_login", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("oidc_issuer", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("oidc_subject", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("failed_attempts >= 0", name=op.f("ck_app_user_failed_nonneg")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
        sa.UniqueConstraint("oidc_issuer", "oidc_subject", name=op.f("uq_app_user_oidc_issuer")),
    )
    _audit_actions(ACTIONS)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM auditlog WHERE " + _actions(ACTIONS[len(ACTIONS_BEFORE):])))
    _audit_actions(ACTIONS_BEFORE)
    op.drop_table("app_user")
