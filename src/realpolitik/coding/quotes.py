"""Direct quotations and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from realpolitik.coding.events import SentenceCoder
from realpolitik.models import ActorRef

# Works on typography-normalised text, where every curly double quote is a straight one.
QUOTED = re.compile(r'"([^"\n]{2,2000}?)"')
MIN_QUOTE_WORDS = 3
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "note", "stress", "declare", "announce", "write", "tweet", "insist",
    "warn", "remark", "explain", "ask", "reply", "respond", "comment", "emphasize", "emphasise",
    "underline", "mince", "urge", "continue", "conclude", "caution", "argue", "observe", "affirm",
    "reiterate", "quip", "acknowledge", "admit", "recall", "vow", "pledge", "promise", "assert",
    "claim", "deny", "predict", "suggest", "proclaim", "post", "put", "describe", "call",
})


@dataclass(frozen=True)
class QuoteSpan:
    """Where a quotation's words are in the document text."""

    start: int
    end: int


def find_quotes(text: str) -> list[QuoteSpan]:
    """Spans of the words between double quotes, for quotes of at least a few words."""
    spans = []
    for match in QUOTED.finditer(text):
        if len(match.group(1).split()) >= MIN_QUOTE_WORDS:
            spans.append(QuoteSpan(match.start(1), match.end(1)))
    return spans


def find_speaker(doc: Doc, offset: int, quote: QuoteSpan, coder: SentenceCoder) -> ActorRef | None:
    """The speaker of a quote from the parsed sentence around it.

    A speech verb outside the quote gives its subject ('"...," Modi said'; 'he told reporters: "..."');
    otherwise a quote introduced by a colon belongs to the subject of the main clause before it
    ('he didn't mince words: "..."').
    """
    inside = range(quote.start - offset - 1, quote.end - offset + 1)
    outside = [t for t in doc if t.idx not in inside]
    for token in outside:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS:
            refs = _named(coder.actors_of(_subject_of(token)))
            if refs:
                return refs[0]
    before = [t for t in outside if t.idx < quote.start - offset]
    if before and any(t.text == ":" for t in before[-3:]):
        root = before[-1].sent.root
        refs = _named(coder.actors_of(_subject_of(root)))
        if refs:
            return refs[0]
    return None


def _subject_of(verb):
    """The subject of a verb, if it has one."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _named(refs: list[tuple[ActorRef, bool]]) -> list[ActorRef]:
    """Keep actors that resolved to a country or organisation."""
    return [ref for ref, _ in refs if ref.country or ref.code]
