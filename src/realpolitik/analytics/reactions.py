"""Third-party reactions to a dyad: who acted toward either side soon after the dyad's own events.

The question behind it (issue #4): after India and Russia sign a deal, what did the United States
do toward India or Russia in the next two weeks? A *reaction* is an event whose source is a third
side (matching neither ``a`` nor ``b``) and whose target is ``a`` or ``b``, dated on the same day as
or up to ``days`` days after some event of the a-b dyad (a *trigger*, of any modality, within the
query's ``since``/``until``). A symmetric event acts both ways, so a joint "US and India met" is a
US reaction toward India whichever side the coder wrote first. Reactions themselves may fall after
``until``: they answer triggers that are in range.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from realpolitik.analytics import _sql
from realpolitik.analytics.queries import DyadQuery
from realpolitik.errors import ConfigError

DEFAULT_REACTION_DAYS = 14  # two weeks: the example window, long enough for a formal reply
BAD_DAYS = "days {value!r} is not a number of days. Use 0 or a positive whole number, e.g. 14."

_COLUMNS = ("event_id, doc_id, date, sentence_index, modality, plover, goldstein, evidence_text")
_FIRST = "ORDER BY date, doc_id, sentence_index, event_id"

_REACTIONS = """
    WITH triggers AS (
        SELECT event_id, date FROM events WHERE {where}
    ),
    acts AS (  -- one row per act; a symmetric event also acts from its target toward its source
        SELECT {columns}, source_country AS actor_country, source_code AS actor_code,
               target_country AS toward_country, target_code AS toward_code
        FROM events WHERE date IS NOT NULL
        UNION ALL
        SELECT {columns}, target_country, target_code, source_country, source_code
        FROM events WHERE date IS NOT NULL AND "symmetric"
    ),
    aimed AS (
        SELECT *, {reactor} AS reactor, CASE WHEN {toward_a} THEN ? ELSE ? END AS toward,
               {asserted} AS is_asserted
        FROM acts
        WHERE ({toward_a} OR {toward_b}) AND NOT {actor_a} AND NOT {actor_b}
          AND {reactor} IS NOT NULL
    ),
    reacting AS (  -- each reaction once, with its nearest earlier trigger
        SELECT r.*, t.date AS trigger_date, t.event_id AS trigger_event_id
        FROM aimed r JOIN triggers t
          ON r.date >= t.date AND r.date <= t.date + CAST(? AS INTEGER)
        QUALIFY row_number() OVER (PARTITION BY r.event_id, r.reactor, r.toward
                                   ORDER BY t.date DESC, t.event_id) = 1
    )
    SELECT reactor, toward, min(date) AS first_date, count(*) AS events,
           count(*) FILTER (WHERE is_asserted) AS asserted_events,
           count(*) FILTER (WHERE NOT is_asserted) AS other_events,
           coalesce(sum(goldstein) FILTER (WHERE is_asserted), 0.0) AS goldstein_sum,
           coalesce(sum(goldstein) FILTER (WHERE NOT is_asserted), 0.0) AS other_goldstein_sum,
           coalesce(list(DISTINCT plover ORDER BY plover) FILTER (WHERE is_asserted),
                    []::VARCHAR[]) AS plover_types,
           coalesce(list(DISTINCT plover ORDER BY plover) FILTER (WHERE NOT is_asserted),
                    []::VARCHAR[]) AS other_plover_types,
           first(evidence_text {first}) AS evidence_text,
           first(modality {first}) AS evidence_modality,
           first(doc_id {first}) AS doc_id,
           first(event_id {first}) AS event_id,
           first(trigger_date {first}) AS trigger_date,
           first(trigger_event_id {first}) AS trigger_event_id
    FROM reacting
    GROUP BY reactor, toward
    ORDER BY asserted_events DESC, events DESC, reactor, toward"""


def reactions(conn: duckdb.DuckDBPyConnection, q: DyadQuery,
              days: int = DEFAULT_REACTION_DAYS) -> pa.Table:
    """Find third parties that acted toward either side of a dyad soon after its events.

    Args:
        conn: A connection to the store.
        q: The dyad and the dates of its triggering events; ``q.period`` is not used.
        days: How many days after a trigger a reaction may come (0: the same day only).

    Returns:
        One row per reactor and side reacted to. Columns reactor (the third side: country, else
        code), toward (``a`` or ``b`` as upper-cased in the query), first_date, events,
        asserted_events, other_events, goldstein_sum (asserted reactions),
        other_goldstein_sum (hedged, future, hypothetical, negated), plover_types and
        other_plover_types (sorted distinct lists per group), and the first reaction's
        evidence_text, evidence_modality, doc_id, event_id, trigger_date and trigger_event_id
        (the latest dyad event on or before it). Most asserted reactions first.

    Raises:
        ConfigError: If ``days`` is negative or not a whole number.
        StoreError: If the query fails.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ConfigError(BAD_DAYS.format(value=days))
    a, b = q.sides
    where, trigger_params = q.where()
    query = _REACTIONS.format(
        where=where, columns=_COLUMNS, reactor=_sql.side_sql("actor"),
        toward_a=_sql.match_sql("toward"), toward_b=_sql.match_sql("toward"),
        actor_a=_sql.match_sql("actor"), actor_b=_sql.match_sql("actor"),
        asserted=_sql.IS_ASSERTED_SQL, first=_FIRST,
    )
    # Parameters in the order their ? appear: triggers, the CASE, the WHERE, then the window.
    params = [*trigger_params, a, a, a, b, a, a, b, b, a, a, b, b, days]
    return _sql.select(conn, "reactions", query, params)
