"""GET /actors (who is mentioned, how often) and GET /network (who acts toward whom)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from realpolitik.analytics import actor_network, catalog
from realpolitik.api.deps import SettingsDep, StoreDep
from realpolitik.api.routes._paging import DEFAULT_LIMIT, MAX_COUNT, Limit, Offset, check_limit
from realpolitik.api.schemas import ActorPage, ErrorBody, NetworkEdge

router = APIRouter(prefix="", tags=["actors"])


@router.get("/actors", response_model=ActorPage, summary="Distinct actors with mention counts",
            responses={400: {"model": ErrorBody}})
def list_actors(store: StoreDep, settings: SettingsDep, limit: Limit = DEFAULT_LIMIT,
                offset: Offset = 0) -> dict:
    """Actor codes (else countries) mentioned in stored documents, most mentioned first."""
    check_limit(limit, settings)
    rows = catalog.actor_counts(store.conn, limit, offset).to_pylist()
    return {"total": catalog.count_actors(store.conn), "limit": limit, "offset": offset, "items": rows}


@router.get("/network", response_model=list[NetworkEdge], summary="The actor network",
            responses={400: {"model": ErrorBody}})
def get_network(
    store: StoreDep,
    since: Annotated[str | None, Query(description="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Last date, YYYY-MM-DD.")] = None,
    min_events: Annotated[int, Query(ge=1, le=MAX_COUNT,
                                     description="Keep edges with at least this many events.")] = 1,
) -> list[dict]:
    """Weighted, directed edges between sides; symmetric events add to both directions."""
    return actor_network(store.conn, since=since, until=until, min_events=min_events).to_pylist()
