"""Object phrases matched against hand-built parses: noun phrases, prepositional phrases, priority."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from realpolitik.coding.discourse import Discourse
from realpolitik.coding.events import SentenceCoder
from realpolitik.coding.lexicon import Lexicon, Trigger, has_trigger, trigger_forms
from realpolitik.coding.phrases import (
    NounPattern,
    ObjectPhrase,
    PrepPattern,
    by_size,
    is_noun_match,
    match_phrase,
)

BORDER_TARIFFS = ObjectPhrase(NounPattern("tariffs", ("border",)), code="172")
NEW_BORDER_TARIFFS = ObjectPhrase(NounPattern("tariffs", ("new", "border")), code="163")
LOANS_FOR_REBUILDING = ObjectPhrase(NounPattern("loans"), (PrepPattern("for", NounPattern("rebuilding")),),
                                    code="071")
ZAP = Trigger("zap", code="010", objects={"tariffs": "163", "loan": "070"},
              phrases=by_size([BORDER_TARIFFS, LOANS_FOR_REBUILDING]))


def _doc(nlp, tokens):
    """A Doc from (word, head, dep, pos, lemma) rows."""
    words, heads, deps, pos, lemmas = zip(*tokens, strict=True)
    return Doc(nlp.vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos),
               lemmas=list(lemmas))


def _codes(nlp, matcher, doc):
    """(source, target, code) of the events coded with a lexicon of ZAP alone."""
    mentions = matcher.find(doc, "2025-12-05")
    anaphors = Discourse().resolve(doc, mentions)
    lexicon = Lexicon({"zap": ZAP}, {}, {})
    return [(e.source.code, e.target.code if e.target else None, e.code)
            for e in SentenceCoder(doc, mentions, anaphors, lexicon).events()]


def _tariffs(nlp, modifiers):
    """ "France zapped <modifiers> tariffs on Spain." """
    n = len(modifiers)
    rows = [("France", 1, "nsubj", "PROPN", "France"), ("zapped", 1, "ROOT", "VERB", "zap")]
    rows += [(m, 2 + n, "amod" if m == "new" else "compound", "NOUN", m) for m in modifiers]
    rows += [("tariffs", 1, "dobj", "NOUN", "tariff"), ("on", 2 + n, "prep", "ADP", "on"),
             ("Spain", 3 + n, "pobj", "PROPN", "Spain"), (".", 1, "punct", "PUNCT", ".")]
    return _doc(nlp, rows)


@pytest.mark.parametrize(("modifiers", "code"), [
    ((), "163"),  # the one-word object reads as before
    (("border",), "172"),  # the noun phrase wins
    (("new", "border"), "172"),  # the modifiers are found among others
    (("trade",), "163"),  # another modifier: the one-word reading
])
def test_coder_uses_the_object_noun_phrase(blank_nlp, blank_matcher, modifiers, code):
    doc = _tariffs(blank_nlp, modifiers)
    assert _codes(blank_nlp, blank_matcher, doc) == [("FRA", "ESP", code)]


@pytest.mark.parametrize("for_head", [3, 1])  # "for" on the object, or on the verb
def test_coder_uses_a_prepositional_phrase_on_the_object_or_the_verb(blank_nlp, blank_matcher, for_head):
    doc = _doc(blank_nlp, [
        ("France", 1, "nsubj", "PROPN", "France"), ("zapped", 1, "ROOT", "VERB", "zap"),
        ("a", 3, "det", "DET", "a"), ("loan", 1, "dobj", "NOUN", "loan"),
        ("for", for_head, "prep", "ADP", "for"), ("rebuilding", 4, "pobj", "NOUN", "rebuilding"),
        ("to", 1, "prep", "ADP", "to"), ("Spain", 6, "pobj", "PROPN", "Spain"),
        (".", 1, "punct", "PUNCT", "."),
    ])
    assert _codes(blank_nlp, blank_matcher, doc) == [("FRA", "ESP", "071")]  # "loans" names "loan"


def test_coder_without_the_phrase_words_keeps_the_one_word_code(blank_nlp, blank_matcher):
    doc = _doc(blank_nlp, [
        ("France", 1, "nsubj", "PROPN", "France"), ("zapped", 1, "ROOT", "VERB", "zap"),
        ("a", 3, "det", "DET", "a"), ("loan", 1, "dobj", "NOUN", "loan"),
        ("to", 1, "prep", "ADP", "to"), ("Spain", 4, "pobj", "PROPN", "Spain"),
        (".", 1, "punct", "PUNCT", "."),
    ])
    assert _codes(blank_nlp, blank_matcher, doc) == [("FRA", "ESP", "070")]


def test_match_phrase_prefers_the_longest(blank_nlp):
    doc = _tariffs(blank_nlp, ("new", "border"))
    verb, obj = doc[1], doc[4]
    both = by_size([BORDER_TARIFFS, NEW_BORDER_TARIFFS])
    assert match_phrase(both, verb, obj) == (NEW_BORDER_TARIFFS, [obj])
    assert match_phrase(by_size([BORDER_TARIFFS]), verb, obj) == (BORDER_TARIFFS, [obj])


def test_is_noun_match_takes_nested_modifiers_in_order(blank_nlp):
    doc = _doc(blank_nlp, [  # "fact-finding missions": spaCy hangs "fact" on "finding"
        ("fact", 2, "npadvmod", "NOUN", "fact"), ("-", 2, "punct", "PUNCT", "-"),
        ("finding", 3, "amod", "NOUN", "finding"), ("missions", 3, "ROOT", "NOUN", "mission"),
    ])
    assert is_noun_match(NounPattern("mission", ("fact", "finding")), doc[3])
    assert is_noun_match(NounPattern("missions", ("finding",)), doc[3])
    assert not is_noun_match(NounPattern("mission", ("finding", "fact")), doc[3])
    assert not is_noun_match(NounPattern("visit", ("fact",)), doc[3])


def test_trigger_forms_let_a_sentence_through_on_a_phrase_head():
    lexicon = Lexicon({"zip": Trigger("zip", code=None, phrases=(BORDER_TARIFFS,))}, {}, {})
    forms = trigger_forms(lexicon)
    assert has_trigger({"zipped", "tariffs"}, forms) and not has_trigger({"zipped", "border"}, forms)
