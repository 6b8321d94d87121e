"""What `ingest` shows while it runs and when it ends, all on stderr so stdout stays for data.

A Rich progress bar (documents/s, rejected so far, ETA when the total is known) appears only when
stderr is a terminal; the summary table ends every run. ``--quiet`` hides both.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from realpolitik.ingest.run import IngestReport
from realpolitik.models import CodedDocument


class IngestProgress:
    """A progress bar over an ingest, drawn on ``console`` only when it is a terminal.

    Args:
        console: Where to draw (the CLI's stderr console).
        total: Documents expected, or None when unknown (no ETA then).
        enabled: False draws nothing (``--quiet``, or stderr is not a terminal).
    """

    def __init__(self, console: Console, total: int | None, enabled: bool) -> None:
        self._progress: Progress | None = None
        if enabled:
            columns = [SpinnerColumn(), TextColumn("ingesting"),
                       BarColumn() if total else TextColumn(""),
                       MofNCompleteColumn() if total else TextColumn("{task.completed} docs"),
                       TextColumn("{task.fields[rate]:.1f} docs/s"),
                       TextColumn("rejected {task.fields[rejected]}"), TimeElapsedColumn()]
            if total:
                columns.append(TimeRemainingColumn())
            self._progress = Progress(*columns, console=console, transient=True)
            self._task = self._progress.add_task("ingest", total=total, rate=0.0, rejected=0)

    def __enter__(self) -> IngestProgress:
        """Start drawing."""
        if self._progress:
            self._progress.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Stop drawing and clear the bar."""
        if self._progress:
            self._progress.stop()

    def advance(self, doc: CodedDocument, report: IngestReport) -> None:
        """Show one more document read (an ``Observers.on_document`` callback)."""
        if self._progress:
            self._progress.update(self._task, completed=report.read, rate=report.docs_per_second,
                                  rejected=report.rejected_total)


def summary_table(report: IngestReport, where: str) -> Table:
    """The run summary: what was read, stored, found twice, rejected (by reason), how fast.

    Args:
        report: The finished run's report.
        where: The store's path, for the title.

    Returns:
        A two-column table.
    """
    table = Table(title=Text(f"Ingested into {where}"), title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [("documents read", report.read), ("stored", report.stored),
            ("duplicates", report.duplicates), ("near-duplicates", report.near_duplicates),
            ("rejected", report.rejected_total)]
    for name, value in rows:
        table.add_row(name, str(value))
    for reason, count in sorted(report.rejected.items()):
        table.add_row(Text(f"  {reason}"), str(count))
    table.add_row("events stored", str(report.events))
    table.add_row("already stored, not coded again", str(report.skipped))
    table.add_row("elapsed", f"{report.elapsed:.1f} s")
    table.add_row("docs/s", f"{report.docs_per_second:.1f}")
    return table
