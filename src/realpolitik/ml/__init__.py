"""The trained relation classifier (``--mode minilm``): encoder, training data, training, prediction.

torch, tokenizers and safetensors (the ``ml`` extra) are imported only inside functions, so the rule
coder's path never pays for them.
"""
