#!/usr/bin/env python3
"""Writes the texts that torchsummary and torchinfo print for three models, which LumenNN's
`summary` tests compare byte for byte.

Run with a Python that has torch, torchvision, torchsummary and torchinfo:
  /opt/torchenv/bin/pip install torchvision torchsummary torchinfo
  /opt/torchenv/bin/python Scripts/make_summary_fixtures.py

The models are
  lenet     the course LeNet as Sources/LumenNN/Models/LeNet.swift defines it (62,006 params)
  resnet18  torchvision.models.resnet18()
  mixed     MixedNet below: Sequentials (one nested), BatchNorm2d with a frozen weight, a frozen
            convolution, layers without bias, a ModuleList (never called itself), a convolution
            called twice, Dropout

Each file in Tests/LumenNNTests/Fixtures/Summary/ is exactly what one call prints, final newline
included; the file name says the call:
  <model>-torchsummary[-batch<B>]-<C>x<H>x<W>.txt
      torchsummary.summary(model, (C, H, W), batch_size=B or -1, device="cpu")
  <model>-torchinfo-<N>x<C>x<H>x<W>-depth<D>[-<columns>].txt
      torchinfo.summary(model, input_size=(N, C, H, W), depth=D, col_names=COLUMNS)
      with COLUMNS = ("input_size", "output_size", "num_params", "kernel_size", "mult_adds")
      unless the name lists other columns.
"""
import contextlib
import io
import os

import torch
import torch.nn as nn
import torchinfo
import torchsummary
import torchvision
from course_lenet import LeNet

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenNNTests", "Fixtures", "Summary")
DEFAULT_COLUMNS = ("input_size", "output_size", "num_params", "kernel_size", "mult_adds")


class MixedNet(nn.Module):
    """MixedNet in Tests/LumenNNTests/SummaryTests.swift, for 3x16x16 inputs."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU())
        self.frozen = nn.Conv2d(8, 8, 3, padding=1)
        self.blocks = nn.ModuleList([nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.ReLU()) for _ in range(2)])
        self.pool = nn.MaxPool2d(2)
        self.refine = nn.Conv2d(8, 8, 1)
        self.head = nn.Sequential(
            nn.Flatten(),
            nn.Sequential(nn.Linear(8 * 8 * 8, 32, bias=False), nn.Dropout(), nn.Linear(32, 10)),
        )
        self.frozen.requires_grad_(False)
        # Only the weight: torchsummary then counts the whole layer as non-trainable, torchinfo
        # counts its bias as trainable.
        self.stem[1].weight.requires_grad_(False)

    def forward(self, x):
        x = self.frozen(self.stem(x))
        for block in self.blocks:
            x = block(x)
        x = self.refine(self.refine(self.pool(x)))
        return self.head(x)


def printed(call):
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        call()
    return text.getvalue()


def write(name, text):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote", name)


def dims(shape):
    return "x".join(str(d) for d in shape)


def torchsummary_fixture(name, model, input_size, batch_size=-1):
    batch = "" if batch_size == -1 else f"-batch{batch_size}"
    text = printed(lambda: torchsummary.summary(model, input_size, batch_size=batch_size, device="cpu"))
    write(f"{name}-torchsummary{batch}-{dims(input_size)}.txt", text)


def torchinfo_fixture(name, model, input_size, depth, columns=DEFAULT_COLUMNS):
    suffix = "" if columns == DEFAULT_COLUMNS else "-" + "-".join(columns)
    text = printed(lambda: torchinfo.summary(model, input_size=input_size, depth=depth, col_names=columns, verbose=1))
    write(f"{name}-torchinfo-{dims(input_size)}-depth{depth}{suffix}.txt", text)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)

    lenet = LeNet()
    assert sum(p.numel() for p in lenet.parameters()) == 62006
    torchsummary_fixture("lenet", lenet, (3, 32, 32))
    torchsummary_fixture("lenet", lenet, (3, 32, 32), batch_size=16)
    torchinfo_fixture("lenet", lenet, (1, 3, 32, 32), depth=3)

    resnet = torchvision.models.resnet18()
    for size in (224, 64):
        torchsummary_fixture("resnet18", resnet, (3, size, size))
        torchinfo_fixture("resnet18", resnet, (1, 3, size, size), depth=3)
    torchinfo_fixture("resnet18", resnet, (2, 3, 64, 64), depth=1)

    mixed = MixedNet()
    torchsummary_fixture("mixed", mixed, (3, 16, 16))
    for depth in (1, 2, 3):
        torchinfo_fixture("mixed", mixed, (2, 3, 16, 16), depth=depth)
    torchinfo_fixture("mixed", mixed, (2, 3, 16, 16), depth=2,
                      columns=("output_size", "num_params", "params_percent", "trainable"))
    print("with torch", torch.__version__, "torchvision", torchvision.__version__, "torchinfo", torchinfo.__version__)


if __name__ == "__main__":
    main()
