"""The three gates and the scorecard on hand-made cities (tests/factories.py ``gate_city``), by hand."""
import dataclasses
import datetime as dt
import json

import pandas as pd
import pytest
from sqlmodel import Session, select

from core.domain import gates, scorecard
from core.store import audit, db
from core.store.models import AdmissionStatus, Assumption, AuditLog, Vendor, VendorDecision
from tests.conftest import both_backends
from tests.factories import gate_city, load_city, person

pytestmark = both_backends

ON = dt.date(2026, 6, 30)


def load(session, city=None):
    p = load_city(session, city or gate_city())
    return p, gates.GateSettings.from_book(p, ON)


def vid(p, name):
    return int(p.vendors.set_index("name").at[name, "id"])


# --- admission rules --------------------------------------------------------------------------------
def check(**kw):
    args = {"qualification_level": 2, "blacklist_entry": False, "score_mean": 85.0, "min_qualification": 2,
            "min_score": 80.0} | kw
    return {o.rule: o.passed for o in gates.admission_check(**args)}


def test_qualification_rule_accepts_the_level_or_better_and_refuses_worse():
    assert check(qualification_level=2)["min_qualification"]  # level 2 against a minimum of 2
    assert check(qualification_level=1)["min_qualification"]  # 1 is the highest level
    assert not check(qualification_level=3)["min_qualification"]


def test_blacklist_rule():
    assert check(blacklist_entry=False)["no_blacklist"]
    assert not check(blacklist_entry=True)["no_blacklist"]


def test_score_rule_at_its_edge_and_for_new_entrants():
    assert check(score_mean=80.0)["min_score"]  # exactly the minimum passes
    assert not check(score_mean=79.9)["min_score"]
    assert check(score_mean=None)["min_score"]  # never assessed: a new entrant cannot fail it
    assert check(score_mean=float("nan"))["min_score"]


def test_admission_table_reads_history_and_scores(session):
    p, s = load(session)
    a = gates.admission_table(p, s).set_index("name")
    # 丁公司 is an applicant now, but was blacklisted in 2022: the entry stays on record
    assert a.at["丁公司", "blacklist_entry"] and not a.at["丁公司", "eligible"]
    assert not a.at["丙公司", "rule_min_qualification"]  # level 3 against a minimum of 2
    assert a.at["甲物业公司", "eligible"] and a.at["甲物业公司", "admitted_because"] == "审核通过"
    # 甲物业公司 scores 90 on cleaning and public order in every quarter of 2025
    assert a.at["甲物业公司", "score_mean"] == pytest.approx(90)


# --- decisions: status, decision and audit together -------------------------------------------------
def test_a_decision_writes_status_decision_and_audit_together(engine):
    with Session(engine) as session:
        p, s = load(session)
    with db.session_scope(engine) as session:
        gates.decide(session, p, s, vendor_id=vid(p, "甲物业公司"), to_status="suspended", reason="整改", actor=person("张三"),
                     decided_on=ON)
    with Session(engine) as session:
        v = session.exec(select(Vendor).where(Vendor.name == "甲物业公司")).one()
        assert (v.status, v.status_reason, v.status_date) == (AdmissionStatus.suspended, "整改", ON)
        d = session.exec(select(VendorDecision).where(VendorDecision.reason == "整改")).one()
        assert (d.from_status, d.to_status, d.decided_by, d.decided_on) == ("admitted", "suspended", "张三", ON)
        assert {r["rule"] for r in json.loads(d.criteria)["rules"]} == set(gates.RULES)
        logs = session.exec(select(AuditLog).where(AuditLog.source != "init-db")).all()
        assert {(x.table_name, x.action) for x in logs} == {("vendors", "update"), ("vendor_decisions", "insert")}
        before = json.loads(next(x for x in logs if x.table_name == "vendors").before)
        assert before["status"] == "admitted" and all(x.actor == "张三" for x in logs)


def test_nothing_is_written_when_the_audit_fails(engine, monkeypatch):
    with Session(engine) as session:
        p, s = load(session)

    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(audit, "record_many", broken)
    with pytest.raises(RuntimeError), db.session_scope(engine) as session:
        gates.decide(session, p, s, vendor_id=vid(p, "甲物业公司"), to_status="suspended", reason="整改", actor=person("张三"))
    with Session(engine) as session:
        assert session.exec(select(Vendor).where(Vendor.name == "甲物业公司")).one().status == "admitted"
        assert session.exec(select(VendorDecision).where(VendorDecision.reason == "整改")).all() == []


@pytest.mark.parametrize(("name", "words"), [("丙公司", "资质等级"), ("丁公司", "无黑名单记录")])
def test_admission_is_refused_when_a_rule_fails(engine, name, words):
    with Session(engine) as session:
        p, s = load(session)
    with pytest.raises(db.Refused) as refused, db.session_scope(engine) as session:
        gates.decide(session, p, s, vendor_id=vid(p, name), to_status="admitted", reason="审核", actor=person("张三"))
    assert words in refused.value.text("zh") and name in str(refused.value)  # English by default, Chinese on request
    with Session(engine) as session:
        assert session.exec(select(Vendor).where(Vendor.name == name)).one().status == "applied"
        assert session.exec(select(AuditLog).where(AuditLog.source != "init-db")).all() == []


def test_admission_passes_when_the_rules_do_and_other_refusals(engine):
    with Session(engine) as session:
        p, s = load(session)
    with db.session_scope(engine) as session:  # 丙公司 passes once level 3 is accepted
        gates.decide(session, p, dataclasses.replace(s, min_qualification=3), vendor_id=vid(p, "丙公司"),
                     to_status="admitted", reason="审核通过", actor=person("张三"))
    for kwargs, words in (({"to_status": "admitted", "reason": "x"}, "already"),
                          ({"to_status": "suspended", "reason": "  "}, "reason")):
        with pytest.raises(db.StoreError, match=words), db.session_scope(engine) as session:
            gates.decide(session, p, s, vendor_id=vid(p, "甲物业公司"), actor=person("张三"), **kwargs)


def test_register_an_applicant_and_refuse_duplicates(engine):
    kw = {"name": "戊公司", "credit_code": "91320999000000000e", "qualification_level": 2,
          "service_lines": ["cleaning"], "registered_capital_wan": 100.0, "founded_year": 2015,
          "applied_on": ON, "actor": person("张三"), "lang": "en"}
    with Session(engine) as session:
        load(session)
    with db.session_scope(engine) as session:
        gates.register(session, **kw)
    with Session(engine) as session:
        v = session.exec(select(Vendor).where(Vendor.name == "戊公司")).one()
        assert (v.status, v.credit_code, v.service_lines) == ("applied", "91320999000000000E", "cleaning")
        assert session.exec(select(VendorDecision).where(VendorDecision.vendor_id == v.id)).one().to_status == "applied"
        assert len(session.exec(select(AuditLog).where(AuditLog.source != "init-db")).all()) == 2
    for change, words in (({}, "already registered"), ({"name": "己", "credit_code": "123"}, "18"),
                          ({"name": "己", "service_lines": []}, "service line")):
        with pytest.raises(db.StoreError, match=words), db.session_scope(engine) as session:
            gates.register(session, **(kw | change))


def test_saved_rules_become_dated_book_rows_with_an_audit_entry(engine):
    with Session(engine) as session:
        p, s = load(session)
    changed = dataclasses.replace(s, min_score=85.0, replace_below=70.0)
    assert gates.changed_rules(p, changed) == {"admission_min_score": 85.0, "quality_replace_below": 70.0}
    with db.session_scope(engine) as session:
        assert gates.save_rules(session, p, changed, actor=person("张三"), on=ON) == 2
    with Session(engine) as session:
        rows = session.exec(select(Assumption).where(Assumption.key == "admission_min_score")).all()
        assert sorted((r.effective_date, r.value) for r in rows) == [(dt.date(2026, 1, 1), 80.0), (ON, 85.0)]
        assert "张三" in rows[-1].source
        logs = session.exec(select(AuditLog).where(AuditLog.source != "init-db", AuditLog.table_name == "assumptions")).all()
        assert {x.row_key for x in logs} == {f"admission_min_score/{ON}", f"quality_replace_below/{ON}"}
        from core.store import repo

        assert gates.GateSettings.from_book(repo.load_portfolio(session), ON).min_score == 85.0
    with db.session_scope(engine) as session:  # saving again the same day updates the row
        gates.save_rules(session, p, dataclasses.replace(s, min_score=86.0), actor=person("张三"), on=ON)
    with Session(engine) as session:
        assert len(session.exec(select(Assumption).where(Assumption.key == "admission_min_score")).all()) == 2


# --- fee control --------------------------------------------------------------------------------------
def test_herfindahl_by_hand():
    # shares 50%, 30%, 20%: 50² + 30² + 20² = 2,500 + 900 + 400 = 3,800
    assert gates.herfindahl(pd.Series([500_000.0, 300_000.0, 200_000.0])) == pytest.approx(3_800)
    assert gates.herfindahl(pd.Series([7.0])) == pytest.approx(10_000)  # a monopoly
    assert gates.herfindahl(pd.Series([1.0, 1.0, 1.0, 1.0])) == pytest.approx(2_500)  # four equal: 4 × 25²
    assert pd.isna(gates.herfindahl(pd.Series([0.0])))


def test_contract_price_per_m2_against_the_standard(session):
    p, s = load(session)
    r = gates.contract_register(p, s).set_index("code")
    # HT-1: 251,856 / 10,000 m² / 12 = 2.0988 per m²·month against cleaning 2.41 + security 2.01 (tier 2,
    # 7,000-10,000 m²) = 4.42 → 52.5% below
    assert r.at["HT-1", "price_per_m2_month"] == pytest.approx(251_856 / 10_000 / 12)
    assert r.at["HT-1", "standard_per_m2_month"] == pytest.approx(4.42)
    assert r.at["HT-1", "fee_status"] == "green"
    # HT-2: 100,000 / 6,000 / 12 = 1.389 against cleaning 2.70 (tier 2, 3,000-7,000 m²)
    assert r.at["HT-2", "standard_per_m2_month"] == pytest.approx(2.70)
    assert r.at["HT-2", "buildings"] == ("丙楼",) and r.at["HT-2", "services"] == ["cleaning"]


@pytest.mark.parametrize(("on", "months", "state"), [
    (dt.date(2023, 6, 1), 6, "future"), (dt.date(2025, 6, 30), 6, "running"),
    (dt.date(2026, 7, 1), 6, "expiring"),  # ends 2026-12-31: within six months of 2026-07-01 (2027-01-01)
    (dt.date(2026, 6, 30), 6, "running"),  # six months on is 2026-12-30, a day before the end
    (dt.date(2026, 7, 1), 5, "running"), (dt.date(2027, 2, 1), 6, "lapsed"),  # ended, still serving
])
def test_contract_states(session, on, months, state):
    p, s = load(session)
    r = gates.contract_register(p, dataclasses.replace(s, on=on, expiring_months=months)).set_index("code")
    assert r.at["HT-1", "state"] == state
    assert r.at["HT-1", "in_use"] == (state in ("running", "expiring", "lapsed"))


def test_non_competitive_awards_flagged_only_above_the_line(session):
    city = gate_city()
    city["contracts"].loc[1, "channel"] = "direct_award"  # HT-2, 100,000 CNY/yr
    p, s = load(session, city)
    at = gates.contract_register(p, dataclasses.replace(s, flag_above=100_000)).set_index("code")
    below = gates.contract_register(p, dataclasses.replace(s, flag_above=99_999)).set_index("code")
    assert not at.at["HT-2", "noncompetitive_flag"] and below.at["HT-2", "noncompetitive_flag"]
    assert not below.at["HT-1", "noncompetitive_flag"]  # public tender is never flagged


def test_channel_shares_and_concentration(session):
    city = gate_city()
    city["contracts"].loc[1, "vendor"] = "乙保洁公司"
    p, s = load(session, city)
    reg = gates.contract_register(p, s)
    shares = gates.channel_shares(reg).set_index("channel")
    assert shares.at["public_tender", "share"] == pytest.approx(251_856 / 351_856)
    assert shares.at["direct_award", "spend"] == 0
    conc = gates.concentration(p, s, reg).set_index("service")
    # HT-1 splits by what was billed: cleaning 125,928 and security 125,928; HT-2 is all cleaning
    a, b = 125_928 / 225_928 * 100, 100_000 / 225_928 * 100
    assert conc.at["cleaning", "hhi"] == pytest.approx(a**2 + b**2)
    assert conc.at["cleaning", "level"] == "high" and conc.at["cleaning", "vendors"] == 2
    assert conc.at["security", "hhi"] == pytest.approx(10_000)


def test_signed_while_barred(session):
    city = gate_city()
    city["contracts"].loc[1, ["vendor", "signed_on"]] = ["丁公司", "2023-01-01"]  # blacklisted since 2022
    p, s = load(session, city)
    r = gates.contract_register(p, s).set_index("code")
    assert r.at["HT-2", "signed_while_barred"] and not r.at["HT-1", "signed_while_barred"]


# --- the scorecard ------------------------------------------------------------------------------------
def card_of(session, city=None, **changes):
    p, s = load(session, city)
    return scorecard.scorecard(p, dataclasses.replace(s, **changes)).set_index("building")


def test_unified_management(session):
    c = card_of(session)
    assert c.at["甲楼", "unified_management"] is True  # 甲局 and 乙局, managed by the Bureau
    assert c.at["乙楼", "unified_management"] is None  # one department: does not apply


def test_unified_management_refused_and_subordinates_count_with_their_parent(session):
    city = gate_city()
    city["buildings"].loc[0, "managed_by"] = "甲局"  # 甲楼, shared, no longer the Bureau's
    city["departments"].loc[len(city["departments"])] = ("丙局分中心", "subordinate", 5, "丙局")
    city["departments"].loc[len(city["departments"])] = ("戊局", "agency", 5, "")
    city["occupancy"].loc[len(city["occupancy"])] = ("乙楼", "丙局分中心", 100, 5)  # 丙局 and its own unit
    city["occupancy"].loc[len(city["occupancy"])] = ("丙楼", "戊局", 100, 5)  # 丁局 and another agency
    c = card_of(session, city)
    assert c.at["甲楼", "unified_management"] is False
    assert c.at["乙楼", "unified_management"] is None
    assert c.at["丙楼", "unified_management"] is False


def test_unified_standard(session):
    # 乙楼 (4,000 m², tier 3): standards cleaning 2.38 + security 1.98 + energy 4.08 = 8.44 per m²·month
    # → 8.44 × 4,000 × 12 = 405,120 a year; +10% = 445,632. Spending 110,000 × 2 + 160,000 = 380,000;
    # budget 5% under that: both within.
    assert card_of(session).at["乙楼", "unified_standard"] is True


def test_unified_standard_refused(session):
    city = gate_city()
    costs = city["cost_records"]
    costs.loc[(costs["building"] == "乙楼") & (costs["service"] == "energy") & (costs["year"] == 2025), "energy"] = 300_000
    # spending 520,000 > 445,632 (the budget, 361,000, alone would pass: both must)
    assert card_of(session, city).at["乙楼", "unified_standard"] is False


def test_vendors_admitted(session):
    c = card_of(session)
    assert c.at["甲楼", "vendors_admitted"] is True
    assert c.at["乙楼", "vendors_admitted"] is None  # in-house only


def test_vendors_admitted_refused(session):
    city = gate_city()
    city["vendors"].loc[0, "status"] = "suspended"  # 甲物业公司 serves 甲楼 and 丙楼
    c = card_of(session, city)
    assert c.at["甲楼", "vendors_admitted"] is False and c.at["丙楼", "vendors_admitted"] is False


def test_fees_within_standard(session):
    c = card_of(session)
    assert c.at["甲楼", "fees_within_standard"] is True  # 2.10 against 4.42
    assert c.at["乙楼", "fees_within_standard"] is None


def test_fees_within_standard_refused(session):
    city = gate_city()
    city["contracts"].loc[0, "annual_price"] = 600_000.0  # 5.00 per m²·month: 13% above 4.42, amber 10%
    p, s = load(session, city)
    assert scorecard.scorecard(p, s).set_index("building").at["甲楼", "fees_within_standard"] is False
    wider = scorecard.scorecard(p, dataclasses.replace(s, amber=0.15)).set_index("building")
    assert wider.at["甲楼", "fees_within_standard"] is True


def test_quality_passed(session):
    c = card_of(session)
    assert c.at["甲楼", "quality_passed"] is True  # 90 everywhere
    assert c.at["乙楼", "quality_passed"] is False  # never assessed


def test_quality_refused_when_one_service_is_below_the_line(session):
    city = gate_city(scores={("丙楼", q): (70.0, 95.0) for q in (1, 2, 3, 4)})
    c = card_of(session, city)
    # 丙楼's cleaning averages 70 (< 75) although the building's score is (70 + 95) / 2 = 82.5
    assert c.at["丙楼", "quality_passed"] is False and c.at["甲楼", "quality_passed"] is True


def test_restricted_kept(session):
    city = gate_city()
    arr = city["arrangements"]
    arr.loc[(arr["building"] == "乙楼") & (arr["service"] == "security"), "restricted"] = "true"  # in-house
    c = card_of(session, city)
    assert c.at["乙楼", "restricted_kept"] is True
    assert c.at["丙楼", "restricted_kept"] is None  # nothing restricted


def test_restricted_refused_unless_the_vendor_is_approved(session):
    city = gate_city()
    arr = city["arrangements"]
    arr.loc[(arr["building"] == "甲楼") & (arr["service"] == "security"), "restricted"] = "true"  # 甲物业公司
    assert card_of(session, city).at["甲楼", "restricted_kept"] is False


def test_restricted_with_an_approved_vendor(session):
    city = gate_city()
    arr = city["arrangements"]
    arr.loc[(arr["building"] == "甲楼") & (arr["service"] == "security"), "restricted"] = "true"
    city["vendors"].loc[0, "confidential_cleared"] = "true"
    assert card_of(session, city).at["甲楼", "restricted_kept"] is True


def test_compliance_rate_and_departments(session):
    p, s = load(session)
    card = scorecard.scorecard(p, s).set_index("building")
    # 甲楼 meets all six; 乙楼: standard ✓, quality ✗ (not assessed), the rest do not apply → 1 of 2
    assert card.at["甲楼", "compliance_rate"] == 1 and card.at["甲楼", "compliant"]
    assert (card.at["乙楼", "applicable"], card.at["乙楼", "met"]) == (2, 1)
    summary = scorecard.compliance(card.reset_index())
    assert summary.rate == pytest.approx(card["met"].sum() / card["applicable"].sum())
    assert summary.weakest == "quality_passed"
    dep = scorecard.department_scorecard(p, card.reset_index()).set_index("department")
    assert dep.at["丙局", "quality_passed"] is False and dep.at["甲局", "compliant"]


# --- the planted cases of the demo city -------------------------------------------------------------
def test_the_demo_city_surfaces_every_planted_case(demo_portfolio):
    p = demo_portfolio
    s = gates.GateSettings.from_book(p, dt.date(2026, 11, 27))
    v = gates.vendor_summary(p, s).set_index("vendor")
    assert v.at["净源环境服务有限公司", "flagged"]  # declining: low in the last two quarters of 2025
    assert {"not_admitted_in_use", "signed_while_barred"} <= set(v.at["翠景园艺有限公司", "flags"])
    assert "restricted_not_cleared" in v.at["速印文印服务有限公司", "flags"]
    assert v.at["金盾保安服务有限公司", "contracts"] == 0  # blacklisted, its contract ended in 2023
    assert (p.vendors["status"] == "applied").sum() == 2
    reg = gates.contract_register(p, s)
    assert reg.loc[reg["noncompetitive_flag"], "channel"].tolist() == ["direct_award", "single_source"]
    card = scorecard.scorecard(p, s).set_index("building")
    assert card.at["政法综合楼", "unified_management"] is False  # shared, managed by 市公安局
    assert card.at["文体商务楼", "restricted_kept"] is False
    assert card.at["教育卫健大楼", "vendors_admitted"] is False  # the suspended vendor's contract runs on
