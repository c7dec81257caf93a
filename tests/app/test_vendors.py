"""The Vendors & quality page shows what core computes, in both languages, and records decisions."""
import datetime as dt
import os

import pytest
from sqlmodel import Session, select

from core.domain import gates, scorecard
from core.i18n import fmt_pct
from core.store import db
from core.store.models import AuditLog, Vendor, VendorDecision
from core.views import gates as gates_views
from tests.app.conftest import assert_clean, run_app, shown

PAGE = "pages/vendors.py"


def vendors_page(lang="zh", role="admin"):
    at = run_app(lang, PAGE, role=role)
    assert_clean(at)
    return at


def rerun(at, lang):
    """Run again in ``lang``: AppTest does not carry the sidebar's language switch across runs after
    a page switch (a real browser does), so the test sets it as the switch would."""
    at.session_state["lang"] = lang
    at.run()
    assert_clean(at)
    return at


def charts(at):
    return [e for e in at.main if getattr(e, "type", "") == "plotly_chart"]


def texts(at):
    return " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)


def every_tab(at, lang):
    """Open each tab in turn (only the open one runs): the charts, texts and captions of all four."""
    found: dict[str, list] = {"charts": [], "texts": [], "captions": []}
    for tab in [t.label for t in at.tabs]:
        at.session_state["gates_tab"] = tab
        rerun(at, lang)
        found["charts"] += charts(at)
        found["texts"].append(texts(at))
        found["captions"] += [c.value for c in at.caption]
    return found


def test_chinese_page_shows_the_gates(demo_portfolio):
    at = vendors_page("zh")
    assert at.title[0].value == "企业与质量"
    s = gates.GateSettings.from_book(demo_portfolio, dt.date.today())
    k = gates_views.gate_kpis(demo_portfolio, s)
    m = {x.label: x.value for x in at.metric}
    assert m["已准入企业"] == f"{k.admitted} / {k.vendors}" == "16 / 20"
    assert m["建议更换企业"] == "1" and m["统一管理合规率"] == fmt_pct(k.compliance.rate, 0)
    assert [t.label for t in at.tabs] == ["企业名录与准入", "合同与收费", "质量考核", "统一管理评分"]
    assert len(charts(at)) == 0  # the register tab opens first; the charts are on the others
    seen = every_tab(at, "zh")
    assert len(seen["charts"]) == 6
    body = " ".join(seen["texts"])
    assert "只点明了其中两项" in body and "净源环境服务有限公司 连续两个季度低于 75 分" in body
    assert "看板检查" in body


def test_english_page(demo_portfolio):
    at = vendors_page("en")
    assert at.title[0].value == "Vendors & quality"
    m = {x.label: x.value for x in at.metric}
    assert m["Admitted vendors"] == "16 / 20" and m["To be replaced"] == "1"
    assert [t.label for t in at.tabs][-1] == "Unified-management scorecard"
    seen = every_tab(at, "en")
    body = " ".join(seen["texts"])
    assert "names only two" in body and "flagged for replacement" in body
    assert "(dashboard check)" in " ".join(seen["captions"])


def test_drill_down_from_a_vendor(demo_portfolio):
    at = vendors_page("en")
    names = {v: k for k, v in zip(demo_portfolio.vendors["id"], demo_portfolio.vendors["name"])}
    at.selectbox(key="gates_drill").set_value(names["翠景园艺有限公司"])
    rerun(at, "en")
    warnings = [w.value for w in at.warning]
    assert "Not admitted, yet still on contracts in use" in warnings
    assert "Contract signed while the vendor was not admitted" in warnings
    tables = [d.value for d in at.dataframe]
    assert any("JGSW-2025-009" in t.to_string() for t in tables)  # its contract
    assert any("2025Q4" in t.columns for t in tables)  # its assessments, by quarter


def form_button(at, label):
    return next(b for b in at.button if b.label == label)


def test_a_decision_made_on_the_page_is_recorded(demo_portfolio, demo_copy):
    at = vendors_page("zh", role="analyst")  # an analyst decides on admission
    names = {v: k for k, v in zip(demo_portfolio.vendors["id"], demo_portfolio.vendors["name"])}
    at.selectbox(key="gates_decide_vendor").set_value(names["净源环境服务有限公司"])
    at.selectbox(key="gates_decide_to").set_value("suspended")
    at.text_input(key="gates_decide_reason").input("连续两个季度考核不合格")
    form_button(at, "记录决定").click().run()
    assert_clean(at)
    assert any("已记录：净源环境服务有限公司 → 暂停" in s.value for s in at.success)
    with Session(db.make_engine(os.environ["DATABASE_URL"])) as session:
        assert session.exec(select(Vendor).where(Vendor.name == "净源环境服务有限公司")).one().status == "suspended"
        d = session.exec(select(VendorDecision).where(VendorDecision.reason == "连续两个季度考核不合格")).one()
        assert d.from_status == "admitted" and d.decided_by == "analyst1 (测试analyst)"  # who signed in
        written = select(AuditLog).where(AuditLog.source == "app", AuditLog.table_name != "users")  # not the test accounts
        assert {x.table_name for x in session.exec(written)} == {"vendors", "vendor_decisions"}


def test_a_refused_admission_shows_one_line_and_writes_nothing(demo_portfolio, demo_copy):
    at = vendors_page("en")
    names = {v: k for k, v in zip(demo_portfolio.vendors["id"], demo_portfolio.vendors["name"])}
    at.selectbox(key="gates_decide_vendor").set_value(names["乡厨餐饮有限公司"])  # level 3, minimum is 2
    at.selectbox(key="gates_decide_to").set_value("admitted")
    at.text_input(key="gates_decide_reason").input("application reviewed")
    form_button(at, "Record the decision").click()
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and "does not meet the admission rules: Qualification (3)" in shown(at.error[0].value)
    with Session(db.make_engine(os.environ["DATABASE_URL"])) as session:
        assert session.exec(select(AuditLog).where(AuditLog.source == "app")).all() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_change_the_page_and_can_be_saved(lang, demo_copy):
    at = vendors_page(lang)
    before = int(at.metric[3].value)
    at.number_input(key="gates_below").set_value(80.0)  # a stricter replacement line
    rerun(at, lang)
    assert int(at.metric[3].value) >= before
    at.session_state["gates_tab"] = "质量考核" if lang == "zh" else "Quality"
    rerun(at, lang)
    assert ("低于 80 分" if lang == "zh" else "below 80") in texts(at)  # the charts' takeaways follow the rule
    form_button(at, "保存为局定规则" if lang == "zh" else "Save as the Bureau's rules").click()
    rerun(at, lang)
    assert at.success and ("1" in at.success[0].value)
    with Session(db.make_engine(os.environ["DATABASE_URL"])) as session:
        logs = session.exec(select(AuditLog).where(AuditLog.source != "init-db", AuditLog.table_name == "assumptions")).all()
        assert [x.row_key for x in logs] == [f"quality_replace_below/{dt.date.today()}"]


def test_overview_shows_the_compliance_rate(demo_portfolio):
    at = run_app("zh")
    assert_clean(at)
    c = scorecard.current_compliance(demo_portfolio, dt.date.today())
    assert {m.label: m.value for m in at.metric}["统一管理合规率"] == fmt_pct(c.rate, 0)


def test_an_applicant_registered_on_the_page_joins_the_register(demo_copy):
    at = vendors_page("zh")
    at.text_input(key="gates_new_name").input("新城物业有限公司")
    at.text_input(key="gates_new_code").input("91320999ZZ00000001")
    at.multiselect(key="gates_new_lines").set_value(["cleaning", "security"])
    form_button(at, "登记").click().run()
    assert_clean(at)
    assert any("已登记：新城物业有限公司" in s.value for s in at.success)
    register = at.dataframe[0].value
    row = register.loc[register["企业"] == "新城物业有限公司"].iloc[0]
    assert row["准入状态"] == "已申请" and row["服务范围"] == "保洁、秩序维护"
    assert {m.label: m.value for m in at.metric}["已准入企业"] == "16 / 21"
