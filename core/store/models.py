"""Every table of the store (DESIGN.md §3), with its constraints.

Money is CNY, areas m², headcounts persons. Enumerations are stored as their value (a short English
identifier) in a VARCHAR guarded by a CHECK constraint, so the same schema works on SQLite and
PostgreSQL. The support mode of a building is *not* a column anywhere: it is derived from the
building's arrangements by :func:`core.domain.modes.mode_of_building`.
"""
from __future__ import annotations

import datetime as dt
from enum import Enum, StrEnum
from typing import Any, cast

from sqlalchemy import CheckConstraint, MetaData, Table, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel

# Deterministic constraint names, so that migrations can refer to them on every database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


class DeliveryType(StrEnum):
    """How one service is delivered in one building."""

    in_house = "in_house"  # agency's own hired labour (劳务用工)
    labour_only = "labour_only"  # vendor sends staff, agency supplies materials
    contracted = "contracted"  # vendor brings staff and materials


class SupportMode(StrEnum):
    """A building's support mode (保障模式), derived from its arrangements; never stored."""

    full = "full"
    partial = "partial"
    mixed = "mixed"
    self_ = "self"


class ServiceCode(StrEnum):
    """The twelve logistics service items (服务项目)."""

    property_mgmt = "property_mgmt"
    cleaning = "cleaning"
    security = "security"
    reception = "reception"
    canteen = "canteen"
    greening = "greening"
    conference = "conference"
    facilities = "facilities"
    repairs = "repairs"
    energy = "energy"
    mail_print = "mail_print"
    confidential = "confidential"


class ProcurementChannel(StrEnum):
    """Government procurement channel of a contract (采购方式)."""

    public_tender = "public_tender"
    competitive_consultation = "competitive_consultation"
    single_source = "single_source"
    direct_award = "direct_award"


class AdmissionStatus(StrEnum):
    """A vendor's standing at the admission gate (企业准入关)."""

    applied = "applied"
    admitted = "admitted"
    suspended = "suspended"
    blacklisted = "blacklisted"


class DepartmentKind(StrEnum):
    """What kind of body a department is."""

    bureau = "bureau"  # the Government Offices Administration itself
    agency = "agency"  # a Party or government agency (党政机关)
    subordinate = "subordinate"  # a subordinate unit (下属单位) with a parent


class AuditAction(StrEnum):
    """What an audit entry records: a row inserted, updated or deleted, or a sign-in event."""

    insert = "insert"
    update = "update"
    delete = "delete"
    sign_in = "sign_in"
    sign_in_failed = "sign_in_failed"
    locked_out = "locked_out"
    sign_out = "sign_out"
    session_timeout = "session_timeout"


class Role(StrEnum):
    """What a signed-in person may do (the matrix is :data:`core.store.access.MATRIX`)."""

    viewer = "viewer"  # leaders and meeting participants: read, simulate, export
    analyst = "analyst"  # + data, scenarios, vendor registration and decisions
    admin = "admin"  # + accounts, the assumption book, fee standards, gate rules, restore, adopt


class Basis(StrEnum):
    """Where a default figure comes from: a cited source, an industry rule of thumb, or our assumption."""

    sourced = "sourced"
    rule_of_thumb = "rule_of_thumb"
    assumption = "assumption"


def enum_column(enum: type[Enum], column: str | None = None) -> Any:
    """A VARCHAR column restricted to the values of ``enum`` by a CHECK constraint.

    The constraint is named after the enum, or after ``column`` when a table has two columns of
    the same enum (PostgreSQL wants constraint names unique within a table).
    """
    return SAEnum(
        enum,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        name=column or enum.__name__.lower(),
    )


class Department(SQLModel, table=True):
    """A Party/government agency or subordinate unit (部门 / 下属单位)."""

    __table_args__ = (CheckConstraint("staff_headcount >= 0", name="staff_nonneg"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    kind: DepartmentKind = Field(sa_type=enum_column(DepartmentKind))
    staff_headcount: int = Field(description="authorised staff [persons]")
    parent_id: int | None = Field(default=None, foreign_key="department.id")  # NO ACTION: checked per statement


class Building(SQLModel, table=True):
    """An office building or compound (办公楼/区)."""

    __table_args__ = (
        CheckConstraint("gross_floor_area_m2 > 0", name="area_positive"),
        CheckConstraint("year_built BETWEEN 1900 AND 2100", name="year_range"),
        CheckConstraint("tier BETWEEN 1 AND 3", name="tier_range"),
    )
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    district: str = Field(default="", max_length=100)
    gross_floor_area_m2: float = Field(description="[m²]")
    year_built: int
    tier: int = Field(description="service tier 1 (highest) to 3, as in the fee standards")
    managed_by_id: int = Field(foreign_key="department.id", ondelete="RESTRICT")


class Occupancy(SQLModel, table=True):
    """A department's floor area and staff in a building: the basis of cost allocation (分摊)."""

    __table_args__ = (
        UniqueConstraint("building_id", "department_id"),
        CheckConstraint("floor_area_m2 >= 0", name="area_nonneg"),
        CheckConstraint("staff >= 0", name="staff_nonneg"),
    )
    id: int | None = Field(default=None, primary_key=True)
    building_id: int = Field(foreign_key="building.id", ondelete="CASCADE")
    department_id: int = Field(foreign_key="department.id", ondelete="CASCADE")
    floor_area_m2: float = Field(description="occupied floor area [m²]")
    staff: int = Field(description="staff working in the building [persons]")


class ServiceItem(SQLModel, table=True):
    """One of the twelve service items, with its restriction and payment flags."""

    id: int | None = Field(default=None, primary_key=True)
    code: ServiceCode = Field(sa_type=enum_column(ServiceCode), unique=True)
    name_zh: str = Field(max_length=50)
    name_en: str = Field(max_length=80)
    restricted: bool = Field(description="core/key/confidential: in-house or approved vendor only")
    paid_at_actual: bool = Field(description="budgeted against a standard, paid at actual; no delivery")
    sort_order: int = 0


class Vendor(SQLModel, table=True):
    """A service company (服务企业) and its standing at the admission gate."""

    __table_args__ = (
        CheckConstraint("qualification_level BETWEEN 1 AND 3", name="qualification_range"),
        CheckConstraint("registered_capital_wan >= 0", name="capital_nonneg"),
    )
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    credit_code: str = Field(unique=True, max_length=18, description="统一社会信用代码")
    qualification_level: int = Field(description="1 (highest) to 3")
    service_lines: str = Field(default="", description="service codes separated by ';'")
    registered_capital_wan: float = Field(default=0, description="[10k CNY]")
    founded_year: int | None = None
    status: AdmissionStatus = Field(sa_type=enum_column(AdmissionStatus))
    status_reason: str = ""
    status_date: dt.date | None = None
    confidential_cleared: bool = Field(default=False, description="approved for restricted items")


class VendorDecision(SQLModel, table=True):
    """One admission-gate decision on a vendor, with the rules it was checked against."""

    id: int | None = Field(default=None, primary_key=True)
    vendor_id: int = Field(foreign_key="vendor.id", ondelete="CASCADE")
    decided_on: dt.date
    from_status: AdmissionStatus | None = Field(default=None, sa_type=enum_column(AdmissionStatus, "from_status"))
    to_status: AdmissionStatus = Field(sa_type=enum_column(AdmissionStatus, "to_status"))
    reason: str = ""
    criteria: str = Field(default="", description="JSON: the admission rules checked and their outcome")
    decided_by: str = ""


class Contract(SQLModel, table=True):
    """A service contract (合同); one contract may cover several buildings and services (a lot)."""

    __table_args__ = (
        CheckConstraint("annual_price >= 0", name="price_nonneg"),
        CheckConstraint("end_date >= start_date", name="term_order"),
        CheckConstraint("review_date IS NULL OR (review_date >= start_date AND review_date <= end_date)",
                        name="review_within_term"),
    )
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    title: str = Field(default="", max_length=200)
    vendor_id: int = Field(foreign_key="vendor.id", ondelete="RESTRICT")
    channel: ProcurementChannel = Field(sa_type=enum_column(ProcurementChannel))
    signed_on: dt.date
    start_date: dt.date
    end_date: dt.date
    annual_price: float = Field(description="[CNY/yr], VAT included")
    # a date within the term when the price may be changed (yearly re-signing, 一年一签; a wage clause):
    # the fee cap and the quality clause can act there instead of waiting for the end
    review_date: dt.date | None = Field(default=None, description="next price-review date")


class Arrangement(SQLModel, table=True):
    """How one service is provided in one building (保障安排)."""

    __table_args__ = (
        UniqueConstraint("building_id", "service_id"),
        CheckConstraint("staff_in_house >= 0", name="staff_in_house_nonneg"),
        CheckConstraint("staff_vendor >= 0", name="staff_vendor_nonneg"),
        CheckConstraint("tenure_years >= 0", name="tenure_nonneg"),
        CheckConstraint("depreciation >= 0", name="depreciation_nonneg"),
        CheckConstraint("staff_established >= 0 AND staff_contract >= 0 AND staff_dispatched >= 0",
                        name="staff_types_nonneg"),
        # the types split the in-house staff (a little slack for fractional FTE); what they leave
        # unsplit counts as contract staff (see core.simulation.people)
        CheckConstraint("staff_established + staff_contract + staff_dispatched <= staff_in_house + 0.001",
                        name="staff_types_within"),
    )
    id: int | None = Field(default=None, primary_key=True)
    building_id: int = Field(foreign_key="building.id", ondelete="CASCADE")
    service_id: int = Field(foreign_key="serviceitem.id", ondelete="RESTRICT")
    delivery: DeliveryType | None = Field(
        default=None, sa_type=enum_column(DeliveryType), description="None for items paid at actual"
    )
    contract_id: int | None = Field(default=None, foreign_key="contract.id", ondelete="SET NULL")
    staff_in_house: float = Field(default=0, description="in-house workers [FTE]")
    staff_vendor: float = Field(default=0, description="vendor workers on site [FTE]")
    tenure_years: float = Field(default=0, description="mean years of service of in-house workers")
    # in-house staff by employment type (用工类型): released by different rules (core.simulation.people)
    staff_established: float = Field(default=0, description="of staff_in_house: established posts, 编制内 [persons]")
    staff_contract: float = Field(default=0, description="of staff_in_house: labour contracts, 编外合同 [persons]")
    staff_dispatched: float = Field(default=0, description="of staff_in_house: dispatched, 劳务派遣 [persons]")
    depreciation: float = Field(default=0, description="agency-owned equipment [CNY/yr]")
    restricted: bool | None = Field(default=None, description="override of the service's flag")


class CostRecord(SQLModel, table=True):
    """Recorded spending (the ledger) of one arrangement in one year, or one month of it.

    ``month`` 0 means the whole year. The actual spend is the sum of the components.
    """

    __table_args__ = (
        UniqueConstraint("arrangement_id", "year", "month"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        CheckConstraint("month BETWEEN 0 AND 12", name="month_range"),
        CheckConstraint(
            "labour >= 0 AND on_costs >= 0 AND materials >= 0 AND management_fee >= 0 AND tax >= 0"
            " AND energy >= 0 AND repairs >= 0 AND budget >= 0",
            name="money_nonneg",
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    arrangement_id: int = Field(foreign_key="arrangement.id", ondelete="CASCADE")
    year: int
    month: int = 0
    labour: float = Field(default=0, description="wages [CNY]")
    on_costs: float = Field(default=0, description="social insurance, housing fund [CNY]")
    materials: float = Field(default=0, description="consumables, ingredients, small tools [CNY]")
    management_fee: float = Field(default=0, description="vendor's management fee and profit [CNY]")
    tax: float = Field(default=0, description="VAT on vendor invoices [CNY]")
    energy: float = Field(default=0, description="electricity, water, gas [CNY]")
    repairs: float = Field(default=0, description="medium and major repairs [CNY]")
    budget: float = Field(default=0, description="the year's (month's) budget [CNY]")


class QualityAssessment(SQLModel, table=True):
    """A quarterly assessment of a building's services on the seven national criteria (0-100)."""

    __table_args__ = (
        UniqueConstraint("building_id", "year", "quarter"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        *(
            CheckConstraint(f"{c} IS NULL OR ({c} >= 0 AND {c} <= 100)", name=f"{c}_range")
            for c in (
                "customer_service", "building_mgmt", "facilities", "public_order",
                "cleaning", "greening", "conference", "satisfaction",
            )
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    building_id: int = Field(foreign_key="building.id", ondelete="CASCADE")
    year: int
    quarter: int
    customer_service: float | None = None
    building_mgmt: float | None = None
    facilities: float | None = None
    public_order: float | None = None
    cleaning: float | None = None
    greening: float | None = None
    conference: float | None = None
    satisfaction: float | None = Field(default=None, description="occupants' satisfaction survey")
    assessor: str = ""


class FeeStandard(SQLModel, table=True):
    """Unified standard for one service, tier and building-area band (统一标准)."""

    __table_args__ = (
        UniqueConstraint("service_id", "tier", "area_min_m2"),
        CheckConstraint("tier BETWEEN 1 AND 3", name="tier_range"),
        CheckConstraint("area_min_m2 >= 0 AND area_max_m2 > area_min_m2", name="band_order"),
        CheckConstraint("fee_per_m2_month IS NULL OR fee_per_m2_month >= 0", name="fee_nonneg"),
        CheckConstraint("m2_per_worker IS NULL OR m2_per_worker > 0", name="norm_positive"),
    )
    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="serviceitem.id", ondelete="CASCADE")
    tier: int
    area_min_m2: float
    area_max_m2: float
    fee_per_m2_month: float | None = Field(default=None, description="[CNY/(m²·month)]")
    m2_per_worker: float | None = Field(default=None, description="staffing norm [m² per worker]")
    basis: Basis = Field(sa_type=enum_column(Basis))
    source: str = ""


class Assumption(SQLModel, table=True):
    """One factor of the assumption book (参数), with its source and, if uncertain, its range."""

    __table_args__ = (UniqueConstraint("key", "effective_date"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=60, index=True)
    name_zh: str
    name_en: str
    value: float
    unit: str = ""
    basis: Basis = Field(sa_type=enum_column(Basis))
    source: str = Field(description="where the figure comes from, in Chinese (the book's language)")
    source_en: str = Field(default="", description="the source in English, for English readers ('' = as source)")
    effective_date: dt.date
    distribution: str = Field(default="", description="'' (fixed), 'triangular', 'uniform' or 'normal'")
    low: float | None = Field(default=None, description="P10 or minimum, per the distribution")
    high: float | None = Field(default=None, description="P90 or maximum, per the distribution")


class NoncostScore(SQLModel, table=True):
    """What cost alone misses (非成本因素) for one service delivered one way: six scores from 1 (poor
    for the Bureau) to 5 (best), the Bureau's assumptions, editable by admins
    (:mod:`core.simulation.criteria`)."""

    __table_args__ = (
        UniqueConstraint("service", "delivery"),
        CheckConstraint("control BETWEEN 1 AND 5 AND confidentiality BETWEEN 1 AND 5 AND continuity BETWEEN 1 AND 5"
                        " AND market_depth BETWEEN 1 AND 5 AND staff_impact BETWEEN 1 AND 5 AND quality BETWEEN 1 AND 5",
                        name="scores_range"),
    )
    id: int | None = Field(default=None, primary_key=True)
    service: ServiceCode = Field(sa_type=enum_column(ServiceCode))
    delivery: DeliveryType = Field(sa_type=enum_column(DeliveryType))
    control: float = Field(description="the Bureau's control over the service [1-5]")
    confidentiality: float = Field(description="[1-5]")
    continuity: float = Field(description="continuity of service [1-5]")
    market_depth: float = Field(description="depth of the market of able providers [1-5]")
    staff_impact: float = Field(description="impact on the Bureau's staff (5: least) [1-5]")
    quality: float = Field(description="[1-5]")
    basis: Basis = Field(sa_type=enum_column(Basis))
    source: str = ""


class ScenarioStatus(StrEnum):
    """Where a saved scenario stands: drafted (拟稿), submitted for review (审核), approved (批准)."""

    draft = "draft"
    review = "review"
    approved = "approved"


class Scenario(SQLModel, table=True):
    """A saved set of consolidation levers (方案), with a version for optimistic locking, its approval
    status (who submitted and approved it, and when) and the results it was saved with."""

    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    owner: str = ""
    description: str = ""
    levers: str = Field(default="{}", description="JSON")
    version: int = 1
    created_at: dt.datetime
    updated_at: dt.datetime
    status: str = Field(default=ScenarioStatus.draft.value, max_length=16, description="a ScenarioStatus value")
    submitted_by: str = ""
    submitted_at: dt.datetime | None = None
    approved_by: str = ""
    approved_at: dt.datetime | None = None
    results: str = Field(default="", description="JSON: the headline figures as computed when saved")
    data_as_of: dt.datetime | None = Field(default=None, description="when the data had last changed, at saving")


class PackSettings(SQLModel, table=True):
    """The meeting pack as the analyst set it up: choices (scenarios, sections, year, formats) and the
    briefing's paragraphs as edited, per language; versioned like scenarios (a stale save is refused)."""

    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=100)
    settings: str = Field(default="{}", description="JSON: scenarios, sections, year, formats")
    briefing: str = Field(default="{}", description="JSON: language → paragraph key → text as edited")
    version: int = 1
    updated_by: str = ""
    updated_at: dt.datetime


class AdoptedPlan(SQLModel, table=True):
    """A scenario adopted as the plan (采纳方案): who approved it, when, and its forecast frozen.

    Adopting again under the same name makes the next version; earlier versions stay as they were.
    """

    __table_args__ = (
        UniqueConstraint("name", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("first_year > base_year AND last_year >= first_year", name="years_order"),
    )
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    version: int = 1
    scenario_id: int | None = Field(default=None, foreign_key="scenario.id", ondelete="SET NULL")
    scenario_name: str = Field(default="", max_length=100)
    scenario_version: int | None = None
    levers: str = Field(default="{}", description="JSON, as adopted")
    adopted_on: dt.date
    approved_by: str = Field(max_length=100)
    note: str = ""
    base_year: int = Field(description="the ledger year the forecast was made on")
    first_year: int
    last_year: int
    draws: int = Field(description="Monte Carlo draws behind the P10/P50/P90")
    seed: int
    npv_p10: float = Field(description="[CNY]")
    npv_p50: float = Field(description="[CNY]")
    npv_p90: float = Field(description="[CNY]")
    created_at: dt.datetime


class PlanForecast(SQLModel, table=True):
    """An adopted plan's saving by year, lever and building, as forecast when it was adopted [CNY]."""

    __table_args__ = (UniqueConstraint("plan_id", "year", "lever", "building"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="adoptedplan.id", ondelete="CASCADE")
    year: int
    lever: str = Field(max_length=32)
    building: str = Field(max_length=100, description="the building's name when the plan was adopted")
    planned: float = Field(description="at the book's values [CNY]")
    p10: float = Field(description="[CNY]")
    p50: float = Field(description="[CNY]")
    p90: float = Field(description="[CNY]")


class PlanItem(SQLModel, table=True):
    """An item (building × service) an adopted plan acts on, with its base-year cost frozen: what
    tracking carries forward to say what the item would have cost without the plan."""

    __table_args__ = (UniqueConstraint("plan_id", "building", "service"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="adoptedplan.id", ondelete="CASCADE")
    building: str = Field(max_length=100)
    service: str = Field(max_length=32)
    base_labour: float = Field(description="base-year cost that grows with wages [CNY/yr]")
    base_price: float = Field(description="base-year cost that grows with prices [CNY/yr]")
    levers: str = Field(default="{}", description="JSON: lever → share of the item's planned saving")


class AuditLog(SQLModel, table=True):
    """Who changed what, when: one row per inserted, updated or deleted row."""

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(index=True)
    actor: str
    source: str = Field(description="import, editor, cli, app")
    table_name: str = Field(index=True)
    row_key: str
    action: AuditAction = Field(sa_type=enum_column(AuditAction))
    before: str | None = Field(default=None, description="JSON")
    after: str | None = Field(default=None, description="JSON")


class User(SQLModel, table=True):
    """A person who may sign in (账户), with a role; or an SSO identity waiting for an admin's grant.

    The password is kept only as an Argon2id hash (:mod:`core.store.passwords`); an account without
    one signs in through single sign-on, mapped by (``oidc_issuer``, ``oidc_subject``), never by
    e-mail. ``password_changed_at`` is empty while the password is one someone else set (the first
    admin's, an account made or reset by an admin): the owner must change it at the next sign-in.
    """

    __tablename__ = "app_user"  # "user" is a reserved word in PostgreSQL
    __table_args__ = (
        UniqueConstraint("oidc_issuer", "oidc_subject"),
        CheckConstraint("failed_attempts >= 0", name="failed_nonneg"),
    )
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True, max_length=64, description="sign-in name, lower case")
    display_name: str = Field(max_length=100)
    role: Role = Field(sa_type=enum_column(Role))
    active: bool = True
    password_hash: str | None = Field(default=None, max_length=255, description="Argon2id, PHC string")
    failed_attempts: int = 0
    locked_until: dt.datetime | None = None
    password_changed_at: dt.datetime | None = None
    last_login: dt.datetime | None = None
    oidc_issuer: str | None = Field(default=None, max_length=255)
    oidc_subject: str | None = Field(default=None, max_length=255)
    requested_at: dt.datetime | None = Field(default=None, description="an SSO identity asked for access")
    created_at: dt.datetime


class StoreMeta(SQLModel, table=True):
    """Facts about the store itself: application id, dataset kind (demo or real), creation time."""

    key: str = Field(primary_key=True, max_length=40)
    value: str


def table_of(model: type[SQLModel]) -> Table:
    """The SQLAlchemy table behind a model (for Core statements: one executemany, no ORM bookkeeping)."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]
