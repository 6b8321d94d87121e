"""`realpolitik train`: rebuild the MiniLM relation classifier from licence-clean data, reproducibly."""

from __future__ import annotations

from pathlib import Path

import typer

from realpolitik.cli.console import err


def train_cli(
    out: Path | None = typer.Option(None, "--out", help="Folder to write the model to (default: the "
                                                        "packaged model's folder, which this rebuilds)."),
    own: Path = typer.Option(Path("training"), "--own", help="Folder with relations-own*.tsv."),
    data_dir: Path | None = typer.Option(None, "--data-dir",
                                         help="Datasets folder (default: $REALPOLITIK_DATASETS or "
                                              "../shared/datasets)."),
    epochs: int = typer.Option(5, "--epochs", min=1, help="Passes over the training data."),
    seed: int = typer.Option(13, "--seed", help="Random seed (same seed, data and threads: same model)."),
    learning_rate: float = typer.Option(1e-3, "--lr", help="Peak learning rate of the adapters and head."),
    threads: int = typer.Option(2, "--threads", min=1, help="CPU threads for torch."),
    layers: int = typer.Option(6, "--layers", min=1, max=6,
                               help="Top encoder blocks that get adapters (fewer: faster training)."),
) -> int:
    """Train the relation classifier (adapters and head over all-MiniLM-L6-v2) and save it."""
    from realpolitik.evaluation import default_datasets_root
    from realpolitik.ml.data import build_training_set
    from realpolitik.ml.relation import PACKAGED
    from realpolitik.ml.training import TrainOptions, train_model

    examples, report = build_training_set(own, data_dir or default_datasets_root(), seed)
    err.print(report)
    options = TrainOptions(epochs=epochs, seed=seed, learning_rate=learning_rate, threads=threads,
                           adapted_layers=layers)
    model = train_model(examples, options, progress=err.print)
    target = out or PACKAGED
    model.save(target)
    err.print(f"saved the model to {target}")
    return 0


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("train")(train_cli)
