"""The DuckDB store on a real file: saving, idempotence, migrations, filters, summaries, export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from realpolitik.errors import ConfigError, StoreError
from realpolitik.models import Actor, ActorRef, CodedDocument, Event, Evidence, Quote, Rejection
from realpolitik.store import DEFAULT_DB_NAME, EventFilter, SaveSummary, Store, default_db_path
from realpolitik.store.migrations import migrate
from realpolitik.store.parquet import quote_path

IND = ActorRef("India", "India", "IND", None, "IND")
RUS = ActorRef("Moscow", "Russia", "RUS", "GOV", "RUSGOV")
USA = ActorRef("Washington", "United States", "USA", "GOV", "USAGOV")
NATO = ActorRef("NATO", "NATO", None, None, "IGONATO")


def make_event(event_id: str, source: ActorRef, target: ActorRef | None, *, date: str,
               plover: str = "CONSULT", quad_class: int = 1, goldstein: float = 1.0,
               modality: str = "asserted", sentence_index: int = 0) -> Event:
    """An event with plausible defaults for the fields a test does not care about."""
    return Event(
        event_id=event_id, date=date, source=source, target=target, symmetric=False,
        plover=plover, mode=None, cameo="040", quad_class=quad_class, goldstein=goldstein,
        modality=modality, sectors=("diplomacy", "defence"),
        evidence=Evidence(f"Sentence of {event_id}.", 10 * sentence_index, 10 * sentence_index + 9),
        confidence=0.8, coder="test.coder.v1", sentence_index=sentence_index, trigger="met",
        rule="test",
    )


def make_doc(doc_id: str, date: str, *events: Event) -> CodedDocument:
    """A coded document holding the events, one actor mention and one quote."""
    actor = Actor("India", 0, 5, "India", "state", "IND", None, "IND")
    return CodedDocument(
        id=doc_id, origin=f"{doc_id}.txt", title=f"Title {doc_id}", date=date, url=None,
        source="test", text=f"India met Russia ({doc_id}).", actors=(actor,), events=events,
        quotes=(Quote("We will talk.", 0, 13, IND),),
    )


# Dyads: IND-RUS has 2 asserted events (quad 1, goldstein 1; quad 4, goldstein -10) and one hedged
# (quad 3); IGONATO-USA has one future event; e5 has no target.
DOCS = (
    make_doc("d1", "2024-12-05", make_event("e1", IND, RUS, date="2024-12-05")),
    make_doc(
        "d2", "2025-01-10",
        make_event("e2", RUS, IND, date="2025-01-10", plover="ASSAULT", quad_class=4,
                   goldstein=-10.0),
        make_event("e3", IND, RUS, date="2025-01-10", plover="ACCUSE", quad_class=3,
                   goldstein=-2.0, modality="hedged", sentence_index=1),
        make_event("e5", IND, None, date="2025-01-10", plover="MOBILIZE", quad_class=4,
                   goldstein=-2.0, sentence_index=2),
    ),
    make_doc("d3", "2025-02-01", make_event("e4", USA, NATO, date="2025-02-01", plover="AID",
                                            quad_class=2, goldstein=5.0, modality="future")),
)
REJECTED = CodedDocument(id="bad", origin="bad.txt", language=None,
                         rejected=Rejection("bad.txt", "too_short", "has 3 words; at least 20."))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test store lives."""
    return tmp_path / "data" / "rp.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An empty store on a real file."""
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    """The store holding DOCS."""
    store.save_many(DOCS)
    return store


def test_store_save_reads_back_events(store: Store) -> None:
    assert store.save(DOCS[0]) is True
    rows = store.events().to_pylist()
    assert len(rows) == 1
    row = rows[0]
    assert row["event_id"] == "e1" and row["doc_id"] == "d1"
    assert str(row["date"]) == "2024-12-05"
    assert (row["source_country"], row["target_code"]) == ("IND", "RUSGOV")
    assert row["sectors"] == ["diplomacy", "defence"]
    assert (row["evidence_text"], row["evidence_start"], row["evidence_end"]) == (
        "Sentence of e1.", 0, 9)
    assert store.info()["counts"] == {
        "documents": 1, "actors": 1, "events": 1, "quotes": 1, "rejections": 0,
        "document_copies": 1}


def test_store_save_twice_changes_no_count(store: Store) -> None:
    store.save_many(DOCS)
    before = store.info()["counts"]
    assert store.save(DOCS[1]) is False
    assert store.save_many(DOCS) == SaveSummary(stored=0, duplicates=3, rejected=0, events=0)
    assert store.info()["counts"] == before


def test_store_save_many_counts_each_input(store: Store) -> None:
    summary = store.save_many([*DOCS, DOCS[0], REJECTED], batch_size=2)
    assert summary == SaveSummary(stored=3, duplicates=1, rejected=1, events=5)


def test_store_reopen_keeps_data_and_migrations(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.save_many(DOCS)
    with Store.open(db_path) as again:
        info = again.info()
        applied = again.conn.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert info["counts"]["events"] == 5
    assert applied == [(1, "create core tables"), (2, "create gdelt_events"),
                       (3, "document copies, minhash index and event counts"), (4, "create feed_items")]
    assert (info["schema_version"], info["migrations"]) == (4, [name for _, name in applied])
    assert info["path"] == str(db_path) and info["size_bytes"] > 0


def test_migrate_applies_only_new_migrations() -> None:
    conn = duckdb.connect(":memory:")
    assert migrate(conn) == ["create core tables", "create gdelt_events",
                             "document copies, minhash index and event counts", "create feed_items"]
    assert migrate(conn) == []
    conn.close()


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(), ["e1", "e2", "e3", "e5", "e4"]),
    (EventFilter(actor="ind"), ["e1", "e2", "e3", "e5"]),
    (EventFilter(actor="RUSGOV"), ["e1", "e2", "e3"]),
    (EventFilter(actor="IGO"), ["e4"]),
    (EventFilter(dyad=("RUS", "IND")), ["e1", "e2", "e3"]),
    (EventFilter(dyad=("IND", "RUS")), ["e1", "e2", "e3"]),
    (EventFilter(dyad=("USA", "IGONATO")), ["e4"]),
    (EventFilter(dyad=("IND", "USA")), []),
    (EventFilter(plover="accuse"), ["e3"]),
    (EventFilter(since="2025-01-10"), ["e2", "e3", "e5", "e4"]),
    (EventFilter(until="2025-01-09"), ["e1"]),
    (EventFilter(since="2025-01-01", until="2025-01-31"), ["e2", "e3", "e5"]),
    (EventFilter(modality="Hedged"), ["e3"]),
    (EventFilter(actor="IND", modality="asserted", limit=2), ["e1", "e2"]),
])
def test_store_events_filters(filled: Store, flt: EventFilter, expected: list[str]) -> None:
    assert filled.events(flt).column("event_id").to_pylist() == expected


@pytest.mark.parametrize("kwargs", [
    {"since": "2025-13-01"}, {"until": "10/01/2025"}, {"dyad": ("IND", "")}, {"limit": -1},
])
def test_event_filter_rejects_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        EventFilter(**kwargs)  # type: ignore[arg-type]


def test_store_dyad_summary_separates_asserted_from_other_modalities(filled: Store) -> None:
    rows = {row.pop("dyad"): row for row in filled.dyad_summary().to_pylist()}
    assert list(rows) == ["IND-RUS", "IGONATO-USA"]  # most events first; e5 has no target
    ind_rus = rows["IND-RUS"]
    assert {k: ind_rus[k] for k in ("events", "asserted", "other_modality")} == {
        "events": 3, "asserted": 2, "other_modality": 1}
    assert [ind_rus[k] for k in ("verbal_coop", "material_coop", "verbal_conflict",
                                 "material_conflict")] == [1, 0, 0, 1]
    assert (ind_rus["goldstein_sum"], ind_rus["goldstein_mean"]) == (-9.0, -4.5)
    assert (str(ind_rus["first_date"]), str(ind_rus["last_date"])) == ("2024-12-05", "2025-01-10")
    nato = rows["IGONATO-USA"]
    assert (nato["events"], nato["asserted"], nato["other_modality"]) == (1, 0, 1)
    assert (nato["material_coop"], nato["goldstein_sum"], nato["goldstein_mean"]) == (0, 0.0, None)


def test_store_dyad_summary_applies_filter(filled: Store) -> None:
    table = filled.dyad_summary(EventFilter(actor="USA"))
    assert table.column("dyad").to_pylist() == ["IGONATO-USA"]


@pytest.mark.parametrize(("table", "rows"), [
    ("documents", 3), ("actors", 3), ("events", 5), ("quotes", 3), ("rejections", 1),
])
def test_store_export_writes_parquet_and_csv(filled: Store, tmp_path: Path, table: str,
                                             rows: int) -> None:
    filled.save(REJECTED)
    parquet_file = tmp_path / "out" / f"{table}.parquet"
    csv_file = tmp_path / "out" / f"{table}.csv"
    assert filled.export(table, parquet_file, "parquet") == rows
    assert filled.export(table, csv_file, "csv") == rows
    assert pq.read_table(parquet_file).num_rows == rows
    with csv_file.open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == rows


def test_store_export_events_keeps_sectors(filled: Store, tmp_path: Path) -> None:
    filled.export("events", tmp_path / "e.parquet", "parquet")
    filled.export("events", tmp_path / "e.csv", "csv")
    assert pq.read_table(tmp_path / "e.parquet").column("sectors")[0].as_py() == [
        "diplomacy", "defence"]
    with (tmp_path / "e.csv").open(newline="", encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["sectors"] == "diplomacy;defence"


def test_store_export_escapes_quotes_in_path(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "it's here" / "events.parquet"
    assert quote_path(target).count("''") == 1
    assert filled.export("events", target, "parquet") == 5
    assert pq.read_table(target).num_rows == 5


@pytest.mark.parametrize(("table", "fmt"), [("secrets", "csv"), ("events", "xlsx")])
def test_store_export_rejects_unknown_table_or_format(filled: Store, tmp_path: Path, table: str,
                                                      fmt: str) -> None:
    with pytest.raises(ConfigError, match=table if table == "secrets" else fmt):
        filled.export(table, tmp_path / "x", fmt)


def test_store_export_events_partitioned_creates_year_folders(filled: Store,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "events"
    assert filled.export_events_partitioned(folder) == 5
    assert sorted(p.name for p in folder.iterdir()) == ["year=2024", "year=2025"]
    assert pq.read_table(folder).num_rows == 5


def test_store_export_events_partitioned_refuses_non_empty_folder(filled: Store,
                                                                 tmp_path: Path) -> None:
    folder = tmp_path / "events"
    filled.export_events_partitioned(folder)
    with pytest.raises(StoreError, match="not empty"):
        filled.export_events_partitioned(folder)
    assert filled.export_events_partitioned(folder, overwrite=True) == 5
    assert pq.read_table(folder).num_rows == 5


def test_store_save_many_rolls_back_failed_batch(store: Store) -> None:
    broken = make_doc("broken", "2025-01-10", replace(DOCS[0].events[0], event_id="x",
                                                      quad_class="four"))  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="Nothing from this batch was kept"):
        store.save_many([DOCS[0], broken])
    assert store.info()["counts"] == {
        "documents": 0, "actors": 0, "events": 0, "quotes": 0, "rejections": 0,
        "document_copies": 0}
    assert store.save_many(DOCS).stored == 3  # the connection is usable afterwards


def test_store_rejections_stored_once(store: Store) -> None:
    assert store.save(REJECTED) is True
    assert store.save(REJECTED) is False
    assert REJECTED.rejected is not None
    store.record_rejection(REJECTED.rejected)
    rows = store.rejections().to_pylist()
    assert [(r["reason"], r["origin"]) for r in rows] == [("too_short", "bad.txt")]
    assert rows[0]["doc_id"] == "bad"
    assert store.info()["counts"]["documents"] == 0


def test_store_save_turns_bad_date_into_rejection(store: Store) -> None:
    doc = make_doc("odd", "05/12/2024")
    assert store.save_many([doc]) == SaveSummary(stored=0, duplicates=0, rejected=1, events=0)
    assert store.rejections().column("reason").to_pylist() == ["bad_date"]


def test_store_open_directory_raises_store_error(tmp_path: Path) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(StoreError, match="Cannot open the store") as caught:
        Store.open(folder)
    assert str(folder) in str(caught.value)


def test_store_open_non_database_file_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="notes.duckdb"):
        Store.open(path)


def test_store_open_memory_has_no_size() -> None:
    with Store.open(":memory:") as memory:
        info = memory.info()
    assert (info["path"], info["size_bytes"], info["schema_version"]) == (":memory:", None, 4)


@pytest.mark.parametrize(("env", "expected"), [
    ("/data/events.duckdb", Path("/data/events.duckdb")),
    (None, Path.cwd() / DEFAULT_DB_NAME),
])
def test_default_db_path_reads_environment(monkeypatch: pytest.MonkeyPatch, env: str | None,
                                           expected: Path) -> None:
    if env is None:
        monkeypatch.delenv("REALPOLITIK_DB", raising=False)
    else:
        monkeypatch.setenv("REALPOLITIK_DB", env)
    assert default_db_path() == expected


def test_store_over_migrated_cursor_skips_schema_check(tmp_path: Path) -> None:
    with Store.open(tmp_path / "root.duckdb") as root:
        cursor_store = Store(root.conn.cursor(), root.path, migrated=True)
        assert cursor_store.info()["schema_version"] == root.info()["schema_version"]
        cursor_store.close()
    bare = duckdb.connect(":memory:")
    Store(bare, migrated=True)  # nothing is created on a connection said to be migrated
    assert bare.execute("SELECT count(*) FROM duckdb_tables()").fetchone() == (0,)
    bare.close()
