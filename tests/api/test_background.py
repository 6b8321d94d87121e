"""serve_in_thread: a real uvicorn server on loopback that starts, answers and stops."""

from __future__ import annotations

import socket
import threading

import httpx
import pytest

from realpolitik.api.app import ApiSettings, create_app
from realpolitik.api.background import LOOPBACK, free_port, serve_in_thread
from realpolitik.errors import ConfigError


def test_serve_in_thread_answers_then_stops(tmp_path) -> None:
    app = create_app(ApiSettings(db=tmp_path / "bg.duckdb", token=None))
    before = threading.active_count()
    with serve_in_thread(app) as base_url:
        assert base_url.startswith(f"http://{LOOPBACK}:")
        assert httpx.get(f"{base_url}/documents", timeout=10).json()["total"] == 0
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/documents", timeout=2)
    assert threading.active_count() == before


def test_serve_in_thread_port_taken_raises_config_error(tmp_path) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 0)
        taken.bind((LOOPBACK, port))
        taken.listen()
        app = create_app(ApiSettings(db=tmp_path / "bg.duckdb", token=None))
        with pytest.raises(ConfigError, match="did not start"), serve_in_thread(app, port=port, timeout=5):
            pass
