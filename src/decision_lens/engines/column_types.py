"""The warehouse type of a column read from a raw file (an Arrow type, as DuckDB reads it).

The raw contract's types map as: string -> text (Postgres) / string (Spark), int64 -> bigint, float64 ->
double precision / double, bool -> boolean, date32 -> date, timestamp[us] -> timestamp. A naive timestamp
is UTC by contract: Postgres keeps it as written (timestamp without time zone), Spark reads it in the
session time zone, which `lens load` sets to UTC. Other Parquet types keep their kind (int32 -> integer,
a timestamp with a time zone -> timestamptz, decimal(p, s) -> numeric / decimal); a CSV file's columns are
all text (the base models try-cast them).
"""

from __future__ import annotations

from typing import NamedTuple

import pyarrow as pa


class WarehouseType(NamedTuple):
    postgres: str
    spark: str


_BY_TYPE: dict[pa.DataType, WarehouseType] = {
    pa.string(): WarehouseType("text", "string"),
    pa.large_string(): WarehouseType("text", "string"),
    pa.int8(): WarehouseType("smallint", "tinyint"),
    pa.int16(): WarehouseType("smallint", "smallint"),
    pa.int32(): WarehouseType("integer", "int"),
    pa.int64(): WarehouseType("bigint", "bigint"),
    pa.float32(): WarehouseType("real", "float"),
    pa.float64(): WarehouseType("double precision", "double"),
    pa.bool_(): WarehouseType("boolean", "boolean"),
    pa.date32(): WarehouseType("date", "date"),
}


def warehouse_type(arrow_type: pa.DataType) -> WarehouseType | None:
    """The column's type on each warehouse; None for a type `lens load` does not load (lists, structs...)."""
    if pa.types.is_timestamp(arrow_type):
        return WarehouseType("timestamptz" if arrow_type.tz else "timestamp", "timestamp")
    if pa.types.is_decimal128(arrow_type):
        precision, scale = arrow_type.precision, arrow_type.scale
        return WarehouseType(f"numeric({precision}, {scale})", f"decimal({precision}, {scale})")
    return _BY_TYPE.get(arrow_type)
