"""A saved scenario moves 拟稿 → 审核 → 批准 with who and when; only a role that may adopt a plan approves."""
from tests.app.conftest import assert_clean, run_app


def _button(at, key):
    return next(b for b in at.button if b.key == key)


def _pick(at, name):
    next(s for s in at.selectbox if s.key == "scen_status_pick").set_value(name).run()


def test_an_analyst_submits_and_cannot_approve_then_an_admin_approves():
    at = run_app("zh", "pages/scenarios.py")
    assert_clean(at)
    at.session_state["_role"] = "analyst"
    _pick(at, "标准先行")
    assert any("状态：拟稿" in m.value for m in at.markdown)
    _button(at, "scen_submit").click().run()
    assert_clean(at)
    assert "“标准先行”已送审。" in at.success[0].value
    _pick(at, "标准先行")
    assert any("状态：审核中" in m.value and "送审：" in m.value for m in at.markdown)
    _button(at, "scen_approve").click().run()  # an analyst may not approve: one line, nothing written
    assert any("没有批准方案的权限" in e.value for e in at.error)
    assert any("状态：审核中" in m.value for m in at.markdown)
    at.session_state["_role"] = "admin"
    _button(at, "scen_approve").click().run()
    assert_clean(at)
    assert "“标准先行”已批准。" in at.success[0].value
    _pick(at, "标准先行")
    trail = next(m.value for m in at.markdown if "状态：" in m.value)
    assert "状态：已批准" in trail and "批准：" in trail and "送审：" in trail  # who and when, each step
    table = next(d.value for d in at.dataframe if "审批状态" in d.value.columns)
    assert table.set_index("方案").at["标准先行", "审批状态"] == "已批准"
