"""The realpolitik HTTP API: ``create_app(settings)`` builds a FastAPI app over one DuckDB store.

Read endpoints are open; ``POST /code`` needs ``Authorization: Bearer <REALPOLITIK_TOKEN>``. The
OpenAPI schema is at ``/openapi.json`` and interactive docs at ``/docs``. Run it with
``realpolitik serve`` (uvicorn, bound to 127.0.0.1 unless told otherwise).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from realpolitik import __version__
from realpolitik.api.deps import StorePool
from realpolitik.api.errors import install_error_handlers
from realpolitik.api.routes import ROUTERS
from realpolitik.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]

DESCRIPTION = """Query political events coded from news (CAMEO/PLOVER, Goldstein, QuadClass,
modality, sectors, evidence sentences), per-dyad analytics and briefings, and code new texts.

Errors are JSON: `{"ok": false, "error": "...", "status": 400}`. Writes need a bearer token."""

TAGS = [
    {"name": "documents", "description": "Stored documents and their coding."},
    {"name": "events", "description": "Stored events, filtered and paged."},
    {"name": "actors", "description": "Who is mentioned, and who acts toward whom."},
    {"name": "dyads", "description": "Analytics and briefings on a pair of sides, e.g. IND and RUS."},
    {"name": "code", "description": "Code new text (needs the token)."},
]


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """Build the API app.

    Args:
        settings: Where the store is, the write token and limits; by default from the environment
            ($REALPOLITIK_DB, $REALPOLITIK_TOKEN).

    Returns:
        The app. The store is opened on the first request and closed when the app shuts down.
    """
    settings = settings or ApiSettings()
    stores = StorePool()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Close the store connections on shutdown."""
        yield
        stores.close()

    app = FastAPI(title="realpolitik", version=__version__, description=DESCRIPTION,
                  openapi_tags=TAGS, lifespan=lifespan)
    app.state.settings = settings
    app.state.stores = stores
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
