#!/bin/sh
# Regenerate flight_sql_pb2.py from flight_sql.proto: Apache Arrow's format/FlightSql.proto (Apache-2.0,
# license header kept), the copy the flightsql-dbapi 0.2.2 source distribution ships.
#
# protoc comes from grpcio-tools in a throwaway virtual environment outside the repository: grpcio-tools
# 1.81.1 bundles protoc (libprotoc) 33.5, whose Python code runs on the locked protobuf 6.33.6 runtime (the
# generated code refuses a runtime older than its protoc). grpcio-tools is not a dependency of the project.
set -eu
GRPCIO_TOOLS_VERSION=1.81.1
PROTOBUF_VERSION=6.33.6
here=$(cd "$(dirname "$0")" && pwd)
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "grpcio-tools==$GRPCIO_TOOLS_VERSION" "protobuf==$PROTOBUF_VERSION"
"$venv/bin/python" -m grpc_tools.protoc --version
"$venv/bin/python" -m grpc_tools.protoc --proto_path="$here" --python_out="$here" "$here/flight_sql.proto"
