#!/usr/bin/env python3
"""Makes Tests/LumenVisionTests/Fixtures/transforms/: torchvision's outputs for its functional
transforms on small random inputs, so that LumenVision's transforms are checked against them
without Python.

What it writes:
  cases.json       the inputs and cases: for each case the function (torchvision.transforms.
                   functional name), its parameters, the input and the expected output, each
                   tensor named by its shape, dtype ("float32" or "uint8") and offset (in
                   float32 values) into tensors.f32.gz
  tensors.f32.gz   every tensor's values, float32 little-endian, one after another, gzipped

Inputs: float tensors with values in 0…1 (3×13×17 and 1×9×11, and a batch 2×3×6×8) and
uint8-valued ones of the same sizes (the uint8 tensor path, which LumenVision's Image follows).

Run with the project's venv (torch 2.15, torchvision 0.29.2):
  /root/venv-torch/bin/python Scripts/make_transform_fixtures.py
"""
import gzip
import json
import os

import numpy as np
import torch
import torchvision
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenVisionTests", "Fixtures", "transforms")
MODES = {
    "nearest": InterpolationMode.NEAREST,
    "nearestExact": InterpolationMode.NEAREST_EXACT,
    "bilinear": InterpolationMode.BILINEAR,
    "bicubic": InterpolationMode.BICUBIC,
}


class Store:
    def __init__(self):
        self.tensors = {}
        self.blob = []
        self.offset = 0
        self.cases = []

    def tensor(self, name, t):
        values = t.detach().to(torch.float32).contiguous().view(-1).numpy()
        self.tensors[name] = {
            "shape": list(t.shape),
            "dtype": "uint8" if t.dtype == torch.uint8 else "float32",
            "offset": self.offset,
        }
        self.blob.append(values.astype("<f4").tobytes())
        self.offset += values.size
        return name

    def case(self, op, input_name, params, output):
        name = f"{op}#{len(self.cases)}"
        self.cases.append({"op": op, "input": input_name, "params": params, "output": self.tensor(name, output)})


def main():
    torch.manual_seed(0)
    store = Store()
    inputs = {
        "f3": torch.rand(3, 13, 17),
        "f1": torch.rand(1, 9, 11),
        "fb": torch.rand(2, 3, 6, 8),
        "u3": torch.randint(0, 256, (3, 13, 17), dtype=torch.uint8),
        "u1": torch.randint(0, 256, (1, 9, 11), dtype=torch.uint8),
    }
    for name, t in inputs.items():
        store.tensor(name, t)
    rgb = ["f3", "u3", "fb"]
    everything = list(inputs)

    # resize: down, up, mixed, odd sizes, shorter-side sizes, every mode, antialias on and off.
    sizes = [[5, 7], [29, 31], [13, 9], [6, 40], [4], [20], [1, 1]]
    for name in everything:
        for size in sizes:
            for mode in MODES:
                for antialias in [True, False]:
                    if mode.startswith("nearest") and not antialias:
                        continue
                    out = F.resize(inputs[name], size, MODES[mode], antialias=antialias)
                    store.case("resize", name, {"size": size, "interpolation": mode, "antialias": antialias}, out)
    for name in ["f3", "u3"]:
        out = F.resize(inputs[name], [8], InterpolationMode.BILINEAR, max_size=10)
        store.case("resize", name, {"size": [8], "maxSize": 10, "interpolation": "bilinear", "antialias": True}, out)

    # crops, inside and overlapping the border; centre crops smaller and larger.
    for name in everything:
        for top, left, h, w in [(2, 3, 7, 9), (-2, -3, 8, 10), (4, 6, 12, 15), (0, 0, 3, 3)]:
            store.case("crop", name, {"top": top, "left": left, "height": h, "width": w}, F.crop(inputs[name], top, left, h, w))
        for size in [[5], [4, 9], [15, 20], [10, 30]]:
            store.case("centerCrop", name, {"size": size}, F.center_crop(inputs[name], size))
    for name in ["f3", "u3"]:
        for (top, left, h, w, size, mode, antialias) in [
            (2, 3, 7, 9, [11, 5], "bilinear", True),
            (1, 1, 10, 12, [4, 6], "bicubic", True),
            (0, 2, 13, 11, [6, 6], "bilinear", False),
            (3, 0, 8, 17, [16, 20], "nearest", True),
        ]:
            out = F.resized_crop(inputs[name], top, left, h, w, size, MODES[mode], antialias=antialias)
            store.case("resizedCrop", name, {"top": top, "left": left, "height": h, "width": w, "size": size,
                                             "interpolation": mode, "antialias": antialias}, out)

    # padding, every mode.
    for name in ["f3", "u3", "f1"]:
        fill = 7 if name.startswith("u") else 0.5
        for padding in [[2], [1, 3], [1, 2, 3, 4]]:
            for mode in ["constant", "edge", "reflect", "symmetric"]:
                out = F.pad(inputs[name], padding, fill=fill, padding_mode=mode)
                store.case("pad", name, {"padding": padding, "fill": fill, "mode": mode}, out)

    for name in everything:
        store.case("hflip", name, {}, F.hflip(inputs[name]))
        store.case("vflip", name, {}, F.vflip(inputs[name]))

    # rotations: several angles, both interpolations, with and without expand, a centre, fills.
    for name in ["f3", "u3", "f1", "fb"]:
        channels = inputs[name].shape[-3]
        for angle in [30.0, -45.0, 90.0, 137.5, 12.3]:
            for mode in ["nearest", "bilinear"]:
                for expand in [False, True]:
                    out = F.rotate(inputs[name], angle, MODES[mode], expand=expand)
                    store.case("rotate", name, {"angle": angle, "interpolation": mode, "expand": expand}, out)
        fill = ([10.0, 200.0, 50.0] if name == "u3" else [0.2, 0.5, 0.9])[:channels]
        for mode in ["nearest", "bilinear"]:
            for center in [None, [3, 4]]:
                out = F.rotate(inputs[name], 25.0, MODES[mode], expand=False, center=center, fill=fill)
                params = {"angle": 25.0, "interpolation": mode, "expand": False, "fill": fill}
                if center is not None:
                    params["center"] = center
                store.case("rotate", name, params, out)
            out = F.rotate(inputs[name], -70.0, MODES[mode], expand=True, fill=[0.0] * channels)
            store.case("rotate", name, {"angle": -70.0, "interpolation": mode, "expand": True, "fill": [0.0] * channels}, out)

    # colour.
    for name in ["f3", "u3", "f1", "u1", "fb"]:
        for factor in [0.0, 0.5, 1.3, 2.0]:
            store.case("adjustBrightness", name, {"factor": factor}, F.adjust_brightness(inputs[name], factor))
        for factor in [0.0, 0.4, 1.7]:
            store.case("adjustContrast", name, {"factor": factor}, F.adjust_contrast(inputs[name], factor))
        for factor in [0.0, 0.3, 1.8]:
            store.case("adjustSaturation", name, {"factor": factor}, F.adjust_saturation(inputs[name], factor))
        for factor in [-0.5, -0.25, 0.1, 0.33, 0.5]:
            store.case("adjustHue", name, {"factor": factor}, F.adjust_hue(inputs[name], factor))
        for channels in [1, 3]:
            out = F.rgb_to_grayscale(inputs[name], num_output_channels=channels)
            store.case("rgbToGrayscale", name, {"numOutputChannels": channels}, out)
    for name in ["f3", "fb"]:
        mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
        store.case("normalize", name, {"mean": mean, "std": std}, F.normalize(inputs[name], mean, std))

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump({"torchvision": torchvision.__version__, "torch": torch.__version__,
                   "tensors": store.tensors, "cases": store.cases}, f, separators=(",", ":"))
    with gzip.GzipFile(os.path.join(OUT, "tensors.f32.gz"), "wb", compresslevel=9, mtime=0) as f:
        f.write(b"".join(store.blob))
    print(f"{len(store.cases)} cases, {store.offset} values")


if __name__ == "__main__":
    main()
