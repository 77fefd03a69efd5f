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
