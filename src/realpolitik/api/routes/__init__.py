"""The API's routers, one module per resource; ``ROUTERS`` lists them in the order they are mounted."""

from realpolitik.api.routes import actors, code, documents, dyads, events

ROUTERS = (documents.router, events.router, actors.router, dyads.router, code.router)

__all__ = ["ROUTERS"]
