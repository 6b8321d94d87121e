"""make_engine: the packaged engine with extra PETRARCH dictionaries merged in (the Python API)."""

from __future__ import annotations

import pytest

import realpolitik
from realpolitik.nlp.dictionary import default_dictionary
from realpolitik.pipeline import default_engine


@pytest.mark.slow
def test_make_engine_merges_extra_dictionaries_and_leaves_the_default_alone(tmp_path):
    actors = tmp_path / "mine.actors.txt"
    actors.write_text("GONDOR_ [GON]\nARNOR_ [ARN]\nRUSSIA_ [GON]\n", encoding="utf-8")
    verbs = tmp_path / "mine.verbs.txt"
    verbs.write_text("---  BEFRIEND   [051]  ---\nBEFRIEND\n", encoding="utf-8")
    engine = realpolitik.make_engine([actors, verbs])
    assert engine.dictionaries == (str(actors), str(verbs)) and engine.problems == ()
    doc = realpolitik.code_text("Gondor befriended Arnor.", date="2020-01-01", engine=engine)
    assert [(e.source.country, e.target.country, e.cameo) for e in doc.events] == [("GON", "ARN", "051")]
    russia = realpolitik.code_text("Russia befriended Arnor.", date="2020-01-01", engine=engine)
    assert russia.events[0].source.country == "RUS"  # our entry wins on a name both know
    first = realpolitik.make_engine([actors, verbs], prefer_extra=True)
    flipped = realpolitik.code_text("Russia befriended Arnor.", date="2020-01-01", engine=first)
    assert flipped.events[0].source.country == "GON"
    assert "Gondor" not in default_dictionary().phrases and "befriend" not in default_engine().lexicon.verbs
    assert realpolitik.make_engine([]) is default_engine()


@pytest.mark.slow
def test_an_extra_dictionarys_institution_word_stays_our_role_taking_its_state_from_the_text(tmp_path):
    actors = tmp_path / "mine.actors.txt"
    actors.write_text("SENATE [USALEG]\n", encoding="utf-8")
    engine = realpolitik.make_engine([actors])
    doc = realpolitik.code_text("The Philippine Senate criticised China.", date="2020-01-01", engine=engine)
    assert [(e.source.code, e.target.country) for e in doc.events] == [("PHLLEG", "CHN")]


@pytest.mark.slow
def test_a_meeting_attended_abroad_is_a_visit_with_no_act_back_from_the_venue(tmp_path):
    verbs = tmp_path / "mine.verbs.txt"
    verbs.write_text("---  ATTEND   [---]  ---\nATTEND\n- * SUMMIT  [040:043]\n", encoding="utf-8")
    engine = realpolitik.make_engine([verbs], prefer_extra=True)
    doc = realpolitik.code_text("The Indian foreign minister attended a summit in Switzerland.",
                                date="2020-01-01", engine=engine)
    assert [(e.source.country, e.target.country, e.cameo) for e in doc.events] == [("IND", "CHE", "042")]


@pytest.mark.slow
def test_a_makers_name_before_a_model_number_is_the_aircraft_not_an_actor(tmp_path):
    actors = tmp_path / "mine.actors.txt"
    actors.write_text("BOEING_ [MNCUSA]\n", encoding="utf-8")
    engine = realpolitik.make_engine([actors])
    text = "Syrian rebels shot down a Turkish Boeing 737."
    doc = realpolitik.code_text(text, date="2020-01-01", engine=engine)
    assert [(e.source.country, e.target.code, e.cameo) for e in doc.events] == [("SYR", "TUR", "190")]
    maker = realpolitik.code_text("Boeing criticised China.", date="2020-01-01", engine=engine)
    assert [e.source.code for e in maker.events] == ["MNCUSA"]  # the maker on its own is the firm
