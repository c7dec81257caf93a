"""People by employment type, price-review dates, and adopted plans with their frozen forecast.

Arrangements split their in-house staff into established (编制内), contract (编外合同) and dispatched
(劳务派遣) staff, which the simulator releases by different rules; contracts may carry a price-review
date; a scenario adopted as the plan is kept with its forecast by year, lever and building, and the
items it acts on with their base-year cost (for tracking).

Revision ID: 0003_people_and_plans
Revises: 0001
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0003_people_and_plans"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "adoptedplan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.Integer(), nullable=True),
        sa.Column("scenario_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("scenario_version", sa.Integer(), nullable=True),
        sa.Column("levers", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=False),
        sa.Column("approved_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("base_year", sa.Integer(), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("last_year", sa.Integer(), nullable=False),
        sa.Column("draws", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("npv_p10", sa.Float(), nullable=False),
        sa.Column("npv_p50", sa.Float(), nullable=False),
        sa.Column("npv_p90", sa.Float(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("first_year > base_year AND last_year >= first_year",
                           name=op.f("ck_adoptedplan_years_order")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_adoptedplan_version_positive")),
        sa.ForeignKeyConstraint(["scenario_id"], ["scenario.id"], name=op.f("fk_adoptedplan_scenario_id_scenario"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adoptedplan")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_adoptedplan_name")),
    )
    op.create_table(
        "planforecast",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("lever", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("building", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("planned", sa.Float(), nullable=False),
        sa.Column("p10", sa.Float(), nullable=False),
        sa.Column("p50", sa.Float(), nullable=False),
        sa.Column("p90", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["adoptedplan.id"], name=op.f("fk_planforecast_plan_id_adoptedplan"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planforecast")),
        sa.UniqueConstraint("plan_id", "year", "lever", "building", name=op.f("uq_planforecast_plan_id")),
    )
    op.create_table(
        "planitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("building", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("service", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("base_labour", sa.Float(), nullable=False),
        sa.Column("base_price", sa.Float(), nullable=False),
        sa.Column("levers", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["adoptedplan.id"], name=op.f("fk_planitem_plan_id_adoptedplan"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planitem")),
        sa.UniqueConstraint("plan_id", "building", "service", name=op.f("uq_planitem_plan_id")),
    )
    with op.batch_alter_table("arrangement", schema=None) as batch_op:
        # existing rows: no type recorded (the simulator counts unsplit in-house staff as contract staff)
        for column in ("staff_established", "staff_contract", "staff_dispatched"):
            batch_op.add_column(sa.Column(column, sa.Float(), nullable=False, server_default=sa.text("0")))
        batch_op.create_check_constraint(
            op.f("ck_arrangement_staff_types_nonneg"),
            "staff_established >= 0 AND staff_contract >= 0 AND staff_dispatched >= 0")
        batch_op.create_check_constraint(
            op.f("ck_arrangement_staff_types_within"),
            "staff_established + staff_contract + staff_dispatched <= staff_in_house + 0.001")
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_date", sa.Date(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_contract_review_within_term"),
            "review_date IS NULL OR (review_date >= start_date AND review_date <= end_date)")


def downgrade() -> None:
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_contract_review_within_term"), type_="check")
        batch_op.drop_column("review_date")
    with op.batch_alter_table("arrangement", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_arrangement_staff_types_within"), type_="check")
        batch_op.drop_constraint(op.f("ck_arrangement_staff_types_nonneg"), type_="check")
        batch_op.drop_column("staff_dispatched")
        batch_op.drop_column("staff_contract")
        batch_op.drop_column("staff_established")
    op.drop_table("planitem")
    op.drop_table("planforecast")
    op.drop_table("adoptedplan")
