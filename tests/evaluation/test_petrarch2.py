"""The PETRARCH-2 gold-standard evaluation: the tolerant reader, actor normalisation, scoring, and a run."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.evaluation import petrarch2
from realpolitik.evaluation.petrarch2 import Counts, Predicted
from realpolitik.models import ActorRef

DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
FOLDER = DATASETS / "petrarch2-validation"
METRICS = ("triple_f1", "triple_precision", "triple_recall", "root_accuracy", "dyad_f1",
           "noevent_false_positive_rate")
needs_data = pytest.mark.skipif(not FOLDER.is_dir(), reason=f"shared dataset folder {FOLDER} is missing")


@pytest.fixture(scope="module")
def records():
    """The validation records, read from the shared data."""
    return petrarch2.read_records(FOLDER / petrarch2.RECORDS_FILE)


@pytest.fixture(scope="module")
def normaliser():
    """The normaliser built from the shared Phoenix dictionary."""
    text = (FOLDER / petrarch2.PHOENIX_IGO_FILE).read_text(encoding="utf-8", errors="replace")
    return petrarch2.make_normaliser(text)


@needs_data
def test_read_records_finds_every_record(records):
    assert len(records) == 78
    assert sum(r.noevents for r in records) == 12
    assert sum(len(r.gold) for r in records) == 80
    assert all(r.text for r in records)  # one empty <Text> is rebuilt from its parse


@needs_data
def test_read_records_keeps_codings_and_dates(records):
    gold_4 = next(r for r in records if r.id == "GOLD_4")
    assert gold_4.gold == (("UKR", "IGOEUREEC", "057"),)
    assert gold_4.date == "20150609" and petrarch2.iso_date(gold_4.date) == "2015-06-09"


@needs_data
@pytest.mark.parametrize(("phoenix", "ours"), [
    ("IGOEUREEC", "IGOEU"), ("IGOWSTNAT", "IGONATO"), ("IGOUNO", "IGOUNO"), ("IGOUNOMIL", "IGOUNO"),
    ("IGOCOPITP", "IGOINTERPOL"), ("IRQGOVMIL", "IRQ"), ("---REB", "---"), ("USA", "USA"),
])
def test_normaliser_gold_codes(normaliser, phoenix, ours):
    assert normaliser.gold(phoenix) == ours


@needs_data
@pytest.mark.parametrize(("ref", "expected"), [
    (ActorRef("UN Security Council", None, None, None, "IGOUNSC"), "IGOUNO"),
    (ActorRef("Brussels", None, None, None, "IGOEUCOM"), "IGOEU"),
    (ActorRef("Kremlin", None, "RUS", "GOV", "RUSGOV"), "RUS"),
    (ActorRef("rebels", None, None, "REB", None), "---"),
    (ActorRef("ISIL", None, None, None, "IMGISIL"), "IMG"),  # as gold IMGMUSISI is cut
])
def test_normaliser_predicted_actors(normaliser, ref, expected):
    assert normaliser.predicted(ref) == expected


def test_score_record_symmetric_event_matches_both_directions():
    counts = Counts()
    gold = {("BRA", "USA", "031"), ("USA", "BRA", "031")}
    missed = petrarch2.score_record(gold, [Predicted("USA", "BRA", "031", True)], counts)
    assert not missed
    assert counts.triple == (2, 0, 0) and counts.dyad == (2, 0, 0)
    assert (counts.root_hits, counts.root_total) == (2, 2)


def test_score_record_directed_event_counts_wrong_code_at_root_level():
    counts = Counts()
    missed = petrarch2.score_record({("USA", "LBN", "046")}, [Predicted("USA", "LBN", "051", False)], counts)
    assert missed
    assert counts.triple == (0, 1, 1) and counts.dyad == (1, 0, 0)
    assert (counts.root_hits, counts.root_total) == (0, 1)


@pytest.mark.slow
@needs_data
def test_evaluate_is_well_formed(engine):
    result = petrarch2.evaluate(FOLDER, engine)
    assert result.dataset == "petrarch2" and result.items == 78
    assert [m.name for m in result.metrics] == list(METRICS)
    assert all(0.0 <= m.value <= 1.0 for m in result.metrics)
    assert result.metric("triple_f1").target == 0.70 and result.metric("triple_f1").reference == 0.44
    assert result.seconds > 0
    assert result.misses and all(m.item and m.gold and m.predicted for m in result.misses)
    assert len(result.misses) <= result.items


@pytest.mark.slow
@needs_data
def test_evaluate_unit_records_with_the_fictional_dictionaries(engine):
    from realpolitik.evaluation import petrarch2_unit

    result = petrarch2_unit.evaluate(FOLDER, engine)
    assert result.dataset == "petrarch2-unit" and result.items > 250
    assert result.extra["dictionaries"] == list(petrarch2_unit.VALIDATE_FILES)
    assert result.metric("triple_f1").target is None
    assert result.metric("dyad_f1").value > 0.3  # Arnor, Gondor... are known only through the dictionaries
    bare = petrarch2_unit.evaluate(FOLDER, engine, dataset_dictionaries=False)
    assert bare.metric("dyad_f1").value < result.metric("dyad_f1").value
