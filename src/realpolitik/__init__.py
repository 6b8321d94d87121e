"""realpolitik: turn news about world affairs into evidence-backed, queryable political event data.

    >>> import realpolitik
    >>> doc = realpolitik.code_text("India and Russia signed a defence agreement.", date="2025-12-05")
    >>> [(e.source.country, e.target.country, e.plover) for e in doc.events]
    [('IND', 'RUS', 'SUPPORT')]
"""

from __future__ import annotations

__version__ = "0.1.0"

from realpolitik.api import InputOptions, code_paths, code_text
from realpolitik.errors import (
    CodingError,
    ConfigError,
    ExtractionError,
    IngestError,
    RealpolitikError,
    StoreError,
)
from realpolitik.models import (
    Actor,
    ActorRef,
    Article,
    CodedDocument,
    Event,
    Evidence,
    Quote,
    RawDocument,
    Rejection,
)
from realpolitik.pipeline import make_engine

__all__ = [
    "Actor",
    "ActorRef",
    "Article",
    "CodedDocument",
    "CodingError",
    "ConfigError",
    "Event",
    "Evidence",
    "ExtractionError",
    "IngestError",
    "InputOptions",
    "Quote",
    "RawDocument",
    "RealpolitikError",
    "Rejection",
    "StoreError",
    "__version__",
    "code_paths",
    "code_text",
    "make_engine",
]
