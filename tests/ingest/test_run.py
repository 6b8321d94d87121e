"""A whole ingest run: counting inputs, resuming, every rejection stored, bounded memory, SIGKILL.

The run tests use the real `realpolitik` command in subprocesses, real files (a generated gzip bomb,
a 3 GB sparse file) and a real kill -9.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from realpolitik.api import InputOptions
from realpolitik.ingest.run import count_documents, ingest_paths
from realpolitik.store import Store

REALPOLITIK = str(Path(sys.executable).with_name("realpolitik"))
STORY = ("India and Japan agreed on Tuesday to expand cooperation on maritime security, officials "
         "in New Delhi said.")


def jsonl(path: Path, rows: list[object]) -> Path:
    """Write JSON lines (strings are written as they are)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def run_cli(*args: object, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``realpolitik ARGS`` to the end."""
    return subprocess.run([REALPOLITIK, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, check=False)


# -- counting ------------------------------------------------------------------------------------


def test_count_documents_counts_files_and_lines(tmp_path: Path) -> None:
    jsonl(tmp_path / "in" / "a.jsonl", [{"text": "a"}, {"text": "b"}, "not json"])
    (tmp_path / "in" / "b.txt").write_text("one document", encoding="utf-8")
    (tmp_path / "in" / "c.jsonl").write_bytes(b'{"text": "no final newline"}')
    assert count_documents([str(tmp_path / "in"), str(tmp_path / "missing")]) == 5


@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.json"])
def test_count_documents_unknown_without_decoding(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(gzip.compress(b"{}\n") if name.endswith(".gz") else b"[]")
    assert count_documents([str(tmp_path / name)]) is None
    assert count_documents(["-"]) is None


# -- resuming and rejections (in-process, real model) --------------------------------------------


@pytest.mark.slow
def test_ingest_paths_does_not_code_stored_documents_again(tmp_path: Path, engine) -> None:
    source = jsonl(tmp_path / "news.jsonl", [{"id": f"n{i}", "text": f"{STORY} Report {i}."}
                                             for i in range(5)])
    with Store.open(tmp_path / "s.duckdb") as store:
        first = ingest_paths([str(source)], store, engine=engine)
        before = store.info()["counts"]
        copy = jsonl(tmp_path / "copy.jsonl", [{"id": "other", "text": f"{STORY}  report 3."}])
        second = ingest_paths([str(source), str(copy)], store, engine=engine)
        assert (first.stored, first.skipped) == (5, 0)
        assert (second.read, second.stored, second.duplicates, second.skipped) == (6, 0, 6, 6)
        counts = store.info()["counts"]
    assert counts == {**before, "document_copies": before["document_copies"] + 1}


def hostile_inputs(folder: Path) -> dict[str, str]:
    """Write one input per rejection reason; return {reason: a piece of the stored detail}."""
    folder.mkdir(parents=True)
    (folder / "empty.txt").write_bytes(b"  \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK" * 100)
    (folder / "latin1.txt").write_bytes("Le président a visité l'Inde.".encode("latin-1"))
    (folder / "big.txt").write_bytes(b"word " * 60_000)
    (folder / "french.txt").write_text(
        "Le président de la République a reçu hier à Paris le premier ministre de l'Inde pour des "
        "entretiens sur la coopération dans le domaine de la défense et de l'énergie.", "utf-8")
    (folder / "blob.txt").write_text("x" * 150_000 + "\n", "utf-8")
    jsonl(folder / "feed.jsonl", ["{not json", {"title": "no text"}, {"text": STORY, "date": "2025-13-45"},
                                  {"text": STORY, "id": "good"}])
    (folder / "cut.jsonl.gz").write_bytes(gzip.compress(b"\n" * 5_000)[:-12])
    return {"empty": "has no text to code", "binary": "binary", "encoding": "not valid UTF-8",
            "too_large": "over the limit of 200,000", "not_english": "does not read as English",
            "long_line": "has a line of 150,000 characters", "malformed_json": "is not valid JSON",
            "missing_text": "has no `text` field", "bad_date": "2025-13-45",
            "decompression_error": "the compressed data is damaged", "not_found": "No such file"}


@pytest.mark.slow
def test_ingest_paths_stores_every_rejection_with_its_reason(tmp_path: Path, engine) -> None:
    expected = hostile_inputs(tmp_path / "in")
    options = InputOptions(max_bytes=200_000)
    with Store.open(tmp_path / "s.duckdb") as store:
        report = ingest_paths([str(tmp_path / "in"), str(tmp_path / "nowhere")], store, options,
                              engine=engine)
        rows = store.rejections().to_pylist()
        stored = store.info()["counts"]["documents"]
    by_reason = {row["reason"]: row["detail"] for row in rows}
    assert set(by_reason) == set(expected), by_reason
    for reason, piece in expected.items():
        assert piece in by_reason[reason], (reason, by_reason[reason])
    assert dict(report.rejected) == {reason: 1 for reason in expected}
    assert stored == report.stored == 1  # the good line was coded and kept


# -- memory on hostile files (real CLI, peak RSS measured in a wrapper process) -------------------


PEAK_RSS = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, done.returncode)
"""


def peak_rss_mb(*args: object) -> tuple[int, int, str]:
    """Run ``realpolitik ARGS`` under a wrapper; return its peak RSS in MB, exit code and stderr."""
    done = subprocess.run([sys.executable, "-c", PEAK_RSS, REALPOLITIK, *map(str, args)],
                          capture_output=True, text=True, timeout=600, check=True)
    rss, code = done.stdout.split()
    return int(rss), int(code), done.stderr


def gzip_bomb(path: Path, gigabytes: float) -> Path:
    """A .jsonl.gz that expands to ``gigabytes`` of NUL bytes with no line break: gzip members of
    16 MB of zeros each, compressed once and repeated (a few MB on disk)."""
    member = gzip.compress(bytes(16 << 20), compresslevel=9)
    with path.open("wb") as handle:
        for _ in range(int(gigabytes * 1024 / 16)):
            handle.write(member)
    return path


@pytest.mark.slow
def test_ingest_memory_stays_bounded_on_bomb_and_huge_files(tmp_path: Path) -> None:
    small = jsonl(tmp_path / "small.jsonl", ["{not json"])
    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz", 2.1)
    huge_txt, huge_jsonl = tmp_path / "huge.txt", tmp_path / "huge.jsonl"
    for huge in (huge_txt, huge_jsonl):
        with huge.open("wb") as handle:
            handle.truncate(5 << 29)  # 2.5 GB, sparse: no disk used
    db = tmp_path / "s.duckdb"
    baseline, _, _ = peak_rss_mb("ingest", small, "--db", db, "--quiet")
    peak, code, err = peak_rss_mb("ingest", bomb, huge_txt, huge_jsonl, "--db", db)
    assert code == 2, err
    assert bomb.stat().st_size < 20 << 20
    # Reading 2 GB of a bomb and 4 GB of huge files costs at most a few buffers of 5 MB.
    assert peak < baseline + 100, (baseline, peak)
    with Store.open(db) as store:
        reasons = {(row["origin"].split(":")[0], row["reason"]) for row in store.rejections().to_pylist()}
    assert (str(bomb), "decompression_limit") in reasons
    assert (str(huge_txt), "too_large") in reasons
    assert (str(huge_jsonl), "decompression_limit") in reasons or (str(huge_jsonl), "too_large") in reasons


def test_gzip_bomb_is_small_on_disk_and_large_inside(tmp_path: Path) -> None:
    bomb = gzip_bomb(tmp_path / "b.gz", 0.0625)
    inflated = 0
    with gzip.open(bomb, "rb") as handle:
        while chunk := handle.read(1 << 22):
            inflated += len(chunk)
    assert inflated == 64 << 20 and bomb.stat().st_size < 1 << 20


# -- SIGKILL in the middle of a run ----------------------------------------------------------------


def many_documents(path: Path, count: int) -> list[str]:
    """A JSONL of ``count`` short, different documents, every fifth one with events; their ids."""
    pairs = [("India", "Russia"), ("Japan", "China"), ("France", "Germany"), ("Brazil", "Argentina")]
    rows = []
    for i in range(count):
        a, b = pairs[i % len(pairs)]
        text = (f"{a} and {b} signed a trade agreement in round {i}." if i % 5 == 0
                else f"Bulletin {i}: the weather in district {i * 7 % 101} stayed mild all week.")
        rows.append({"id": f"doc-{i:05d}", "text": text, "date": "2025-03-01", "source": f"s{i % 3}"})
    jsonl(path, rows)
    return [row["id"] for row in rows]


def summary_value(err: str, name: str) -> int:
    """One number of the summary table `ingest` prints on stderr."""
    for line in err.splitlines():
        cells = [cell.strip() for cell in line.strip("│ ").split("│")]
        if len(cells) == 2 and cells[0] == name:
            return int(cells[1])
    raise AssertionError(f"no {name!r} in the summary:\n{err}")


def wait_for_first_commit(process: subprocess.Popen, wal: Path, db: Path, timeout: float) -> None:
    """Wait until the writer has committed a batch (its write-ahead log has content)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if (wal.exists() and wal.stat().st_size > 0) or db.stat().st_size > 1 << 20:
            return
        time.sleep(0.02)
    raise AssertionError(f"no batch was committed in {timeout} s (exit {process.poll()})")


@pytest.mark.slow
@pytest.mark.issue(5)
def test_ingest_killed_with_sigkill_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    source = tmp_path / "many.jsonl"
    ids = many_documents(source, 3000)
    db = tmp_path / "kill.duckdb"
    with Store.open(db):
        pass  # create the file, so its size can be watched
    first = subprocess.Popen([REALPOLITIK, "ingest", str(source), "--db", str(db), "--quiet"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_first_commit(first, Path(f"{db}.wal"), db, timeout=240)
        time.sleep(0.3)  # into the next batches, likely mid-transaction
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.wait(timeout=60)
    assert first.returncode == -signal.SIGKILL
    with duckdb.connect(str(db)) as conn:  # the write-ahead log is replayed here
        partial = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < partial < len(ids), partial

    second = run_cli("ingest", source, "--db", db)
    assert second.returncode == 0, second.stderr
    assert summary_value(second.stderr, "already stored, not coded again") == partial
    assert summary_value(second.stderr, "stored") == len(ids) - partial
    with duckdb.connect(str(db)) as conn:
        stored = conn.execute("SELECT id, count(*) FROM documents GROUP BY id").fetchall()
        events = conn.execute("SELECT doc_id, sentence_index, event_key, count(*) FROM events "
                              "GROUP BY ALL HAVING count(*) > 1").fetchall()
        n_events = conn.execute("SELECT sum(n_events), (SELECT count(*) FROM events), "
                                "(SELECT count(DISTINCT event_id) FROM events) FROM documents").fetchone()
        copies = conn.execute("SELECT count(*), count(DISTINCT doc_id) FROM document_copies").fetchone()
    assert sorted(doc_id for doc_id, _ in stored) == ids
    assert {count for _, count in stored} == {1}
    assert events == []
    assert n_events[0] == n_events[1] == n_events[2] and n_events[0] >= len(ids) // 5
    assert copies == (len(ids), len(ids))

    third = run_cli("ingest", source, "--db", db, "--quiet")
    assert (third.returncode, third.stdout, third.stderr) == (0, "", "")
    with duckdb.connect(str(db)) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(ids)
