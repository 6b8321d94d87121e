"""PLOVER Gold Standard Records: the CAMEO manual's example sentences, recoded into PLOVER.

322 sentences, one event each, with source and target actors (ISO3 codes, ``IGO``, ``NGO`` ...). The
file uses PLOVER 0.5 category names; they are mapped to the 2021 ontology we code in, as the dataset's
SOURCE.md says. Sentences are prototypical textbook examples, so expect better figures than on news.

Scoring is per sentence: our type is that of our first event; without one, that of the main act the
lenient sentence-level path finds (the code path of ``classify``), else ``NONE``. Actors are
compared as sets of country codes. A compound ``(SRC/TAR: ...)`` gold event (a joint event such as
"X and Y agreed") has every actor on both sides, so a symmetric event of ours between two of them
scores as the unordered dyad it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realpolitik.coding.relation import SentenceAct, classify_sentences
from realpolitik.evaluation.base import EvalResult, Metric, Miss, Timer, accuracy, confusion, macro_f1, prf
from realpolitik.models import ActorRef, CodedDocument, Event, RawDocument
from realpolitik.pipeline import Engine, process

RECORDS_FILE = "PLOVER_GSR_CAMEO.json"
NO_EVENT = "NONE"
# PLOVER 0.5 names -> PLOVER 2021 (CAMEO2PLOVER-2021.txt; the manual folds FIGHT into ASSAULT and
# DISAPPROVE/INVESTIGATE into ACCUSE as modes). Other names are the same in both.
CATEGORY_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Non-ISO country codes in the gold file (Japan, Italy, Vietnam), read as the ISO3 code meant.
GOLD_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
IGO = "IGO"  # the gold file codes every international organisation just "IGO"


@dataclass(frozen=True)
class Record:
    """One gold sentence: its PLOVER 2021 type and actor codes."""

    id: str
    text: str
    category: str
    sources: frozenset[str]
    targets: frozenset[str]
    compound: bool  # (SRC/TAR: ...) markup: every actor is on both sides


def _codes(actors: Any) -> frozenset[str]:
    """Gold actor codes of a source/target field (which may be "", None or junk)."""
    if not isinstance(actors, list):
        return frozenset()
    codes = (str(a.get("code") or "").strip().upper()[:3] for a in actors if isinstance(a, dict))
    return frozenset(GOLD_CODE_FIXES.get(code, code) for code in codes if code)


def _record(raw: dict[str, Any]) -> Record:
    """A gold record from its JSON object."""
    info = raw.get("textInfo")
    markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
    sources, targets = _codes(raw.get("source")), _codes(raw.get("target"))
    compound = "(SRC/TAR:" in markup and not targets
    if compound:
        sources = targets = sources | targets
    event = str(raw.get("event", "")).upper()
    return Record(id=str(raw.get("id", "")), text=" ".join(str(raw.get("text", "")).split()),
                  category=CATEGORY_MAP.get(event, event), sources=sources, targets=targets,
                  compound=compound)


def read_records(path: Path) -> list[Record]:
    """The gold sentences of PLOVER_GSR_CAMEO.json, without the DOCUMENT header record."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [_record(raw) for raw in data if raw.get("event") != "DOCUMENT"]


def actor_code(ref: ActorRef | None) -> str | None:
    """Our actor at the gold file's level: its country, "IGO" for organisations; None if unresolved."""
    if ref is None:
        return None
    code = ref.country or ref.code
    if code and code.startswith(IGO):
        return IGO
    return code[:3] if code else None


def predicted_sides(event: Event | None, record: Record) -> tuple[set[str], set[str]]:
    """Source and target country sets of our event, oriented against the gold record.

    A symmetric event has no direction: against a compound gold event both of its actors are on both
    sides; otherwise it is read in whichever direction agrees better with the gold.
    """
    if event is None:
        return set(), set()
    sources = {code for code in [actor_code(event.source)] if code}
    targets = {code for code in [actor_code(event.target)] if code}
    if event.symmetric:
        if record.compound:
            return sources | targets, sources | targets
        if _agreement(targets, sources, record) > _agreement(sources, targets, record):
            return targets, sources
    return sources, targets


def _agreement(sources: set[str], targets: set[str], record: Record) -> int:
    """How many actors sit on the same side as in the gold record."""
    return len(sources & record.sources) + len(targets & record.targets)


def _set_counts(gold: Iterable[frozenset[str]], predicted: Iterable[set[str]]) -> tuple[int, int, int]:
    """tp, fp, fn summed over sentences."""
    tp = fp = fn = 0
    for g, p in zip(gold, predicted, strict=True):
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    return tp, fp, fn


def _describe(events: Sequence[Event], fallback: SentenceAct | None = None) -> str:
    """Our events, for a miss; with none, the sentence-level type that stood in for them."""
    if not events and fallback and fallback.code:
        return f"{fallback.plover} (sentence level, no actors) [{fallback.code}]"
    parts = []
    for event in events:
        target = actor_code(event.target) if event.target else "(no target)"
        parts.append(f"{event.plover} {actor_code(event.source) or '?'}>{target or '?'} "
                     f"[{event.cameo}{' symmetric' if event.symmetric else ''}]")
    return "; ".join(parts) or NO_EVENT


def _gold_label(record: Record) -> str:
    """The gold event, for a miss."""
    sides = f"{'/'.join(sorted(record.sources)) or '?'}>{'/'.join(sorted(record.targets)) or '-'}"
    return f"{record.category} {sides}" + (" (compound)" if record.compound else "")


@dataclass
class _Scored:
    """Per-sentence predictions, in record order."""

    types: list[str]
    sources: list[set[str]]
    targets: list[set[str]]
    misses: list[Miss]


def _score(records: list[Record], docs: list[CodedDocument], fallback: dict[int, SentenceAct]) -> _Scored:
    """Our type and actor sets per sentence, and the misses.

    A sentence without an event between known actors takes the type of the lenient sentence-level
    path (``classify_sentences``) when it finds a trigger; its actor sets stay empty.
    """
    scored = _Scored([], [], [], [])
    for index, (record, doc) in enumerate(zip(records, docs, strict=True)):
        first = doc.events[0] if doc.events else None
        sources, targets = predicted_sides(first, record)
        act = fallback.get(index)
        kind = first.plover if first else (act and act.plover or NO_EVENT)
        scored.types.append(kind)
        scored.sources.append(sources)
        scored.targets.append(targets)
        if kind != record.category or sources != record.sources or targets != record.targets:
            scored.misses.append(Miss(item=record.text, gold=_gold_label(record),
                                      predicted=_describe(doc.events, act),
                                      rule="; ".join(e.rule for e in doc.events)))
    return scored


def _per_type_f1(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """F1 of each gold type (for the error analysis)."""
    return {label: round(macro_f1(gold, predicted, [label]), 4) for label in sorted(set(gold))}


def evaluate(folder: Path, engine: Engine) -> EvalResult:
    """Code every gold sentence and score the event type and the actors.

    Args:
        folder: the plover-gsr-cameo dataset folder.
        engine: the loaded engine.

    Returns:
        The figures, a miss for every sentence with a wrong type or actor set, and the confusion
        matrix (gold type -> our type -> count) in ``extra["confusion"]``.
    """
    # 1. read the gold sentences
    records = read_records(folder / RECORDS_FILE)
    # 2. code them (only this is timed). The file's date, 2000-01-01, is a placeholder, not the
    #    date of the event, so none is given: a wrong date would pick the wrong office holders.
    raws = [RawDocument(origin=r.id, content=r.text, id=r.id) for r in records]
    timer = Timer()
    with timer:
        docs = list(process(raws, engine))
        missing = [i for i, doc in enumerate(docs) if not doc.events]
        codes = classify_sentences([records[i].text for i in missing], engine)
        fallback = dict(zip(missing, codes, strict=True))
    # 3. score
    scored = _score(records, docs, fallback)
    gold_types = [r.category for r in records]
    source_f1 = prf(*_set_counts((r.sources for r in records), scored.sources))[2]
    target_f1 = prf(*_set_counts((r.targets for r in records), scored.targets))[2]
    metrics = [
        Metric("type_accuracy", accuracy(gold_types, scored.types)),
        Metric("type_macro_f1", macro_f1(gold_types, scored.types), note="over the gold PLOVER types"),
        Metric("source_country_f1", source_f1, note="set P/R/F1 over country codes (IGO as one code)"),
        Metric("target_country_f1", target_f1, note="compound SRC/TAR gold: both actors on both sides"),
        Metric("event_recall", sum(bool(d.events) for d in docs) / len(docs) if docs else 0.0,
               note="share of sentences where we produce any event"),
    ]
    extra = {"confusion": confusion(gold_types, scored.types),
             "per_type_f1": _per_type_f1(gold_types, scored.types),
             "compound_records": sum(r.compound for r in records),
             "rejected": sum(d.rejected is not None for d in docs)}
    return EvalResult("plover-gsr", len(records), metrics, scored.misses, timer.seconds, extra=extra)
