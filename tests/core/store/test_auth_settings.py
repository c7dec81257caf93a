"""Sign-in settings: the documented defaults, .streamlit/secrets.toml's [access], the environment over
both, values out of range refused in one line, and the trusted proxy only when named."""
import pytest

from core.store import db
from core.store.auth_settings import AuthSettings


def test_the_defaults(tmp_path):
    s = AuthSettings.load({}, tmp_path / "none.toml")
    assert (s.lockout_failures, s.lockout_minutes, s.idle_minutes) == (5, 15, 30)
    assert (s.password_min_length, s.password_classes, s.password_max_age_days) == (12, 3, 0)
    assert s.trusted_proxy_header == "" and s.trusted_proxies == () and s.demo_autologin == ""


def test_the_secrets_file_and_the_environment_over_it(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text('[access]\nlockout_failures = 3\nidle_minutes = 10\n'
                    'trusted_proxy_header = "X-Forwarded-User"\ntrusted_proxies = ["10.0.0.5"]\n', encoding="utf-8")
    s = AuthSettings.load({"JGSW_IDLE_MINUTES": "20", "JGSW_DEMO_AUTOLOGIN": "Viewer"}, path)
    assert (s.lockout_failures, s.idle_minutes, s.lockout_minutes) == (3, 20, 15)
    assert s.trusted_proxy_header == "X-Forwarded-User" and s.trusted_proxies == ("10.0.0.5",)
    assert s.demo_autologin == "viewer"


@pytest.mark.parametrize(("env", "message"), [
    ({"JGSW_LOCKOUT_FAILURES": "0"}, "between 1 and 100"),
    ({"JGSW_IDLE_MINUTES": "soon"}, "whole number"),
    ({"JGSW_PASSWORD_MIN_LENGTH": "6"}, "between 8 and 128"),
])
def test_a_bad_value_is_one_line(tmp_path, env, message):
    with pytest.raises(db.StoreError, match=message):
        AuthSettings.load(env, tmp_path / "none.toml")


def test_a_proxy_header_counts_only_from_a_named_proxy():
    assert not AuthSettings().proxy_trusted("127.0.0.1")  # off unless the deployment turns it on
    assert not AuthSettings(trusted_proxy_header="X-Forwarded-User").proxy_trusted("127.0.0.1")  # and names the proxy
    named = AuthSettings(trusted_proxy_header="X-Forwarded-User", trusted_proxies=("10.0.0.5",))
    assert named.proxy_trusted("10.0.0.5")
    assert not named.proxy_trusted("10.0.0.6") and not named.proxy_trusted(None)
