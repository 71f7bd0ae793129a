#!/usr/bin/env python3
"""Writes the weights fixtures LumenNN's state-dict and safetensors tests load: models saved by
PyTorch with safetensors, with an input and torch's outputs for it.

Run with a Python that has torch, torchvision and safetensors:
  /opt/torchenv/bin/python Scripts/make_weights_fixtures.py

Tests/LumenNNTests/Fixtures/weights/
  lenet.safetensors          the course LeNet (torch's seeded default initialization), as
                             safetensors.torch.save_file writes a state dict
  lenet.json                 {"input": tensor [2, 3, 32, 32], "evalOutput": tensor,
                              "keys": state-dict keys in torch's order}
  resnet18.safetensors.zlib  torchvision.models.resnet18() (1,000 classes, 11.7 M parameters),
                             compressed with zlib. Random weights would not compress (46 MB), so
                             every tensor repeats a 97-value pattern scaled to its fan-in and the
                             batch-norm running statistics are set to non-trivial values.
  resnet18.json              {"bytes": size of the uncompressed file, "input": tensor [1, 3, 64, 64],
                              "evalOutput": tensor [1, 1000], "keys": state-dict keys,
                              "trainOutput": tensor, "trainRunningMean": bn1.running_mean after
                              the training-mode call, "grads": {name: tensor} for a few parameters}
where a tensor is {"shape", "data"} and gradients are of sum(output * upstream) with upstream a
fixed pattern (see `upstream`).
"""
import json
import math
import os
import zlib

import torch
import torchvision
from safetensors.torch import save_file
from course_lenet import LeNet

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenNNTests", "Fixtures", "weights")
PERIOD = 97


def encode(t):
    t = t.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "data": [float("%.9g" % v) for v in t.reshape(-1).tolist()]}


def upstream(shape):
    """A fixed, sign-changing gradient for the output: sin(index)."""
    count = math.prod(shape)
    return torch.sin(torch.arange(count, dtype=torch.float32)).reshape(shape)


def write_lenet():
    torch.manual_seed(0)
    net = LeNet().eval()
    x = torch.randn(2, 3, 32, 32)
    save_file(net.state_dict(), os.path.join(OUT, "lenet.safetensors"))
    with torch.no_grad():
        out = net(x)
    meta = {"input": encode(x), "evalOutput": encode(out), "keys": list(net.state_dict().keys())}
    with open(os.path.join(OUT, "lenet.json"), "w") as f:
        json.dump(meta, f)


def patterned(tensor, pattern, fan_in):
    count = tensor.numel()
    repeats = (count + PERIOD - 1) // PERIOD
    values = pattern.repeat(repeats)[:count] / math.sqrt(fan_in)
    return values.reshape(tensor.shape)


def patterned_resnet18():
    """torchvision's ResNet-18 whose every tensor repeats one seeded 97-value pattern (so its
    file compresses well), scaled as an initialization would be; also returns the generator,
    which has drawn the pattern."""
    generator = torch.Generator().manual_seed(1)
    pattern = torch.randn(PERIOD, generator=generator)
    model = torchvision.models.resnet18()
    with torch.no_grad():
        for name, tensor in model.state_dict().items():
            if name.endswith("num_batches_tracked"):
                tensor.fill_(3)
            elif name.endswith("running_var"):
                tensor.copy_(0.5 + patterned(tensor, pattern, 1).abs())
            elif name.endswith("running_mean"):
                tensor.copy_(0.1 * patterned(tensor, pattern, 1))
            elif tensor.dim() == 1:  # batch-norm weight and bias, the fc bias
                base = 1.0 if name.endswith("weight") else 0.0
                tensor.copy_(base + 0.1 * patterned(tensor, pattern, 1))
            else:
                tensor.copy_(1.4 * patterned(tensor, pattern, tensor[0].numel()))
    return model, generator


def write_resnet18():
    model, generator = patterned_resnet18()
    path = os.path.join(OUT, "resnet18.safetensors")
    save_file(model.state_dict(), path)
    with open(path, "rb") as f:
        raw = f.read()
    os.remove(path)
    with open(path + ".zlib", "wb") as f:
        f.write(zlib.compress(raw, 9))

    x = torch.randn(1, 3, 64, 64, generator=generator)
    model.eval()
    with torch.no_grad():
        eval_out = model(x)
    model.train()
    train_out = model(x)
    (train_out * upstream(train_out.shape)).sum().backward()
    params = dict(model.named_parameters())
    grads = {name: encode(params[name].grad) for name in ("fc.bias", "layer4.1.bn2.weight", "bn1.bias")}
    meta = {
        "bytes": len(raw), "input": encode(x), "evalOutput": encode(eval_out),
        "keys": list(model.state_dict().keys()), "trainOutput": encode(train_out),
        "trainRunningMean": encode(model.bn1.running_mean), "grads": grads,
    }
    with open(os.path.join(OUT, "resnet18.json"), "w") as f:
        json.dump(meta, f)


def main():
    os.makedirs(OUT, exist_ok=True)
    write_lenet()
    write_resnet18()


if __name__ == "__main__":
    main()
