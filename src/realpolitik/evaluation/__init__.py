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
    "petrarch2-unit": ("realpolitik.evaluation.petrarch2_unit", "petrarch2-validation"),
    "plover-gsr": ("realpolitik.evaluation.plover_gsr", "plover-gsr-cameo"),
    "plv": ("realpolitik.evaluation.plv", "plv-plover-relations"),
    "conflibert": ("realpolitik.evaluation.conflibert", "conflibert-cameo-manual"),
    "polnear": ("realpolitik.evaluation.polnear", "polnear-attribution"),
    "gum-wikinews": ("realpolitik.evaluation.gum", "gum-wikinews"),
}
DATASETS_ENV = "REALPOLITIK_DATASETS"
# Sets whose folder holds the dictionaries their gold was coded with (see petrarch2.dataset_engine).
DICTIONARY_SETS = frozenset({"petrarch2", "petrarch2-unit"})


def default_datasets_root() -> Path:
    """$REALPOLITIK_DATASETS, else ../shared/datasets from the current folder."""
    return Path(os.environ.get(DATASETS_ENV, "../shared/datasets")).expanduser()


def evaluate(name: str, root: Path | None = None, engine=None, mode: str = "rules",
             dataset_dictionaries: bool = True) -> EvalResult:
    """Evaluate on one dataset by name, in one mode (``plv@minilm`` names both).

    ``dataset_dictionaries``: sets that ship their own coding dictionaries (petrarch2, petrarch2-unit)
    use them unless the engine has extra dictionaries already; False scores without them.

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

    engine = engine or default_engine()
    if name in DICTIONARY_SETS:
        return module.evaluate(folder, engine, dataset_dictionaries=dataset_dictionaries)
    if mode == "rules":
        return module.evaluate(folder, engine)
    return module.evaluate(folder, engine, mode=mode)


def modes_of(name: str) -> tuple[str, ...]:
    """The modes a dataset can be scored in (``rules`` always)."""
    module_name, _ = EVALUATORS[name]
    return getattr(importlib.import_module(module_name), "MODES", ("rules",))
