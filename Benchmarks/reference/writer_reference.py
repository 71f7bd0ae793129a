#!/usr/bin/env python3
"""Reference figures for `lumen-bench writer`: the same workloads through
torch.utils.tensorboard (or tensorboardX when torch is not installed).

Prints one JSON object: {"reference": name, "<measure>": rate, ...}.
Each rate counts the whole job: from the first call to close() returning.
"""
import json
import sys
import tempfile
import time

import numpy as np


def writer_class():
    try:
        from torch.utils.tensorboard import SummaryWriter
        import torch
        return SummaryWriter, f"torch {torch.__version__}"
    except ImportError:
        from tensorboardX import SummaryWriter
        import tensorboardX
        return SummaryWriter, f"tensorboardX {tensorboardX.__version__}"


def rate(count, job):
    start = time.perf_counter()
    job()
    return count / (time.perf_counter() - start)


def main():
    scalars, histograms, images = (int(a) for a in sys.argv[1:4])
    SummaryWriter, name = writer_class()
    rng = np.random.default_rng(0)
    values = rng.uniform(-3, 3, 10_000).astype(np.float32)
    pictures = [rng.random((3, 256, 256), dtype=np.float32) for _ in range(8)]
    results = {"reference": name}
    with tempfile.TemporaryDirectory() as root:
        def log_scalars():
            w = SummaryWriter(log_dir=root + "/scalars")
            for i in range(scalars):
                w.add_scalar("loss", i * 0.5, i)
            w.close()

        def log_histograms():
            w = SummaryWriter(log_dir=root + "/histograms")
            for i in range(histograms):
                w.add_histogram("weights", values, i)
            w.close()

        def log_images():
            w = SummaryWriter(log_dir=root + "/images")
            for i in range(images):
                w.add_image("noise", pictures[i % len(pictures)], i)
            w.close()

        results["scalar_events"] = rate(scalars, log_scalars)
        results["histograms_10k"] = rate(histograms, log_histograms)
        results["images_3x256x256"] = rate(images, log_images)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
