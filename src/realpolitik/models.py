"""The records that flow through realpolitik: documents, rejections, actors, events and quotes.

All are frozen dataclasses; ``to_dict`` gives the exact JSON shape of ../CONTRACT.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

MODALITIES = ("asserted", "hedged", "future", "hypothetical", "negated")
SECTORS = (
    "defence", "energy", "trade", "finance", "security", "technology", "health", "diplomacy",
    "humanitarian", "environment", "legal", "other",
)
ACTOR_KINDS = ("person", "state", "organization", "group")


@dataclass(frozen=True)
class RawDocument:
    """One input document before extraction: its bytes or text and the metadata known so far."""

    origin: str
    content: str | bytes
    media_type: str = "text/plain"
    id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    size: int | None = None  # bytes of the whole input when only its head was read
    crawl_date: str | None = None  # when the page was fetched (WARC-Date): used if the page gives no date


@dataclass(frozen=True)
class Article:
    """A document reduced to the text we code, with its metadata."""

    id: str
    text: str
    origin: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Rejection:
    """A document that could not be coded, with the reason (a short code) and a human explanation."""

    origin: str
    reason: str
    detail: str
    id: str | None = None

    def to_dict(self) -> dict[str, str]:
        """Return the contract's ``rejected`` object."""
        return {"reason": self.reason, "detail": self.detail}


@dataclass(frozen=True)
class Actor:
    """One mention of an actor in the text, resolved to a state, organisation or group."""

    text: str
    start: int
    end: int
    name: str | None
    kind: str
    country: str | None
    role: str | None
    code: str | None

    def ref(self) -> ActorRef:
        """Return the reference an event or quote carries."""
        return ActorRef(self.text, self.name, self.country, self.role, self.code)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's Actor object."""
        return asdict(self)


@dataclass(frozen=True)
class ActorRef:
    """An actor as an event or quote refers to it."""

    text: str
    name: str | None
    country: str | None
    role: str | None
    code: str | None
    # For event arguments: the character span of the whole noun phrase that names the actor in the
    # document text ("the Russian army's new commander"), which can be wider than the mention.
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's ActorRef object."""
        return asdict(self)


@dataclass(frozen=True)
class Evidence:
    """The sentence an event rests on, with character offsets into the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, how certainly, with its evidence and provenance."""

    event_id: str
    date: str | None
    source: ActorRef
    target: ActorRef | None
    symmetric: bool
    plover: str
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    modality: str
    sectors: tuple[str, ...]
    evidence: Evidence
    confidence: float
    coder: str
    sentence_index: int = 0
    trigger: str = ""
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's Event object (provenance extras included)."""
        return {
            "event_id": self.event_id, "date": self.date,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "symmetric": self.symmetric, "plover": self.plover, "mode": self.mode,
            "cameo": self.cameo, "quad_class": self.quad_class, "goldstein": self.goldstein,
            "modality": self.modality, "sectors": list(self.sectors),
            "evidence": asdict(self.evidence), "confidence": self.confidence, "coder": self.coder,
            "sentence_index": self.sentence_index, "trigger": self.trigger, "rule": self.rule,
        }


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it."""

    text: str
    start: int
    end: int
    speaker: ActorRef | None

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's Quote object."""
        return {"text": self.text, "start": self.start, "end": self.end,
                "speaker": self.speaker.to_dict() if self.speaker else None}


@dataclass(frozen=True)
class CodedDocument:
    """The result of coding one document: what the CLI prints and the store keeps."""

    id: str
    origin: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = "en"
    text: str = ""
    rejected: Rejection | None = None
    actors: tuple[Actor, ...] = field(default_factory=tuple)
    events: tuple[Event, ...] = field(default_factory=tuple)
    quotes: tuple[Quote, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's per-document JSON object."""
        return {
            "id": self.id, "title": self.title, "date": self.date, "url": self.url,
            "language": self.language,
            "rejected": self.rejected.to_dict() if self.rejected else None,
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
        }
