"""The named parts realpolitik is built from, under versioned names, registered in one place.

Built-in parts register exactly as third-party ones would: ``register(kind, name, factory)``. When a
part's behaviour changes it gets a new version (``...v2``) and the old name stays. ``populate_registry``
fills the registry once, explicitly, so importing a module never registers anything as a side effect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from realpolitik.errors import ConfigError

KINDS = ("source", "extractor", "coder", "classifier", "sink", "evaluation")
_REGISTRY: dict[str, dict[str, Callable[..., Any]]] = {kind: {} for kind in KINDS}
_POPULATED = False


def register(kind: str, name: str, factory: Callable[..., Any]) -> None:
    """Register a factory under a versioned name ("realpolitik.coder.rules.v1")."""
    if kind not in _REGISTRY:
        raise ConfigError(f"Unknown registry kind {kind!r}; use one of {', '.join(KINDS)}.")
    if not name.rsplit(".", 1)[-1].startswith("v"):
        raise ConfigError(f"Registry name {name!r} has no version suffix such as .v1.")
    _REGISTRY[kind][name] = factory


def get(kind: str, name: str) -> Callable[..., Any]:
    """The factory registered under a name.

    Raises:
        ConfigError: no such kind or name.
    """
    populate_registry()
    try:
        return _REGISTRY[kind][name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY.get(kind, {}))) or "none"
        raise ConfigError(f"No {kind} named {name!r}. Registered: {known}.") from None


def names(kind: str | None = None) -> list[str]:
    """Registered names, of one kind or all, sorted."""
    populate_registry()
    kinds = [kind] if kind else list(KINDS)
    return sorted(name for k in kinds for name in _REGISTRY[k])


def populate_registry() -> None:
    """Register the built-in parts (once)."""
    global _POPULATED
    if _POPULATED:
        return
    _POPULATED = True
    from realpolitik.coding.events import SentenceCoder
    from realpolitik.evaluation import EVALUATORS, evaluate
    from realpolitik.extract.article import extract_article
    from realpolitik.extract.dedup import fingerprint
    from realpolitik.ingest.files import FileSource
    from realpolitik.ingest.rss import FeedSource
    from realpolitik.ingest.url import UrlSource
    from realpolitik.ingest.warc import iter_warc
    from realpolitik.ml.relation import MODEL_NAME, MODEL_NAME_V1, load_model, load_model_v1
    from realpolitik.store.db import Store

    register("source", "realpolitik.source.files.v1", FileSource)
    register("source", "realpolitik.source.rss.v1", FeedSource)
    register("source", "realpolitik.source.url.v1", UrlSource)
    register("source", "realpolitik.source.warc.v1", iter_warc)
    register("extractor", "realpolitik.extractor.article.v1", extract_article)
    register("extractor", "realpolitik.extractor.fingerprint.v1", fingerprint)  # dedup keys
    register("coder", "realpolitik.coder.rules.v1", SentenceCoder)
    register("classifier", MODEL_NAME_V1, load_model_v1)
    register("classifier", MODEL_NAME, load_model)
    register("sink", "realpolitik.sink.duckdb.v1", Store.open)
    for dataset in EVALUATORS:
        register("evaluation", f"realpolitik.evaluation.{dataset}.v1",
                 lambda root=None, engine=None, _name=dataset: evaluate(_name, root, engine))
