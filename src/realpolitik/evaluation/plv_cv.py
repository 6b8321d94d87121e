"""PLV scored by 5-fold cross-validation of the trained classifier fine-tuned on PLV itself.

The shipped classifier never sees PLV (its SOURCE.md forbids shipping weights trained on it), so
``--mode minilm`` scores it on all of PLV as unseen data. ``--mode minilm-cv`` answers a different
question, the one issue #3 allows for a model trained on PLV: how well the same model does once it has
also learnt from PLV's own sentences. The rows are split into five folds by sentence (a sentence with
several marked pairs stays in one fold); for each fold the packaged model is fine-tuned on the other
four and classifies the held-out one; the score is over every row's held-out answer. The fine-tuned
weights live only in memory and are never written, so nothing trained on PLV can be shipped.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass

from realpolitik.coding.relation import Relation

logger = logging.getLogger(__name__)
FOLDS = 5
SEED = 13


@dataclass(frozen=True)
class CvOptions:
    """How each fold's model is fine-tuned from the packaged one."""

    folds: int = FOLDS
    epochs: int = 4
    learning_rate: float = 5e-4
    seed: int = SEED


def fold_of_rows(sentences: Sequence[str], folds: int, seed: int) -> list[int]:
    """The fold (0 to folds-1) of each row; rows with the same sentence share one."""
    distinct = sorted(set(sentences))
    random.Random(seed).shuffle(distinct)
    fold_of = {sentence: i % folds for i, sentence in enumerate(distinct)}
    return [fold_of[sentence] for sentence in sentences]


def cross_validated_relations(texts: Sequence[str], labels: Sequence[str], sentences: Sequence[str],
                              options: CvOptions = CvOptions()) -> list[Relation]:
    """Each marked text's relation from a model fine-tuned on the folds it is not in.

    Args:
        texts: the marked sentences (``<s>..</s>``, ``<t>..</t>``).
        labels: their gold labels (the classifier's label set).
        sentences: the plain sentence of each row, which decides its fold.
        options: folds, epochs, learning rate and seed.
    """
    from realpolitik.coding.relation import Pair
    from realpolitik.ml.data import Example
    from realpolitik.ml.predict import classify_pairs_with_model
    from realpolitik.ml.relation import load_model
    from realpolitik.ml.training import TrainOptions, train_model

    start = load_model()
    folds = fold_of_rows(sentences, options.folds, options.seed)
    answers: list[Relation | None] = [None] * len(texts)
    train_options = TrainOptions(epochs=options.epochs, learning_rate=options.learning_rate,
                                 seed=options.seed)
    for fold in range(options.folds):
        train = [Example(text, label, "plv-fold") for text, label, f in zip(texts, labels, folds, strict=True)
                 if f != fold]
        held = [i for i, f in enumerate(folds) if f == fold]
        model = train_model(train, train_options, start=start)
        pairs = [Pair(i, "", "", "", marked=texts[i]) for i in held]
        for i, relation in zip(held, classify_pairs_with_model(pairs, model), strict=True):
            answers[i] = relation
        logger.info("PLV cross-validation: fold %d/%d done", fold + 1, options.folds)
    return [answer for answer in answers if answer is not None]
