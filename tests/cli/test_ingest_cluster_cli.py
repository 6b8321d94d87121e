"""`realpolitik ingest --workers/--scheduler`: option errors are one line and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.cli import main

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "sample" / "putin-india-visit.txt"


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    """Exit code and stderr of one CLI run."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main([str(arg) for arg in args])
    return done.value.code, capsys.readouterr().err


@pytest.mark.parametrize(("flags", "message"), [
    (["--workers", "0"], "Error: --workers 0 is not a count of workers. Use a whole number of at least 1."),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"],
     "Error: --workers starts a local cluster and --scheduler uses an existing one; "
     "give one of them, not both."),
])
def test_ingest_cluster_options_are_checked_first(capsys, tmp_path: Path, flags: list[str], message: str):
    code, err = _run(capsys, "ingest", SEED, "--db", tmp_path / "x.duckdb", *flags)
    assert code == 1 and " ".join(err.split()) == message
    assert not (tmp_path / "x.duckdb").exists()


def test_ingest_unreachable_scheduler_is_one_error_line(capsys, tmp_path: Path):
    code, err = _run(capsys, "ingest", SEED, "--db", tmp_path / "x.duckdb", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 1
    assert " ".join(err.split()).startswith("Error: Cannot reach the Dask scheduler at tcp://127.0.0.1:9:")
    assert "Traceback" not in err


@pytest.mark.slow
def test_ingest_workers_stores_what_ingest_stores(capsys, tmp_path: Path):
    import duckdb

    for name, flags in (("one", []), ("many", ["--workers", "1", "--staging", tmp_path / "staged"])):
        code, _ = _run(capsys, "ingest", SEED, "--date", "2025-12-05", "--db", tmp_path / f"{name}.duckdb",
                       *flags)
        assert code == 0
    rows = {}
    for name in ("one", "many"):
        conn = duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True)
        rows[name] = conn.execute("SELECT * FROM events ORDER BY event_id").fetchall()
        conn.close()
    assert rows["many"] == rows["one"] and len(rows["one"]) >= 5
    assert list((tmp_path / "staged" / "events").glob("year=2025/shard-000000.parquet"))
