"""`realpolitik watch`: poll feeds every so often and ingest their new entries until stopped."""

from __future__ import annotations

import signal
import sys
import time
from datetime import datetime
from pathlib import Path
from types import FrameType

import typer
from rich.table import Table

from realpolitik.cli.code import ALLOW_PRIVATE, MAX_BYTES
from realpolitik.cli.console import out, report_rejection
from realpolitik.cli.query import DB, _open

FEEDS = typer.Argument(..., help="Feed URLs or files (.rss, .atom, .xml).")
EVERY = typer.Option("15m", "--every", help="Time between polls: 30s, 15m, 2h or 1d.")
ONCE = typer.Option(False, "--once", help="Poll once and exit (for cron).")
# How often the wait between polls checks for a stop request.
STOP_CHECK_SECONDS = 0.2


class Stopper:
    """Turns SIGINT (Ctrl-C) and SIGTERM into a stop request, and restores the old handlers.

    The poll in hand finishes its batch of entries (see ``ingest.watch``), then the watch prints
    its summary and exits 0.
    """

    def __init__(self) -> None:
        self.signal_name: str | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> Stopper:
        """Install the handlers."""
        for number in (signal.SIGINT, signal.SIGTERM):
            self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        """Restore the handlers."""
        for number, handler in self._previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]

    def _handle(self, number: int, frame: FrameType | None) -> None:
        """Note the request; the loop stops at its next check. A second Ctrl-C does not wait for
        the batch in hand (its store transaction is rolled back; those entries stay new)."""
        if self.signal_name is not None and number == signal.SIGINT:
            raise KeyboardInterrupt
        self.signal_name = signal.Signals(number).name

    def is_set(self) -> bool:
        """Whether a stop was requested."""
        return self.signal_name is not None

    def sleep(self, seconds: float) -> None:
        """Wait, waking early on a stop request."""
        deadline = time.monotonic() + seconds
        while not self.is_set() and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(STOP_CHECK_SECONDS, left))


def watch_cli(
    feeds: list[str] = FEEDS, every: str = EVERY, db: Path | None = DB,
    allow_private: bool = ALLOW_PRIVATE, once: bool = ONCE, max_bytes: int = MAX_BYTES,
) -> int:
    """Poll feeds and ingest only new entries; Ctrl-C or SIGTERM stops with a summary."""
    from realpolitik.ingest.fetch import Fetcher, FetchOptions
    from realpolitik.ingest.watch import parse_interval, poll_feeds

    seconds = parse_interval(every)
    polls, totals = 0, {"new": 0, "seen": 0, "rejected": 0, "events": 0}
    with Stopper() as stopper, _open(db) as store, \
            Fetcher(FetchOptions(allow_private=allow_private, max_bytes=max_bytes)) as fetcher:
        while not stopper.is_set():
            summary = poll_feeds(feeds, store, fetcher, stop=stopper.is_set)
            polls += 1
            for rejection in (r for result in summary.results for r in result.rejections):
                report_rejection(rejection.origin, rejection.reason, rejection.detail)
            counts = {"new": summary.total("new"), "seen": summary.total("seen"),
                      "rejected": summary.rejected, "events": summary.total("events")}
            totals = {key: totals[key] + counts[key] for key in totals}
            _poll_line(polls, counts, summary.down, len(feeds))
            if once:
                break
            stopper.sleep(seconds)
        path = store.path
    why = f"Stopped by {stopper.signal_name}" if stopper.signal_name else "Done"
    sys.stdout.write(f"{why} after {polls} poll(s); the store is {path}.\n")
    out.print(_summary_table(polls, totals))
    return 2 if once and totals["rejected"] else 0


def _poll_line(number: int, counts: dict[str, int], down: int, feeds: int) -> None:
    """One plain line per poll on stdout, flushed so a pipe sees it at once."""
    state = f", {down} of {feeds} feeds down" if down else ""
    sys.stdout.write(f"{datetime.now():%H:%M:%S} poll {number}: {counts['new']} new, {counts['seen']} "
                     f"seen, {counts['rejected']} rejected, {counts['events']} events{state}\n")
    sys.stdout.flush()


def _summary_table(polls: int, totals: dict[str, int]) -> Table:
    """The closing summary."""
    table = Table(title="Watch summary", title_justify="left")
    for column in ("polls", "new", "seen", "rejected", "events stored"):
        table.add_column(column, justify="right")
    table.add_row(str(polls), *(str(totals[key]) for key in ("new", "seen", "rejected", "events")))
    return table


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("watch")(watch_cli)
