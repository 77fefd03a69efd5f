"""The raw source contract: every table the project reads, with its columns and types.

This is the single Python statement of the contract that `models/staging/*/_*__sources.yml` documents.
The generator writes exactly these columns with these types; a test checks that the YAML and this module
agree. Types are Arrow types because the raw files are Parquet (CSV files carry the same columns as text).

Only crm.account and crm.contact are required tables, and in every table only its key (and, for contacts,
the account) is a required column: any other table may be absent (read as empty) and any other column
(read as null). `lens doctor` and the on-run-start hook (macros/raw_sources/) apply the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

STRING = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
BOOL = pa.bool_()
DATE = pa.date32()
TIMESTAMP = pa.timestamp("us")  # naive, UTC by contract


# Fivetran's soft-delete flag, read on every table when present: true counts as deleted, like is_deleted.
FIVETRAN_DELETED = "_fivetran_deleted"


@dataclass(frozen=True)
class RawTable:
    source: str
    name: str
    columns: tuple[tuple[str, pa.DataType], ...]
    key_columns: tuple[str, ...] = ("id",)  # the grain
    also_required: tuple[str, ...] = ()  # required columns besides the key
    required: bool = False

    @property
    def required_columns(self) -> tuple[str, ...]:
        return self.key_columns + self.also_required

    @property
    def key(self) -> str:
        return f"{self.source}.{self.name}"

    @property
    def schema(self) -> pa.Schema:
        return pa.schema(list(self.columns))

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


def _table(
    source: str,
    name: str,
    *columns: tuple[str, pa.DataType],
    key_columns: tuple[str, ...] = ("id",),
    also_required: tuple[str, ...] = (),
    required: bool = False,
) -> RawTable:
    return RawTable(source, name, tuple(columns), key_columns, also_required, required)


TABLES: tuple[RawTable, ...] = (
    _table(
        "crm",
        "account",
        ("id", STRING),
        ("name", STRING),
        ("parent_id", STRING),
        ("type", STRING),
        ("industry", STRING),
        ("website", STRING),
        ("billing_city", STRING),
        ("billing_state", STRING),
        ("billing_postal_code", STRING),
        ("billing_country", STRING),
        ("number_of_employees", INT),
        ("annual_revenue", FLOAT),
        ("owner_id", STRING),
        ("created_date", TIMESTAMP),
        ("last_modified_date", TIMESTAMP),
        ("is_deleted", BOOL),
        ("facility_type_c", STRING),
        ("bed_count_c", INT),
        ("gpo_c", STRING),
        ("fiscal_year_start_month_c", INT),
        ("is_independent_decider_c", BOOL),
        required=True,
    ),
    _table(
        "crm",
        "contact",
        ("id", STRING),
        ("account_id", STRING),
        ("first_name", STRING),
        ("last_name", STRING),
        ("email", STRING),
        ("phone", STRING),
        ("title", STRING),
        ("department", STRING),
        ("lead_source", STRING),
        ("owner_id", STRING),
        ("created_date", TIMESTAMP),
        ("last_modified_date", TIMESTAMP),
        ("is_deleted", BOOL),
        also_required=("account_id",),
        required=True,
    ),
    _table(
        "crm",
        "lead",
        ("id", STRING),
        ("first_name", STRING),
        ("last_name", STRING),
        ("email", STRING),
        ("title", STRING),
        ("company", STRING),
        ("status", STRING),
        ("lead_source", STRING),
        ("is_converted", BOOL),
        ("converted_date", DATE),
        ("converted_account_id", STRING),
        ("converted_contact_id", STRING),
        ("converted_opportunity_id", STRING),
        ("owner_id", STRING),
        ("created_date", TIMESTAMP),
        ("last_modified_date", TIMESTAMP),
        ("is_deleted", BOOL),
    ),
    _table(
        "crm",
        "lead_history",
        ("id", STRING),
        ("lead_id", STRING),
        ("field", STRING),
        ("old_value", STRING),
        ("new_value", STRING),
        ("created_date", TIMESTAMP),
    ),
    _table(
        "crm",
        "opportunity",
        ("id", STRING),
        ("account_id", STRING),
        ("name", STRING),
        ("type", STRING),
        ("stage_name", STRING),
        ("amount", FLOAT),
        ("probability", FLOAT),
        ("forecast_category", STRING),
        ("close_date", DATE),
        ("is_closed", BOOL),
        ("is_won", BOOL),
        ("lead_source", STRING),
        ("campaign_id", STRING),
        ("owner_id", STRING),
        ("created_date", TIMESTAMP),
        ("last_modified_date", TIMESTAMP),
        ("is_deleted", BOOL),
    ),
    _table(
        "crm",
        "opportunity_contact_role",
        ("id", STRING),
        ("opportunity_id", STRING),
        ("contact_id", STRING),
        ("role", STRING),
        ("is_primary", BOOL),
        ("created_date", TIMESTAMP),
        ("last_modified_date", TIMESTAMP),
        ("is_deleted", BOOL),
    ),
    _table(
        "crm",
        "opportunity_history",
        ("id", STRING),
        ("opportunity_id", STRING),
        ("stage_name", STRING),
        ("amount", FLOAT),
        ("probability", FLOAT),
        ("close_date", DATE),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
    ),
    _table(
        "crm",
        "campaign",
        ("id", STRING),
        ("name", STRING),
        ("type", STRING),
        ("status", STRING),
        ("start_date", DATE),
        ("end_date", DATE),
        ("budgeted_cost", FLOAT),
        ("actual_cost", FLOAT),
        ("parent_id", STRING),
        ("is_active", BOOL),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
    ),
    _table(
        "crm",
        "campaign_member",
        ("id", STRING),
        ("campaign_id", STRING),
        ("contact_id", STRING),
        ("lead_id", STRING),
        ("status", STRING),
        ("has_responded", BOOL),
        ("first_responded_date", DATE),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
    ),
    _table(
        "crm",
        "task",
        ("id", STRING),
        ("who_id", STRING),
        ("what_id", STRING),
        ("account_id", STRING),
        ("subject", STRING),
        ("type", STRING),
        ("task_subtype", STRING),
        ("status", STRING),
        ("activity_date", DATE),
        ("owner_id", STRING),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
    ),
    _table(
        "crm",
        "event",
        ("id", STRING),
        ("who_id", STRING),
        ("what_id", STRING),
        ("account_id", STRING),
        ("subject", STRING),
        ("type", STRING),
        ("event_subtype", STRING),
        ("start_date_time", TIMESTAMP),
        ("end_date_time", TIMESTAMP),
        ("owner_id", STRING),
        ("created_date", TIMESTAMP),
        ("is_deleted", BOOL),
    ),
    _table(
        "crm",
        "user",
        ("id", STRING),
        ("name", STRING),
        ("email", STRING),
        ("title", STRING),
        ("department", STRING),
        ("user_role_id", STRING),
        ("is_active", BOOL),
    ),
    _table(
        "marketing",
        "activity",
        ("id", STRING),
        ("activity_type", STRING),
        ("occurred_at", TIMESTAMP),
        ("contact_id", STRING),
        ("lead_id", STRING),
        ("campaign_id", STRING),
        ("channel", STRING),
        ("asset_name", STRING),
        ("url", STRING),
    ),
    _table(
        "intent",
        "topic_score",
        ("domain", STRING),
        ("week_start_date", DATE),
        ("topic", STRING),
        ("composite_score", INT),
        key_columns=("domain", "week_start_date", "topic"),
    ),
    _table(
        "contracts",
        "contract",
        ("id", STRING),
        ("account_id", STRING),
        ("vendor_name", STRING),
        ("product_category", STRING),
        ("start_date", DATE),
        ("end_date", DATE),
        ("annual_value", FLOAT),
        ("is_ours", BOOL),
    ),
)

BY_KEY: dict[str, RawTable] = {table.key: table for table in TABLES}
