"""GET /dyads: every pair of sides with events between them, busiest first (the dashboard's picker)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from realpolitik.api.deps import SettingsDep, StoreDep
from realpolitik.api.routes._paging import check_limit
from realpolitik.api.schemas import DyadRow, ErrorBody
from realpolitik.store.db import EventFilter

router = APIRouter(prefix="/dyads", tags=["dyads"])

DEFAULT_DYADS = 100


@router.get("", response_model=list[DyadRow], summary="Dyads with events, busiest first",
            responses={400: {"model": ErrorBody}})
def list_dyads(
    store: StoreDep, settings: SettingsDep,
    since: Annotated[str | None, Query(description="First event date, YYYY-MM-DD, inclusive.")] = None,
    until: Annotated[str | None, Query(description="Last event date, YYYY-MM-DD, inclusive.")] = None,
    limit: Annotated[int, Query(ge=1, description="At most this many dyads.")] = DEFAULT_DYADS,
) -> list[dict]:
    """Per unordered pair of sides: event counts, QuadClass counts and Goldstein figures (asserted
    events only in the QuadClass and Goldstein columns), first and last date."""
    check_limit(limit, settings)
    rows = store.dyad_summary(EventFilter(since=since, until=until, limit=limit)).to_pylist()
    for row in rows:
        row["a"], _, row["b"] = row["dyad"].partition("-")
    return rows
