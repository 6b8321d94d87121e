"""Query parameters shared by list endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query

from realpolitik.api.settings import DEFAULT_PAGE_SIZE, ApiSettings

TOO_LARGE = "limit {value} is above this server's maximum page size, {most}. Ask for {most} or fewer."

# Counts reach DuckDB as BIGINT: a larger number (schemathesis sent 1.9e21) would fail in the
# database with a 500, so the schema refuses it with a 422 first. No store comes near it.
MAX_COUNT = 2**62

Limit = Annotated[int, Query(ge=1, description="Rows per page (at most the server's max_page_size).")]
Offset = Annotated[int, Query(ge=0, le=MAX_COUNT, description="Rows to skip: the page starts after them.")]
DEFAULT_LIMIT = DEFAULT_PAGE_SIZE


def check_limit(limit: int, settings: ApiSettings) -> int:
    """Return ``limit``, or raise 400 when it is above the configured page size."""
    if limit > settings.max_page_size:
        raise HTTPException(400, TOO_LARGE.format(value=limit, most=settings.max_page_size))
    return limit
