"""Writing raw tables: Parquet (exact contract schema) or CSV, table by table, batch by batch."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from decision_lens.raw_contract import TABLES, RawTable

FORMATS = ("parquet", "csv")
# Columns not worth dictionary-encoding (nearly every value distinct): plain encoding writes them faster.
_HIGH_CARDINALITY = frozenset(
    {"id", "contact_id", "lead_id", "who_id", "email", "phone", "name", "converted_contact_id"}
)


class TableWriter:
    def __init__(self, out_dir: Path, table: RawTable, file_format: str) -> None:
        self.table = table
        self.rows = 0
        folder = out_dir / table.source
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{table.name}.{file_format}"
        schema = table.schema
        if file_format == "parquet":
            dictionary = [
                name
                for name, type_ in table.columns
                if name not in _HIGH_CARDINALITY and (pa.types.is_string(type_) or pa.types.is_date(type_))
            ]
            self._writer = pq.ParquetWriter(path, schema, compression="zstd", use_dictionary=dictionary)
        else:
            self._writer = pacsv.CSVWriter(
                path, schema, write_options=pacsv.WriteOptions(include_header=True)
            )

    def write(self, columns: dict[str, pa.Array]) -> None:
        batch = pa.Table.from_arrays(
            [columns[name] for name in self.table.column_names], schema=self.table.schema
        )
        if batch.num_rows:
            self._writer.write_table(batch)
            self.rows += batch.num_rows

    def close(self) -> None:
        self._writer.close()


class Sink:
    """One writer per contract table; every table gets a file, even an empty one."""

    def __init__(self, out_dir: Path, file_format: str) -> None:
        if file_format not in FORMATS:
            raise ValueError(f"file_format must be one of {FORMATS}, not {file_format!r}")
        self.writers = {t.key: TableWriter(out_dir, t, file_format) for t in TABLES}

    def write(self, key: str, columns: dict[str, pa.Array]) -> None:
        self.writers[key].write(columns)

    def rows(self) -> dict[str, int]:
        return {key: w.rows for key, w in self.writers.items()}

    def __enter__(self) -> Sink:
        return self

    def __exit__(self, *exc: object) -> None:
        for w in self.writers.values():
            w.close()
