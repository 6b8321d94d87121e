"""Direct quotations and who said them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from realpolitik.coding.events import SentenceCoder
from realpolitik.coding.speakers import SPEAKER_PRONOUNS, People, description_ref, person_ref
from realpolitik.models import ActorRef
from realpolitik.nlp.sentences import text_length

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
    "report", "reveal", "recount", "remind", "testify", "exclaim", "sing", "demand", "chant", "blast",
    "condemn", "rule", "cite", "type", "accuse", "denounce", "dismiss", "laud", "praise", "point",
    "read", "shout", "yell", "scream", "cry", "whisper", "mutter", "plead", "muse", "rate", "wonder",
    "brag", "slam", "criticize", "criticise", "mock", "quote", "speak", "inform", "advise", "allege",
    "maintain", "tout", "hail", "welcome", "thank", "interject", "rail", "fume", "snap",
})
# Irregular and less regular forms of the speech verbs, for the parse-free prefilter.
IRREGULAR_SPEECH_FORMS = frozenset({"said", "told", "wrote", "written", "put", "sang", "sung", "spoke",
                                    "spoken", "read", "cried", "replied", "denied", "testified", "says",
                                    "tells", "writes", "according"})
# Characters between a quote's end and a sentence that attributes it ('"...?" Clinton said'), and
# between a colon and the quote it introduces ('He said:\n\n"...'): a mark, a space, a blank line.
AFTER_GAP = 3
BEFORE_GAP = 6
# Words an attribution between two quotes of one speaker may have ('"...," she said, clapping. "..."').
CONTINUATION_WORDS = 12
LABEL = re.compile(r"([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}): ")
DASHED = re.compile(r"[\"']?[ \t]*(?:\u2015|\u2014|\u2013|--|-)[ \t]*"
                    r"((?:[A-Z][\w.'-]*)(?:[ \t]+(?:[A-Z][\w.'-]*|de|da|van|von|del|la|bin|al)){0,4})")
# Finite forms of speech verbs that are verbs even where the tagger says noun ("The Times reports:",
# "Said Ellis:").
FINITE_SPEECH_FORMS = frozenset({"says", "said", "reports", "writes", "tells", "adds", "notes", "tweets"})
# Subjects of a speech verb that are not speakers.
NOT_SPEAKERS = frozenset({"time", "way", "thing", "fact", "one", "part", "question", "answer"})
PLURAL_ROLE_WORDS = frozenset({"officials", "leaders", "lawmakers", "diplomats", "authorities"})
# Parts before a noun that are not its phrase ("Twenty-two years ago, a Times article").
PHRASE_EXCLUDED = frozenset({"npadvmod", "advmod", "punct", "prep", "advcl"})
# Words between a quote and its speech verb a subject the parser missed may sit in.
BARE_REACH = 14
SUBJECT_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "dep"})
# Noun-phrase parts that are not the speaker's name ("Caddell, who advised Carter").
NAME_EXCLUDED_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "prep", "advcl"})


@dataclass(frozen=True)
class QuoteSpan:
    """Where a quotation's words are in the document text."""

    start: int
    end: int
    partial: bool = False  # a word or two quoted inside a report ('called them "deplorables"')


def find_quotes(text: str, partial: bool = False) -> list[QuoteSpan]:
    """Spans of the words between double quotes, for quotes of at least a few words.

    Args:
        text: typography-normalised text.
        partial: also return quotes of one or two words that are not titles ('"deplorables"', not
            '"Fox News Sunday"'), marked ``partial``: they are kept only when their own sentence says
            who said them.
    """
    spans = []
    for match in QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        words = match.group(group).split()
        if len(words) >= MIN_QUOTE_WORDS:
            spans.append(QuoteSpan(match.start(group), match.end(group)))
        elif partial and words and not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            spans.append(QuoteSpan(match.start(group), match.end(group), partial=True))
    return spans


def is_near(quote: QuoteSpan, start: int, end: int, text: str) -> bool:
    """Whether a sentence can attribute a quote: it holds part of it, follows right after it on the
    same line ('"...?" | Clinton said.'), or ends in a colon just before it ('He said: | "..."')."""
    if start <= quote.start < end or start < quote.end <= end:
        return True
    if quote.partial:
        return False
    if 0 <= start - quote.end <= AFTER_GAP and "\n" not in text[quote.end:start]:
        return True
    return 0 <= quote.start - end <= BEFORE_GAP and text[:end].rstrip().endswith(":")


def is_before(quote: QuoteSpan, start: int, end: int, text: str) -> bool:
    """Whether a sentence ends just before a quote on the same line ('..., Schiff said. "The other ...'):
    its speaker is the quote's when the quote's own sentence names none."""
    return not quote.partial and 0 <= quote.start - end <= BEFORE_GAP and "\n" not in text[end:quote.start]


def is_introduced(quote: QuoteSpan, start: int, end: int, text: str) -> bool:
    """Whether a quote inside a sentence follows a colon ('The mayor was blunt: "..."')."""
    lead = text[max(start, quote.start - 4):quote.start]
    return start < quote.start < end and lead.rstrip('"\' ').endswith(":")


def attribute_remaining(text: str, quotes: list[QuoteSpan], speakers: dict[int, ActorRef | None]) -> None:
    """Give speakers to the quotes no sentence attributed, in order, from the text around them.

    A dash after it ('..." -- Jane Roe'),
    or, for a quote that goes on from the one before it (the next paragraph of the same quotation,
    or a second quote after '"...," she said.'), that quote's speaker.

    Args:
        text: the document text (typography-normalised).
        quotes: its quotes, in order.
        speakers: the speakers found so far by quote number; filled in place.
    """
    previous = None  # the number of the last whole quote
    for number, quote in enumerate(quotes):
        if quote.partial:
            continue
        if speakers.get(number) is None:
            speaker = _dashed(text, quote)
            if speaker is None and previous is not None and speakers.get(previous) is not None \
                    and _continues(text, quotes[previous], quote):
                speaker = speakers[previous]
            speakers[number] = speaker
        previous = number


def labelled_speaker(text: str, quote: QuoteSpan) -> ActorRef | None:
    """The speaker a transcript label names at the start of a quote ("WALLACE: But, Governor ...")."""
    match = LABEL.match(text, quote.start, quote.end)
    return person_ref(match.group(1)) if match else None


def _dashed(text: str, quote: QuoteSpan) -> ActorRef | None:
    """The speaker named after a dash that follows a quote ('"..." -- Jane Roe')."""
    match = DASHED.match(text, quote.end, min(len(text), quote.end + 80))
    return person_ref(match.group(1).strip()) if match else None


def _continues(text: str, previous: QuoteSpan, quote: QuoteSpan) -> bool:
    """Whether a quote goes on from the previous one: only blank lines between them, or a short
    attribution on the same line."""
    gap = text[previous.end + 1:max(quote.start - 1, previous.end + 1)]
    if not gap.strip():
        return True
    return "\n" not in gap and len(gap.split()) <= CONTINUATION_WORDS


def find_speaker(doc: Doc, offset: int, quote: QuoteSpan, coder: SentenceCoder,
                 people: People | None = None, quotes: Sequence[QuoteSpan] = ()) -> ActorRef | None:
    """The speaker of a quote from a parsed sentence that holds all or part of it (or sits next to it).

    A speech verb outside the quotes gives its subject ('"...," Modi said'; 'he told reporters: "..."';
    '"...," said Jim Smith, a spokesman'); the verb whose clause holds the quote comes first, then the
    nearest. A verb without a subject of its own ("..., saying") takes its governing verb's. Then
    "according to X", then a colon after a main clause ('he didn't mince words: "..."'). A subject the
    dictionary does not know is still a speaker: a name with no country, a description ("the mayor"),
    or a pronoun resolved through ``people`` to the last person it can stand for.

    Args:
        doc: the parsed sentence.
        offset: where the sentence starts in the document text.
        quote: the quote to attribute (it may lie outside the sentence, before or after it).
        coder: the sentence's coder (its actor mentions and resolved anaphors).
        people: the document's people so far, for pronoun speakers.
        quotes: every quote of the document; words inside any of them are not attribution.
    """
    quoted = _quoted_indexes(doc, offset, [quote, *quotes])
    inside = _quoted_indexes(doc, offset, [quote])
    verbs = [t for t in doc if t.i not in quoted and (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in
                                                      SPEECH_VERBS or t.lower_ in FINITE_SPEECH_FORMS)]
    after = quote.start >= offset + text_length(doc)  # the quote follows the sentence
    for verb in sorted(verbs, key=lambda v: (not _governs(v, inside), _distance(v, inside, after))):
        subject = _subject_of(verb)
        if subject is None or subject.i in quoted:  # a quoted word is never the speaker
            subject = _bare_subject(verb, quoted)
        speaker = _speaker_of(subject, coder, people)
        if speaker is not None:
            return speaker
    for token in doc:
        if token.i not in quoted and token.lower_ == "according" and token.i + 1 < len(doc) \
                and token.nbor().lower_ == "to":
            pobj = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
            speaker = _speaker_of(pobj, coder, people)
            if speaker is not None:
                return speaker
    before = [t for t in doc if t.i not in quoted and t.idx < quote.start - offset]
    if before and (inside or after) and any(t.text == ":" for t in before[-3:]):
        return _speaker_of(_subject_of(before[-1].sent.root), coder, people)
    return None


def _quoted_indexes(doc: Doc, offset: int, quotes: list[QuoteSpan]) -> set[int]:
    """Indexes of the tokens inside the quotes (with their quotation marks)."""
    found: set[int] = set()
    size = text_length(doc)
    for quote in quotes:
        low, high = max(quote.start - offset - 1, 0), min(quote.end - offset + 1, size)
        if high <= 0 or low >= size:
            continue
        span = doc.char_span(low, high, alignment_mode="contract")
        if span is not None:
            found.update(range(span.start, span.end))
    return found


def _governs(verb: Token, inside: set[int]) -> bool:
    """Whether the quote's words hang (directly or not) on the verb."""
    return any(verb in verb.doc[i].ancestors for i in inside)


def _distance(verb: Token, inside: set[int], after: bool) -> int:
    """Tokens between a verb and the nearest quoted word, or the end of the sentence nearer the quote."""
    if not inside:
        return verb.i
    return min(abs(verb.i - i) for i in inside)


def _speaker_of(subject: Token | None, coder: SentenceCoder, people: People | None) -> ActorRef | None:
    """Who a speech verb's subject stands for: a dictionary actor, a name, a pronoun's person, a role."""
    if subject is None:
        return None
    if subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "Smith, who said ..."
    if subject.pos_ == "PRON" or subject.lower_ in SPEAKER_PRONOUNS:
        refs = [ref for ref, _ in coder.actors_of(subject) if ref.country or ref.code]
        # A person named earlier in the same sentence comes first ("As Modi greeted Putin, he said").
        if refs and any(m.actor.kind == "person" and i < subject.i for i, m in coder.by_token.items()):
            return refs[0]
        resolved = people.resolve(subject.lower_) if people is not None else None
        return resolved if resolved is not None else (refs[0] if refs else None)
    mention = coder.by_token.get(subject.i)
    if mention is not None and (mention.actor.country or mention.actor.code) and not (
            subject.pos_ == "PROPN" and mention.actor.kind != "person" and subject.text[:1].isupper()
            and not mention.actor.text.endswith(subject.text)):
        return mention.actor.ref()  # the subject's own head word is a known actor (not "Tulsa police
        # Chief Chuck Jordan", a person the dictionary does not know, named after a place)
    if subject.pos_ == "PROPN":
        return _name_of(subject) if subject.text[:1].isupper() else None
    named = next((c for c in subject.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"
                  and c.i > subject.i and c.text[:1].isupper()), None)
    if named is not None and subject.pos_ == "NOUN":
        return _name_of(named)  # "the Democratic candidate Hillary Clinton"
    refs = [ref for ref, _ in coder.actors_of(subject) if ref.country or ref.code]
    if refs and (mention is not None or subject.lower_ in PLURAL_ROLE_WORDS):
        return refs[0]
    if subject.pos_ == "NOUN" and subject.lower_ not in NOT_SPEAKERS:
        return description_ref(_description(subject).text)
    return refs[0] if refs else None


def _name_of(head: Token) -> ActorRef:
    """A named speaker the dictionary does not know: the name with its title and "of" phrase."""
    subtree = set(head.subtree)
    words = [t for t in subtree if t.dep_ not in NAME_EXCLUDED_DEPS
             and not any(a.dep_ in NAME_EXCLUDED_DEPS for a in t.ancestors if a in subtree and a != head)]
    span = _phrase(head, words)
    name_start = head.i
    while name_start > span.start and (head.doc[name_start - 1].pos_ == "PROPN"
                                       or head.doc[name_start - 1].text == "-"):
        name_start -= 1
    name = head.doc[name_start:head.i + 1].text
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    text = span.text
    if of is not None and any(t.pos_ == "PROPN" for t in of.subtree):
        text = head.doc[span.start:max(t.i for t in of.subtree) + 1].text
    return ActorRef(text=text, name=name, country=None, role=None, code=None)


def _description(head: Token) -> Span:
    """A described speaker's noun phrase up to its head, with a coordinated second description ("The
    former first lady and U.S. senator"), without its prepositions, clauses or appositions."""
    span = _phrase(head, head.subtree)
    conj = next((c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"), None)
    if conj is None:
        return span
    return head.doc[span.start:conj.i + 1]


def _phrase(head: Token, words) -> Span:
    """The contiguous span of a noun phrase's words up to its head, without adverbial openers
    ("Twenty-two years ago, a Times article")."""
    words = list(words)
    dropped = {d.i for t in words if t.dep_ in PHRASE_EXCLUDED and t.head == head for d in t.subtree}
    kept = sorted(t.i for t in words if t.i <= head.i and t.i not in dropped)
    start = kept[0] if kept else head.i
    return head.doc[start:head.i + 1]


def _bare_subject(verb: Token, quoted: set[int]) -> Token | None:
    """A speech verb the parser left without a subject (or with a quoted one): the last word of the
    first run of names and nouns between the quote and the verb ('"...," Flynn, a top adviser, said'),
    else a name right after it."""
    start = verb.i
    while start > 0 and start - 1 not in quoted and verb.i - start < BARE_REACH:
        start -= 1
    if start == verb.i or start - 1 not in quoted:
        return _name_after(verb, quoted)  # '"...," said Jim Smith'
    between = verb.doc[start:verb.i]
    if any(t.pos_ in ("VERB", "AUX") for t in between):
        return None  # another clause stands between ('-- and, when questioned after the debate, asserting')
    first = next((t for t in between if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "pobj"), None)
    if first is None:
        return None
    while first.i + 1 < verb.i and first.nbor().pos_ in ("PROPN", "NOUN"):
        first = first.nbor()  # the head ends the phrase: "Tulsa police Chief Chuck *Jordan*"
    return first


def _name_after(verb: Token, quoted: set[int]) -> Token | None:
    """The last word of a name right after a verb ("said Jim Smith, a spokesman")."""
    end = verb.i + 1
    while end < len(verb.doc) and end not in quoted and verb.doc[end].pos_ == "PROPN":
        end += 1
    return verb.doc[end - 1] if end > verb.i + 1 else None


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it hangs on ("..., saying"; "and added"); for a speech
    verb the tagger took for a noun ("The New York Times reports:"), the name before it."""
    if verb.pos_ in ("NOUN", "PROPN") and verb.lower_ in FINITE_SPEECH_FORMS:
        return next((c for c in reversed(list(verb.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"),
                    None)
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "a statement saying ..."
        if verb.dep_ not in SUBJECT_CLIMB or verb.head is verb:
            return None
        verb = verb.head
    return None
