"""Quotes and their speakers: the quote finder, the document-level rules, and whole articles."""

from __future__ import annotations

import pytest

from realpolitik import code_text
from realpolitik.coding.quotes import (
    QuoteSpan,
    attribute_remaining,
    find_quotes,
    is_near,
    labelled_speaker,
)
from realpolitik.coding.speakers import person_ref


def spans(text: str, partial: bool = False) -> list[str]:
    """The quoted texts the finder returns."""
    return [text[q.start:q.end] for q in find_quotes(text, partial)]


def test_find_quotes_keeps_quotes_of_three_words_or_more():
    text = 'She called it "late" and said "we will fix it soon" today.'
    assert spans(text) == ["we will fix it soon"]


def test_find_quotes_partial_marks_short_quotes_but_not_titles():
    text = 'He called them "deplorables" on "The Apprentice" and said "we will win this."'
    found = find_quotes(text, partial=True)
    assert [(text[q.start:q.end], q.partial) for q in found] == [
        ("deplorables", True), ("we will win this.", False)]


def test_find_quotes_reads_newswire_double_apostrophes():
    assert spans("''This is not reform,'' said Ms. Ruiz.") == ["This is not reform,"]


@pytest.mark.parametrize("sentence, near", [
    ('"Is it over?" ', True),         # the sentence holding the quote
    (" Ruiz said.", True),            # right after it, on the same line
    ("\n\nRuiz said.", False),        # a new paragraph is not an attribution
])
def test_is_near(sentence, near):
    text = '"Is it over?"' + sentence if not sentence.startswith('"') else sentence
    quote = QuoteSpan(1, 12)
    start = text.index(sentence.strip()) if not sentence.startswith('"') else 0
    assert is_near(quote, start, start + len(sentence.strip()), text) is near


def test_is_near_colon_before_a_quote_paragraph():
    text = 'Ruiz continued:\n\n"We will rebuild the bridge."'
    quote = QuoteSpan(text.index("We"), len(text) - 1)
    assert is_near(quote, 0, len("Ruiz continued:"), text)


def test_labelled_speaker_reads_transcript_labels():
    text = '"RUIZ: We will rebuild it." "Thanks."'
    assert labelled_speaker(text, QuoteSpan(1, 26)).name == "RUIZ"
    assert labelled_speaker('"We will: rebuild it."', QuoteSpan(1, 21)) is None


def test_attribute_remaining_dash_and_continuation():
    text = ('"We will rebuild the bridge." \u2015 Ana Ruiz\n\n"Nobody asked us at all."\n\n'
            '"We have been asking for years," he said. "It will take a year."\n\n"And much more."\n\n'
            'The council met.\n\n"Nobody asked us at all."')
    quotes = find_quotes(text)
    speakers = {2: person_ref("Jim Alvarez")}
    attribute_remaining(text, quotes, speakers)
    names = [speakers[n].name if speakers[n] else None for n in range(len(quotes))]
    # a dash names the first, and its line ends the quote; a quote after "he said." and the
    # paragraph right after it go on with its speaker; a paragraph of narration breaks the chain
    assert names == ["Ana Ruiz", None, "Jim Alvarez", "Jim Alvarez", "Jim Alvarez", None]


def test_attribute_remaining_keeps_found_speakers_and_skips_partial_quotes():
    text = '"We will rebuild the bridge," she said. "soon" "and it will be fine."'
    quotes = find_quotes(text, partial=True)
    speakers = {0: person_ref("Ana Ruiz")}
    attribute_remaining(text, quotes, speakers)
    assert speakers[0].name == "Ana Ruiz"
    assert 1 not in speakers  # a partial quote is kept only if its own sentence attributes it
    assert speakers[2].name == "Ana Ruiz"


ARTICLE = """Town Rebuilds Its Bridge.

The town council voted on Monday to rebuild the old bridge, and residents were divided.

"We have waited for ten years," said Jim Alvarez, a spokesman for the neighbours. "It is about time."

"Who will pay for it?" Maria Delgado asked. She runs a bakery near the river.

"The cost will fall on small businesses like mine," she said.

The mayor was blunt: "There is no money for anything else this year."

Alvarez told reporters:

"We will hold the council to its word."

According to the town engineer, the old bridge is "unsafe for trucks and buses."

Delgado called the plan "reckless" in a letter to the council.
"""


@pytest.fixture(scope="module")
def article():
    """The made-up article above, coded."""
    return {q.text: q.speaker for q in code_text(ARTICLE, date="2026-03-02").quotes}


@pytest.mark.slow
@pytest.mark.parametrize("quote, speaker_text", [
    ("We have waited for ten years,", "Jim Alvarez"),      # said NAME, apposition
    ("It is about time.", "Jim Alvarez"),                  # second quote after the attribution
    ("Who will pay for it?", "Maria Delgado"),             # quote, then NAME asked
    ("The cost will fall on small businesses like mine,", "Maria Delgado"),  # she -> last woman named
    ("There is no money for anything else this year.", "The mayor"),          # a role, with a colon
    ("We will hold the council to its word.", "Alvarez"),  # "X told reporters:" before the paragraph
    ("unsafe for trucks and buses.", "the town engineer"),  # according to
    ("reckless", "Delgado"),                               # a one-word quote its sentence attributes
])
def test_article_speakers(article, quote, speaker_text):
    speaker = article[quote]
    assert speaker is not None and speaker.text == speaker_text
    assert speaker.country is None and speaker.code is None  # nobody here is in the dictionary


@pytest.mark.slow
def test_article_dictionary_speaker_keeps_its_code():
    doc = code_text('"We will not accept these sanctions," Russian President Vladimir Putin said.',
                    date="2020-05-01")
    assert doc.quotes[0].speaker.code == "RUSGOV"


@pytest.mark.slow
@pytest.mark.parametrize("text, quote, speaker_text", [
    # the sentence right before the quote, on the same line
    ('The council may wait until spring, Jim Alvarez said. "Nobody wants another winter of detours."',
     "Nobody wants another winter of detours.", "Jim Alvarez"),
    # a transcript label beats the speech verb inside the quote
    ('"RUIZ: As the paper wrote, the bridge is unsafe for trucks."',
     "RUIZ: As the paper wrote, the bridge is unsafe for trucks.", "RUIZ"),
    # a dash after the quote
    ('"The bridge matters more than the budget." \u2015 Ana Ruiz',
     "The bridge matters more than the budget.", "Ana Ruiz"),
    # a speech verb the parser left without a subject: the head ends the words before it, and a
    # state's name after a title and a given name is a surname
    ('"I will just make this promise to you: we will achieve justice in this case," Tulsa police Chief '
     'Chuck Jordan said.', "I will just make this promise to you: we will achieve justice in this case,",
     "Chuck Jordan"),
])
def test_speaker_rules_around_the_quote(text, quote, speaker_text):
    quotes = {q.text: q.speaker for q in code_text(text, date="2026-03-02").quotes}
    assert quotes[quote] is not None and quotes[quote].text == speaker_text
