"""The load benchmark: the driver (run.py) and its two references (floor_duckdb.py, reference_pandas.py)."""
