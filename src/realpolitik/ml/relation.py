"""The MiniLM relation classifier: a sentence with a marked source and target in, a PLOVER type out.

A model is the base encoder (``ml/encoder.py``) plus what training changed: the LoRA adapters and
linear heads over the mean-pooled sentence vector, one for the PLOVER label and (from v2) one for the
two-digit CAMEO root, since a PLOVER type spans roots of different weight (REQUEST is both an appeal,
02, and a demand, 10). Only those are saved, as ``adapter.safetensors`` (float16) beside a
``config.json`` that names the labels and roots, the adapter's shape, the base package and version,
and what the model was trained on. The packaged model lives in
``realpolitik/data/models/relation-minilm-v2``; ``realpolitik train`` rebuilds it. v1 (labels only)
stays loadable and registered.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from realpolitik.errors import ConfigError

logger = logging.getLogger(__name__)

MODELS = Path(__file__).resolve().parent.parent / "data" / "models"
MODEL_NAME = "realpolitik.classifier.minilm.v2"
MODEL_NAME_V1 = "realpolitik.classifier.minilm.v1"
PACKAGED_V1 = MODELS / "relation-minilm-v1"
PACKAGED = MODELS / "relation-minilm-v2"
# PLV's fifteen PLOVER types (YIELD for CONCEDE and RETREAT) and STATEMENT for CAMEO 01 comments, which
# PLOVER leaves out but sentence-level tasks (ConfliBERT's PentaClass 0) need.
LABELS = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT",
)
# The CAMEO root each label stands for when a code is asked of the classifier.
ROOT_OF_LABEL = {
    "STATEMENT": "01", "REQUEST": "02", "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06",
    "AID": "07", "YIELD": "08", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18",
}
ROOTS = tuple(f"{root:02d}" for root in range(1, 21))  # the root head's classes
MAX_TOKENS = 128  # PLV sentences average 24 words; 128 word pieces cover all but a handful
MISSING_MODEL = (
    "No trained relation model at {path}: {why}. Run `realpolitik train` to build it, or pass "
    "--model with the folder `realpolitik train --out` wrote."
)


@dataclass(frozen=True)
class ModelConfig:
    """What a saved model needs to be rebuilt, and where it came from."""

    labels: tuple[str, ...] = LABELS
    roots: tuple[str, ...] = ()  # empty: no root head (v1 models)
    rank: int = 16
    alpha: float = 32.0
    adapted_layers: int = 2
    max_tokens: int = MAX_TOKENS
    base: str = ""
    trained_on: dict[str, int] = field(default_factory=dict)
    seed: int = 0
    epochs: int = 0
    learning_rate: float = 0.0

    def to_json(self) -> str:
        """The config as written to config.json."""
        return json.dumps({**asdict(self), "labels": list(self.labels), "roots": list(self.roots)}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> ModelConfig:
        """The config read back from config.json (v1 files have no roots)."""
        raw = json.loads(text)
        return cls(**{**raw, "labels": tuple(raw["labels"]), "roots": tuple(raw.get("roots", ()))})


class RelationModel:
    """A loaded classifier: call ``probabilities`` on marked sentences."""

    def __init__(self, config: ModelConfig, network, tokenizer, name: str = MODEL_NAME) -> None:
        self.config = config
        self.network = network
        self.tokenizer = tokenizer
        self.name = name

    def probabilities(self, texts: Sequence[str], batch_size: int = 32) -> list[list[float]]:
        """Label probabilities for each text, in ``config.labels`` order."""
        return [labels for labels, _ in self.predict(texts, batch_size)]

    def predict(self, texts: Sequence[str], batch_size: int = 32) -> list[tuple[list[float], list[float]]]:
        """Label and root probabilities for each text (``config.labels`` and ``config.roots`` order;
        the root list is empty for a model without a root head)."""
        import torch

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result: list[tuple[list[float], list[float]]] = [([], []) for _ in texts]
        self.network.eval()
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chunk = order[start:start + batch_size]
                ids, mask = encode(self.tokenizer, [texts[i] for i in chunk])
                label_logits, root_logits = self.network.heads(self.network.encoder(ids, mask))
                labels = torch.softmax(label_logits, -1).tolist()
                roots = ([[]] * len(chunk) if root_logits is None
                         else torch.softmax(root_logits, -1).tolist())
                for i, label_row, root_row in zip(chunk, labels, roots, strict=True):
                    result[i] = (label_row, root_row)
        return result

    def save(self, folder: Path) -> None:
        """Write the adapters and head (float16) and config.json into ``folder``."""
        from safetensors.torch import save_file

        folder.mkdir(parents=True, exist_ok=True)
        trained = {name: tensor.detach().half().contiguous()
                   for name, tensor in self.network.state_dict().items() if _is_trained(name)}
        save_file(trained, str(folder / "adapter.safetensors"))
        (folder / "config.json").write_text(self.config.to_json() + "\n", encoding="utf-8")


def make_network(config: ModelConfig):
    """The base encoder with fresh adapters and head, as training starts from."""
    from torch import nn

    from realpolitik.ml.encoder import load_base

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = load_base()
            self.encoder.add_adapters(config.rank, config.alpha, config.adapted_layers)
            self.drop = nn.Dropout(0.1)
            self.head = nn.Linear(self.encoder.cfg.hidden, len(config.labels))
            self.root_head = nn.Linear(self.encoder.cfg.hidden, len(config.roots)) if config.roots else None

        def heads(self, pooled):
            """Label logits and root logits (None without a root head) of pooled sentence vectors."""
            pooled = self.drop(pooled)
            return self.head(pooled), self.root_head(pooled) if self.root_head is not None else None

        def forward(self, ids, mask):
            return self.heads(self.encoder(ids, mask))[0]

    return Network()


def load_tokenizer(max_tokens: int = MAX_TOKENS):
    """The base model's WordPiece tokenizer, truncating and padding batches."""
    from tokenizers import Tokenizer

    from realpolitik.ml.encoder import base_model_dir

    tokenizer = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(max_tokens)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def encode(tokenizer, texts: Sequence[str]):
    """Token ids and attention mask of a batch, as tensors."""
    import torch

    batch = tokenizer.encode_batch(list(texts))
    ids = torch.tensor([item.ids for item in batch])
    mask = torch.tensor([item.attention_mask for item in batch])
    return ids, mask


def load_model(folder: Path | None = None) -> RelationModel:
    """A saved model (default: the packaged one).

    Raises:
        ConfigError: the folder holds no model, or torch and the base package are not installed.
    """
    folder = Path(folder) if folder is not None else PACKAGED
    return _load(folder.resolve())


def load_model_v1() -> RelationModel:
    """The first packaged model (PLOVER labels only, no root head), kept for reproducibility."""
    return load_model(PACKAGED_V1)


@cache
def _load(folder: Path) -> RelationModel:
    """Load once per process and folder."""
    config_path, weights = folder / "config.json", folder / "adapter.safetensors"
    if not config_path.is_file() or not weights.is_file():
        raise ConfigError(MISSING_MODEL.format(path=folder,
                                               why="config.json or adapter.safetensors is missing"))
    try:
        from safetensors.torch import load_file
    except ImportError:
        raise ConfigError("The MiniLM mode needs torch, tokenizers and safetensors: install them with "
                          "`pip install -e '.[ml]'` (or `make install`), or use --mode rules.") from None
    config = ModelConfig.from_json(config_path.read_text(encoding="utf-8"))
    network = make_network(config)
    state = {name: tensor.float() for name, tensor in load_file(str(weights)).items()}
    missing = [name for name in network.state_dict() if _is_trained(name) and name not in state]
    unexpected = network.load_state_dict(state, strict=False).unexpected_keys
    if missing or unexpected:
        why = f"the weights do not fit (missing {missing[:2]}, unexpected {unexpected[:2]})"
        raise ConfigError(MISSING_MODEL.format(path=folder, why=why))
    network.eval()
    logger.debug("loaded relation model %s (%s)", folder, config.base)
    tokenizer = load_tokenizer(config.max_tokens)
    name = MODEL_NAME if config.roots else MODEL_NAME_V1
    return RelationModel(config, network, tokenizer, name=f"{name} ({folder.name})")


def _is_trained(name: str) -> bool:
    """Whether a weight is one training changes (adapters and heads), so one that is saved."""
    return ".lora_" in name or name.startswith(("head.", "root_head."))
