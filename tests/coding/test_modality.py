"""Modality of events: on hand-built parses, and on real sentences with the real model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from realpolitik import code_text
from realpolitik.coding.modality import modality_of, voices_intent


def test_modality_negation_on_trigger(blank_nlp):
    doc = Doc(blank_nlp.vocab, words=["India", "did", "not", "sign", "the", "deal"],
              heads=[3, 3, 3, 3, 5, 3], deps=["nsubj", "aux", "neg", "ROOT", "det", "dobj"],
              lemmas=["India", "do", "not", "sign", "the", "deal"])
    assert modality_of(doc[3]) == "negated"
    assert modality_of(doc[5]) == "negated"  # the object inherits its verb's negation


def test_modality_negation_does_not_reach_adverbial_clause(blank_nlp):
    words = ["As", "Modi", "greeted", "Putin", ",", "he", "did", "n't", "smile"]
    doc = Doc(blank_nlp.vocab, words=words, heads=[2, 2, 8, 2, 8, 8, 8, 8, 8],
              deps=["mark", "nsubj", "advcl", "dobj", "punct", "nsubj", "aux", "neg", "ROOT"],
              lemmas=["as", "Modi", "greet", "Putin", ",", "he", "do", "not", "smile"])
    assert modality_of(doc[2]) == "asserted"


def test_modality_future_auxiliary(blank_nlp):
    doc = Doc(blank_nlp.vocab, words=["Russia", "will", "visit", "India"], heads=[2, 2, 2, 2],
              deps=["nsubj", "aux", "ROOT", "dobj"], lemmas=["Russia", "will", "visit", "India"])
    assert modality_of(doc[2]) == "future"


def test_modality_intent_verb_makes_complement_future(blank_nlp):
    words = ["They", "agreed", "to", "cooperate"]
    doc = Doc(blank_nlp.vocab, words=words, heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "aux", "xcomp"],
              lemmas=["they", "agree", "to", "cooperate"])
    assert modality_of(doc[3]) == "future"
    assert modality_of(doc[1]) == "future"


def test_a_promised_act_voices_intent_and_a_scheduled_one_does_not(blank_nlp):
    promised = Doc(blank_nlp.vocab, words=["They", "pledged", "to", "cooperate"], heads=[1, 1, 3, 1],
                   deps=["nsubj", "ROOT", "aux", "xcomp"], lemmas=["they", "pledge", "to", "cooperate"])
    scheduled = Doc(blank_nlp.vocab, words=["They", "are", "scheduled", "to", "meet"], heads=[2, 2, 2, 4, 2],
                    deps=["nsubjpass", "auxpass", "ROOT", "aux", "xcomp"],
                    lemmas=["they", "be", "schedule", "to", "meet"])
    assert (modality_of(promised[3]), voices_intent(promised[3])) == ("future", True)
    assert (modality_of(scheduled[4]), voices_intent(scheduled[4])) == ("future", False)


def test_modality_hypothetical_modal(blank_nlp):
    words = ["Sanctions", "could", "follow"]
    doc = Doc(blank_nlp.vocab, words=words, heads=[2, 2, 2], deps=["nsubj", "aux", "ROOT"],
              lemmas=["sanction", "could", "follow"])
    assert modality_of(doc[2]) == "hypothetical"


def test_modality_relative_clause_of_a_law_is_hypothetical(blank_nlp):
    words = ["a", "law", "that", "threatens", "sanctions"]
    doc = Doc(blank_nlp.vocab, words=words, heads=[1, 1, 3, 1, 3],
              deps=["det", "ROOT", "nsubj", "relcl", "dobj"],
              lemmas=["a", "law", "that", "threaten", "sanction"])
    assert modality_of(doc[3]) == "hypothetical"


def test_modality_hedge_governing_noun(blank_nlp):
    words = ["Leaks", "hint", "at", "joint", "production"]
    doc = Doc(blank_nlp.vocab, words=words, heads=[1, 1, 1, 4, 2],
              deps=["nsubj", "ROOT", "prep", "amod", "pobj"],
              lemmas=["leak", "hint", "at", "joint", "production"])
    assert modality_of(doc[4]) == "hedged"


def test_modality_stops_at_relative_clause_with_its_own_tense(blank_nlp):
    words = ["Japan", "will", "meet", "envoys", "who", "attacked", "Iran"]
    doc = Doc(blank_nlp.vocab, words=words, heads=[2, 2, 2, 2, 5, 3, 5],
              deps=["nsubj", "aux", "ROOT", "dobj", "nsubj", "relcl", "dobj"],
              tags=["NNP", "MD", "VB", "NNS", "WP", "VBD", "NNP"],
              lemmas=["Japan", "will", "meet", "envoy", "who", "attack", "Iran"])
    assert modality_of(doc[5]) == "asserted"  # the attack happened, whatever the meeting's future
    assert modality_of(doc[3]) == "future"


def test_modality_untensed_relative_clause_inherits(blank_nlp):
    words = ["Japan", "will", "sign", "a", "deal", "that", "expands", "trade"]
    doc = Doc(blank_nlp.vocab, words=words, heads=[2, 2, 2, 4, 2, 6, 4, 6],
              deps=["nsubj", "aux", "ROOT", "det", "dobj", "nsubj", "relcl", "dobj"],
              tags=["NNP", "MD", "VB", "DT", "NN", "WDT", "VBZ", "NN"],
              lemmas=["Japan", "will", "sign", "a", "deal", "that", "expand", "trade"])
    assert modality_of(doc[6]) == "future"  # a deal not yet signed expands nothing yet


@pytest.mark.slow
def test_modality_of_a_relative_clause_in_progress():
    doc = code_text("A US team will work with the UN's disaster team, which is helping Ecuador.",
                    date="2016-04-20")
    helping = [e for e in doc.events if e.trigger == "helping"]
    assert helping and helping[0].modality == "asserted"


@pytest.mark.slow
@pytest.mark.parametrize("text, modality", [
    ("Russia reportedly sent weapons to Syria.", "hedged"),
    ("According to media reports, China and Pakistan signed a new defence pact.", "hedged"),
    ("Iran will host Iraqi President Barham Salih next week.", "future"),
    ("Israel announced it would free 150 Palestinian prisoners.", "future"),  # the future, told in the past
    ("Iran said it would retaliate against Israel if attacked.", "hypothetical"),
    ("France did not condemn Israel.", "negated"),
    ("If talks fail, Washington could impose sanctions on Venezuela.", "hypothetical"),
    ("Japan and Australia signed a defence pact on Friday.", "asserted"),
    ("The statement comes a day before Sarkozy visits China.", "future"),  # a trip yet to come
    ("Sanctions will stay until Russia withdraws from Ukraine.", "hypothetical"),  # a condition
])
def test_modality_real_sentences(text, modality):
    doc = code_text(text, date="2020-06-01")
    assert doc.events, f"no event in {text!r}"
    assert doc.events[0].modality == modality


@pytest.mark.slow
@pytest.mark.parametrize("text, plover", [
    ("Donald Trump attacked Machado in a series of tweets.", "ACCUSE"),
    ("Clinton seized upon a New York Times report about Trump.", None),
    ("Obama called Burma a good news story.", None),
])
def test_figures_of_speech_are_not_force(text, plover):
    doc = code_text(text, date="2016-09-30")
    assert [e.plover for e in doc.events][:1] == ([plover] if plover else [])
