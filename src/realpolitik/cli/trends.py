"""`realpolitik trends A B`: how a bilateral relationship moves, and who reacts to it."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.text import Text

from realpolitik.cli.console import out, write_text
from realpolitik.cli.query import DB, SINCE, UNTIL, _open
from realpolitik.cli.render import rows_table


class Period(StrEnum):
    """Bucket sizes of the series."""

    day = "day"
    week = "week"
    month = "month"


def trends_cli(
    a: str = typer.Argument(..., help="One side: a country or actor code, e.g. IND."),
    b: str = typer.Argument(..., help="The other side, e.g. RUS."),
    db: Path | None = DB, since: str | None = SINCE, until: str | None = UNTIL,
    period: Period = typer.Option(Period.month, "--period", help="day, week or month."),
    days: int = typer.Option(14, "--days", min=0, help="Reaction window after the dyad's events, in days."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> int:
    """The dyad's series (counts by QuadClass, Goldstein, cooperation-conflict index), sectors,
    significant shifts and third-party reactions; asserted events kept apart from the rest."""
    from realpolitik.analytics import DyadQuery, detect_shifts, dyad_sectors, dyad_series, reactions

    query = DyadQuery(a=a, b=b, since=since, until=until, period=period.value)
    with _open(db) as store:
        series = dyad_series(store.conn, query)
        sectors = dyad_sectors(store.conn, query)
        reacted = reactions(store.conn, query, days=days)
    shifts = detect_shifts(series)
    if as_json:
        data = {"series": series.to_pylist(), "sectors": sectors.to_pylist(),
                "shifts": [s.to_dict() for s in shifts], "reactions": reacted.to_pylist()}
        write_text(json.dumps(data, default=str, indent=2) + "\n")
        return 0
    busy = [row for row in series.to_pylist() if row["events"]]  # the JSON keeps the empty periods
    columns = ["period_start", "modality_group", "events", "verbal_coop", "material_coop",
               "verbal_conflict", "material_conflict", "goldstein_sum", "coop_conflict_index"]
    _print(f"Series by {period.value} (empty periods left out)", busy, columns)
    _print("Sectors", sectors.to_pylist(), ["sector", "modality_group", "events", "goldstein_sum"])
    _print("Shifts", [s.to_dict() for s in shifts], ["period", "metric", "value", "baseline", "z",
                                                     "direction"])
    _print(f"Reactions within {days} days", reacted.to_pylist(),
           ["reactor", "toward", "first_date", "asserted_events", "other_events", "plover_types",
            "evidence_text"])
    return 0


def _print(title: str, rows: list[dict], columns: list[str]) -> None:
    """One titled table, or a line saying it is empty."""
    if rows:
        out.print(rows_table(title, rows, columns))
    else:
        out.print(Text(f"{title}: none"))


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("trends")(trends_cli)
