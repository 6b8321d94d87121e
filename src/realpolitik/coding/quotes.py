"""Direct quotations and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from realpolitik.coding.events import SentenceCoder
from realpolitik.models import ActorRef

# Works on typography-normalised text, where every curly double quote is a straight one; two single
# quotes ('' ... '') are the newswire convention for the same.
QUOTED = re.compile(r"\"([^\"\n]{2,2000}?)\"|''([^'\n][^\n]{0,1998}?)''")
MIN_QUOTE_WORDS = 3
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "note", "stress", "declare", "announce", "write", "tweet", "insist",
    "warn", "remark", "explain", "ask", "reply", "respond", "comment", "emphasize", "emphasise",
    "underline", "mince", "urge", "continue", "conclude", "caution", "argue", "observe", "affirm",
    "reiterate", "quip", "acknowledge", "admit", "recall", "vow", "pledge", "promise", "assert",
    "claim", "deny", "predict", "suggest", "proclaim", "post", "put", "describe", "call", "joke",
    "complain", "counter", "retort", "boast", "lament", "concede", "contend", "charge", "scoff",
    "report", "reveal", "recount", "remind", "testify", "exclaim",
})
# Noun-phrase parts that are not the speaker's name ("Caddell, who advised Carter").
NAME_EXCLUDED_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "prep", "advcl"})


@dataclass(frozen=True)
class QuoteSpan:
    """Where a quotation's words are in the document text."""

    start: int
    end: int


def find_quotes(text: str) -> list[QuoteSpan]:
    """Spans of the words between double quotes, for quotes of at least a few words."""
    spans = []
    for match in QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        if len(match.group(group).split()) >= MIN_QUOTE_WORDS:
            spans.append(QuoteSpan(match.start(group), match.end(group)))
    return spans


def find_speaker(doc: Doc, offset: int, quote: QuoteSpan, coder: SentenceCoder) -> ActorRef | None:
    """The speaker of a quote from a parsed sentence that holds all or part of it.

    A speech verb outside the quote gives its subject ('"...," Modi said'; 'he told reporters: "..."');
    otherwise a quote introduced by a colon belongs to the subject of the main clause before it
    ('he didn't mince words: "..."'). A subject the dictionary does not know is still a speaker when
    it is a name ('"...," said Caddell'), with no country.
    """
    inside = range(quote.start - offset - 1, quote.end - offset + 1)
    outside = [t for t in doc if t.idx not in inside]
    for token in outside:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS:
            speaker = _speaker_of(_subject_of(token), coder)
            if speaker is not None:
                return speaker
    for token in outside:
        if token.lower_ == "according" and token.i + 1 < len(doc) and token.nbor().lower_ == "to":
            pobj = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
            speaker = _speaker_of(pobj, coder)
            if speaker is not None:
                return speaker
    before = [t for t in outside if t.idx < quote.start - offset]
    if before and any(t.text == ":" for t in before[-3:]):
        return _speaker_of(_subject_of(before[-1].sent.root), coder)
    return None


def _speaker_of(subject: Token | None, coder: SentenceCoder) -> ActorRef | None:
    """The actor a subject stands for, or a plain name when the dictionary does not know it."""
    if subject is None:
        return None
    refs = [ref for ref, _ in coder.actors_of(subject) if ref.country or ref.code]
    if refs:
        return refs[0]
    if subject.pos_ == "PROPN":
        words = [t for t in subject.subtree if t.dep_ not in NAME_EXCLUDED_DEPS
                 and not any(a.dep_ in NAME_EXCLUDED_DEPS for a in t.ancestors if a.i > subject.i or
                             a.i < subject.i and a in subject.subtree)]
        name = " ".join(t.text for t in words if t.pos_ == "PROPN") or subject.text
        return ActorRef(text=name, name=name, country=None, role=None, code=None)
    return None


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, if it has one."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
