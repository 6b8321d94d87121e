"""Change detection over hand-made series tables (no store)."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from realpolitik.analytics import Shift, detect_shifts
from realpolitik.errors import ConfigError


def series(index: list[float | None], gold: list[float], group: str = "asserted") -> pa.Table:
    """A monthly series table from January 2025 with the two watched metrics."""
    return pa.Table.from_pylist([
        {"period_start": date(2025, month, 1), "modality_group": group,
         "coop_conflict_index": i, "goldstein_sum": g}
        for month, (i, g) in enumerate(zip(index, gold, strict=True), start=1)
    ])


def test_detect_shifts_flags_jump_over_floored_stdev():
    # Goldstein baseline [1, 2, 1]: mean 4/3, stdev 0.577 floored to 1.0; index flat at 1.0 (stdev
    # 0, floored to 0.1) then -1.0.
    shifts = detect_shifts(series([1.0, 1.0, 1.0, -1.0], [1.0, 2.0, 1.0, 10.0]))
    assert [(s.period, s.metric, s.direction) for s in shifts] == [
        (date(2025, 4, 1), "coop_conflict_index", "down"),
        (date(2025, 4, 1), "goldstein_sum", "up"),
    ]
    assert shifts[0].z == pytest.approx(-20.0) and shifts[0].baseline == 1.0
    assert shifts[1].z == pytest.approx(10.0 - 4 / 3)


def test_detect_shifts_needs_two_baseline_points():
    # Empty buckets have a null index: April's window [None, None, 1.0] is too thin to judge.
    shifts = detect_shifts(series([1.0, None, None, -1.0], [1.0, 0.0, 0.0, 1.0]))
    assert shifts == []


def test_detect_shifts_ignores_other_modalities():
    table = pa.concat_tables([series([1.0, 1.0, 1.0], [1.0, 1.0, 1.0]),
                              series([1.0, 1.0, -1.0], [1.0, 1.0, -50.0], group="other")])
    assert detect_shifts(table) == []


def test_detect_shifts_window_limits_the_baseline():
    gold = [100.0, 0.0, 0.0, 0.0]
    assert detect_shifts(series([None] * 4, gold), window=3) == []
    # With window 3 the January 100 keeps every baseline wide; with window 2, May sees [0, 0].
    assert detect_shifts(series([None] * 5, [*gold, 5.0]), window=2) == [
        Shift(date(2025, 5, 1), "goldstein_sum", 5.0, 0.0, 5.0, "up")]


def test_shift_to_dict_is_json_ready():
    shift = Shift(date(2025, 5, 1), "goldstein_sum", 5.0, 0.0, 5.0, "up")
    assert shift.to_dict() == {"period": "2025-05-01", "metric": "goldstein_sum", "value": 5.0,
                               "baseline": 0.0, "z": 5.0, "direction": "up"}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"window": 1}, "window 1 is too short"),
    ({"threshold": 0}, "threshold 0 is not a positive number"),
])
def test_detect_shifts_rejects_bad_options(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        detect_shifts(series([1.0], [1.0]), **kwargs)


def test_detect_shifts_names_missing_columns():
    table = pa.table({"period_start": [date(2025, 1, 1)], "modality_group": ["asserted"]})
    with pytest.raises(ConfigError, match="lacks the column\\(s\\) coop_conflict_index, goldstein_sum"):
        detect_shifts(table)
