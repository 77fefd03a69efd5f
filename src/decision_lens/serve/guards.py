"""What the server checks before MetricFlow sees a request: filters and limits.

Where filters are MetricFlow's syntax: a boolean expression over references such as
`{{ Dimension('entity__name') }}`, `{{ TimeDimension('metric_time', 'month') }}`, `{{ Entity('name') }}` and
`{{ Metric('name', group_by=[...]) }}`. MetricFlow renders the references (in a Jinja sandbox) and pastes
the rest into the WHERE clause as it is, so the rest is checked here with DuckDB's own tokenizer (the same
lexer that will read the SQL, so no string or comment can be read differently): literals, comparison and
boolean operators, parentheses and a short list of functions and types. No semicolon, comment, keyword such
as SELECT or UNION, bare column name, or Jinja statement gets through, so a filter cannot reach any table or
column the metrics do not.
"""

from __future__ import annotations

import re

import duckdb

MAX_FILTER_CHARS = 2000

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_QUOTED = rf"(?:'{_NAME}'|\"{_NAME}\")"
_VALUE = rf"(?:{_QUOTED}|\[\s*(?:{_QUOTED}(?:\s*,\s*{_QUOTED})*)?\s*\])"
_ARGUMENT = rf"(?:{_NAME}\s*=\s*)?{_VALUE}"
_CALL = rf"(?:Dimension|TimeDimension|Entity|Metric)\(\s*{_ARGUMENT}(?:\s*,\s*{_ARGUMENT})*\s*\)"
_METHOD = rf"\.(?:grain|date_part|descending)\(\s*(?:{_QUOTED}|True|False)?\s*\)"
REFERENCE = re.compile(rf"\{{\{{\s*{_CALL}(?:\s*{_METHOD})*\s*\}}\}}")
PLACEHOLDER = "lens_reference"
STRING = re.compile(r"'(?:[^']|'')*'", re.DOTALL)  # a plain SQL string, closed: no E'' or $$ forms

# DuckDB's tokenizer calls some of these keywords and some identifiers (int is a keyword, date is not)
WORDS = frozenset(
    {
        *("and", "or", "not", "in", "is", "null", "true", "false", "between", "like", "ilike"),
        *("cast", "as", "case", "when", "then", "else", "end"),
        *("lower", "upper", "trim", "length", "coalesce", "abs", "round", "floor", "ceil"),
        *("date_trunc", "date_part", "year", "quarter", "month", "week", "day"),
        *("date", "timestamp", "varchar", "text", "integer", "int", "bigint", "double", "decimal", "boolean"),
    }
)
OPERATORS = frozenset({"=", "==", "<>", "!=", "<", ">", "<=", ">=", "(", ")", ",", "+", "-", "*", "/", "%"})
OPERATORS |= {"||", "::"}


class RequestRefused(ValueError):
    """A request the server will not run, said in words for the client."""


def check_filter(text: str) -> None:
    """Refuse a where filter that is more than an expression over MetricFlow references and literals."""
    if len(text) > MAX_FILTER_CHARS:
        raise RequestRefused(f"A where filter is limited to {MAX_FILTER_CHARS} characters.")
    rest = REFERENCE.sub(f" {PLACEHOLDER} ", text)
    if "{" in rest or "}" in rest:
        raise RequestRefused(
            f"Where filter {text!r}: only references like {{{{ Dimension('decision_unit__region') }}}}, "
            "{{ TimeDimension('metric_time', 'month') }}, {{ Entity('decision_unit') }} or "
            "{{ Metric('name', group_by=['entity']) }} may stand between {{ and }}."
        )
    try:
        tokens = duckdb.tokenize(rest)
    except duckdb.Error as error:
        raise RequestRefused(f"Where filter {text!r} cannot be read: {error}") from error
    if tokens and rest[: tokens[0][0]].strip():
        raise RequestRefused(f"Where filter {text!r} cannot be read.")
    depth = 0
    for index, (start, kind) in enumerate(tokens):
        end = tokens[index + 1][0] if index + 1 < len(tokens) else len(rest)
        token = rest[start:end].strip()
        name = str(kind).rsplit(".", 1)[-1]
        lowered = token.lower()
        if name == "comment":
            raise RequestRefused(f"Where filter {text!r}: comments are not allowed in filters.")
        if name == "numeric_const" or (name == "string_const" and STRING.fullmatch(token)):
            continue
        if name in ("identifier", "keyword") and (token == PLACEHOLDER or lowered in WORDS):
            continue
        if name == "operator" and token in OPERATORS:
            depth += {"(": 1, ")": -1}.get(token, 0)
            if depth < 0:
                break
            continue
        raise RequestRefused(
            f"Where filter {text!r}: {token!r} is not allowed. A filter compares references to dimensions "
            "({{ Dimension('decision_unit__region') }}) with values, joined by and, or, not; no SQL "
            "statements, column names, semicolons or comments."
        )
    if depth != 0:
        raise RequestRefused(f"Where filter {text!r}: its parentheses do not balance.")


def check_limit(limit: int | None, row_cap: int) -> None:
    if limit is not None and limit > row_cap:
        raise RequestRefused(
            f"limit {limit} is above the server's row cap of {row_cap}: ask for at most {row_cap} rows."
        )
