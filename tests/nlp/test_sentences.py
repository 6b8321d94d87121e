"""Sentence splitting without a parse, and typography normalisation."""

from __future__ import annotations

from realpolitik.nlp.sentences import normalise_typography, split_sentences


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


def test_normalise_typography_keeps_length():
    text = "Putin’s “visit” — here"
    normal = normalise_typography(text)
    assert len(normal) == len(text) and normal == "Putin's \"visit\" — here"
