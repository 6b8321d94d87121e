"""Sentence splitting without a parse, cutting a parsed doc into sentences, typography normalisation."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from realpolitik.nlp.sentences import cut_sentences, normalise_typography, split_sentences, text_length

ATTRIBUTES = ("text", "whitespace_", "tag_", "pos_", "lemma_", "dep_", "is_sent_start")


def parsed_pair(vocab, heads: list[int]) -> Doc:
    """Two hand-parsed sentences in one Doc: "India met China ." and "Talks ended ."."""
    words = ["India", "met", "China", ".", "Talks", "ended", "."]
    return Doc(vocab, words=words, spaces=[True, True, False, True, True, False, False],
               tags=["NNP", "VBD", "NNP", ".", "NNS", "VBD", "."],
               pos=["PROPN", "VERB", "PROPN", "PUNCT", "NOUN", "VERB", "PUNCT"],
               lemmas=["India", "meet", "China", ".", "talk", "end", "."], heads=heads,
               deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"],
               sent_starts=[True, False, False, False, True, False, False])


def described(doc: Doc) -> list[tuple]:
    """Every attribute the coder reads, token by token, with the head's index."""
    return [tuple(getattr(t, a) for a in ATTRIBUTES) + (t.head.i,) for t in doc]


def sentences(nlp, text):
    """Texts of the sentences split_sentences finds."""
    doc = nlp.make_doc(text)
    return [doc[start:end].text for start, end in split_sentences(doc)]


def test_split_sentences_on_stops_and_quotes(blank_nlp):
    text = 'He said "we agree." Then they left! Did they?'
    assert sentences(blank_nlp, text) == ['He said "we agree."', "Then they left!", "Did they?"]


def test_split_sentences_heading_line_is_its_own_sentence(blank_nlp):
    text = "Key Highlights of the Tour\nNew defence agreements were signed."
    assert sentences(blank_nlp, text) == ["Key Highlights of the Tour", "New defence agreements were signed."]


def test_split_sentences_keeps_abbreviations(blank_nlp):
    assert sentences(blank_nlp, "The U.S. and the U.K. met. Talks ended.") == [
        "The U.S. and the U.K. met.", "Talks ended."]


@pytest.mark.parametrize("heads", [
    [1, 1, 1, 1, 5, 5, 5],  # each sentence's parse stays inside it
    [1, 1, 1, 5, 5, 5, 5],  # a stray arc across the boundary: rewired as as_doc does
])
def test_cut_sentences_matches_as_doc(blank_nlp, heads):
    doc = parsed_pair(blank_nlp.vocab, heads)
    cut = cut_sentences(doc, [4, 3])
    assert [described(d) for d in cut] == [described(doc[0:4].as_doc()), described(doc[4:7].as_doc())]
    assert [d.text for d in cut] == ["India met China. ", "Talks ended."]  # as as_doc keeps it


def test_normalise_typography_keeps_length():
    text = "Putin’s “visit” — here"
    normal = normalise_typography(text)
    assert len(normal) == len(text) and normal == "Putin's \"visit\" — here"


@pytest.mark.parametrize("text", ["", "India met China.", "Talks ended.  ", "A  b\n\nc "])
def test_text_length_is_len_of_text(blank_nlp, text):
    doc = blank_nlp.make_doc(text)
    assert text_length(doc) == len(doc.text)
