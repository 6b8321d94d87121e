"""`realpolitik serve`: run the HTTP API with uvicorn (needs the `api` extra)."""

from __future__ import annotations

from pathlib import Path

import typer

from realpolitik.cli.console import err
from realpolitik.cli.query import DB
from realpolitik.errors import ConfigError

API_MISSING = ("`realpolitik serve` needs FastAPI and uvicorn, which are not installed ({error}). "
               "Install them with `pip install 'realpolitik[api]'`.")


def serve_cli(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 0.0.0.0 exposes the API to "
                             "the network."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    db: Path | None = DB,
) -> int:
    """Serve the HTTP API (docs at /docs) and the dashboard (/dashboard). Writes need $REALPOLITIK_TOKEN."""
    try:
        import uvicorn

        from realpolitik.api.app import create_app
        from realpolitik.api.settings import ApiSettings
    except ImportError as error:
        raise ConfigError(API_MISSING.format(error=error)) from None
    settings = ApiSettings() if db is None else ApiSettings(db=db)
    err.print(f"Dashboard: http://{host}:{port}/dashboard   API docs: http://{host}:{port}/docs")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
    return 0


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("serve")(serve_cli)
