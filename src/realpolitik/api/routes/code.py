"""POST /code: code one text and return the contract's document object, optionally storing it.

The token is required for every call, not only with ``"store": true``: coding runs the spaCy
pipeline (tens of milliseconds to seconds of CPU per text), so an open endpoint is an easy way to
exhaust the server. Read endpoints stay open.
"""

from __future__ import annotations

import threading

from fastapi import APIRouter, Depends, HTTPException

from realpolitik.api.deps import SettingsDep, StoreDep, require_token
from realpolitik.api.schemas import CodeRequest, CodeResponse, ErrorBody

TOO_LONG = ("The text has {size} characters, more than this server accepts ({most}). Split it, or "
            "raise ApiSettings.max_text_chars.")

router = APIRouter(prefix="/code", tags=["code"], dependencies=[Depends(require_token)])

# One document at a time through the shared spaCy pipeline: it is not documented as thread-safe.
_CODING_LOCK = threading.Lock()


@router.post("", response_model=CodeResponse, summary="Code a text (needs the token)",
             responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                        413: {"model": ErrorBody}})
def code_document(body: CodeRequest, store: StoreDep, settings: SettingsDep) -> dict:
    """Code the text into actors, events and quotes; with ``store: true`` also keep it."""
    from realpolitik.api import code_text

    if len(body.text) > settings.max_text_chars:
        raise HTTPException(413, TOO_LONG.format(size=len(body.text), most=settings.max_text_chars))
    with _CODING_LOCK:
        doc = code_text(body.text, date=body.date, title=body.title, url=body.url)
    stored = store.save(doc) if body.store else False
    return {**doc.to_dict(), "origin": doc.origin, "source": doc.source, "stored": stored}
