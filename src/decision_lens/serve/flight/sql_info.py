"""The answer to CommandGetSqlInfo: what the server is (name, versions) and what it does (read-only).

The ADBC Flight SQL driver asks for it on connect and reads each value from the arm of the union the
Flight SQL specification gives it (a string, a bool, an int32): a value in another arm makes the driver
fail, so each info below is declared with its arm. Infos this server does not know are left out, as the
specification allows.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from decision_lens import __version__
from decision_lens.serve.flight import flight_sql_pb2 as sql

SERVER_NAME = "decision-lens"
# the arms of the value union, in the order (type codes 0-5) of the specification's schema
VALUE_ARMS = (
    pa.field("string_value", pa.string()),
    pa.field("bool_value", pa.bool_()),
    pa.field("bigint_value", pa.int64()),
    pa.field("int32_bitmask", pa.int32()),
    pa.field("string_list", pa.list_(pa.string())),
    pa.field("int32_to_int32_list_map", pa.map_(pa.int32(), pa.list_(pa.int32()))),
)
ARM_CODES = {field.name: code for code, field in enumerate(VALUE_ARMS)}
SCHEMA = pa.schema(
    [
        pa.field("info_name", pa.uint32(), nullable=False),
        pa.field("value", pa.dense_union(list(VALUE_ARMS)), nullable=False),
    ]
)
# info -> (arm, value)
INFOS: dict[int, tuple[str, object]] = {
    sql.FLIGHT_SQL_SERVER_NAME: ("string_value", SERVER_NAME),
    sql.FLIGHT_SQL_SERVER_VERSION: ("string_value", __version__),
    sql.FLIGHT_SQL_SERVER_ARROW_VERSION: ("string_value", pa.__version__),
    sql.FLIGHT_SQL_SERVER_READ_ONLY: ("bool_value", True),
    # statements are run, in the form of dbt's Semantic Layer calls (statement.py)
    sql.FLIGHT_SQL_SERVER_SQL: ("bool_value", True),
    sql.FLIGHT_SQL_SERVER_SUBSTRAIT: ("bool_value", False),
    sql.FLIGHT_SQL_SERVER_TRANSACTION: ("int32_bitmask", sql.SQL_SUPPORTED_TRANSACTION_NONE),
    sql.FLIGHT_SQL_SERVER_CANCEL: ("bool_value", False),
    sql.FLIGHT_SQL_SERVER_STATEMENT_TIMEOUT: ("int32_bitmask", 0),  # no prepared statements to time out
    sql.FLIGHT_SQL_SERVER_TRANSACTION_TIMEOUT: ("int32_bitmask", 0),
}


def sql_info_table(requested: Sequence[int]) -> pa.Table:
    """One row per requested info this server knows (all of them when none is named)."""
    names = [info for info in (requested or INFOS) if info in INFOS]
    values: dict[str, list[object]] = {field.name: [] for field in VALUE_ARMS}
    type_ids, offsets = [], []
    for info in names:
        arm, value = INFOS[info]
        type_ids.append(ARM_CODES[arm])
        offsets.append(len(values[arm]))
        values[arm].append(value)
    union = pa.UnionArray.from_dense(
        pa.array(type_ids, pa.int8()),
        pa.array(offsets, pa.int32()),
        [pa.array(values[field.name], field.type) for field in VALUE_ARMS],
        [field.name for field in VALUE_ARMS],
    )
    return pa.Table.from_arrays([pa.array(names, pa.uint32()), union], schema=SCHEMA)
