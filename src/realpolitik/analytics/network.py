"""The actor network: who acts toward whom, how often and how (issue #4).

Edges are directed, from the acting side to the side acted upon (a side is the country, else the
actor code). A symmetric event ("India and Russia met") has no direction, so it adds to both edges,
IND->RUS and RUS->IND, and is counted in ``symmetric_events`` so a reader can tell; summing
``events`` over all edges therefore counts each symmetric event twice. Events without a target, and
events within one side (IND->IND), are not edges.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from realpolitik.analytics import _sql
from realpolitik.errors import ConfigError

BAD_MIN_EVENTS = "min_events {value!r} is not a count. Use a positive whole number, e.g. 1."

_NETWORK = """
    WITH acts AS (
        SELECT {source} AS source_side, {target} AS target_side, modality, goldstein,
               "symmetric" AS is_symmetric
        FROM events WHERE true{dates}
        UNION ALL
        SELECT {target}, {source}, modality, goldstein, "symmetric"
        FROM events WHERE "symmetric"{dates}
    )
    SELECT source_side, target_side, count(*) AS events,
           count(*) FILTER (WHERE {asserted}) AS asserted_events,
           count(*) FILTER (WHERE NOT {asserted}) AS other_events,
           count(*) FILTER (WHERE is_symmetric) AS symmetric_events,
           coalesce(sum(goldstein) FILTER (WHERE {asserted}), 0.0) AS goldstein_sum,
           coalesce(sum(goldstein) FILTER (WHERE NOT {asserted}), 0.0) AS other_goldstein_sum
    FROM acts
    WHERE source_side IS NOT NULL AND target_side IS NOT NULL AND source_side <> target_side
    GROUP BY source_side, target_side
    HAVING count(*) >= ?
    ORDER BY events DESC, source_side, target_side"""


def actor_network(conn: duckdb.DuckDBPyConnection, since: str | None = None,
                  until: str | None = None, min_events: int = 1) -> pa.Table:
    """Return the weighted, directed edges between sides over a date range.

    Args:
        conn: A connection to the store.
        since: First event date, YYYY-MM-DD, inclusive; None for no bound.
        until: Last event date, YYYY-MM-DD, inclusive; None for no bound. With neither bound,
            undated events count too.
        min_events: Keep edges with at least this many events (of any modality).

    Returns:
        Columns source_side, target_side, events, asserted_events, other_events,
        symmetric_events, goldstein_sum (asserted events), other_goldstein_sum (hedged, future,
        hypothetical, negated); most events first.

    Raises:
        ConfigError: If a date is not YYYY-MM-DD or ``min_events`` is below 1.
        StoreError: If the query fails.
    """
    if isinstance(min_events, bool) or not isinstance(min_events, int) or min_events < 1:
        raise ConfigError(BAD_MIN_EVENTS.format(value=min_events))
    bounds = _sql.parse_date("--since", since), _sql.parse_date("--until", until)
    dates, date_params = _sql.range_clause(*bounds)
    query = _NETWORK.format(source=_sql.side_sql("source"), target=_sql.side_sql("target"),
                            dates=dates, asserted=_sql.IS_ASSERTED_SQL)
    return _sql.select(conn, "actor_network", query, [*date_params, *date_params, min_events])
