"""The rule-based coder on hand-built parses: who did what to whom, from the syntax alone."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from realpolitik.coding.discourse import Discourse
from realpolitik.coding.events import SentenceCoder
from realpolitik.coding.lexicon import Trigger, default_lexicon, merge_lexicon


def make_doc(nlp, words, heads, deps, pos, lemmas):
    """A parsed Doc built by hand (heads are absolute token indices)."""
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def code(nlp, matcher, doc, date="2025-12-05", discourse=None):
    """Run the coder over a hand-built doc with the packaged dictionary and lexicon."""
    mentions = matcher.find(doc, date)
    anaphors = (discourse or Discourse()).resolve(doc, mentions)
    return list(SentenceCoder(doc, mentions, anaphors, default_lexicon()).events())


def test_coder_active_voice_source_and_target(blank_nlp, blank_matcher):
    doc = make_doc(blank_nlp, ["Modi", "met", "Putin", "."], [1, 1, 1, 1],
                   ["nsubj", "ROOT", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PUNCT"],
                   ["Modi", "meet", "Putin", "."])
    [event] = code(blank_nlp, blank_matcher, doc)
    assert (event.source.code, event.target.code, event.code) == ("INDGOV", "RUSGOV", "040")
    assert event.symmetric and event.modality == "asserted"  # meeting is joint (CONTRACT: "met")


def test_coder_passive_voice_swaps_roles(blank_nlp, blank_matcher):
    words = ["Russia", "was", "condemned", "by", "France", "."]
    doc = make_doc(blank_nlp, words, [2, 2, 2, 2, 3, 2],
                   ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
                   ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
                   ["Russia", "be", "condemn", "by", "France", "."])
    [event] = code(blank_nlp, blank_matcher, doc)
    assert (event.source.country, event.target.country, event.code) == ("FRA", "RUS", "111")


def test_coder_coordinated_subject_is_symmetric(blank_nlp, blank_matcher):
    words = ["India", "and", "Russia", "agreed", "."]
    doc = make_doc(blank_nlp, words, [3, 0, 0, 3, 3], ["nsubj", "cc", "conj", "ROOT", "punct"],
                   ["PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"], ["India", "and", "Russia", "agree", "."])
    [event] = code(blank_nlp, blank_matcher, doc)
    assert event.symmetric and {event.source.country, event.target.country} == {"IND", "RUS"}
    assert event.code == "030"


def test_coder_possessive_nominal_event(blank_nlp, blank_matcher):
    words = ["Putin", "'s", "trip", "to", "India", "ended", "."]
    doc = make_doc(blank_nlp, words, [2, 0, 5, 2, 3, 5, 5],
                   ["poss", "case", "nsubj", "prep", "pobj", "ROOT", "punct"],
                   ["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
                   ["Putin", "'s", "trip", "to", "India", "end", "."])
    [event] = code(blank_nlp, blank_matcher, doc)
    assert (event.source.country, event.target.country, event.code) == ("RUS", "IND", "042")


def test_coder_compound_pair_meeting(blank_nlp, blank_matcher):
    words = ["the", "Putin", "-", "Modi", "meeting", "began", "."]
    doc = make_doc(blank_nlp, words, [4, 3, 3, 4, 5, 5, 5],
                   ["det", "compound", "punct", "compound", "nsubj", "ROOT", "punct"],
                   ["DET", "PROPN", "PUNCT", "PROPN", "NOUN", "VERB", "PUNCT"],
                   ["the", "Putin", "-", "Modi", "meeting", "begin", "."])
    [event] = code(blank_nlp, blank_matcher, doc)
    assert event.symmetric and {event.source.country, event.target.country} == {"RUS", "IND"}


def test_coder_verb_object_sets_code(blank_nlp, blank_matcher):
    words = ["America", "imposed", "sanctions", "on", "Iran", "."]
    doc = make_doc(blank_nlp, words, [1, 1, 1, 2, 3, 1],
                   ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
                   ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                   ["America", "impose", "sanction", "on", "Iran", "."])
    events = code(blank_nlp, blank_matcher, doc)
    assert [(e.source.country, e.target.country, e.code) for e in events] == [("USA", "IRN", "163")]


def test_coder_subject_inherited_through_xcomp(blank_nlp, blank_matcher):
    words = ["America", "keeps", "pushing", "India", "."]
    doc = make_doc(blank_nlp, words, [1, 1, 1, 2, 1], ["nsubj", "ROOT", "xcomp", "dobj", "punct"],
                   ["PROPN", "VERB", "VERB", "PROPN", "PUNCT"], ["America", "keep", "push", "India", "."])
    [event] = code(blank_nlp, blank_matcher, doc)
    assert (event.source.country, event.target.country, event.code) == ("USA", "IND", "100")


def test_coder_pair_phrase_resolves_to_discourse_pair(blank_nlp, blank_matcher):
    before = blank_nlp.make_doc("Modi hosted Putin")
    discourse = Discourse()
    discourse.observe(blank_matcher.find(before, "2025-12-05"))
    words = ["Both", "sides", "agreed", "."]
    doc = make_doc(blank_nlp, words, [1, 2, 2, 2], ["det", "nsubj", "ROOT", "punct"],
                   ["DET", "NOUN", "VERB", "PUNCT"], ["both", "side", "agree", "."])
    [event] = code(blank_nlp, blank_matcher, doc, discourse=discourse)
    assert event.symmetric and {event.source.country, event.target.country} == {"IND", "RUS"}


def test_coder_mention_without_event_words_gives_nothing(blank_nlp, blank_matcher):
    words = ["India", "beat", "Australia", "by", "six", "wickets", "."]
    doc = make_doc(blank_nlp, words, [1, 1, 1, 1, 5, 3, 1],
                   ["nsubj", "ROOT", "dobj", "prep", "nummod", "pobj", "punct"],
                   ["PROPN", "VERB", "PROPN", "ADP", "NUM", "NOUN", "PUNCT"],
                   ["India", "beat", "Australia", "by", "six", "wicket", "."])
    assert code(blank_nlp, blank_matcher, doc) == []


@pytest.mark.parametrize("date, expected", [("2022-06-01", "USAGOV"), ("2026-01-10", "USA")])
def test_coder_leader_resolved_by_date(blank_nlp, blank_matcher, date, expected):
    words = ["Biden", "criticized", "China", "."]
    doc = make_doc(blank_nlp, words, [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                   ["PROPN", "VERB", "PROPN", "PUNCT"], ["Biden", "criticize", "China", "."])
    [event] = code(blank_nlp, blank_matcher, doc, date=date)
    assert event.source.code == expected and event.target.country == "CHN"


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("The US, Russia, and Switzerland met yesterday.",
     {("USA", "RUS", "040"), ("USA", "CHE", "040"), ("RUS", "CHE", "040")}),
    ("The US said that Iraq had attacked Kuwait.", {("USA", "IRQ", "112")}),
    ("Israel said that it had attacked Gaza.", {("ISR", "PSE", "190")}),  # a state reports its act
    ("Hamas said that it had attacked Israel.", {("PSE", "ISR", "015")}),  # an armed group claims it
    ("Israel claimed that it had attacked Gaza.", {("ISR", "PSE", "015")}),
    ("The US claimed that ISIL had attacked Iraq and taken the city of Mosul.", {("USA", None, "112")}),
    ("Rockets were fired at Israel from Lebanon.", {("LBN", "ISR", "190")}),
])
def test_events_lists_and_claims(text, expected):
    from realpolitik.api import code_text

    doc = code_text(text, date="2015-01-01")
    found = {(e.source.country, e.target.country if e.target else None, e.cameo) for e in doc.events}
    assert found == expected


@pytest.mark.slow
def test_events_arguments_carry_their_noun_phrase_spans():
    from realpolitik.api import code_text

    text = "Yesterday, the Palestinian president, Mahmoud Abbas, met the Israeli army chief in Cairo."
    [event] = code_text(text, date="2015-01-01").events
    assert text[event.source.start:event.source.end] == "the Palestinian president, Mahmoud Abbas"
    assert text[event.target.start:event.target.end] == "the Israeli army chief"
    assert event.source.text == "Palestinian president"  # the mention itself is unchanged


@pytest.mark.parametrize("words, heads, deps, pos, lemmas, expected", [
    # the role's country is its possessor: "Iraq's army"
    (["Iraq", "'s", "army", "attacked", "Syria", "."], [2, 0, 3, 3, 3, 3],
     ["poss", "case", "nsubj", "ROOT", "dobj", "punct"], ["PROPN", "PART", "NOUN", "VERB", "PROPN", "PUNCT"],
     ["Iraq", "'s", "army", "attack", "Syria", "."], ("IRQMIL", "SYR")),
    # ... or the state after "from": "soldiers from Syria"
    (["Soldiers", "from", "Syria", "attacked", "Iraq", "."], [3, 0, 1, 3, 3, 3],
     ["nsubj", "prep", "pobj", "ROOT", "dobj", "punct"], ["NOUN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT"],
     ["soldier", "from", "Syria", "attack", "Iraq", "."], ("SYRMIL", "IRQ")),
])
def test_coder_role_takes_the_state_of_its_noun_phrase(blank_nlp, blank_matcher, words, heads, deps, pos,
                                                        lemmas, expected):
    [event] = code(blank_nlp, blank_matcher, make_doc(blank_nlp, words, heads, deps, pos, lemmas))
    assert (event.source.code, event.target.code) == expected


def test_coder_role_of_no_country_is_no_side(blank_nlp, blank_matcher):
    words = ["Rebels", "attacked", "the", "army", "."]
    doc = make_doc(blank_nlp, words, [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
                   ["NOUN", "VERB", "DET", "NOUN", "PUNCT"], ["rebel", "attack", "the", "army", "."])
    assert code(blank_nlp, blank_matcher, doc) == []


@pytest.mark.parametrize("obj, expected", [
    ("ministers", {("GEO", "IRN", "043"), ("IRN", "GEO", "042")}),  # hosts them; they visit
    ("assurances", {("IRN", "GEO", "030")}),  # only the act back happened: Iran assured Georgia
])
def test_coder_paired_codes_give_the_act_back(blank_nlp, blank_matcher, obj, expected):
    lexicon = merge_lexicon(default_lexicon(), {"receive": Trigger(
        key="receive", code=None, objects={"ministers": "043"},
        paired={"ministers": "042", "assurance": "030"})})
    words = ["Georgia", "received", obj, "from", "Iran", "."]
    doc = make_doc(blank_nlp, words, [1, 1, 1, 2, 3, 1], ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
                   ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                   ["Georgia", "receive", obj.rstrip("s"), "from", "Iran", "."])
    mentions = blank_matcher.find(doc, "2025-12-05")
    events = SentenceCoder(doc, mentions, {}, lexicon).events()
    assert {(e.source.country, e.target.country, e.code) for e in events} == expected
