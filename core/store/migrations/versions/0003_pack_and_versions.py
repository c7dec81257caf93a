"""Pack settings with the edited briefing; scenarios keep their approval status and saved results;
assumption sources in English beside the Chinese.

Revision ID: 0003_pack_and_versions
Revises: 0002_accounts
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0003_pack_and_versions'
down_revision: str | None = '0002_accounts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table('packsettings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', _TEXT(length=100), nullable=False),
    sa.Column('settings', _TEXT(), nullable=False),
    sa.Column('briefing', _TEXT(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_by', _TEXT(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('version >= 1', name=op.f('ck_packsettings_version_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_packsettings')),
    sa.UniqueConstraint('name', name=op.f('uq_packsettings_name'))
    )
    with op.batch_alter_table('scenario', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', _TEXT(length=16), nullable=False, server_default='draft'))
        batch_op.add_column(sa.Column('submitted_by', _TEXT(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('submitted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('approved_by', _TEXT(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('approved_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('results', _TEXT(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('data_as_of', sa.DateTime(), nullable=True))
    with op.batch_alter_table('assumption', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_en', _TEXT(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('assumption', schema=None) as batch_op:
        batch_op.drop_column('source_en')
    with op.batch_alter_table('scenario', schema=None) as batch_op:
        for column in ('data_as_of', 'results', 'approved_at', 'approved_by', 'submitted_at', 'submitted_by',
                       'status'):
            batch_op.drop_column(column)
    op.drop_table('packsettings')
