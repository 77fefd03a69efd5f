"""dbt's Semantic Layer JDBC API (Arrow Flight SQL), served by `lens serve` beside the HTTP API.

statement.py (a statement read as one `{{ semantic_layer.<call>(...) }}`), answers.py (each call answered as
an Arrow table, through checked.py), sql_info.py (the CommandGetSqlInfo answer), auth.py (the bearer token
on every call), errors.py (errors as Flight errors), handles.py (answers and prepared statements kept under
random handles), server.py (the Flight SQL service). flight_sql.proto is
Apache Arrow's Flight SQL protocol; flight_sql_pb2.py is generated from it by regenerate_protobuf.sh.
"""
