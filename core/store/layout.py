"""The table layout: how every table of the store looks in a file, and what each column may hold.

Files name rows by natural keys (building name, service code, vendor name …), never by database
ids. :data:`SPECS` says, per table, which columns form the key and which refer to other tables;
:data:`HEADERS` declares the headers a file may use for each column, in Chinese and English (the
import accepts either, or the column's own name); :data:`BOUNDS` and the models' field lengths say
what a cell may hold. The importer (:mod:`core.files.loader`), the store's queries
(:mod:`core.store.repo`) and the exports all read this one layout.
"""
from __future__ import annotations

import enum
import re
import types
import typing
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import SQLModel

from core.i18n import STRINGS, label, t
from core.store.limits import MAX_CELL_CHARS
from core.store.models import (
    AdmissionStatus,
    Arrangement,
    Assumption,
    Basis,
    Building,
    Contract,
    CostRecord,
    DeliveryType,
    Department,
    DepartmentKind,
    FeeStandard,
    NoncostScore,
    Occupancy,
    ProcurementChannel,
    QualityAssessment,
    ServiceCode,
    ServiceItem,
    Vendor,
    VendorDecision,
    table_of,
)


@dataclass(frozen=True)
class Ref:
    """Columns of a file that name a row of another table, and the id field they fill."""

    columns: tuple[str, ...]
    table: str
    field: str
    required: bool = True


@dataclass(frozen=True)
class TableSpec:
    """How one table looks in a file."""

    name: str
    model: type[SQLModel]
    key: tuple[str, ...]  # natural key columns, in file terms
    columns: tuple[str, ...]  # every column of the file, in order
    refs: tuple[Ref, ...] = ()

    @property
    def plain_columns(self) -> tuple[str, ...]:
        """Columns stored as they are (not references)."""
        ref_cols = {c for r in self.refs for c in r.columns}
        return tuple(c for c in self.columns if c not in ref_cols)


# The non-cost criteria (非成本因素), each scored 1-5 per service × delivery (core.simulation.criteria).
NONCOST_CRITERIA: tuple[str, ...] = ("control", "confidentiality", "continuity", "market_depth", "staff_impact",
                                     "quality")

_SPEC_LIST: tuple[TableSpec, ...] = (
    TableSpec("services", ServiceItem, ("code",),
              ("code", "name_zh", "name_en", "restricted", "paid_at_actual", "sort_order")),
    TableSpec("departments", Department, ("name",), ("name", "kind", "staff_headcount", "parent"),
              (Ref(("parent",), "departments", "parent_id", required=False),)),
    TableSpec("buildings", Building, ("name",),
              ("name", "district", "gross_floor_area_m2", "year_built", "tier", "managed_by"),
              (Ref(("managed_by",), "departments", "managed_by_id"),)),
    TableSpec("occupancy", Occupancy, ("building", "department"),
              ("building", "department", "floor_area_m2", "staff"),
              (Ref(("building",), "buildings", "building_id"), Ref(("department",), "departments", "department_id"))),
    TableSpec("vendors", Vendor, ("name",),
              ("name", "credit_code", "qualification_level", "service_lines", "registered_capital_wan",
               "founded_year", "status", "status_reason", "status_date", "confidential_cleared")),
    TableSpec("vendor_decisions", VendorDecision, ("vendor", "decided_on", "to_status"),
              ("vendor", "decided_on", "from_status", "to_status", "reason", "criteria", "decided_by"),
              (Ref(("vendor",), "vendors", "vendor_id"),)),
    TableSpec("contracts", Contract, ("code",),
              ("code", "title", "vendor", "channel", "signed_on", "start_date", "end_date", "annual_price",
               "review_date"),
              (Ref(("vendor",), "vendors", "vendor_id"),)),
    TableSpec("arrangements", Arrangement, ("building", "service"),
              ("building", "service", "delivery", "staff_in_house", "staff_vendor", "tenure_years",
               "depreciation", "restricted", "contract", "staff_established", "staff_contract", "staff_dispatched"),
              (Ref(("building",), "buildings", "building_id"), Ref(("service",), "services", "service_id"),
               Ref(("contract",), "contracts", "contract_id", required=False))),
    TableSpec("cost_records", CostRecord, ("building", "service", "year", "month"),
              ("building", "service", "year", "month", "labour", "on_costs", "materials", "management_fee",
               "tax", "energy", "repairs", "budget"),
              (Ref(("building", "service"), "arrangements", "arrangement_id"),)),
    TableSpec("quality_assessments", QualityAssessment, ("building", "year", "quarter"),
              ("building", "year", "quarter", "customer_service", "building_mgmt", "facilities",
               "public_order", "cleaning", "greening", "conference", "satisfaction", "assessor"),
              (Ref(("building",), "buildings", "building_id"),)),
    TableSpec("fee_standards", FeeStandard, ("service", "tier", "area_min_m2"),
              ("service", "tier", "area_min_m2", "area_max_m2", "fee_per_m2_month", "m2_per_worker",
               "basis", "source"),
              (Ref(("service",), "services", "service_id"),)),
    TableSpec("assumptions", Assumption, ("key", "effective_date"),
              ("key", "name_zh", "name_en", "value", "unit", "basis", "source", "source_en", "effective_date",
               "distribution", "low", "high")),
    TableSpec("noncost_criteria", NoncostScore, ("service", "delivery"),
              ("service", "delivery", *NONCOST_CRITERIA, "basis", "source")),
)

# In dependency order: a table only refers to tables before it (departments also to itself).
SPECS: dict[str, TableSpec] = {s.name: s for s in _SPEC_LIST}
REFERENCE_TABLES: tuple[str, ...] = ("services", "assumptions", "fee_standards", "noncost_criteria")
# Tables that leave the store in exports but never come back through an import.
EXPORT_ONLY: tuple[str, ...] = ("audit_log", "scenarios")

# --- headers: tables and columns as people name them ---------------------------------------------
TABLE_NAMES: dict[str, tuple[str, str]] = {
    "services": ("服务项目", "Service items"),
    "departments": ("部门", "Departments"),
    "buildings": ("办公楼（区）", "Buildings"),
    "occupancy": ("入驻情况", "Occupancy"),
    "vendors": ("服务企业", "Vendors"),
    "vendor_decisions": ("准入决定", "Admission decisions"),
    "contracts": ("合同", "Contracts"),
    "arrangements": ("保障安排", "Arrangements"),
    "cost_records": ("费用记录", "Cost records"),
    "quality_assessments": ("质量考核", "Quality assessments"),
    "fee_standards": ("统一标准", "Unified standards"),
    "assumptions": ("参数", "Assumption book"),
    "noncost_criteria": ("非成本因素评分", "Non-cost scores"),
    "audit_log": ("审计日志", "Audit log"),
    "scenarios": ("方案", "Scenarios"),
    "plans": ("采纳方案", "Adopted plans"),
}
_B, _S, _D = ("办公楼（区）", "Building"), ("服务项目", "Service"), ("部门", "Department")
HEADERS: dict[str, dict[str, tuple[str, str]]] = {
    "services": {
        "code": ("服务代码", "Service code"), "name_zh": ("中文名称", "Chinese name"),
        "name_en": ("英文名称", "English name"), "restricted": ("核心关键保密事项", "Restricted"),
        "paid_at_actual": ("按实支付", "Paid at actual"), "sort_order": ("排序", "Sort order"),
    },
    "departments": {
        "name": ("部门名称", "Department name"), "kind": ("部门类别", "Kind"),
        "staff_headcount": ("编制人数", "Authorised staff"), "parent": ("上级部门", "Parent department"),
    },
    "buildings": {
        "name": ("办公楼（区）名称", "Building name"), "district": ("所在街道", "District"),
        "gross_floor_area_m2": ("建筑面积（㎡）", "Floor area (m²)"), "year_built": ("建成年份", "Year built"),
        "tier": ("服务等级", "Tier"), "managed_by": ("管理单位", "Managed by"),
    },
    "occupancy": {
        "building": _B, "department": _D, "floor_area_m2": ("使用面积（㎡）", "Occupied area (m²)"),
        "staff": ("在楼人数", "Staff in the building"),
    },
    "vendors": {
        "name": ("企业名称", "Vendor name"), "credit_code": ("统一社会信用代码", "Unified credit code"),
        "qualification_level": ("资质等级", "Qualification level"), "service_lines": ("服务范围", "Service lines"),
        "registered_capital_wan": ("注册资本（万元）", "Registered capital (CNY 10k)"),
        "founded_year": ("成立年份", "Year founded"), "status": ("准入状态", "Admission status"),
        "status_reason": ("状态原因", "Status reason"), "status_date": ("状态日期", "Status date"),
        "confidential_cleared": ("可承担保密事项", "Cleared for restricted items"),
    },
    "vendor_decisions": {
        "vendor": ("服务企业", "Vendor"), "decided_on": ("决定日期", "Decided on"),
        "from_status": ("原状态", "From status"), "to_status": ("新状态", "To status"),
        "reason": ("理由", "Reason"), "criteria": ("审核依据", "Criteria"), "decided_by": ("决定单位", "Decided by"),
    },
    "contracts": {
        "code": ("合同编号", "Contract code"), "title": ("合同名称", "Title"), "vendor": ("服务企业", "Vendor"),
        "channel": ("采购方式", "Procurement channel"), "signed_on": ("签订日期", "Signed on"),
        "start_date": ("开始日期", "Start date"), "end_date": ("结束日期", "End date"),
        "annual_price": ("年合同价（元）", "Annual price (CNY)"),
        "review_date": ("价格调整日期", "Price review date"),
    },
    "arrangements": {
        "building": _B, "service": _S, "delivery": ("提供方式", "Delivery"),
        "staff_in_house": ("自有人员（人）", "In-house staff (FTE)"),
        "staff_vendor": ("企业人员（人）", "Vendor staff (FTE)"),
        "tenure_years": ("自有人员平均工龄（年）", "Mean tenure (years)"),
        "depreciation": ("设备折旧（元/年）", "Depreciation (CNY/yr)"),
        "restricted": ("核心关键保密（单独设定）", "Restricted (override)"),
        "contract": ("合同编号", "Contract code"),
        "staff_established": ("其中编制内（人）", "Of which established (persons)"),
        "staff_contract": ("其中编外合同（人）", "Of which contract staff (persons)"),
        "staff_dispatched": ("其中劳务派遣（人）", "Of which dispatched (persons)"),
    },
    "cost_records": {
        "building": _B, "service": _S, "year": ("年度", "Year"), "month": ("月份（0=全年）", "Month (0 = whole year)"),
        "labour": ("人工工资（元）", "Wages (CNY)"), "on_costs": ("社保公积金等（元）", "On-costs (CNY)"),
        "materials": ("物料（元）", "Materials (CNY)"), "management_fee": ("管理费及利润（元）", "Management fee (CNY)"),
        "tax": ("税金（元）", "Tax (CNY)"), "energy": ("能耗（元）", "Energy (CNY)"),
        "repairs": ("维修（元）", "Repairs (CNY)"), "budget": ("预算（元）", "Budget (CNY)"),
    },
    "quality_assessments": {
        "building": _B, "year": ("年度", "Year"), "quarter": ("季度", "Quarter"),
        "customer_service": ("客户服务", "Customer service"), "building_mgmt": ("房屋管理", "Building management"),
        "facilities": ("公用设施设备", "Shared facilities and equipment"), "public_order": ("公共秩序", "Public order"),
        "cleaning": ("保洁", "Cleaning"), "greening": ("绿化", "Greening"), "conference": ("会务服务", "Conference service"),
        "satisfaction": ("满意度", "Satisfaction"), "assessor": ("考核单位", "Assessor"),
    },
    "fee_standards": {
        "service": _S, "tier": ("服务等级", "Tier"), "area_min_m2": ("面积下限（㎡）", "Area from (m²)"),
        "area_max_m2": ("面积上限（㎡）", "Area to (m²)"),
        "fee_per_m2_month": ("收费标准（元/㎡·月）", "Fee (CNY/m²·month)"),
        "m2_per_worker": ("人员配置（㎡/人）", "Staffing norm (m² per worker)"), "basis": ("依据类别", "Basis"),
        "source": ("来源", "Source"),
    },
    "assumptions": {
        "key": ("参数代码", "Key"), "name_zh": ("中文名称", "Chinese name"), "name_en": ("英文名称", "English name"),
        "value": ("数值", "Value"), "unit": ("单位", "Unit"), "basis": ("依据类别", "Basis"), "source": ("来源", "Source"),
        "source_en": ("来源（英文）", "Source (English)"), "effective_date": ("生效日期", "Effective date"), "distribution": ("分布", "Distribution"),
        "low": ("下限", "Low"), "high": ("上限", "High"),
    },
    "noncost_criteria": {
        "service": _S, "delivery": ("提供方式", "Delivery"),
        "control": ("管控力", "Control"), "confidentiality": ("保密性", "Confidentiality"),
        "continuity": ("服务连续性", "Continuity"), "market_depth": ("市场成熟度", "Market depth"),
        "staff_impact": ("对在岗人员影响", "Staff impact"), "quality": ("服务质量", "Quality"),
        "basis": ("依据类别", "Basis"), "source": ("来源", "Source"),
    },
    "scenarios": {
        "name": ("方案名称", "Scenario"), "owner": ("创建人", "Owner"), "description": ("说明", "Description"),
        "levers": ("参数（JSON）", "Levers (JSON)"), "version": ("版本", "Version"),
        "created_at": ("创建时间（北京时间）", "Created (Beijing time)"), "updated_at": ("更新时间（北京时间）", "Updated (Beijing time)"),
        "status": ("审批状态", "Status"), "submitted_by": ("送审人", "Submitted by"),
        "submitted_at": ("送审时间（北京时间）", "Submitted (Beijing time)"), "approved_by": ("批准人", "Approved by"),
        "approved_at": ("批准时间（北京时间）", "Approved (Beijing time)"), "results": ("保存时的结果（JSON）", "Results when saved (JSON)"),
        "data_as_of": ("保存时数据截至（北京时间）", "Data as of saving (Beijing time)"),
    },
    "users": {"login": ("登录名", "Login"), "display_name": ("显示名称", "Display name")},  # accounts' texts
    "plans": {  # the texts of an adopted plan (core.store.plan_rows)
        "name": ("计划名称", "Plan"), "approved_by": ("批准机关或批准人", "Approved by"), "note": ("说明", "Note"),
        "scenario_name": ("来源方案", "From scenario"),
    },
    "audit_log": {
        "at": ("时间（北京时间）", "Time (Beijing time)"), "actor": ("操作人", "Who"), "source": ("途径", "Through"),
        "table_name": ("数据表", "Table"), "row_key": ("记录", "Row"), "action": ("操作", "Action"),
        "before": ("修改前", "Before"), "after": ("修改后", "After"), "changes": ("变动", "Changes"),
    },
}
# --- what each column holds ----------------------------------------------------------------------
ENUM_GROUPS: dict[type[enum.Enum], str] = {
    DeliveryType: "delivery", ServiceCode: "service", ProcurementChannel: "channel",
    AdmissionStatus: "status", DepartmentKind: "dept_kind", Basis: "basis",
}


@dataclass(frozen=True)
class Bound:
    """The range a number must fall in: ``low`` ≤ x ≤ ``high`` (x > ``low`` when ``low_open``)."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False


_NONNEG = Bound(0)
_SCORE = Bound(0, 100)
BOUNDS: dict[str, Bound] = {
    # money [CNY], areas [m²] and headcounts [persons, FTE] are never negative
    **{c: _NONNEG for c in (
        "staff_headcount", "floor_area_m2", "staff", "registered_capital_wan", "annual_price", "staff_in_house",
        "staff_vendor", "tenure_years", "depreciation", "staff_established", "staff_contract", "staff_dispatched",
        "labour", "on_costs", "materials", "management_fee",
        "tax", "energy", "repairs", "budget", "area_min_m2", "fee_per_m2_month", "sort_order")},
    "gross_floor_area_m2": Bound(0, low_open=True),
    "area_max_m2": Bound(0, low_open=True),
    "m2_per_worker": Bound(0, low_open=True),
    "year_built": Bound(1900, 2100), "founded_year": Bound(1900, 2100),
    "year": Bound(2000, 2100), "month": Bound(0, 12), "quarter": Bound(1, 4),
    "tier": Bound(1, 3), "qualification_level": Bound(1, 3),
    **{c: Bound(1, 5) for c in NONCOST_CRITERIA},  # non-cost scores: 1 poor for the Bureau, 5 best
    **{c: _SCORE for c in ("customer_service", "building_mgmt", "facilities", "public_order", "cleaning",
                           "greening", "conference", "satisfaction")},
}


def field_type(model: type[SQLModel], name: str) -> tuple[type, bool]:
    """The base Python type of a model field and whether it may be None."""
    ann = model.model_fields[name].annotation
    optional = False
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        optional = len(args) < len(typing.get_args(ann))
        ann = args[0]
    assert isinstance(ann, type)
    return ann, optional


def _ref_of(spec: TableSpec, column: str) -> tuple[Ref, str] | None:
    """The reference a column belongs to and the key column of the table it names."""
    for ref in spec.refs:
        if column in ref.columns:
            return ref, SPECS[ref.table].key[ref.columns.index(column)]
    return None


def column_kind(table: str, column: str) -> type:
    """What a file column holds: str, int, float, bool, date, or an enum (references: their key's kind)."""
    spec = SPECS[table]
    hit = _ref_of(spec, column)
    if hit is not None:
        return column_kind(hit[0].table, hit[1])
    return field_type(spec.model, column)[0]


def enum_group(kind: type) -> str | None:
    """The i18n label group of an enum kind (``"delivery"`` …), or None."""
    return ENUM_GROUPS.get(kind) if isinstance(kind, type) and issubclass(kind, enum.Enum) else None


def column_limit(table: str, column: str) -> int:
    """The most characters a cell of the column may hold."""
    spec = SPECS[table]
    hit = _ref_of(spec, column)
    if hit is not None:
        return column_limit(hit[0].table, hit[1])
    length = getattr(table_of(spec.model).c[column].type, "length", None)
    return int(length) if length else MAX_CELL_CHARS



def default_of(table: str, column: str) -> tuple[bool, Any]:
    """Whether a blank cell is allowed in the column, and the value it stands for."""
    spec = SPECS[table]
    hit = _ref_of(spec, column)
    if hit is not None:
        return (not hit[0].required), None
    info = spec.model.model_fields[column]
    if not info.is_required():
        value = info.get_default(call_default_factory=True)
        return True, getattr(value, "value", value)
    return field_type(spec.model, column)[1], None


# --- names: tables and headers in Chinese or English ----------------------------------------------
def normalise_name(text: str) -> str:
    """A header or table name reduced for matching: NFKC, lower case, no spaces, ``_`` or ``-``."""
    s = unicodedata.normalize("NFKC", str(text)).strip().lower().rstrip("*")
    return re.sub(r"[\s_\-·]+", "", s)


def _bare(text: str) -> str:
    """A name without its bracketed unit: 建筑面积（㎡） → 建筑面积."""
    return normalise_name(re.sub(r"[(（][^)）]*[)）]", "", unicodedata.normalize("NFKC", text)))


def column_label(table: str, column: str, lang: str) -> str:
    """The column's header in ``lang``."""
    zh, en = HEADERS[table][column]
    return zh if lang == "zh" else en


def key_label(table: str, key: str, lang: str) -> str:
    """A row's natural key (``市行政中心/cleaning/2025/0``, as the audit log records it) as a reader
    names it: enum values by their labels, month 0 as the whole year (``市行政中心 · 保洁 · 2025 · 全年``)."""
    spec = SPECS.get(table)
    parts = key.split("/")
    if spec is None or len(parts) != len(spec.key):
        return key
    out = []
    for col, part in zip(spec.key, parts):
        group = enum_group(column_kind(table, col))
        if group and part:
            out.append(label(group, part, lang) if f"{group}.{part}" in STRINGS else part)
        elif col == "month" and part.isdigit():
            out.append(t("common.month_all", lang) if int(part) == 0 else t("common.month_n", lang, n=int(part)))
        else:
            out.append(part)
    return " · ".join(out)


def table_label(table: str, lang: str) -> str:
    """The table's name in ``lang``."""
    zh, en = TABLE_NAMES[table]
    return zh if lang == "zh" else en


_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {"name": ("名称",), "code": ("代码", "编号")}


def header_aliases(table: str) -> dict[str, str]:
    """Every accepted spelling of every column header (normalised) → the column."""
    out: dict[str, str] = {}
    for col in SPECS[table].columns:
        names = [col, column_label(table, col, "zh"), column_label(table, col, "en"), *_EXTRA_ALIASES.get(col, ())]
        for name in names:
            out.setdefault(normalise_name(name), col)
            out.setdefault(_bare(name), col)
    return out


def table_of_name(name: str) -> str | None:
    """The table a file or sheet name stands for (``cost_records``, ``费用记录``, ``Cost records``)."""
    wanted = normalise_name(name)
    for table in (*SPECS, *EXPORT_ONLY):
        if wanted in {normalise_name(table), normalise_name(table_label(table, "zh")),
                      normalise_name(table_label(table, "en")), _bare(table_label(table, "zh"))}:
            return table
    return None


# The sheets an import template adds around its table: never data, whatever they hold.
TEMPLATE_SHEETS: dict[str, tuple[str, str]] = {
    "example": ("示例（不导入）", "Example (not imported)"),
    "notes": ("填写说明", "Notes"),
    "lists": ("选项", "Lists"),
}


def template_sheet(title: str) -> str | None:
    """Which helper sheet of an import template ``title`` names (``example``, ``notes``, ``lists``), if any."""
    wanted = normalise_name(title)
    for kind, names in TEMPLATE_SHEETS.items():
        if wanted in {normalise_name(n) for n in names} | {_bare(n) for n in names} | {kind}:
            return kind
    return None


def guess_table(headers: Iterable[str]) -> str | None:
    """The one table whose key columns all appear among ``headers`` and that recognises most of them."""
    normed = [normalise_name(h) for h in headers if h]
    scores: dict[str, int] = {}
    for table, spec in SPECS.items():
        aliases = header_aliases(table)
        cols = {aliases[h] for h in normed if h in aliases} | {aliases[_bare(h)] for h in normed if _bare(h) in aliases}
        if set(spec.key) <= cols:
            scores[table] = len(cols)
    if not scores:
        return None
    best = max(scores.values())
    winners = [k for k, v in scores.items() if v == best]
    return winners[0] if len(winners) == 1 else None

