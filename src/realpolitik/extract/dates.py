"""Parse the dates documents carry into YYYY-MM-DD."""

from __future__ import annotations

from datetime import date, datetime

from realpolitik.errors import ExtractionError


def normalise_date(value: str | None) -> str | None:
    """Return a YYYY-MM-DD date from YYYY-MM-DD or ISO 8601 text; raise ExtractionError("bad_date")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ExtractionError("bad_date", f"has a date that is not text: {value!r}; use YYYY-MM-DD.")
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise ExtractionError(
            "bad_date", f"has the date {text!r}, which is not YYYY-MM-DD or ISO 8601.") from None
