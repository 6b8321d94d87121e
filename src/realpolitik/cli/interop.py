"""Interchange commands: `import-gdelt` puts GDELT 2.0 event files beside our own coding."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from realpolitik.cli.console import out
from realpolitik.cli.query import DB
from realpolitik.errors import IngestError

FILES = typer.Argument(..., help="GDELT 2.0 event exports (YYYYMMDDHHMMSS.export.CSV, plain or zipped).")


def import_gdelt_cli(files: list[Path] = FILES, db: Path | None = DB) -> int:
    """Import GDELT 2.0 event files into the store's gdelt_events table (again adds nothing).

    Exits 2 when some rows were malformed; they are listed by `realpolitik export --table
    rejections` under the reason malformed_gdelt_row.
    """
    from realpolitik.store.db import Store, default_db_path
    from realpolitik.store.gdelt import GDELT_FILE_MISSING, ImportSummary, import_gdelt

    for path in files:  # check every path before opening the store
        if not path.is_file():
            raise IngestError(GDELT_FILE_MISSING.format(path=path))
    total = ImportSummary()
    table = Table(title="GDELT 2.0 events imported", title_justify="left")
    table.add_column("file", overflow="fold")
    for column in ("rows", "imported", "already stored", "rejected"):
        table.add_column(column, justify="right")
    with Store.open(db or default_db_path()) as store:
        for path in files:
            summary = import_gdelt(store.conn, path)
            total += summary
            table.add_row(Text(str(path)), str(summary.rows), str(summary.imported),
                          str(summary.duplicates), str(summary.rejected))
        table.caption = f"into {store.path}"
    out.print(table)
    return 2 if total.rejected else 0


def register(app: typer.Typer) -> None:
    """Add the commands to the app."""
    app.command("import-gdelt")(import_gdelt_cli)
