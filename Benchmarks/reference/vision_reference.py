#!/usr/bin/env python3
"""Reference figures for `lumen-bench vision`: the same image work through torchvision on the CPU.

Usage:
  vision_reference.py prepare DATA_DIR
      Writes the pictures both sides read, once (kept between runs): DATA_DIR/photo_512.jpg
      (scikit-image's 512×512 astronaut, quality 90) and DATA_DIR/folder/class_<k>/<n>.jpg
      (10 classes × 200 JPEGs of about 96×96: random crops of scikit-image's sample photos).
      Prints {"prepared": DATA_DIR}.
  vision_reference.py measure DATA_DIR [repeats] [epochs]
      Prints one JSON object: {"reference": name, "threads": n, "<measure>": value, ...}: times
      in milliseconds (`<measure>` the median and `<measure>_min` the min of `repeats` timed
      calls after a warm-up call) and the loader's images per second (`loader` the median and
      `loader_max` the best of `epochs` timed epochs, after an untimed one; `loader_persistent…`
      the same with persistent workers, whose start-up then falls in the untimed epoch), as
      `lumen-bench` prints them.
"""
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from PIL import Image
from skimage import data as samples
from torch.utils.data import DataLoader
from torchvision import datasets
from torchvision.io import decode_jpeg, read_file
from torchvision.utils import make_grid

CLASSES = 10
PER_CLASS = 200
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]


def prepare(root):
    """Writes the photo and the image folder unless an earlier run finished writing them."""
    done = root / "ready"
    if done.exists():
        return
    root.mkdir(parents=True, exist_ok=True)
    Image.fromarray(samples.astronaut()).save(root / "photo_512.jpg", quality=90)
    photos = [samples.astronaut(), samples.coffee(), samples.chelsea(), samples.rocket()]
    rng = np.random.default_rng(0)
    for k in range(CLASSES):
        folder = root / "folder" / f"class_{k}"
        folder.mkdir(parents=True, exist_ok=True)
        photo = photos[k % len(photos)]
        height, width, _ = photo.shape
        for n in range(PER_CLASS):
            side = int(rng.integers(min(height, width) // 4, min(height, width) + 1))
            top = int(rng.integers(0, height - side + 1))
            left = int(rng.integers(0, width - side + 1))
            size = (int(rng.integers(88, 105)), int(rng.integers(88, 105)))
            crop = Image.fromarray(photo[top:top + side, left:left + side]).resize(size, Image.BILINEAR)
            crop.save(folder / f"{n:03d}.jpg", quality=90)
    done.write_text("ok\n")


def times_ms(job, repeats):
    """Milliseconds of each of `repeats` timed calls of `job`, after one warm-up call."""
    job()
    times = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1e3)
    return times


def loader_rates(root, epochs, persistent):
    """Images per second of each timed epoch of the augmenting loader, after an untimed one: with
    `persistent` workers their start-up falls in that first epoch, else in every epoch."""
    transform = T.Compose([T.RandomResizedCrop(64), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])
    folder = datasets.ImageFolder(str(root / "folder"), transform=transform)
    loader = DataLoader(folder, batch_size=64, shuffle=True, num_workers=2, persistent_workers=persistent)
    rates = []
    for epoch in range(max(1, epochs) + 1):
        start = time.perf_counter()
        images = sum(batch.shape[0] for batch, _ in loader)
        if epoch > 0:  # the first epoch warms the page cache
            rates.append(images / (time.perf_counter() - start))
    return rates


def main():
    command, root = sys.argv[1], Path(sys.argv[2])
    if command == "prepare":
        prepare(root)
        print(json.dumps({"prepared": str(root)}))
        return
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    torch.set_num_threads(2)
    torch.manual_seed(0)
    results = {"reference": f"torchvision {__import__('torchvision').__version__}", "threads": torch.get_num_threads()}

    def record(name, values, higher_is_better=False):
        results[name] = statistics.median(values)
        if higher_is_better:
            results[name + "_max"] = max(values)
        else:
            results[name + "_min"] = min(values)

    batch = torch.randn(64, 3, 64, 64)
    record("make_grid", times_ms(lambda: make_grid(batch, normalize=True, scale_each=True), repeats))

    picture = torch.rand(3, 512, 512)
    record("resize", times_ms(lambda: F.resize(picture, [224, 224], antialias=True), repeats))

    encoded = read_file(str(root / "photo_512.jpg"))
    record("decode_jpeg", times_ms(lambda: decode_jpeg(encoded), repeats))

    record("loader", loader_rates(root, epochs, persistent=False), higher_is_better=True)
    record("loader_persistent", loader_rates(root, epochs, persistent=True), higher_is_better=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
