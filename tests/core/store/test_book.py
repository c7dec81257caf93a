"""The assumption book: dated series, the value in force on a date, and means over a year."""
import datetime as dt

import pandas as pd
import pytest

from core.store.book import AssumptionBook

ROWS = [  # a wage series that changes on 1 Aug 2024, and a constant rate
    ("wage", "工资", "Wage", 2_280.0, "CNY/month", "sourced", "苏人社发〔2021〕72号", "2021-08-01"),
    ("wage", "工资", "Wage", 2_490.0, "CNY/month", "sourced", "Xinhua 2024-01-16", "2024-08-01"),
    ("vat", "增值税", "VAT", 0.06, "fraction", "sourced", "现代服务业", "2019-01-01"),
]


@pytest.fixture
def book() -> AssumptionBook:
    frame = pd.DataFrame(ROWS, columns=["key", "name_zh", "name_en", "value", "unit", "basis", "source",
                                        "effective_date"])
    return AssumptionBook(frame.iloc[::-1])  # any order in, sorted by key and date inside


def test_the_value_in_force_on_a_date(book):
    assert book.value("wage", dt.date(2024, 7, 31)) == 2_280.0
    assert book.value("wage", dt.date(2024, 8, 1)) == 2_490.0
    assert book.value("wage") == 2_490.0  # latest
    f = book.factor("wage", dt.date(2022, 1, 1))
    assert (f.name("zh"), f.name("en"), f.source, f.effective_date) == ("工资", "Wage", "苏人社发〔2021〕72号",
                                                                      dt.date(2021, 8, 1))


def test_a_year_mean_weights_each_value_by_its_months(book):
    # 2024: seven months at 2,280 (Jan-Jul) and five at 2,490 (Aug-Dec) → (7 × 2,280 + 5 × 2,490) / 12 = 2,367.5
    assert book.annual_mean("wage", 2024) == pytest.approx(2_367.5)
    assert book.annual_mean("vat", 2024) == pytest.approx(0.06)


def test_unknown_factor_or_date_before_the_first_entry_is_a_clear_error(book):
    with pytest.raises(KeyError, match="no factor 'nothing'"):
        book.value("nothing")
    with pytest.raises(KeyError, match="'wage' on 2020-01-01"):
        book.value("wage", dt.date(2020, 1, 1))
    assert "vat" in book and "nothing" not in book


def test_latest_lists_each_key_once_with_its_newest_entry(book):
    latest = book.latest().set_index("key")
    assert sorted(latest.index) == ["vat", "wage"]
    assert latest.at["wage", "value"] == 2_490.0
