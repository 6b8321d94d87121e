"""Human-readable views of coded documents and stored events."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from realpolitik.models import ActorRef, CodedDocument

MODALITY_STYLE = {"asserted": "green", "hedged": "yellow", "future": "cyan", "hypothetical": "magenta",
                  "negated": "red"}


def ref_label(ref: ActorRef | None) -> str:
    """Short label of an actor: code and the text it came from."""
    if ref is None:
        return "-"
    return f"{ref.code or ref.country or '?'} ({ref.text})"


def document_table(doc: CodedDocument) -> Table:
    """One table of a document's events."""
    title = doc.title or doc.id
    heading = Text(f"{title} ({doc.date or 'no date'}): {len(doc.events)} events, "
                   f"{len(doc.actors)} actor mentions, {len(doc.quotes)} quotes")
    table = Table(title=heading, title_justify="left", show_lines=False, expand=False)
    for column in ("source", "target", "event", "modality", "sectors", "evidence"):
        table.add_column(column, overflow="fold")
    for event in doc.events:
        arrow = " <->" if event.symmetric else ""
        style = MODALITY_STYLE.get(event.modality, "")
        table.add_row(
            Text(ref_label(event.source) + arrow), Text(ref_label(event.target)),
            f"{event.plover} {event.cameo} ({event.goldstein:+.1f})",
            Text(event.modality, style=style), ", ".join(event.sectors),
            Text(_snippet(event.evidence.text)),
        )
    return table


def quotes_table(docs: Iterable[CodedDocument]) -> Table | None:
    """The quotes of some documents with their speakers."""
    rows = [(q, d) for d in docs for q in d.quotes]
    if not rows:
        return None
    table = Table(title="Quotes", title_justify="left")
    table.add_column("speaker")
    table.add_column("quote", overflow="fold")
    for quote, _ in rows:
        table.add_row(Text(ref_label(quote.speaker)), Text(_snippet(quote.text, 160)))
    return table


def _snippet(text: str, width: int = 110) -> str:
    """A one-line excerpt."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def rows_table(title: str, rows: list[dict], columns: list[str]) -> Table:
    """A titled table of some columns of row dicts, each cell escaped from Rich markup."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*[Text(cell(row.get(column))) for column in columns])
    return table


def cell(value) -> str:
    """One table cell: dashes for nothing, two decimals, lists joined, long text cut."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    text = str(value)
    return text if len(text) <= 100 else text[:99] + "…"
