"""`realpolitik trends` on a real store built from the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.cli import main

SEED = Path(__file__).resolve().parents[2] / "sample" / "putin-india-visit.txt"


def run(capsys, *args):
    """Run the CLI; return (exit status, stdout)."""
    with pytest.raises(SystemExit) as done:
        main(list(args))
    return done.value.code, capsys.readouterr().out


@pytest.mark.slow
def test_trends_json_series_and_reactions(capsys, tmp_path):
    db = str(tmp_path / "t.duckdb")
    assert run(capsys, "ingest", str(SEED), "--date", "2025-12-05", "--db", db)[0] == 0
    status, text = run(capsys, "trends", "IND", "RUS", "--db", db, "--json")
    assert status == 0
    data = json.loads(text)
    asserted = [r for r in data["series"] if r["modality_group"] == "asserted"]
    assert asserted and asserted[0]["events"] >= 5 and asserted[0]["coop_conflict_index"] == 1.0
    assert {r["sector"] for r in data["sectors"]} >= {"defence", "energy", "security"}
    assert any(r["reactor"] == "USA" and r["toward"] == "IND" for r in data["reactions"])


def test_trends_same_side_twice_exits_1(capsys, tmp_path):
    with pytest.raises(SystemExit) as done:
        main(["trends", "IND", "ind", "--db", str(tmp_path / "t.duckdb")])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "Error:" in err and "Traceback" not in err
