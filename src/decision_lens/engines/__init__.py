"""The warehouses `lens load` writes into (PostgreSQL, Spark), and a throwaway PostgreSQL server for tests."""


def first_line(error: BaseException) -> str:
    """An engine's error as one line for a message (drivers add context and Java stack traces below it)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
