"""Every query of the store. Functions are keyword-only and typed; nothing here knows about pages."""
from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from dataclasses import dataclass, replace
from typing import Any, cast

import pandas as pd
from sqlalchemy import Table, func, insert, select, text, update
from sqlmodel import Session, SQLModel

from core import audit
from core.book import AssumptionBook
from core.io import SPECS, Ref, TableSpec
from core.models import (
    AdmissionStatus,
    Arrangement,
    Assumption,
    AuditAction,
    AuditLog,
    Basis,
    Building,
    Contract,
    CostRecord,
    Department,
    DepartmentKind,
    FeeStandard,
    Occupancy,
    QualityAssessment,
    Scenario,
    ServiceItem,
    StoreMeta,
    Vendor,
    VendorDecision,
)

COST_COMPONENTS: tuple[str, ...] = (
    "labour", "on_costs", "materials", "management_fee", "tax", "energy", "repairs",
)
TABLE_MODELS: dict[str, type[SQLModel]] = {
    **{name: spec.model for name, spec in SPECS.items()},
    "scenarios": Scenario,
    "audit_log": AuditLog,
}

_TRUE = {"true", "1", "yes", "y", "是", "t"}
_FALSE = {"false", "0", "no", "n", "否", "f"}


# --- loading frames in the natural-key layout -----------------------------------------------------
def table_of(model: type[SQLModel]) -> Table:
    """The SQLAlchemy table behind a model (typed, for Core queries)."""
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


_NAME_COLUMN: dict[str, tuple[type[SQLModel], str]] = {
    "departments": (Department, "name"),
    "buildings": (Building, "name"),
    "services": (ServiceItem, "code"),
    "vendors": (Vendor, "name"),
    "contracts": (Contract, "code"),
}


def key_map(session: Session, *, table: str) -> dict[tuple[str, ...], int]:
    """Natural key (as strings) → id for a table that other tables refer to."""
    stmt: Any
    if table == "arrangements":
        a, b, s = table_of(Arrangement), table_of(Building), table_of(ServiceItem)
        stmt = select(b.c.name, s.c.code, a.c.id).join(b, b.c.id == a.c.building_id).join(s, s.c.id == a.c.service_id)
    elif table in _NAME_COLUMN:
        model, column = _NAME_COLUMN[table]
        stmt = select(table_of(model).c[column], table_of(model).c.id)
    else:
        raise ValueError(f"nothing refers to rows of {table!r}")
    out: dict[tuple[str, ...], int] = {}
    for row in session.execute(stmt):
        *key, ident = row
        out[tuple(getattr(k, "value", k) for k in key)] = int(ident)
    return out


def _field_type(model: type[SQLModel], name: str) -> tuple[type, bool]:
    """The base Python type of a model field and whether it may be None."""
    ann = model.model_fields[name].annotation
    optional = False
    if typing.get_origin(ann) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        optional = len(args) < len(typing.get_args(ann))
        ann = args[0]
    assert isinstance(ann, type)
    return ann, optional


def coerce_column(values: pd.Series, kind: type) -> pd.Series:
    """Text cells → Python values of ``kind``; a cell that does not convert raises ValueError."""
    present = values.notna()
    out = pd.Series([None] * len(values), index=values.index, dtype=object)
    if not present.any():
        return out
    v = values[present].astype(str).str.strip()
    if kind is bool:
        low = v.str.lower()
        bad = ~low.isin(_TRUE | _FALSE)
        if bad.any():
            raise ValueError(f"not a yes/no value: {v[bad].iloc[0]!r}")
        out[present] = low.isin(_TRUE).to_numpy()
    elif kind in (int, float):
        num = pd.to_numeric(v, errors="coerce")
        if num.isna().any():
            raise ValueError(f"not a number: {v[num.isna()].iloc[0]!r}")
        if kind is int:
            if ((num % 1) != 0).any():
                raise ValueError(f"not a whole number: {v[(num % 1) != 0].iloc[0]!r}")
            out[present] = [int(x) for x in num]
        else:
            out[present] = [float(x) for x in num]
    elif kind is dt.date:
        d = pd.to_datetime(v, errors="coerce", format="mixed")
        if d.isna().any():
            raise ValueError(f"not a date: {v[d.isna()].iloc[0]!r}")
        out[present] = [x.date() for x in d]
    elif kind is dt.datetime:
        d = pd.to_datetime(v, errors="coerce", format="mixed")
        if d.isna().any():
            raise ValueError(f"not a date and time: {v[d.isna()].iloc[0]!r}")
        out[present] = [x.to_pydatetime() for x in d]
    elif issubclass(kind, enum.Enum):
        allowed = {m.value for m in kind}
        bad = ~v.isin(allowed)
        if bad.any():
            raise ValueError(f"not one of {sorted(allowed)}: {v[bad].iloc[0]!r}")
        out[present] = v.to_numpy()
    else:
        out[present] = v.to_numpy()
    return out


def blank_to_na(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty or whitespace-only text cells become missing values."""
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            text_cells = out[col].astype(object).map(lambda x: isinstance(x, str) and not x.strip())
            out[col] = out[col].astype(object).where(~text_cells, None)
    return out


def frame_to_rows(
    frame: pd.DataFrame, *, spec: TableSpec, keys: dict[str, dict[tuple[str, ...], int]]
) -> list[dict[str, Any]]:
    """Rows ready to insert: plain columns converted to field types, references resolved to ids.

    Raises ``ValueError`` naming the column on the first cell that does not convert or resolve;
    :mod:`core.io` validates files fully (every problem, with row and column) before this runs.
    """
    model = spec.model
    data: dict[str, pd.Series] = {}
    for col in spec.plain_columns:
        kind, optional = _field_type(model, col)
        series = frame[col] if col in frame else pd.Series([None] * len(frame), index=frame.index)
        try:
            values = coerce_column(series, kind)
        except ValueError as exc:
            raise ValueError(f"{spec.name}.{col}: {exc}") from None
        if values.isna().any():
            field = model.model_fields[col]
            if not field.is_required():
                values = values.where(values.notna(), field.get_default(call_default_factory=True))
            elif not optional:
                raise ValueError(f"{spec.name}.{col}: a value is required")
        data[col] = values
    for ref in spec.refs:
        mapping = keys[ref.table]
        cells = frame[list(ref.columns)].astype(object)
        missing = cells.isna().any(axis=1)
        names = [tuple(str(x).strip() for x in row) for row in cells.itertuples(index=False)]
        ids = [None if miss else mapping.get(k) for k, miss in zip(names, missing)]
        for k, ident, miss in zip(names, ids, missing):
            if ident is None and (not miss or ref.required):
                raise ValueError(f"{spec.name}.{'/'.join(ref.columns)}: no {ref.table} row named {'/'.join(k)}")
        data[ref.field] = pd.Series(ids, index=frame.index, dtype=object)
    columns = list(data)
    return [dict(zip(columns, values)) for values in zip(*(data[c].tolist() for c in columns))]


def load_frames(session: Session, *, frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Insert natural-key frames (see :data:`core.io.SPECS`) in dependency order; rows per table.

    Runs inside the caller's transaction: nothing is committed here.
    """
    keys: dict[str, dict[tuple[str, ...], int]] = {}
    counts: dict[str, int] = {}
    for name, spec in SPECS.items():
        for ref in spec.refs:
            if ref.table not in keys and ref.table != name:
                keys[ref.table] = key_map(session, table=ref.table)
        if name not in frames:
            continue
        frame = blank_to_na(frames[name])
        self_refs = [r for r in spec.refs if r.table == name]
        if self_refs:  # departments name their parent: insert without it, then link
            self_cols = {c for r in self_refs for c in r.columns}
            flat = replace(spec, columns=tuple(c for c in spec.columns if c not in self_cols),
                           refs=tuple(r for r in spec.refs if r not in self_refs))
            session.execute(insert(spec.model), frame_to_rows(frame, spec=flat, keys=keys))  # type: ignore[arg-type]
            keys[name] = key_map(session, table=name)
            _link_self_refs(session, frame=frame, spec=spec, refs=self_refs, keys=keys[name])
        else:
            rows = frame_to_rows(frame, spec=spec, keys=keys)
            if rows:
                session.execute(insert(spec.model), rows)  # type: ignore[arg-type]
        counts[name] = len(frame)
        if name in ("departments", "buildings", "services", "vendors", "contracts", "arrangements"):
            keys[name] = key_map(session, table=name)
    return counts


def _link_self_refs(
    session: Session, *, frame: pd.DataFrame, spec: TableSpec, refs: list[Ref], keys: dict[tuple[str, ...], int]
) -> None:
    """Set references of a table to itself (a department's parent) once every row exists."""
    table = table_of(spec.model)
    own = [keys[tuple(str(x).strip() for x in k)] for k in frame[list(spec.key)].itertuples(index=False)]
    for ref in refs:
        for ident, target in zip(own, frame[list(ref.columns)].itertuples(index=False)):
            if any(pd.isna(x) for x in target):
                continue
            target_id = keys.get(tuple(str(x).strip() for x in target))
            if target_id is None:
                raise ValueError(f"{spec.name}.{'/'.join(ref.columns)}: no {ref.table} row named {'/'.join(map(str, target))}")
            session.execute(update(table).where(table.c.id == ident).values({ref.field: target_id}))


# --- the portfolio: everything the analysis pages read, as frames -------------------------------
@dataclass(frozen=True)
class Portfolio:
    """The store as DataFrames, joined with the names and flags analysis needs."""

    services: pd.DataFrame
    departments: pd.DataFrame
    buildings: pd.DataFrame
    occupancy: pd.DataFrame
    arrangements: pd.DataFrame
    costs: pd.DataFrame
    vendors: pd.DataFrame
    vendor_decisions: pd.DataFrame
    contracts: pd.DataFrame
    assessments: pd.DataFrame
    standards: pd.DataFrame
    assumptions: pd.DataFrame

    @property
    def book(self) -> AssumptionBook:
        """The assumption book."""
        return AssumptionBook(self.assumptions)

    @property
    def years(self) -> list[int]:
        """Years with recorded spending, ascending."""
        return sorted(int(y) for y in self.costs["year"].unique())

    @property
    def latest_year(self) -> int:
        """The last year with recorded spending."""
        return int(self.costs["year"].max())


def _frame(session: Session, stmt: Any) -> pd.DataFrame:
    result = session.execute(stmt)
    df = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    for col in df.columns:  # enums arrive as Enum members: keep their values
        if len(df) and isinstance(df[col].iloc[0], enum.Enum):
            df[col] = df[col].map(lambda x: getattr(x, "value", x))
    return df


def _table_frame(session: Session, model: type[SQLModel], order_by: str = "id") -> pd.DataFrame:
    table = table_of(model)
    return _frame(session, select(table).order_by(table.c[order_by], table.c.id))


def load_portfolio(session: Session) -> Portfolio:
    """Read the whole store into a :class:`Portfolio` (a few thousand rows for a city)."""
    services = _table_frame(session, ServiceItem, order_by="sort_order")
    departments = _table_frame(session, Department)
    dept_name = departments.set_index("id")["name"]
    departments["parent"] = departments["parent_id"].map(dept_name)
    buildings = _table_frame(session, Building)
    buildings["managed_by"] = buildings["managed_by_id"].map(dept_name)
    bureau_ids = set(departments.loc[departments["kind"] == DepartmentKind.bureau.value, "id"])
    buildings["managed_by_bureau"] = buildings["managed_by_id"].isin(bureau_ids)
    occupancy = _table_frame(session, Occupancy)
    contracts = _table_frame(session, Contract, order_by="code")
    arrangements = _table_frame(session, Arrangement)
    svc = services.set_index("id")
    arrangements["service"] = arrangements["service_id"].map(svc["code"])
    arrangements["paid_at_actual"] = arrangements["service_id"].map(svc["paid_at_actual"]).astype(bool)
    override = arrangements["restricted"]
    arrangements["restricted"] = override.where(override.notna(), arrangements["service_id"].map(svc["restricted"]))
    arrangements["restricted"] = arrangements["restricted"].astype(bool)
    arrangements["vendor_id"] = arrangements["contract_id"].map(contracts.set_index("id")["vendor_id"])
    costs = _table_frame(session, CostRecord)
    arr = arrangements.set_index("id")
    costs["building_id"] = costs["arrangement_id"].map(arr["building_id"])
    costs["service"] = costs["arrangement_id"].map(arr["service"])
    costs["actual"] = costs[list(COST_COMPONENTS)].sum(axis=1)
    standards = _table_frame(session, FeeStandard)
    standards["service"] = standards["service_id"].map(svc["code"])
    return Portfolio(
        services=services,
        departments=departments,
        buildings=buildings,
        occupancy=occupancy,
        arrangements=arrangements,
        costs=costs,
        vendors=_table_frame(session, Vendor, order_by="name"),
        vendor_decisions=_table_frame(session, VendorDecision, order_by="decided_on"),
        contracts=contracts,
        assessments=_table_frame(session, QualityAssessment),
        standards=standards,
        assumptions=_table_frame(session, Assumption),
    )


# --- facts about the store ------------------------------------------------------------------------
def table_counts(session: Session) -> dict[str, int]:
    """Rows per table, by the tables' file names (``buildings``, ``cost_records`` …)."""
    return {
        name: int(session.execute(select(func.count()).select_from(model)).scalar_one())  # type: ignore[arg-type]
        for name, model in TABLE_MODELS.items()
    }


def data_version(session: Session) -> str:
    """A cheap fingerprint that changes whenever data changes (the cache key of the pages).

    Row counts and highest ids catch inserts and deletes; the audit log's highest id catches
    updates, which are always audited.
    """
    parts = []
    for i, model in enumerate(TABLE_MODELS.values()):
        table = table_of(model)
        parts.append(f"SELECT {i} AS i, count(*) AS n, coalesce(max(id), 0) AS m FROM {table.name}")
    rows = session.execute(text(f"SELECT n, m FROM ({' UNION ALL '.join(parts)}) AS v ORDER BY i")).fetchall()
    return "-".join(f"{n}.{m}" for n, m in rows)


def is_empty(session: Session) -> bool:
    """Whether the store holds no buildings yet."""
    return session.execute(select(func.count()).select_from(Building)).scalar_one() == 0


def get_meta(session: Session) -> dict[str, str]:
    """Facts about the store (application id, dataset kind, creation time)."""
    return {m.key: m.value for m in session.execute(select(StoreMeta)).scalars()}


def set_meta(session: Session, *, values: dict[str, str]) -> None:
    """Set facts about the store (insert or replace)."""
    for key, value in values.items():
        row = session.get(StoreMeta, key)
        if row is None:
            session.add(StoreMeta(key=key, value=value))
        else:
            row.value = value
    session.flush()


# --- writes of the three gates: vendor decisions, new vendors, the Bureau's rules ----------------
def get_vendor(session: Session, *, vendor_id: int) -> Vendor | None:
    """One vendor by id."""
    return session.get(Vendor, vendor_id)


def vendor_exists(session: Session, *, name: str, credit_code: str) -> bool:
    """Whether a vendor with this name or credit code is already registered."""
    v = table_of(Vendor)
    stmt = select(func.count()).select_from(v).where((v.c.name == name) | (v.c.credit_code == credit_code))
    return bool(session.execute(stmt).scalar_one())


def record_vendor_decision(
    session: Session,
    *,
    vendor_id: int,
    to_status: AdmissionStatus,
    reason: str,
    criteria: str,
    decided_on: dt.date,
    actor: str,
    source: str,
) -> VendorDecision:
    """Change a vendor's admission status: update the vendor, add the decision, audit both.

    Runs in the caller's transaction, so the status, the decision and the audit entries are
    committed (or rolled back) together.
    """
    vendor = session.get(Vendor, vendor_id)
    if vendor is None:
        raise ValueError(f"no vendor with id {vendor_id}")
    before = audit.row_dict(vendor)
    from_status = vendor.status
    vendor.status = to_status
    vendor.status_reason = reason
    vendor.status_date = decided_on
    session.add(vendor)
    decision = VendorDecision(vendor_id=vendor_id, decided_on=decided_on, from_status=from_status,
                              to_status=to_status, reason=reason, criteria=criteria, decided_by=actor)
    session.add(decision)
    session.flush()
    audit.record_many(session, actor=actor, source=source, entries=[
        ("vendors", vendor.name, AuditAction.update, before, audit.row_dict(vendor)),
        ("vendor_decisions", f"{vendor.name}/{decided_on.isoformat()}/{to_status.value}", AuditAction.insert,
         None, audit.row_dict(decision)),
    ])
    return decision


def register_vendor(session: Session, *, vendor: Vendor, applied_on: dt.date, actor: str, source: str) -> Vendor:
    """Add a vendor to the register as an applicant, with its application decision, audited."""
    vendor.status = AdmissionStatus.applied
    vendor.status_date = applied_on
    session.add(vendor)
    session.flush()
    assert vendor.id is not None
    decision = VendorDecision(vendor_id=vendor.id, decided_on=applied_on, from_status=None,
                              to_status=AdmissionStatus.applied, reason=vendor.status_reason, decided_by=actor)
    session.add(decision)
    session.flush()
    audit.record_many(session, actor=actor, source=source, entries=[
        ("vendors", vendor.name, AuditAction.insert, None, audit.row_dict(vendor)),
        ("vendor_decisions", f"{vendor.name}/{applied_on.isoformat()}/applied", AuditAction.insert,
         None, audit.row_dict(decision)),
    ])
    return vendor


def set_assumptions(
    session: Session, *, values: dict[str, float], effective_date: dt.date, actor: str, source: str, note: str
) -> int:
    """Write new dated rows of the assumption book (one per key), audited; returns rows written.

    Each row copies the name and unit of the key's latest entry, takes basis ``assumption`` and
    ``note`` as its source; a row of the same key and date is updated instead. Earlier rows stay:
    the book keeps the history of every rule.
    """
    a = table_of(Assumption)
    entries: list[tuple[str, str, AuditAction, dict[str, Any] | None, dict[str, Any] | None]] = []
    for key, value in values.items():
        latest = session.execute(select(Assumption).where(a.c.key == key)
                                 .order_by(a.c.effective_date.desc())).scalars().first()
        if latest is None:
            raise ValueError(f"the assumption book has no factor {key!r}")
        if latest.effective_date == effective_date:
            before = audit.row_dict(latest)
            latest.value, latest.source, latest.basis = float(value), note, Basis.assumption
            session.add(latest)
            entries.append(("assumptions", f"{key}/{effective_date.isoformat()}", AuditAction.update,
                            before, audit.row_dict(latest)))
            continue
        row = Assumption(key=key, name_zh=latest.name_zh, name_en=latest.name_en, value=float(value),
                         unit=latest.unit, basis=Basis.assumption, source=note, effective_date=effective_date)
        session.add(row)
        session.flush()
        entries.append(("assumptions", f"{key}/{effective_date.isoformat()}", AuditAction.insert,
                        None, audit.row_dict(row)))
    session.flush()
    audit.record_many(session, actor=actor, source=source, entries=entries)
    return len(entries)
