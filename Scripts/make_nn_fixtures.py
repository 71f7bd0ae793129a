#!/usr/bin/env python3
"""Writes the fixture LumenNN's hook tests replay: which module hooks PyTorch calls, in which
order, with which gradient shapes, and the network's outputs and gradients.

Run with a Python that has torch:  /opt/torchenv/bin/python Scripts/make_nn_fixtures.py

The network is conv -> relu -> flatten -> fc inside a parent module, with fixed weights. Every
module (the parent is "") gets a forward-pre, forward, full backward-pre and full backward hook,
and global module hooks of the same four kinds are registered too. Each call is written as one
line, e.g.
  "global backward conv gradInput=[[1, 1, 4, 4]] gradOutput=[[1, 2, 2, 2]]"
with "nil" where torch passes None. Tests/LumenNNTests/Fixtures/hooks.json holds
  {"weights": {name: tensor}, "input": tensor, "upstream": tensor,
   "scenarios": [{"inputRequiresGrad", "events": [line], "output": tensor,
                  "inputGrad": tensor | null, "grads": {name: tensor}}]}
where loss = sum(output * upstream) and a tensor is {"shape", "data"}.
"""
import json
import os
import warnings

import torch
import torch.nn as nn
from torch.nn.modules import module as module_hooks

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenNNTests", "Fixtures", "hooks.json")
warnings.filterwarnings("ignore", message="Full backward hook is firing")


def encode(t):
    t = t.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.reshape(-1).tolist()]}


def shapes(ts):
    return "[" + ", ".join("nil" if t is None else str(list(t.shape)) for t in ts) + "]"


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.relu = nn.ReLU()
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc(self.flatten(self.relu(self.conv(x))))


def fixed_weights():
    return {
        "conv.weight": torch.arange(18, dtype=torch.float32).reshape(2, 1, 3, 3) * 0.1 - 0.8,
        "conv.bias": torch.tensor([0.1, -0.2]),
        "fc.weight": torch.arange(24, dtype=torch.float32).reshape(3, 8) * 0.05 - 0.6,
        "fc.bias": torch.tensor([0.1, 0.2, 0.3]),
    }


def run(input_requires_grad, weights, x0, upstream):
    net = Net()
    with torch.no_grad():
        for name, p in net.named_parameters():
            p.copy_(weights[name])
    names = {id(m): name for name, m in net.named_modules()}
    events = []

    def record(prefix):
        def forward_pre(m, inp):
            events.append(f"{prefix}forwardPre {names[id(m)]} input={shapes(inp)}")

        def forward(m, inp, out):
            events.append(f"{prefix}forward {names[id(m)]} input={shapes(inp)} output={list(out.shape)}")

        def backward_pre(m, grad_output):
            events.append(f"{prefix}backwardPre {names[id(m)]} gradOutput={shapes(grad_output)}")

        def backward(m, grad_input, grad_output):
            events.append(f"{prefix}backward {names[id(m)]} gradInput={shapes(grad_input)} gradOutput={shapes(grad_output)}")

        return forward_pre, forward, backward_pre, backward

    handles = []
    g_pre, g_fwd, g_bpre, g_bwd = record("global ")

    def only_ours(hook):
        def wrapped(m, *args):
            if id(m) in names:
                return hook(m, *args)
        return wrapped

    handles.append(module_hooks.register_module_forward_pre_hook(only_ours(g_pre)))
    handles.append(module_hooks.register_module_forward_hook(only_ours(g_fwd)))
    handles.append(module_hooks.register_module_full_backward_pre_hook(only_ours(g_bpre)))
    handles.append(module_hooks.register_module_full_backward_hook(only_ours(g_bwd)))
    for _, m in net.named_modules():
        pre, fwd, bpre, bwd = record("")
        m.register_forward_pre_hook(pre)
        m.register_forward_hook(fwd)
        m.register_full_backward_pre_hook(bpre)
        m.register_full_backward_hook(bwd)

    x = x0.clone().requires_grad_(input_requires_grad)
    output = net(x)
    (output * upstream).sum().backward()
    for h in handles:
        h.remove()
    return {
        "inputRequiresGrad": input_requires_grad,
        "events": events,
        "output": encode(output),
        "inputGrad": encode(x.grad) if x.grad is not None else None,
        "grads": {name: encode(p.grad) for name, p in net.named_parameters()},
    }


def main():
    weights = fixed_weights()
    x0 = torch.arange(16, dtype=torch.float32).reshape(1, 1, 4, 4) * 0.1 - 0.5
    upstream = torch.tensor([[1.0, -2.0, 3.0]])
    fixture = {
        "weights": {name: encode(t) for name, t in weights.items()},
        "input": encode(x0),
        "upstream": encode(upstream),
        "scenarios": [run(True, weights, x0, upstream), run(False, weights, x0, upstream)],
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT), "with torch", torch.__version__)


if __name__ == "__main__":
    main()
