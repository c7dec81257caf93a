"""Every visible string exists in Chinese and English; every enum value has a name in both."""
import pytest

from core.i18n import GLOSSARY, LANGS, STRINGS, fmt_money, fmt_pct, label, labels, t
from core.store import models

ENUM_GROUPS = {
    "mode": models.SupportMode, "delivery": models.DeliveryType, "service": models.ServiceCode,
    "channel": models.ProcurementChannel, "status": models.AdmissionStatus,
    "dept_kind": models.DepartmentKind, "basis": models.Basis,
}


def test_every_key_has_both_languages():
    missing = [k for k, v in STRINGS.items() for lang in LANGS if not v.get(lang, "").strip()]
    assert missing == []


@pytest.mark.parametrize("group", sorted(ENUM_GROUPS))
def test_every_enum_value_has_a_label(group):
    values = {m.value for m in ENUM_GROUPS[group]}
    assert set(labels(group, "zh")) == values
    assert all(label(group, v, "en") for v in values)


def test_placeholders_agree_between_languages():
    import string

    def fields(s: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(s) if f}

    assert [k for k, v in STRINGS.items() if fields(v["zh"]) != fields(v["en"])] == []


def test_lookup_and_formats():
    assert t("page.overview", "zh") == "总览"
    assert t("page.overview", "en") == "Overview"
    assert label("mode", "self", "zh") == "自我保障"
    assert fmt_money(12_345_678, "zh") == "1,234.6 万元"
    assert fmt_money(12_345_678, "en") == "CNY 12.35 m"
    assert fmt_money(198_264_000, "zh") == "1.98 亿元"
    assert fmt_pct(-0.0162, signed=True) == "-1.6%"
    assert all(len(g) == 4 and all(g) for g in GLOSSARY)
