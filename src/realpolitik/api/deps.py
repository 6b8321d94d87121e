"""FastAPI dependencies: the settings, a per-request store, and the write token.

DuckDB connections must not be used by two threads at once, and FastAPI runs sync handlers in a
thread pool. So the app keeps one root connection per database file (opened lazily, closed on
shutdown) and every request gets its own ``Store`` over a fresh ``cursor()`` of it: a cursor is an
independent connection to the same database, closed when the request ends. Tests replace
``get_settings`` or ``get_store`` through ``app.dependency_overrides``.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from realpolitik.api.settings import TOKEN_ENV_VAR, ApiSettings
from realpolitik.store.db import Store

NO_TOKEN_CONFIGURED = (
    "Writes are disabled: this server has no API token. Set the {env} environment variable (or "
    "ApiSettings.token) before starting it, then send `Authorization: Bearer <token>`."
)
BAD_TOKEN = "This request needs a valid token: send `Authorization: Bearer <token>` with the server's token."

_bearer = HTTPBearer(auto_error=False, description="The server's token (REALPOLITIK_TOKEN).")


class StorePool:
    """One root store per database file, shared by the app; hands out per-request cursors."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._roots: dict[str, Store] = {}

    def cursor_store(self, path: str) -> Store:
        """A new Store over a cursor of the root connection for ``path`` (opened on first use)."""
        with self._lock:
            root = self._roots.get(path)
            if root is None:
                root = self._roots[path] = Store.open(path)
            cursor = root.conn.cursor()
        return Store(cursor, root.path, migrated=True)  # the root ran the migrations when it opened

    def close(self) -> None:
        """Close every root connection (their cursors go with them)."""
        with self._lock:
            for root in self._roots.values():
                root.close()
            self._roots.clear()


def get_settings(request: Request) -> ApiSettings:
    """Return the settings the app was created with."""
    return request.app.state.settings


def get_store(request: Request,
              settings: Annotated[ApiSettings, Depends(get_settings)]) -> Iterator[Store]:
    """Yield a store for this request only, over its own cursor; it is closed afterwards."""
    store = request.app.state.stores.cursor_store(str(settings.db))
    try:
        yield store
    finally:
        store.close()


def require_token(
    settings: Annotated[ApiSettings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let the request through only with ``Authorization: Bearer <the configured token>``.

    Raises:
        HTTPException: 403 when the server has no token (writes are off), 401 when the header is
            missing or the token is wrong.
    """
    if not settings.token:
        raise HTTPException(status.HTTP_403_FORBIDDEN, NO_TOKEN_CONFIGURED.format(env=TOKEN_ENV_VAR))
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, BAD_TOKEN,
                            headers={"WWW-Authenticate": "Bearer"})


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ApiSettings, Depends(get_settings)]
