"""What every evaluation returns, and the scoring arithmetic they share."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Metric:
    """One figure, with the target the project set for it and a published reference, if any."""

    name: str
    value: float
    target: float | None = None
    reference: float | None = None
    note: str = ""

    @property
    def meets_target(self) -> bool | None:
        """Whether the figure reaches its target (None when it has none)."""
        return None if self.target is None else self.value >= self.target


@dataclass(frozen=True)
class Miss:
    """One item the system got wrong: for error analysis."""

    item: str  # the sentence or document id
    gold: str
    predicted: str
    rule: str = ""  # which rule or model decided


@dataclass
class EvalResult:
    """The outcome of evaluating on one dataset."""

    dataset: str
    items: int
    metrics: list[Metric]
    misses: list[Miss] = field(default_factory=list)
    seconds: float = 0.0
    mode: str = "rules"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def items_per_second(self) -> float:
        """Throughput of the coding part of the evaluation."""
        return self.items / self.seconds if self.seconds else 0.0

    def metric(self, name: str) -> Metric:
        """The metric of that name."""
        return next(m for m in self.metrics if m.name == name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (misses left out; they go to --errors)."""
        return {
            "dataset": self.dataset, "items": self.items, "mode": self.mode,
            "seconds": round(self.seconds, 3), "items_per_second": round(self.items_per_second, 2),
            "metrics": {m.name: round(m.value, 4) for m in self.metrics},
            "targets": {m.name: m.target for m in self.metrics if m.target is not None},
            "references": {m.name: m.reference for m in self.metrics if m.reference is not None},
            "extra": self.extra,
        }

    def misses_as_dicts(self) -> list[dict[str, str]]:
        """The misses, for --errors."""
        return [{"dataset": self.dataset, **asdict(miss)} for miss in self.misses]


class Timer:
    """Measure the seconds spent inside a with-block (accumulating)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __enter__(self) -> Timer:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._start


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Share of items where the prediction equals the gold label."""
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def macro_f1(gold: Sequence[Hashable], predicted: Sequence[Hashable],
             labels: Iterable[Hashable] | None = None) -> float:
    """Unweighted mean of per-label F1 over the labels (by default, those in the gold data)."""
    labels = list(labels) if labels is not None else sorted(set(gold), key=str)
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        scores.append(prf(tp, fp, fn)[2])
    return sum(scores) / len(scores) if scores else 0.0


def confusion(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, dict[str, int]]:
    """Confusion counts: gold label -> predicted label -> count."""
    table: dict[str, Counter] = {}
    for g, p in zip(gold, predicted, strict=True):
        table.setdefault(str(g), Counter())[str(p)] += 1
    return {g: dict(counts) for g, counts in sorted(table.items())}
