#!/usr/bin/env python3
"""Reference figures for `lumen-bench cam`: Grad-CAM and Score-CAM of a ResNet-18 (random
weights) at "layer4" on one 1×3×224×224 input through pytorch-grad-cam on the CPU.

Usage: cam_reference.py [gradcam_repeats] [scorecam_runs] [scorecam_batch]

Prints one JSON object: {"reference": name, "threads": n, "<measure>": value, ...}, times in
milliseconds (median and min of the timed calls; Grad-CAM's after one warm-up call, Score-CAM's,
512 forward passes each, right after the Grad-CAM calls), as `lumen-bench` prints them.
"""
import os

os.environ["TQDM_DISABLE"] = "1"  # Score-CAM reports progress with tqdm; the figures stay clean

import json  # noqa: E402 (after the environment is set)
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from importlib.metadata import version  # noqa: E402

import torch  # noqa: E402
import torchvision  # noqa: E402
from pytorch_grad_cam import GradCAM, ScoreCAM  # noqa: E402


def times_ms(job, repeats, warm_up=True):
    """Milliseconds of each of `repeats` timed calls of `job`."""
    if warm_up:
        job()
    times = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1e3)
    return times


def main():
    gradcam_repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    scorecam_runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    scorecam_batch = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    torch.set_num_threads(2)
    torch.manual_seed(0)
    results = {"reference": f"pytorch-grad-cam {version('grad-cam')}, torch {torch.__version__}",
               "threads": torch.get_num_threads()}
    model = torchvision.models.resnet18().eval()
    x = torch.randn(1, 3, 224, 224)

    with GradCAM(model=model, target_layers=[model.layer4]) as cam:
        grad = times_ms(lambda: cam(input_tensor=x, targets=None), gradcam_repeats)
    results["gradcam"] = statistics.median(grad)
    results["gradcam_min"] = min(grad)

    with ScoreCAM(model=model, target_layers=[model.layer4]) as cam:
        cam.batch_size = scorecam_batch
        score = times_ms(lambda: cam(input_tensor=x, targets=None), scorecam_runs, warm_up=False)
    results["scorecam"] = statistics.median(score)
    results["scorecam_min"] = min(score)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
