"""A scenario's settings written as sentences (for the pack, the Scenarios page and saved versions):
never the raw JSON a scenario is stored as."""
from __future__ import annotations

from typing import Any

from core.i18n import STRINGS, fmt_pct, join, label, t
from core.views.cells import yes_no


def _svc(code: object, lang: str) -> str:
    return label("service", code, lang) if f"service.{code}" in STRINGS else str(code)


def _dlv(code: object, lang: str) -> str:
    return label("delivery", code, lang) if f"delivery.{code}" in STRINGS else str(code)


def setting_name(key: str, lang: str) -> str:
    """A setting's name: the lever's own name where it has one."""
    for k in (f"sim.lever.{key}", f"setting.name.{key}"):
        if k in STRINGS:
            return t(k, lang)
    return key


def setting_sentence(key: str, value: Any, lang: str) -> str:
    """One setting of a scenario in words."""
    if key == "fee_cap":
        on = value.get("enabled", False) if isinstance(value, dict) else bool(value)
        if not on:
            return t("setting.off", lang)
        tol = value.get("tolerance") if isinstance(value, dict) else None
        return t("setting.fee_cap", lang, tolerance=fmt_pct(tol, 0) if tol is not None else t("setting.book", lang))
    if key == "bundling" and isinstance(value, dict):
        return join((t("setting.lots", lang, service=_svc(s, lang), n=n) for s, n in value.items()), lang) or \
            t("setting.off", lang)
    if key == "convert_rule" and isinstance(value, dict):
        services = value.get("services") or []
        return t("setting.convert_rule", lang, frm=_dlv(value.get("from"), lang), to=_dlv(value.get("to"), lang),
                 services=join((_svc(s, lang) for s in services), lang) if services else t("setting.all_services", lang))
    if key == "conversions" and isinstance(value, list):
        return join((t("setting.conversion", lang, building=c.get("building", ""), service=_svc(c.get("service"), lang),
                       to=_dlv(c.get("to"), lang)) for c in value if isinstance(c, dict)), lang) or t("setting.none", lang)
    if key == "scope" and isinstance(value, dict):
        b, s = value.get("buildings") or [], value.get("services") or []
        return t("setting.scope", lang, buildings=join(b, lang) if b else t("setting.all_buildings", lang),
                 services=join((_svc(x, lang) for x in s), lang) if s else t("setting.all_services", lang))
    if key == "horizon_years":
        return t("setting.years", lang, n=value)
    return _generic(value, lang)


def _generic(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return t("setting.on", lang) if value else t("setting.off", lang)
    if value is None:
        return t("setting.book", lang)
    if isinstance(value, float) and 0 < abs(value) < 1:
        return fmt_pct(value, 0)
    if isinstance(value, list | tuple):
        return join((_generic(v, lang) for v in value), lang) or t("setting.none", lang)
    if isinstance(value, dict):
        return join((f"{setting_name(str(k), lang)}{'：' if lang == 'zh' else ': '}{_generic(v, lang)}"
                     for k, v in value.items()), lang)
    if isinstance(value, str):
        return _svc(value, lang) if f"service.{value}" in STRINGS else _dlv(value, lang)
    return str(value)


def settings_rows(levers: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(setting, sentence) for every setting a scenario was saved with, in the levers' order."""
    return [(setting_name(k, lang), setting_sentence(k, v, lang)) for k, v in levers.items()]


__all__ = ["setting_name", "setting_sentence", "settings_rows", "yes_no"]
