"""The registry's contents are pinned: a change of name or version is a deliberate act."""

from __future__ import annotations

import pytest

from realpolitik import registry
from realpolitik.errors import ConfigError

SNAPSHOT = [
    "realpolitik.classifier.minilm.v1",
    "realpolitik.classifier.minilm.v2",
    "realpolitik.coder.rules.v1",
    "realpolitik.evaluation.conflibert.v1",
    "realpolitik.evaluation.gum-wikinews.v1",
    "realpolitik.evaluation.petrarch2-unit.v1",
    "realpolitik.evaluation.petrarch2.v1",
    "realpolitik.evaluation.plover-gsr.v1",
    "realpolitik.evaluation.plv.v1",
    "realpolitik.evaluation.polnear.v1",
    "realpolitik.extractor.article.v1",
    "realpolitik.extractor.fingerprint.v1",
    "realpolitik.sink.duckdb.v1",
    "realpolitik.source.files.v1",
    "realpolitik.source.rss.v1",
    "realpolitik.source.url.v1",
    "realpolitik.source.warc.v1",
]


def test_registry_snapshot():
    assert registry.names() == SNAPSHOT


def test_registry_pipeline_coder_name_is_registered():
    from realpolitik.pipeline import CODER_NAME

    assert registry.get("coder", CODER_NAME)


def test_registry_unknown_name_message():
    with pytest.raises(ConfigError, match="No coder named 'x.v1'. Registered: realpolitik.coder.rules.v1"):
        registry.get("coder", "x.v1")


def test_registry_requires_version():
    with pytest.raises(ConfigError, match="no version suffix"):
        registry.register("coder", "mine", object)


def test_registry_names_are_documented():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in registry.names():
        if ".evaluation." in name:
            assert name.split(".")[2] in readme
        else:
            assert name in readme
