"""Change detection over a dyad series: flag periods that break from the recent past (issue #4).

Pure Python over the rows of ``dyad_series``: no store access. Only the asserted group is watched;
hedged and hypothetical talk does not move a relationship. For each period and metric the
*baseline* is the mean of the metric over the ``window`` periods just before it (calendar periods:
the asserted series is zero-filled, so these are consecutive buckets), ignoring nulls, and

    z = (value - baseline) / max(stdev, MIN_STD[metric])

with the sample standard deviation of those values. A period is flagged when ``|z| > threshold``.
Rules for thin history: a period whose trailing window holds fewer than ``MIN_BASELINE_POINTS``
non-null values is never flagged (too little to compare against), and a period whose own value is
null (an empty bucket's index) is neither flagged nor used as a baseline point. The floor on the
standard deviation keeps z finite after a flat run (say three zero-filled months followed by one
event) and stops trivial wiggles from counting as shifts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from statistics import fmean, stdev
from typing import Any

import pyarrow as pa

from realpolitik.analytics._sql import ASSERTED
from realpolitik.errors import ConfigError

SHIFT_METRICS = ("coop_conflict_index", "goldstein_sum")
MIN_BASELINE_POINTS = 2  # a standard deviation needs two values
# Not tuned on data: the smallest move worth a flag at the default threshold of 2 is twice these,
# i.e. 0.2 on the [-1, 1] index (one event in five changing sides) and 2 Goldstein points (two
# consultations, CAMEO 040 at +1 each).
MIN_STD = {"coop_conflict_index": 0.1, "goldstein_sum": 1.0}
DEFAULT_WINDOW = 3
DEFAULT_THRESHOLD = 2.0

BAD_WINDOW = ("window {value!r} is too short to compare against. Use a whole number of periods, "
              "at least {least}, e.g. 3.")
BAD_THRESHOLD = "threshold {value!r} is not a positive number of standard deviations, e.g. 2.0."
MISSING_COLUMNS = ("The series lacks the column(s) {missing}. Pass the table dyad_series returns.")


@dataclass(frozen=True)
class Shift:
    """One flagged period.

    Attributes:
        period: The first day of the flagged period.
        metric: ``coop_conflict_index`` or ``goldstein_sum``.
        value: The metric in that period.
        baseline: Its mean over the trailing window.
        z: Standard deviations (floored, see the module docstring) from the baseline.
        direction: ``"up"`` (more cooperative / higher) or ``"down"``.
    """

    period: date
    metric: str
    value: float
    baseline: float
    z: float
    direction: str

    def to_dict(self) -> dict[str, Any]:
        """Return the shift as JSON-ready values (the period as YYYY-MM-DD)."""
        return {**asdict(self), "period": self.period.isoformat()}


def detect_shifts(series: pa.Table, window: int = DEFAULT_WINDOW,
                  threshold: float = DEFAULT_THRESHOLD) -> list[Shift]:
    """Flag periods where the asserted index or Goldstein sum leaves its trailing baseline.

    Args:
        series: A table from ``dyad_series`` (period_start, modality_group and the metrics).
        window: How many preceding periods form the baseline (at least 2).
        threshold: How many (floored) standard deviations from the baseline count as a shift.

    Returns:
        The shifts, by period, index before Goldstein sum within a period.

    Raises:
        ConfigError: If ``window`` or ``threshold`` is out of range, or columns are missing.
    """
    if isinstance(window, bool) or not isinstance(window, int) or window < MIN_BASELINE_POINTS:
        raise ConfigError(BAD_WINDOW.format(value=window, least=MIN_BASELINE_POINTS))
    if not threshold > 0:
        raise ConfigError(BAD_THRESHOLD.format(value=threshold))
    missing = sorted({"period_start", "modality_group", *SHIFT_METRICS} - set(series.column_names))
    if missing:
        raise ConfigError(MISSING_COLUMNS.format(missing=", ".join(missing)))
    rows = sorted((row for row in series.to_pylist() if row["modality_group"] == ASSERTED),
                  key=lambda row: row["period_start"])
    shifts = []
    for i, row in enumerate(rows):
        for metric in SHIFT_METRICS:
            trailing = [r[metric] for r in rows[max(0, i - window):i] if r[metric] is not None]
            shift = _shift(row["period_start"], metric, row[metric], trailing, threshold)
            if shift is not None:
                shifts.append(shift)
    return shifts


def _shift(period: date, metric: str, value: float | None, trailing: list[float],
           threshold: float) -> Shift | None:
    """The shift at one period and metric, or None when there is none (or too little history)."""
    if value is None or len(trailing) < MIN_BASELINE_POINTS:
        return None
    baseline = fmean(trailing)
    z = (value - baseline) / max(stdev(trailing), MIN_STD[metric])
    if abs(z) <= threshold:
        return None
    return Shift(period, metric, float(value), baseline, z, "up" if z > 0 else "down")
