"""A memo in front of the model's rule lemmatizer.

spaCy's rule lemmatizer caches its answer per (word, POS, morphology), but returns before the cache
for words already in their base form ("Sing" nouns, infinitives, positive adjectives: two thirds of
news tokens), so it recomputes their morphology dict on every occurrence. The memo here holds every
answer; the lemmas are the model lemmatizer's own.
"""

from __future__ import annotations

from typing import cast

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

COMPONENT = "realpolitik_lemmas"
# Entries kept before the memo starts afresh, so a long run's memory stays bounded; news
# vocabularies reach about 60,000 (word, POS, morphology) triples per 10,000 articles.
MAX_MEMO = 500_000


class LemmaMemo:
    """Pipeline component: the wrapped lemmatizer's lemmas, computed once per (word, POS, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer | None = None) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none (the lemmatizer's ``overwrite=False``)."""
        lemmatizer = self.lemmatizer
        if lemmatizer is None:
            return doc
        memo = self.memo
        strings = doc.vocab.strings
        overwrite = lemmatizer.overwrite
        for token in doc:
            if overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]  # not in spaCy's stub
                lemma = memo.get(key)
                if lemma is None:
                    if len(memo) >= MAX_MEMO:
                        memo.clear()
                    lemma = memo[key] = strings.add(lemmatizer.lemmatize(token)[0])
                token.lemma = lemma
        return doc


def make_lemma_memo(nlp: Language, name: str) -> LemmaMemo:
    """An empty memo; ``use_lemma_memo`` hands it the model's lemmatizer."""
    return LemmaMemo()


def use_lemma_memo(nlp: Language) -> None:
    """Put the memo in place of the model's rule lemmatizer, in place (same name, same position)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return
    if COMPONENT not in Language.factories:
        Language.factory(COMPONENT, func=make_lemma_memo)
    memo = cast(LemmaMemo, nlp.replace_pipe("lemmatizer", COMPONENT))
    memo.lemmatizer = lemmatizer


def english_words(nlp: Language) -> frozenset[str]:
    """The lower-case words the model's rule lemmatizer lists (none for a pipeline without one)."""
    component = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lemmatizer = component.lemmatizer if isinstance(component, LemmaMemo) else component
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return frozenset()
    words: set[str] = set()
    for name in ("lemma_index", "lemma_exc"):
        table = lemmatizer.lookups.get_table(name, {})
        for entries in table.values():
            words.update(entries)
    return frozenset(words)
