"""Fine-tune the relation classifier's adapters and head, reproducibly (fixed seed, CPU).

``train_model`` runs AdamW with linear warm-up and decay over the examples, weighting each class by
the inverse square root of its frequency so rare types (MOBILIZE, COOPERATE) are not drowned out.
The label head and the CAMEO root head learn together: the loss is the sum of both cross-entropies
(an example without a root adds only the first).
Only the top blocks carry adapters, so the lower blocks' output is computed once per example and
reused every epoch. Same examples, seed and thread count give the same weights.
"""

from __future__ import annotations

import copy
import logging
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from realpolitik.ml.data import Example
from realpolitik.ml.relation import ROOTS, ModelConfig, RelationModel, encode, load_tokenizer, make_network

logger = logging.getLogger(__name__)
POOL_BATCHES = 20  # batches' worth of texts sorted together by length (see _batches)
NO_ROOT = -100  # cross_entropy's ignore_index: an example with no CAMEO root


@dataclass(frozen=True)
class TrainOptions:
    """How to train."""

    epochs: int = 5
    learning_rate: float = 1e-3
    batch_size: int = 16
    warmup: float = 0.1
    weight_decay: float = 0.01
    seed: int = 13
    rank: int = 16
    adapted_layers: int = 2
    threads: int = 2


def train_model(examples: Sequence[Example], options: TrainOptions = TrainOptions(),
                progress: Callable[[str], None] | None = None,
                start: RelationModel | None = None) -> RelationModel:
    """Train adapters and heads on ``examples`` and return the model (not yet saved).

    Args:
        examples: labelled sentences (labels from ``relation.LABELS``).
        options: epochs, learning rate, seed and the rest.
        progress: called with one line per epoch.
        start: a trained model to go on training (a copy; its adapter shape wins over ``options``'),
            else fresh adapters and heads.

    Returns:
        The trained model; its config records the options and the examples' origins.
    """
    import torch
    from torch.nn import functional as F

    torch.set_num_threads(options.threads)
    random.seed(options.seed)
    torch.manual_seed(options.seed)
    origins = Counter(e.origin for e in examples)
    if start is not None:
        origins.update(start.config.trained_on)
        config = replace(start.config, seed=options.seed, epochs=start.config.epochs + options.epochs,
                         learning_rate=options.learning_rate, trained_on=dict(sorted(origins.items())))
        network = copy.deepcopy(start.network)
    else:
        config = ModelConfig(roots=ROOTS, rank=options.rank, alpha=2.0 * options.rank,
                             adapted_layers=options.adapted_layers, base=_base(), seed=options.seed,
                             epochs=options.epochs, learning_rate=options.learning_rate,
                             trained_on=dict(sorted(origins.items())))
        network = make_network(config)
    tokenizer = load_tokenizer(config.max_tokens)
    frozen = network.encoder.cfg.layers - config.adapted_layers
    states = _lower_states(network.encoder, tokenizer, [e.text for e in examples], frozen)
    index = {label: i for i, label in enumerate(config.labels)}
    labels = torch.tensor([index[e.label] for e in examples])
    weights = _class_weights(labels.tolist(), len(config.labels))
    root_index = {root: i for i, root in enumerate(config.roots)}
    roots = torch.tensor([root_index.get(e.root, NO_ROOT) for e in examples])
    root_weights = _class_weights([r for r in roots.tolist() if r != NO_ROOT], len(config.roots))
    trained = [p for p in network.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trained, lr=options.learning_rate, weight_decay=options.weight_decay)
    steps = math.ceil(len(examples) / options.batch_size) * options.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, _warmup_then_decay(steps, options.warmup))
    generator = torch.Generator().manual_seed(options.seed)
    started = time.perf_counter()
    network.train()
    lengths = [len(state) for state in states]
    for epoch in range(options.epochs):
        total = 0.0
        for batch in _batches(lengths, options.batch_size, generator):
            x, mask = _padded([states[i] for i in batch])
            logits, root_logits = network.heads(network.encoder.upper(x, mask, frozen))
            loss = F.cross_entropy(logits, labels[batch], weight=weights)
            if (roots[batch] != NO_ROOT).any():
                loss = loss + F.cross_entropy(root_logits, roots[batch], weight=root_weights,
                                              ignore_index=NO_ROOT)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimiser.step()
            schedule.step()
            total += loss.item() * len(batch)
        if progress:
            progress(f"epoch {epoch + 1}/{options.epochs}: loss {total / len(examples):.4f} "
                     f"({time.perf_counter() - started:.0f} s)")
    network.eval()
    return RelationModel(config, network, tokenizer)


def _lower_states(encoder, tokenizer, texts: Sequence[str], layers: int) -> list:
    """Each text's token vectors after the frozen lower blocks, computed once (no dropout): training
    then runs only the adapted upper blocks, about half the cost of a full pass per epoch."""
    import torch

    encoder.eval()
    states: list = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.no_grad():
        for start in range(0, len(order), 64):
            chunk = order[start:start + 64]
            ids, mask = encode(tokenizer, [texts[i] for i in chunk])
            hidden = encoder.lower(ids, mask, layers)
            for row, i in enumerate(chunk):
                states[i] = hidden[row, : int(mask[row].sum())].clone()
    return states


def _padded(states: list):
    """A batch of token-vector sequences padded to the longest, and its mask."""
    import torch

    longest = max(len(state) for state in states)
    x = torch.zeros(len(states), longest, states[0].shape[1])
    mask = torch.zeros(len(states), longest, dtype=torch.long)
    for row, state in enumerate(states):
        x[row, : len(state)] = state
        mask[row, : len(state)] = 1
    return x, mask


def _batches(lengths: list[int], size: int, generator) -> list[list[int]]:
    """Shuffled batches of similar-length texts: shuffle, sort within pools of 20 batches, shuffle
    the batches. Less padding makes an epoch about a third cheaper than fully random batches."""
    import torch

    order = torch.randperm(len(lengths), generator=generator).tolist()
    pool = size * POOL_BATCHES
    batches = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lengths.__getitem__)
        batches += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    return [batches[i] for i in torch.randperm(len(batches), generator=generator).tolist()]


def _class_weights(labels: list[int], count: int):
    """Inverse square-root frequency weights, scaled to mean 1 over the classes present."""
    import torch

    freq = Counter(labels)
    raw = [1.0 / math.sqrt(freq[i]) if freq[i] else 0.0 for i in range(count)]
    present = [w for w in raw if w]
    if not present:
        return torch.ones(count)
    scale = len(present) / sum(present)
    return torch.tensor([w * scale for w in raw])


def _warmup_then_decay(steps: int, warmup: float) -> Callable[[int], float]:
    """The learning-rate factor at each step: linear up over ``warmup`` of the steps, then down to 0."""
    rise = max(1, int(steps * warmup))

    def factor(step: int) -> float:
        if step < rise:
            return (step + 1) / rise
        return max(0.0, (steps - step) / max(1, steps - rise))

    return factor


def _base() -> str:
    """The base package the adapters belong to."""
    from realpolitik.ml.encoder import base_version

    return base_version()
