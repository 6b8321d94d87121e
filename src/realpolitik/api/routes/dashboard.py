"""GET /dashboard: the analyst's page, and its script and stylesheet; GET / redirects to it.

The page is static HTML: it carries no data, so nothing user-derived is ever put into it on the
server. Its script reads the JSON endpoints (/dyads, /dyads/{a}/{b}/series, /events, /documents/{id},
/dyads/{a}/{b}/brief?format=json, /network) and renders every string with ``textContent``. All
assets are served from the package (no CDN, no external fonts), and a Content-Security-Policy
allows scripts and styles from this origin only, so even an injected tag could not run.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, Response

NOT_AN_ASSET = "The dashboard has no asset {name!r}. Open /dashboard instead."

# script-src 'self' is the point: no inline script and no other origin. The rest closes what the
# page does not use (objects, frames, forms elsewhere, a <base> that would redirect relative URLs).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
# The only files served: a fixed list, so no path from the URL ever reaches the file system.
ASSETS = {"dashboard.js": "text/javascript; charset=utf-8", "dashboard.css": "text/css; charset=utf-8"}

router = APIRouter(tags=["dashboard"], include_in_schema=False)


@cache
def _read(folder: str, name: str) -> str:
    """A file shipped in ``realpolitik/api/<folder>/`` (read once)."""
    return resources.files("realpolitik.api").joinpath(folder, name).read_text(encoding="utf-8")


@router.get("/", response_class=RedirectResponse)
def root() -> RedirectResponse:
    """Send visitors of the bare address to the dashboard."""
    return RedirectResponse("/dashboard", status_code=307)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard() -> HTMLResponse:
    """The dashboard page, with its Content-Security-Policy."""
    return HTMLResponse(_read("templates", "dashboard.html"), headers=SECURITY_HEADERS)


@router.get("/dashboard/assets/{name}")
def asset(name: str) -> Response:
    """The dashboard's script or stylesheet; anything else is 404."""
    if name not in ASSETS:
        raise HTTPException(404, NOT_AN_ASSET.format(name=name))
    return Response(_read("static", name), media_type=ASSETS[name], headers=SECURITY_HEADERS)
