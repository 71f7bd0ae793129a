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

Tests/LumenNNTests/Fixtures/optimizers.json holds a Linear(3, 2)'s starting weights, an input
and a target, and for each optimizer setting three steps on the MSE loss:
  {"name", "steps": [{"loss", "weight", "bias"}]}   # the parameters after each step

Tests/LumenNNTests/Fixtures/more_hooks.json holds legacy backward-hook scenarios and loss modules
(see write_more_hooks); optimizers.json also holds "schedulers": [{"name", "lrs"}].

Tests/LumenNNTests/Fixtures/layers.json holds {"cases": [...], "nestedDescription": repr(Nested())};
for each layer with random (seeded) weights, a case is
  {"name", "description": repr(layer), "parameters": {name: tensor}, "buffers": {name: tensor},   # before the call
   "training": bool, "input", "upstream", "output", "inputGrad",
   "grads": {name: tensor}, "buffersAfter": {name: tensor}}
with gradients of sum(output * upstream).
"""
import json
import os
import warnings

import torch
import torch.nn as nn
import torchvision
from torch.nn.modules import module as module_hooks

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenNNTests", "Fixtures")
OUT = os.path.join(FIXTURES, "hooks.json")
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


class Nested(nn.Module):
    """How torch prints a model with a Sequential inside (the description test)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Linear(8, 3, bias=False)


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
    write_layers()
    write_optimizers()
    write_more_hooks()


def write_optimizers():
    """Three steps of each optimizer on a Linear(3, 2) with an MSE loss: the parameters after
    every step."""
    torch.manual_seed(1)
    weights = {"weight": torch.randn(2, 3), "bias": torch.randn(2)}
    x, target = torch.randn(4, 3), torch.randn(4, 2)
    settings = [
        ("SGD(lr: 0.1)", lambda p: torch.optim.SGD(p, lr=0.1)),
        ("SGD(lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)",
         lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True)),
        ("SGD(lr: 0.05, momentum: 0.8, dampening: 0.3)", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.3)),
        ("Adam(lr: 0.01)", lambda p: torch.optim.Adam(p, lr=0.01)),
        ("Adam(lr: 0.02, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.1)",
         lambda p: torch.optim.Adam(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
        ("AdamW(lr: 0.01)", lambda p: torch.optim.AdamW(p, lr=0.01)),
        ("AdamW(lr: 0.02, betas: (0.8, 0.99), eps: 1e-6, weightDecay: 0.5)",
         lambda p: torch.optim.AdamW(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.5)),
    ]
    cases = []
    for name, make in settings:
        fc = nn.Linear(3, 2)
        with torch.no_grad():
            fc.weight.copy_(weights["weight"])
            fc.bias.copy_(weights["bias"])
        optimizer = make(fc.parameters())
        steps = []
        for _ in range(3):
            optimizer.zero_grad()
            loss = ((fc(x) - target) ** 2).mean()
            loss.backward()
            optimizer.step()
            steps.append({"loss": float("%.9g" % loss.item()), "weight": encode(fc.weight), "bias": encode(fc.bias)})
        cases.append({"name": name, "steps": steps})
    path = os.path.join(FIXTURES, "optimizers.json")
    with open(path, "w") as f:
        json.dump({"weight": encode(weights["weight"]), "bias": encode(weights["bias"]),
                   "input": encode(x), "target": encode(target), "cases": cases,
                   "schedulers": schedulers()}, f)
        f.write("\n")
    print("wrote", os.path.normpath(path))


def schedulers():
    """The learning rate after each of 25 scheduler steps (lr 0.1 at the start), past
    CosineAnnealingLR's T_max so its restart branch runs too."""
    settings = [
        ("StepLR(stepSize: 3)", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3)),
        ("StepLR(stepSize: 4, gamma: 0.5)", lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=4, gamma=0.5)),
        ("CosineAnnealingLR(tMax: 10)", lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10)),
        ("CosineAnnealingLR(tMax: 7, etaMin: 0.01)",
         lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=7, eta_min=0.01)),
    ]
    cases = []
    for name, make in settings:
        optimizer = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1)
        scheduler = make(optimizer)
        lrs = []
        for _ in range(25):
            optimizer.step()
            scheduler.step()
            lrs.append(scheduler.get_last_lr()[0])
        cases.append({"name": name, "lrs": lrs})
    return cases


def layer_case(name, layer, input_shape, training=True):
    layer.train(training)
    with torch.no_grad():
        for p in layer.parameters():
            p.copy_(torch.randn(p.shape))
    parameters = {n: encode(p) for n, p in layer.named_parameters()}
    buffers = {n: encode(b) for n, b in layer.named_buffers()}
    x = torch.randn(input_shape, requires_grad=True)
    output = layer(x)
    upstream = torch.randn(output.shape)
    (output * upstream).sum().backward()
    return {
        "name": name, "description": repr(layer), "training": training, "parameters": parameters, "buffers": buffers,
        "input": encode(x), "upstream": encode(upstream), "output": encode(output),
        "inputGrad": encode(x.grad),
        "grads": {n: encode(p.grad) for n, p in layer.named_parameters()},
        "buffersAfter": {n: encode(b) for n, b in layer.named_buffers()},
    }


def write_layers():
    torch.manual_seed(0)
    bn_eval = nn.BatchNorm2d(3)
    with torch.no_grad():
        bn_eval.running_mean.copy_(torch.randn(3))
        bn_eval.running_var.copy_(torch.rand(3) + 0.5)
    bn1d_eval = nn.BatchNorm1d(3)
    with torch.no_grad():
        bn1d_eval.running_mean.copy_(torch.randn(3))
        bn1d_eval.running_var.copy_(torch.rand(3) + 0.5)
    cases = [
        layer_case("Linear(4, 3)", nn.Linear(4, 3), (2, 4)),
        layer_case("Linear(4, 3, bias: false) on [2, 5, 4]", nn.Linear(4, 3, bias=False), (2, 5, 4)),
        layer_case("Conv2d(2, 3, kernelSize: [3, 2], stride: 2, padding: 1)",
                   nn.Conv2d(2, 3, (3, 2), stride=2, padding=1), (2, 2, 5, 5)),
        layer_case("Conv2d(4, 4, 3, groups: 2, dilation: 2, bias: false)",
                   nn.Conv2d(4, 4, 3, groups=2, dilation=2, bias=False), (1, 4, 7, 7)),
        layer_case("MaxPool2d(2)", nn.MaxPool2d(2), (2, 3, 5, 5)),
        layer_case("MaxPool2d(3, stride: 2, padding: 1, ceilMode: true)",
                   nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True), (1, 2, 6, 6)),
        layer_case("AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false)",
                   nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False), (1, 2, 6, 6)),
        layer_case("AdaptiveAvgPool2d([2, 3])", nn.AdaptiveAvgPool2d((2, 3)), (2, 2, 5, 7)),
        layer_case("BatchNorm2d(3) training", nn.BatchNorm2d(3), (4, 3, 2, 2)),
        layer_case("BatchNorm2d(3) evaluation", bn_eval, (4, 3, 2, 2), training=False),
        layer_case("BatchNorm1d(3) training, [N, C]", nn.BatchNorm1d(3), (5, 3)),
        layer_case("BatchNorm1d(3) training, [N, C, L]", nn.BatchNorm1d(3), (2, 3, 4)),
        layer_case("BatchNorm1d(3) evaluation", bn1d_eval, (2, 3, 4), training=False),
        layer_case("ReLU()", nn.ReLU(), (2, 5)),
        layer_case("LeakyReLU(negativeSlope: 0.1)", nn.LeakyReLU(0.1), (2, 5)),
        layer_case("Sigmoid()", nn.Sigmoid(), (2, 5)),
        layer_case("Tanh()", nn.Tanh(), (2, 5)),
        layer_case("GELU()", nn.GELU(), (2, 5)),
        layer_case("GELU(approximate: .tanh)", nn.GELU(approximate="tanh"), (2, 5)),
        layer_case("Softmax(dim: 1)", nn.Softmax(dim=1), (2, 5)),
        layer_case("LogSoftmax(dim: 1)", nn.LogSoftmax(dim=1), (2, 5)),
        layer_case("Flatten()", nn.Flatten(), (2, 3, 2, 2)),
        layer_case("Identity()", nn.Identity(), (2, 3)),
        layer_case("Dropout() evaluation", nn.Dropout(), (2, 3), training=False),
    ]
    nested = Nested()
    path = os.path.join(FIXTURES, "layers.json")
    with open(path, "w") as f:
        json.dump({"cases": cases, "nestedDescription": repr(nested),
                   "resnet18Description": repr(torchvision.models.resnet18())}, f)
        f.write("\n")
    print("wrote", os.path.normpath(path))


def legacy_run(input_requires_grad, weights, x0, upstream):
    """Legacy backward hooks (register_backward_hook) on conv, relu and flatten; the one on relu
    doubles its gradInput."""
    net = Net()
    with torch.no_grad():
        for name, p in net.named_parameters():
            p.copy_(weights[name])
    events = []
    for name in ("conv", "relu", "flatten"):
        def hook(m, grad_input, grad_output, name=name):
            events.append(f"legacy {name} gradInput={shapes(grad_input)} gradOutput={shapes(grad_output)}")
            if name == "relu":
                return tuple(None if g is None else g * 2 for g in grad_input)
        getattr(net, name).register_backward_hook(hook)
    x = x0.clone().requires_grad_(input_requires_grad)
    (net(x) * upstream).sum().backward()
    return {"inputRequiresGrad": input_requires_grad, "events": events,
            "inputGrad": encode(x.grad) if x.grad is not None else None,
            "grads": {name: encode(p.grad) for name, p in net.named_parameters()}}


def loss_cases():
    """Each loss module on an input and a target, with the input's gradient of the loss (times
    1.5 for an unreduced loss's sum); a full backward hook on the module records what it sees,
    with the target requiring grad in the MSE case so that gradInput has two entries."""
    torch.manual_seed(3)
    logits = torch.randn(4, 5)
    classes = torch.tensor([1, 0, 4, 2])
    settings = [
        ("CrossEntropyLoss()", nn.CrossEntropyLoss(), logits, classes),
        ("CrossEntropyLoss(ignoreIndex: 0, labelSmoothing: 0.1)",
         nn.CrossEntropyLoss(ignore_index=0, label_smoothing=0.1), logits, classes),
        ("CrossEntropyLoss(reduction: .sum)", nn.CrossEntropyLoss(reduction="sum"), logits, classes),
        ("NLLLoss()", nn.NLLLoss(), torch.log_softmax(logits, 1), classes),
        ("NLLLoss(reduction: .none)", nn.NLLLoss(reduction="none"), torch.log_softmax(logits, 1), classes),
        ("MSELoss()", nn.MSELoss(), torch.randn(3, 2), torch.randn(3, 2).requires_grad_()),
        ("MSELoss(reduction: .sum)", nn.MSELoss(reduction="sum"), torch.randn(3, 2), torch.randn(3, 2)),
        ("BCEWithLogitsLoss()", nn.BCEWithLogitsLoss(), torch.randn(3, 2), torch.rand(3, 2)),
    ]
    cases = []
    for name, loss, inp, target in settings:
        x = inp.detach().clone().requires_grad_()
        events = []
        loss.register_full_backward_hook(
            lambda m, gi, go: events.append(f"backward gradInput={shapes(gi)} gradOutput={shapes(go)}"))
        out = loss(x, target)
        (out.sum() * 1.5).backward()
        cases.append({"name": name, "input": encode(inp), "target": encode(target.float()),
                      "output": encode(out), "inputGrad": encode(x.grad), "events": events,
                      "targetGrad": encode(target.grad) if target.grad is not None else None,
                      "description": repr(loss)})
    return cases


def hook_list_timing():
    """Two calls of a Linear with forward hooks A and B and a forward pre-hook that, on its first
    call, removes B and registers C and a global forward hook G: torch reads the forward hooks
    after forward returns, so B is gone and C and G run in that same first call."""
    events = []
    layer = nn.Linear(2, 2)
    layer.register_forward_hook(lambda m, i, o: events.append("A"))
    b = layer.register_forward_hook(lambda m, i, o: events.append("B"))
    handles = []

    def pre(module, inputs):
        events.append("pre")
        if not handles:
            b.remove()
            handles.append(layer.register_forward_hook(lambda m, i, o: events.append("C")))
            handles.append(module_hooks.register_module_forward_hook(lambda m, i, o: events.append("G")))

    layer.register_forward_pre_hook(pre)
    x = torch.zeros(1, 2)
    layer(x)
    events.append("|")
    layer(x)
    handles[1].remove()
    return events


class Branches(nn.Module):
    """head(left(x) + right(x)): two branches that become ready together in backward."""

    def __init__(self):
        super().__init__()
        self.left = nn.Linear(2, 2)
        self.right = nn.Linear(2, 2)
        self.head = nn.Linear(2, 1)

    def forward(self, x):
        return self.head(self.left(x) + self.right(x))


def backward_order():
    """The order torch's engine runs hooks in: full backward hooks of two branches (the
    later-created branch first), and tensor hooks around a matmul whose left operand is used
    twice (leaves' AccumulateGrad before other ready nodes)."""
    branches = []
    model = Branches()
    for name, module in model.named_children():
        module.register_full_backward_hook(lambda m, gi, go, name=name: branches.append(name))
    model(torch.ones(1, 2, requires_grad=True)).sum().backward()
    tensors = []
    a = torch.ones(2, 3, requires_grad=True)
    w = torch.ones(3, 2, requires_grad=True)
    x = a * 2
    x.register_hook(lambda g: tensors.append("x"))
    h = x @ w
    h.register_hook(lambda g: tensors.append("h"))
    w.register_post_accumulate_grad_hook(lambda t: tensors.append("w post"))
    a.register_post_accumulate_grad_hook(lambda t: tensors.append("a post"))
    (h.sum() + x.sum()).backward()
    return {"branches": branches, "tensors": tensors}


def write_more_hooks():
    """Tests/LumenNNTests/Fixtures/more_hooks.json: {"legacy": [scenario], "losses": [case],
    "hookListTiming": [event]}."""
    weights = fixed_weights()
    x0 = torch.arange(16, dtype=torch.float32).reshape(1, 1, 4, 4) * 0.1 - 0.5
    upstream = torch.tensor([[1.0, -2.0, 3.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        legacy = [legacy_run(True, weights, x0, upstream), legacy_run(False, weights, x0, upstream)]
    path = os.path.join(FIXTURES, "more_hooks.json")
    with open(path, "w") as f:
        json.dump({"legacy": legacy, "losses": loss_cases(), "hookListTiming": hook_list_timing(),
                   "backwardOrder": backward_order()}, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
