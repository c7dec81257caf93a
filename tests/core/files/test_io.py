"""File layout helpers: formula neutralising and CSV reading."""
import pandas as pd

from core.store.layout import SPECS
from core.store.text import neutralise_formulas


def test_formula_cells_are_neutralised_and_numbers_kept():
    df = pd.DataFrame({"text": ["=SUM(A1:A9)", "+1", "-cmd", "@x", "plain", "负数-1"], "n": [-1, 2, 3, 4, 5, 6]})
    out = neutralise_formulas(df)
    assert out["text"].tolist() == ["'=SUM(A1:A9)", "'+1", "'-cmd", "'@x", "plain", "负数-1"]
    assert out["n"].tolist() == [-1, 2, 3, 4, 5, 6]
    assert df["text"].iloc[0] == "=SUM(A1:A9)"  # the input is left alone


def test_every_table_spec_names_its_key_among_its_columns():
    for spec in SPECS.values():
        assert set(spec.key) <= set(spec.columns), spec.name
