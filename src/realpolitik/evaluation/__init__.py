"""Evaluation on the shared development sets: ``realpolitik eval``.

Each dataset has a module with ``evaluate(folder: Path, engine: Engine) -> EvalResult``; the registry
below names them under the names the CLI takes, with the folder each reads inside the datasets root.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from realpolitik.errors import ConfigError
from realpolitik.evaluation.base import EvalResult

# name -> (module, folder under the datasets root)
EVALUATORS: dict[str, tuple[str, str]] = {
    "petrarch2": ("realpolitik.evaluation.petrarch2", "petrarch2-validation"),
    "plover-gsr": ("realpolitik.evaluation.plover_gsr", "plover-gsr-cameo"),
    "plv": ("realpolitik.evaluation.plv", "plv-plover-relations"),
    "conflibert": ("realpolitik.evaluation.conflibert", "conflibert-cameo-manual"),
    "polnear": ("realpolitik.evaluation.polnear", "polnear-attribution"),
    "gum-wikinews": ("realpolitik.evaluation.gum", "gum-wikinews"),
}
DATASETS_ENV = "REALPOLITIK_DATASETS"


def default_datasets_root() -> Path:
    """$REALPOLITIK_DATASETS, else ../shared/datasets from the current folder."""
    return Path(os.environ.get(DATASETS_ENV, "../shared/datasets")).expanduser()


def evaluate(name: str, root: Path | None = None, engine=None, mode: str = "rules") -> EvalResult:
    """Evaluate on one dataset by name, in one mode (``plv@minilm`` names both).

    Raises:
        ConfigError: unknown dataset name or mode, or the dataset's folder is missing.
    """
    name, _, named_mode = name.partition("@")
    mode = named_mode or mode
    if name not in EVALUATORS:
        raise ConfigError(f"Unknown dataset {name!r}. Choose one of: {', '.join(EVALUATORS)}, or all.")
    module_name, folder_name = EVALUATORS[name]
    folder = (root or default_datasets_root()) / folder_name
    if not folder.is_dir():
        raise ConfigError(f"The dataset folder {folder} does not exist. Pass --data-dir with the folder "
                          f"that holds {folder_name}/, or set {DATASETS_ENV}.")
    module = importlib.import_module(module_name)
    modes = getattr(module, "MODES", ("rules",))
    if mode not in modes:
        raise ConfigError(f"{name} has no {mode!r} mode; it is scored in: {', '.join(modes)}.")
    from realpolitik.pipeline import default_engine

    if mode == "rules":
        return module.evaluate(folder, engine or default_engine())
    return module.evaluate(folder, engine or default_engine(), mode=mode)


def modes_of(name: str) -> tuple[str, ...]:
    """The modes a dataset can be scored in (``rules`` always)."""
    module_name, _ = EVALUATORS[name]
    return getattr(importlib.import_module(module_name), "MODES", ("rules",))
