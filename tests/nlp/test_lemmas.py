"""The lemma memo gives the model lemmatizer's own lemmas."""

from __future__ import annotations

import pytest
import spacy

from realpolitik.nlp.lemmas import LemmaMemo
from realpolitik.nlp.load import MODEL_NAME

TEXT = ("India and Russia signed agreements on trade. The ministers were meeting again, and China "
        "warned that it would impose tariffs. Talks ended; she said the talks had gone well.")


@pytest.mark.slow
def test_lemma_memo_matches_model_lemmatizer(engine):
    plain = spacy.load(MODEL_NAME, exclude=["ner", "senter"])
    want = [(t.text, t.lemma_) for t in plain(TEXT)]
    assert isinstance(engine.nlp.get_pipe("lemmatizer"), LemmaMemo)
    for _ in range(2):  # the second pass is answered from the memo
        assert [(t.text, t.lemma_) for t in engine.nlp(TEXT)] == want
