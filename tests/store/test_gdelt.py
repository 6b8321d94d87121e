"""GDELT 2.0 interchange: importing the real sample exports, exporting our events, and back again."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from realpolitik.errors import IngestError
from realpolitik.models import ActorRef, CodedDocument, Event, Evidence
from realpolitik.store import Store
from realpolitik.store.gdelt import (
    BAD_FIELD,
    GDELT_COLUMNS,
    MALFORMED,
    ImportSummary,
    export_gdelt,
    gdelt_event_id,
    import_gdelt,
)

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "gdelt-sample"
EVENTS_DIR = SAMPLE / "events"
HEADER = SAMPLE / "headers" / "gdelt2.events.header.tsv"
FIRST_FILE = EVENTS_DIR / "20150218230000.export.CSV"
SAMPLE_FILES = sorted(EVENTS_DIR.glob("*.export.CSV")) if EVENTS_DIR.is_dir() else []
needs_sample = pytest.mark.skipif(not SAMPLE_FILES, reason=f"GDELT sample missing at {EVENTS_DIR}")

IND = ActorRef("New Delhi", "India", "IND", "GOV", "INDGOV")
RUS = ActorRef("Moscow", "Russia", "RUS", "GOV", "RUSGOV")
USA = ActorRef("Washington", None, "USA", None, "USA")
TABBED = ActorRef("the\tKremlin", "Kremlin\noffice", "RUS", "GOV", "RUSGOV")


def make_event(event_id: str, source: ActorRef, target: ActorRef | None, *, date: str | None,
               cameo: str = "042", plover: str = "CONSULT", quad_class: int = 1,
               goldstein: float = 1.9, symmetric: bool = False, sentence_index: int = 0) -> Event:
    """An event with plausible defaults for the fields a test does not care about."""
    return Event(
        event_id=event_id, date=date, source=source, target=target, symmetric=symmetric,
        plover=plover, mode="visit" if plover == "CONSULT" else None, cameo=cameo,
        quad_class=quad_class, goldstein=goldstein, modality="asserted",
        sectors=("diplomacy", "energy"), evidence=Evidence(f"Sentence of {event_id}.", 0, 15),
        confidence=0.9, coder="test.coder.v1", sentence_index=sentence_index,
    )


# d1: a visit and a 4-digit CAMEO code; d2: no url, a target-less event, an event without its own
# date (takes the document's) and names with a tab and a line break.
DOCS = (
    CodedDocument(
        id="d1", origin="d1.txt", date="2024-12-05", url="https://example.org/putin-india",
        text="Putin visited India.",
        events=(
            make_event("0123456789abcdef0123", RUS, IND, date="2024-12-05"),
            make_event("e-sanction", USA, RUS, date="2024-12-05", cameo="1631", plover="SANCTION",
                       quad_class=4, goldstein=-5.6, sentence_index=3),
        ),
    ),
    CodedDocument(
        id="d2", origin="d2.txt", date="2025-01-10", text="Moscow mobilised.",
        events=(
            make_event("e-mobilize", RUS, None, date="2025-01-10", cameo="150", plover="MOBILIZE",
                       quad_class=4, goldstein=-7.2, sentence_index=1),
            make_event("e-undated", TABBED, USA, date=None, cameo="036", plover="CONSULT",
                       symmetric=True),
        ),
    ),
)


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty in-memory store."""
    with Store.open(":memory:") as opened:
        yield opened


@pytest.fixture
def exported(store: Store, tmp_path: Path) -> tuple[Store, Path]:
    """The store holding DOCS, and their GDELT export."""
    store.save_many(DOCS)
    path = tmp_path / "out" / "events.gdelt.tsv"
    assert export_gdelt(store.conn, path) == 4
    return store, path


def count_lines(path: Path) -> int:
    """Lines in a file (every GDELT file ends with a newline)."""
    return path.read_bytes().count(b"\n")


def gdelt_row(store: Store, event_id: int) -> dict:
    """One gdelt_events row as a dict."""
    table = store.conn.sql("SELECT * FROM gdelt_events WHERE GLOBALEVENTID = ?",
                           params=[event_id]).to_arrow_table()
    return table.to_pylist()[0]


def test_gdelt_columns_match_header_and_table(store: Store) -> None:
    header = HEADER.read_text(encoding="utf-8").rstrip("\n").split("\t") if HEADER.is_file() else None
    stored = [row[0] for row in store.conn.sql("DESCRIBE gdelt_events").fetchall()]
    assert len(GDELT_COLUMNS) == 61
    assert stored[:61] == list(GDELT_COLUMNS)
    assert stored[61:] == ["source_file", "source_line", "imported_at"]
    if header is not None:
        assert header == list(GDELT_COLUMNS)


@needs_sample
def test_import_gdelt_sample_counts_equal_line_counts(store: Store) -> None:
    summaries = {path.name: import_gdelt(store.conn, path) for path in SAMPLE_FILES}
    for path in SAMPLE_FILES:
        lines = count_lines(path)
        assert summaries[path.name] == ImportSummary(rows=lines, imported=lines)
        stored = store.conn.sql("SELECT count(*) FROM gdelt_events WHERE source_file = ?",
                                params=[str(path)]).fetchall()
        assert stored == [(lines,)]
    assert store.conn.sql("SELECT count(*) FROM gdelt_events").fetchall() == [(6634,)]
    assert store.rejections().num_rows == 0


@needs_sample
def test_import_gdelt_sample_known_row_values(store: Store) -> None:
    import_gdelt(store.conn, FIRST_FILE)
    row = gdelt_row(store, 410412348)  # line 2 of 20150218230000.export.CSV
    assert (row["SQLDATE"], row["MonthYear"], row["Year"], row["FractionDate"]) == (
        date(2014, 2, 18), 201402, 2014, 2014.1315)
    assert row["Actor1Code"] is None
    assert (row["Actor2Code"], row["Actor2Name"], row["Actor2CountryCode"]) == ("IND", "MUMBAI", "IND")
    assert (row["IsRootEvent"], row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (
        1, "042", "042", "04")
    assert (row["QuadClass"], row["GoldsteinScale"], row["NumMentions"], row["AvgTone"]) == (
        1, 1.9, 5, 2.07852193995381)
    assert (row["Actor1Geo_Type"], row["ActionGeo_FullName"], row["ActionGeo_FeatureID"]) == (
        0, "Bengaluru, Karnataka, India", "-2090174")
    assert row["DATEADDED"] == datetime(2015, 2, 18, 23, 0, 0)
    assert row["SOURCEURL"].endswith("/Feline-beauties-to-strut-their-stuff/articleshow/46292006.cms")
    assert (row["source_file"], row["source_line"]) == (str(FIRST_FILE), 2)


@needs_sample
def test_import_gdelt_again_changes_nothing(store: Store) -> None:
    import_gdelt(store.conn, FIRST_FILE)
    before = store.conn.sql("SELECT * FROM gdelt_events ORDER BY GLOBALEVENTID").fetchall()
    again = import_gdelt(store.conn, FIRST_FILE)
    lines = count_lines(FIRST_FILE)
    assert again == ImportSummary(rows=lines, duplicates=lines)
    assert store.conn.sql("SELECT * FROM gdelt_events ORDER BY GLOBALEVENTID").fetchall() == before


@needs_sample
def test_import_gdelt_rejects_malformed_rows(store: Store, tmp_path: Path) -> None:
    good = FIRST_FILE.read_text(encoding="utf-8").splitlines()[:2]
    fields = good[1].split("\t")
    bad_date = "\t".join(["1", "20151399", *fields[2:]])
    bad_quad = "\t".join(["2", *fields[1:29], "x", *fields[30:]])
    path = tmp_path / "mixed.export.CSV"
    path.write_text("\n".join([good[0], "a\tb\tc", bad_date, "", good[1], bad_quad]) + "\n",
                    encoding="utf-8")
    summary = import_gdelt(store.conn, path)
    assert summary == ImportSummary(rows=5, imported=2, rejected=3)
    rejections = store.rejections().to_pylist()
    assert {r["origin"] for r in rejections} == {f"{path}:2", f"{path}:3", f"{path}:6"}
    assert {r["reason"] for r in rejections} == {MALFORMED}
    details = {r["origin"]: r["detail"] for r in rejections}
    assert details[f"{path}:2"].startswith("has 3 tab-separated fields, not 61")
    assert details[f"{path}:3"] == BAD_FIELD.format(column="SQLDATE", value="20151399",
                                                    expected="a YYYYMMDD date")
    assert "QuadClass 'x'" in details[f"{path}:6"]
    assert import_gdelt(store.conn, path).rejected == 3
    assert store.rejections().num_rows == 3  # the same rejection is kept once


def test_import_gdelt_missing_file_raises(store: Store, tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        import_gdelt(store.conn, tmp_path / "nope.export.CSV")


@pytest.mark.parametrize(("event_id", "expected"), [
    ("0123456789abcdef0123", 0x0123456789ABCDE),
    ("fffffffffffffff", 2**60 - 1),
])
def test_gdelt_event_id_reads_first_15_hex_digits(event_id: str, expected: int) -> None:
    assert gdelt_event_id(event_id) == expected


def test_gdelt_event_id_hashes_non_hex_ids_stably() -> None:
    assert gdelt_event_id("e-sanction") == gdelt_event_id("e-sanction") < 2**60
    assert gdelt_event_id("e-sanction") != gdelt_event_id("e-mobilize")


def test_export_gdelt_writes_61_tab_separated_fields(exported: tuple[Store, Path]) -> None:
    _, path = exported
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    lines = text.splitlines()
    assert len(lines) == 4
    assert all(len(line.split("\t")) == 61 for line in lines)


def test_export_gdelt_puts_codes_and_dates_in_their_columns(exported: tuple[Store, Path]) -> None:
    _, path = exported
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True))
            for line in path.read_text(encoding="utf-8").splitlines()]
    visit, sanction, mobilize, undated = rows
    assert visit["GLOBALEVENTID"] == str(0x0123456789ABCDE)
    assert (visit["SQLDATE"], visit["MonthYear"], visit["Year"], visit["FractionDate"]) == (
        "20241205", "202412", "2024", "2024.9178")
    assert (visit["Actor1Code"], visit["Actor1Name"], visit["Actor1CountryCode"],
            visit["Actor1Type1Code"]) == ("RUSGOV", "RUSSIA", "RUS", "GOV")
    assert (visit["Actor2Code"], visit["Actor2Name"], visit["Actor2CountryCode"]) == (
        "INDGOV", "INDIA", "IND")
    assert (visit["EventCode"], visit["EventBaseCode"], visit["EventRootCode"]) == ("042", "042", "04")
    assert (visit["IsRootEvent"], visit["QuadClass"], visit["GoldsteinScale"]) == ("1", "1", "1.9")
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"], visit["AvgTone"]) == (
        "1", "1", "1", "")
    assert (visit["Actor1Geo_Type"], visit["ActionGeo_FullName"]) == ("0", "")
    assert visit["DATEADDED"] == "20241205000000"
    assert visit["SOURCEURL"] == "https://example.org/putin-india"
    assert (sanction["EventCode"], sanction["EventBaseCode"], sanction["EventRootCode"]) == (
        "1631", "163", "16")
    assert (sanction["IsRootEvent"], sanction["GoldsteinScale"], sanction["Actor1Name"]) == (
        "0", "-5.6", "WASHINGTON")
    assert mobilize["Actor2Code"] == mobilize["Actor2Name"] == mobilize["SOURCEURL"] == ""
    assert (undated["SQLDATE"], undated["Actor1Name"]) == ("20250110", "KREMLIN OFFICE")


def test_export_gdelt_imports_back_unchanged(exported: tuple[Store, Path]) -> None:
    store, path = exported
    assert import_gdelt(store.conn, path) == ImportSummary(rows=4, imported=4)
    events = {row["event_id"]: row for row in store.events().to_pylist()}
    imported = store.conn.sql("SELECT * FROM gdelt_events").to_arrow_table().to_pylist()
    assert len(imported) == len(events) == 4
    for row in imported:
        [event] = [e for e in events.values() if gdelt_event_id(e["event_id"]) == row["GLOBALEVENTID"]]
        assert row["SQLDATE"] == (event["date"] or date(2025, 1, 10))
        assert (row["Actor1Code"], row["Actor1CountryCode"]) == (event["source_code"],
                                                                 event["source_country"])
        assert (row["Actor2Code"], row["Actor2CountryCode"]) == (event["target_code"],
                                                                 event["target_country"])
        assert (row["EventCode"], row["QuadClass"], row["GoldsteinScale"]) == (
            event["cameo"], event["quad_class"], event["goldstein"])
        assert row["AvgTone"] is None and row["DATEADDED"].time() == datetime.min.time()


@needs_sample
def test_import_gdelt_reads_upstream_zip(store: Store, tmp_path: Path) -> None:
    path = tmp_path / f"{FIRST_FILE.name}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIRST_FILE, FIRST_FILE.name)
    lines = count_lines(FIRST_FILE)
    assert import_gdelt(store.conn, path) == ImportSummary(rows=lines, imported=lines)
