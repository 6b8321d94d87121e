"""The DuckDB event store: ``Store.open(path)``, filters, summaries and Parquet/CSV export."""

from realpolitik.store.db import (
    DEFAULT_DB_NAME,
    EventFilter,
    SaveSummary,
    Store,
    default_db_path,
)

__all__ = ["DEFAULT_DB_NAME", "EventFilter", "SaveSummary", "Store", "default_db_path"]
