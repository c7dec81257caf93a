"""One text gate for every write path (issue 15, item 2): control characters out first, then the
model's length (on SQLite too), then formula-like text refused; exports clean, then neutralise.

The hostile value of the issue is ``"\\x01=HYPERLINK(…)"``: looked at by its first character only, it
passed; cleaned first, it is the formula it is. Each write path is tried with it, and each refusal
leaves the store as it was.
"""
import datetime as dt
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlmodel import Session, select

from core.domain import gates
from core.files import editor, exports, loader, writers
from core.simulation import scenarios
from core.store import audit, db
from core.store import text as gate_text
from core.store.models import AuditAction, Scenario, Vendor
from tests.conftest import both_backends, counts
from tests.factories import person

pytestmark = both_backends
EVIL = '\x01=HYPERLINK("https://evil.example","点我")'
HIDDEN = "\u202e\u200b=1+1"  # a right-to-left override and a zero-width space hiding a formula


def test_cleaning_comes_first_so_a_hidden_formula_is_seen():
    assert gate_text.clean(EVIL) == '=HYPERLINK("https://evil.example","点我")'
    assert gate_text.clean(HIDDEN) == "=1+1"
    assert gate_text.clean(" 市行政中心\t东楼\n") == "市行政中心 东楼"  # tabs and breaks become spaces
    assert gate_text.clean("第一行\r\n第二行", multiline=True) == "第一行\n第二行"
    for value in (EVIL, HIDDEN):
        with pytest.raises(db.Refused) as info:
            gate_text.gate(value, model=Scenario, field="name")
        assert info.value.key == "text.formula"
        assert "方案名称" in info.value.text("zh") and "formula" in info.value.text("en")


def test_the_models_lengths_hold_on_sqlite_too(engine):
    """Scenario.name is VARCHAR(100): SQLite would store 101 characters; the gate and the flush refuse."""
    with pytest.raises(db.Refused, match=r"Scenario is too long \(101 characters; at most 100\)"):
        gate_text.gate("方" * 101, model=Scenario, field="name")
    before = counts(engine)
    with pytest.raises(db.Refused, match="at most 120"), db.session_scope(engine) as s:  # past every gate, at flush
        s.add(Vendor(name="企" * 121, credit_code="91320999000000000X", qualification_level=1, status="applied"))
    assert counts(engine) == before


def test_import_refuses_a_formula_hidden_behind_a_control_character(demo):
    quoted = '"' + EVIL.replace('"', '""') + '"'  # as a spreadsheet writes a cell holding commas and quotes
    data = f"name,kind,staff_headcount\n{quoted},agency,1\n".encode()
    before = counts(demo)
    plan = loader.import_files(demo, [("departments.csv", data)], lang="en", actor=person("test"))
    assert not plan.written and plan.problems["code"].tolist() == ["formula"]
    assert "starts with '='" in plan.problems["reason"].iloc[0]
    assert counts(demo) == before


def test_the_editor_refuses_it_too(demo):
    loaded = editor.load_table(demo, "buildings")
    edited = editor.editor_frame(loaded, "buildings", "en")
    edited.loc[0, "district"] = EVIL
    before = counts(demo)
    plan = editor.save_edit(demo, table="buildings", loaded=loaded, edited=edited, actor=person("test"), lang="en")
    assert not plan.written and plan.problems["code"].tolist() == ["formula"]
    assert counts(demo) == before


def test_vendor_registration_and_decisions_go_through_the_gate(demo):
    kw = {"credit_code": "91320999000000000Z", "qualification_level": 2, "service_lines": ["cleaning"],
          "registered_capital_wan": 10.0, "founded_year": 2015, "applied_on": dt.date(2025, 6, 1), "actor": person("张三")}
    before = counts(demo)
    with pytest.raises(db.Refused, match="Vendor name starts with '='"), db.session_scope(demo) as s:
        gates.register(s, name=EVIL, **kw)
    with pytest.raises(db.Refused, match="Vendor name is too long"), db.session_scope(demo) as s:
        gates.register(s, name="企" * 121, **kw)
    with Session(demo) as s:
        from core.store import repo

        p = repo.load_portfolio(s)
    vid = int(p.vendors["id"].iloc[0])
    with pytest.raises(db.Refused, match="Reason starts with '@'"), db.session_scope(demo) as s:
        gates.decide(s, p, gates.GateSettings.from_book(p), vendor_id=vid, to_status="suspended",
                     reason="\u200b@SUM(1)", actor=person("张三"))
    assert counts(demo) == before
    with db.session_scope(demo) as s:  # the same name, cleaned of its control characters, is registered
        gates.register(s, name="\x07新城\u200b物业有限公司", **kw)
    with Session(demo) as s:
        assert s.exec(select(Vendor).where(Vendor.name == "新城物业有限公司")).one()


def test_scenario_names_descriptions_and_the_actor_go_through_the_gate(engine):
    before = counts(engine)
    for kwargs, words in (({"name": EVIL}, "Scenario starts with '='"),
                          ({"name": "方" * 101}, "at most 100"),
                          ({"name": "方案A", "description": "-1 元"}, "Description starts with '-'"),
                          ({"name": "方案A", "actor": person(HIDDEN)}, "Owner starts with '='")):
        args = {"levers": {"energy": True}, "actor": person("科员甲"), "source": "app", **kwargs}
        with pytest.raises(db.Refused, match=words), db.session_scope(engine) as s:
            scenarios.save(s, **args)
    assert counts(engine) == before
    with db.session_scope(engine) as s:
        saved = scenarios.save(s, name="\u202e方案A\x00", levers={"energy": True}, description="第一行\r\n第二行\x01",
                               actor=person("科员甲"), source="app")
    assert saved.name == "方案A" and saved.description == "第一行\n第二行"


def test_the_audit_actor_is_cleaned_and_refused_like_any_text(engine):
    with pytest.raises(db.Refused, match="Who starts with '@'"), db.session_scope(engine) as s:
        audit.record(s, actor=person("@cmd"), source="app", table="store", key="x", action=AuditAction.update)
    with db.session_scope(engine) as s:
        audit.record(s, actor=person("张三\x1b[31m"), source="app", table="store", key="x", action=AuditAction.update)
    with Session(engine) as s:
        assert s.execute(text("SELECT actor FROM auditlog")).scalars().all() == ["张三[31m"]


def test_exports_clean_then_neutralise_even_old_values_that_never_met_the_gate(demo):
    with db.session_scope(demo) as s:  # a value stored before the gate existed (or restored from one)
        s.execute(text("UPDATE building SET district = :v WHERE name = '市行政中心'"), {"v": EVIL})
    with Session(demo) as s:
        frames = exports.export_frames(s, "en")
    wb = load_workbook(BytesIO(writers.to_xlsx(frames)))
    cells = [c.value for row in wb["buildings"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "'" + gate_text.clean(EVIL) in cells  # cleaned, then neutralised: text, never a live formula
    assert not any(v.startswith("=") or "\x01" in v for v in cells)
    csv = writers.to_csv(frames["buildings"]).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "\x01" not in csv


def test_neutralise_cleans_before_it_looks(monkeypatch):
    out = gate_text.neutralise_formulas(pd.DataFrame({"a": [EVIL, "\t=1", "plain", None], "n": [-1, 2, 3, 4]}))
    assert out["a"].tolist()[:3] == ["'" + EVIL[1:], "'\t=1", "plain"]
    assert out["n"].tolist() == [-1, 2, 3, 4]
