"""One module per chart of the dashboard: build(ask, context) -> ChartView, every figure a metric query."""
