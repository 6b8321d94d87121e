"""The offline language check: English function words first, then the packaged identifier."""

from __future__ import annotations

import pytest

from realpolitik.extract.language import (
    FAST_ENGLISH_SHARE,
    MIN_ENGLISH_SHARE,
    MIN_MODEL_CONFIDENCE,
    MIN_WORDS_TO_JUDGE,
    describe,
    english_share,
    identify_language,
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


# -- the offline identifier behind the function words (issue #5, item 2) -------------------------

SPANISH = (
    "El presidente del Gobierno se reunió el martes en Madrid con el primer ministro de la India para "
    "hablar de comercio, energía y defensa. Ambos dirigentes firmaron un acuerdo para ampliar la "
    "cooperación tecnológica y anunciaron una nueva ruta aérea directa entre los dos países."
)
CHINESE = (
    "中国国家主席周二在北京会见了来访的印度总理，双方同意加强在贸易、能源和安全领域的合作，"
    "并将于明年举行新一轮战略对话。"
)
ARABIC = (
    "التقى وزير الخارجية السعودي نظيره الهندي في الرياض يوم الثلاثاء لبحث التعاون في مجالات الطاقة "
    "والتجارة والأمن، واتفق الجانبان على عقد اجتماع جديد في نيودلهي خلال العام المقبل."
)
NAME_HEAVY = (
    "Modi, Putin, Lavrov, Jaishankar, Peskov, Ushakov, Manturov, Belousov and Doval met at Hyderabad "
    "House; Rosneft, Rosatom, Gazprom, BrahMos, HAL and ONGC signed memoranda in New Delhi on Friday."
)


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [(FRENCH, "fr", "French"), (SPANISH, "es", "Spanish"), (GERMAN, "de", "German"),
     (RUSSIAN, "ru", "Russian"), (CHINESE, "zh", "Chinese"), (ARABIC, "ar", "Arabic")],
    ids=["french", "spanish", "german", "russian", "chinese", "arabic"],
)
def test_identify_language_names_the_language(text, code, name):
    guess = identify_language(text)
    assert (guess.code, guess.name, guess.method, guess.is_english) == (code, name, "model", False)
    assert guess.confidence > 0.5


def test_identify_language_english_news_takes_the_fast_path():
    guess = identify_language(ENGLISH)
    assert (guess.code, guess.method) == ("en", "function-words")
    assert guess.english_share >= FAST_ENGLISH_SHARE


def test_identify_language_name_heavy_english_passes():
    share, _ = english_share(NAME_HEAVY)
    assert share < FAST_ENGLISH_SHARE  # the model is asked
    assert identify_language(NAME_HEAVY).is_english


def test_identify_language_chinese_counts_characters_as_words():
    assert identify_language(CHINESE).words >= MIN_WORDS_TO_JUDGE
    assert identify_language("合作。").code == "und"  # too short to judge


def test_identify_language_word_salad_is_not_english_with_low_confidence():
    guess = identify_language(" ".join([FILLER] * 30))
    assert not guess.is_english
    assert guess.confidence < MIN_MODEL_CONFIDENCE


def test_describe_names_language_and_what_to_do():
    text = describe(identify_language(SPANISH))
    assert text.startswith("does not read as English but as Spanish (es, ")
    assert text.endswith("realpolitik codes English news only.")


def test_language_names_cover_the_model_labels():
    from realpolitik.extract._languages import LANGUAGE_NAMES
    from realpolitik.extract.language import _identifier

    assert set(_identifier().labels) <= set(LANGUAGE_NAMES)


@pytest.mark.parametrize(("text", "code"), [("Президент России прибыл в Нью-Дели с визитом.", "ru"),
                                            ("الرئيس الروسي يصل إلى نيودلهي في زيارة دولة", "ar")])
def test_identify_language_judges_short_texts_in_other_scripts(text, code):
    assert identify_language(text).code == code


@pytest.mark.parametrize("text", ["Putin arrives in Delhi", "Bonjour à tous mes chers amis", "Привет мир"])
def test_identify_language_very_short_texts_pass(text):
    assert identify_language(text).code == "und"


@pytest.mark.parametrize("text", [
    "Former US President Barack Obama on Sunday held separate talks with President Uhuru Kenyatta and "
    "opposition leader Raila Odinga in Nairobi, Kenya, on his first visit since leaving office.",
    "On Tuesday, Nigerian junior foreign minister Dubem Onyia summoned Niger's ambassador Brah Mahamane "
    "to Abuja to protest over the treatment of Nigerians in Niger.",
])
def test_identify_language_english_with_african_names_is_english(text):
    # py3langid reads these as Nigerian Pidgin; the function words keep them English.
    assert identify_language(text).is_english
