"""PLOVER JSONL export: one record per stored event, with the PLOVER manual's field names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from realpolitik.models import ActorRef, CodedDocument, Event, Evidence
from realpolitik.store import EventFilter, Store
from realpolitik.store.plover import export_plover_jsonl

IND = ActorRef("New Delhi", "India", "IND", "GOV", "INDGOV")
RUS = ActorRef("Moscow", "Russia", "RUS", "GOV", "RUSGOV")


def make_plover_event(event_id: str, target: ActorRef | None, *, symmetric: bool = False,
                      mode: str | None = "visit", date: str | None = "2024-12-05") -> Event:
    """A Russia-sourced event; only the fields under test vary."""
    return Event(
        event_id=event_id, date=date, source=RUS, target=target, symmetric=symmetric,
        plover="CONSULT", mode=mode, cameo="042", quad_class=1, goldstein=1.9, modality="hedged",
        sectors=("diplomacy", "energy"), evidence=Evidence("Putin may visit India.", 20, 42),
        confidence=0.75, coder="test.coder.v1", sentence_index=2,
    )


DOC = CodedDocument(
    id="d1", origin="d1.txt", title="Putin to visit India", date="2024-12-05",
    url="https://example.org/putin-india", text="...",
    events=(
        make_plover_event("a-directed", IND),
        make_plover_event("b-symmetric", IND, symmetric=True, mode=None),
        make_plover_event("c-alone", None, date=None),
    ),
)
TOP_LEVEL = {"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code", "text",
             "text_info", "cite_info", "coder", "doc_id", "url", "modality", "cameo", "goldstein",
             "confidence"}
ENTITY = {"code", "sector", "entity_text", "identifier_text", "actor_code"}


@pytest.fixture
def records(tmp_path: Path) -> Iterator[list[dict]]:
    """The PLOVER records of DOC's events, read back from the JSONL file."""
    path = tmp_path / "plover" / "events.jsonl"
    with Store.open(":memory:") as store:
        store.save(DOC)
        assert export_plover_jsonl(store.conn, path) == 3
    yield [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_plover_export_fields_and_types(records: list[dict]) -> None:
    directed = records[0]
    assert set(directed) == TOP_LEVEL
    assert (directed["id"], directed["date"], directed["doc_id"]) == ("a-directed", "2024-12-05", "d1")
    assert all(set(entity) == ENTITY for entity in directed["actor"] + directed["recipient"])
    assert directed["actor"] == [{"code": "RUS", "sector": "GOV", "entity_text": "Moscow",
                                  "identifier_text": "Russia", "actor_code": "RUSGOV"}]
    assert directed["recipient"][0]["code"] == "IND"
    assert (directed["event"], directed["mode"], directed["context"]) == (
        ["CONSULT"], ["visit"], ["diplomacy", "energy"])
    assert (directed["quad_code"], directed["goldstein"], directed["confidence"]) == (1, 1.9, 0.75)
    assert isinstance(directed["goldstein"], float) and isinstance(directed["quad_code"], int)
    assert (directed["cameo"], directed["modality"]) == ("042", "hedged")
    assert directed["text"] == "Putin may visit India."
    assert directed["text_info"] == {"sequence": 2, "start": 20, "end": 42}
    assert directed["cite_info"] == {"citation": "d1", "url": "https://example.org/putin-india",
                                     "title": "Putin to visit India", "language": "en",
                                     "coder": "test.coder.v1"}
    assert directed["url"] == "https://example.org/putin-india"


def test_plover_export_symmetric_event_lists_both_as_actors(records: list[dict]) -> None:
    symmetric = records[1]
    assert [entity["code"] for entity in symmetric["actor"]] == ["RUS", "IND"]
    assert (symmetric["recipient"], symmetric["mode"]) == ([], [])


def test_plover_export_event_without_target_or_date(records: list[dict]) -> None:
    alone = records[2]
    assert alone["recipient"] == []
    assert alone["date"] == "2024-12-05"  # the document's date


def test_plover_export_follows_the_filter(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    with Store.open(":memory:") as store:
        store.save(DOC)
        assert export_plover_jsonl(store.conn, path, EventFilter(limit=1)) == 1
    assert json.loads(path.read_text(encoding="utf-8"))["id"] == "a-directed"
