"""schemathesis against the app's own OpenAPI schema: no request it generates gets a 5xx answer.

Requests go over real HTTP to a uvicorn server on 127.0.0.1 over a real DuckDB file. Every read
endpoint is exercised without a token, and POST /code both without one (always refused) and with
the server's token (codes the generated text with the real model). Example counts are kept small
so the whole module runs in well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from realpolitik.api.app import ApiSettings, create_app
from realpolitik.api.background import serve_in_thread
from realpolitik.models import Actor, ActorRef, CodedDocument, Event, Evidence, Quote
from realpolitik.store.db import Store

TOKEN = "schema-token"
EXAMPLES = 20  # per operation; ~14 operations, so a few hundred requests
CODE_EXAMPLES = 8  # POST /code runs the spaCy pipeline on each text
SETTINGS = dict(deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))

IND = ActorRef("India", "India", "IND", "GOV", "INDGOV")
RUS = ActorRef("Russia", "Russia", "RUS", None, "RUS")
USA = ActorRef("Washington", "United States", "USA", "GOV", "USAGOV")


def _event(event_id: str, source: ActorRef, target: ActorRef, date: str, modality: str) -> Event:
    """A stored event with plausible values."""
    return Event(event_id=event_id, date=date, source=source, target=target, symmetric=False,
                 plover="CONSULT", mode=None, cameo="040", quad_class=1, goldstein=1.0, modality=modality,
                 sectors=("diplomacy", "defence"), evidence=Evidence("India consulted Russia.", 0, 23),
                 confidence=0.8, coder="test.coder.v1")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A uvicorn server over a store with events in two dyads, a quote and actor mentions."""
    path = tmp_path_factory.mktemp("schema") / "schema.duckdb"
    events = [_event(f"e{i}", IND, RUS, f"2025-1{i % 3}-0{i % 9 + 1}", ("asserted", "hedged")[i % 2])
              for i in range(12)] + [_event("u1", USA, IND, "2025-12-08", "asserted")]
    doc = CodedDocument(id="d1", origin="d1.txt", title="T", date="2025-12-01",
                        text="India consulted Russia.",
                        actors=(Actor("India", 0, 5, "India", "state", "IND", None, "IND"),),
                        events=tuple(events), quotes=(Quote("We agree.", 0, 9, IND),))
    with Store.open(path) as store:
        store.save(doc)
    app = create_app(ApiSettings(db=path, token=TOKEN, max_page_size=100, max_text_chars=2000))
    with serve_in_thread(app) as url:
        yield url


# The schema does not depend on the store, so it is read from the app itself at import time
# (schemathesis's lazy fixture loader does not work with this pytest); requests go to the server.
SCHEMA_DICT = create_app(ApiSettings(db=":memory:")).openapi()
schema = schemathesis.openapi.from_dict(SCHEMA_DICT)


@schema.parametrize()
@settings(max_examples=EXAMPLES, **SETTINGS)
def test_schema_no_server_error_without_token(case, base_url: str) -> None:
    response = case.call(base_url=base_url)
    case.validate_response(response, checks=[not_a_server_error])
    if case.operation.path == "/code":  # never coded without the token: 401, or 4xx for a bad request
        assert 400 <= response.status_code < 500


@pytest.mark.slow
@schema.include(path="/code").parametrize()
@settings(max_examples=CODE_EXAMPLES, **SETTINGS)
def test_schema_code_with_token_no_server_error(case, base_url: str) -> None:
    response = case.call(base_url=base_url, headers={"Authorization": f"Bearer {TOKEN}"})
    case.validate_response(response, checks=[not_a_server_error])


def test_schema_lists_every_read_endpoint(base_url: str) -> None:
    served = httpx.get(f"{base_url}/openapi.json").json()
    assert served == SCHEMA_DICT
    paths = set(served["paths"])
    assert {"/documents", "/documents/{doc_id}", "/events", "/actors", "/network", "/dyads",
            "/dyads/{a}/{b}/series", "/dyads/{a}/{b}/sectors", "/dyads/{a}/{b}/reactions",
            "/dyads/{a}/{b}/brief", "/code"} <= paths
    assert "/dashboard" not in paths  # the page is not part of the API
