"""One rounding per figure: a column keeps the decimals its view rounded it to, on the page, in the PDF,
on a slide and in the workbook."""
import io

import pandas as pd
from openpyxl import load_workbook

from core.sharing import pack
from core.views.cells import column_decimals, table_texts


def test_a_rounded_column_keeps_its_decimals():
    assert column_decimals([72.3, 72.4, 80.0]) == 1  # a score rounded to one decimal: 72.3, never 72.30
    assert column_decimals([1064.1, 732.1]) == 1  # 万元 to one decimal, however large
    assert column_decimals([3.0, 12.0]) == 0
    assert column_decimals([0.25, 1.5]) == 2
    # figures nobody rounded fall back to their size: 2 below 10, 1 below 1,000, none above
    assert column_decimals([181.1433198]) == 1 and column_decimals([1.23456]) == 2 and column_decimals([12345.678]) == 0
    assert column_decimals([float("nan")]) == 0


def test_the_pack_prints_the_figure_the_chart_shows():
    frame = pd.DataFrame({"企业": ["甲", "乙"], "均分": [72.3, 80.0], "份额": [-0.0, 12.5]})
    assert table_texts(frame, "zh") == [["甲", "72.3", "0.0"], ["乙", "80.0", "12.5"]]
    html = pack.html_table(frame)
    assert "72.3<" in html and "72.30" not in html


def test_the_workbook_formats_a_column_with_its_decimals(tiny):
    safe, formats = pack._sheet_frame(pd.DataFrame({"均分": [72.3, 80.0], "人数": [3.0, 4.0]}), "zh")
    assert formats == {"均分": "#,##0.0", "人数": "#,##0"}
    buf = io.BytesIO()
    safe.to_excel(buf, index=False)
    assert load_workbook(io.BytesIO(buf.getvalue())).active["A2"].value == 72.3
