"""The PLOVER GSR evaluation: reading and mapping the gold records, actor sides, and a run."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.coding.ontology import PLOVER_TYPES
from realpolitik.evaluation import plover_gsr
from realpolitik.models import ActorRef, Event, Evidence

DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
FOLDER = DATASETS / "plover-gsr-cameo"
METRICS = ("type_accuracy", "type_macro_f1", "source_country_f1", "target_country_f1", "event_recall")
needs_data = pytest.mark.skipif(not FOLDER.is_dir(), reason=f"shared dataset folder {FOLDER} is missing")

USA = ActorRef("United States", "United States", "USA", None, "USA")
JOR = ActorRef("Jordan", "Jordan", "JOR", None, "JOR")


def make_event(source: ActorRef, target: ActorRef | None, symmetric: bool) -> Event:
    """A minimal event between two actors."""
    return Event(event_id="e", date=None, source=source, target=target, symmetric=symmetric, plover="AGREE",
                 mode=None, cameo="030", quad_class=1, goldstein=4.0, modality="asserted", sectors=(),
                 evidence=Evidence("", 0, 0), confidence=0.5, coder="test")


@pytest.fixture(scope="module")
def records():
    """The gold records, read from the shared data."""
    return plover_gsr.read_records(FOLDER / plover_gsr.RECORDS_FILE)


@needs_data
def test_read_records_skips_header_and_maps_categories(records):
    assert len(records) == 322
    assert all(r.category in PLOVER_TYPES for r in records)
    assert not any(r.category in plover_gsr.CATEGORY_MAP for r in records)
    assert sum(r.compound for r in records) == 18


@needs_data
def test_read_records_compound_actors_on_both_sides(records):
    record = next(r for r in records if r.id == "PLOVER-GSR01-AGREE-0003")
    assert record.compound and record.sources == record.targets == {"USA", "JOR"}


@needs_data
def test_read_records_fixes_non_iso_codes(records):
    record = next(r for r in records if r.id == "PLOVER-GSR01-AGREE-0002")
    assert record.sources == {"IGO"} and record.targets == {"JPN"}  # gold says JAP


@pytest.mark.parametrize(("ref", "expected"), [
    (ActorRef("EU", "European Union", None, None, "IGOEU"), "IGO"),
    (ActorRef("Kremlin", None, "RUS", "GOV", "RUSGOV"), "RUS"),
    (ActorRef("rebels", None, None, "REB", None), None),
    (None, None),
])
def test_actor_code_at_gold_level(ref, expected):
    assert plover_gsr.actor_code(ref) == expected


def test_predicted_sides_symmetric_event_against_compound_gold():
    record = plover_gsr.Record("x", "", "AGREE", frozenset({"USA", "JOR"}), frozenset({"USA", "JOR"}), True)
    assert plover_gsr.predicted_sides(make_event(JOR, USA, True), record) == ({"USA", "JOR"}, {"USA", "JOR"})


def test_predicted_sides_symmetric_event_takes_the_gold_direction():
    record = plover_gsr.Record("x", "", "AGREE", frozenset({"USA"}), frozenset({"JOR"}), False)
    assert plover_gsr.predicted_sides(make_event(JOR, USA, True), record) == ({"USA"}, {"JOR"})
    assert plover_gsr.predicted_sides(make_event(JOR, USA, False), record) == ({"JOR"}, {"USA"})
    assert plover_gsr.predicted_sides(None, record) == (set(), set())


@pytest.mark.slow
@needs_data
def test_evaluate_is_well_formed(engine):
    result = plover_gsr.evaluate(FOLDER, engine)
    assert result.dataset == "plover-gsr" and result.items == 322
    assert [m.name for m in result.metrics] == list(METRICS)
    assert all(0.0 <= m.value <= 1.0 for m in result.metrics)
    confusion = result.extra["confusion"]
    assert sum(n for row in confusion.values() for n in row.values()) == 322
    assert set(confusion) <= set(PLOVER_TYPES)
    assert result.misses and all(m.item and m.gold and m.predicted for m in result.misses)
