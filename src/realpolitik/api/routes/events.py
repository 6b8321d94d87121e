"""GET /events: stored events, filtered and paged, with the total count."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from realpolitik.analytics import catalog
from realpolitik.api.deps import SettingsDep, StoreDep
from realpolitik.api.routes._paging import DEFAULT_LIMIT, Limit, Offset, check_limit
from realpolitik.api.schemas import ErrorBody, EventPage, event_from_row
from realpolitik.errors import BAD_DYAD, ConfigError
from realpolitik.store.db import EventFilter

router = APIRouter(prefix="/events", tags=["events"])

Actor = Annotated[str | None, Query(description="Country or code prefix on either side: IND, USAGOV.")]
Dyad = Annotated[str | None, Query(description="Two sides joined by a dash, either direction: IND-RUS.")]
PloverType = Annotated[str | None, Query(description="PLOVER type, e.g. CONSULT.")]
Since = Annotated[str | None, Query(description="First date, YYYY-MM-DD, inclusive.")]
Until = Annotated[str | None, Query(description="Last date, YYYY-MM-DD, inclusive.")]
Modality = Annotated[str | None, Query(description="asserted, hedged, future, hypothetical or negated.")]


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """``"IND-RUS"`` as ``("IND", "RUS")``; raise ConfigError unless it is two codes and a dash."""
    if value is None:
        return None
    parts = [part.strip().upper() for part in value.split("-")]
    if len(parts) != 2 or not all(parts):
        raise ConfigError(BAD_DYAD.format(value=value).replace("--dyad", "dyad"))
    return parts[0], parts[1]


@router.get("", response_model=EventPage, summary="List stored events",
            responses={400: {"model": ErrorBody}})
def list_events(
    store: StoreDep, settings: SettingsDep, actor: Actor = None, dyad: Dyad = None,
    type: PloverType = None, since: Since = None, until: Until = None, modality: Modality = None,
    limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
) -> dict:
    """Events passing every filter given, in the store's order (date, document, sentence)."""
    check_limit(limit, settings)
    flt = EventFilter(actor=actor, dyad=parse_dyad(dyad), plover=type, since=since, until=until,
                      modality=modality)
    rows = catalog.event_page(store.conn, flt, limit, offset).to_pylist()
    total = catalog.count_events(store.conn, flt)
    return {"total": total, "limit": limit, "offset": offset, "items": [event_from_row(r) for r in rows]}
