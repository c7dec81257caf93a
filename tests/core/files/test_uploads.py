"""Uploading a corrected file again: only the last file of a name counts."""
from core.files.uploads import latest_by_name


def test_the_last_upload_of_a_name_replaces_the_earlier_one():
    files = [("楼宇.csv", b"old"), ("入驻.csv", b"a"), ("楼宇.csv", b"corrected")]
    kept, replaced = latest_by_name(files)
    assert kept == [("楼宇.csv", b"corrected"), ("入驻.csv", b"a")]  # in the first one's place
    assert replaced == ["楼宇.csv"]


def test_names_differing_in_case_are_the_same_file():
    kept, replaced = latest_by_name([("Buildings.csv", b"1"), ("buildings.CSV", b"2")])
    assert kept == [("buildings.CSV", b"2")] and replaced == ["buildings.CSV"]


def test_different_names_all_count():
    files = [("a.csv", b"1"), ("b.xlsx", b"2")]
    assert latest_by_name(files) == (files, [])
