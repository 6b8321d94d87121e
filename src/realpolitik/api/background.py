"""Run the app under a real uvicorn server in a background thread, on loopback.

The browser tests, the schema tests, ``benchmarks/load.py`` and ``tools/screenshot.py`` all need a
live server on 127.0.0.1 that they can start and stop from Python. ``serve_in_thread`` is that
server: it picks a free port, waits until uvicorn accepts connections, and shuts it down cleanly
when the block ends.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import uvicorn
from fastapi import FastAPI

from realpolitik.errors import ConfigError

LOOPBACK = "127.0.0.1"
START_TIMEOUT_S = 15.0  # uvicorn starts in well under a second; a loaded CI machine may need more

NOT_STARTED = ("The API server on {host}:{port} did not start within {seconds:.0f} s. Check that the "
               "port is free and the machine is not overloaded, then try again.")


def free_port(host: str = LOOPBACK) -> int:
    """Return a TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _run(server: uvicorn.Server) -> None:
    """Run the server; uvicorn exits (SystemExit) when it cannot bind, which ends the thread quietly
    so that ``serve_in_thread`` reports it as a ConfigError instead."""
    with suppress(SystemExit):
        server.run()


@contextmanager
def serve_in_thread(app: FastAPI, host: str = LOOPBACK, port: int | None = None,
                    timeout: float = START_TIMEOUT_S) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a daemon thread for the duration of the block.

    Args:
        app: The app (``create_app(settings)``).
        host: The address to bind; loopback by default.
        port: The TCP port; by default a free one.
        timeout: Seconds to wait for the server to accept connections.

    Yields:
        The base URL, e.g. ``http://127.0.0.1:53211``.

    Raises:
        ConfigError: If the server does not start within ``timeout`` seconds.
    """
    port = port or free_port(host)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=_run, args=(server,), name=f"uvicorn-{port}", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise ConfigError(NOT_STARTED.format(host=host, port=port, seconds=timeout))
            time.sleep(0.02)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=timeout)
