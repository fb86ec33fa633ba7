"""The DuckDB warehouse: connecting, loading file versions atomically, reading summaries."""
