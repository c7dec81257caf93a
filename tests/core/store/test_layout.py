"""A row's natural key as people read it: labels, never codes."""
from core.store.layout import key_label


def test_a_key_reads_with_labels():
    # the issue's example: the cost record of 市行政中心's cleaning for the whole of 2025
    assert key_label("cost_records", "市行政中心/cleaning/2025/0", "zh") == "市行政中心 · 保洁 · 2025 · 全年"
    assert key_label("cost_records", "市行政中心/cleaning/2025/3", "en") == "市行政中心 · Cleaning · 2025 · month 3"
    assert key_label("vendor_decisions", "丁公司/2022-01-01/blacklisted", "zh") == "丁公司 · 2022-01-01 · 列入黑名单"
    # what is not a table's key stays as it is
    assert key_label("scenarios", "全面整合", "zh") == "全面整合"
    assert key_label("cost_records", "odd/key", "zh") == "odd/key"
