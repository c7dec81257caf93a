"""Every query of the store. Functions are keyword-only and typed; nothing here knows about pages."""
from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Integer, Table, bindparam, delete, func, insert, select, text, update
from sqlmodel import Session, SQLModel

from core.store import access, audit
from core.store.access import Actor, Permission
from core.store.book import AssumptionBook
from core.store.layout import SPECS
from core.store.models import (
    AdmissionStatus,
    AdoptedPlan,
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
    NoncostScore,
    Occupancy,
    PlanForecast,
    PlanItem,
    QualityAssessment,
    Scenario,
    ServiceItem,
    StoreMeta,
    Vendor,
    VendorDecision,
    table_of,
)

T = TypeVar("T")
COST_COMPONENTS: tuple[str, ...] = (
    "labour", "on_costs", "materials", "management_fee", "tax", "energy", "repairs",
)
ACCOUNTS_TABLE = "users"  # how the audit log names the accounts table
TABLE_MODELS: dict[str, type[SQLModel]] = {
    **{name: spec.model for name, spec in SPECS.items()},
    "scenarios": Scenario,
    "plans": AdoptedPlan,
    "audit_log": AuditLog,
}

# --- tables in the natural-key layout, and bulk writes ---------------------------------------------


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


def natural_frames(session: Session, *, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Tables in file layout (:data:`core.store.layout.SPECS`): an ``id`` column, then every file column,
    references shown as the natural key of the row they name (building name, service code …)."""
    wanted = [n for n in SPECS if tables is None or n in set(tables)]
    need: set[str] = set()
    stack = list(wanted)
    while stack:
        name = stack.pop()
        if name not in need:
            need.add(name)
            stack.extend(r.table for r in SPECS[name].refs)
    out: dict[str, pd.DataFrame] = {}
    for name, spec in SPECS.items():
        if name not in need:
            continue
        raw = _table_frame(session, spec.model)
        frame = pd.DataFrame({"id": raw["id"]})
        for col in spec.plain_columns:
            frame[col] = raw[col]
        for ref in spec.refs:
            target = frame if ref.table == name else out[ref.table]
            by_id = target.set_index("id")
            for col, key_col in zip(ref.columns, SPECS[ref.table].key):
                frame[col] = raw[ref.field].map(by_id[key_col])
        out[name] = frame[["id", *spec.columns]]
    return {n: out[n] for n in wanted}


def insert_rows(session: Session, *, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert many rows of a file table in one statement (field names as in the model)."""
    if rows:
        session.execute(insert(table_of(SPECS[table].model)), rows)


def update_rows(session: Session, *, table: str, rows: list[dict[str, Any]]) -> None:
    """Update many rows by ``id``; every row dict carries the same fields."""
    if not rows:
        return
    tbl = table_of(SPECS[table].model)
    fields = [k for k in rows[0] if k != "id"]
    stmt = update(tbl).where(tbl.c.id == bindparam("_id")).values({f: bindparam(f"v_{f}") for f in fields})
    session.execute(stmt, [{"_id": r["id"], **{f"v_{f}": r[f] for f in fields}} for r in rows])


def delete_rows(session: Session, *, table: str, ids: list[int]) -> None:
    """Delete rows of a file table by id."""
    if ids:
        tbl = table_of(SPECS[table].model)
        session.execute(delete(tbl).where(tbl.c.id.in_(ids)))


def referrers(session: Session, *, table: str, ids: list[int]) -> dict[str, dict[int, int]]:
    """For rows of ``table``: how many rows of each other table refer to each of them."""
    out: dict[str, dict[int, int]] = {}
    for name, spec in SPECS.items():
        for ref in spec.refs:
            if ref.table != table or not ids:
                continue
            col = table_of(spec.model).c[ref.field]
            stmt = select(col, func.count()).where(col.in_(ids)).group_by(col)
            counts = {int(k): int(n) for k, n in session.execute(stmt)}
            if counts:
                out[name] = counts
    return out


# --- the audit log --------------------------------------------------------------------------------
def audit_frame(
    session: Session,
    *,
    tables: Iterable[str] = (),
    actions: Iterable[str] = (),
    contains: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 2_000,
) -> tuple[pd.DataFrame, int]:
    """Audit entries matching the filters, newest first (at most ``limit``), and how many match."""
    a = table_of(AuditLog)
    conds: list[Any] = []
    if tables:
        conds.append(a.c.table_name.in_(list(tables)))
    if actions:
        conds.append(a.c.action.in_(list(actions)))
    if contains:
        like = f"%{contains}%"
        conds.append(a.c.actor.like(like) | a.c.row_key.like(like))
    if since:
        conds.append(a.c.at >= dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC))
    if until:
        conds.append(a.c.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC))
    total = int(session.execute(select(func.count()).select_from(a).where(*conds)).scalar_one())
    frame = _frame(session, select(a).where(*conds).order_by(a.c.id.desc()).limit(limit))
    return frame, total


def scenario_frame(session: Session) -> pd.DataFrame:
    """The saved scenarios as stored (exported with the data; they are managed on their own page)."""
    return _table_frame(session, Scenario)


# --- the whole store, table by table (backup and restore) -----------------------------------------
def dump_table(session: Session, *, table: Table) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every row of a table as plain values (enums as their values), ordered by primary key."""
    result = session.execute(select(table).order_by(*table.primary_key.columns))
    rows = [tuple(getattr(v, "value", v) if isinstance(v, enum.Enum) else v for v in row) for row in result]
    return list(result.keys()), rows


def replace_all(session: Session, *, rows: dict[Table, list[dict[str, Any]]]) -> None:
    """Empty every table of the schema, then insert ``rows`` (parents before children).

    Columns that refer to their own table (a department's parent) are filled in a second pass so
    that row order never matters. Runs in the caller's transaction.
    """
    ordered = SQLModel.metadata.sorted_tables
    for table in reversed(ordered):
        session.execute(delete(table))
    for table in ordered:
        data = rows.get(table, [])
        if not data:
            continue
        own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        first = [{k: (None if k in own else v) for k, v in r.items()} for r in data] if own else data
        session.execute(insert(table), first)
        links = [r for r in data if any(r.get(c) is not None for c in own)]
        if links:
            pk = next(iter(table.primary_key.columns))
            stmt = update(table).where(pk == bindparam("_pk")).values({c: bindparam(f"v_{c}") for c in own})
            session.execute(stmt, [{"_pk": r[pk.name], **{f"v_{c}": r.get(c) for c in own}} for r in links])
    if session.get_bind().dialect.name == "postgresql":  # explicit ids leave sequences behind
        for table in ordered:
            keys = list(table.primary_key.columns)
            if len(keys) == 1 and keys[0].autoincrement is not False and isinstance(keys[0].type, Integer):
                session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{keys[0].name}'), "
                    f"coalesce((SELECT max({keys[0].name}) FROM {table.name}), 0) + 1, false)"))


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
    # adopted plans (采纳方案) as frozen: the plans, their forecast by year, lever and building, their items
    plans: pd.DataFrame = field(default_factory=pd.DataFrame)
    plan_forecasts: pd.DataFrame = field(default_factory=pd.DataFrame)
    plan_items: pd.DataFrame = field(default_factory=pd.DataFrame)
    # the non-cost scores (非成本因素评分) per service × delivery: the criteria 1-5, basis, source
    noncost: pd.DataFrame = field(default_factory=pd.DataFrame)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """A value derived from this portfolio, computed on first use and kept with it.

        A portfolio is never modified once loaded (the app shares one between all sessions), so
        what is derived from it stays true; callers treat the result as read-only.
        """
        memo: dict[str, Any] = self.__dict__.setdefault("_derived", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]  # type: ignore[no-any-return]

    @cached_property
    def book(self) -> AssumptionBook:
        """The assumption book (built once per portfolio)."""
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
        present = df[col].dropna()
        if len(present) and isinstance(present.iloc[0], enum.Enum):
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
        plans=_table_frame(session, AdoptedPlan),
        plan_forecasts=_table_frame(session, PlanForecast),
        plan_items=_table_frame(session, PlanItem),
        noncost=_table_frame(session, NoncostScore),
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
    updates, which are always audited. Entries about accounts (sign-ins above all) are left out:
    they change no figure, and counting them would empty every cache at each sign-in. The newest
    entry that is not about accounts is found by walking the ids down from the top, which stops
    after the few sign-ins above it.
    """
    parts = []
    for i, model in enumerate(TABLE_MODELS.values()):
        table = table_of(model)
        if model is AuditLog:
            parts.append(f"SELECT {i} AS i, 0 AS n, coalesce((SELECT id FROM {table.name} WHERE table_name <> "
                         f"'{ACCOUNTS_TABLE}' ORDER BY id DESC LIMIT 1), 0) AS m")
            continue
        parts.append(f"SELECT {i} AS i, count(*) AS n, coalesce(max(id), 0) AS m FROM {table.name}")
    rows = session.execute(text(f"SELECT n, m FROM ({' UNION ALL '.join(parts)}) AS v ORDER BY i")).fetchall()
    return "-".join(f"{n}.{m}" for n, m in rows)


# changes to these are not changes of the data a scenario was computed from
_NOT_DATA: tuple[str, ...] = ("scenarios", "pack_settings", "audit_log")


def data_changed_at(session: Session) -> dt.datetime | None:
    """When the data (not scenarios or pack settings) last changed, from the audit log [UTC]."""
    tbl = table_of(AuditLog)
    found = session.execute(select(func.max(tbl.c.at)).where(tbl.c.table_name.not_in(_NOT_DATA))).scalar()
    if found is None:
        return None
    return found if found.tzinfo else found.replace(tzinfo=dt.UTC)


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
    actor: Actor,
    source: str,
) -> VendorDecision:
    """Change a vendor's admission status: update the vendor, add the decision, audit both.

    Runs in the caller's transaction, so the status, the decision and the audit entries are
    committed (or rolled back) together.
    """
    access.require(actor, Permission.vendor_decision)
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
                              to_status=to_status, reason=reason, criteria=criteria, decided_by=actor.audit_name)
    session.add(decision)
    session.flush()
    audit.record_many(session, actor=actor, source=source, entries=[
        ("vendors", vendor.name, AuditAction.update, before, audit.row_dict(vendor)),
        ("vendor_decisions", f"{vendor.name}/{decided_on.isoformat()}/{to_status.value}", AuditAction.insert,
         None, audit.row_dict(decision)),
    ])
    return decision


def register_vendor(session: Session, *, vendor: Vendor, applied_on: dt.date, actor: Actor, source: str) -> Vendor:
    """Add a vendor to the register as an applicant, with its application decision, audited."""
    access.require(actor, Permission.register_vendor)
    vendor.status = AdmissionStatus.applied
    vendor.status_date = applied_on
    session.add(vendor)
    session.flush()
    assert vendor.id is not None
    decision = VendorDecision(vendor_id=vendor.id, decided_on=applied_on, from_status=None,
                              to_status=AdmissionStatus.applied, reason=vendor.status_reason, decided_by=actor.audit_name)
    session.add(decision)
    session.flush()
    audit.record_many(session, actor=actor, source=source, entries=[
        ("vendors", vendor.name, AuditAction.insert, None, audit.row_dict(vendor)),
        ("vendor_decisions", f"{vendor.name}/{applied_on.isoformat()}/applied", AuditAction.insert,
         None, audit.row_dict(decision)),
    ])
    return vendor


def set_assumptions(
    session: Session, *, values: dict[str, float], effective_date: dt.date, actor: Actor, source: str, note: str,
    permission: Permission = Permission.assumption_book,
) -> int:
    """Write new dated rows of the assumption book (one per key), audited; returns rows written.

    Each row copies the name and unit of the key's latest entry, takes basis ``assumption`` and
    ``note`` as its source; a row of the same key and date is updated instead. Earlier rows stay:
    the book keeps the history of every rule. Refused unless the actor holds ``permission`` (the
    book's, or the gate rules' for the rules kept in the book).
    """
    access.require(actor, permission)
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
