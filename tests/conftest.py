"""Shared fixtures: the real engine (loaded once), a blank tokenizer, paths to shared data."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import spacy

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "sample" / "putin-india-visit.txt"
SAMPLE_CORPUS = REPO / "sample" / "corpus.jsonl"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def engine():
    """The packaged engine with the real spaCy model."""
    from realpolitik.pipeline import default_engine

    return default_engine()


@pytest.fixture(scope="session")
def blank_nlp():
    """A tokenizer-only English pipeline, for tests that build Docs by hand."""
    return spacy.blank("en")


@pytest.fixture(scope="session")
def blank_matcher(blank_nlp):
    """The actor matcher over the packaged dictionary, on the blank pipeline's vocab."""
    from realpolitik.nlp.actors import ActorMatcher
    from realpolitik.nlp.dictionary import default_dictionary

    return ActorMatcher(blank_nlp, default_dictionary())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh DuckDB file path."""
    return tmp_path / "store" / "test.duckdb"


class LocalWeb:
    """A real HTTP server on 127.0.0.1 in a thread, serving routes that tests set and change.

    ``routes[path]`` is ``(status, headers, body)``; ``delays[path]`` seconds are slept before a
    route answers. Every request's path is appended to ``requests``.
    """

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.delays: dict[str, float] = {}
        self.requests: list[str] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                import time

                web.requests.append(self.path)
                time.sleep(web.delays.get(self.path, 0.0))
                status, headers, body = web.routes.get(self.path, (404, {}, b"not found"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # The client may hang up (size cap, timeout): that is the point of some tests.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return self.base + path

    def serve(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
              status: int = 200, **headers: str) -> str:
        """Serve a body at a path; return its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **headers}, data)
        return self.url(path)

    def close(self) -> None:
        """Stop the server."""
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def web():
    """A real local HTTP server (see LocalWeb); fetch from it with allow_private / --allow-private."""
    server = LocalWeb()
    yield server
    server.close()
