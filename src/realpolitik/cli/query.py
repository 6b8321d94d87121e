"""Store commands: `ingest`, `events`, `dyads`, `export` and `info`."""

from __future__ import annotations

import csv
import io
import os
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from realpolitik.api import InputOptions
from realpolitik.cli.code import ALLOW_PRIVATE, DATE, MAX_BYTES, PATHS, TITLE, URL
from realpolitik.cli.console import err, out, report_rejection, write_json_line, write_text
from realpolitik.cli.dictionaries import DICTIONARY, DICTIONARY_FIRST, engine_with
from realpolitik.cli.render import rows_table
from realpolitik.errors import BAD_DYAD, BAD_FILTER_DATE, ConfigError, ExtractionError
from realpolitik.extract.dates import normalise_date

DB = typer.Option(None, "--db", help="DuckDB file (default: $REALPOLITIK_DB or ./realpolitik.duckdb).")


class QueryFormat(StrEnum):
    """Output formats of `events` and `dyads`."""

    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class ExportFormat(StrEnum):
    """Formats of `export`."""

    parquet = "parquet"
    csv = "csv"
    gdelt = "gdelt"
    plover = "plover"


# Formats that write events only, and the default file each writes.
EVENT_FORMATS = {ExportFormat.gdelt: "events.gdelt.tsv", ExportFormat.plover: "events.plover.jsonl"}
EVENTS_ONLY = ("--format {fmt} writes events only, not {table!r}. Use --table events, or --format "
               "parquet or csv for the {table} table.")
NOT_PARTITIONED = ("--partitioned writes Parquet files; it cannot be combined with --format {fmt}. "
                   "Drop --partitioned to write one {fmt} file.")


def _open(db: Path | None):
    """Open the store at --db, $REALPOLITIK_DB or the default path."""
    from realpolitik.store.db import Store, default_db_path

    return Store.open(db or default_db_path())


WORKERS = typer.Option(None, "--workers", help="Code on a local Dask cluster of N worker processes.")
SCHEDULER = typer.Option(None, "--scheduler", help="Code on an existing Dask cluster: tcp://HOST:8786.")
STAGING = typer.Option(None, "--staging", help="Folder for the workers' Parquet results (kept); "
                       "default: a temporary folder beside the store.")
PARTITION = typer.Option(64, "--partition-size", min=1, help="Documents per Dask task.")


def ingest_cli(
    paths: list[str] = PATHS, db: Path | None = DB,
    date: str | None = DATE, title: str | None = TITLE, url: str | None = URL,
    max_bytes: int = MAX_BYTES, allow_private: bool = ALLOW_PRIVATE, workers: int | None = WORKERS,
    scheduler: str | None = SCHEDULER, staging: Path | None = STAGING, partition_size: int = PARTITION,
    dictionary: list[Path] | None = DICTIONARY, dictionary_first: bool = DICTIONARY_FIRST,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> int:
    """Code documents and store them: copies of a stored story (exact or near) are recorded as its
    copies, and a run that was stopped resumes where it left off."""
    from realpolitik.cli.progress import IngestProgress, summary_table
    from realpolitik.ingest.run import IngestReport, Observers, count_documents, ingest_paths, save_coded

    options = InputOptions(date=date, title=title, url=url, max_bytes=max_bytes,
                           allow_private=allow_private)
    options.metadata()  # check --date before opening the store or loading the model
    if dictionary and (workers is not None or scheduler is not None):
        raise ConfigError("--dictionary cannot be combined with --workers or --scheduler yet: the workers "
                          "load the packaged dictionaries only. Run the ingest without a cluster.")
    cluster = _cluster(options, workers, scheduler, staging, partition_size)  # checks the options
    engine = engine_with(dictionary, dictionary_first)
    show_bar = err.is_terminal and not quiet
    total = count_documents(paths) if show_bar else None
    with _open(db) as store, IngestProgress(err, total, show_bar) as progress:

        def on_document(doc, report):
            if doc.rejected:
                report_rejection(doc.origin, doc.rejected.reason, doc.rejected.detail)
            progress.advance(doc, report)

        observers = Observers(on_document=on_document)
        if cluster is None:
            report = ingest_paths(paths, store, options, engine, observers, total)
        else:  # coded on a Dask cluster; saved (and deduplicated) here
            coded = cluster(paths, Path(store.path).parent)
            report = save_coded(coded, store, observers, IngestReport(total=total))
    if not quiet:
        err.print(summary_table(report, store.path))
    return 2 if report.rejected_total else 0


def _cluster(options: InputOptions, workers: int | None, scheduler: str | None, staging: Path | None,
             partition_size: int):
    """None to code in this process; else a function coding paths on a Dask cluster (its options
    checked now, before the store is opened)."""
    if workers is None and scheduler is None:
        return None
    from realpolitik.distributed import ClusterOptions, ReadOptions, code_paths_distributed
    from realpolitik.ingest.files import ReadLimits

    cluster = ClusterOptions(workers=workers, scheduler=scheduler, staging=staging,
                             partition_size=partition_size)
    read = ReadOptions(options.metadata(), ReadLimits(max_bytes=options.max_bytes))
    return lambda paths, store_dir: code_paths_distributed(paths, read, cluster, store_dir)


def _filter(actor, dyad, plover, since, until, modality, limit):
    """Build an EventFilter from the command-line options, checking each."""
    from realpolitik.store.db import EventFilter

    pair = None
    if dyad:
        parts = [p.strip().upper() for p in dyad.split("-")]
        if len(parts) != 2 or not all(parts):
            raise ConfigError(BAD_DYAD.format(value=dyad))
        pair = (parts[0], parts[1])
    for option, value in (("--since", since), ("--until", until)):
        try:
            normalise_date(value)
        except ExtractionError:
            raise ConfigError(BAD_FILTER_DATE.format(option=option, value=value)) from None
    return EventFilter(actor=actor, dyad=pair, plover=plover, since=since, until=until,
                       modality=modality, limit=limit)


ACTOR = typer.Option(None, "--actor", help="Source or target code or country, e.g. IND or USAGOV.")
DYAD = typer.Option(None, "--dyad", help="Two sides joined by a dash, either direction: IND-RUS.")
TYPE = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT.")
SINCE = typer.Option(None, "--since", help="First date, YYYY-MM-DD.")
UNTIL = typer.Option(None, "--until", help="Last date, YYYY-MM-DD.")
MODALITY = typer.Option(None, "--modality", help="asserted, hedged, future, hypothetical or negated.")


def events_cli(
    db: Path | None = DB, actor: str | None = ACTOR, dyad: str | None = DYAD,
    plover: str | None = TYPE, since: str | None = SINCE, until: str | None = UNTIL,
    modality: str | None = MODALITY,
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many events."),
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="table, csv or jsonl."),
) -> int:
    """List stored events, filtered."""
    flt = _filter(actor, dyad, plover, since, until, modality, limit)
    with _open(db) as store:
        rows = store.events(flt).to_pylist()
    if fmt is QueryFormat.table:
        rows = [_event_row(row) for row in rows]
        columns = ["date", "who", "event", "modality", "sectors", "articles", "evidence"]
    else:
        columns = list(rows[0]) if rows else []
    _emit(rows, fmt, columns, f"{len(rows)} events")
    return 0


def dyads_cli(
    db: Path | None = DB, actor: str | None = ACTOR, plover: str | None = TYPE,
    since: str | None = SINCE, until: str | None = UNTIL,
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="table, csv or jsonl."),
) -> int:
    """Summarise stored events per pair of sides: counts by QuadClass and Goldstein totals."""
    flt = _filter(actor, None, plover, since, until, None, None)
    with _open(db) as store:
        rows = store.dyad_summary(flt).to_pylist()
    columns = ["dyad", "events", "asserted", "other_modality", "verbal_coop", "material_coop",
               "verbal_conflict", "material_conflict", "goldstein_sum", "goldstein_mean"]
    _emit(rows, fmt, columns, "Events per dyad (QuadClass counts and Goldstein over asserted events)")
    return 0


def _event_row(row: dict) -> dict:
    """A stored event condensed for the table: who, what, how certainly, where said."""
    arrow = "<->" if row["symmetric"] else "->"
    target = row["target_code"] or row["target_country"] or "-"
    evidence = " ".join((row["evidence_text"] or "").split())
    return {
        "date": str(row["date"]) if row["date"] else "-",
        "who": f"{row['source_code'] or row['source_country']} {arrow} {target}",
        "event": f"{row['plover']} {row['cameo']} ({row['goldstein']:+.1f})",
        "modality": row["modality"], "sectors": row["sectors"],
        # articles (sources): how many copies of the story carried the event, from how many sites
        "articles": f"{row.get('num_articles') or 1} ({row.get('num_sources') or 1})",
        "evidence": evidence if len(evidence) <= 90 else evidence[:89] + "…",
    }


def _emit(rows: list[dict], fmt: QueryFormat, columns: list[str], title: str) -> None:
    """Print rows as a table, CSV or JSON lines."""
    if fmt is QueryFormat.jsonl:
        for row in rows:
            write_json_line({k: (str(v) if hasattr(v, "isoformat") else v) for k, v in row.items()})
        return
    if fmt is QueryFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "|".join(v) if isinstance(v, list) else v for k, v in row.items()})
        write_text(buffer.getvalue())
        return
    out.print(rows_table(title, rows, columns))


def export_cli(
    db: Path | None = DB,
    fmt: ExportFormat = typer.Option(
        ExportFormat.parquet, "--format", "-f",
        help="parquet or csv; gdelt (GDELT 2.0 event rows, tab-separated) or plover (PLOVER JSONL) "
             "for events."),
    table: str = typer.Option("events", "--table",
                              help="documents, actors, events, quotes, rejections or document_copies."),
    output: Path | None = typer.Option(None, "--out", "-o", help="Output file (default: TABLE.FORMAT)."),
    partitioned: bool = typer.Option(False, "--partitioned", help="Events as Parquet partitioned by year."),
) -> int:
    """Export a stored table to Parquet or CSV, or the events as GDELT 2.0 rows or PLOVER JSONL."""
    from realpolitik.store.parquet import EXPORT_TABLES

    if table not in EXPORT_TABLES:
        raise ConfigError(f"--table {table!r} is not a table; use documents, actors, events, quotes, "
                          "rejections or document_copies.")
    if fmt in EVENT_FORMATS and table != "events":
        raise ConfigError(EVENTS_ONLY.format(fmt=fmt.value, table=table))
    if fmt in EVENT_FORMATS and partitioned:
        raise ConfigError(NOT_PARTITIONED.format(fmt=fmt.value))
    with _open(db) as store:
        if fmt in EVENT_FORMATS:
            target = output or Path(EVENT_FORMATS[fmt])
            count = _export_events(store, fmt, target)
        elif partitioned:
            target = output or Path("events_parquet")
            count = store.export_events_partitioned(target)
        else:
            target = output or Path(f"{table}.{fmt.value}")
            count = store.export(table, target, fmt.value)
    out.print(Text(f"Wrote {count} rows of {table} to {target}"))
    return 0


def _export_events(store, fmt: ExportFormat, target: Path) -> int:
    """Write every stored event as GDELT 2.0 rows or PLOVER JSONL."""
    from realpolitik.store.gdelt import export_gdelt
    from realpolitik.store.plover import export_plover_jsonl

    write = export_gdelt if fmt is ExportFormat.gdelt else export_plover_jsonl
    return write(store.conn, target)


def info_cli(db: Path | None = DB) -> int:
    """Show where the store is and what it holds."""
    from realpolitik import __version__

    with _open(db) as store:
        info = store.info()
    table = Table(title=f"realpolitik {__version__}", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("value", overflow="fold")
    table.add_row("store", Text(str(info["path"])))
    table.add_row("REALPOLITIK_DB", os.environ.get("REALPOLITIK_DB", "(not set)"))
    table.add_row("schema version", str(info["schema_version"]))
    for name, count in info["counts"].items():
        table.add_row(name, str(count))
    if info.get("size_bytes") is not None:
        table.add_row("size", f"{info['size_bytes']:,} bytes")
    out.print(table)
    return 0


def register(app: typer.Typer) -> None:
    """Add the commands to the app."""
    app.command("ingest")(ingest_cli)
    app.command("events")(events_cli)
    app.command("dyads")(dyads_cli)
    app.command("export")(export_cli)
    app.command("info")(info_cli)
