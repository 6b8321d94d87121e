"""One JSON error shape for every failure: ``{"ok": false, "error": "...", "status": 400}``.

- ``StoreError`` -> 500 with a fixed, safe message (the real one, which names paths, is logged).
- ``CodingError`` -> 500 likewise: the NLP stage failing is the server's fault, not the caller's.
- any other ``RealpolitikError`` (``ConfigError``: a bad date, dyad, period...) -> 400 with its
  message, which says what to do.
- ``HTTPException`` (404, 401, 403...) -> its status and detail, headers kept.
- request validation errors -> 422 (as documented in the OpenAPI schema), one line per problem.
- anything else -> 500 with a fixed message. No response ever carries a traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from realpolitik.errors import CodingError, RealpolitikError, StoreError

logger = logging.getLogger(__name__)

STORE_FAILED = "The event store could not answer this request. The server log has the details."
CODING_FAILED = "The event coder failed on this text. The server log has the details."
INTERNAL = "Internal server error. The server log has the details; please report it."


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON error body every failure uses."""
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status,
                        headers=headers)


async def _realpolitik_error(request: Request, exc: Exception) -> JSONResponse:
    """RealpolitikError: the caller's mistake (400) unless it is the store's or the coder's (500)."""
    if isinstance(exc, StoreError | CodingError):
        logger.error("%s %s failed: %s", request.method, request.url.path, exc)
        return error_response(500, STORE_FAILED if isinstance(exc, StoreError) else CODING_FAILED)
    return error_response(400, str(exc))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    """An HTTPException in the common shape, keeping its headers (WWW-Authenticate)."""
    assert isinstance(exc, StarletteHTTPException)
    return error_response(exc.status_code, str(exc.detail), getattr(exc, "headers", None))


def _describe(error: dict) -> str:
    """One validation problem as text: where, then what."""
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid value')}"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """A request that does not fit the schema: 422 listing each problem."""
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(_describe(error) for error in exc.errors())
    return error_response(422, f"The request is not valid: {problems}.")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """A bug: log the traceback, answer with a fixed message."""
    logger.exception("%s %s raised", request.method, request.url.path)
    return error_response(500, INTERNAL)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(RealpolitikError, _realpolitik_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
