"""The offline English check: share of English function words, and the verdict."""

from __future__ import annotations

import pytest

from realpolitik.extract.language import (
    MIN_ENGLISH_SHARE,
    MIN_WORDS_TO_JUDGE,
    english_share,
    is_english,
)

ENGLISH = (
    "The foreign ministers of India and Japan met in New Delhi on Tuesday and agreed to expand "
    "cooperation on maritime security, according to a statement from the Ministry of External "
    "Affairs."
)
FRENCH = (
    "Le président de la République a reçu jeudi à l'Élysée le chancelier allemand pour un dîner de "
    "travail consacré à la guerre en Ukraine, à la politique agricole commune et à la défense "
    "européenne. Les deux dirigeants ont promis de renforcer leur coopération industrielle et de "
    "présenter ensemble des propositions communes avant le prochain sommet de Bruxelles."
)
GERMAN = (
    "Der Bundeskanzler ist am Donnerstag zu einem zweitägigen Besuch nach Paris gereist, um mit "
    "dem französischen Präsidenten über die Unterstützung der Ukraine, die gemeinsame Agrarpolitik "
    "und die europäische Verteidigung zu sprechen. Beide Regierungen wollen ihre Zusammenarbeit in "
    "der Rüstungsindustrie vertiefen und vor dem nächsten Gipfel in Brüssel gemeinsame Vorschläge "
    "vorlegen."
)
RUSSIAN = (
    "Президент России прибыл в Нью-Дели с государственным визитом. Стороны обсудили "
    "сотрудничество в области энергетики, обороны и торговли и подписали несколько соглашений."
)
FILLER = "zebra"  # a word that is not an English function word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (0.0, 0)),
        ("2024 1999 -- 42", (0.0, 0)),
        ("the cat and the dog", (0.6, 5)),
        ("THE Cat AND The Dog", (0.6, 5)),
        ("of_the 3of", (1.0, 3)),  # digits and underscores split words
    ],
)
def test_english_share_counts_function_words(text, expected):
    share, count = english_share(text)
    assert (round(share, 6), count) == expected


def test_english_share_reads_only_the_sample():
    mixed = ENGLISH + " " + FRENCH
    assert english_share(mixed, sample_chars=len(ENGLISH)) == english_share(ENGLISH)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH, True),
        (FRENCH, False),
        (GERMAN, False),
        (RUSSIAN, False),
        ("Bonjour à tous mes chers amis", True),  # too short to judge
        ("", True),
    ],
    ids=["english", "french", "german", "russian", "short-french", "empty"],
)
def test_is_english_judges_paragraphs(text, expected):
    assert is_english(text) is expected


@pytest.mark.parametrize("text", [FRENCH, GERMAN])
def test_is_english_written_paragraphs_are_long_enough(text):
    assert len(text.split()) >= 30


@pytest.mark.parametrize(
    ("function_words", "others", "expected"),
    [
        (2, 18, True),   # exactly MIN_ENGLISH_SHARE (0.10)
        (1, 19, False),  # just under
        (0, MIN_WORDS_TO_JUDGE - 1, True),  # too few words to judge
        (0, MIN_WORDS_TO_JUDGE, False),
    ],
)
def test_is_english_thresholds(function_words, others, expected):
    text = " ".join(["the"] * function_words + [FILLER] * others)
    assert is_english(text) is expected


def test_is_english_threshold_constant_matches_test():
    assert MIN_ENGLISH_SHARE == 2 / 20
