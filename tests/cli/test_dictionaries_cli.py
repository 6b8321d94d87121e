"""`--dictionary` on `code`, `ingest` and `eval`: extra PETRARCH dictionaries from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.cli import main
from realpolitik.errors import DICTIONARY_MISSING

DICTIONARIES = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "petrarch2-validation" \
    / "dictionaries"
needs_data = pytest.mark.skipif(not DICTIONARIES.is_dir(), reason=f"{DICTIONARIES} is missing")


def run(capsys, *args):
    """Exit code, stdout and stderr of ``realpolitik ARGS``."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main([str(a) for a in args])
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


def test_code_dictionary_missing_path_is_one_error_line(capsys, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Gondor and Arnor signed an agreement.", encoding="utf-8")
    code, _, err = run(capsys, "code", text, "--dictionary", tmp_path / "none.actors.txt")
    assert code == 1
    assert err.strip() == "Error: " + DICTIONARY_MISSING.format(path=tmp_path / "none.actors.txt")


@pytest.mark.slow
def test_code_with_an_extra_actor_file_codes_its_actors(capsys, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Gondor signed a defence agreement with Arnor.", encoding="utf-8")
    actors = tmp_path / "tolkien.actors.txt"
    actors.write_text("GONDOR_ [GON]\nARNOR_ [ARN]\nMORDOR [MOR 99-]\n", encoding="utf-8")
    code, out, err = run(capsys, "code", text, "--date", "2020-01-01", "--format", "jsonl",
                         "--dictionary", actors)
    assert code == 0
    assert f"{actors}:3: date '99' is neither YYMMDD nor YYYYMMDD" in err
    events = json.loads(out)["events"]
    assert [(e["source"]["country"], e["target"]["country"]) for e in events] == [("GON", "ARN")]
    code, out, _ = run(capsys, "code", text, "--format", "jsonl")
    assert json.loads(out)["events"] == []  # without the dictionary nobody is known


@pytest.mark.slow
def test_ingest_takes_dictionary(capsys, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Gondor signed a defence agreement with Arnor.", encoding="utf-8")
    actors = tmp_path / "tolkien.actors.txt"
    actors.write_text("GONDOR_ [GON]\nARNOR_ [ARN]\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    assert run(capsys, "ingest", text, "--db", db, "--dictionary", actors)[0] == 0
    code, out, _ = run(capsys, "events", "--db", db, "--dyad", "GON-ARN", "--format", "jsonl")
    assert code == 0 and len(out.strip().splitlines()) == 1


@pytest.mark.slow
@needs_data
def test_eval_petrarch2_says_which_dictionaries_it_used(capsys):
    data = DICTIONARIES.parents[1]
    code, out, _ = run(capsys, "eval", "petrarch2", "--data-dir", data)
    assert code == 0
    assert "petrarch2: coded with the extra dictionaries Phoenix.Countries.actors.txt" in out
    code, out, _ = run(capsys, "eval", "petrarch2", "--data-dir", data, "--no-dataset-dictionaries", "--json")
    assert code == 0 and json.loads(out)[0]["extra"]["dictionaries"] == []


@pytest.mark.slow
@needs_data
def test_eval_mode_minilm_runs_only_the_sets_that_have_it(capsys):
    code, out, _ = run(capsys, "eval", "petrarch2", "--data-dir", DICTIONARIES.parents[1], "--mode", "minilm")
    assert code == 1
    from realpolitik.cli.evaluate import _runs

    assert _runs(["petrarch2", "plv"], "minilm") == [("plv", "minilm")]
    assert _runs(["petrarch2"], "all") == [("petrarch2", "rules")]
    assert _runs(["plv", "conflibert"], "minilm-cv") == [("plv", "minilm-cv")]
