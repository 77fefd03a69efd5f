"""The warehouses `lens load` writes into (PostgreSQL, Spark), and a throwaway PostgreSQL server for tests."""
