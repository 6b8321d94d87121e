"""`realpolitik brief A B`: a briefing on a bilateral relationship, in Markdown or HTML."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from realpolitik.cli.console import err, write_text
from realpolitik.cli.query import DB, SINCE, UNTIL, _open


class BriefFormat(StrEnum):
    """Output formats of `brief`."""

    md = "md"
    html = "html"


def brief_cli(
    a: str = typer.Argument(..., help="One side: a country or actor code, e.g. IND."),
    b: str = typer.Argument(..., help="The other side, e.g. RUS."),
    db: Path | None = DB, since: str | None = SINCE, until: str | None = UNTIL,
    fmt: BriefFormat = typer.Option(BriefFormat.md, "--format", help="md (Markdown) or html."),
    out_file: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
    rules: Path | None = typer.Option(None, "--rules", help="Risk rules YAML (default: the packaged "
                                      "realpolitik/data/risks.yml)."),
) -> int:
    """A briefing: highlights by sector, quotes, impact on ties, third-party reactions and risk flags,
    each claim citing its evidence sentence."""
    from realpolitik.analytics import DyadQuery
    from realpolitik.briefing import build_brief, load_rules, render_html, render_markdown
    from realpolitik.briefing.chart import render_chart

    query = DyadQuery(a=a, b=b, since=since, until=until)
    loaded = load_rules(rules)  # a bad rules file fails before the store opens
    with _open(db) as store:
        brief = build_brief(store.conn, query, loaded)
    text = render_markdown(brief) if fmt is BriefFormat.md else render_html(brief, render_chart(brief))
    if out_file is None:
        write_text(text)
    else:
        out_file.write_text(text, encoding="utf-8")
        err.print(f"Wrote {out_file}")
    return 0


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("brief")(brief_cli)
