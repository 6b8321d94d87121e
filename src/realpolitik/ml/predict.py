"""Answer the PLV and sentence tasks with the trained relation model (``--mode minilm``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from realpolitik.coding.ontology import cameo_table, lookup
from realpolitik.coding.relation import Pair, Relation
from realpolitik.ml.data import label_of_code
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
    """The most probable PLOVER type of each marked pair, with its probability as confidence; the
    CAMEO root is the root head's best among the roots that type spans."""
    rows = list(pairs)
    labels = model.config.labels
    allowed = [i for i, label in enumerate(labels) if label not in NOT_A_RELATION]
    for pair, (probs, root_probs) in zip(rows, model.predict([marked_text(p) for p in rows]), strict=True):
        best = max(allowed, key=lambda i: probs[i])
        label = labels[best]
        root = _best_root(label, root_probs, model.config.roots)
        plover = lookup(root).plover if label == "YIELD" else label  # the current manual's name
        yield Relation(pair.uid, plover, root, round(probs[best], 4), "minilm")


def classify_sentences_with_model(sentences: Iterable[str], model: RelationModel
                                  ) -> Iterator[tuple[str, float]]:
    """The CAMEO root of each unmarked sentence's main act, and the model's probability for it.

    With a root head, the answer is the (label, root) pair the two heads agree on most (the product
    of their probabilities over the roots each label spans); without one, the label's usual root.
    """
    labels = model.config.labels
    position = {root: i for i, root in enumerate(model.config.roots)}
    pairs = [(i, position[r], r)  # (label index, root index, root) for every root a label spans
             for i, label in enumerate(labels) for r in roots_of_label(label) if r in position]
    for probs, root_probs in model.predict(list(sentences)):
        if not root_probs:
            best = max(range(len(labels)), key=lambda i: probs[i])
            yield ROOT_OF_LABEL[labels[best]], probs[best]
            continue
        score, root = max((probs[i] * root_probs[j], r) for i, j, r in pairs)
        yield root, score


def _best_root(label: str, root_probs: Sequence[float], roots: Sequence[str]) -> str:
    """The root head's most probable root among those ``label`` spans (its usual root without a head)."""
    if not root_probs:
        return ROOT_OF_LABEL[label]
    position = {root: i for i, root in enumerate(roots)}
    spanned = [r for r in roots_of_label(label) if r in position]
    return max(spanned, key=lambda r: root_probs[position[r]]) if spanned else ROOT_OF_LABEL[label]


@cache
def roots_of_label(label: str) -> tuple[str, ...]:
    """The two-digit CAMEO roots with a code whose PLOVER type is ``label`` (STATEMENT: 01)."""
    if label == "STATEMENT":
        return ("01",)
    spanned = {code[:2] for code in cameo_table() if code[:2] != "01" and label_of_code(code) == label}
    return tuple(sorted(spanned | {ROOT_OF_LABEL[label]}))
