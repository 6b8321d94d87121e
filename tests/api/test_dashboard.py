"""The dashboard: its routes and headers (TestClient), and the page itself in Debian's Chromium.

Browser tests drive /usr/bin/chromium through Playwright (never a downloaded browser) against a real
uvicorn server on 127.0.0.1 over a real DuckDB file holding the seed article and a document whose
text and title carry HTML and script payloads, all coded with the real model. Without Chromium they
fail, naming `make chromium`; they skip only when REALPOLITIK_SKIP_BROWSER=1 is set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from realpolitik.api import code_text
from realpolitik.api.app import ApiSettings, create_app
from realpolitik.api.background import serve_in_thread
from realpolitik.api.routes.dashboard import CONTENT_SECURITY_POLICY
from realpolitik.models import ActorRef, CodedDocument, Event, Evidence
from realpolitik.store.db import Store

SEED = Path(__file__).resolve().parents[2] / "sample" / "putin-india-visit.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SKIP_ENV = "REALPOLITIK_SKIP_BROWSER"

XSS_TITLE = "<img src=x onerror=\"window.__pwned='title'\">Payload"
XSS_TEXT = (
    '<script>window.__pwned = "script";</script>\n'
    "India and Russia signed a defence agreement in New Delhi on Friday "
    "<img src=x onerror=\"window.__pwned = 'img'\">.\n"
    "Russia and India agreed to expand trade in oil and gas "
    "<b onmouseover=\"window.__pwned = 'b'\">next year</b>.\n"
    "It was said by both of the delegations that the talks had been a success and that there would be more.\n"
)  # plain English enough for the language check: over a quarter of the words are function words

IND = ActorRef("India", "India", "IND", None, "IND")
RUS = ActorRef("Russia", "Russia", "RUS", None, "RUS")


# -- routes and headers (no browser) -----------------------------------------------------------------


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """A client over a store with one hand-made IND-RUS event."""
    event = Event(event_id="e1", date="2025-12-05", source=IND, target=RUS, symmetric=False,
                  plover="CONSULT", mode=None, cameo="040", quad_class=1, goldstein=1.0,
                  modality="asserted", sectors=("diplomacy",), evidence=Evidence("India met Russia.", 0, 17),
                  confidence=0.9, coder="test.coder.v1")
    doc = CodedDocument(id="d1", origin="d1.txt", date="2025-12-05", text="India met Russia.",
                        events=(event,))
    path = tmp_path / "dash.duckdb"
    with Store.open(path) as store:
        store.save(doc)
    with TestClient(create_app(ApiSettings(db=path, token=None))) as test_client:
        yield test_client


def test_dashboard_page_has_csp_and_local_assets(client: TestClient) -> None:
    response = client.get("/dashboard")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "http://" not in response.text and "https://" not in response.text  # no CDN, no fonts
    assert '<script src="/dashboard/assets/dashboard.js"' in response.text


@pytest.mark.parametrize(("name", "media"), [("dashboard.js", "text/javascript"),
                                           ("dashboard.css", "text/css")])
def test_dashboard_assets_are_served(client: TestClient, name: str, media: str) -> None:
    response = client.get(f"/dashboard/assets/{name}")
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("name", ["missing.js", "..%2Fapp.py", "dashboard.html"])
def test_dashboard_unknown_asset_is_404(client: TestClient, name: str) -> None:
    response = client.get(f"/dashboard/assets/{name}")
    assert response.status_code == 404 and response.json()["ok"] is False


def test_dashboard_script_never_uses_inner_html(client: TestClient) -> None:
    script = client.get("/dashboard/assets/dashboard.js").text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_root_redirects_to_dashboard(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/dashboard"


def test_dyads_lists_pairs_with_sides(client: TestClient) -> None:
    rows = client.get("/dyads").json()
    summary = [(row["dyad"], row["a"], row["b"], row["events"]) for row in rows]
    assert summary == [("IND-RUS", "IND", "RUS", 1)]


def test_brief_json_has_sections_and_evidence(client: TestClient) -> None:
    brief = client.get("/dyads/IND/RUS/brief", params={"format": "json"}).json()
    assert brief["a"] == "IND" and brief["events"] == 1
    assert brief["sectors"][0]["sector"] == "diplomacy"
    assert brief["sectors"][0]["highlights"][0]["date"] == "2025-12-05"
    assert brief["evidence"][0]["sentence"] == "India met Russia."


# -- the page in Chromium ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article (2025-12-05) and the payload document, coded with the real model."""
    path = tmp_path_factory.mktemp("dashboard") / "dashboard.duckdb"
    seed = code_text(SEED.read_text(encoding="utf-8"), date="2025-12-05", title="Putin in Delhi")
    hostile = code_text(XSS_TEXT, date="2025-12-06", title=XSS_TITLE)
    assert hostile.events, "the payload document must have events to show"
    with Store.open(path) as store:
        store.save_many([seed, hostile])
    return path


@pytest.fixture(scope="module")
def base_url(browser_db: Path) -> Iterator[str]:
    """A real uvicorn server over the coded store."""
    with serve_in_thread(create_app(ApiSettings(db=browser_db, token=None))) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright; fails loudly when it is missing."""
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: browser tests skipped on request")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `make chromium` (apt-get install chromium), "
                    f"or set {SKIP_ENV}=1 to skip the browser tests on purpose.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url: str):
    """A fresh page on the dashboard, fully loaded, recording every URL it requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    tab.goto(f"{base_url}/dashboard")
    tab.wait_for_selector("body[data-ready='true']")
    yield tab
    context.close()


def pick_dyad(page, label_start: str, dyad: str) -> None:
    """Choose a dyad in the picker by the start of its label and wait until its views are drawn."""
    value = page.locator("#dyad-picker option", has_text=label_start).first.get_attribute("value")
    page.select_option("#dyad-picker", value)
    page.wait_for_selector(f"body[data-dyad-ready='{dyad}']")


@pytest.mark.slow
def test_browser_pick_dyad_draws_chart_and_table(page, base_url: str) -> None:
    pick_dyad(page, "IND – RUS", "IND-RUS")
    expected = httpx.get(f"{base_url}/events", params={"dyad": "IND-RUS", "limit": 500}).json()["total"]
    assert expected > 0
    assert page.locator("#timeline svg circle.point-asserted").count() >= 1
    assert page.locator("#timeline svg circle.marker").count() == expected
    assert page.locator("#events-table tbody tr").count() == expected
    assert all(url.startswith(base_url) for url in page.requested)  # every asset and call is local
    assert page.text_content("#timeline-period") == "per day"  # auto: the seed's events share one day
    page.select_option("#period-picker", "month")
    page.wait_for_selector("body[data-dyad-ready='IND-RUS']")
    assert page.text_content("#timeline-period") == "per month"


@pytest.mark.slow
def test_browser_click_event_highlights_evidence_in_article(page, base_url: str) -> None:
    pick_dyad(page, "IND – RUS", "IND-RUS")
    row = page.locator("#events-table tbody tr").first
    event_id = row.get_attribute("data-event-id")
    row.click()
    mark = page.wait_for_selector("#article mark.evidence")
    events = httpx.get(f"{base_url}/events", params={"dyad": "IND-RUS", "limit": 500}).json()["items"]
    event = next(e for e in events if e["event_id"] == event_id)
    assert mark.text_content() == event["evidence"]["text"]
    assert "Putin" in page.text_content("#article")  # the whole article around it
    assert "selected" in (row.get_attribute("class") or "")
    page.locator("#timeline circle.marker").last.click()  # a timeline marker selects its event too
    assert page.locator("#events-table tbody tr.selected").count() == 1


@pytest.mark.slow
def test_browser_briefing_and_network(page) -> None:
    pick_dyad(page, "IND – RUS", "IND-RUS")
    brief = page.text_content("#brief")
    assert "Highlights by sector" in brief and "CAATSA" in brief and "We should work together" in brief
    assert page.get_attribute("#brief-link", "href") == "/dyads/IND/RUS/brief?format=html"
    labels = page.locator("#network svg .node text").all_text_contents()
    assert {"IND", "RUS"} <= set(labels)
    assert page.locator("#network .node.active").count() == 2
    assert page.locator("#network path.edge.active").count() >= 1
    page.locator("#brief .evidence-list li").first.click()  # evidence opens in its article
    page.wait_for_selector("#article mark.evidence")


@pytest.mark.slow
def test_browser_payload_in_article_stays_inert(page) -> None:
    pick_dyad(page, "IND – RUS", "IND-RUS")
    page.locator("#events-table tbody tr", has_text="onerror").first.click()
    page.wait_for_selector("#article mark.evidence")
    page.hover("#article")
    article = page.text_content("#article")
    assert '<script>window.__pwned = "script";</script>' in article  # shown as text
    assert "<img src=x onerror=" in page.text_content("#article mark.evidence")
    assert "<img src=x" in page.text_content("#article-meta")  # the title too
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("main b, main script").count() == 0
    sources = page.eval_on_selector_all("script", "nodes => nodes.map(n => n.getAttribute('src'))")
    assert sources == ["/dashboard/assets/dashboard.js"]
