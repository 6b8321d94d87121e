"""The quality gate's rule: floors only go up unless the commit says why."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

GATE = Path(__file__).resolve().parent / "eval_gate.py"


@pytest.fixture(scope="module")
def gate():
    """The gate script as a module."""
    spec = importlib.util.spec_from_file_location("eval_gate", GATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gate_lowered_floors_found(gate):
    previous = {"plv": {"accuracy": 0.6, "macro_f1": 0.5}}
    current = {"plv": {"accuracy": 0.55, "macro_f1": 0.5}}
    assert gate.lowered_floors(current, previous) == ["plv.accuracy: 0.6 -> 0.55"]


def test_gate_removed_floor_counts_as_lowered(gate):
    assert gate.lowered_floors({}, {"plv": {"accuracy": 0.6}}) == ["plv.accuracy: 0.6 -> None"]


def test_gate_raised_or_new_floors_pass(gate):
    previous = {"plv": {"accuracy": 0.6}}
    current = {"plv": {"accuracy": 0.7}, "polnear": {"speaker_f1": 0.5}}
    assert gate.lowered_floors(current, previous) == []


def test_gate_floors_file_is_valid(gate):
    import json

    floors = json.loads(gate.FLOORS.read_text(encoding="utf-8"))
    from realpolitik.evaluation import EVALUATORS, modes_of

    # a key is a dataset, or dataset@mode for a mode that dataset has (plv@minilm)
    for key in floors:
        name, _, mode = key.partition("@")
        assert name in EVALUATORS and (not mode or mode in modes_of(name)), key
    assert all(0.0 <= value <= 1.0 for metrics in floors.values() for value in metrics.values())
