"""PLV: the PLOVER relation between a marked source and target in one sentence.

Data: ``plv-plover-relations/PLV_train.tsv`` from snowood1/Zero-Shot-PLOVER (see the folder's SOURCE.md).
Each row marks a source and a target in a sentence; the gold answer is a PLOVER root type. The rows go
through ``classify_pairs``, the code path of ``realpolitik classify``, and are scored on accuracy and
macro-F1 over PLV's 15 labels.

PLV uses the older PLOVER type YIELD, which the current manual splits into CONCEDE (verbal) and RETREAT
(material); both of ours count as YIELD here.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from realpolitik.coding.relation import Pair, Relation, classify_pairs
from realpolitik.errors import ConfigError
from realpolitik.evaluation.base import EvalResult, Metric, Miss, Timer, accuracy, confusion, macro_f1, prf
from realpolitik.pipeline import Engine

DATASET = "plv"
FILENAME = "PLV_train.tsv"
PLV_LABELS = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Current PLOVER types that PLV's label set folds together.
TO_PLV = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
COLUMNS = ("sentence", "marked_sentence", "source", "target", "gold_root")
# Published figures: zero-shot NLI (roberta-large-mnli, GPU) on PLV's separate test split of 1,033 pairs,
# "Leveraging Codebook Knowledge with NLI and ChatGPT for Zero-Shot Political Relation Classification"
# (ACL 2024). Ours are on the training split, which holds different sentences.
REFERENCE_NOTE = ("reference: zero-shot NLI, roberta-large-mnli on a GPU, on PLV's held-out test split "
                  "(1,033 pairs); ours: on all of PLV_train, which no shipped model is trained on")
MODES = ("rules", "minilm", "minilm-cv")
CV_NOTE = ("reference: as above; ours: 5-fold cross-validation by sentence, the packaged classifier "
           "fine-tuned on four folds and scored on the fifth (weights never saved)")
ACCURACY_TARGET, ACCURACY_REFERENCE = 0.85, 0.838
MACRO_F1_TARGET, MACRO_F1_REFERENCE = 0.82, 0.824


@dataclass(frozen=True)
class Row:
    """One PLV row: the pair to classify and its gold PLOVER type."""

    pair: Pair
    gold: str


def evaluate(folder: Path, engine: Engine, mode: str = "rules") -> EvalResult:
    """Classify every PLV_train pair and score the PLOVER types against PLV's gold.

    Args:
        folder: the ``plv-plover-relations`` folder.
        engine: the loaded pipeline to code with.
        mode: ``rules`` (the coder) or ``minilm`` (the packaged trained classifier), as ``classify --mode``;
            ``minilm-cv``: that classifier fine-tuned on PLV by 5-fold cross-validation (``plv_cv``).

    Returns:
        Accuracy and macro-F1 over the 15 PLV labels; per-label F1 and the confusion matrix in ``extra``.

    Raises:
        ConfigError: the folder does not hold PLV_train.tsv.
    """
    rows = read_rows(folder / FILENAME)
    timer = Timer()
    with timer:
        if mode == "minilm-cv":
            from realpolitik.evaluation.plv_cv import cross_validated_relations

            relations = cross_validated_relations([row.pair.marked or row.pair.sentence for row in rows],
                                                  [row.gold for row in rows],
                                                  [row.pair.sentence for row in rows])
        else:
            relations = list(classify_pairs((row.pair for row in rows), engine, mode=mode))
    gold = [row.gold for row in rows]
    predicted = [to_plv_label(relation.plover) for relation in relations]
    note = CV_NOTE if mode == "minilm-cv" else REFERENCE_NOTE
    metrics = [
        Metric("accuracy", accuracy(gold, predicted), ACCURACY_TARGET, ACCURACY_REFERENCE, note),
        Metric("macro_f1", macro_f1(gold, predicted, PLV_LABELS), MACRO_F1_TARGET, MACRO_F1_REFERENCE, note),
    ]
    extra = {
        "per_label_f1": per_label_f1(gold, predicted, PLV_LABELS),
        "confusion": confusion(gold, predicted),
        "rules": _rule_counts(relations),
    }
    return EvalResult(DATASET, len(rows), metrics, _misses(rows, relations, predicted), timer.seconds,
                      mode=mode, extra=extra)


def read_rows(path: Path) -> list[Row]:
    """The rows of a PLV file, numbered from 1 (its uid column is empty).

    Raises:
        ConfigError: the file is missing or lacks PLV's columns.
    """
    if not path.is_file():
        raise ConfigError(f"{path} does not exist. The PLV folder should hold {FILENAME} from "
                          "snowood1/Zero-Shot-PLOVER; see its SOURCE.md.")
    with path.open(encoding="utf-8", newline="") as handle:
        # No quoting: sentences contain quote marks that are text, not CSV syntax.
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ConfigError(f"{path} lacks the columns {', '.join(sorted(missing))}; is it PLV's TSV?")
        return [Row(Pair(number, r["sentence"], r["source"], r["target"], marked=r["marked_sentence"]),
                    r["gold_root"].strip())
                for number, r in enumerate(reader, start=1)]


def to_plv_label(plover: str) -> str:
    """Our PLOVER type in PLV's label set (CONCEDE and RETREAT are PLV's YIELD)."""
    return TO_PLV.get(plover, plover)


def per_label_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    """F1 of each label, rounded for the report."""
    scores = {}
    for label in labels:
        pairs = list(zip(gold, predicted, strict=True))
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores[label] = round(prf(tp, fp, fn)[2], 4)
    return scores


def _rule_counts(relations: list[Relation]) -> dict[str, int]:
    """How often each way of deciding (pair, source, target, sentence, fallback) was used."""
    counts: dict[str, int] = {}
    for relation in relations:
        kind = relation.rule.split(":", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


def _misses(rows: list[Row], relations: list[Relation], predicted: list[str]) -> list[Miss]:
    """The wrongly classified rows, with the marked sentence and the deciding rule."""
    return [Miss(row.pair.marked or row.pair.sentence, row.gold, label, relation.rule)
            for row, relation, label in zip(rows, relations, predicted, strict=True) if label != row.gold]
