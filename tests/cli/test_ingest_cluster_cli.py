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
