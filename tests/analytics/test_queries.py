"""Analytics on a real DuckDB file: dyad series, types, sectors, reactions, the actor network."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from realpolitik.analytics import (
    DyadQuery,
    actor_network,
    detect_shifts,
    dyad_sectors,
    dyad_series,
    dyad_types,
    reactions,
)
from realpolitik.errors import ConfigError, StoreError
from realpolitik.models import ActorRef, CodedDocument, Event, Evidence
from realpolitik.store.db import Store

IND = ActorRef("India", "India", "IND", None, "IND")
IND_OPP = ActorRef("the opposition", "Indian opposition", "IND", "OPP", "INDOPP")
RUS = ActorRef("Moscow", "Russia", "RUS", "GOV", "RUSGOV")
USA = ActorRef("Washington", "United States", "USA", "GOV", "USAGOV")
CHN = ActorRef("Beijing", "China", "CHN", "GOV", "CHNGOV")
NATO = ActorRef("NATO", "NATO", None, None, "IGONATO")


def make_event(event_id: str, source: ActorRef, target: ActorRef | None, day: str | None,
               plover: str, quad_class: int, goldstein: float, modality: str = "asserted",
               sectors: tuple[str, ...] = ("diplomacy",), symmetric: bool = False) -> Event:
    """An event with plausible defaults for the fields these tests do not read."""
    return Event(
        event_id=event_id, date=day, source=source, target=target, symmetric=symmetric,
        plover=plover, mode=None, cameo="040", quad_class=quad_class, goldstein=goldstein,
        modality=modality, sectors=sectors, evidence=Evidence(f"Evidence of {event_id}.", 0, 16),
        confidence=0.8, coder="test.coder.v1", trigger="t", rule="test",
    )


# The IND-RUS dyad: Jan (2 asserted, 1 hedged), no Feb event, Mar (1 asserted, 1 future), Apr (1
# asserted), and one undated event. e2 is symmetric.
DYAD = (
    make_event("e1", IND, RUS, "2025-01-05", "CONSULT", 1, 1.0),
    make_event("e2", RUS, IND, "2025-01-20", "AGREE", 1, 3.0, sectors=("defence", "trade"),
               symmetric=True),
    make_event("e3", IND, RUS, "2025-01-20", "ACCUSE", 3, -2.0, modality="hedged"),
    make_event("e4", RUS, IND, "2025-03-10", "SANCTION", 4, -8.0, sectors=("trade",)),
    make_event("e5", IND, RUS, "2025-03-12", "AID", 2, 7.0, modality="future", sectors=("energy",)),
    make_event("e6", IND, RUS, "2025-04-02", "SUPPORT", 2, 5.0, sectors=("energy", "trade")),
    make_event("e7", RUS, IND, None, "CONSULT", 1, 1.0),
)
# Around it: r1, r2, r4, r5 react within 14 days (r2 hedged, r4 a symmetric IND-USA meeting on the
# day of e6); r3 comes 31 days after e2; x1 is India acting, n1 has no target, s1 is domestic.
OTHERS = (
    make_event("r1", USA, IND, "2025-01-25", "THREATEN", 3, -4.0),
    make_event("r2", USA, RUS, "2025-03-20", "SANCTION", 4, -5.0, modality="hedged"),
    make_event("r3", CHN, IND, "2025-02-20", "CONSULT", 1, 1.0),
    make_event("r4", IND, USA, "2025-04-02", "CONSULT", 1, 1.0, symmetric=True),
    make_event("r5", NATO, RUS, "2025-01-06", "ACCUSE", 3, -2.0),
    make_event("x1", IND, USA, "2025-01-26", "REQUEST", 1, 2.0),
    make_event("n1", IND, None, "2025-03-01", "MOBILIZE", 4, -2.0),
    make_event("s1", IND_OPP, IND, "2025-02-10", "PROTEST", 3, -3.0),
)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store file holding DYAD and OTHERS, one document per event."""
    with Store.open(tmp_path / "x.duckdb") as store:
        docs = [CodedDocument(id=f"d-{e.event_id}", origin=f"{e.event_id}.txt", date=e.date,
                              text=f"Text of {e.event_id}.", events=(e,)) for e in (*DYAD, *OTHERS)]
        store.save_many(docs)
        yield store.conn


def rows(table, *columns: str) -> list[tuple]:
    """The table's rows as tuples of the named columns."""
    return [tuple(row[c] for c in columns) for row in table.to_pylist()]


SERIES_COLUMNS = ("period_start", "modality_group", "events", "verbal_coop", "material_coop",
                  "verbal_conflict", "material_conflict", "goldstein_sum", "goldstein_mean",
                  "coop_conflict_index")


@pytest.mark.parametrize("q", [DyadQuery("IND", "RUS"), DyadQuery("rus", "ind", period="month")])
def test_dyad_series_counts_months_apart_by_modality(conn, q):
    table = dyad_series(conn, q)
    assert tuple(table.column_names) == SERIES_COLUMNS
    assert rows(table, *SERIES_COLUMNS) == [
        (date(2025, 1, 1), "asserted", 2, 2, 0, 0, 0, 4.0, 2.0, 1.0),
        (date(2025, 1, 1), "other", 1, 0, 0, 1, 0, -2.0, -2.0, -1.0),
        (date(2025, 2, 1), "asserted", 0, 0, 0, 0, 0, 0.0, None, None),
        (date(2025, 3, 1), "asserted", 1, 0, 0, 0, 1, -8.0, -8.0, -1.0),
        (date(2025, 3, 1), "other", 1, 0, 1, 0, 0, 7.0, 7.0, 1.0),
        (date(2025, 4, 1), "asserted", 1, 0, 1, 0, 0, 5.0, 5.0, 1.0),
    ]


def test_dyad_series_weeks_fill_every_asserted_bucket(conn):
    table = dyad_series(conn, DyadQuery("IND", "RUS", period="week"))
    asserted = [row for row in table.to_pylist() if row["modality_group"] == "asserted"]
    # 2025-01-05 is a Sunday (week of Monday 2024-12-30); 2025-04-02 is in the week of 03-31.
    assert (asserted[0]["period_start"], asserted[-1]["period_start"]) == (
        date(2024, 12, 30), date(2025, 3, 31))
    assert len(asserted) == 14
    assert sum(row["events"] for row in asserted) == 4
    assert sum(row["events"] == 0 for row in asserted) == 10


def test_dyad_series_day_range_spans_both_groups(conn):
    q = DyadQuery("IND", "RUS", since="2025-03-01", until="2025-03-31", period="day")
    assert rows(dyad_series(conn, q), "period_start", "modality_group", "events") == [
        (date(2025, 3, 10), "asserted", 1),
        (date(2025, 3, 11), "asserted", 0),
        (date(2025, 3, 12), "asserted", 0),
        (date(2025, 3, 12), "other", 1),
    ]


def test_dyad_series_empty_dyad_has_no_rows(conn):
    table = dyad_series(conn, DyadQuery("IND", "CHN", until="2025-01-31"))
    assert table.num_rows == 0 and tuple(table.column_names) == SERIES_COLUMNS


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"a": "IND", "b": ""}, "is not a pair of codes"),
    ({"a": "IND", "b": "ind"}, "has the same side twice"),
    ({"a": "IND", "b": "RUS", "period": "year"}, "'year' is not a period"),
    ({"a": "IND", "b": "RUS", "since": "2025-13-01"}, "--since '2025-13-01' is not a date"),
    ({"a": "IND", "b": "RUS", "since": "2025-02-01", "until": "2025-01-01"}, "is after --until"),
])
def test_dyad_query_rejects_bad_values(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        DyadQuery(**kwargs)


def test_dyad_types_counts_plover_per_month_and_group(conn):
    table = dyad_types(conn, DyadQuery("IND", "RUS"))
    assert rows(table, "period_start", "modality_group", "plover", "events", "goldstein_sum") == [
        (date(2025, 1, 1), "asserted", "AGREE", 1, 3.0),
        (date(2025, 1, 1), "asserted", "CONSULT", 1, 1.0),
        (date(2025, 1, 1), "other", "ACCUSE", 1, -2.0),
        (date(2025, 3, 1), "asserted", "SANCTION", 1, -8.0),
        (date(2025, 3, 1), "other", "AID", 1, 7.0),
        (date(2025, 4, 1), "asserted", "SUPPORT", 1, 5.0),
    ]


def test_dyad_sectors_unnests_each_sector(conn):
    table = dyad_sectors(conn, DyadQuery("IND", "RUS"))
    assert rows(table, "sector", "modality_group", "events", "goldstein_sum") == [
        ("trade", "asserted", 3, 0.0),
        ("defence", "asserted", 1, 3.0),
        ("diplomacy", "asserted", 1, 1.0),
        ("energy", "asserted", 1, 5.0),
        ("diplomacy", "other", 1, -2.0),
        ("energy", "other", 1, 7.0),
    ]


def test_detect_shifts_flags_the_march_sanction(conn):
    shifts = detect_shifts(dyad_series(conn, DyadQuery("IND", "RUS")))
    assert [(s.period, s.metric, s.value, s.baseline, s.direction) for s in shifts] == [
        (date(2025, 3, 1), "goldstein_sum", -8.0, 2.0, "down")]
    assert shifts[0].z == pytest.approx(-10 / 8 ** 0.5)


REACTION_COLUMNS = ("reactor", "toward", "first_date", "events", "asserted_events", "other_events",
                    "goldstein_sum", "other_goldstein_sum", "plover_types", "other_plover_types",
                    "evidence_text", "evidence_modality", "doc_id", "event_id", "trigger_date",
                    "trigger_event_id")


def test_reactions_finds_third_parties_within_two_weeks(conn):
    table = reactions(conn, DyadQuery("IND", "RUS"))
    assert tuple(table.column_names) == REACTION_COLUMNS
    assert rows(table, *REACTION_COLUMNS) == [
        ("USA", "IND", date(2025, 1, 25), 2, 2, 0, -3.0, 0.0, ["CONSULT", "THREATEN"], [],
         "Evidence of r1.", "asserted", "d-r1", "r1", date(2025, 1, 20), "e2"),
        ("IGONATO", "RUS", date(2025, 1, 6), 1, 1, 0, -2.0, 0.0, ["ACCUSE"], [],
         "Evidence of r5.", "asserted", "d-r5", "r5", date(2025, 1, 5), "e1"),
        ("USA", "RUS", date(2025, 3, 20), 1, 0, 1, 0.0, -5.0, [], ["SANCTION"],
         "Evidence of r2.", "hedged", "d-r2", "r2", date(2025, 3, 12), "e5"),
    ]


@pytest.mark.parametrize(("q", "days", "expected"), [
    # r1 comes 5 days after e2 and r2 8 after e5: both drop out; r4 (day 0) and r5 (day 1) stay.
    (DyadQuery("IND", "RUS"), 3, [("IGONATO", "RUS", 1, "r5"), ("USA", "IND", 1, "r4")]),
    (DyadQuery("IND", "RUS"), 0, [("USA", "IND", 1, "r4")]),
    # 40 days reach r3 (31 days after e2).
    (DyadQuery("RUS", "IND"), 40, [("USA", "IND", 2, "r1"), ("CHN", "IND", 1, "r3"),
                                   ("IGONATO", "RUS", 1, "r5"), ("USA", "RUS", 1, "r2")]),
    # Triggers from March on: r2 (after e5) and r4 (the day of e6).
    (DyadQuery("IND", "RUS", since="2025-03-01"), 14, [("USA", "IND", 1, "r4"),
                                                       ("USA", "RUS", 1, "r2")]),
])
def test_reactions_window_and_range(conn, q, days, expected):
    assert rows(reactions(conn, q, days=days), "reactor", "toward", "events", "event_id") == expected


@pytest.mark.parametrize("days", [-1, 1.5, True])
def test_reactions_rejects_bad_days(conn, days):
    with pytest.raises(ConfigError, match="is not a number of days"):
        reactions(conn, DyadQuery("IND", "RUS"), days=days)


NETWORK_COLUMNS = ("source_side", "target_side", "events", "asserted_events", "other_events",
                   "symmetric_events", "goldstein_sum", "other_goldstein_sum")


def test_actor_network_counts_directed_edges_symmetric_both_ways(conn):
    table = actor_network(conn)
    assert tuple(table.column_names) == NETWORK_COLUMNS
    assert rows(table, *NETWORK_COLUMNS) == [
        ("IND", "RUS", 5, 3, 2, 1, 9.0, 5.0),
        ("RUS", "IND", 3, 3, 0, 1, -4.0, 0.0),
        ("IND", "USA", 2, 2, 0, 1, 3.0, 0.0),
        ("USA", "IND", 2, 2, 0, 1, -3.0, 0.0),
        ("CHN", "IND", 1, 1, 0, 0, 1.0, 0.0),
        ("IGONATO", "RUS", 1, 1, 0, 0, -2.0, 0.0),
        ("USA", "RUS", 1, 0, 1, 0, 0.0, -5.0),
    ]


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"min_events": 2}, [("IND", "RUS", 5), ("RUS", "IND", 3), ("IND", "USA", 2),
                         ("USA", "IND", 2)]),
    ({"since": "2025-03-01"}, [("IND", "RUS", 2), ("IND", "USA", 1), ("RUS", "IND", 1),
                               ("USA", "IND", 1), ("USA", "RUS", 1)]),
    ({"since": "2025-01-01", "until": "2025-01-31"}, [("IND", "RUS", 3), ("IGONATO", "RUS", 1),
                                                      ("IND", "USA", 1), ("RUS", "IND", 1),
                                                      ("USA", "IND", 1)]),
])
def test_actor_network_filters(conn, kwargs, expected):
    assert rows(actor_network(conn, **kwargs), "source_side", "target_side", "events") == expected


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"min_events": 0}, "min_events 0 is not a count"),
    ({"until": "January"}, "--until 'January' is not a date"),
])
def test_actor_network_rejects_bad_options(conn, kwargs, message):
    with pytest.raises(ConfigError, match=message):
        actor_network(conn, **kwargs)


def test_dyad_series_failure_is_a_store_error(tmp_path):
    conn = duckdb.connect(str(tmp_path / "empty.duckdb"))  # no migrations: no events table
    with pytest.raises(StoreError, match="The analytics query dyad_series failed on the store"):
        dyad_series(conn, DyadQuery("IND", "RUS"))
    conn.close()
