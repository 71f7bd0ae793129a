#!/usr/bin/env python3
"""Writes the class-activation-map fixtures LumenVision's CAM tests compare with: the maps
pytorch-grad-cam 1.5.7 computes for two models with fixed weights.

Run with the project's Python (torch, torchvision, grad-cam 1.5.7, opencv, safetensors):
  python3 Scripts/make_cam_fixtures.py

Tests/LumenVisionTests/Fixtures/cam/
  small_cnn.safetensors      a small CNN (conv-bn-relu, conv(stride 2)-bn-relu, global average
                             pool, linear 16 → 10; torch's seeded initialization, non-trivial
                             batch-norm statistics)
  resnet18.safetensors.zlib  torchvision's ResNet-18 with the weights of
                             Scripts/make_weights_fixtures.py (a repeating 97-value pattern)
                             and 0.001·k added to fc.bias[k] (else classes k and k + 97 tie),
                             zlib-compressed
  small_cnn.json, resnet18.json
      {"bytes": uncompressed weights size (ResNet-18 only),
       "cases": [{"name", "method", "layers": [module paths], "inputSize": [N, C, H, W],
                  "targets": null or [{"kind": "category" | "softmax", "index"}],
                  "augSmooth", "eigenSmooth", "batchSize" (ScoreCAM and AblationCAM),
                  "categories": the class explained per image,
                  "maps": packed [N, H, W], "flippedMaps": packed (eigen cases only)}],
       "metric": {"case": name of the case whose maps it scores, "value": [N]}}
Inputs are not stored: image n, channel c, row y, column x holds
  sin(0.19·y + 0.13·x·(c + 1) + 0.7·n) + 0.5·cos(0.011·x·y + 0.3·c)
computed in double and rounded to float32 (`pattern_input`).

Maps are packed small: each value rounded to v·65535 (an error below 8e-6), each row replaced
by its second differences (x[i] − 2·x[i−1] + x[i−2], zeros before the row), stored as
little-endian int32, zlib-compressed, base64. Bilinear maps are piecewise linear along a row,
so almost every second difference is 0 or ±1.

The eigen methods (EigenCAM, EigenGradCAM and eigen_smooth) project onto the first singular
vector, whose sign the SVD leaves open and which the ReLU after it does not forgive; the cases
also carry `flippedMaps`, what the library gives with the projection negated, and the tests
accept either per image.
"""
import base64
import json
import math
import os
import sys
import zlib

import numpy as np
import torch
import torchvision
from safetensors.torch import save_file

import pytorch_grad_cam
from pytorch_grad_cam import (AblationCAM, EigenCAM, EigenGradCAM, GradCAM, GradCAMPlusPlus,
                              HiResCAM, LayerCAM, ScoreCAM, XGradCAM)
from pytorch_grad_cam.base_cam import BaseCAM
from pytorch_grad_cam.metrics.cam_mult_image import CamMultImageConfidenceChange
from pytorch_grad_cam.utils.model_targets import ClassifierOutputSoftmaxTarget, ClassifierOutputTarget
import pytorch_grad_cam.base_cam as base_cam_module
import pytorch_grad_cam.eigen_cam as eigen_cam_module
import pytorch_grad_cam.eigen_grad_cam as eigen_grad_cam_module
import pytorch_grad_cam.utils.svd_on_activations as svd_module

sys.path.insert(0, os.path.dirname(__file__))
from make_weights_fixtures import patterned_resnet18  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "LumenVisionTests", "Fixtures", "cam")


class SmallCNN(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.features = torch.nn.Sequential(
            torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.BatchNorm2d(8), torch.nn.ReLU(),
            torch.nn.Conv2d(8, 16, 3, stride=2, padding=1), torch.nn.BatchNorm2d(16), torch.nn.ReLU())
        self.pool = torch.nn.AdaptiveAvgPool2d(1)
        self.fc = torch.nn.Linear(16, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.features(x)), 1))


class ZhouCAM(BaseCAM):
    """CAM (Zhou et al. 2016), which the library lacks, on its pipeline: the classifier's weights
    of the explained class over the last feature maps, then ReLU, resize and scaling as every
    method."""

    def __init__(self, model, target_layers, classifier):
        super().__init__(model, target_layers, uses_gradients=False)
        self.classifier = classifier

    def get_cam_weights(self, input_tensor, target_layer, targets, activations, grads):
        weight = self.classifier.weight.detach().numpy()
        return np.float32([weight[target.category] for target in targets])


def pattern_input(shape):
    n, c, h, w = np.meshgrid(*[np.arange(s, dtype=np.float64) for s in shape], indexing="ij")
    values = np.sin(0.19 * h + 0.13 * w * (c + 1) + 0.7 * n) + 0.5 * np.cos(0.011 * w * h + 0.3 * c)
    return torch.from_numpy(values.astype(np.float32))


def pack(maps):
    q = np.round(np.clip(maps, 0, 1) * 65535).astype(np.int64)
    padded = np.concatenate([np.zeros(q.shape[:-1] + (2,), np.int64), q], axis=-1)
    residual = padded[..., 2:] - 2 * padded[..., 1:-1] + padded[..., :-2]
    raw = residual.astype("<i4").tobytes()
    return base64.b64encode(zlib.compress(raw, 9)).decode()


def unpack(text, shape):
    residual = np.frombuffer(zlib.decompress(base64.b64decode(text)), "<i4").reshape(shape).astype(np.int64)
    q = np.zeros(shape, np.int64)
    for i in range(shape[-1]):
        q[..., i] = residual[..., i] + (2 * q[..., i - 1] if i >= 1 else 0) - (q[..., i - 2] if i >= 2 else 0)
    return q / 65535


class FlippedProjection:
    """Makes the library negate every SVD projection while active."""

    def __enter__(self):
        original = svd_module.get_2d_projection
        self.original = original
        flipped = lambda batch: -original(batch)  # noqa: E731
        for module in (base_cam_module, eigen_cam_module, eigen_grad_cam_module, svd_module):
            module.get_2d_projection = flipped
        import pytorch_grad_cam.hirescam as hires
        import pytorch_grad_cam.layer_cam as layer
        for module in (hires, layer):
            module.get_2d_projection = flipped

    def __exit__(self, *args):
        import pytorch_grad_cam.hirescam as hires
        import pytorch_grad_cam.layer_cam as layer
        for module in (base_cam_module, eigen_cam_module, eigen_grad_cam_module, svd_module, hires, layer):
            module.get_2d_projection = self.original


METHODS = {
    "GradCAM": GradCAM, "HiResCAM": HiResCAM, "GradCAMPlusPlus": GradCAMPlusPlus, "XGradCAM": XGradCAM,
    "LayerCAM": LayerCAM, "EigenCAM": EigenCAM, "EigenGradCAM": EigenGradCAM,
}


def make_cam(model, method, layers, batch_size):
    modules = [model.get_submodule(path) for path in layers]
    if method == "CAM":
        return ZhouCAM(model, modules, model.fc)
    if method == "ScoreCAM":
        cam = ScoreCAM(model, modules)
        cam.batch_size = batch_size
        return cam
    if method == "AblationCAM":
        return AblationCAM(model, modules, batch_size=batch_size)
    return METHODS[method](model, modules)


def run_case(model, name, method, layers, shape, targets=None, aug=False, eigen=False, batch_size=None):
    x = pattern_input(shape)
    with torch.no_grad():
        logits = model(x)
    if targets is None:
        categories = logits.argmax(dim=1).tolist()
        top2 = logits.topk(2, dim=1).values
        assert (top2[:, 0] - top2[:, 1]).min() > 1e-3, f"{name}: top-1 too close to call"
        library_targets = None
    else:
        categories = [t["index"] for t in targets]
        kinds = {"category": ClassifierOutputTarget, "softmax": ClassifierOutputSoftmaxTarget}
        library_targets = [kinds[t["kind"]](t["index"]) for t in targets]

    def compute():
        cam = make_cam(model, method, layers, batch_size)
        return cam(input_tensor=x, targets=library_targets, aug_smooth=aug, eigen_smooth=eigen)

    maps = compute()
    case = {"name": name, "method": method, "layers": layers, "inputSize": list(shape), "targets": targets,
            "augSmooth": aug, "eigenSmooth": eigen, "batchSize": batch_size, "categories": categories,
            "maps": pack(maps)}
    assert np.abs(unpack(case["maps"], maps.shape) - maps).max() < 1e-5
    if eigen or method in ("EigenCAM", "EigenGradCAM"):
        with FlippedProjection():
            case["flippedMaps"] = pack(compute())
    print(f"{name}: {maps.shape}", flush=True)
    return case, x, maps


def check_resize_matches_cv2():
    """The resize the library calls is cv2.resize INTER_LINEAR on float32; the Swift port follows
    half-pixel centres with clamped borders. Check that reading against cv2 itself."""
    import cv2
    rng = np.random.default_rng(0)
    small = rng.random((7, 5), dtype=np.float32)
    big = cv2.resize(small, (37, 64))
    ours = torch.nn.functional.interpolate(torch.from_numpy(small)[None, None], size=(64, 37),
                                           mode="bilinear", align_corners=False)[0, 0].numpy()
    assert np.abs(big - ours).max() < 1e-6, np.abs(big - ours).max()


def small_cnn_cases():
    torch.manual_seed(0)
    model = SmallCNN()
    generator = torch.Generator().manual_seed(2)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                count = module.num_features
                module.running_mean.copy_(0.1 * torch.randn(count, generator=generator))
                module.running_var.copy_(0.5 + torch.rand(count, generator=generator))
                module.weight.copy_(1 + 0.2 * torch.randn(count, generator=generator))
                module.bias.copy_(0.1 * torch.randn(count, generator=generator))
    model.eval()
    save_file(model.state_dict(), os.path.join(OUT, "small_cnn.safetensors"))
    shape = (2, 3, 32, 32)
    given = [{"kind": "category", "index": 3}, {"kind": "category", "index": 7}]
    cases = []
    for method in list(METHODS) + ["CAM"]:
        for label, targets in (("top1", None), ("given", given)):
            cases.append(run_case(model, f"{method}-{label}", method, ["features.5"], shape, targets)[0])
    for method, layers, batch in (("ScoreCAM", ["features.5"], 5), ("ScoreCAM", ["features.2"], 16),
                                  ("AblationCAM", ["features.5"], 6), ("AblationCAM", ["features.3"], 32)):
        for label, targets in (("top1", None), ("given", given)):
            cases.append(run_case(model, f"{method}-{layers[0]}-{label}", method, layers, shape, targets,
                                  batch_size=batch)[0])
    cases.append(run_case(model, "GradCAM-two-layers", "GradCAM", ["features.2", "features.5"], shape, given)[0])
    cases.append(run_case(model, "GradCAM-softmax", "GradCAM", ["features.5"], shape,
                          [{"kind": "softmax", "index": 3}, {"kind": "softmax", "index": 7}])[0])
    cases.append(run_case(model, "GradCAM-aug", "GradCAM", ["features.5"], shape, None, aug=True)[0])
    cases.append(run_case(model, "GradCAM-aug-given", "GradCAM", ["features.5"], shape, given, aug=True)[0])
    cases.append(run_case(model, "GradCAM-eigen", "GradCAM", ["features.5"], shape, given, eigen=True)[0])
    cases.append(run_case(model, "LayerCAM-eigen", "LayerCAM", ["features.5"], shape, None, eigen=True)[0])

    metric_case, x, maps = run_case(model, "metric-GradCAM", "GradCAM", ["features.5"], shape, given)
    cases.append(metric_case)
    library_targets = [ClassifierOutputTarget(3), ClassifierOutputTarget(7)]
    value = CamMultImageConfidenceChange()(x, maps, library_targets, model)
    metric = {"case": "metric-GradCAM", "value": [float(v) for v in np.ravel(value)]}
    with open(os.path.join(OUT, "small_cnn.json"), "w") as f:
        json.dump({"cases": cases, "metric": metric}, f)


def resnet18_cases():
    model, _ = patterned_resnet18()
    with torch.no_grad():
        # fc rows k and k + 97 repeat each other: a ramp on the bias breaks their ties.
        model.fc.bias.add_(0.001 * torch.arange(1000, dtype=torch.float32))
    path = os.path.join(OUT, "resnet18.safetensors")
    save_file(model.state_dict(), path)
    with open(path, "rb") as f:
        raw = f.read()
    os.remove(path)
    with open(path + ".zlib", "wb") as f:
        f.write(zlib.compress(raw, 9))
    model.eval()

    shape = (1, 3, 224, 224)
    given = [{"kind": "category", "index": 281}]
    cases = []
    for method in list(METHODS) + ["CAM"]:
        for label, targets in (("top1", None), ("given", given)):
            cases.append(run_case(model, f"{method}-{label}", method, ["layer4"], shape, targets)[0])
    cases.append(run_case(model, "GradCAM-two-layers", "GradCAM", ["layer3", "layer4.1.conv2"], shape, given)[0])
    cases.append(run_case(model, "GradCAM-eigen", "GradCAM", ["layer4"], shape, given, eigen=True)[0])
    cases.append(run_case(model, "GradCAM-aug", "GradCAM", ["layer4"], shape, given, aug=True)[0])
    small = (1, 3, 32, 32)
    cases.append(run_case(model, "ScoreCAM-layer3", "ScoreCAM", ["layer3"], small, None, batch_size=16)[0])
    cases.append(run_case(model, "AblationCAM-layer3", "AblationCAM", ["layer3"], small, given, batch_size=32)[0])
    with open(os.path.join(OUT, "resnet18.json"), "w") as f:
        json.dump({"bytes": len(raw), "cases": cases}, f)


def main():
    torch.set_num_threads(2)
    os.makedirs(OUT, exist_ok=True)
    check_resize_matches_cv2()
    small_cnn_cases()
    resnet18_cases()


if __name__ == "__main__":
    main()
