#!/usr/bin/env python3
"""Benchmark the atlas pipeline: 10,000 districts × 100 indicators × 10 years.

Steps: generate German-format CSV text (one wide file per year), parse it, join the years and
match the districts, classify (MSS social index), plus confidentiality and similarity. Each step
prints its seconds next to named baselines:

* parse — ``naive-python``: csv module + a per-cell Python function for German numbers (what a
  straightforward script does); ``pandas.read_csv``: pandas' C parser with ``decimal=","`` and
  ``thousands="."`` (fast, but no validation, no flags, no report — a lower bound).
* join — ``pandas.merge`` of the tidy table with the district list (no normalisation, no report).
  ``join_wide`` is the path of isrp:loadatlas: the wide files are kept as blocks and placed straight
  into the district × (indicator, year) result, without the ten million tidy rows.
* classify — ``naive-python``: z-scores and classes computed with Python loops over units.

Run:  /usr/bin/python3 benchmarks/bench_atlas.py [--districts N] [--indicators K] [--years Y]

Wall and CPU seconds are printed; the machine is shared, so CPU seconds are the steadier figure.

Last run (--skip-naive, shared 2-core machine), CPU s, before → after the work on issue #3:
read_atlas_text of the ten texts 12.3 → 3.2 (pandas.read_csv without any checks: 3.0);
read_atlas_files 19.6 → 3.0 (+ 1.3 for the tidy rows, now built on demand); join_districts by id
0.6 → 0.5, by name 1.0 → 0.4; to_wide 1.0 → 0.75; join_wide (join + pivot) 0.3.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from isrp_plugin.core import atlas_tables as at  # noqa: E402
from isrp_plugin.core.confidentiality import protect_table  # noqa: E402
from isrp_plugin.core.similarity import rank_similar  # noqa: E402
from isrp_plugin.core.social_index import change, compute_social_index  # noqa: E402

RESULTS: list[tuple[str, str, float, float]] = []


@contextmanager
def timed(step: str, name: str):
    """Record wall-clock and CPU seconds (CPU time is less disturbed by other processes)."""
    t0, c0 = time.perf_counter(), time.process_time()
    yield
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    RESULTS.append((step, name, dt, dc))
    print(f"  {step:<13} {name:<46} {dt:8.2f} s wall {dc:8.2f} s cpu", flush=True)


def german_column(values: np.ndarray, decimals: int) -> np.ndarray:
    """Format numbers with thousands point and decimal comma (whole-column string operations)."""
    if decimals:
        text = "\n".join(map(f"{{:.{decimals}f}}".format, values.tolist())).replace(".", ",")
        text = re.sub(r"(?<=\d)(?=(?:\d{3})+,)", ".", text)
    else:
        text = "\n".join(map(str, values.astype(np.int64).tolist()))
        text = re.sub(r"(?<=\d)(?=(?:\d{3})+(?!\d))", ".", text)
    return np.array(text.split("\n"), dtype=object)


def generate(n_units: int, n_ind: int, n_years: int, seed: int = 1) -> tuple[list, pd.DataFrame, pd.DataFrame]:
    """CSV text per year (German format: ';', decimal comma, '.' suppressed, '-' zero), the districts and
    the raw counts of the last year (before suppression, for the confidentiality step)."""
    rng = np.random.default_rng(seed)
    keys = np.array([f"{i:05d}" for i in range(1, n_units + 1)], dtype=object)
    names = np.array([f"Stadtteil Nr. {i} Süd" for i in range(1, n_units + 1)], dtype=object)
    districts = pd.DataFrame({"district_id": np.arange(1, n_units + 1), "name": names})
    pop = rng.integers(100, 30_000, n_units).astype(float)
    n_counts = n_ind // 2
    texts = []
    base_counts = rng.uniform(0.0, 0.2, (n_units, n_counts - 1))
    base_rates = rng.gamma(2.0, 5.0, (n_units, n_ind - n_counts))
    header = (
        ["Nr", "Stadtteil", "Einwohner"]
        + [f"anzahl_{j:02d}" for j in range(n_counts - 1)]
        + [f"quote_{j:02d}" for j in range(n_ind - n_counts)]
    )
    for y in range(n_years):
        counts = np.floor(base_counts * pop[:, None] * rng.uniform(0.9, 1.1, base_counts.shape))
        rates = base_rates + rng.normal(0, 0.5 + 0.2 * y, base_rates.shape)
        cols = [keys, names, german_column(pop, 0)]
        for j in range(counts.shape[1]):
            col = german_column(counts[:, j], 0)
            col[counts[:, j] == 0] = "-"
            col[(counts[:, j] > 0) & (counts[:, j] < 3)] = "."
            cols.append(col)
        cols.extend(german_column(rates[:, j], 1) for j in range(rates.shape[1]))
        body = "\n".join(map(";".join, zip(*cols)))
        texts.append((f"sozialatlas_{2015 + y}.csv", ";".join(header) + "\n" + body + "\n"))
    raw = pd.DataFrame(counts, index=keys, columns=header[3 : 3 + counts.shape[1]])
    return texts, districts, raw


def naive_parse(text: str) -> dict:
    """Baseline: csv module, one Python function call per cell."""

    def num(cell: str) -> float:
        cell = cell.strip()
        if cell in ("", "."):
            return math.nan
        if cell == "-":
            return 0.0
        try:
            return float(cell.replace(".", "").replace(",", "."))
        except ValueError:
            return math.nan

    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = next(reader)
    out = {}
    for row in reader:
        out[row[0]] = [num(c) for c in row[2:]]
    return {"header": header, "rows": out}


def naive_index(values: list[list[float]]) -> list[int]:
    """Baseline: MSS status index with Python loops (population SD, three thresholds)."""
    n, k = len(values), len(values[0])
    sums = [0.0] * n
    for j in range(k):
        col = [v[j] for v in values]
        mean = sum(col) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in col) / n)
        for i in range(n):
            sums[i] += (col[i] - mean) / sd
    mean = sum(sums) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in sums) / n)
    classes = []
    for s in sums:
        z = (s - mean) / sd
        classes.append(1 if z < -1 else 2 if z <= 1 else 3 if z <= 1.5 else 4)
    return classes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--districts", type=int, default=10_000)
    ap.add_argument("--indicators", type=int, default=100)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--skip-naive", action="store_true", help="skip the slow pure-Python baselines")
    args = ap.parse_args()
    n, k, y = args.districts, args.indicators, args.years
    print(f"atlas benchmark: {n:,} districts × {k} indicators × {y} years = {n * k * y:,} values")
    print(f"  numpy {np.__version__}, pandas {pd.__version__}, Python {sys.version.split()[0]}")

    with timed("generate", "German CSV text, vectorised"):
        texts, districts, raw_counts = generate(n, k, y)
    mb = sum(len(t) for _, t in texts) / 1e6
    print(f"  ({mb:.0f} MB of CSV text)")

    with timed("parse", "read_atlas_text (sniff, detect, flag, report)"):
        tables = [at.read_atlas_text(t, source_name=name, name_column="Stadtteil") for name, t in texts]
    with timed("parse", "baseline pandas.read_csv(decimal=',')"):
        for _, t in texts:
            pd.read_csv(
                io.StringIO(t),
                sep=";",
                decimal=",",
                thousands=".",
                na_values=["."],
                dtype={"Nr": str},
                low_memory=False,
            )
    if not args.skip_naive:
        with timed("parse", "baseline naive-python (csv + per-cell)"):
            naive = [naive_parse(t) for _, t in texts]
        ours = tables[0].wide()
        first = naive[0]["rows"]
        assert np.allclose(np.array(first["00001"]), ours.loc["00001"].to_numpy(), equal_nan=True)

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, t in texts:
            p = Path(tmp) / name
            p.write_text(t, encoding="cp1252")
            paths.append(p)
        with timed("parse", "read_atlas_files (cp1252 files, years)"):
            table = at.read_atlas_files(paths, name_column="Stadtteil")
        with timed("parse", "tidy rows of all cells (built on demand)"):
            tidy = table.data
    print(
        f"  tidy table: {len(tidy):,} rows, flags: "
        + ", ".join(f"{f} {c:,}" for f, c in tidy["flag"].value_counts().items() if c)
    )

    with timed("join", "join_districts by id (leading zeros)"):
        joined = at.join_districts(
            table, districts, id_column="district_id", name_column="name", strip_leading_zeros=True
        )
    assert joined.report.unmatched_rows.empty
    with timed("join", "join_districts by normalised name"):
        at.join_districts(
            table, districts, id_column="district_id", name_column="name", by="name", table_field="unit_name"
        )
    with timed("join", "join_wide by id (join + pivot, as loadatlas)"):
        fast, _ = at.join_wide(
            table, districts, id_column="district_id", name_column="name", strip_leading_zeros=True
        )
    with timed("join", "baseline pandas.merge on the key"):
        keyed = districts.assign(unit_key=districts["district_id"].map("{:05d}".format))
        table.data.merge(keyed, on="unit_key", how="inner")
    with timed("join", "to_wide (indicator_year columns)"):
        wide = joined.wide()
    print(f"  wide table: {wide.shape[0]:,} × {wide.shape[1]:,}")
    by_district = at.to_wide(joined.data, index="district_id")  # the same values as join_wide's
    assert np.array_equal(fast.loc[by_district.index, by_district.columns].to_numpy(), by_district.to_numpy(),
                          equal_nan=True)

    last, prev = 2015 + y - 1, 2015 + y - 3
    status = [f"quote_{j:02d}_{last}" for j in range(3)]
    frame = wide[status + [f"Einwohner_{last}"]].copy()
    dyn = change(
        wide[[f"quote_{j:02d}_{last}" for j in range(3)]].set_axis(range(3), axis=1),
        wide[[f"quote_{j:02d}_{prev}" for j in range(3)]].set_axis(range(3), axis=1),
    )
    for j in range(3):
        frame[f"d{j}"] = dyn[j]
    with timed("classify", "compute_social_index (3 status + 3 dynamics)"):
        res = compute_social_index(frame, status, [f"d{j}" for j in range(3)], population=f"Einwohner_{last}")
    if not args.skip_naive:
        inc = res.table["included"].to_numpy()
        rows = frame.loc[inc, status].to_numpy().tolist()
        with timed("classify", "baseline naive-python loops (status only)"):
            naive_classes = naive_index(rows)
        assert naive_classes == res.table.loc[inc, "status_class"].astype(int).tolist()
    print(
        f"  classes: {res.table['status_class'].value_counts().sort_index().to_dict()}, "
        f"{int((~res.table['included']).sum())} units below 300 inhabitants"
    )

    counts = raw_counts.copy()
    counts["total"] = counts.sum(axis=1)
    counts.loc["city"] = counts.sum(axis=0)
    with timed("confidential", f"protect_table {counts.shape[0]:,}×{counts.shape[1]} w/ totals"):
        prot = protect_table(counts, total_row="city", total_column="total")
    print(
        f"  suppressed: primary {int(prot.primary.to_numpy().sum()):,}, "
        f"secondary {int(prot.secondary.to_numpy().sum()):,}"
    )
    rates = wide[[c for c in wide.columns if c.startswith("quote_") and c.endswith(str(last))]]
    with timed("similarity", f"rank_similar over {rates.shape[1]} indicators"):
        rank_similar(rates, rates.index[0])

    print("\nsummary (seconds)                                                wall      cpu")
    for step, name, dt, dc in RESULTS:
        print(f"  {step:<13} {name:<46} {dt:8.2f} {dc:8.2f}")


if __name__ == "__main__":
    main()
