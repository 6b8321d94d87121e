"""`ingest`'s progress bar (only on a terminal) and its run summary (always on stderr, unless --quiet)."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rich.console import Console

from realpolitik.cli.progress import IngestProgress, summary_table
from realpolitik.ingest.run import IngestReport
from realpolitik.models import CodedDocument

REALPOLITIK = str(Path(sys.executable).with_name("realpolitik"))
SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "sample" / "corpus.jsonl"


def rendered(table) -> str:
    """A Rich renderable as plain text."""
    console = Console(record=True, width=100, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(table)
    console.file.close()
    return console.export_text()


def test_summary_table_lists_counts_reasons_and_speed() -> None:
    report = IngestReport(read=12, stored=7, duplicates=2, near_duplicates=1, skipped=2,
                          rejected=Counter({"empty": 1, "malformed_json": 1}), events=30,
                          elapsed=4.0)
    text = rendered(summary_table(report, "/data/x.duckdb"))
    rows = {cells[0]: cells[1] for line in text.splitlines()
            if len(cells := [c.strip() for c in line.strip("│ ").split("│")]) == 2}
    assert text.startswith("Ingested into /data/x.duckdb")
    assert rows == {"documents read": "12", "stored": "7", "duplicates": "2", "near-duplicates": "1",
                    "rejected": "2", "empty": "1", "malformed_json": "1", "events stored": "30",
                    "already stored, not coded again": "2", "elapsed": "4.0 s", "docs/s": "3.0"}


def test_progress_disabled_draws_nothing() -> None:
    console = Console(record=True, width=100, force_terminal=True, file=open(os.devnull, "w"))  # noqa: SIM115
    with IngestProgress(console, total=3, enabled=False) as progress:
        progress.advance(CodedDocument(id="a", origin="a"), IngestReport(read=1))
    console.file.close()
    assert console.export_text() == ""


def run_on_terminal(*args: object) -> tuple[int, str, str]:
    """Run ``realpolitik ARGS`` with stderr on a pseudo-terminal; return exit code, stdout, terminal."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160"}
    process = subprocess.Popen([REALPOLITIK, *map(str, args)], stdout=subprocess.PIPE,
                               stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    out, _ = process.communicate(timeout=120)
    terminal = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    return process.returncode, out.decode(), terminal


@pytest.mark.slow
def test_ingest_on_a_terminal_shows_progress_then_summary(tmp_path: Path) -> None:
    code, out, terminal = run_on_terminal("ingest", SAMPLE_CORPUS, "--db", tmp_path / "t.duckdb")
    assert code == 0, terminal
    assert out == ""
    assert "ingesting" in terminal and "docs/s" in terminal and "rejected 0" in terminal
    assert re.search(r"\d+/40", terminal), terminal  # the total was counted: an ETA can be shown
    assert "documents read" in terminal and "near-duplicates" in terminal


@pytest.mark.slow
def test_ingest_quiet_on_a_terminal_shows_nothing(tmp_path: Path) -> None:
    code, out, terminal = run_on_terminal("ingest", SAMPLE_CORPUS, "--db", tmp_path / "q.duckdb",
                                          "--quiet")
    assert (code, out, terminal.strip()) == (0, "", "")


@pytest.mark.slow
def test_ingest_piped_has_summary_but_no_progress(tmp_path: Path) -> None:
    done = subprocess.run([REALPOLITIK, "ingest", str(SAMPLE_CORPUS), "--db", str(tmp_path / "p.duckdb")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "ingesting" not in done.stderr and "documents read" in done.stderr
