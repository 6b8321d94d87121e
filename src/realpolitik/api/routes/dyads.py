"""Per-dyad analytics: GET /dyads/{a}/{b}/series, /sectors, /reactions and /brief (Markdown or HTML)."""

from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from realpolitik.analytics import DyadQuery, dyad_sectors, dyad_series, reactions
from realpolitik.analytics.reactions import DEFAULT_REACTION_DAYS
from realpolitik.api.deps import StoreDep
from realpolitik.api.schemas import ErrorBody, ReactionRow, SectorRow, SeriesRow, brief_to_dict

router = APIRouter(prefix="/dyads/{a}/{b}", tags=["dyads"],
                   responses={400: {"model": ErrorBody}, 500: {"model": ErrorBody}})

# matplotlib keeps global state (font cache, rc params): draw one chart at a time.
_CHART_LOCK = threading.Lock()

# Actor and country codes are letters and digits (IND, RUSGOV, IGONATO); anything else is refused with
# 422 before it reaches a query or a chart (a glyph no font has made matplotlib warn, found by schemathesis).
Side = Annotated[str, Path(pattern=r"^[A-Za-z0-9]{1,24}$", description="An actor or country code, e.g. IND.")]
Since = Annotated[str | None, Query(description="First event date, YYYY-MM-DD, inclusive.")]
Until = Annotated[str | None, Query(description="Last event date, YYYY-MM-DD, inclusive.")]


@router.get("/series", response_model=list[SeriesRow], summary="A dyad's events per period")
def get_series(a: Side, b: Side, store: StoreDep, since: Since = None, until: Until = None,
               period: Annotated[Literal["day", "week", "month"], Query()] = "month") -> list[dict]:
    """QuadClass counts, Goldstein figures and the cooperation-conflict index per period, asserted
    events apart from the rest; the asserted group is zero-filled from first to last period."""
    query = DyadQuery(a=a, b=b, since=since, until=until, period=period)
    return dyad_series(store.conn, query).to_pylist()


@router.get("/sectors", response_model=list[SectorRow], summary="A dyad's events per sector")
def get_sectors(a: Side, b: Side, store: StoreDep, since: Since = None, until: Until = None) -> list[dict]:
    """Events and Goldstein sums by sector and modality group; an event counts in each of its sectors."""
    return dyad_sectors(store.conn, DyadQuery(a=a, b=b, since=since, until=until)).to_pylist()


@router.get("/reactions", response_model=list[ReactionRow], summary="Third-party reactions to a dyad")
def get_reactions(
    a: Side, b: Side, store: StoreDep, since: Since = None, until: Until = None,
    days: Annotated[int, Query(ge=0, le=366, description="Days after a dyad event a reaction may come.")]
    = DEFAULT_REACTION_DAYS,
) -> list[dict]:
    """Third parties that acted toward either side within ``days`` of the dyad's events."""
    return reactions(store.conn, DyadQuery(a=a, b=b, since=since, until=until), days).to_pylist()


@router.get("/brief", summary="A briefing on the dyad", response_class=Response,
            responses={200: {"content": {"text/markdown": {}, "text/html": {}, "application/json": {}},
                             "description": "The briefing, in Markdown, as a self-contained page, or "
                                            "as JSON (the dashboard's briefing view)."}})
def get_brief(a: Side, b: Side, store: StoreDep, since: Since = None, until: Until = None,
              format: Annotated[Literal["md", "html", "json"], Query(description="md, html or json.")]
              = "md") -> Response:
    """Highlights by sector, quotes, impact, reactions and risk flags, each citing its evidence."""
    from realpolitik.briefing import build_brief, load_rules, render_html, render_markdown

    brief = build_brief(store.conn, DyadQuery(a=a, b=b, since=since, until=until), load_rules())
    if format == "json":
        return JSONResponse(brief_to_dict(brief))
    if format == "md":
        return PlainTextResponse(render_markdown(brief), media_type="text/markdown; charset=utf-8")
    from realpolitik.briefing.chart import render_chart

    with _CHART_LOCK:
        chart = render_chart(brief)
    return HTMLResponse(render_html(brief, chart))
