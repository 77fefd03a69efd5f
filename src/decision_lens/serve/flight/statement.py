"""A Flight SQL statement read as dbt's Semantic Layer JDBC API reads it: `{{ semantic_layer.<call>(...) }}`.

Jinja's own parser (the sandboxed environment's) reads the statement into a syntax tree, and only this tree
is looked at: the statement must be that one expression, a call of semantic_layer by name, with keyword
arguments that are literals (strings, integers, booleans, lists) or references such as
`Dimension('metric_time').grain('month')`, `TimeDimension('metric_time', 'MONTH')`,
`Entity('decision_unit')` or `Metric('win_rate').descending(True)`. Nothing is rendered or evaluated, and any
other SQL is refused: dbt's documents wrap the call as `select * from {{ ... }}`, and that wrapper alone may
stand around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from decision_lens.serve.guards import RequestRefused

CALLS = (
    "query",
    "dimension_values",
    "metrics",
    "dimensions",
    "entities",
    "saved_queries",
    "queryable_granularities",
)
REFERENCES = ("Dimension", "TimeDimension", "Entity", "Metric")
# the longest statement read: generous for 50 metrics, 20 group-by items and 20 filters of 2,000 characters
MAX_STATEMENT_CHARS = 50_000
# the text allowed around the call: nothing, or the `select * from` of dbt's documents
BEFORE_CALL = re.compile(r"\s*(?:select\s+\*\s+from\s+)?", re.IGNORECASE)
ENVIRONMENT = SandboxedEnvironment()
FORM = (
    "Send one call of dbt's Semantic Layer JDBC API, e.g. "
    "{{ semantic_layer.query(metrics=['win_rate'], group_by=[Dimension('metric_time').grain('month')]) }}"
)


@dataclass(frozen=True)
class Reference:
    """Dimension(...), TimeDimension(...), Entity(...) or Metric(...), with .grain/.date_part/.descending."""

    kind: str
    name: str
    grain: str | None = None
    date_part: str | None = None
    descending: bool = False

    @property
    def query_name(self) -> str:
        """The name MetricFlow reads: metric_time__month, metric_time__extract_year, decision_unit__region."""
        if self.grain and self.date_part:
            raise RequestRefused(f"{self.name}: give a grain or a date_part, not both.")
        if self.date_part:
            return f"{self.name}__extract_{self.date_part.lower()}"
        return f"{self.name}__{self.grain.lower()}" if self.grain else self.name


@dataclass(frozen=True)
class Statement:
    call: str  # one of CALLS
    arguments: dict[str, object] = field(default_factory=dict)


def read_statement(text: str) -> Statement:
    """The call a statement makes; RequestRefused says why a statement is not one call of the API."""
    if len(text) > MAX_STATEMENT_CHARS:
        raise RequestRefused(f"A statement is limited to {MAX_STATEMENT_CHARS:,} characters.")
    try:
        template = ENVIRONMENT.parse(text)
    except TemplateSyntaxError as error:
        raise RequestRefused(f"The statement cannot be read ({error.message}). {FORM}.") from error
    expression = _the_expression(template)
    if not (
        isinstance(expression, nodes.Call)
        and isinstance(expression.node, nodes.Getattr)
        and isinstance(expression.node.node, nodes.Name)
        and expression.node.node.name == "semantic_layer"
    ):
        raise RequestRefused(f"The statement is not a call of semantic_layer. {FORM}.")
    call = expression.node.attr
    if call not in CALLS:
        raise RequestRefused(f"semantic_layer.{call} is not supported; the calls are {', '.join(CALLS)}.")
    if expression.args or expression.dyn_args or expression.dyn_kwargs:
        raise RequestRefused(f"Name the arguments of semantic_layer.{call}, e.g. metrics=['win_rate'].")
    return Statement(call, {keyword.key: _value(keyword.value) for keyword in expression.kwargs})


def _the_expression(template: nodes.Template) -> nodes.Expr:
    """The one `{{ }}` expression of the statement, with nothing around it but `select * from`."""
    if len(template.body) != 1 or not isinstance(template.body[0], nodes.Output):
        raise RequestRefused(f"Only dbt's Semantic Layer calls are accepted here, not SQL. {FORM}.")
    parts = template.body[0].nodes
    expressions = [i for i, part in enumerate(parts) if not isinstance(part, nodes.TemplateData)]
    if len(expressions) != 1:
        raise RequestRefused(f"Only dbt's Semantic Layer calls are accepted here, not SQL. {FORM}.")
    before = "".join(part.data for part in parts[: expressions[0]])
    after = "".join(part.data for part in parts[expressions[0] + 1 :])
    if not BEFORE_CALL.fullmatch(before) or after.strip():
        raise RequestRefused(
            f"Only dbt's Semantic Layer calls are accepted here, not SQL: nothing but `select * from` may "
            f"stand around the {{{{ }}}} call. {FORM}."
        )
    return parts[expressions[0]]


def _value(node: nodes.Node) -> object:
    if isinstance(node, nodes.Const) and (node.value is None or isinstance(node.value, str | int | bool)):
        return node.value
    if isinstance(node, nodes.List | nodes.Tuple):
        return [_value(item) for item in node.items]
    if isinstance(node, nodes.Call):
        return _reference(node)
    raise RequestRefused(
        "Arguments may be strings, integers, True/False, lists of them, and Dimension(...), "
        "TimeDimension(...), Entity(...) or Metric(...) references; nothing else is evaluated."
    )


def _reference(node: nodes.Call) -> Reference:
    """Dimension('x'), TimeDimension('x', 'MONTH'), ... and their .grain(), .date_part(), .descending()."""
    arguments = [_value(argument) for argument in node.args]
    if node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise RequestRefused("Dimension(...) and the other references take their arguments in order.")
    target = node.node
    if isinstance(target, nodes.Name) and target.name in REFERENCES:
        takes = "a name and a grain" if target.name == "TimeDimension" else "a name"
        most = 2 if target.name == "TimeDimension" else 1
        if not 1 <= len(arguments) <= most or not all(isinstance(argument, str) for argument in arguments):
            raise RequestRefused(f"{target.name}(...) takes {takes}, as strings.")
        return Reference(target.name, *arguments)
    if isinstance(target, nodes.Getattr) and isinstance(target.node, nodes.Call):
        base = _reference(target.node)
        if target.attr == "descending" and arguments in ([], [True], [False]):
            return replace(base, descending=arguments == [] or arguments[0])
        if target.attr in ("grain", "date_part") and len(arguments) == 1 and isinstance(arguments[0], str):
            return replace(base, **{target.attr: arguments[0]})
        raise RequestRefused(
            f".{target.attr}(...) is not understood: a reference takes .grain('month'), .date_part('year') "
            "or .descending(True)."
        )
    raise RequestRefused(
        f"Only {', '.join(REFERENCES)} may be called inside the arguments, e.g. Dimension('metric_time')."
    )
