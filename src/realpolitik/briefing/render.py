"""Render a ``Brief`` as Markdown or as one self-contained HTML page.

Every claim cites its evidence: in Markdown a footnote (``[^3]``) whose note gives the document's
title, url, date and the evidence sentence; in HTML a link to the numbered evidence list at the end.
All text from the store is escaped (``html.escape`` in HTML, and ``<``, ``>``, ``&`` plus Markdown's
markup characters in Markdown), so an article holding ``<script>`` stays inert; a document's url is
linked only when it is http(s). No timestamps: the only dates are the data's.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable
from typing import TypeGuard

from realpolitik.briefing.build import Brief, Evidence, PeriodFigures

_MD_SPECIAL = "\\`*_[]"
_CSS = """
body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}h3{font-size:1rem}
.meta{color:#555}.sev-high{color:#a4161a;font-weight:bold}.sev-medium{color:#b26b00;font-weight:bold}
.sev-low{color:#555;font-weight:bold}sup a{text-decoration:none}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}img{max-width:100%}
ol.evidence li{margin-bottom:.5rem}blockquote{margin:.3rem 0 .3rem 1rem;font-style:italic}
"""


def _md(text: str | None) -> str:
    """Escape text for Markdown: markup characters and raw HTML."""
    text = text or ""
    for char in _MD_SPECIAL:
        text = text.replace(char, "\\" + char)
    return html.escape(text, quote=False)


def _is_web(url: str | None) -> TypeGuard[str]:
    """Whether a url may be linked (http or https only: never javascript: or data:)."""
    return url is not None and url.lower().startswith(("http://", "https://"))


def _period(brief: Brief) -> str:
    """The period in words."""
    return f"{brief.since or 'the first stored date'} to {brief.until or 'the last stored date'}"


def _figure(value: float | None) -> str:
    """A number with two decimals, or a dash."""
    return "-" if value is None else f"{value:+.2f}"


def _impact_rows(brief: Brief) -> list[tuple[str, PeriodFigures]]:
    """The impact table's rows: (label, figures)."""
    parts = (("before", brief.impact.before), ("after", brief.impact.after))
    return [(f"{label} ({fig.first}" + (f" to {fig.last})" if fig.last != fig.first else ")"), fig)
            for label, fig in parts if fig is not None]


# -- Markdown -----------------------------------------------------------------------------------------


def _cite_md(keys: Iterable[int | None]) -> str:
    """Footnote references."""
    return "".join(f"[^{k}]" for k in keys if k is not None)


def _evidence_md(item: Evidence) -> str:
    """One footnote: title, url, date and sentence."""
    url = f" <{item.url}>" if _is_web(item.url) else ""
    return (f"[^{item.key}]: *{_md(item.title)}*{url}, {item.date or 'undated'}, document "
            f"{_md(item.doc_id)}: \u201c{_md(item.sentence)}\u201d")


def render_markdown(brief: Brief) -> str:
    """Render a brief as Markdown with footnote-style evidence.

    Args:
        brief: The brief.

    Returns:
        The Markdown text, ending in a newline.
    """
    out = [f"# Briefing: {_md(brief.a_name)} ({brief.a}) and {_md(brief.b_name)} ({brief.b})", "",
           f"Period: {_period(brief)}. Events between the two sides: {brief.events}. "
           "Each claim cites the sentence it comes from; the notes are listed under Evidence.", "",
           "## Highlights by sector", ""]
    for sector, items in brief.sectors:
        out += [f"### {_md(sector)}", ""]
        out += [f"- {item.date}: {_md(item.summary)} {_cite_md([item.evidence])}" for item in items]
        out.append("")
    if not brief.sectors:
        out += ["No events between the two sides in the period.", ""]
    out += ["## Quotes", ""]
    out += [f"- \u201c{_md(q.text)}\u201d, {_md(q.speaker)}"
            + (f" ({_md(q.speaker_code)})" if q.speaker_code else "") + f" {_cite_md([q.evidence])}"
            for q in brief.quotes] or ["No quotes in the documents of these events."]
    out += ["", "## Impact on ties", "", f"Rule: {_md(brief.impact.rule)}.", ""]
    rows = _impact_rows(brief)
    if rows:
        out += ["| part | asserted events | coop-conflict index | mean Goldstein |", "|---|---:|---:|---:|"]
        out += [f"| {label} | {fig.events} | {_figure(fig.coop_conflict_index)} | "
                f"{_figure(fig.goldstein_mean)} |" for label, fig in rows]
        out.append("")
    if brief.impact.note:
        out += [f"{_md(brief.impact.note[0].upper() + brief.impact.note[1:])}.", ""]
    out += ["## Third-party reactions", ""]
    out += [f"- {_md(r.summary)} {_cite_md([r.evidence])}" for r in brief.reactions] or ["None found."]
    out += ["", "## Risk flags", ""]
    out += [f"- **{r.severity.upper()}** {_md(r.title)} (rule `{r.rule_id}`): {_md(r.description)} "
            f"Evidence: {_cite_md(r.evidence)}" for r in brief.risks] or ["No rule fired."]
    out += ["", "## Evidence", ""]
    out += [_evidence_md(item) for item in brief.evidence]
    return "\n".join(out).rstrip("\n") + "\n"


# -- HTML ---------------------------------------------------------------------------------------------


def _cite_html(keys: Iterable[int | None]) -> str:
    """Superscript links to the evidence list."""
    return "".join(f'<sup><a href="#ev-{k}">[{k}]</a></sup>' for k in keys if k is not None)


def _evidence_html(item: Evidence) -> str:
    """One evidence list item."""
    title = html.escape(item.title)
    if _is_web(item.url):
        title = f'<a href="{html.escape(item.url)}" rel="noopener noreferrer">{title}</a>'
    return (f'<li id="ev-{item.key}" value="{item.key}"><cite>{title}</cite>, '
            f"{html.escape(str(item.date or 'undated'))}, document {html.escape(item.doc_id)}: "
            f"\u201c{html.escape(item.sentence)}\u201d</li>")


def _list_html(items: list[str], empty: str) -> str:
    """A bullet list, or a sentence when there is nothing."""
    if not items:
        return f"<p>{html.escape(empty)}</p>"
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def _impact_html(brief: Brief) -> str:
    """The impact section's body."""
    parts = [f"<p>Rule: {html.escape(brief.impact.rule)}.</p>"]
    rows = _impact_rows(brief)
    if rows:
        parts.append("<table><tr><th>part</th><th>asserted events</th><th>coop-conflict index</th>"
                     "<th>mean Goldstein</th></tr>")
        parts += [f"<tr><td>{html.escape(label)}</td><td>{fig.events}</td>"
                  f"<td>{_figure(fig.coop_conflict_index)}</td><td>{_figure(fig.goldstein_mean)}</td></tr>"
                  for label, fig in rows]
        parts.append("</table>")
    if brief.impact.note:
        parts.append(f"<p>{html.escape(brief.impact.note[0].upper() + brief.impact.note[1:])}.</p>")
    return "\n".join(parts)


def render_html(brief: Brief, chart_png: bytes | None = None) -> str:
    """Render a brief as one self-contained HTML page (inline CSS, the chart embedded as base64 PNG).

    Args:
        brief: The brief.
        chart_png: The chart (``chart.render_chart(brief)``); None leaves the chart out.

    Returns:
        The HTML text, ending in a newline.
    """
    e = html.escape
    title = f"Briefing: {brief.a_name} ({brief.a}) and {brief.b_name} ({brief.b})"
    body = [f"<h1>{e(title)}</h1>",
            f'<p class="meta">Period: {e(_period(brief))}. Events between the two sides: {brief.events}. '
            "Each claim links to the sentence it comes from, listed under Evidence.</p>"]
    if chart_png is not None:
        data = base64.b64encode(chart_png).decode("ascii")
        body.append(f'<p><img alt="{e("Cooperation-conflict index by day")}" '
                    f'src="data:image/png;base64,{data}"></p>')
    body.append("<h2>Highlights by sector</h2>")
    for sector, items in brief.sectors:
        body.append(f"<h3>{e(sector)}</h3>")
        body.append(_list_html([f"{e(str(i.date))}: {e(i.summary)} {_cite_html([i.evidence])}"
                                for i in items], ""))
    if not brief.sectors:
        body.append("<p>No events between the two sides in the period.</p>")
    body.append("<h2>Quotes</h2>")
    body.append(_list_html([f"<blockquote>\u201c{e(q.text)}\u201d</blockquote> {e(q.speaker)}"
                            + (f" ({e(q.speaker_code)})" if q.speaker_code else "")
                            + f" {_cite_html([q.evidence])}" for q in brief.quotes],
                           "No quotes in the documents of these events."))
    body += ["<h2>Impact on ties</h2>", _impact_html(brief), "<h2>Third-party reactions</h2>"]
    body.append(_list_html([f"{e(r.summary)} {_cite_html([r.evidence])}" for r in brief.reactions],
                           "None found."))
    body.append("<h2>Risk flags</h2>")
    body.append(_list_html([f'<span class="sev-{e(r.severity)}">{e(r.severity.upper())}</span> '
                            f"{e(r.title)} (rule <code>{e(r.rule_id)}</code>): {e(r.description)} "
                            f"Evidence: {_cite_html(r.evidence)}" for r in brief.risks], "No rule fired."))
    body += ["<h2>Evidence</h2>", '<ol class="evidence">',
             *[_evidence_html(item) for item in brief.evidence], "</ol>"]
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")
