"""ConfliBERT's CAMEO data: sentence PentaClass, and the source, target and reciprocal actor spans.

Data: ``conflibert-cameo-manual`` from eventdata/ConfliBERT (see the folder's SOURCE.md). Two parts:

- ``cameo_class/train.tsv``: ``sentence<TAB>label``, the PentaClass (0-4) of the sentence's event. Each
  sentence is coded on its own through ``pipeline.process``; the main event (the first of the highest
  confidence) gives a CAMEO root, which maps to a PentaClass (see PENTA_BY_ROOT). A sentence without
  events counts as 0.
- ``cameo_ner/train.txt``: CoNLL ``token tag`` lines with B/I-S (source), B/I-T (target) and B/I-R
  (reciprocal: an actor that is source and target at once). The tokens are joined with spaces, coded, and
  the first event's source and target are located in the tokens (both as R when the event is symmetric).
  Spans are scored at entity level, exactly (conlleval) and relaxed (sharing a token is enough).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from realpolitik.errors import ConfigError
from realpolitik.evaluation.base import (
    EvalResult,
    Metric,
    Miss,
    Timer,
    accuracy,
    confusion,
    macro_f1,
    prf,
)
from realpolitik.models import CodedDocument, Event, RawDocument
from realpolitik.nlp.sentences import normalise_typography
from realpolitik.pipeline import Engine, process

logger = logging.getLogger(__name__)

DATASET = "conflibert"
BATCH = 64  # sentences per call to process(); a failing batch is redone one sentence at a time
CLASS_FILE = Path("cameo_class") / "train.tsv"
NER_FILE = Path("cameo_ner") / "train.txt"
PENTA_LABELS = (0, 1, 2, 3, 4)
# PentaClass by two-digit CAMEO root: 01-02 statements and appeals (0), 03-05 verbal cooperation (1),
# 06-08 material cooperation (2), 09-13 and 16 verbal conflict (3), 14-15 and 17-20 material conflict (4).
# SOURCE.md guesses 05-08 for class 2 and 14-20 for class 4; the training labels say otherwise, and
# were checked verb by verb. 05 (diplomatic cooperation) is class 1: "praised" 3 of 3 sentences,
# "defended" 16 of 17, "signed an agreement" 14 of 22. 16 (reduce relations) is class 3: "imposed
# sanctions" 12 of 12, "suspended aid" 7 of 7, "expelled" 8 of 8, "cancel(led)" 9 of 9, "withdrew"
# 7 of 7. The rest agree with SOURCE.md ("called on" 0, "agreed" 1, "released" 2, "resigned" 2,
# "rejected" 3, "threatened" 3, "outlawed" 4, "killed" 4).
PENTA_BY_ROOT = {
    **dict.fromkeys(range(1, 3), 0), **dict.fromkeys(range(3, 6), 1), **dict.fromkeys(range(6, 9), 2),
    **dict.fromkeys(range(9, 14), 3), 14: 4, 15: 4, 16: 3, **dict.fromkeys(range(17, 21), 4),
}
NO_EVENT_CLASS = 0  # a sentence we find no event in is scored as a statement
SPAN_LABELS = ("S", "T", "R")
MODES = ("rules", "minilm")
PENTA_TARGET, PENTA_REFERENCE = 0.85, 0.879
SPAN_REFERENCE = 0.745
PENTA_NOTE = ("reference: fine-tuned ConfliBERT on the held-out test split (451 sentences); ours: rule "
              "coder on cameo_class/train (1,349)")
SPAN_NOTE = ("reference: fine-tuned ConfliBERT on the held-out test split; ours: rule coder's first event "
             "on cameo_ner/train")


@dataclass(frozen=True)
class Span:
    """An actor span over tokens: label S, T or R, tokens [start, end)."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Tagged:
    """One CoNLL sentence: its tokens and their tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def text(self) -> str:
        """The sentence, tokens joined with single spaces."""
        return " ".join(self.tokens)


def evaluate(folder: Path, engine: Engine, mode: str = "rules") -> EvalResult:
    """Score sentence PentaClass on cameo_class and actor spans on cameo_ner.

    Args:
        folder: the ``conflibert-cameo-manual`` folder.
        engine: the loaded pipeline to code with.
        mode: ``rules`` (the coder), or ``minilm``: the packaged trained classifier names each
            sentence's main act (PentaClass metrics only; actor spans come from the coder).

    Returns:
        ``penta_macro_f1``, ``penta_accuracy``, ``span_precision``, ``span_recall``, ``span_f1`` and
        ``span_f1_relaxed``; items count the sentences of both parts.

    Raises:
        ConfigError: a data file is missing or malformed.
    """
    classed = read_classes(folder / CLASS_FILE)
    if mode == "minilm":
        return _evaluate_with_model(classed)
    tagged = read_conll(folder / NER_FILE)
    timer = Timer()
    with timer:
        class_docs, class_errors = _code_texts((sentence for sentence, _ in classed), "class", engine)
        span_docs, span_errors = _code_texts((sentence.text for sentence in tagged), "ner", engine)
        fallback = _lenient_codes(classed, class_docs, engine)
    penta_metrics, penta_extra, penta_misses = score_penta(classed, class_docs, fallback)
    span_metrics, span_extra, span_misses = score_spans(tagged, span_docs)
    extra = {"penta_items": len(classed), "span_items": len(tagged), **penta_extra, **span_extra,
             "coding_errors": class_errors + span_errors}
    return EvalResult(DATASET, len(classed) + len(tagged), penta_metrics + span_metrics,
                      penta_misses + span_misses, timer.seconds, extra=extra)


def _evaluate_with_model(classed: Sequence[tuple[str, int]]) -> EvalResult:
    """PentaClass of each sentence from the trained classifier's label."""
    from realpolitik.ml.predict import classify_sentences_with_model
    from realpolitik.ml.relation import load_model

    timer = Timer()
    with timer:
        answers = list(classify_sentences_with_model([sentence for sentence, _ in classed], load_model()))
    gold = [label for _, label in classed]
    predicted = [penta_class(root) for root, _ in answers]
    misses = [Miss(sentence, str(label), str(guess), f"minilm cameo={root} p={p:.2f}")
              for (sentence, label), guess, (root, p) in zip(classed, predicted, answers, strict=True)
              if guess != label]
    note = PENTA_NOTE.replace("rule coder", "trained classifier (minilm)")
    metrics, extra = penta_figures(gold, predicted, note)
    extra = {"penta_items": len(classed), **extra}
    return EvalResult(DATASET, len(classed), metrics, misses, timer.seconds, mode="minilm", extra=extra)


# --- reading -------------------------------------------------------------------------------------------


def read_classes(path: Path) -> list[tuple[str, int]]:
    """The (sentence, PentaClass) rows of cameo_class.

    Raises:
        ConfigError: the file is missing or a row is not ``sentence<TAB>0-4``.
    """
    rows = []
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        sentence, _, label = line.rpartition("\t")
        if not sentence or label.strip() not in {str(k) for k in PENTA_LABELS}:
            raise ConfigError(f"{path}:{number} is not 'sentence<TAB>label' with a label 0-4; "
                              "is this ConfliBERT's cameo_class file?")
        rows.append((sentence, int(label)))
    return rows


def read_conll(path: Path) -> list[Tagged]:
    """The sentences of a CoNLL file of ``token tag`` lines, blank lines between sentences.

    Raises:
        ConfigError: the file is missing or a line is not ``token tag``.
    """
    sentences: list[Tagged] = []
    tokens: list[str] = []
    tags: list[str] = []
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            if tokens:
                sentences.append(Tagged(tuple(tokens), tuple(tags)))
                tokens, tags = [], []
            continue
        token, _, tag = line.strip().rpartition(" ")
        if not token or not tag:
            raise ConfigError(f"{path}:{number} is not 'token tag'; is this ConfliBERT's cameo_ner file?")
        tokens.append(token)
        tags.append(tag)
    if tokens:
        sentences.append(Tagged(tuple(tokens), tuple(tags)))
    return sentences


def _read_lines(path: Path) -> list[str]:
    """The lines of a data file (universal newlines: the class file has CRLF endings)."""
    if not path.is_file():
        raise ConfigError(f"{path} does not exist. The ConfliBERT folder should hold "
                          f"{CLASS_FILE} and {NER_FILE}; see its SOURCE.md.")
    return path.read_text(encoding="utf-8").splitlines()


# --- coding --------------------------------------------------------------------------------------------


def _code_texts(texts: Iterable[str], part: str, engine: Engine) -> tuple[list[CodedDocument], list[str]]:
    """Code each text as a document of its own, undated; also return the errors of texts that crashed.

    The coder should never raise on one sentence, but an evaluation must not end on one that does:
    a batch that fails is coded again text by text, and each failing text is scored as eventless.
    """
    raws = [RawDocument(origin=f"conflibert:{part}:{n}", content=text, id=f"{part}-{n}")
            for n, text in enumerate(texts, start=1)]
    docs: list[CodedDocument] = []
    errors: list[str] = []
    for first in range(0, len(raws), BATCH):
        chunk = raws[first:first + BATCH]
        try:
            coded = list(process(chunk, engine))  # whole, so a crash leaves nothing half-added
        except Exception:
            coded = [_code_alone(raw, engine, errors) for raw in chunk]
        docs.extend(coded)
    return docs, errors


def _code_alone(raw: RawDocument, engine: Engine, errors: list[str]) -> CodedDocument:
    """Code one text; on a crash, note it and return the document without events."""
    try:
        return next(iter(process([raw], engine)))
    except Exception as error:
        logger.warning("coding %s failed: %r", raw.origin, error)
        errors.append(f"{raw.origin}: {type(error).__name__}: {error}")
        return CodedDocument(id=raw.id or raw.origin, origin=raw.origin, text=str(raw.content))


def main_event(doc: CodedDocument) -> Event | None:
    """The first event of the highest confidence, if any."""
    return max(doc.events, key=lambda event: event.confidence) if doc.events else None


def penta_class(cameo: str) -> int:
    """The PentaClass (0-4) of a CAMEO code, from its two-digit root.

    Raises:
        ConfigError: the code's root is not a CAMEO root (01-20).
    """
    root = int(cameo[:2]) if cameo[:2].isdigit() else 0
    if root not in PENTA_BY_ROOT:
        raise ConfigError(f"CAMEO code {cameo!r} has no root 01-20, so it has no PentaClass; "
                          "check it against ontology.py.")
    return PENTA_BY_ROOT[root]


# --- PentaClass ----------------------------------------------------------------------------------------


def _lenient_codes(classed: Sequence[tuple[str, int]], docs: Sequence[CodedDocument], engine: Engine
                   ) -> dict[int, tuple[str | None, str]]:
    """For sentences where the coder found no event between known actors: the main act found by the
    lenient, sentence-level path (``classify_sentences``), by sentence index."""
    from realpolitik.coding.relation import classify_sentences

    missing = [i for i, doc in enumerate(docs) if main_event(doc) is None]
    codes = classify_sentences([classed[i][0] for i in missing], engine)
    return {i: (act.code, act.rule) for i, act in zip(missing, codes, strict=True)}


def score_penta(classed: Sequence[tuple[str, int]], docs: Sequence[CodedDocument],
                fallback: dict[int, tuple[str | None, str]] | None = None,
                ) -> tuple[list[Metric], dict, list[Miss]]:
    """PentaClass metrics, extras and misses of the coded cameo_class sentences.

    A sentence without an event between known actors takes the code of ``fallback`` (the lenient
    sentence-level path), else the statement class.
    """
    gold = [label for _, label in classed]
    predicted, misses = [], []
    no_event = 0
    fallback = fallback or {}
    for index, ((sentence, label), doc) in enumerate(zip(classed, docs, strict=True)):
        event = main_event(doc)
        code, rule = (event.cameo, event.rule) if event is not None else fallback.get(
            index, (None, "no_event"))
        no_event += code is None
        guess = penta_class(code) if code is not None else NO_EVENT_CLASS
        predicted.append(guess)
        if guess != label:
            misses.append(Miss(sentence, str(label), str(guess), f"penta {rule} cameo={code}"))
    metrics, figures = penta_figures(gold, predicted, PENTA_NOTE)
    extra = {"no_event": no_event, "rejected": sum(doc.rejected is not None for doc in docs), **figures}
    return metrics, extra, misses


def penta_figures(gold: Sequence[int], predicted: Sequence[int], note: str) -> tuple[list[Metric], dict]:
    """PentaClass macro-F1 and accuracy, with per-label F1 and the confusion matrix as extras."""
    metrics = [
        Metric("penta_macro_f1", macro_f1(gold, predicted, PENTA_LABELS), PENTA_TARGET, PENTA_REFERENCE,
               note),
        Metric("penta_accuracy", accuracy(gold, predicted), note=note),
    ]
    extra = {
        "penta_per_label_f1": {str(k): round(_label_f1(gold, predicted, k), 4) for k in PENTA_LABELS},
        "penta_confusion": confusion(gold, predicted),
    }
    return metrics, extra


def _label_f1(gold: Sequence[int], predicted: Sequence[int], label: int) -> float:
    """F1 of one label."""
    pairs = list(zip(gold, predicted, strict=True))
    tp = sum(g == label == p for g, p in pairs)
    fp = sum(g != label == p for g, p in pairs)
    fn = sum(g == label != p for g, p in pairs)
    return prf(tp, fp, fn)[2]


# --- spans ---------------------------------------------------------------------------------------------


def read_spans(tags: Sequence[str]) -> set[Span]:
    """Entity spans of a BIO tag sequence, conlleval-style: an I- tag after another type opens a span."""
    spans = set()
    label, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if label is not None and not (prefix == "I" and kind == label):
            spans.add(Span(label, start, i))
            label = None
        if prefix == "B" or (prefix == "I" and label is None):
            label, start = kind, i
    return spans


def event_spans(tokens: Sequence[str], event: Event | None, text: str | None = None
                ) -> tuple[set[Span], int]:
    """The token spans of an event's source and target, and how many of them could not be found.

    With the document ``text``, an actor is the noun phrase its ActorRef spans (``start``/``end``:
    "a Turkish court"), else the mention's own words ("Turkish court").
    """
    if event is None:
        return set(), 0
    sides = [(event.source, "S"), (event.target, "T")]
    spans: set[Span] = set()
    taken: set[int] = set()
    unlocated = 0
    for ref, label in sides:
        if ref is None:
            continue
        phrase = text[ref.start:ref.end] if text is not None and ref.start is not None else ref.text
        found = locate(tokens, phrase, taken)
        if found is None and phrase != ref.text:
            found = locate(tokens, ref.text, taken)
        if found is None:
            unlocated += 1
            continue
        spans.add(Span("R" if event.symmetric else label, *found))
        taken.update(range(*found))
    return spans, unlocated


def locate(tokens: Sequence[str], phrase: str, taken: Set[int] = frozenset()) -> tuple[int, int] | None:
    """Token range [start, end) of the first occurrence of a phrase that avoids the taken tokens.

    Matching is on characters of the space-joined sentence (after the pipeline's typography
    normalisation, case-insensitively), widened to whole tokens.
    """
    text = normalise_typography(" ".join(tokens)).lower()
    wanted = normalise_typography(phrase).lower().strip()
    if not wanted:
        return None
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    at = text.find(wanted)
    while at >= 0:
        first = max(i for i, s in enumerate(starts) if s <= at)
        last = max(i for i, s in enumerate(starts) if s < at + len(wanted))
        if not taken & set(range(first, last + 1)):
            return first, last + 1
        at = text.find(wanted, at + 1)
    return None


def span_counts(gold: set[Span], predicted: set[Span], relaxed: bool = False) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of one sentence's spans.

    Exact: same label and boundaries. Relaxed: same label and at least one shared token, each gold
    span matched at most once (greedily, in order).
    """
    if not relaxed:
        tp = len(gold & predicted)
        return tp, len(predicted) - tp, len(gold) - tp
    unmatched = sorted(gold, key=lambda s: (s.start, s.label))
    tp = 0
    for guess in sorted(predicted, key=lambda s: (s.start, s.label)):
        hit = next((g for g in unmatched if g.label == guess.label
                    and g.start < guess.end and guess.start < g.end), None)
        if hit is not None:
            unmatched.remove(hit)
            tp += 1
    return tp, len(predicted) - tp, len(gold) - tp


def span_prf(gold: Sequence[set[Span]], predicted: Sequence[set[Span]], relaxed: bool = False,
             labels: Iterable[str] = SPAN_LABELS) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over sentences, counting only spans with the given labels."""
    wanted = set(labels)
    totals = [0, 0, 0]
    for g, p in zip(gold, predicted, strict=True):
        kept_gold = {s for s in g if s.label in wanted}
        counts = span_counts(kept_gold, {s for s in p if s.label in wanted}, relaxed)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
    return prf(*totals)


def score_spans(tagged: Sequence[Tagged], docs: Sequence[CodedDocument],
                ) -> tuple[list[Metric], dict, list[Miss]]:
    """Span metrics, extras and misses of the coded cameo_ner sentences."""
    gold = [read_spans(sentence.tags) for sentence in tagged]
    predicted, misses = [], []
    unlocated = no_event = 0
    for sentence, doc, wanted in zip(tagged, docs, gold, strict=True):
        event = doc.events[0] if doc.events else None
        no_event += event is None
        found, lost = event_spans(sentence.tokens, event, doc.text)
        unlocated += lost
        predicted.append(found)
        if found != wanted:
            rule = f"spans {event.rule}" if event is not None else "spans no_event"
            misses.append(Miss(sentence.text, format_spans(sentence.tokens, wanted),
                               format_spans(sentence.tokens, found), rule))
    precision, recall, f1 = span_prf(gold, predicted)
    note = SPAN_NOTE
    metrics = [
        Metric("span_precision", precision, note=note),
        Metric("span_recall", recall, note=note),
        Metric("span_f1", f1, reference=SPAN_REFERENCE, note=note),
        Metric("span_f1_relaxed", span_prf(gold, predicted, relaxed=True)[2], note=note),
    ]
    per_label = {label: [round(x, 4) for x in span_prf(gold, predicted, labels=[label])]
                 for label in SPAN_LABELS}
    extra = {"span_no_event": no_event, "unlocated_actors": unlocated, "span_per_label_prf": per_label}
    return metrics, extra, misses


def format_spans(tokens: Sequence[str], spans: set[Span]) -> str:
    """Spans for a miss report: ``S[a car bomb] T[another ethnic Chechen]``, in sentence order."""
    ordered = sorted(spans, key=lambda s: (s.start, s.label))
    return " ".join(f"{s.label}[{' '.join(tokens[s.start:s.end])}]" for s in ordered) or "-"

