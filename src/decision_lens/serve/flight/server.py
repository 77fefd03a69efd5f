"""The Flight SQL service: dbt's Semantic Layer JDBC API over gRPC, beside the HTTP API of `lens serve`.

GetFlightInfo reads a Flight SQL command from the descriptor (a protobuf Any). A statement
(CommandStatementQuery) is read (statement.py), checked and run (answers.py) at once, so errors reach the
client on execute; CommandGetSqlInfo, which the ADBC driver sends on connect, is answered from sql_info.py.
The answer waits under a random handle, which the FlightInfo's one endpoint carries in a
TicketStatementQuery; DoGet streams it and forgets it.

Prepared statements are accepted, without parameters, because ADBC's DB-API prepares every statement (and
the Arrow Flight SQL JDBC driver too): CreatePreparedStatement reads and runs the statement, keeps its
answer for the first execution and returns its schema; each later execution (CommandPreparedStatementQuery)
runs it again. Updates, catalogs, transactions and the rest of Flight SQL are refused as not supported.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import pyarrow.flight as flight
from google.protobuf import any_pb2
from google.protobuf.message import DecodeError, Message
from google.protobuf.message_factory import GetMessageClass

from decision_lens.serve.app import Settings
from decision_lens.serve.flight import flight_sql_pb2 as sql
from decision_lens.serve.flight.answers import Answers
from decision_lens.serve.flight.auth import BearerTokenMiddlewareFactory
from decision_lens.serve.flight.errors import NotSupported, as_flight_errors
from decision_lens.serve.flight.handles import HandleStore
from decision_lens.serve.flight.sql_info import sql_info_table
from decision_lens.serve.flight.statement import Statement, read_statement
from decision_lens.serve.guards import RequestRefused
from decision_lens.serve.snapshot import SnapshotStore

# answers computed by GetFlightInfo, waiting for DoGet: clients fetch at once, so a handful for five minutes
MAX_WAITING_ANSWERS = 16
ANSWER_TTL_S = 300.0
# prepared statements: a client may keep one for a session, and close it (or not) at the end
MAX_PREPARED = 64
PREPARED_TTL_S = 3600.0
FLIGHT_SQL_TYPE_PREFIX = "type.googleapis.com/arrow.flight.protocol.sql."
SUPPORTED = (
    "lens serve's Flight SQL endpoint executes statements of dbt's Semantic Layer JDBC API, e.g. "
    "{{ semantic_layer.metrics() }}"
)


@dataclass
class Prepared:
    statement: Statement
    first_answer: pa.Table | None  # computed on preparing, for the first execution


class FlightSqlServer(flight.FlightServerBase):
    """Serving on grpc://host:port as soon as it is built; shutdown() stops it."""

    def __init__(self, store: SnapshotStore, settings: Settings, host: str, port: int) -> None:
        address = f"[{host}]" if ":" in host else host  # an IPv6 address goes in brackets
        super().__init__(
            f"grpc://{address}:{port}", middleware={"auth": BearerTokenMiddlewareFactory(settings.token)}
        )
        self._answers = Answers(store, settings)
        self._waiting: HandleStore[pa.Table] = HandleStore("ticket", MAX_WAITING_ANSWERS, ANSWER_TTL_S)
        self._prepared: HandleStore[Prepared] = HandleStore("statement", MAX_PREPARED, PREPARED_TTL_S)

    def get_flight_info(self, context, descriptor: flight.FlightDescriptor) -> flight.FlightInfo:
        with as_flight_errors("GetFlightInfo"):
            table = self._answer(_command(descriptor))
            ticket = _packed(sql.TicketStatementQuery(statement_handle=self._waiting.put(table)))
            endpoint = flight.FlightEndpoint(ticket, [])
            return flight.FlightInfo(table.schema, descriptor, [endpoint], table.num_rows, -1)

    def get_schema(self, context, descriptor: flight.FlightDescriptor) -> flight.SchemaResult:
        with as_flight_errors("GetSchema"):
            return flight.SchemaResult(self._answer(_command(descriptor)).schema)

    def do_get(self, context, ticket: flight.Ticket) -> flight.RecordBatchStream:
        with as_flight_errors("DoGet"):
            message = _unpacked(ticket.ticket, "ticket")
            if not isinstance(message, sql.TicketStatementQuery):
                raise RequestRefused("DoGet takes the ticket of a FlightInfo from this server.")
            return flight.RecordBatchStream(self._waiting.take(message.statement_handle))

    def do_action(self, context, action: flight.Action) -> list[flight.Result]:
        with as_flight_errors(f"DoAction {action.type}"):
            if action.type == "CreatePreparedStatement":
                request = _unpacked(action.body.to_pybytes(), "action")
                if not isinstance(request, sql.ActionCreatePreparedStatementRequest):
                    raise RequestRefused("CreatePreparedStatement takes a statement to prepare.")
                statement = read_statement(request.query)
                answer = self._answers.answer(statement)
                result = sql.ActionCreatePreparedStatementResult(
                    prepared_statement_handle=self._prepared.put(Prepared(statement, answer)),
                    dataset_schema=answer.schema.serialize().to_pybytes(),
                )
                return [flight.Result(_packed(result))]
            if action.type == "ClosePreparedStatement":
                request = _unpacked(action.body.to_pybytes(), "action")
                if isinstance(request, sql.ActionClosePreparedStatementRequest):
                    self._prepared.drop(request.prepared_statement_handle)
                return []
            raise NotSupported(f"The action {action.type[:100]!r} is not supported: {SUPPORTED}.")

    def list_actions(self, context) -> list[tuple[str, str]]:
        return [
            ("CreatePreparedStatement", "prepare a statement of dbt's Semantic Layer JDBC API"),
            ("ClosePreparedStatement", "forget a prepared statement"),
        ]

    def list_flights(self, context, criteria):
        raise NotSupported(f"ListFlights is not supported: {SUPPORTED}.")

    def do_put(self, context, descriptor, reader, writer):
        raise NotSupported(f"The endpoint is read-only: DoPut is not supported. {SUPPORTED}.")

    def do_exchange(self, context, descriptor, reader, writer):
        raise NotSupported(f"DoExchange is not supported: {SUPPORTED}.")

    def _answer(self, command: Message) -> pa.Table:
        if isinstance(command, sql.CommandStatementQuery):
            return self._answers.answer(read_statement(command.query))
        if isinstance(command, sql.CommandPreparedStatementQuery):
            prepared = self._prepared.get(command.prepared_statement_handle)
            answer, prepared.first_answer = prepared.first_answer, None
            return answer if answer is not None else self._answers.answer(prepared.statement)
        if isinstance(command, sql.CommandGetSqlInfo):
            return sql_info_table(list(command.info))
        raise NotSupported(f"{type(command).__name__} is not supported: {SUPPORTED}.")


def _command(descriptor: flight.FlightDescriptor) -> Message:
    if descriptor.descriptor_type != flight.DescriptorType.CMD:
        raise RequestRefused("Send a Flight SQL command (a command descriptor), not a path.")
    return _unpacked(descriptor.command, "command")


def _unpacked(data: bytes, what: str) -> Message:
    """The Flight SQL message a protobuf Any holds."""
    packed = any_pb2.Any()
    try:
        packed.ParseFromString(data)
    except DecodeError as error:
        raise RequestRefused(f"The {what} is not a Flight SQL message.") from error
    name = packed.type_url.removeprefix(FLIGHT_SQL_TYPE_PREFIX)
    if not packed.type_url.startswith(FLIGHT_SQL_TYPE_PREFIX):
        raise RequestRefused(f"The {what} is not a Flight SQL message.")
    if name not in sql.DESCRIPTOR.message_types_by_name:
        raise NotSupported(f"The Flight SQL {what} {name[:100]!r} is not supported: {SUPPORTED}.")
    message = GetMessageClass(sql.DESCRIPTOR.message_types_by_name[name])()
    if not packed.Unpack(message):
        raise RequestRefused(f"The Flight SQL {what} {name} cannot be read.")
    return message


def _packed(message: Message) -> bytes:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed.SerializeToString()
