"""The sign-in rules a deployment may set: lockout, idle timeout, password policy, a trusted proxy.

They come from environment variables (``JGSW_…``) or from the ``[access]`` section of
``.streamlit/secrets.toml`` (the environment wins), with the defaults below; the README lists them.
They are security settings, not cost factors, so they are not in the assumption book.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from core.store import db

SECRETS_FILE = db.ROOT / ".streamlit" / "secrets.toml"
SECTION = "access"
DEMO_AUTOLOGIN_ENV = "JGSW_DEMO_AUTOLOGIN"  # only from the environment: see README "Demo sign-in"

# setting → (environment variable, lowest, highest) for numbers
_BOUNDS: dict[str, tuple[str, float, float]] = {
    "lockout_failures": ("JGSW_LOCKOUT_FAILURES", 1, 100),
    "lockout_minutes": ("JGSW_LOCKOUT_MINUTES", 1, 24 * 60),
    "idle_minutes": ("JGSW_IDLE_MINUTES", 1, 24 * 60),
    "password_min_length": ("JGSW_PASSWORD_MIN_LENGTH", 8, 128),
    "password_classes": ("JGSW_PASSWORD_CLASSES", 1, 4),
    "password_max_age_days": ("JGSW_PASSWORD_MAX_AGE_DAYS", 0, 3650),
}


@dataclass(frozen=True)
class AuthSettings:
    """Sign-in rules. Defaults: 5 failures lock an account for 15 minutes; 30 idle minutes end a
    session; passwords of at least 12 characters from 3 of the 4 kinds (lower case, upper case,
    digits, other), never containing the login name; no expiry (0 days)."""

    lockout_failures: int = 5
    lockout_minutes: int = 15
    idle_minutes: int = 30
    password_min_length: int = 12
    password_classes: int = 3
    password_max_age_days: int = 0
    trusted_proxy_header: str = ""  # e.g. "X-Forwarded-User"; empty: no header is trusted
    trusted_proxies: tuple[str, ...] = ()  # the proxy's address(es); the header counts only from these
    demo_autologin: str = ""  # viewer | analyst | admin, honoured only on a synthetic store

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, secrets_file: Path | None = None) -> AuthSettings:
        """The settings from ``environ`` (default: the process's) over ``secrets_file``'s ``[access]``;
        :class:`core.store.db.StoreError` names a value that is not allowed."""
        env = os.environ if environ is None else environ
        section = _section(secrets_file or SECRETS_FILE)
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in _BOUNDS:
                var, low, high = _BOUNDS[f.name]
                raw = env.get(var, "").strip() or section.get(f.name)
                if raw is None or raw == "":
                    continue
                try:
                    number = int(raw)
                except (TypeError, ValueError):
                    raise db.StoreError(f"{var} / [access] {f.name} must be a whole number, not {raw!r}") from None
                if not low <= number <= high:
                    raise db.StoreError(f"{var} / [access] {f.name} must be between {low:g} and {high:g}, not {number}")
                values[f.name] = number
        header = env.get("JGSW_TRUSTED_PROXY_HEADER", "").strip() or str(section.get("trusted_proxy_header", "")).strip()
        proxies = env.get("JGSW_TRUSTED_PROXIES", "").strip()
        listed = [p.strip() for p in proxies.split(",")] if proxies else section.get("trusted_proxies", [])
        if isinstance(listed, str):
            listed = [listed]
        values["trusted_proxy_header"] = header
        values["trusted_proxies"] = tuple(str(p).strip() for p in listed if str(p).strip())
        values["demo_autologin"] = env.get(DEMO_AUTOLOGIN_ENV, "").strip().lower()
        return cls(**values)

    def proxy_trusted(self, address: str | None) -> bool:
        """Whether a request from ``address`` may name its user in :attr:`trusted_proxy_header`:
        only when the deployment names both the header and the proxy, and the request comes from it."""
        return bool(self.trusted_proxy_header and self.trusted_proxies and address and address in self.trusted_proxies)


def _section(path: Path) -> Mapping[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise db.StoreError(f"{path} cannot be read: {exc}") from None
    section = data.get(SECTION, {})
    return section if isinstance(section, dict) else {}
