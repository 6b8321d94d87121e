"""The `import-gdelt` command and `export --format gdelt|plover`: exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realpolitik.cli import main
from realpolitik.cli.query import EVENTS_ONLY, NOT_PARTITIONED
from realpolitik.models import ActorRef, CodedDocument, Event, Evidence
from realpolitik.store import Store
from realpolitik.store.gdelt import GDELT_FILE_MISSING

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "gdelt-sample"
FIRST_FILE = SAMPLE / "events" / "20150218230000.export.CSV"
EVENT = Event(
    event_id="0123456789abcdef0123", date="2024-12-05",
    source=ActorRef("Moscow", "Russia", "RUS", "GOV", "RUSGOV"),
    target=ActorRef("India", "India", "IND", None, "IND"), symmetric=False, plover="CONSULT",
    mode="visit", cameo="042", quad_class=1, goldstein=1.9, modality="asserted",
    sectors=("diplomacy",), evidence=Evidence("Putin visited India.", 0, 20), confidence=0.9,
    coder="test.coder.v1",
)


def run_cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """Run ``realpolitik ARGS``; return the exit code, stdout and stderr."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


@pytest.mark.skipif(not FIRST_FILE.is_file(), reason=f"GDELT sample missing at {FIRST_FILE}")
def test_import_gdelt_cli_imports_then_skips(capsys, db_path: Path) -> None:
    code, out, _ = run_cli(capsys, "import-gdelt", FIRST_FILE, "--db", db_path)
    assert code == 0 and "2271" in out
    code, out, _ = run_cli(capsys, "import-gdelt", FIRST_FILE, "--db", db_path)
    assert code == 0
    with Store.open(db_path) as store:
        assert store.conn.sql("SELECT count(*) FROM gdelt_events").fetchall() == [(2271,)]


def test_import_gdelt_cli_malformed_rows_exit_2(capsys, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.export.CSV"
    path.write_text("not\ta\tgdelt\trow\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "import-gdelt", path, "--db", db_path)
    assert code == 2 and "bad.export.CSV" in out


def test_import_gdelt_cli_missing_file_exit_1(capsys, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "nope.export.CSV"
    code, _, err = run_cli(capsys, "import-gdelt", path, "--db", db_path)
    assert code == 1
    assert f"Error: {GDELT_FILE_MISSING.format(path=path)}" in err
    assert not db_path.exists()  # nothing opened or created


@pytest.mark.parametrize(("fmt", "default_name"), [("gdelt", "events.gdelt.tsv"),
                                                    ("plover", "events.plover.jsonl")])
def test_export_cli_event_formats(capsys, db_path: Path, tmp_path: Path, monkeypatch,
                                  fmt: str, default_name: str) -> None:
    with Store.open(db_path) as store:
        store.save(CodedDocument(id="d1", origin="d1.txt", date="2024-12-05", events=(EVENT,)))
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "export", "--format", fmt, "--db", db_path)
    assert code == 0 and f"Wrote 1 rows of events to {default_name}" in out
    line = (tmp_path / default_name).read_text(encoding="utf-8").rstrip("\n")
    if fmt == "gdelt":
        assert len(line.split("\t")) == 61
    else:
        assert json.loads(line)["event"] == ["CONSULT"]


@pytest.mark.parametrize("fmt", ["gdelt", "plover"])
def test_export_cli_event_format_rejects_other_tables(capsys, db_path: Path, fmt: str) -> None:
    code, _, err = run_cli(capsys, "export", "--format", fmt, "--table", "documents", "--db", db_path)
    assert code == 1
    assert f"Error: {EVENTS_ONLY.format(fmt=fmt, table='documents')}" in err


def test_export_cli_event_format_rejects_partitioned(capsys, db_path: Path) -> None:
    code, _, err = run_cli(capsys, "export", "--format", "gdelt", "--partitioned", "--db", db_path)
    assert code == 1
    assert f"Error: {NOT_PARTITIONED.format(fmt='gdelt')}" in err
