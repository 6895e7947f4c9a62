"""Similar districts by standardised Euclidean distance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import seuclidean

from isrp_plugin.core.similarity import SimilarityError, distance_matrix, rank_similar, standardise

# Hand example (population SD):
#   x = 1, 2, 3, -, 10   (unit d missing)  mean 4,  SD sqrt(50/4)  = 3.535534
#   y = 10, 20, 30, 40, -  (unit e missing) mean 25, SD sqrt(500/4) = 11.180340
# Distances to a:
#   b: dx = 1/3.535534 = 0.282843, dy = 10/11.180340 = 0.894427 → sqrt(0.08 + 0.8) = 0.938083
#   c: twice b = 1.876166
#   d: only y: dy = 30/11.180340 = 2.683282, scaled by sqrt(2/1) → 3.794733
#   e: only x: dx = 9/3.535534 = 2.545584, scaled by sqrt(2) → 3.6
HAND = pd.DataFrame({"x": [1, 2, 3, np.nan, 10], "y": [10, 20, 30, 40, np.nan]}, index=list("abcde"))


def test_hand_example():
    res = rank_similar(HAND, "a")
    r = res.ranking
    assert list(r.index) == ["b", "c", "e", "d"]
    np.testing.assert_allclose(r["distance"], [0.938083, 1.876166, 3.6, 3.794733], atol=1e-6)
    assert r["rank"].tolist() == [1, 2, 3, 4]
    assert r["n_common"].tolist() == [2, 2, 1, 1]
    assert res.indicators == ["x", "y"]
    assert any("fewer than all 2 indicators" in w for w in res.warnings)


def test_min_common_and_top():
    r = rank_similar(HAND, "a", min_common=2).ranking
    assert list(r.index) == ["b", "c", "d", "e"]  # NaN distances last, in table order
    assert r["distance"].isna().tolist() == [False, False, True, True]
    assert r["rank"].isna().tolist() == [False, False, True, True]
    assert len(rank_similar(HAND, "a", top=2).ranking) == 2


def test_against_scipy_seuclidean():
    rng = np.random.default_rng(7)
    data = pd.DataFrame(rng.normal(size=(30, 5)) * [1, 10, 100, 0.1, 5], columns=list("pqrst"))
    variances = data.var(ddof=0).to_numpy()
    res = rank_similar(data, 0).ranking
    for unit, dist in res["distance"].items():
        assert dist == pytest.approx(seuclidean(data.loc[0], data.loc[unit], variances), rel=1e-12)
    dm = distance_matrix(data)
    np.testing.assert_allclose(dm.to_numpy(), dm.to_numpy().T, atol=1e-12)
    np.testing.assert_allclose(dm.loc[0, res.index], res["distance"], rtol=1e-10)


def test_distance_matrix_matches_ranking_with_missing_values():
    dm = distance_matrix(HAND)
    r = rank_similar(HAND, "a").ranking
    np.testing.assert_allclose(dm.loc["a", r.index], r["distance"], rtol=1e-12)
    assert np.isnan(dm.loc["d", "e"])  # no common indicator
    assert (np.diag(dm) == 0).all()


def test_weights():
    # weight 4 on x, 1 on y; a and b share both (common weight = total weight = 5, no scaling):
    # d = sqrt(4 * 0.08 + 1 * 0.8) = 1.058301
    r = rank_similar(HAND, "a", weights={"x": 4.0}).ranking
    assert r.loc["b", "distance"] == pytest.approx(np.sqrt(4 * 0.08 + 0.8), abs=1e-9)
    with pytest.raises(SimilarityError, match="'z'"):
        rank_similar(HAND, "a", weights={"z": 1.0})


def test_constant_indicator_dropped():
    data = HAND.assign(k=5.0)
    z, warnings = standardise(data)
    assert list(z.columns) == ["x", "y"] and "'k'" in warnings[0]
    assert rank_similar(data, "a").indicators == ["x", "y"]


def test_errors():
    with pytest.raises(SimilarityError, match="'zz'"):
        rank_similar(HAND, "zz")
    with pytest.raises(SimilarityError, match="'q'"):
        rank_similar(HAND, "a", ["x", "q"])
    with pytest.raises(SimilarityError, match="no usable indicator"):
        rank_similar(pd.DataFrame({"k": [1.0, 1.0]}, index=["a", "b"]), "a")
    with pytest.raises(SimilarityError, match="no value"):
        rank_similar(pd.DataFrame({"x": [np.nan, 1.0, 2.0]}, index=["a", "b", "c"]), "a")
