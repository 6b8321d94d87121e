"""The register of people a pronoun speaker points back to, and the parse-free name finders."""

from __future__ import annotations

import pytest

from realpolitik.coding.speakers import (
    MENTIONED,
    SPEAKER,
    SUBJECT,
    People,
    gender_of_words,
    is_body_name,
    is_person_name,
    name_runs,
    person_ref,
    shallow_speakers,
)

FORMS = frozenset({"said", "says", "told"})


def test_people_resolve_prefers_a_speaker_or_subject_over_a_mention():
    people = People()
    people.note(person_ref("Ana Ruiz"), named=True, rank=SPEAKER)
    people.note(person_ref("Tom Berg"), named=True, rank=MENTIONED)
    assert people.resolve("she").name == "Ana Ruiz"


def test_people_resolve_skips_the_other_gender():
    people = People()
    people.note(person_ref("Mrs. Ana Ruiz"), named=True, rank=SUBJECT)
    people.note(person_ref("Mr. Tom Berg"), named=True, rank=SUBJECT)
    assert people.resolve("she").name == "Mrs. Ana Ruiz"
    assert people.resolve("he").name == "Mr. Tom Berg"


def test_people_resolve_he_needs_a_named_person_not_a_body_or_a_description():
    people = People()
    people.note(person_ref("Tom Berg"), named=True, rank=SPEAKER)
    people.note(person_ref("Pew Research Center"), named=True, rank=SPEAKER)
    people.note(person_ref("the mayor"), named=False, rank=SPEAKER)
    assert people.resolve("he").name == "Tom Berg"
    assert people.resolve("it").text == "the mayor"  # "it" and "they" take whoever spoke last


def test_people_note_moves_a_known_surname_to_the_front():
    people = People()
    people.note(person_ref("Ana Ruiz"), named=True, rank=SPEAKER)
    people.note(person_ref("Tom Berg"), named=True, rank=SPEAKER)
    people.note(person_ref("Ruiz"), named=True, rank=SPEAKER)
    assert people.resolve("they").name == "Ruiz"
    assert [p.ref.name for p in people.seen] == ["Tom Berg", "Ruiz"]


def test_people_resolve_nobody_known():
    assert People().resolve("he") is None


@pytest.mark.parametrize("words, gender", [
    (["Mr.", "Berg"], "m"), (["Ms.", "Ruiz"], "f"), (["a", "campaign", "spokeswoman"], "f"),
    (["Ana", "Ruiz"], None), (["Mr.", "and", "Mrs.", "Berg"], None),
])
def test_gender_of_words(words, gender):
    assert gender_of_words(words) == gender


@pytest.mark.parametrize("text, person", [
    ("Jim Alvarez", True), ("Friday", False), ("The Republican", False), ("the mayor", False),
])
def test_is_person_name(text, person):
    assert is_person_name(text) is person


def test_is_body_name():
    assert is_body_name("Pew Research Center") and not is_body_name("Ana Ruiz")


@pytest.mark.parametrize("text, names", [
    ("The plan is late, Jim Alvarez said on Monday.", ["Jim Alvarez"]),
    ("The plan is late, said Sen. Ana Ruiz.", ["Sen. Ana Ruiz"]),
    ("Tom Berg (D-Ohio) told reporters the plan is late.", ["Tom Berg"]),
    ("Ana Ruiz, a teacher, said the plan is late.", ["Ana Ruiz"]),
    ("The plan is late, the Commission on Public Works said.", []),  # part of a body's name
    ("The plan is late, officials said Friday.", []),
])
def test_shallow_speakers(blank_nlp, text, names):
    doc = blank_nlp(text)
    assert [ref.name for _, ref in shallow_speakers(doc[:], FORMS, set())] == names


def test_name_runs(blank_nlp):
    doc = blank_nlp("Rakeyia Scott can be heard as the Pew Research Center reports on Main Street, "
                    "and Tom Berg listens.")
    # a body's name and a place after a preposition are not people
    assert [run.text for run in name_runs(doc[:])] == ["Rakeyia Scott", "Tom Berg"]


def test_a_military_title_abbreviation_stays_inside_the_speakers_name():
    from realpolitik.coding.speakers import NAME_ABBREVIATION

    assert all(NAME_ABBREVIATION.fullmatch(word) for word in ("Gen.", "Lt.", "Sen.", "B.", "Jr."))
    assert not NAME_ABBREVIATION.fullmatch("Said.")
