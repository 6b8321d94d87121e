"""The API's routers, one module per resource; ``ROUTERS`` lists them in the order they are mounted."""

from realpolitik.api.routes import actors, code, dashboard, documents, dyad_index, dyads, events

ROUTERS = (documents.router, events.router, actors.router, dyad_index.router, dyads.router, code.router,
           dashboard.router)

__all__ = ["ROUTERS"]
