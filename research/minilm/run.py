"""Experiment runner. Examples:

  venv/bin/python run.py cv --data plv --param full --pool mean --markers text --lr 5e-5 --epochs 6
  venv/bin/python run.py cv --data plv --param lora --lr 5e-4 --folds 2
  venv/bin/python run.py cv --data conflibert --param full
  venv/bin/python run.py transfer --train a,b,d --eval plv
  venv/bin/python run.py transfer --train a,b,d --eval conflibert      # PentaClass

Results are appended to results.jsonl (one JSON object per run).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

import data_sources as ds
import mlcore as mc

HERE = os.path.dirname(os.path.abspath(__file__))


def log(msg):
    print(msg, flush=True)


def save_sizes(model, param):
    """Size of what must be shipped on top of the stock base model, as safetensors fp32/fp16."""
    import torch
    from safetensors.torch import save_file

    st = mc.trainable_state(model, param)
    out = {"n_params": int(sum(v.numel() for v in st.values()))}
    with tempfile.TemporaryDirectory() as d:
        for name, dt in (("fp32", torch.float32), ("fp16", torch.float16)):
            p = os.path.join(d, f"{name}.safetensors")
            save_file({k: v.to(dt) if v.is_floating_point() else v for k, v in st.items()}, p)
            out[f"{name}_MB"] = round(os.path.getsize(p) / 1e6, 2)
    return out


def get_sets(names, penta=False, mark="heuristic"):
    rows = []
    for n in names:
        if n == "a":
            rows += ds.load_cameo_examples(mark)
        elif n == "b":
            rows += ds.load_petrarch(mark)
        elif n == "c":
            rows += ds.load_gsr("gold" if mark == "heuristic" else "none")
        elif n == "d":
            rows += ds.load_own()
        else:
            raise ValueError(n)
    if mark == "none":
        for r in rows:
            r["text"] = ds.strip_markers(r["text"])
    if penta:
        out = []
        for r in rows:
            code = r.get("code")
            if not code:  # (c) has no CAMEO code
                continue
            out.append({"text": ds.strip_markers(r["text"]), "label": ds.penta_of_code(code)})
        return out
    return [{"text": r["text"], "label": ds.L2I[r["label"]]} for r in rows]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["cv", "transfer"])
    ap.add_argument("--data", default="plv", choices=["plv", "conflibert"])
    ap.add_argument("--train", default="a,b")
    ap.add_argument("--eval", default="plv", choices=["plv", "conflibert"])
    ap.add_argument("--mark", default="heuristic", choices=["heuristic", "none"],
                    help="transfer: mark actors heuristically, or train and test without markers")
    ap.add_argument("--param", default="full", choices=["full", "top2", "lora", "head"])
    ap.add_argument("--pool", default="mean", choices=["mean", "cls", "marker"])
    ap.add_argument("--markers", default="text", choices=["text", "unused", "none"])
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--bs", type=int, default=16)
    ap.add_argument("--folds", type=int, default=5, help="run only the first N of the 5 folds")
    ap.add_argument("--only-folds", default="", help="comma list of 1-based folds to run, e.g. 3,4,5")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--lora-r", type=int, default=8)
    ap.add_argument("--speed", action="store_true", help="measure 1-core inference speed after fold 1")
    ap.add_argument("--tag", default="")
    a = ap.parse_args()
    t_start = time.time()
    res = {k: v for k, v in vars(a).items()}
    hp = dict(param=a.param, pool=a.pool, markers=a.markers, lr=a.lr, epochs=a.epochs, batch_size=a.bs,
              seed=a.seed, lora_r=a.lora_r, log=log)
    plv = ds.load_plv()

    if a.mode == "cv":
        if a.data == "plv":
            texts = [r["text"] for r in plv]
            y = np.array([ds.L2I[r["label"]] for r in plv])
            groups = [r["group"] for r in plv]
            n_lab = len(ds.PLV_LABELS)
            splits = StratifiedGroupKFold(5, shuffle=True, random_state=a.seed).split(texts, y, groups)
        else:
            cb = ds.load_conflibert()
            texts = [r["text"] for r in cb]
            y = np.array([r["label"] for r in cb])
            n_lab = 5
            splits = StratifiedKFold(5, shuffle=True, random_state=a.seed).split(texts, y)
        preds = np.full(len(y), -1)
        folds = []
        for k, (tr, te) in enumerate(splits):
            if k >= a.folds:
                break
            if a.only_folds and str(k + 1) not in a.only_folds.split(","):
                continue
            log(f"fold {k + 1}: train {len(tr)} test {len(te)}")
            model, tok, secs = mc.train_model([texts[i] for i in tr], y[tr].tolist(), n_lab, **hp)
            p = mc.predict(model, tok, [texts[i] for i in te], a.markers)
            preds[te] = p
            s = mc.scores(y[te], p, n_lab)
            s["train_min"] = round(secs / 60, 2)
            s["train_cpu_min"] = round(model.cpu_seconds / 60, 2)
            log(f"fold {k + 1}: {s}")
            s["fold"] = k + 1
            folds.append(s)
            if len(folds) == 1:
                res["ship"] = save_sizes(model, a.param)
                if a.speed:
                    res["sent_per_s_1core_b32"] = round(mc.speed(model, tok, texts, a.markers, 1, 32), 1)
                    res["sent_per_s_1core_b1"] = round(mc.speed(model, tok, texts, a.markers, 1, 1, n=150), 1)
                    log(f"speed: {res['sent_per_s_1core_b32']} sent/s (batch 32), "
                        f"{res['sent_per_s_1core_b1']} (batch 1)")
        done = preds >= 0
        res["folds"] = folds
        res["pooled"] = mc.scores(y[done], preds[done], n_lab)
        res["mean_acc"] = float(np.mean([f["acc"] for f in folds]))
        res["mean_macro_f1"] = float(np.mean([f["macro_f1"] for f in folds]))
        res["train_min_per_fold"] = float(np.mean([f["train_min"] for f in folds]))
        res["train_cpu_min_per_fold"] = float(np.mean([f.get("train_cpu_min", 0) for f in folds]))
        if a.data == "plv":
            from sklearn.metrics import classification_report

            log(classification_report(y[done], preds[done], labels=list(range(n_lab)),
                                      target_names=ds.PLV_LABELS, zero_division=0))
    else:
        penta = a.eval == "conflibert"
        rows = get_sets(a.train.split(","), penta=penta, mark=a.mark)
        texts = [r["text"] for r in rows]
        y = [r["label"] for r in rows]
        n_lab = 5 if penta else len(ds.PLV_LABELS)
        res["n_train"] = len(rows)
        log(f"train on {a.train}: {len(rows)} rows")
        markers = "none" if (penta or a.mark == "none") else a.markers
        hp["markers"] = markers
        model, tok, secs = mc.train_model(texts, y, n_lab, **hp)
        res["train_min"] = round(secs / 60, 2)
        res["train_cpu_min"] = round(model.cpu_seconds / 60, 2)
        if penta:
            cb = ds.load_conflibert()
            et, ey = [r["text"] for r in cb], np.array([r["label"] for r in cb])
        else:
            et, ey = [r["text"] for r in plv], np.array([ds.L2I[r["label"]] for r in plv])
        p = mc.predict(model, tok, et, markers)
        res["eval"] = mc.scores(ey, p, n_lab)
        if not penta:
            # also: what a PLOVER model gives on PentaClass via PLV's gold_penta mapping
            from sklearn.metrics import classification_report

            log(classification_report(ey, p, labels=list(range(n_lab)), target_names=ds.PLV_LABELS,
                                      zero_division=0))
        log(f"eval on {a.eval}: {res['eval']}")
    res["wall_min"] = round((time.time() - t_start) / 60, 2)
    res.pop("speed", None)
    with open(os.path.join(HERE, "results.jsonl"), "a") as f:
        f.write(json.dumps(res) + "\n")
    log(json.dumps({k: v for k, v in res.items() if k != "folds"}))


if __name__ == "__main__":
    sys.exit(main())
