"""PLV cross-validation: folds by sentence, and held-out answers from models fine-tuned in memory."""

from __future__ import annotations

import pytest

from realpolitik.evaluation.plv_cv import CvOptions, cross_validated_relations, fold_of_rows


def test_rows_of_one_sentence_share_a_fold_and_every_fold_is_used():
    sentences = [f"sentence {i // 2}" for i in range(40)]  # each sentence has two marked pairs
    folds = fold_of_rows(sentences, 5, seed=13)
    assert all(folds[i] == folds[i + 1] for i in range(0, 40, 2))
    assert sorted(set(folds)) == [0, 1, 2, 3, 4]
    assert folds == fold_of_rows(sentences, 5, seed=13)
    assert folds != fold_of_rows(sentences, 5, seed=14)


@pytest.mark.slow
def test_every_row_gets_an_answer_from_a_model_that_did_not_see_it():
    pytest.importorskip("torch", reason="the ml extra (torch) is not installed")
    texts = [f"<s>Country {i}</s> shelled <t>the town of Ville {i}</t>." for i in range(10)]
    texts += [f"<s>Minister {i}</s> met <t>the envoy of Land {i}</t> in the capital." for i in range(10)]
    labels = ["ASSAULT"] * 10 + ["CONSULT"] * 10
    relations = cross_validated_relations(texts, labels, texts, CvOptions(epochs=1))
    assert len(relations) == 20
    assert [r.uid for r in relations] == list(range(20))
    assert all(r.rule == "minilm" and 0 < r.confidence <= 1 for r in relations)
    assert sum(r.plover == label for r, label in zip(relations, labels, strict=True)) >= 16
