"""Offline language identification: a cheap English check, backed by a trained identifier.

Two stages, cheapest first (issue #5, item 2):
 1. the share of common English function words ("the", "of", "and", ...): English news runs at
    20-50%, other Latin-script languages at under 10% of these particular words, other scripts at none.
    A text at ``FAST_ENGLISH_SHARE`` or above is English without further ado;
 2. otherwise py3langid (a naive Bayes model over byte n-grams, 140 labels, whose model file ships
    inside its PyPI package: nothing is downloaded) reads a sample of the text and names the language.

A text is rejected only when the identifier names another language and either it is very confident
or the function words agree that the text is not English: name-heavy English ("Modi, Putin, Lavrov
and Doval met in Delhi") keeps its function words and passes even when the model hesitates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from realpolitik.extract._languages import LANGUAGE_NAMES

ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on with as was by it at from be this are have has had not or an "
    "but were which their its will would been they he she his her we our you said also more after "
    "than who about over into two up out there can new all one year when other could should".split()
)
# Calibrated on ../shared/corpus (every English text >= 0.25), name-heavy English news sentences (0.14)
# and short Latin-script French,
# German, Spanish and Indonesian paragraphs written for the tests (all <= 0.08).
MIN_ENGLISH_SHARE = 0.10
# At or above this share a text is English without asking the model. Of the 40 shared-corpus texts,
# the 84 PolNeAR development articles and the PETRARCH validation files, all but 7 reach it; py3langid
# read those 7 as English with confidence >= 0.997 (calibration run of this commit).
FAST_ENGLISH_SHARE = 0.25
# py3langid's normalised probability above which its verdict stands against the function words
# (a text with at least MIN_ENGLISH_SHARE of them). On one-sentence French, Spanish and German news
# it is 0.97-1.0; on name-heavy English sentences of the shared datasets (PLV, ConfliBERT, PLOVER
# GSR: 2,722 sentences) its rare wrong verdicts stay under 0.75.
MIN_MODEL_CONFIDENCE = 0.9
# English-lexified creoles the model confuses with English sentences full of African names; such a
# verdict never overrides the function words.
ENGLISH_LIKE = frozenset({"pcm"})
MIN_WORDS_TO_JUDGE = 20
# A shorter text is still judged when most of its letters are outside the Latin script (Cyrillic,
# Arabic, Han, ...): it cannot be English, and the model names such scripts' languages reliably.
MIN_WORDS_OTHER_SCRIPT = 5
# The model reads this many characters from the start of the text (about 0.5 ms on one core).
MODEL_SAMPLE_CHARS = 2_000
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Scripts written without spaces between words: each character counts as a word for MIN_WORDS_TO_JUDGE.
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class LanguageGuess:
    """What language a text is in, how sure we are, and how we decided.

    Attributes:
        code: ISO 639 code ("en", "fr"), or "und" when the text is too short to judge.
        confidence: The identifier's probability, or the English function-word share for the fast path.
        method: "function-words", "model" or "too-short".
        english_share: Share of English function words in the sample.
        words: How many words (characters, in unspaced scripts) the sample has.
    """

    code: str
    confidence: float
    method: str
    english_share: float
    words: int

    @property
    def name(self) -> str:
        """The language's English name ("French"), or its code when we have no name for it."""
        return LANGUAGE_NAMES.get(self.code, self.code)

    @property
    def is_english(self) -> bool:
        """True for English, and for texts too short to judge (they pass)."""
        return self.code in ("en", "und")


def english_share(text: str, sample_chars: int = 20_000) -> tuple[float, int]:
    """Return the share of English function words among the words of a text sample, and the word count."""
    words = WORD.findall(text[:sample_chars].lower())
    if not words:
        return 0.0, 0
    return sum(word in ENGLISH_FUNCTION_WORDS for word in words) / len(words), len(words)


def identify_language(text: str) -> LanguageGuess:
    """Name the language of a text: function words first, then the offline model if still in doubt.

    Args:
        text: The document text (only its start is read).

    Returns:
        The guess; ``code`` is "und" for texts too short to judge: under MIN_WORDS_TO_JUDGE words,
        or under MIN_WORDS_OTHER_SCRIPT when mostly in a non-Latin script.
    """
    share, count = english_share(text)
    units = count + len(UNSPACED.findall(text[:MODEL_SAMPLE_CHARS]))
    if units < MIN_WORDS_TO_JUDGE and not (units >= MIN_WORDS_OTHER_SCRIPT
                                           and _other_script_share(text[:MODEL_SAMPLE_CHARS]) > 0.5):
        return LanguageGuess("und", 0.0, "too-short", share, units)
    if share >= FAST_ENGLISH_SHARE:
        return LanguageGuess("en", share, "function-words", share, units)
    code, confidence = _identifier().classify(text[:MODEL_SAMPLE_CHARS])
    doubtful = confidence < MIN_MODEL_CONFIDENCE or code in ENGLISH_LIKE
    if code != "en" and doubtful and share >= MIN_ENGLISH_SHARE:
        # The model is not sure enough and the function words say English: keep the document.
        return LanguageGuess("en", share, "function-words", share, units)
    return LanguageGuess(code, round(confidence, 3), "model", share, units)


def is_english(text: str) -> bool:
    """Tell whether a text reads as English; texts too short to judge pass."""
    return identify_language(text).is_english


def describe(guess: LanguageGuess) -> str:
    """The rejection sentence for a non-English guess: which language, how sure, what to do."""
    return (f"does not read as English but as {guess.name} ({guess.code}, {guess.confidence:.0%} confidence; "
            f"{guess.english_share:.0%} English function words in {guess.words} words); "
            "realpolitik codes English news only.")


def _other_script_share(sample: str) -> float:
    """Share of the letters beyond the Latin alphabets (code points past Latin Extended-B)."""
    letters = [ch for ch in sample if ch.isalpha()]
    return sum(ord(ch) > 0x24F for ch in letters) / len(letters) if letters else 0.0


@cache
def _identifier():
    """py3langid's packaged model, loaded once per process (about 0.6 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
