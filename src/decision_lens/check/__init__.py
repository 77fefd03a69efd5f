"""`lens check`: Great Expectations suites over the raw files and the marts BI tools read, as one checkpoint.

Route: DataFrames, not SQL. GX 1.x has no DuckDB dialect; through SQLAlchemy and duckdb_engine every
expectation fails unless GX keeps one connection open, which takes patching a private GX function
(`_dialect_requires_persisted_connection`) of the pinned version. The pandas route works unpatched.

Memory: DuckDB does the heavy lifting and GX validates small frames (frames.py). Marts that grow with signals,
people or weeks (about 10M signals in the large preset) are aggregated in DuckDB first: a one-row profile
(counts, duplicate keys, ratios to the raw rows, shares, days since the latest signal) and the distinct
combinations of their categorical columns, on which value-set checks find exactly what they would on every
row. Marts that grow with accounts and deals are validated row by row, with only the checked columns. Shares
are validated as profile columns or as the mean of a 0/1 column, so GX reports the share itself.

One checkpoint: a checkpoint hands every validation definition the same batch parameters, so in-memory
frames (passed as a batch parameter) cannot feed one checkpoint. DuckDB writes each frame to a Parquet file
in a temporary folder instead, and GX's pandas filesystem data source gives each suite its own batch
definition: one checkpoint runs every suite and its action writes the data docs beside the database.

Thresholds live in thresholds.py (overridable per run with --set NAME=VALUE). GX is imported only once the
database is known to exist (it takes about 2.5 s): import `decision_lens.check.runner` to run a check.
"""
