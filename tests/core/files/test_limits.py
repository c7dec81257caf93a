"""Limits before work (issue 15, item 1): a tiny file that would take the server's memory is refused
before the expensive read, with one message naming the limit, and nothing is written.

Every hostile file is made here, in the test: a workbook whose one cell sits at XFD1048576, the same
with its size statement removed, a CSV line of two million commas, a file of millions of bad cells, a
backup that says it unpacks to more than a backup may.
"""
import io as _io
import re
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from core.files import backup, io, loader
from core.store import limits
from tests.conftest import both_backends, counts
from tests.factories import SYSTEM, person

pytestmark = both_backends


def workbook(cell: str, *, title: str = "buildings", declared: bool = True) -> bytes:
    """A workbook holding a header and one value at ``cell``; without its <dimension> when not ``declared``."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(["name", "district", "gross_floor_area_m2", "year_built", "tier", "managed_by"])
    ws[cell] = "x"
    buf = _io.BytesIO()
    wb.save(buf)
    if declared:
        return buf.getvalue()
    out = _io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)  # the sheet no longer says how big it is
            dst.writestr(item, data)
    return out.getvalue()


def refuse(engine, name: str, data: bytes, code: str, words: str, **options) -> None:
    """Importing for real is refused with one problem of ``code`` saying ``words``; nothing is written."""
    before = counts(engine)
    plan = loader.import_files(engine, [(name, data)], lang="en", actor=person("test"), **options)
    assert not plan.written
    assert plan.problems["code"].tolist() == [code], plan.problems.to_dict("records")
    assert words in plan.problems["reason"].iloc[0], plan.problems["reason"].iloc[0]
    assert counts(engine) == before


def test_a_5_kb_workbook_whose_cell_is_at_xfd1048576_is_refused_before_a_row_is_read(demo, monkeypatch):
    data = workbook("XFD1048576")
    assert len(data) < 10_000  # a few kilobytes: the danger is in what it declares, not in its size

    def never(ws):  # the expensive read: rows streamed out of the sheet
        raise AssertionError("the sheet was read although its declared size is beyond the limits")

    monkeypatch.setattr(io, "_sheet_rows", never)
    refuse(demo, "buildings.xlsx", data, "too_many_rows", "more than 300,000 rows (it reaches row 1,048,576)")


def test_a_workbook_that_hides_its_size_is_stopped_while_streaming_in_bounded_memory(demo, monkeypatch):
    monkeypatch.setattr(io, "MAX_ROWS", 2_000)  # the same rule, reached sooner: the test stays quick
    data = workbook("A1048576", declared=False)
    tracemalloc.start()
    refuse(demo, "buildings.xlsx", data, "too_many_rows", "more than 2,000 rows (it reaches row 2,002)")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50 * 2**20  # megabytes, never the gigabytes a padded grid of a million rows takes


def test_a_workbook_that_hides_a_cell_at_column_xfd_is_refused_naming_the_columns(demo):
    refuse(demo, "buildings.xlsx", workbook("XFD2", declared=False), "too_many_columns",
           "more than 100 columns (16,384)")


def test_a_csv_line_of_two_million_commas_is_refused_before_pandas_parses_it(demo, monkeypatch):
    data = b"," * 2_000_000 + b"\n"  # 2 MB: two million and one columns

    def never(text, sep):
        raise AssertionError("the CSV was parsed although its header is wider than the limit")

    monkeypatch.setattr(io, "_parse_csv", never)
    refuse(demo, "buildings.csv", data, "too_many_columns", "more than 100 columns (2,000,001)")


def test_a_csv_with_more_lines_than_rows_allowed_is_refused_before_it_is_parsed(demo, monkeypatch):
    monkeypatch.setattr(io, "MAX_ROWS", 10)
    monkeypatch.setattr(io, "_parse_csv", lambda text, sep: pytest.fail("parsed"))
    lines = "name,district\n" + "".join(f"楼{i},城中\n" for i in range(11))  # 11 rows, one too many
    refuse(demo, "buildings.csv", lines.encode(), "too_many_rows", "more than 10 rows (it reaches row 12)")


def test_thousands_of_bad_cells_give_the_first_problems_and_a_count_per_kind(demo):
    """600 rows (50 years × 12 months) with two bad cells each: 1,200 problems found, 500 listed,
    both kinds counted in full. (A file of millions is bounded the same way.)"""
    rows = "".join(f"市行政中心,cleaning,{2000 + i // 12},{i % 12 + 1},abc,-1\n" for i in range(600))
    data = ("building,service,year,month,labour,on_costs\n" + rows).encode()
    before = counts(demo)
    plan = loader.import_files(demo, [("cost_records.csv", data)], lang="en", actor=person("test"))
    assert not plan.written and counts(demo) == before
    assert plan.problem_counts == {"not_number": 600, "below": 600}  # every one counted
    assert plan.problem_total == 1_200 and len(plan.problems) == limits.MAX_PROBLEMS == 500
    kinds = plan.problem_kinds("en")
    assert kinds.iloc[:, 1].tolist() == [600, 600]
    assert set(kinds.iloc[:, 0]) == {"not a number", "must be at least 0"}


def test_a_backup_that_unpacks_to_more_than_allowed_is_refused_before_a_member_is_read(demo, monkeypatch):
    data, _ = backup.backup_bytes(demo, actor=SYSTEM)
    monkeypatch.setattr(backup, "MAX_BACKUP_UNPACKED_BYTES", 1_000)  # a real backup, a smaller limit
    monkeypatch.setattr(backup, "_rows", lambda *a: pytest.fail("a member was read"))
    before = counts(demo)
    with pytest.raises(backup.db.StoreError, match=r"backup\.zip unpacks to \d+ MB; a backup may unpack to at most"):
        backup.restore(demo, data, name="backup.zip", actor=person("test"))
    assert counts(demo) == before


def test_a_backup_file_over_the_size_limit_is_refused_unopened(demo, monkeypatch):
    monkeypatch.setattr(backup, "MAX_BACKUP_BYTES", 100)
    monkeypatch.setattr(backup.zipfile, "ZipFile", lambda *a, **k: pytest.fail("opened"))
    before = counts(demo)
    with pytest.raises(backup.db.StoreError, match="a backup may be at most 200 MB"):
        backup.restore(demo, b"PK" + b"\0" * 200, name="big.zip", actor=person("test"))
    assert counts(demo) == before


def test_the_readme_states_every_limit_as_the_code_has_it():
    """The limits people read are the limits the code applies (README, both languages)."""
    readme = (io.DATA_DIR.parent / "README.md").read_text(encoding="utf-8")
    for figure in (f"{limits.MAX_FILE_MB} MB", f"{limits.MAX_UNPACKED_MB} MB", f"{limits.MAX_ROWS:,}",
                   f"{limits.MAX_COLUMNS}", f"{limits.MAX_CELL_CHARS:,}", f"{limits.MAX_PROBLEMS}",
                   f"{limits.MAX_BACKUP_MB} MB", f"{limits.MAX_BACKUP_UNPACKED_MB:,} MB", f"{limits.MAX_LINK_CHARS:,}",
                   f"{limits.MAX_LEVERS_BYTES:,}", f"{limits.MAX_LEVERS_DEPTH}", f"{limits.MAX_NAME_CHARS}"):
        section = readme[readme.index("## Limits"):]
        chinese, english = section.split("**English**")[0], section.split("**English**")[1]
        assert figure in english and figure in chinese, figure
