"""Inference speed of the MiniLM classifier on CPU (weights don't matter for speed: untrained head).

  venv/bin/python speed.py            # PLV marked sentences, 1 and 2 threads, fp32 and int8 dynamic
"""
import json
import time

import torch

import data_sources as ds
import mlcore as mc


def run(model, tok, texts, threads, bs, n):
    torch.set_num_threads(threads)
    return round(mc.speed(model, tok, texts, "text", threads, bs, n=n), 1)


def main():
    texts = [r["text"] for r in ds.load_plv()]
    tok = mc.load_tokenizer("text")
    model = mc.Classifier(15).eval()
    out = {}
    # tokenisation alone
    t0 = time.perf_counter()
    for i in range(0, 1000, 32):
        mc.encode(tok, texts[i:i + 32])
    out["tokenise_only_sent_per_s"] = round(1000 / (time.perf_counter() - t0), 1)
    for th in (1, 2):
        out[f"fp32_{th}core_b32"] = run(model, tok, texts, th, 32, 800)
        out[f"fp32_{th}core_b1"] = run(model, tok, texts, th, 1, 200)
    q = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    for th in (1, 2):
        out[f"int8dyn_{th}core_b32"] = run(q, tok, texts, th, 32, 800)
    # shorter inputs: a 64-token window would cover ~95% of PLV sentences
    out["fp32_1core_b32_maxlen64"] = round(mc.speed(model, tok, texts, "text", 1, 32, max_len=64, n=800), 1)
    print(json.dumps(out, indent=1))
    with open("speed.json", "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
