"""PLOVER JSONL export: one PLOVER event record per stored event (issue #5, item 7).

Field names follow the PLOVER manual's interchange tables (PLOVER_MANUAL.tex, "PLOVER JSON",
"Information object for entities", "... for text", "... for citations"); the manual recommends
JSONL and allows providers to add named fields, which we do for what PLOVER has no name for.

PLOVER names used: ``id``, ``date`` (YYYY-MM-DD), ``actor`` and ``recipient`` (lists of entity
objects), ``event``, ``mode`` and ``context`` (lists), ``quad_code``, ``text``, ``text_info``
(``sequence``, ``start``, ``end``), ``cite_info`` (``citation``, ``url``, ``title``, ``language``,
``coder``) and ``coder``. Entity objects use ``code`` (the 3-letter country), ``sector`` (our role,
e.g. GOV), ``entity_text`` (the mention) and ``identifier_text`` (the resolved name).

Our additions: ``doc_id``, ``url``, ``modality``, ``cameo``, ``goldstein`` and ``confidence`` on the
record, and ``actor_code`` (the full CAMEO-style code, e.g. RUSGOV) on each entity. Goldstein is
not PLOVER's ``event_scale`` (a different scale), so it keeps its own name.

Choices: ``context`` carries our sectors (energy, trade, ...), which are not PLOVER's context
vocabulary; ``text`` is the evidence sentence, not the whole story. A symmetric event follows the
manual's convention for reciprocal events: both entities in ``actor``, ``recipient`` empty.
``recipient`` is an empty list when there is no target.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from realpolitik.store._joined import iter_events_with_documents, write_lines
from realpolitik.store.db import ALL_EVENTS, EventFilter


def _entity(row: dict[str, Any], side: str) -> dict[str, Any]:
    """One side of an event as a PLOVER entity object."""
    return {"code": row[f"{side}_country"], "sector": row[f"{side}_role"],
            "entity_text": row[f"{side}_text"], "identifier_text": row[f"{side}_name"],
            "actor_code": row[f"{side}_code"]}


def _sides(row: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The actor and recipient lists (reciprocal events: both sides are actors)."""
    actor = [_entity(row, "source")]
    has_target = any(row[f"target_{key}"] for key in ("text", "name", "country", "code"))
    if not has_target:
        return actor, []
    if row["symmetric"]:
        return [*actor, _entity(row, "target")], []
    return actor, [_entity(row, "target")]


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """Return one stored event (with its document fields) as a PLOVER JSON record.

    Args:
        row: A row from ``iter_events_with_documents``.

    Returns:
        A JSON-ready dict; see the module docstring for the fields.
    """
    when = row["date"] or row["document_date"]
    actor, recipient = _sides(row)
    return {
        "id": row["event_id"], "date": when.isoformat() if when else None,
        "actor": actor, "recipient": recipient,
        "event": [row["plover"]], "mode": [row["mode"]] if row["mode"] else [],
        "context": list(row["sectors"] or []), "quad_code": row["quad_class"],
        "text": row["evidence_text"],
        "text_info": {"sequence": row["sentence_index"], "start": row["evidence_start"],
                      "end": row["evidence_end"]},
        "cite_info": {"citation": row["doc_id"], "url": row["document_url"],
                      "title": row["document_title"], "language": row["document_language"],
                      "coder": row["coder"]},
        "coder": row["coder"],
        "doc_id": row["doc_id"], "url": row["document_url"], "modality": row["modality"],
        "cameo": row["cameo"], "goldstein": row["goldstein"], "confidence": row["confidence"],
    }


def export_plover_jsonl(conn: duckdb.DuckDBPyConnection, path: Path,
                        flt: EventFilter = ALL_EVENTS) -> int:
    """Write stored events as PLOVER JSONL: one JSON object per line, UTF-8.

    Args:
        conn: A connection to a migrated store.
        path: The file to write (parent folders are created; an existing file is replaced).
        flt: Which events; by default all.

    Returns:
        The number of records written.

    Raises:
        StoreError: If the query fails or the file cannot be written.
    """
    return write_lines(path, (json.dumps(plover_record(row), ensure_ascii=False)
                              for row in iter_events_with_documents(conn, flt)))
