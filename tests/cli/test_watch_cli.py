"""`realpolitik watch` as a user runs it: a real subprocess polling a real local server whose feed
changes between polls, stopped with SIGINT or SIGTERM; and the quick in-process cases."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from realpolitik.cli import main
from realpolitik.errors import BAD_INTERVAL

REALPOLITIK = Path(sys.executable).with_name("realpolitik")


# Each entry's own story, so that dedup keeps them apart (the same text under three keys would be
# one document with copies).
OTHER_STORIES = {
    "a": "Brazil and Argentina opened talks in Buenos Aires on a new agreement for grain exports. ",
    "b": "Kenya asked the World Bank for emergency loans after floods destroyed roads near Mombasa. ",
    "c": "Canada expelled two Iranian diplomats over an alleged plot against dissidents in Toronto. ",
}


def rss(*keys: str) -> str:
    """An RSS feed whose entries carry enough text to be coded without a fetch."""
    items = "".join(f'<item><guid isPermaLink="false">{k}</guid><title>Story {k}</title><description>'
                    f"{OTHER_STORIES[k] * 4}Entry {k}.</description></item>" for k in keys)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{items}</channel></rss>'


class Lines:
    """Reads a subprocess's stdout in a thread, so a test can wait for a line with a timeout."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            self.lines.append(line)

    def wait_for(self, text: str, timeout: float = 120.0) -> str:
        """The first line containing text; fail after the timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if text in line:
                    return line
            time.sleep(0.05)
        raise AssertionError(f"no line with {text!r} in {self.lines!r}")

    def join(self) -> None:
        """Wait until the process's stdout is read to the end."""
        self._thread.join(timeout=30)


@contextlib.contextmanager
def watching(url: str, db: Path):
    """Run `realpolitik watch URL --every 1s --allow-private --db DB`; yield the process and its
    stdout lines; kill it if the test left it running, and close its pipes."""
    process = subprocess.Popen(
        [str(REALPOLITIK), "watch", url, "--every", "1s", "--allow-private", "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    with process:
        try:
            yield process, Lines(process)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()


def stop(process: subprocess.Popen[str], sent: signal.Signals) -> tuple[int, str]:
    """Send a signal, wait for the exit; return the exit status and stderr."""
    process.send_signal(sent)
    code = process.wait(timeout=30)
    return code, process.stderr.read()  # type: ignore[union-attr]


@pytest.mark.slow
@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["sigint", "sigterm"])
def test_watch_ingests_new_items_between_polls_and_stops_cleanly(web, db_path, sent):
    url = web.serve("/feed.rss", rss("a", "b"), "application/rss+xml")
    with watching(url, db_path) as (process, out):
        assert "poll 1: 2 new, 0 seen, 0 rejected" in out.wait_for("poll 1:")
        web.serve("/feed.rss", rss("c", "a", "b"), "application/rss+xml")
        out.wait_for(": 1 new, 2 seen, 0 rejected")
        out.wait_for(": 0 new, 3 seen, 0 rejected")  # the next poll after the change finds nothing new
        code, stderr = stop(process, sent)
        out.join()
    assert code == 0, stderr
    assert "Traceback" not in stderr
    summary = "".join(out.lines)
    assert f"Stopped by {sent.name} after " in summary
    assert "new" in summary and "seen" in summary
    with duckdb.connect(str(db_path), read_only=True) as conn:
        titles = conn.execute("SELECT title FROM documents ORDER BY title").fetchall()
        seen = conn.execute("SELECT item_key FROM feed_items ORDER BY item_key").fetchall()
    assert titles == [("Story a",), ("Story b",), ("Story c",)]
    assert seen == [("a",), ("b",), ("c",)]


@pytest.mark.slow
def test_watch_survives_feed_that_is_down(web, db_path):
    url = web.url("/feed.rss")  # 404 at first
    with watching(url, db_path) as (process, out):
        assert "0 new, 0 seen, 1 rejected, 0 events, 1 of 1 feeds down" in out.wait_for("poll 1:")
        web.serve("/feed.rss", rss("a"), "application/rss+xml")
        out.wait_for(": 1 new, 0 seen, 0 rejected")
        code, stderr = stop(process, signal.SIGINT)
    assert code == 0
    assert "feed is down, will try again at the next poll" in stderr
    assert "HTTP 404" in stderr and "Traceback" not in stderr


def _run(capsys, *args: object) -> tuple[int, str, str]:
    """Run the CLI in-process."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return done.value.code, captured.out, captured.err


def test_watch_bad_interval_exits_1(capsys, db_path):
    code, _, err = _run(capsys, "watch", "feed.rss", "--every", "soon", "--db", db_path)
    assert code == 1
    assert err.strip() == "Error: " + BAD_INTERVAL.format(value="soon")
    assert not db_path.exists()


def test_watch_refuses_local_feed_without_allow_private(capsys, web, db_path):
    url = web.serve("/feed.rss", rss("a"), "application/rss+xml")
    code, out, err = _run(capsys, "watch", url, "--once", "--db", db_path)
    assert code == 2
    assert "poll 1: 0 new, 0 seen, 1 rejected, 0 events, 1 of 1 feeds down" in out
    assert "Rejected blocked_address" in err and "--allow-private" in err
    assert web.requests == []


@pytest.mark.slow
def test_watch_once_reads_feed_file(capsys, db_path):
    feed = Path(__file__).resolve().parents[1] / "data" / "feeds" / "world.atom"
    code, out, _ = _run(capsys, "watch", feed, "--once", "--db", db_path)
    again = _run(capsys, "watch", feed, "--once", "--db", db_path)
    assert code == 0 and "poll 1: 1 new, 0 seen, 0 rejected" in out
    assert again[0] == 0 and "poll 1: 0 new, 1 seen, 0 rejected" in again[1]


def test_stopper_turns_signals_into_a_stop_request_and_restores_handlers():
    from realpolitik.cli.watch import Stopper

    before = signal.getsignal(signal.SIGTERM)
    with Stopper() as stopper:
        assert not stopper.is_set()
        os.kill(os.getpid(), signal.SIGTERM)
        stopper.sleep(5)  # wakes early
        assert stopper.signal_name == "SIGTERM"
        os.kill(os.getpid(), signal.SIGTERM)  # again: still just a request
        assert stopper.is_set()
    assert signal.getsignal(signal.SIGTERM) is before


def test_stopper_second_ctrl_c_interrupts():
    from realpolitik.cli.watch import Stopper

    with Stopper() as stopper, pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        stopper.sleep(1)
        assert stopper.signal_name == "SIGINT"
        os.kill(os.getpid(), signal.SIGINT)
        stopper.sleep(1)
