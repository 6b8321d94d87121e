"""Actor mentions from the dictionary: states, capitals, seats of power, leaders by date, roles."""

from __future__ import annotations

import pytest

import realpolitik


def mentions(nlp, matcher, text, date=None):
    """(text, code, kind) of each mention."""
    return [(m.actor.text, m.actor.code, m.actor.kind) for m in matcher.find(nlp.make_doc(text), date)]


@pytest.mark.parametrize("text, code, kind", [
    ("Russian President Vladimir Putin", "RUSGOV", "person"),
    ("Prime Minister Modi", "INDGOV", "person"),
    ("Kremlin", "RUSGOV", "organization"),
    ("White House", "USAGOV", "organization"),
    ("Washington", "USAGOV", "state"),
    ("New Delhi", "INDGOV", "state"),
    ("NATO", "IGONATO", "organization"),
    ("United Nations", "IGOUNO", "organization"),
    ("U.S. lawmakers", "USALEG", "group"),
    ("Indian army", "INDMIL", "organization"),
    ("Indonesian Foreign Minister Retno Marsudi", "IDNGOV", "person"),
    ("Somali opposition leaders", "SOMOPP", "group"),  # leaders of the body the word before names
    ("Chinese government officials", "CHNGOV", "group"),
    ("Israeli army spokesman", "ISRMIL", "person"),
])
def test_actor_matcher_resolves(blank_nlp, blank_matcher, text, code, kind):
    [(found, found_code, found_kind)] = mentions(blank_nlp, blank_matcher, f"{text} said so.", "2025-12-05")
    assert (found, found_code, found_kind) == (text, code, kind)


@pytest.mark.parametrize("date, code", [("2012-06-01", "USA"), ("2022-06-01", "USAGOV")])
def test_actor_matcher_leader_by_date(blank_nlp, blank_matcher, date, code):
    [(_, found, _)] = mentions(blank_nlp, blank_matcher, "Biden spoke.", date)
    assert found == code


def test_actor_matcher_is_case_sensitive_for_names(blank_nlp, blank_matcher):
    assert mentions(blank_nlp, blank_matcher, "Let us put the china plates on the turkey table.") == []


def test_actor_matcher_keeps_coordinated_names_apart(blank_nlp, blank_matcher):
    found = mentions(blank_nlp, blank_matcher, "Modi and Putin talked.", "2025-12-05")
    assert [code for _, code, _ in found] == ["INDGOV", "RUSGOV"]


def test_actor_matcher_generic_role_alone_is_not_an_actor(blank_nlp, blank_matcher):
    assert mentions(blank_nlp, blank_matcher, "They got straight to business with the firms.") == []


def test_actor_matcher_civilians_alone_are_an_actor_of_no_country(blank_nlp, blank_matcher):
    # the commonest victims: "troops killed three civilians" codes ---CVL as PETRARCH does
    [mention] = blank_matcher.find(blank_nlp.make_doc("Three civilians were hurt."), None)
    assert (mention.actor.text, mention.actor.country, mention.actor.role) == ("civilians", None, "CVL")


@pytest.mark.parametrize("text", ["Police Chief Chuck Jordan said the city would review the case.",
                                  "Rep. Steve Israel said the vote was close."])
def test_actor_matcher_reads_a_state_after_title_and_given_name_as_surname(blank_nlp, blank_matcher, text):
    assert not any(m.actor.country for m in blank_matcher.find(blank_nlp.make_doc(text), "2016-09-20"))


@pytest.mark.parametrize("text", ["Rep. Jim Jordan criticized the Justice Department.",
                                  "Hillary Clinton met Michael Jordan in Chicago.",
                                  "The billionaire Mark Cuban backed Clinton."])
def test_actor_matcher_reads_a_state_after_a_given_name_as_surname(blank_nlp, blank_matcher, text):
    mentions = blank_matcher.find(blank_nlp.make_doc(text), "2016-09-20")
    assert {m.actor.country for m in mentions} <= {"USA"}


def test_actor_matcher_keeps_a_state_in_a_title_case_headline(blank_nlp, blank_matcher):
    doc = blank_nlp.make_doc("Police Chief Backs Israel\nThe chief spoke on Monday.")
    assert any(m.actor.country == "ISR" for m in blank_matcher.find(doc, None))


@pytest.mark.parametrize("text, country", [("Jeb Bush criticized the plan.", None),
                                           ("George Bush criticized the plan.", "USA"),
                                           ("Chris Wallace asked the question.", None)])
def test_actor_matcher_tells_a_leader_from_namesakes(blank_nlp, blank_matcher, text, country):
    found = [m.actor.country for m in blank_matcher.find(blank_nlp.make_doc(text), "2016-09-20")]
    assert found == ([country] if country else [])


def test_actor_matcher_keeps_a_state_that_ends_an_event_name(blank_nlp, blank_matcher):
    [mention] = blank_matcher.find(blank_nlp.make_doc("The Fan Expo Canada took place."), None)
    assert mention.actor.country == "CAN"


@pytest.mark.parametrize("text, date, code", [
    ("Prime Minister Khan", "2020-06-01", "PAKGOV"),  # the one Khan in that office then
    ("Foreign Minister Wang", "2020-06-01", "CHNGOV"),  # a Chinese surname comes first
    ("President Moon", "2020-06-01", "KORGOV"),
    ("Foreign Minister Qureshi", None, "PAKGOV"),  # no date: any term, one person
    ("President Donald", "2020-06-01", None),  # a given name is no surname
    ("King George", None, None),  # no George the dictionary calls king
])
def test_actor_matcher_reads_a_title_and_a_leaders_surname(blank_nlp, blank_matcher, text, date, code):
    [(found, found_code, _)] = mentions(blank_nlp, blank_matcher, f"{text} said so.", date)
    assert (found, found_code) == (text, code)


@pytest.mark.parametrize("text, code", [("The Washington Post", "USAMED"), ("China Daily", "CHNMED"),
                                        ("The Jerusalem Post", "ISRMED")])
def test_actor_matcher_reads_a_place_and_a_masthead_word_as_a_newspaper(blank_nlp, blank_matcher, text, code):
    [(_, found_code, kind)] = mentions(blank_nlp, blank_matcher, f"{text} reported it.", "2020-06-01")
    assert (found_code, kind) == (code, "organization")


def test_actor_matcher_reads_general_before_strike_as_an_adjective(blank_nlp, blank_matcher):
    assert mentions(blank_nlp, blank_matcher, "Unions called a general strike.", None) == []
    assert [m[1] for m in mentions(blank_nlp, blank_matcher, "The general said so.", None)] == [None]


@pytest.mark.parametrize("text, found", [
    ("RUSSIA SAYS TALKS WITH UKRAINE FAILED", [("RUSSIA", "RUS"), ("UKRAINE", "UKR")]),
    ("They want to help iSrael.", [("iSrael", "ISR")]),
    ("They ate turkey in chad and georgia.", []),  # lowercase: the words, not the states
    ("Us and them.", []),  # an acronym's casing is kept
])
def test_actor_matcher_reads_a_states_name_in_capitals_or_miscased(blank_nlp, blank_matcher, text, found):
    assert [(t, code) for t, code, _ in mentions(blank_nlp, blank_matcher, text)] == found


def test_a_leaders_surname_in_lower_case_after_a_title_is_the_leader(engine):
    doc = realpolitik.code_text("President obama spoke. The president said nothing.", date="2015-06-01",
                                engine=engine)
    assert [(a.text, a.code) for a in doc.actors] == [("President obama", "USAGOV"), ("president", None)]
