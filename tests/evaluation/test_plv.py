"""The PLV evaluation: reading rows, PLV's label set, per-label F1, and a run on the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.coding.ontology import PLOVER_TYPES
from realpolitik.errors import ConfigError
from realpolitik.evaluation import plv

DATASETS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
FOLDER = DATASETS / "plv-plover-relations"
needs_data = pytest.mark.skipif(not (FOLDER / plv.FILENAME).is_file(),
                                reason=f"shared dataset file {FOLDER / plv.FILENAME} is missing")
HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"


@pytest.mark.parametrize(("ours", "theirs"), [
    ("CONCEDE", "YIELD"), ("RETREAT", "YIELD"), ("ASSAULT", "ASSAULT"), ("CONSULT", "CONSULT"),
])
def test_to_plv_label_folds_concede_and_retreat_into_yield(ours, theirs):
    assert plv.to_plv_label(ours) == theirs


def test_to_plv_label_covers_every_plover_type():
    assert {plv.to_plv_label(t) for t in PLOVER_TYPES} == set(plv.PLV_LABELS)


def test_per_label_f1_counts_each_label_alone():
    gold = ["AGREE", "AGREE", "REJECT", "YIELD"]
    predicted = ["AGREE", "CONSULT", "REJECT", "REJECT"]
    scores = plv.per_label_f1(gold, predicted, ("AGREE", "REJECT", "YIELD"))
    assert scores == {"AGREE": pytest.approx(2 / 3, abs=1e-4), "REJECT": pytest.approx(2 / 3, abs=1e-4),
                      "YIELD": 0.0}


def test_read_rows_numbers_rows_and_keeps_quote_marks(tmp_path):
    path = tmp_path / "PLV_train.tsv"
    path.write_text(HEADER + "".join("\t".join(row) + "\n" for row in [
        ("", "7", '"Aland" rebuked Borduria.', '<s>"Aland"</s> rebuked <t>Borduria</t>.', '"Aland"',
         "Borduria", "ACCUSE"),
        ("", "8", "Carpania aided Dorland.", "<s>Carpania</s> aided <t>Dorland</t>.", "Carpania", "Dorland",
         "AID"),
    ]), encoding="utf-8")
    rows = plv.read_rows(path)
    assert [(r.pair.uid, r.gold) for r in rows] == [(1, "ACCUSE"), (2, "AID")]
    assert rows[0].pair.source == '"Aland"' and rows[0].pair.marked.startswith('<s>"Aland"</s>')


def test_read_rows_missing_file_names_it(tmp_path):
    with pytest.raises(ConfigError, match="PLV_train.tsv does not exist"):
        plv.read_rows(tmp_path / "PLV_train.tsv")


def test_read_rows_wrong_columns_named(tmp_path):
    path = tmp_path / "PLV_train.tsv"
    path.write_text("sentence\tlabel\nA met B.\tCONSULT\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lacks the columns gold_root, marked_sentence, source, target"):
        plv.read_rows(path)


# --- a run on the shared data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result(engine):
    """PLV_train evaluated once for the tests below."""
    return plv.evaluate(FOLDER, engine)


@pytest.mark.slow
@needs_data
def test_evaluate_metrics_named_and_bounded(result):
    assert [m.name for m in result.metrics] == ["accuracy", "macro_f1"]
    assert all(0.0 <= m.value <= 1.0 for m in result.metrics)
    assert result.metric("accuracy").reference == 0.838 and result.metric("macro_f1").target == 0.82


@pytest.mark.slow
@needs_data
def test_evaluate_items_are_the_rows(result):
    lines = (FOLDER / plv.FILENAME).read_text(encoding="utf-8").splitlines()
    rows = sum(1 for line in lines[1:] if line.strip())
    assert result.items == rows
    assert sum(sum(row.values()) for row in result.extra["confusion"].values()) == rows


@pytest.mark.slow
@needs_data
def test_evaluate_misses_are_the_wrong_rows(result):
    wrong = round((1 - result.metric("accuracy").value) * result.items)
    assert len(result.misses) == wrong
    assert all(m.gold != m.predicted and m.gold in plv.PLV_LABELS and m.predicted in plv.PLV_LABELS
               for m in result.misses)
    assert all(m.item and m.rule for m in result.misses)


@pytest.mark.slow
@needs_data
def test_evaluate_extra_per_label_f1_over_plv_labels(result):
    scores = result.extra["per_label_f1"]
    assert tuple(scores) == plv.PLV_LABELS and all(0.0 <= v <= 1.0 for v in scores.values())
    assert sum(scores.values()) / len(scores) == pytest.approx(result.metric("macro_f1").value, abs=1e-3)
