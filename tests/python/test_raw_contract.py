"""The sources YAML documents exactly the raw contract the generator writes."""

from __future__ import annotations

import yaml

from conftest import ROOT
from decision_lens.raw_contract import TABLES


def _documented_tables() -> dict[str, dict]:
    documented = {}
    for path in sorted((ROOT / "models" / "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for table in source["tables"]:
                documented[f"{source['name']}.{table['name']}"] = table
    return documented


def test_every_contract_table_is_documented_with_the_same_columns_in_order():
    documented = _documented_tables()
    assert sorted(documented) == sorted(table.key for table in TABLES)
    for table in TABLES:
        columns = [column["name"] for column in documented[table.key]["columns"]]
        assert columns == table.column_names, table.key


def test_every_documented_table_and_column_has_a_description():
    for key, table in _documented_tables().items():
        assert table.get("description", "").strip(), key
        for column in table["columns"]:
            assert column.get("description", "").strip(), f"{key}.{column['name']}"


def test_the_required_tables_and_columns_are_the_same_in_the_yaml():
    documented = _documented_tables()
    for table in TABLES:
        meta = (documented[table.key].get("config") or {}).get("meta") or {}
        assert bool(meta.get("required")) == table.required, table.key
        required = [
            column["name"]
            for column in documented[table.key]["columns"]
            if ((column.get("config") or {}).get("meta") or {}).get("required")
        ]
        assert required == list(table.required_columns), table.key
    assert {table.key for table in TABLES if table.required} == {"crm.account", "crm.contact"}


def test_every_column_has_the_same_type_in_the_yaml():
    documented = _documented_tables()
    for table in TABLES:
        types = {column["name"]: column["data_type"] for column in documented[table.key]["columns"]}
        assert types == {name: str(type_) for name, type_ in table.columns}, table.key
