"""One path from documents to coded documents, shared by the CLI, the Python API and the store.

Stages, per batch of articles:
 1. tokenise every document (cheap) and split it into sentences;
 2. find actor mentions with the dictionary, and direct quotations;
 3. pick the sentences that can hold an event or attribute a quote: a trigger word and an actor (or
    an anaphor such as "they" or "both sides") must both be present. Only these are parsed, together,
    with ``nlp.pipe``: most of the model's cost is spent where it can pay off;
 4. read each document in order, resolving anaphors as the discourse goes, and code the events and
    quotes of the parsed sentences.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path

import numpy
from spacy.attrs import DEP, POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from realpolitik import __version__
from realpolitik.coding.arguments import is_same_side
from realpolitik.coding.discourse import PAIR_HEADS, PERSON_PRONOUNS, PLURAL_PRONOUNS, Discourse
from realpolitik.coding.events import CARRIER_VERBS, RawEvent, SentenceCoder
from realpolitik.coding.lexicon import (
    Lexicon,
    default_lexicon,
    has_trigger,
    merge_lexicon,
    targetless_forms,
    trigger_forms,
)
from realpolitik.coding.ontology import ONTOLOGY_VERSION, lookup, plover_of
from realpolitik.coding.quotes import (
    IRREGULAR_SPEECH_FORMS,
    SPEECH_VERBS,
    QuoteSpan,
    attribute_remaining,
    find_quotes,
    find_speaker,
    is_before,
    is_introduced,
    is_near,
    labelled_speaker,
)
from realpolitik.coding.speakers import SPEAKER, SUBJECT, People, note_people
from realpolitik.errors import CodingError
from realpolitik.extract.article import Limits, extract_article
from realpolitik.models import (
    Actor,
    ActorRef,
    Article,
    CodedDocument,
    Event,
    Evidence,
    Quote,
    RawDocument,
    Rejection,
)
from realpolitik.nlp.actors import ROLE_ACTORS, ActorMatcher, Mention
from realpolitik.nlp.datelines import dateline_span
from realpolitik.nlp.dictionary import default_dictionary
from realpolitik.nlp.load import load_nlp, model_version
from realpolitik.nlp.names import propagate_names
from realpolitik.nlp.sentences import cut_sentences, normalise_typography, split_sentences, text_length

CODER_NAME = "realpolitik.coder.rules.v1"
logger = logging.getLogger(__name__)
DEFAULT_BATCH = 64
# How many sentences back a pronoun may find its antecedent for the prefilter's count (the coder's
# own resolution is not limited); 6 keeps every seed and sample-corpus event (tests/test_seed.py).
ANAPHOR_REACH = 6


@dataclass
class Engine:
    """The loaded pipeline, dictionary and lexicon: build once, code many documents."""

    nlp: Language
    matcher: ActorMatcher
    lexicon: Lexicon
    limits: Limits = field(default_factory=Limits)
    dictionaries: tuple[str, ...] = ()  # extra dictionary files merged in (``make_engine``)
    problems: tuple[str, ...] = ()  # their lines that could not be read, "file:line: why"

    @cached_property
    def coder(self) -> str:
        """Name and versions of what codes the events (stored with every event).

        Cached: ``Language.meta`` rebuilds the label lists of every component on each call, which
        cost a tenth of the coding time when read once per event.
        """
        return f"{CODER_NAME} (realpolitik {__version__}; {model_version(self.nlp)}; {ONTOLOGY_VERSION})"


@cache
def default_engine() -> Engine:
    """The engine with the packaged model, dictionary and lexicon (loaded once per process)."""
    nlp = load_nlp()
    return Engine(nlp, ActorMatcher(nlp, default_dictionary()), default_lexicon())


def make_engine(dictionaries: Sequence[str | Path] = (), prefer_extra: bool = False) -> Engine:
    """An engine with extra PETRARCH-format dictionaries merged into the packaged ones.

    Args:
        dictionaries: actor, agent and verb files, or folders of them (``--dictionary``).
        prefer_extra: let the extra entries win where both know a phrase or verb (default: ours win).

    Returns:
        The packaged engine when no dictionary is given, else a new one (the model is shared).

    Raises:
        ConfigError: a dictionary path is missing or of no known kind.
    """
    if not dictionaries:
        return default_engine()
    from realpolitik.coding.dictionaries import load_dictionaries

    extra = load_dictionaries(dictionaries)
    base = default_engine()
    book = default_dictionary().copy()
    book.merge(extra.actors, prefer_other=prefer_extra)
    lexicon = merge_lexicon(base.lexicon, extra.verbs, prefer_extra, CARRIER_VERBS)
    return Engine(base.nlp, ActorMatcher(base.nlp, book), lexicon, base.limits,
                  dictionaries=tuple(extra.files), problems=tuple(str(p) for p in extra.problems))


@dataclass
class _Sentence:
    """One sentence of a document being coded."""

    start: int  # character offsets into the document text
    end: int
    mentions: list[Mention]
    candidate: bool
    tokens: Span | None = None  # the tokenised sentence, until it is parsed
    parsed: Doc | None = None


@dataclass
class _Work:
    """A document between the stages."""

    article: Article
    text: str  # typography-normalised, same length as article.text
    sentences: list[_Sentence]
    mentions: list[Mention]
    quotes: list[QuoteSpan]
    shallow: Doc | None = None  # the tokenised text (for the speakers of quotes)


def process(items: Iterable[RawDocument | Article | Rejection], engine: Engine | None = None,
            batch_size: int = DEFAULT_BATCH) -> Iterator[CodedDocument]:
    """Extract and code raw documents, in order; rejections come out as rejected documents."""
    engine = engine or default_engine()
    batch: list[Article | Rejection] = []
    for item in items:
        batch.append(extract_article(item, engine.limits) if isinstance(item, RawDocument) else item)
        if len(batch) >= batch_size:
            yield from _code_batch(batch, engine)
            batch = []
    if batch:
        yield from _code_batch(batch, engine)


def code_articles(articles: Iterable[Article], engine: Engine | None = None,
                  batch_size: int = DEFAULT_BATCH) -> Iterator[CodedDocument]:
    """Code articles that are already extracted."""
    yield from process(articles, engine, batch_size)


def _code_batch(batch: list[Article | Rejection], engine: Engine) -> Iterator[CodedDocument]:
    """Run the stages over a batch, parsing all candidate sentences of the batch together."""
    work: list[_Work | Rejection] = [_guarded(_prepare, item, engine) if isinstance(item, Article) else item
                                     for item in batch]
    combined = [(w, _candidate_doc(w, engine)) for w in work if isinstance(w, _Work)]
    docs = engine.nlp.pipe((doc for _, doc in combined), batch_size=32)
    for (prepared, _), parsed in zip(combined, docs, strict=True):
        _split_parsed(prepared, parsed)
    for w in work:
        if isinstance(w, Rejection):
            yield CodedDocument(id=w.id or w.origin, origin=w.origin, rejected=w, language=None)
        else:
            coded = _guarded(_code_document, w, engine)
            if isinstance(coded, Rejection):
                yield CodedDocument(id=coded.id or coded.origin, origin=coded.origin, rejected=coded,
                                    language=None)
            else:
                yield coded


def _guarded(stage, item, engine: Engine):
    """Run one document through a stage; a bug on one document rejects it, not the whole run."""
    try:
        return stage(item, engine)
    except Exception as error:  # noqa: BLE001 - any failure on one document must not stop the others
        article = item.article if isinstance(item, _Work) else item
        logger.exception("coding failed on %s", article.origin)
        return Rejection(article.origin, "coding_error",
                         f"{article.origin}: realpolitik failed on this document ({type(error).__name__}: "
                         f"{error}); this is a bug, please report it with the document.", article.id)


def _candidate_doc(work: _Work, engine: Engine) -> Doc:
    """One Doc holding a document's candidate sentences, with their boundaries preset.

    Parsing one Doc per document rather than one per sentence keeps spaCy's per-doc overhead down;
    the parser keeps preset sentence starts, so no parse crosses from one sentence to the next.
    """
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    for sentence in work.sentences:
        if sentence.candidate:
            tokens = _tokens(sentence)
            for k, token in enumerate(tokens):
                words.append(token.text)
                spaces.append(bool(token.whitespace_) and k < len(tokens) - 1)
                starts.append(k == 0)
            if spaces:
                spaces[-1] = True
    doc = Doc(engine.nlp.vocab, words=words, spaces=spaces, sent_starts=starts if starts else None)
    return doc


def _tokens(sentence: _Sentence) -> Span:
    """A candidate sentence's tokens, which it holds until it is parsed."""
    if sentence.tokens is None:
        raise CodingError("a sentence was cut from its parse twice; this is a bug, please report it")
    return sentence.tokens


def _split_parsed(work: _Work, parsed: Doc) -> None:
    """Cut the parsed candidate Doc back into one Doc per sentence."""
    chosen = [sentence for sentence in work.sentences if sentence.candidate]
    for sentence, doc in zip(chosen, cut_sentences(parsed, [len(_tokens(s)) for s in chosen]), strict=True):
        sentence.parsed = doc
        sentence.tokens = None


def _prepare(article: Article, engine: Engine) -> _Work:
    """Stages 1-3: tokenise, split, find mentions and quotes, choose the sentences to parse."""
    text = normalise_typography(article.text)
    shallow = engine.nlp.make_doc(text)
    mentions = engine.matcher.find(shallow, article.date)
    title = engine.matcher.find(engine.nlp.make_doc(normalise_typography(article.title)), article.date) \
        if article.title else []
    mentions = propagate_names(shallow, mentions, title)
    # "GAZA CITY, Palestinian Territories: ...": where the story was filed, neither actor nor sentence
    filed_at, filed_from = dateline_span(text)
    body = next((t.i for t in shallow if t.idx >= filed_from), len(shallow)) if filed_from else 0
    headline = next((t.i for t in shallow if t.idx >= filed_at), len(shallow))
    mentions = [m for m in mentions if m.start >= body or m.end <= headline]
    quotes = find_quotes(text, partial=True)
    forms = trigger_forms(engine.lexicon)
    lone = targetless_forms(engine.lexicon)
    sentences = []
    cursor = 0
    window: list[list[ActorRef]] = []  # the named actors of the last few sentences
    for start, end in split_sentences(shallow):
        if headline < end <= body:
            continue
        if start < body < end:
            start = body
        span = shallow[start:end]
        own = []
        while cursor < len(mentions) and mentions[cursor].start < end:
            if mentions[cursor].start >= start:
                own.append(mentions[cursor])
            cursor += 1
        words = {t.lower_ for t in span}
        named = [m.actor.ref() for m in own if m.actor.country or m.actor.code]
        window = [*window[-(ANAPHOR_REACH - 1):], named]
        two_sides = _distinct_sides([ref for refs in window for ref in refs]) >= 2
        actors = _actor_count(own, words, two_sides)
        wanted = actors >= 2 and has_trigger(words, forms) or actors >= 1 and has_trigger(words, lone) or (
            bool(words & SPEECH_FORMS) and any(_may_attribute(q, span.start_char, span.end_char, text)
                                               for q in quotes)
        ) or ":" in words and any(is_introduced(q, span.start_char, span.end_char, text) for q in quotes)
        sentences.append(_Sentence(span.start_char, span.end_char, own, wanted, span if wanted else None))
    return _Work(article, text, sentences, mentions, quotes, shallow)


def _may_attribute(quote: QuoteSpan, start: int, end: int, text: str) -> bool:
    """Whether a sentence with a speech verb can say who said a quote (so it is worth a parse)."""
    return is_near(quote, start, end, text) or is_before(quote, start, end, text)


def _actor_count(mentions: list[Mention], words: set[str], two_sides_near: bool) -> int:
    """How many actors a sentence can supply: named mentions, roles of no country ("the rebels",
    "civilians", which may face a named side) and anaphors ("they" counts two).

    Most events need a source and a target, so a sentence needs two before it is worth a parse; pair
    words stand for two, since "both sides" or "they" may refer to a pair named earlier. Anaphors and
    unresolved titles only count when the last few sentences named two different sides: in news about
    one country's politics, "he" and "they" cannot make an event between states.
    """
    count = sum(1 for m in mentions if m.actor.country or m.actor.code or m.actor.role in ROLE_ACTORS
                or (two_sides_near and m.actor.kind == "person"))
    if two_sides_near:
        count += len(words & PERSON_PRONOUNS) + 2 * len(words & (PLURAL_PRONOUNS | PAIR_HEADS))
    return count


def _distinct_sides(refs: list[ActorRef]) -> int:
    """How many different sides the actors stand for, as the coder tells sides apart."""
    kept: list[ActorRef] = []
    for ref in refs:
        if not any(is_same_side(ref, other) for other in kept):
            kept.append(ref)
    return len(kept)


SPEECH_FORMS = frozenset(
    form for verb in SPEECH_VERBS
    for form in (verb, verb + "s", verb + "ed", verb + "d", verb + "ing", verb.removesuffix("e") + "ing")
) | IRREGULAR_SPEECH_FORMS | {"mince"}


def _code_document(work: _Work, engine: Engine) -> CodedDocument:
    """Stage 4: read the document in order and code events and quotes."""
    article = work.article
    discourse = Discourse()
    events: list[Event] = []
    # A transcript label ('"PENCE: Well, ..."') names the speaker whatever the sentence says.
    speakers: dict[int, ActorRef | None] = {
        n: labelled_speaker(work.text, q) for n, q in enumerate(work.quotes) if not q.partial}
    people = People()  # who quote pronouns point back to (coding/speakers.py)
    # the register serves quote speakers only: sentences after the last quote need not be noted
    last_quote = max((q.end for q in work.quotes), default=-1)
    before: dict[int, ActorRef | None] = {}  # speakers of the sentence right before a quote
    seen: set[tuple] = set()
    for index, sentence in enumerate(work.sentences):
        doc = sentence.parsed
        if doc is None:
            discourse.observe(discourse.resolve_titles(sentence.mentions))
            if sentence.start < last_quote:
                _note_people(people, work, sentence)
            continue
        local = discourse.resolve_titles(_localise(sentence, doc))
        anaphors = discourse.resolve(doc, local)
        excluded = _quoted_tokens(doc, sentence.start, [q for q in work.quotes if not q.partial])
        coder = SentenceCoder(doc, local, anaphors, engine.lexicon, excluded)
        participants = []
        for raw in coder.events():
            participants += [raw.source] + ([raw.target] if raw.target else [])
            key = (raw.source.code, raw.target.code if raw.target else None, raw.code, index)
            if key not in seen:
                seen.add(key)
                events.append(_event(raw, article, sentence, index, engine))
        for number, quote in enumerate(work.quotes):
            if speakers.get(number) is None and is_near(quote, sentence.start, sentence.end, work.text):
                speaker = speakers[number] = find_speaker(doc, sentence.start, quote, coder, people,
                                                          work.quotes)
                if speaker is not None:
                    if speaker.country is None:
                        discourse.note_person(speaker)
                    people.note(speaker, named=speaker.name is not None, rank=SPEAKER)
            elif speakers.get(number) is None and number not in before and \
                    is_before(quote, sentence.start, sentence.end, work.text):
                before[number] = find_speaker(doc, sentence.start, quote, coder, people, work.quotes)
        discourse.observe(local, doc, participants)
        for person in _unknown_subjects(doc, local):
            discourse.note_person(person)
            people.note(person, named=True, rank=SUBJECT)
        if sentence.start < last_quote:
            _note_people(people, work, sentence)
    attribute_remaining(work.text, work.quotes, speakers)
    for number, speaker in before.items():  # the sentence before, when nothing else named one
        if speakers.get(number) is None:
            speakers[number] = speaker
    quotes = [Quote(article.text[q.start:q.end], q.start, q.end, speakers.get(number))
              for number, q in enumerate(work.quotes) if not q.partial or speakers.get(number) is not None]
    actors = tuple(_original_text(m.actor, article.text) for m in work.mentions)
    return CodedDocument(
        id=article.id, origin=article.origin, title=article.title, date=article.date, url=article.url,
        source=article.source, language=article.language, text=article.text, actors=actors,
        events=tuple(events), quotes=tuple(quotes),
    )


def _note_people(people: People, work: _Work, sentence: _Sentence) -> None:
    """Tell the quote speakers' register about the people a sentence names."""
    span = work.shallow.char_span(sentence.start, sentence.end) if work.shallow is not None else None
    if span is not None:
        note_people(people, span, sentence.mentions, SPEECH_FORMS)


def _unknown_subjects(doc: Doc, mentions: list[Mention]) -> list[ActorRef]:
    """Named subjects the dictionary does not know ("Brunner said"), so a later "she" finds them
    rather than the last known politician. They carry no country, so they never make events."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    # Read the labels as one array: most sentences have no proper-noun subject, and making a Token
    # for every word only to look at two labels cost more than the rest of this function.
    labels = doc.to_array([DEP, POS])
    hits = numpy.flatnonzero((labels[:, 0] == doc.vocab.strings["nsubj"]) & (labels[:, 1] == PROPN))
    for token in (doc[int(i)] for i in hits):
        if token.i not in covered:
            words = [t.text for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token.text]
            name = " ".join(words)
            found.append(ActorRef(text=name, name=name, country=None, role=None, code=None))
    return found


def _localise(sentence: _Sentence, doc: Doc) -> list[Mention]:
    """Re-anchor the sentence's mentions on the parsed sentence's tokens."""
    out = []
    for mention in sentence.mentions:
        span = doc.char_span(mention.actor.start - sentence.start, mention.actor.end - sentence.start,
                             alignment_mode="expand")
        if span is not None:
            out.append(replace(mention, start=span.start, end=span.end))
    return out


def _quoted_tokens(doc: Doc, offset: int, quotes: list[QuoteSpan]) -> range | None:
    """Token range of the first quotation inside a sentence (quoted words do not trigger events)."""
    size = text_length(doc)
    for quote in quotes:
        if quote.end <= offset or quote.start >= offset + size:
            continue  # not in this sentence
        span = doc.char_span(max(quote.start - offset, 0), min(quote.end - offset, size),
                             alignment_mode="expand")
        if span is not None and len(span):
            return range(span.start, span.end)
    return None


def _original_text(actor: Actor, text: str) -> Actor:
    """Actor text as written in the document (not the normalised copy)."""
    return replace(actor, text=text[actor.start:actor.end])


def _event(raw: RawEvent, article: Article, sentence: _Sentence, index: int, engine: Engine) -> Event:
    """Attach ids, dates, evidence, confidence and provenance to a RawEvent."""
    entry = lookup(raw.code)
    plover, mode = plover_of(raw.code, raw.modality)
    evidence = Evidence(article.text[sentence.start:sentence.end], sentence.start, sentence.end)
    key = "|".join([article.id, str(index), raw.trigger.text, str(raw.trigger.i), raw.code,
                    raw.source.code or "", raw.target.code if raw.target and raw.target.code else ""])
    return Event(
        event_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:20],
        date=article.date, source=_fix_ref(raw.source, sentence.start),
        target=_fix_ref(raw.target, sentence.start) if raw.target else None,
        symmetric=raw.symmetric, plover=plover, mode=mode, cameo=entry.code,
        quad_class=entry.quad_class, goldstein=entry.goldstein, modality=raw.modality,
        sectors=raw.sectors, evidence=evidence, confidence=_confidence(raw), coder=engine.coder,
        sentence_index=index, trigger=raw.trigger.text, rule=raw.rule,
    )


def _fix_ref(ref: ActorRef, offset: int) -> ActorRef:
    """An argument's phrase span, moved from the parsed sentence into the document's offsets."""
    if ref.start is None or ref.end is None:
        return ref
    return replace(ref, start=ref.start + offset, end=ref.end + offset)


def _confidence(raw: RawEvent) -> float:
    """A rough confidence: named actors and verbal triggers count for more than inferred ones."""
    score = 0.45 + 0.2 * raw.explicit + (0.1 if raw.trigger.pos_ == "VERB" else 0.0)
    if raw.target is None and not raw.symmetric:
        score -= 0.1
    return round(min(score, 0.95), 2)
