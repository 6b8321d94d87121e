"""Settings of the HTTP API (kept apart from ``app.py`` so dependencies can import them)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from realpolitik.errors import ConfigError
from realpolitik.store.db import default_db_path

TOKEN_ENV_VAR = "REALPOLITIK_TOKEN"
DEFAULT_PAGE_SIZE = 50
DEFAULT_MAX_PAGE_SIZE = 500  # one page of events is ~1 kB a row: 500 rows stay well under a megabyte
DEFAULT_MAX_TEXT_CHARS = 200_000  # POST /code: a long feature article is ~50k characters

BAD_SETTING = "ApiSettings.{name} is {value!r}. Use a whole number of at least 1."


def _token_from_env() -> str | None:
    """The token in $REALPOLITIK_TOKEN, or None when unset or empty."""
    return os.environ.get(TOKEN_ENV_VAR) or None


@dataclass(frozen=True)
class ApiSettings:
    """How the API server runs.

    Attributes:
        db: The DuckDB store file (default: $REALPOLITIK_DB or ./realpolitik.duckdb).
        token: The bearer token that writes need (default: $REALPOLITIK_TOKEN); None turns
            writes off.
        max_page_size: The largest ``limit`` a list endpoint accepts.
        max_text_chars: The longest text ``POST /code`` accepts.

    Raises:
        ConfigError: If a size is below 1.
    """

    db: Path | str = field(default_factory=default_db_path)
    token: str | None = field(default_factory=_token_from_env, repr=False)
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS

    def __post_init__(self) -> None:
        """Check the sizes now, so a bad setting fails at start-up."""
        for name in ("max_page_size", "max_text_chars"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(BAD_SETTING.format(name=name, value=value))
