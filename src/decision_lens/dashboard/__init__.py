"""The dashboard: both lenses as pictures, every figure a semantic-layer metric query (served by `lens serve`
at /dashboard, written whole by `lens report`)."""
