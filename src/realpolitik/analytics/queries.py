"""Per-dyad figures over the store: period series, PLOVER types and sectors (issue #4).

Every function takes a DuckDB connection (``Store.conn``) and a ``DyadQuery`` and returns a
``pyarrow.Table``. The dyad is every event between side ``a`` and side ``b`` in either direction,
symmetric events included (a side matches as in ``EventFilter(dyad=...)``: country, else actor-code
prefix). Asserted events are never mixed with hedged, future, hypothetical or negated ones: each
row carries a ``modality_group``, ``"asserted"`` or ``"other"``, and its figures cover that group
only. Events without a date cannot be placed in a period and are left out.

The cooperation-conflict index of a row is::

    coop_conflict_index = (coop - conflict) / (coop + conflict)
    coop     = verbal_coop + material_coop          (QuadClass 1 and 2)
    conflict = verbal_conflict + material_conflict  (QuadClass 3 and 4)

It runs from -1 (all conflict) to +1 (all cooperation) and is null when the row has no event. It
uses counts rather than Goldstein weights on purpose: it does not swing on one extreme weight
(an assault at -10 outweighs ten consultations at +1), it compares dyads of any volume, and it
stays independent of ``goldstein_sum`` so that ``detect_shifts`` watches two different signals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import duckdb
import pyarrow as pa

from realpolitik.analytics import _sql
from realpolitik.errors import BAD_DYAD, ConfigError

Period = Literal["day", "week", "month"]
PERIODS: tuple[str, ...] = ("day", "week", "month")
_STEP = {"day": "1 day", "week": "1 week", "month": "1 month"}

BAD_PERIOD = "period {value!r} is not a period. Use one of {choices}."
SAME_SIDES = ("The dyad {a}-{b} has the same side twice. Name two different countries or codes, "
              "for example IND and RUS.")
BAD_RANGE = "--since {since} is after --until {until}. Swap them, or leave one out."


@dataclass(frozen=True)
class DyadQuery:
    """Which dyad, dates and period bucket an analytics query covers.

    Attributes:
        a: One side: a country ("IND") or actor-code prefix ("IGONATO"); case does not matter.
        b: The other side, like ``a``.
        since: First event date, YYYY-MM-DD, inclusive; None for no bound.
        until: Last event date, YYYY-MM-DD, inclusive; None for no bound.
        period: The bucket of a series: day, week (ISO, starting Monday) or month.

    Raises:
        ConfigError: If a side is empty, both sides are the same, a date is not YYYY-MM-DD,
            ``since`` is after ``until``, or the period is unknown.
    """

    a: str
    b: str
    since: str | None = None
    until: str | None = None
    period: Period = "month"

    def __post_init__(self) -> None:
        """Check the values now, so a bad option fails before any query runs."""
        if not (isinstance(self.a, str) and isinstance(self.b, str) and self.a and self.b):
            raise ConfigError(BAD_DYAD.format(value=f"{self.a}-{self.b}"))
        if self.a.upper() == self.b.upper():
            raise ConfigError(SAME_SIDES.format(a=self.a, b=self.b))
        if self.period not in PERIODS:
            raise ConfigError(BAD_PERIOD.format(value=self.period, choices=", ".join(PERIODS)))
        since, until = self.bounds()
        if since is not None and until is not None and since > until:
            raise ConfigError(BAD_RANGE.format(since=self.since, until=self.until))

    @property
    def sides(self) -> tuple[str, str]:
        """The two sides, upper-cased as they are matched."""
        return self.a.upper(), self.b.upper()

    def bounds(self) -> tuple[date | None, date | None]:
        """The parsed ``since`` and ``until`` dates."""
        return _sql.parse_date("--since", self.since), _sql.parse_date("--until", self.until)

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE body for the dated dyad events in range, with its parameters."""
        dyad, params = _sql.dyad_clause(*self.sides)
        dates, more = _sql.range_clause(*self.bounds())
        return f"date IS NOT NULL AND {dyad}{dates}", params + more


_SERIES = """
    WITH dyad AS (
        SELECT CAST(date_trunc(?, date) AS DATE) AS period_start, {group} AS modality_group,
               quad_class, goldstein
        FROM events WHERE {where}
    ),
    counted AS (
        SELECT period_start, modality_group, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean
        FROM dyad GROUP BY period_start, modality_group
    ),
    buckets AS (  -- every period from the dyad's first to its last, for the asserted group
        SELECT CAST(unnest(generate_series(min(period_start), max(period_start),
                                           CAST(? AS INTERVAL))) AS DATE) AS period_start
        FROM dyad
    ),
    keyed AS (
        SELECT period_start, 'asserted' AS modality_group FROM buckets
        UNION SELECT period_start, modality_group FROM counted
    ),
    filled AS (
        SELECT k.period_start, k.modality_group, coalesce(c.events, 0) AS events,
               coalesce(c.verbal_coop, 0) AS verbal_coop,
               coalesce(c.material_coop, 0) AS material_coop,
               coalesce(c.verbal_conflict, 0) AS verbal_conflict,
               coalesce(c.material_conflict, 0) AS material_conflict,
               coalesce(c.goldstein_sum, 0.0) AS goldstein_sum, c.goldstein_mean
        FROM keyed k LEFT JOIN counted c USING (period_start, modality_group)
    )
    SELECT *,
           CAST(verbal_coop + material_coop - verbal_conflict - material_conflict AS DOUBLE)
             / nullif(verbal_coop + material_coop + verbal_conflict + material_conflict, 0)
             AS coop_conflict_index
    FROM filled
    ORDER BY period_start, modality_group"""


def dyad_series(conn: duckdb.DuckDBPyConnection, q: DyadQuery) -> pa.Table:
    """Count a dyad's events per period and modality group, with QuadClass and Goldstein figures.

    The asserted group has a row for every period from the dyad's first event to its last (of
    either group, within ``since``/``until``), zero-filled where nothing happened, so charts are
    continuous; the other group has rows only where it has events.

    Args:
        conn: A connection to the store.
        q: The dyad, dates and period.

    Returns:
        Columns period_start (date), modality_group ("asserted"/"other"), events, verbal_coop,
        material_coop, verbal_conflict, material_conflict (QuadClass 1-4 counts), goldstein_sum
        (0.0 when empty), goldstein_mean (null when empty), coop_conflict_index ((coop -
        conflict) / (coop + conflict) over QuadClass counts; null when empty); by period, then
        group. Empty when the dyad has no dated event in range.

    Raises:
        StoreError: If the query fails.
    """
    where, params = q.where()
    query = _SERIES.format(group=_sql.GROUP_SQL, where=where)
    return _sql.select(conn, "dyad_series", query, [q.period, *params, _STEP[q.period]])


_TYPES = """
    SELECT CAST(date_trunc(?, date) AS DATE) AS period_start, {group} AS modality_group,
           plover, count(*) AS events, sum(goldstein) AS goldstein_sum
    FROM events WHERE {where}
    GROUP BY ALL
    ORDER BY period_start, modality_group, events DESC, plover"""


def dyad_types(conn: duckdb.DuckDBPyConnection, q: DyadQuery) -> pa.Table:
    """Count a dyad's events per period, modality group and PLOVER type (long format).

    Only combinations that occur have a row (no zero-filling: pivot if a chart needs it).

    Args:
        conn: A connection to the store.
        q: The dyad, dates and period.

    Returns:
        Columns period_start, modality_group, plover, events, goldstein_sum; by period, group,
        most events first, then type.

    Raises:
        StoreError: If the query fails.
    """
    where, params = q.where()
    query = _TYPES.format(group=_sql.GROUP_SQL, where=where)
    return _sql.select(conn, "dyad_types", query, [q.period, *params])


_SECTORS = """
    SELECT sector, modality_group, count(*) AS events, sum(goldstein) AS goldstein_sum
    FROM (SELECT unnest(sectors) AS sector, {group} AS modality_group, goldstein
          FROM events WHERE {where})
    GROUP BY ALL
    ORDER BY modality_group, events DESC, sector"""


def dyad_sectors(conn: duckdb.DuckDBPyConnection, q: DyadQuery) -> pa.Table:
    """Break a dyad's events down by sector and modality group.

    An event tagged with several sectors counts once in each, so the rows can sum to more than
    the dyad's events; an event with no sector is in no row. ``q.period`` is not used.

    Args:
        conn: A connection to the store.
        q: The dyad and dates.

    Returns:
        Columns sector, modality_group, events, goldstein_sum; asserted first, then most events.

    Raises:
        StoreError: If the query fails.
    """
    where, params = q.where()
    query = _SECTORS.format(group=_sql.GROUP_SQL, where=where)
    return _sql.select(conn, "dyad_sectors", query, params)
