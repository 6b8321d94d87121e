"""Query parameters shared by list endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query

from realpolitik.api.settings import DEFAULT_PAGE_SIZE, ApiSettings

TOO_LARGE = "limit {value} is above this server's maximum page size, {most}. Ask for {most} or fewer."

Limit = Annotated[int, Query(ge=1, description="Rows per page (at most the server's max_page_size).")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip: the page starts after them.")]
DEFAULT_LIMIT = DEFAULT_PAGE_SIZE


def check_limit(limit: int, settings: ApiSettings) -> int:
    """Return ``limit``, or raise 400 when it is above the configured page size."""
    if limit > settings.max_page_size:
        raise HTTPException(400, TOO_LARGE.format(value=limit, most=settings.max_page_size))
    return limit
