"""Reading a dataset folder's CSV files with pandas (and DuckDB when installed), for scripts/bench's panel scenario.

Usage: python3 read.py DIR   — prints `RESULT panel pandas-read SECONDS` (and `duckdb-read`), reading every
*.csv file of DIR into data frames (all columns, default type inference), timed without the interpreter start.
"""
import glob
import sys
import time

folder = sys.argv[1]
files = sorted(glob.glob(folder + "/*.csv"))
try:
    import pandas as pd
    t0 = time.perf_counter()
    rows = sum(len(pd.read_csv(f, low_memory=False)) for f in files)
    print(f"RESULT panel pandas-read {time.perf_counter() - t0:.3f}  # {rows} rows")
except ImportError:
    print("RESULT panel pandas-read not-installed")
try:
    import duckdb
    t0 = time.perf_counter()
    con = duckdb.connect()
    # Materialise, as pandas does: read each file into a table.
    for i, f in enumerate(files):
        con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv_auto('{f}')")
    rows = sum(con.execute(f"SELECT count(*) FROM t{i}").fetchone()[0] for i in range(len(files)))
    print(f"RESULT panel duckdb-read {time.perf_counter() - t0:.3f}  # {rows} rows")
except ImportError:
    print("RESULT panel duckdb-read not-installed")
