"""Large changes against the stored value: listed at the Bureau's tolerance, confirmed before anything is written."""
import pandas as pd
import pytest
from sqlmodel import Session

from core.files import changes, checks, editor, loader
from core.files.changes import Change
from core.store import db, repo
from tests.conftest import both_backends, counts
from tests.factories import SYSTEM, person

pytestmark = both_backends


@pytest.mark.parametrize(("old", "new", "large"), [
    (100, 53, True),    # (53 − 100) / 100 = −47 %: beyond 30 %
    (100, 80, False),   # −20 %
    (100, 130, False),  # +30 % exactly: not *more* than the line
    (100, 131, True),   # +31 %
    (0, 5, True),       # a stored 0 changed to anything non-zero
    (0, 0, False),
    (100, None, True),  # a stored figure cleared
    (0, None, False),
    (None, 100, False),  # filling in an empty figure is no change against a stored value
    (-100, -140, True),  # relative to the stored value's size: −40 %
])
def test_a_change_is_large_beyond_the_tolerance(old, new, large):
    assert changes.is_large(old, new, 0.30) is large


def test_the_share_and_how_it_reads():
    assert Change("buildings", "市行政中心", "gross_floor_area_m2", 100.0, 53.0).share == pytest.approx(-0.47)
    assert changes.change_text(Change("buildings", "x", "gross_floor_area_m2", 100.0, 53.0), "zh") == "-47%"
    assert changes.change_text(Change("buildings", "x", "gross_floor_area_m2", 100.0, None), "en") == "-100%"
    assert changes.change_text(Change("buildings", "x", "gross_floor_area_m2", 0.0, 5.0), "zh") == "原值为 0"


def test_figures_are_measured_not_codes():
    assert changes.figure_columns("buildings") == ["gross_floor_area_m2"]  # not year_built, not tier
    assert "staff" in changes.figure_columns("occupancy")
    assert "year" not in changes.figure_columns("cost_records") and "labour" in changes.figure_columns("cost_records")


def test_confirmation_covers_what_it_names():
    a = Change("buildings", "A", "gross_floor_area_m2", 100.0, 53.0)
    b = Change("buildings", "B", "gross_floor_area_m2", 0.0, 1.0)
    assert changes.unconfirmed([a, b], False) == [a, b]
    assert changes.unconfirmed([a, b], True) == []
    assert changes.unconfirmed([a, b], {a}) == [b]


def test_the_tolerance_is_the_books(demo):
    with Session(demo) as s:
        assert changes.tolerance(s) == 0.30


def buildings_csv(**areas: float) -> list[tuple[str, bytes]]:
    rows = "".join(f"{name},{area}\n" for name, area in areas.items())
    return [("buildings.csv", ("name,gross_floor_area_m2\n" + rows).encode())]


def test_an_import_cutting_a_figure_by_47_percent_is_listed_and_written_only_when_confirmed(demo):
    # 市行政中心 58,000 ㎡ → 30,740 ㎡: (30740 − 58000) / 58000 = −47 %, listed;
    # 市民服务中心 32,000 → 28,000: −12.5 %, not listed
    files = buildings_csv(市行政中心=30740, 市民服务中心=28000)
    plan = loader.import_files(demo, files, lang="zh", dry_run=True, actor=SYSTEM)
    assert plan.ok and plan.tolerance == 0.30
    assert plan.large == [Change("buildings", "市行政中心", "gross_floor_area_m2", 58000.0, 30740.0)]
    shown = changes.changes_frame(plan.large, "zh")
    assert shown.iloc[0].tolist() == ["办公楼（区）", "市行政中心", "建筑面积（㎡）", "58000", "30740", "-47%"]
    before = counts(demo)
    with pytest.raises(db.Refused) as refused:
        loader.import_files(demo, files, lang="zh", actor=person("t"))
    assert refused.value.text("zh").startswith("有 1 处数值变动超过原值的 30%")
    assert "Nothing was written" in refused.value.text("en")
    assert counts(demo) == before
    done = loader.import_files(demo, files, lang="zh", actor=person("t"), confirmed=set(plan.large))
    assert done.written
    with Session(demo) as s:
        area = checks.canonical("buildings", repo.natural_frames(s, tables=["buildings"])["buildings"])
    assert area.set_index("name").at["市行政中心", "gross_floor_area_m2"] == 30740


def test_a_confirmation_of_other_changes_does_not_cover_new_ones(demo):
    files = buildings_csv(市行政中心=30740)
    other = Change("buildings", "市行政中心", "gross_floor_area_m2", 58000.0, 1.0)  # not what the file does
    with pytest.raises(changes.Unconfirmed) as refused:
        loader.import_files(demo, files, actor=person("t"), confirmed={other})
    assert refused.value.changes == [Change("buildings", "市行政中心", "gross_floor_area_m2", 58000.0, 30740.0)]


def test_a_small_change_needs_no_confirmation(demo):
    assert loader.import_files(demo, buildings_csv(市行政中心=50000), actor=person("t")).written  # −13.8 %


def test_an_edit_in_the_grid_is_refused_until_confirmed(demo):
    loaded = editor.load_table(demo, "cost_records")
    edited = editor.editor_frame(loaded, "cost_records", "zh")
    first = edited.index[0]
    labour = float(edited.at[first, "labour"])  # 市行政中心 · 物业综合管理 · 2019 全年: 373,090
    edited.at[first, "labour"] = round(labour * 0.53)  # −47 %
    edited.at[first, "materials"] = 0  # 40,350 → 0: −100 %
    preview = editor.preview_edit(demo, table="cost_records", loaded=loaded, edited=edited, lang="zh")
    assert [(c.column, c.old, c.new) for c in preview.large] == [("labour", 373090.0, 197738.0),
                                                                 ("materials", 40350.0, 0.0)]
    assert changes.changes_frame(preview.large, "zh")["记录"].tolist() == ["市行政中心 · 物业综合管理 · 2019 · 全年"] * 2
    with pytest.raises(changes.Unconfirmed):
        editor.save_edit(demo, table="cost_records", loaded=loaded, edited=edited, actor=person("t"), lang="zh")
    assert editor.load_table(demo, "cost_records").at[first, "labour"] == labour  # nothing written
    done = editor.save_edit(demo, table="cost_records", loaded=loaded, edited=edited, actor=person("t"), lang="zh",
                            confirmed=True)
    assert done.written and done.large == preview.large


def test_an_edit_listing_every_changed_cell(demo):
    loaded = editor.load_table(demo, "buildings")
    edited = editor.editor_frame(loaded, "buildings", "en")
    edited.loc[0, "gross_floor_area_m2"] = 30740  # 58,000 → 30,740: −47 %
    edited.loc[0, "district"] = "新街道"
    edited = pd.concat([edited, pd.DataFrame([{"id": None, "name": "新楼", "district": "城中街道",
                                               "gross_floor_area_m2": 1000.0, "year_built": 2020, "tier": 2,
                                               "managed_by": "市机关事务管理局"}])], ignore_index=True)
    plan = editor.preview_edit(demo, table="buildings", loaded=loaded, edited=edited, lang="en")
    cells = editor.changed_cells(plan, "en")
    assert cells[["Row", "Column", "Stored", "New", "Change"]].values.tolist() == [
        ["市行政中心", "District", "城中街道", "新街道", ""],
        ["市行政中心", "Floor area (m²)", "58000", "30740", "-47%"]]
    assert cells["Beyond the line"].tolist() == ["", "✔"]


def test_the_cli_lists_large_changes_and_writes_them_only_with_the_flag(demo_copy, tmp_path, capsys):
    from core.cli import main

    path = tmp_path / "buildings.csv"
    path.write_text("name,gross_floor_area_m2\n市行政中心,30740\n", encoding="utf-8")  # 58,000 → 30,740: −47 %
    assert main(["import", str(path), "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "办公楼（区） · 市行政中心 · 建筑面积（㎡）：58000 → 30740（-47%）" in err
    assert "未写入任何数据" in err and "--confirm-large-changes" in err
    engine = db.make_engine()
    assert editor.load_table(engine, "buildings").set_index("name").at["市行政中心", "gross_floor_area_m2"] == 58000
    assert main(["import", str(path), "--dry-run"]) == 0
    assert "-47%" in capsys.readouterr().out
    assert main(["import", str(path), "--confirm-large-changes"]) == 0
    assert editor.load_table(engine, "buildings").set_index("name").at["市行政中心", "gross_floor_area_m2"] == 30740
    engine.dispose()
