"""Answer the PLV and sentence tasks with the trained relation model (``--mode minilm``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from realpolitik.coding.ontology import lookup
from realpolitik.coding.relation import Pair, Relation
from realpolitik.ml.relation import ROOT_OF_LABEL, RelationModel

# Labels a pair task cannot answer: PLV's fifteen types have no statement class.
NOT_A_RELATION = frozenset({"STATEMENT"})


def marked_text(pair: Pair) -> str:
    """The sentence with ``<s>..</s>`` and ``<t>..</t>`` around source and target."""
    if pair.marked and "<s>" in pair.marked:
        return pair.marked
    text = pair.sentence
    for phrase, tag in sorted(((pair.source, "s"), (pair.target, "t")), key=lambda p: -len(p[0] or "")):
        at = text.find(phrase) if phrase else -1
        if at >= 0 and "<" not in text[at:at + len(phrase)]:
            text = f"{text[:at]}<{tag}>{phrase}</{tag}>{text[at + len(phrase):]}"
    return text


def classify_pairs_with_model(pairs: Iterable[Pair], model: RelationModel) -> Iterator[Relation]:
    """The most probable PLOVER type of each marked pair, with its probability as confidence."""
    rows = list(pairs)
    labels = model.config.labels
    allowed = [i for i, label in enumerate(labels) if label not in NOT_A_RELATION]
    for pair, probs in zip(rows, model.probabilities([marked_text(p) for p in rows]), strict=True):
        best = max(allowed, key=lambda i: probs[i])
        label, root = labels[best], ROOT_OF_LABEL[labels[best]]
        plover = lookup(root).plover if label == "YIELD" else label  # the current manual's name
        yield Relation(pair.uid, plover, root, round(probs[best], 4), "minilm")


def classify_sentences_with_model(sentences: Iterable[str], model: RelationModel
                                  ) -> Iterator[tuple[str, float]]:
    """The CAMEO root of each unmarked sentence's main act, and the model's probability for it."""
    labels = model.config.labels
    for probs in model.probabilities(list(sentences)):
        best = max(range(len(labels)), key=lambda i: probs[i])
        yield ROOT_OF_LABEL[labels[best]], probs[best]
