"""The non-cost scores (非成本因素评分) as reference data in the store, editable by admins.

Every service × delivery scored 1-5 on control, confidentiality, continuity, market depth, staff
impact and quality, with basis and source; until now read from data/reference/noncost_criteria.csv.
The table starts empty: init-db and a restore fill it with the shipped defaults
(core.files.admin.complete_book).

Revision ID: 0005_noncost_scores
Revises: 0004_people_and_plans
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0005_noncost_scores"
down_revision: str | None = "0004_people_and_plans"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SERVICES = ("property_mgmt", "cleaning", "security", "reception", "canteen", "greening", "conference", "facilities",
             "repairs", "energy", "mail_print", "confidential")


def upgrade() -> None:
    op.create_table(
        "noncostscore",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service", sa.Enum(*_SERVICES, name="servicecode", native_enum=False, create_constraint=True,
                                     length=32), nullable=False),
        sa.Column("delivery", sa.Enum("in_house", "labour_only", "contracted", name="deliverytype", native_enum=False,
                                      create_constraint=True, length=32), nullable=False),
        sa.Column("control", sa.Float(), nullable=False),
        sa.Column("confidentiality", sa.Float(), nullable=False),
        sa.Column("continuity", sa.Float(), nullable=False),
        sa.Column("market_depth", sa.Float(), nullable=False),
        sa.Column("staff_impact", sa.Float(), nullable=False),
        sa.Column("quality", sa.Float(), nullable=False),
        sa.Column("basis", sa.Enum("sourced", "rule_of_thumb", "assumption", name="basis", native_enum=False,
                                   create_constraint=True, length=32), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint(
            "control BETWEEN 1 AND 5 AND confidentiality BETWEEN 1 AND 5 AND continuity BETWEEN 1 AND 5"
            " AND market_depth BETWEEN 1 AND 5 AND staff_impact BETWEEN 1 AND 5 AND quality BETWEEN 1 AND 5",
            name=op.f("ck_noncostscore_scores_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_noncostscore")),
        sa.UniqueConstraint("service", "delivery", name=op.f("uq_noncostscore_service")),
    )


def downgrade() -> None:
    op.drop_table("noncostscore")
