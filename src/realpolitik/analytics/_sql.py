"""SQL fragments shared by the analytics modules: sides, modality groups, date ranges, running.

A *side* of an event is its country, else its actor code (as in ``Store.dyad_summary``). A query
code matches a side the way ``EventFilter(dyad=...)`` does: the country equals the code, or the
actor code starts with it ("IND" matches INDGOV, "IGONATO" matches NATO's code). Every value
reaches SQL as a parameter; only fixed fragments from this module are formatted into queries.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from realpolitik.errors import StoreError
from realpolitik.store.db import filter_date

ASSERTED = "asserted"
OTHER = "other"
MODALITY_GROUPS = (ASSERTED, OTHER)

QUERY_FAILED = (
    "The analytics query {name} failed on the store: {error}. Run `realpolitik info` to check the "
    "store, and report the error if it persists."
)

# 'asserted' when the event is asserted; hedged, future, hypothetical, negated (and missing) are 'other'.
GROUP_SQL = "CASE WHEN modality = 'asserted' THEN 'asserted' ELSE 'other' END"
IS_ASSERTED_SQL = "coalesce(modality = 'asserted', false)"


def side_sql(prefix: str) -> str:
    """The side label of the ``prefix`` actor (``source`` or ``target``): country, else code."""
    return f"coalesce({prefix}_country, {prefix}_code)"


def match_sql(prefix: str) -> str:
    """A clause true when the ``prefix`` actor matches one query code (two parameters)."""
    return f"coalesce(upper({prefix}_country) = ? OR starts_with(upper({prefix}_code), ?), false)"


def dyad_clause(a: str, b: str) -> tuple[str, list[Any]]:
    """A clause for events between sides ``a`` and ``b`` in either direction, with its parameters."""
    src, tgt = match_sql("source"), match_sql("target")
    clause = f"(({src} AND {tgt}) OR ({src} AND {tgt}))"
    return clause, [a, a, b, b, b, b, a, a]


def range_clause(since: date | None, until: date | None) -> tuple[str, list[Any]]:
    """``AND``-joined date bounds (inclusive; empty when unbounded), with their parameters."""
    sql, params = "", []
    if since is not None:
        sql += " AND date >= ?"
        params.append(since)
    if until is not None:
        sql += " AND date <= ?"
        params.append(until)
    return sql, params


def parse_date(option: str, value: str | None) -> date | None:
    """Parse a YYYY-MM-DD bound; raise ConfigError naming the option (the store's own rule)."""
    return filter_date(option, value)


def select(conn: duckdb.DuckDBPyConnection, name: str, query: str, params: list[Any]) -> pa.Table:
    """Run one parameterised SELECT and return its rows; DuckDB errors become StoreError."""
    try:
        return conn.sql(query, params=params or None).to_arrow_table()
    except duckdb.Error as exc:
        raise StoreError(QUERY_FAILED.format(name=name, error=exc)) from exc
