"""Pydantic models of what the API takes and returns, and converters from stored rows.

The document, Actor, Event, ActorRef and Quote models mirror ``CONTRACT.md`` field for field (the
same JSON that ``realpolitik code --format jsonl`` prints); they may add fields, never rename one.
Analytics rows mirror the columns of the ``analytics/`` functions that produce them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from realpolitik.briefing import Brief

Modality = Literal["asserted", "hedged", "future", "hypothetical", "negated"]


def _iso(value: Any) -> str | None:
    """A stored date (or None) as YYYY-MM-DD."""
    return value.isoformat() if isinstance(value, dt.date) else value


class ErrorBody(BaseModel):
    """Every error response."""

    ok: Literal[False] = False
    error: str = Field(description="What went wrong and what to do.")
    status: int = Field(description="The HTTP status, repeated.")


class ActorRef(BaseModel):
    """An actor as an event or quote refers to it."""

    text: str
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code, or null.")
    role: str | None = None
    code: str | None = Field(None, description="Actor code, e.g. INDGOV or IGONATO.")


class Actor(ActorRef):
    """One actor mention in a document, with its character span."""

    start: int
    end: int
    kind: str | None = Field(None, description="person, state, organization or group.")


class Evidence(BaseModel):
    """The sentence an event rests on, with character offsets into the document text."""

    text: str
    start: int
    end: int


class Event(BaseModel):
    """One coded event (CONTRACT.md's Event, plus its document id and provenance)."""

    event_id: str
    doc_id: str | None = Field(None, description="The stored document the event comes from.")
    date: str | None = Field(None, description="YYYY-MM-DD.")
    source: ActorRef
    target: ActorRef | None = None
    symmetric: bool = Field(description="Joint event: source and target order carries no meaning.")
    plover: str
    mode: str | None = None
    cameo: str
    quad_class: int = Field(description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material.")
    goldstein: float
    modality: str
    sectors: list[str]
    evidence: Evidence
    confidence: float
    coder: str
    sentence_index: int | None = None
    trigger: str | None = None
    rule: str | None = None
    num_mentions: int = Field(1, description="Times this act (same date, sides and code) was coded across "
                                             "the document's copies (GDELT NumMentions).")
    num_sources: int = Field(1, description="Distinct sites among those copies (GDELT NumSources).")
    num_articles: int = Field(1, description="Copies of the story that report it (GDELT NumArticles).")


class Quote(BaseModel):
    """A direct quotation and who said it."""

    text: str
    start: int
    end: int
    speaker: ActorRef | None = None


class Rejection(BaseModel):
    """Why a document was not coded."""

    reason: str
    detail: str


class Document(BaseModel):
    """A coded document: CONTRACT.md's per-document object (``text`` only on GET /documents/{id})."""

    id: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    rejected: Rejection | None = None
    actors: list[Actor]
    events: list[Event]
    quotes: list[Quote]
    origin: str | None = None
    source: str | None = None
    text: str | None = None


class DocumentSummary(BaseModel):
    """A stored document without its text, actors, events or quotes."""

    id: str
    origin: str | None = None
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    n_events: int | None = None
    ingested_at: dt.datetime | None = None


class Page(BaseModel):
    """The paging figures of a list response."""

    total: int = Field(description="Rows matching in all, across every page.")
    limit: int
    offset: int


class DocumentPage(Page):
    """One page of documents."""

    items: list[DocumentSummary]


class EventPage(Page):
    """One page of events."""

    items: list[Event]


class ActorCount(BaseModel):
    """A distinct actor (code, else country) and how often it is mentioned."""

    code: str
    country: str | None = None
    kind: str | None = None
    name: str | None = None
    mentions: int
    documents: int


class ActorPage(Page):
    """One page of actors, most mentioned first."""

    items: list[ActorCount]


class NetworkEdge(BaseModel):
    """A directed who-acts-toward-whom edge (``analytics.actor_network``)."""

    source_side: str
    target_side: str
    events: int
    asserted_events: int
    other_events: int
    symmetric_events: int
    goldstein_sum: float
    other_goldstein_sum: float


class QuadClassCounts(BaseModel):
    """Event counts by QuadClass with their Goldstein total and mean (shared by dyad rows)."""

    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None = None


class DyadRow(QuadClassCounts):
    """A pair of sides and its event counts (``Store.dyad_summary``); QuadClass and Goldstein
    figures cover asserted events only."""

    dyad: str = Field(description="The two sides, sorted and joined by a dash: IND-RUS.")
    a: str
    b: str
    asserted: int
    other_modality: int
    first_date: dt.date | None = None
    last_date: dt.date | None = None


class SeriesRow(QuadClassCounts):
    """A dyad's figures for one period and modality group (``analytics.dyad_series``)."""

    period_start: dt.date
    modality_group: Literal["asserted", "other"]
    coop_conflict_index: float | None = Field(None, description="(coop - conflict) / (coop + conflict).")


class SectorRow(BaseModel):
    """A dyad's events in one sector and modality group (``analytics.dyad_sectors``)."""

    sector: str
    modality_group: Literal["asserted", "other"]
    events: int
    goldstein_sum: float


class ReactionRow(BaseModel):
    """A third party acting toward a side of the dyad soon after its events (``analytics.reactions``)."""

    reactor: str
    toward: str
    first_date: dt.date | None = None
    events: int
    asserted_events: int
    other_events: int
    goldstein_sum: float
    other_goldstein_sum: float
    plover_types: list[str]
    other_plover_types: list[str]
    evidence_text: str | None = None
    evidence_modality: str | None = None
    doc_id: str | None = None
    event_id: str | None = None
    trigger_date: dt.date | None = None
    trigger_event_id: str | None = None


class CodeRequest(BaseModel):
    """A text to code, with its metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article body.")
    date: str | None = Field(None, description="Publication date, YYYY-MM-DD.", examples=["2025-12-05"])
    title: str | None = None
    url: str | None = None
    store: bool = Field(False, description="Also keep the coded document in the store.")


class CodeResponse(Document):
    """The coded document, and whether this request stored it."""

    stored: bool = Field(False, description="True if the document was newly stored.")


def _ref(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    """The ActorRef kept in a row's ``{prefix}_*`` columns, or None when they are all empty."""
    keys = ("text", "name", "country", "role", "code")
    values = {key: row.get(f"{prefix}_{key}") for key in keys}
    if all(value is None for value in values.values()):
        return None
    return {**values, "text": values["text"] or ""}


def event_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored ``events`` row as the contract's Event object."""
    return {
        "event_id": row["event_id"], "doc_id": row.get("doc_id"), "date": _iso(row.get("date")),
        "source": _ref(row, "source") or {"text": ""}, "target": _ref(row, "target"),
        "symmetric": bool(row.get("symmetric")), "plover": row["plover"], "mode": row.get("mode"),
        "cameo": row["cameo"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
        "modality": row["modality"], "sectors": list(row.get("sectors") or []),
        "evidence": {"text": row.get("evidence_text") or "", "start": row.get("evidence_start") or 0,
                     "end": row.get("evidence_end") or 0},
        "confidence": row["confidence"], "coder": row["coder"],
        "sentence_index": row.get("sentence_index"), "trigger": row.get("trigger"), "rule": row.get("rule"),
        **{name: row.get(name) or 1 for name in ("num_mentions", "num_sources", "num_articles")},
    }


def actor_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored ``actors`` row as the contract's Actor object."""
    return {"text": row["text"], "start": row["start_char"], "end": row["end_char"], "name": row["name"],
            "kind": row["kind"], "country": row["country"], "role": row["role"], "code": row["code"]}


def quote_from_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored ``quotes`` row as the contract's Quote object."""
    return {"text": row["text"], "start": row["start_char"], "end": row["end_char"],
            "speaker": _ref(row, "speaker")}


def document_from_rows(doc: dict[str, Any], actors: list[dict], events: list[dict],
                       quotes: list[dict]) -> dict[str, Any]:
    """A stored document and its rows as the contract's document object (plus origin, source, text)."""
    return {
        "id": doc["id"], "title": doc.get("title"), "date": _iso(doc.get("date")), "url": doc.get("url"),
        "language": doc.get("language"), "rejected": None,
        "actors": [actor_from_row(row) for row in actors],
        "events": [event_from_row(row) for row in events],
        "quotes": [quote_from_row(row) for row in quotes],
        "origin": doc.get("origin"), "source": doc.get("source"), "text": doc.get("text"),
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """A ``Brief`` as JSON-ready data: dates as YYYY-MM-DD, sectors as ``{sector, highlights}``."""
    data = dataclasses.asdict(brief)
    data["sectors"] = [{"sector": sector, "highlights": items} for sector, items in data["sectors"]]
    return _dates_to_iso(data)


def _dates_to_iso(value: Any) -> Any:
    """``value`` with every date inside it (dicts and lists, recursively) as an ISO string."""
    if isinstance(value, dict):
        return {key: _dates_to_iso(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_dates_to_iso(item) for item in value]
    return _iso(value)
