"""Relation classification for a marked pair of actors in a sentence (the PLV task).

The sentence is parsed and coded as usual, with the two marked spans standing in as the source and
target actors; the event that links them gives the answer. Without one, the nearest event touching
either side, then any event in the sentence, decide, with falling confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from realpolitik.coding.adjust import rejection_code
from realpolitik.coding.events import RawEvent, SentenceCoder
from realpolitik.coding.ontology import COOPERATIVE_ROOTS, lookup, plover_of
from realpolitik.errors import ConfigError
from realpolitik.models import Actor
from realpolitik.nlp.actors import Mention
from realpolitik.nlp.sentences import normalise_typography
from realpolitik.pipeline import Engine, default_engine

MARK = re.compile(r"</?[st]>")
FALLBACK = ("CONSULT", "040")


@dataclass(frozen=True)
class Pair:
    """One row to classify."""

    uid: str | int
    sentence: str
    source: str
    target: str
    marked: str | None = None


@dataclass(frozen=True)
class SentenceAct:
    """The main act of an unmarked sentence: its CAMEO code (None: no trigger), modality and rule."""

    code: str | None
    modality: str | None
    rule: str

    @property
    def plover(self) -> str | None:
        """The act's PLOVER type, as an event of that code and modality has it."""
        return plover_of(self.code, self.modality or "asserted")[0] if self.code else None


@dataclass(frozen=True)
class Relation:
    """The answer for one row."""

    uid: str | int
    plover: str
    cameo: str | None
    confidence: float
    rule: str

    def to_dict(self) -> dict:
        """The contract's output object."""
        return {"uid": self.uid, "plover": self.plover, "cameo": self.cameo, "confidence": self.confidence}


MODES = ("rules", "minilm")


def classify_pairs(pairs: Iterable[Pair], engine: Engine | None = None, mode: str = "rules",
                   model_dir: Path | None = None) -> Iterator[Relation]:
    """Classify each pair: with the rule coder (sentences parsed in batches) or the trained model.

    Args:
        pairs: the rows to classify.
        engine: the loaded pipeline for ``rules`` (default: the packaged one).
        mode: ``rules`` or ``minilm``.
        model_dir: a model folder from ``realpolitik train`` for ``minilm`` (default: the packaged model).

    Raises:
        ConfigError: an unknown mode, or ``minilm`` without its model or libraries.
    """
    if mode not in MODES:
        raise ConfigError(f"Unknown mode {mode!r}; choose one of: {', '.join(MODES)}.")
    if mode == "minilm":
        from realpolitik.ml.predict import classify_pairs_with_model
        from realpolitik.ml.relation import load_model

        yield from classify_pairs_with_model(pairs, load_model(model_dir))
        return
    engine = engine or default_engine()
    rows = list(pairs)
    prepared = [_prepare(pair) for pair in rows]
    docs = engine.nlp.pipe((normalise_typography(text) for text, _, _ in prepared), batch_size=128)
    for pair, (_, source_span, target_span), doc in zip(rows, prepared, docs, strict=True):
        yield _classify(pair, doc, source_span, target_span, engine)


def classify_sentences(sentences: Iterable[str], engine: Engine | None = None
                       ) -> Iterator[SentenceAct]:
    """The main act of each sentence: its CAMEO code, modality and the rule that found it.

    The sentence-level sibling of ``classify_pairs``: the coder runs leniently (an act counts even
    when its actors are not in the dictionary), and the most confident trigger wins.
    """
    engine = engine or default_engine()
    texts = [normalise_typography(text) for text in sentences]
    for doc in engine.nlp.pipe(texts, batch_size=128):
        mentions = engine.matcher.find(doc, None)
        events = list(SentenceCoder(doc, mentions, {}, engine.lexicon, lenient=True).events())
        if not events:
            yield SentenceAct(None, None, "no_trigger")
            continue
        best = max(events, key=lambda e: (e.explicit, e.trigger.pos_ == "VERB", -e.trigger.i))
        yield SentenceAct(best.code, best.modality, f"lenient:{best.rule}")


def _prepare(pair: Pair) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """The plain sentence and the character spans of source and target."""
    if pair.marked and "<s>" in pair.marked:
        return _unmark(pair.marked)
    return pair.sentence, _find(pair.sentence, pair.source), _find(pair.sentence, pair.target)


def _unmark(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """Strip <s>..</s> and <t>..</t>, remembering where they were."""
    text: list[str] = []
    spans: dict[str, tuple[int, int]] = {}  # tag letter -> (start, end) in the plain text
    opened: dict[str, int] = {}
    last = length = 0
    for match in MARK.finditer(marked):
        chunk = marked[last:match.start()]
        text.append(chunk)
        length += len(chunk)
        tag = match.group()
        if tag.startswith("</"):
            spans[tag[2]] = (opened.get(tag[2], 0), length)
        else:
            opened[tag[1]] = length
        last = match.end()
    text.append(marked[last:])
    return "".join(text), spans.get("s"), spans.get("t")


def _find(sentence: str, phrase: str) -> tuple[int, int] | None:
    """First occurrence of a phrase in the sentence."""
    at = sentence.find(phrase) if phrase else -1
    return (at, at + len(phrase)) if at >= 0 else None


def _classify(pair: Pair, doc, source_span, target_span, engine: Engine) -> Relation:
    """Code the sentence with the marked spans as actors and pick the linking event."""
    mentions = engine.matcher.find(doc, None)
    forced = []
    for code, span in (("SRC", source_span), ("TGT", target_span)):
        if span is None:
            continue
        tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
        if tokens is None or not len(tokens):
            continue
        actor = Actor(tokens.text, span[0], span[1], None, "group", code, None, code)
        forced.append(Mention(tokens.start, tokens.end, actor, True))
    taken = {i for m in forced for i in range(m.start, m.end)}
    mentions = [m for m in mentions if not any(i in taken for i in range(m.start, m.end))] + forced
    events = list(SentenceCoder(doc, mentions, {}, engine.lexicon, lenient=True).events())
    best = _best(events, [span for span in (source_span, target_span) if span is not None])
    if best is None:
        return Relation(pair.uid, FALLBACK[0], FALLBACK[1], 0.1, "fallback")
    event, confidence, rule = best
    code = event.code
    if event.modality == "negated" and code[:2] in COOPERATIVE_ROOTS:
        code, rule = rejection_code(code), rule + "+negated"  # "will not lift the ban" rejects
    plover, _ = plover_of(code, event.modality)
    return Relation(pair.uid, plover, lookup(code).code, confidence, f"{rule}:{event.rule}")


def _best(events: list[RawEvent], spans: list[tuple[int, int]]) -> tuple[RawEvent, float, str] | None:
    """The event that links the marked pair best; else the trigger nearest the marked actors."""
    def sides(event: RawEvent) -> set[str]:
        return {event.source.code or "", (event.target.code or "") if event.target else ""}

    for wanted, confidence, rule in ((({"SRC", "TGT"}), 0.8, "pair"), ({"SRC"}, 0.6, "source"),
                                     ({"TGT"}, 0.5, "target")):
        matching = [event for event in events if wanted <= sides(event)]
        if matching:
            # a call yields to the act it was made for ("called Morrison to congratulate him")
            return next((e for e in matching if "+call" in e.rule), matching[0]), confidence, rule
    if not events:
        return None

    def distance(event: RawEvent) -> int:
        at = event.trigger.idx
        return min((min(abs(at - start), abs(at - end)) for start, end in spans), default=0)

    return min(events, key=distance), 0.35, "nearest"
