"""GET /documents (paged) and GET /documents/{doc_id} (one document with its actors, events, quotes)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from realpolitik.analytics import catalog
from realpolitik.api.deps import SettingsDep, StoreDep
from realpolitik.api.routes._paging import DEFAULT_LIMIT, Limit, Offset, check_limit
from realpolitik.api.schemas import Document, DocumentPage, ErrorBody, document_from_rows

NOT_FOUND = "No stored document has the id {doc_id!r}. List them with GET /documents."

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", response_model=DocumentPage, summary="List stored documents",
            responses={400: {"model": ErrorBody}})
def list_documents(store: StoreDep, settings: SettingsDep, limit: Limit = DEFAULT_LIMIT,
                   offset: Offset = 0) -> dict:
    """Stored documents without their text, ordered by id, one page at a time."""
    check_limit(limit, settings)
    rows = catalog.document_page(store.conn, limit, offset).to_pylist()
    return {"total": catalog.count_documents(store.conn), "limit": limit, "offset": offset, "items": rows}


@router.get("/{doc_id}", response_model=Document, summary="One document with its actors, events and quotes",
            responses={404: {"model": ErrorBody}})
def get_document(doc_id: str, store: StoreDep) -> dict:
    """The stored document in the contract's shape, with its text."""
    found = catalog.document(store.conn, doc_id).to_pylist()
    if not found:
        raise HTTPException(404, NOT_FOUND.format(doc_id=doc_id))
    actors = catalog.document_actors(store.conn, doc_id).to_pylist()
    events = catalog.document_events(store.conn, doc_id).to_pylist()
    quotes = catalog.document_quotes(store.conn, doc_id).to_pylist()
    return document_from_rows(found[0], actors, events, quotes)
