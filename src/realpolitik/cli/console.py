"""Where the CLI writes: Rich consoles for people, plain stdout for machines."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

# Piped output (make, less, files) gets a wide page rather than Rich's 80-column default.
PIPED_WIDTH = 160
out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else PIPED_WIDTH)
err = Console(stderr=True, highlight=False)


def write_json_line(obj: Any) -> None:
    """Write one JSON object as a line on stdout (no Rich markup, no wrapping)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def write_text(text: str) -> None:
    """Write plain text to stdout."""
    sys.stdout.write(text)


def report_rejection(origin: str, reason: str, detail: str) -> None:
    """Print one rejection to stderr: the reason code and the explanation."""
    err.print(Text.assemble(("Rejected ", "yellow"), (reason, "bold"), ": ", detail), soft_wrap=True)
