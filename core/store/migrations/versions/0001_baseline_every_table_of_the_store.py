"""Baseline: every table of the store, as the first stores were created.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('assumption',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('name_zh', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('basis', sa.Enum('sourced', 'rule_of_thumb', 'assumption', name='basis', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('distribution', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assumption')),
    sa.UniqueConstraint('key', 'effective_date', name=op.f('uq_assumption_key'))
    )
    with op.batch_alter_table('assumption', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assumption_key'), ['key'], unique=False)

    op.create_table('auditlog',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('table_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('row_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('action', sa.Enum('insert', 'update', 'delete', name='auditaction', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('before', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('after', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditlog'))
    )
    with op.batch_alter_table('auditlog', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditlog_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditlog_table_name'), ['table_name'], unique=False)

    op.create_table('department',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('kind', sa.Enum('bureau', 'agency', 'subordinate', name='departmentkind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('staff_headcount', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('staff_headcount >= 0', name=op.f('ck_department_staff_nonneg')),
    sa.ForeignKeyConstraint(['parent_id'], ['department.id'], name=op.f('fk_department_parent_id_department')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department')),
    sa.UniqueConstraint('name', name=op.f('uq_department_name'))
    )
    op.create_table('scenario',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('levers', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('version >= 1', name=op.f('ck_scenario_version_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario')),
    sa.UniqueConstraint('name', name=op.f('uq_scenario_name'))
    )
    op.create_table('serviceitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.Enum('property_mgmt', 'cleaning', 'security', 'reception', 'canteen', 'greening', 'conference', 'facilities', 'repairs', 'energy', 'mail_print', 'confidential', name='servicecode', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('name_zh', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('paid_at_actual', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_serviceitem')),
    sa.UniqueConstraint('code', name=op.f('uq_serviceitem_code'))
    )
    op.create_table('storemeta',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_storemeta'))
    )
    op.create_table('vendor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('credit_code', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
    sa.Column('qualification_level', sa.Integer(), nullable=False),
    sa.Column('service_lines', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('registered_capital_wan', sa.Float(), nullable=False),
    sa.Column('founded_year', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('applied', 'admitted', 'suspended', 'blacklisted', name='admissionstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('confidential_cleared', sa.Boolean(), nullable=False),
    sa.CheckConstraint('qualification_level BETWEEN 1 AND 3', name=op.f('ck_vendor_qualification_range')),
    sa.CheckConstraint('registered_capital_wan >= 0', name=op.f('ck_vendor_capital_nonneg')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_vendor_credit_code')),
    sa.UniqueConstraint('name', name=op.f('uq_vendor_name'))
    )
    op.create_table('building',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('district', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('gross_floor_area_m2', sa.Float(), nullable=False),
    sa.Column('year_built', sa.Integer(), nullable=False),
    sa.Column('tier', sa.Integer(), nullable=False),
    sa.Column('managed_by_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('gross_floor_area_m2 > 0', name=op.f('ck_building_area_positive')),
    sa.CheckConstraint('tier BETWEEN 1 AND 3', name=op.f('ck_building_tier_range')),
    sa.CheckConstraint('year_built BETWEEN 1900 AND 2100', name=op.f('ck_building_year_range')),
    sa.ForeignKeyConstraint(['managed_by_id'], ['department.id'], name=op.f('fk_building_managed_by_id_department'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_building')),
    sa.UniqueConstraint('name', name=op.f('uq_building_name'))
    )
    op.create_table('contract',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Enum('public_tender', 'competitive_consultation', 'single_source', 'direct_award', name='procurementchannel', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('annual_price', sa.Float(), nullable=False),
    sa.CheckConstraint('annual_price >= 0', name=op.f('ck_contract_price_nonneg')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_contract_term_order')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_contract_vendor_id_vendor'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract')),
    sa.UniqueConstraint('code', name=op.f('uq_contract_code'))
    )
    op.create_table('feestandard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('tier', sa.Integer(), nullable=False),
    sa.Column('area_min_m2', sa.Float(), nullable=False),
    sa.Column('area_max_m2', sa.Float(), nullable=False),
    sa.Column('fee_per_m2_month', sa.Float(), nullable=True),
    sa.Column('m2_per_worker', sa.Float(), nullable=True),
    sa.Column('basis', sa.Enum('sourced', 'rule_of_thumb', 'assumption', name='basis', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.CheckConstraint('area_min_m2 >= 0 AND area_max_m2 > area_min_m2', name=op.f('ck_feestandard_band_order')),
    sa.CheckConstraint('fee_per_m2_month IS NULL OR fee_per_m2_month >= 0', name=op.f('ck_feestandard_fee_nonneg')),
    sa.CheckConstraint('m2_per_worker IS NULL OR m2_per_worker > 0', name=op.f('ck_feestandard_norm_positive')),
    sa.CheckConstraint('tier BETWEEN 1 AND 3', name=op.f('ck_feestandard_tier_range')),
    sa.ForeignKeyConstraint(['service_id'], ['serviceitem.id'], name=op.f('fk_feestandard_service_id_serviceitem'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feestandard')),
    sa.UniqueConstraint('service_id', 'tier', 'area_min_m2', name=op.f('uq_feestandard_service_id'))
    )
    op.create_table('vendordecision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('from_status', sa.Enum('applied', 'admitted', 'suspended', 'blacklisted', name='from_status', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('to_status', sa.Enum('applied', 'admitted', 'suspended', 'blacklisted', name='to_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('criteria', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendor.id'], name=op.f('fk_vendordecision_vendor_id_vendor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendordecision'))
    )
    op.create_table('arrangement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('delivery', sa.Enum('in_house', 'labour_only', 'contracted', name='deliverytype', native_enum=False, create_constraint=True, length=32), nullable=True),
    sa.Column('contract_id', sa.Integer(), nullable=True),
    sa.Column('staff_in_house', sa.Float(), nullable=False),
    sa.Column('staff_vendor', sa.Float(), nullable=False),
    sa.Column('tenure_years', sa.Float(), nullable=False),
    sa.Column('depreciation', sa.Float(), nullable=False),
    sa.Column('restricted', sa.Boolean(), nullable=True),
    sa.CheckConstraint('depreciation >= 0', name=op.f('ck_arrangement_depreciation_nonneg')),
    sa.CheckConstraint('staff_in_house >= 0', name=op.f('ck_arrangement_staff_in_house_nonneg')),
    sa.CheckConstraint('staff_vendor >= 0', name=op.f('ck_arrangement_staff_vendor_nonneg')),
    sa.CheckConstraint('tenure_years >= 0', name=op.f('ck_arrangement_tenure_nonneg')),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], name=op.f('fk_arrangement_building_id_building'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contract_id'], ['contract.id'], name=op.f('fk_arrangement_contract_id_contract'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['service_id'], ['serviceitem.id'], name=op.f('fk_arrangement_service_id_serviceitem'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_arrangement')),
    sa.UniqueConstraint('building_id', 'service_id', name=op.f('uq_arrangement_building_id'))
    )
    op.create_table('occupancy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('floor_area_m2', sa.Float(), nullable=False),
    sa.Column('staff', sa.Integer(), nullable=False),
    sa.CheckConstraint('floor_area_m2 >= 0', name=op.f('ck_occupancy_area_nonneg')),
    sa.CheckConstraint('staff >= 0', name=op.f('ck_occupancy_staff_nonneg')),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], name=op.f('fk_occupancy_building_id_building'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_occupancy_department_id_department'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_occupancy')),
    sa.UniqueConstraint('building_id', 'department_id', name=op.f('uq_occupancy_building_id'))
    )
    op.create_table('qualityassessment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('building_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('customer_service', sa.Float(), nullable=True),
    sa.Column('building_mgmt', sa.Float(), nullable=True),
    sa.Column('facilities', sa.Float(), nullable=True),
    sa.Column('public_order', sa.Float(), nullable=True),
    sa.Column('cleaning', sa.Float(), nullable=True),
    sa.Column('greening', sa.Float(), nullable=True),
    sa.Column('conference', sa.Float(), nullable=True),
    sa.Column('satisfaction', sa.Float(), nullable=True),
    sa.Column('assessor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.CheckConstraint('building_mgmt IS NULL OR (building_mgmt >= 0 AND building_mgmt <= 100)', name=op.f('ck_qualityassessment_building_mgmt_range')),
    sa.CheckConstraint('cleaning IS NULL OR (cleaning >= 0 AND cleaning <= 100)', name=op.f('ck_qualityassessment_cleaning_range')),
    sa.CheckConstraint('conference IS NULL OR (conference >= 0 AND conference <= 100)', name=op.f('ck_qualityassessment_conference_range')),
    sa.CheckConstraint('customer_service IS NULL OR (customer_service >= 0 AND customer_service <= 100)', name=op.f('ck_qualityassessment_customer_service_range')),
    sa.CheckConstraint('facilities IS NULL OR (facilities >= 0 AND facilities <= 100)', name=op.f('ck_qualityassessment_facilities_range')),
    sa.CheckConstraint('greening IS NULL OR (greening >= 0 AND greening <= 100)', name=op.f('ck_qualityassessment_greening_range')),
    sa.CheckConstraint('public_order IS NULL OR (public_order >= 0 AND public_order <= 100)', name=op.f('ck_qualityassessment_public_order_range')),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_qualityassessment_quarter_range')),
    sa.CheckConstraint('satisfaction IS NULL OR (satisfaction >= 0 AND satisfaction <= 100)', name=op.f('ck_qualityassessment_satisfaction_range')),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_qualityassessment_year_range')),
    sa.ForeignKeyConstraint(['building_id'], ['building.id'], name=op.f('fk_qualityassessment_building_id_building'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qualityassessment')),
    sa.UniqueConstraint('building_id', 'year', 'quarter', name=op.f('uq_qualityassessment_building_id'))
    )
    op.create_table('costrecord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('arrangement_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('labour', sa.Float(), nullable=False),
    sa.Column('on_costs', sa.Float(), nullable=False),
    sa.Column('materials', sa.Float(), nullable=False),
    sa.Column('management_fee', sa.Float(), nullable=False),
    sa.Column('tax', sa.Float(), nullable=False),
    sa.Column('energy', sa.Float(), nullable=False),
    sa.Column('repairs', sa.Float(), nullable=False),
    sa.Column('budget', sa.Float(), nullable=False),
    sa.CheckConstraint('labour >= 0 AND on_costs >= 0 AND materials >= 0 AND management_fee >= 0 AND tax >= 0 AND energy >= 0 AND repairs >= 0 AND budget >= 0', name=op.f('ck_costrecord_money_nonneg')),
    sa.CheckConstraint('month BETWEEN 0 AND 12', name=op.f('ck_costrecord_month_range')),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_costrecord_year_range')),
    sa.ForeignKeyConstraint(['arrangement_id'], ['arrangement.id'], name=op.f('fk_costrecord_arrangement_id_arrangement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_costrecord')),
    sa.UniqueConstraint('arrangement_id', 'year', 'month', name=op.f('uq_costrecord_arrangement_id'))
    )


def downgrade() -> None:
    op.drop_table('costrecord')
    op.drop_table('qualityassessment')
    op.drop_table('occupancy')
    op.drop_table('arrangement')
    op.drop_table('vendordecision')
    op.drop_table('feestandard')
    op.drop_table('contract')
    op.drop_table('building')
    op.drop_table('vendor')
    op.drop_table('storemeta')
    op.drop_table('serviceitem')
    op.drop_table('scenario')
    op.drop_table('department')
    with op.batch_alter_table('auditlog', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditlog_table_name'))
        batch_op.drop_index(batch_op.f('ix_auditlog_at'))

    op.drop_table('auditlog')
    with op.batch_alter_table('assumption', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assumption_key'))

    op.drop_table('assumption')
