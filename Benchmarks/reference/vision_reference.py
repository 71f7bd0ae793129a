#!/usr/bin/env python3
"""Reference figures for `lumen-bench vision`: torchvision's tensor transforms on the CPU.

Prints one JSON object: {"reference": name, "threads": n, "<measure>": milliseconds, ...}, each
the best of `repeats` timed runs after a warm-up, with `threads` torch threads (default 2).
"""
import json
import sys
import time

import torch
import torchvision
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode


def best_ms(job, repeats):
    job()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.rand(3, 512, 512)
    results = {"reference": f"torchvision {torchvision.__version__}", "threads": torch.get_num_threads()}
    results["resize_bilinear_aa"] = best_ms(lambda: F.resize(x, [224, 224], InterpolationMode.BILINEAR, antialias=True), repeats)
    results["resize_bicubic_aa"] = best_ms(lambda: F.resize(x, [224, 224], InterpolationMode.BICUBIC, antialias=True), repeats)
    results["resize_bilinear"] = best_ms(lambda: F.resize(x, [224, 224], InterpolationMode.BILINEAR, antialias=False), repeats)
    results["resize_up_bilinear"] = best_ms(lambda: F.resize(x, [768, 768], InterpolationMode.BILINEAR, antialias=True), repeats)
    results["rotate_bilinear"] = best_ms(lambda: F.rotate(x, 30.0, InterpolationMode.BILINEAR), repeats)
    results["color_jitter_hue"] = best_ms(lambda: F.adjust_hue(x, 0.1), repeats)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
