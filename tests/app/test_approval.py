"""A saved scenario moves 拟稿 → 审核 → 批准 with who and when; only a role the matrix lets approve
(Permission.approve_scenario: the administrator) approves or sends back."""
from tests.app.conftest import assert_clean, open_lazy, run_app, signed_in_state
from tests.factories import TEST_LOGINS
from ui import auth


def _button(at, key):
    return next(b for b in at.button if b.key == key)


def _pick(at, name):
    next(s for s in at.selectbox if s.key == "scen_status_pick").set_value(name).run()


def test_an_analyst_submits_and_cannot_approve_then_an_admin_approves():
    at = open_lazy(run_app("zh", "pages/scenarios.py", role="analyst"), "scen_status")  # the 审批 panel
    assert_clean(at)
    _pick(at, "标准先行")
    assert any("状态：拟稿" in m.value for m in at.markdown)
    _button(at, "scen_submit").click().run()
    assert_clean(at)
    assert "“标准先行”已送审。" in at.success[0].value
    _pick(at, "标准先行")
    assert any("状态：审核中" in m.value and "送审：" in m.value for m in at.markdown)
    # an analyst may not approve: the buttons are off and say why (core refuses too: tests/core/test_permissions.py)
    assert _button(at, "scen_approve").disabled and _button(at, "scen_send_back").disabled
    assert any("批准和退回需要管理员权限" in c.value for c in at.caption)
    at.session_state[auth.SESSION_KEY] = signed_in_state("admin")
    at.run()
    _pick(at, "标准先行")
    assert not _button(at, "scen_approve").disabled
    _button(at, "scen_approve").click().run()
    assert_clean(at)
    assert "“标准先行”已批准。" in at.success[0].value
    _pick(at, "标准先行")
    trail = next(m.value for m in at.markdown if "状态：" in m.value)
    assert "状态：已批准" in trail and "批准：" in trail and "送审：" in trail  # who and when, each step
    assert TEST_LOGINS["analyst"] in trail.split("批准：")[0] and TEST_LOGINS["admin"] in trail.split("批准：")[1]
    table = next(d.value for d in at.dataframe if "审批状态" in d.value.columns)
    assert table.set_index("方案").at["标准先行", "审批状态"] == "已批准"
