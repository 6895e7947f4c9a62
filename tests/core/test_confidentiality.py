"""Confidentiality: primary and secondary suppression, rates, small units, display frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from isrp_plugin.core.confidentiality import (
    ConfidentialityError,
    flag_small_units,
    primary_mask,
    protect_table,
    rate_mask,
    secondary_suppression,
    to_display,
)


def test_primary_mask_default_and_threshold_5():
    counts = pd.Series([0, 1, 2, 3, 4, 5, np.nan, 120])
    assert primary_mask(counts).tolist() == [False, True, True, False, False, False, False, False]
    assert primary_mask(counts, threshold=5).tolist() == [False, True, True, True, True, False, False, False]


# Hand example: three units and the city, age bands a, b, c plus the row total.
#
#            a    b    c  total
#   u1       2    4    8     14     a=2 is primary (1..2).
#   u2       5    6    3     14     Row u1 then has one hidden cell: 2 = 14 - 4 - 8.
#   u3      10    0    7     17       → hide the smallest other non-zero cell of u1: b=4.
#   city    17   10   18     45     Column a has one hidden cell (2 = 17 - 5 - 10)
#                                     → hide the smallest other non-zero cell: u2/a = 5.
#   Column b has one hidden cell (u1/b): others u2=6, u3=0 (never chosen), city=10 → hide u2/b = 6.
#   Row u2 now has two hidden cells (a, b); every row and column has 0 or 2 hidden cells: stable.
HAND = pd.DataFrame(
    {"a": [2, 5, 10, 17], "b": [4, 6, 0, 10], "c": [8, 3, 7, 18], "total": [14, 14, 17, 45]},
    index=["u1", "u2", "u3", "city"],
)


def test_secondary_hand_example():
    res = protect_table(HAND, total_row="city", total_column="total")
    expected = pd.DataFrame(False, index=HAND.index, columns=HAND.columns)
    expected.loc["u1", "a"] = True  # primary
    expected.loc["u1", "b"] = expected.loc["u2", "a"] = expected.loc["u2", "b"] = True  # secondary
    pd.testing.assert_frame_equal(res.mask, expected)
    assert res.primary.sum().sum() == 1 and res.secondary.sum().sum() == 3
    assert res.display.loc["u1"].tolist() == [".", ".", 8, 14]
    assert res.display.loc["u2"].tolist() == [".", ".", 3, 14]
    assert res.display.loc["u3"].tolist() == [10, 0, 7, 17]
    assert HAND.loc["u1", "a"] == 2  # raw values unchanged
    assert len(res.log) == 3 and "row u1, column b" in res.log[0]


def test_secondary_without_totals_does_nothing():
    primary = primary_mask(HAND)
    mask, log = secondary_suppression(HAND, primary)
    pd.testing.assert_frame_equal(mask, primary)
    assert log == []


def test_secondary_prefers_parts_over_total_and_skips_zero():
    # row: parts 1, 0, 0, 9 and total 10 → hide 9 (not the zeros, not the total)
    v = pd.DataFrame({"p1": [1], "p2": [0], "p3": [0], "p4": [9], "total": [10]})
    mask, _ = secondary_suppression(v, primary_mask(v), total_column="total")
    assert mask.iloc[0].tolist() == [True, False, False, True, False]
    # only zeros besides: the total itself has to go
    v = pd.DataFrame({"p1": [2], "p2": [0], "total": [2]})
    mask, _ = secondary_suppression(v, primary_mask(v), total_column="total")
    assert mask.iloc[0].tolist() == [True, False, True]


def test_implicit_totals_and_unprotectable_relation():
    # units summing to a city total published elsewhere (not in the table)
    v = pd.DataFrame({"kids": [1, 7, 12]}, index=["u1", "u2", "u3"])
    mask, log = secondary_suppression(v, primary_mask(v), implicit_column_totals=True)
    assert mask["kids"].tolist() == [True, True, False]
    # a published total and nothing else to hide: reported, not silently accepted
    v = pd.DataFrame({"kids": [2, 0]}, index=["u1", "u2"])
    mask, log = secondary_suppression(v, primary_mask(v), implicit_column_totals=True)
    assert mask["kids"].tolist() == [True, False]
    assert len(log) == 1 and "column kids" in log[0] and "no other non-zero cell" in log[0]


def test_missing_cells_count_as_unknown():
    # u1: a=1 hidden and b missing → two unknowns in the row: nothing more to hide
    v = pd.DataFrame({"a": [1.0, 4.0], "b": [np.nan, 5.0], "total": [6.0, 9.0]}, index=["u1", "u2"])
    mask, _ = secondary_suppression(v, primary_mask(v), total_column="total")
    assert mask.sum().sum() == 1


def _exposed_relations(values: pd.DataFrame, mask: pd.DataFrame, row_rel: bool, col_rel: bool) -> list:
    """Independent checker: relations with exactly one unknown cell that is suppressed."""
    unknown = mask.to_numpy() | values.isna().to_numpy()
    exposed = []
    if row_rel:
        exposed += [
            ("row", i)
            for i in range(values.shape[0])
            if unknown[i].sum() == 1 and (mask.to_numpy()[i] & unknown[i]).any()
        ]
    if col_rel:
        exposed += [
            ("col", j)
            for j in range(values.shape[1])
            if unknown[:, j].sum() == 1 and (mask.to_numpy()[:, j] & unknown[:, j]).any()
        ]
    return exposed


@pytest.mark.parametrize("seed", range(40))
def test_secondary_random_tables_leave_no_single_hidden_cell(seed):
    rng = np.random.default_rng(seed)
    n_units, n_bands = rng.integers(2, 12), rng.integers(2, 8)
    parts = rng.choice(
        [0, 1, 2, 3, 4, 8, 15, 40], size=(n_units, n_bands), p=[0.15, 0.15, 0.15, 0.1, 0.1, 0.1, 0.1, 0.15]
    )
    table = pd.DataFrame(parts, index=[f"u{i}" for i in range(n_units)], columns=[f"b{j}" for j in range(n_bands)])
    table["total"] = table.sum(axis=1)
    table.loc["city"] = table.sum(axis=0)
    res = protect_table(table, total_row="city", total_column="total")
    assert not (res.primary & ~res.mask).to_numpy().any()  # primary cells stay suppressed
    # with the totals inside the table a total can always be hidden, so every relation is protected
    assert _exposed_relations(table, res.mask, True, True) == []
    assert not any("no other non-zero" in m for m in res.log)
    shown = res.display.to_numpy()[~res.mask.to_numpy()]
    assert not any(0 < v < 3 for v in shown)  # no count 1-2 is shown
    assert (res.display.to_numpy()[res.mask.to_numpy()] == ".").all()


def test_rate_mask():
    num = pd.Series([0, 2, 30, 30, 5], index=list("abcde"))
    den = pd.Series([50, 50, 2, 100, 100], index=list("abcde"))
    assert rate_mask(num, den).tolist() == [False, True, True, False, False]
    # a count hidden by secondary suppression must hide its rate too (rate × denominator = count)
    hidden = pd.Series([False, False, False, False, True], index=list("abcde"))
    assert rate_mask(num, den, numerator_mask=hidden).tolist() == [False, True, True, False, True]


def test_small_units_flag_and_row_suppression():
    pop = pd.Series([150, 300, np.nan, 4000], index=["u1", "u2", "u3", "u4"])
    assert flag_small_units(pop).tolist() == [True, False, True, False]
    v = pd.DataFrame({"a": [50, 60, 70, 80], "b": [5, 6, 7, 8]}, index=pop.index)
    res = protect_table(v, population=pop, suppress_small_units=True)
    assert res.small_units.tolist() == [True, False, True, False]
    assert res.display.loc["u1"].tolist() == [".", "."] and res.display.loc["u2"].tolist() == [60, 6]


def test_to_display_keeps_raw_values():
    v = pd.DataFrame({"a": [1.5, 2.0]})
    m = pd.DataFrame({"a": [False, True]})
    d = to_display(v, m)
    assert d["a"].tolist() == [1.5, "."] and v["a"].tolist() == [1.5, 2.0]


def test_unknown_total_label():
    with pytest.raises(ConfidentialityError, match="'sum'"):
        protect_table(HAND, total_row="sum")
