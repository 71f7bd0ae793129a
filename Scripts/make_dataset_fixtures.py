#!/usr/bin/env python3
"""Writes Tests/LumenVisionTests/Fixtures/datasets.json, the torchvision / torch / scikit-learn
answers LumenVision's dataset tests compare against, so that `swift test` needs no Python.

Run with the project's venv:  /root/venv-torch/bin/python Scripts/make_dataset_fixtures.py

The file holds:
  "image_folder": a small folder tree ("dirs", "files" as [relative path, base64 bytes],
      "symlinks" as [relative path, link target]) with class folders, nested and hidden
      folders, upper-case and non-image extensions, hidden files, a directory named like an
      image, symbolic links and one damaged PNG; and what torchvision 0.29's ImageFolder makes
      of it: "classes", "class_to_idx", "samples" ([relative path, class index]), for every
      sample the pil_loader + ToTensor values ("tensors": {"shape", "data"} or null where the
      file cannot be decoded), the error without allow_empty ("empty_error", with the root
      written as <root>), and the error for a root without class folders ("no_class_error").
  "random_split_lengths": [count, fractions, the lengths torch.utils.data.random_split uses,
      or null where it refuses the fractions (their float sum is above 1)].
  "digits": scikit-learn's load_digits: "count", "targets_head" (first 20), "data_sum", "row0"
      (64 values 0-16), and "upscaled0": image 0 as bytes round(v*255/16) through
      F.interpolate(size 32, bilinear, align_corners=False), torch.round (half to even; 32*32 values).
  "mnist_tiny": the IDX files under Fixtures/mnist-tiny/ (gzip-compressed; 5 training and 3 test
      pictures, 28×28 random bytes, random labels) as torchvision's MNIST reads them: for train and
      test, "labels" and "pixels" (each picture's ToTensor values × 255).
  "fashion_mnist": when Debian's dataset-fashion-mnist is installed, torchvision's FashionMNIST
      on it: for train and test, "count", "labels_head" (20), "pixel_sums_head" (10).
"""
import base64
import gzip
import io
import json
import os
import shutil
import tempfile
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torchvision import datasets, transforms

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "LumenVisionTests", "Fixtures", "datasets.json")
rng = np.random.default_rng(7)


def png(mode, width=3, height=2):
    channels = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}[mode]
    pixels = rng.integers(0, 256, size=(height, width, channels), dtype=np.uint8)
    image = Image.fromarray(pixels[:, :, 0] if channels == 1 else pixels, mode)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def folder_tree():
    modes = ["L", "LA", "RGB", "RGBA"]
    images = [
        "cat/b.png", "cat/A.PNG", "cat/a.png", "cat/z.JPEG", "cat/.hidden.png", "cat/weird.Jpg",
        "cat/UPPER.TIFF", "cat/x.webp", "cat/ä.png", "cat/Z.png", "cat/sub/x.png", "cat/sub/deeper/q.bmp",
        "cat/sub-dir/y.png", "cat/Sub/k.png", "cat/sub.d/w.png", "cat/fake.png/inner.ppm",
        "dog/1.png", "dog/10.png", "dog/2.png", "dog/a/b/c/deep.pgm", "dog/a b/space.tif",
        ".hidden_class/h.png", "Bird/only.jpg", "Bird/.also/yes.png",
    ]
    files = [(path, png(modes[i % 4], width=2 + i % 3, height=1 + i % 2)) for i, path in enumerate(images)]
    files += [
        ("cat/notes.txt", b"not an image\n"), ("cat/image.png.txt", b"text\n"), ("cat/noext", b"x"),
        ("cat/png", b"x"), ("dog/broken.png", b"\x89PNG\r\n\x1a\nthis is not a PNG"),
        ("empty_class/readme.txt", b"nothing here\n"), ("root.png", png("RGB")),
    ]
    dirs = ["empty_class/nested"]
    symlinks = [("dog/link-to-cat-sub", "../cat/sub"), ("dog/alias.png", "../cat/b.png"),
                ("Bird/dangling.png", "does-not-exist.png")]
    return dirs, files, symlinks


def build(root, dirs, files, symlinks):
    for d in dirs:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    for path, data in files:
        os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
        with open(os.path.join(root, path), "wb") as f:
            f.write(data)
    for path, target in symlinks:
        os.symlink(target, os.path.join(root, path))


def image_folder_case():
    dirs, files, symlinks = folder_tree()
    work = tempfile.mkdtemp()
    try:
        root = os.path.join(work, "tree")
        build(root, dirs, files, symlinks)
        folder = datasets.ImageFolder(root, allow_empty=True)
        to_tensor = transforms.ToTensor()
        tensors = []
        for path, _ in folder.samples:
            try:
                t = to_tensor(datasets.folder.pil_loader(path))
                tensors.append({"shape": list(t.shape), "data": [round(v * 255) for v in t.reshape(-1).tolist()]})
            except Exception:
                tensors.append(None)
        try:
            datasets.ImageFolder(root)
            empty_error = None
        except FileNotFoundError as error:
            empty_error = str(error).replace(root, "<root>")
        flat = os.path.join(work, "flat")
        os.makedirs(flat)
        with open(os.path.join(flat, "a.png"), "wb") as f:
            f.write(png("RGB"))
        try:
            datasets.ImageFolder(flat)
            no_class_error = None
        except FileNotFoundError as error:
            no_class_error = str(error).replace(flat, "<root>")
        return {
            "dirs": dirs,
            "files": [[p, base64.b64encode(d).decode()] for p, d in files],
            "symlinks": [list(s) for s in symlinks],
            "classes": folder.classes,
            "class_to_idx": folder.class_to_idx,
            "samples": [[os.path.relpath(p, root), c] for p, c in folder.samples],
            "tensors": tensors,
            "empty_error": empty_error,
            "no_class_error": no_class_error,
        }
    finally:
        shutil.rmtree(work)


def random_split_cases():
    cases = []
    for count, fractions in [(10, [0.3, 0.3, 0.4]), (1797, [0.8, 0.2]), (7, [0.5, 0.5]), (5, [0.1, 0.1, 0.8]),
                             (11, [1 / 3, 1 / 3, 1 / 3]), (3, [0.25, 0.25, 0.25, 0.25]), (100, [0.05] * 20), (10, [0.1] * 10)]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                parts = torch.utils.data.random_split(range(count), fractions, generator=torch.Generator().manual_seed(0))
                cases.append([count, fractions, [len(p) for p in parts]])
            except ValueError:
                cases.append([count, fractions, None])
    return cases


def digits_case():
    from sklearn.datasets import load_digits
    digits = load_digits()
    data = digits.data.astype(np.int64)
    image0 = torch.tensor(((data[0] * 255 + 8) // 16).reshape(1, 1, 8, 8), dtype=torch.float32)
    upscaled = F.interpolate(image0, size=(32, 32), mode="bilinear", align_corners=False).round().clamp(0, 255)
    return {
        "count": int(len(data)),
        "targets_head": digits.target[:20].tolist(),
        "data_sum": int(data.sum()),
        "row0": data[0].tolist(),
        "upscaled0": [int(v) for v in upscaled.reshape(-1).tolist()],
    }


def idx_bytes(array):
    header = bytes([0, 0, 8, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def mnist_tiny_case():
    folder = os.path.join(os.path.dirname(OUT), "mnist-tiny")
    os.makedirs(folder, exist_ok=True)
    work = tempfile.mkdtemp()
    try:
        raw = os.path.join(work, "MNIST", "raw")
        os.makedirs(raw)
        for prefix, count in [("train", 5), ("t10k", 3)]:
            images = rng.integers(0, 256, size=(count, 28, 28))
            labels = rng.integers(0, 10, size=(count,))
            for name, array in [(f"{prefix}-images-idx3-ubyte", images), (f"{prefix}-labels-idx1-ubyte", labels)]:
                data = idx_bytes(array)
                with open(os.path.join(folder, name + ".gz"), "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as g:
                    g.write(data)
                with open(os.path.join(raw, name), "wb") as f:
                    f.write(data)
        to_tensor = transforms.ToTensor()
        result = {}
        for split, train in [("train", True), ("test", False)]:
            ds = datasets.MNIST(work, train=train, download=False)
            result[split] = {
                "labels": [int(ds[i][1]) for i in range(len(ds))],
                "pixels": [[round(v * 255) for v in to_tensor(ds[i][0]).reshape(-1).tolist()] for i in range(len(ds))],
            }
        return result
    finally:
        shutil.rmtree(work)


def fashion_mnist_case():
    source = "/usr/share/datasets/fashion-mnist"
    if not os.path.isdir(source):
        return None
    work = tempfile.mkdtemp()
    try:
        raw = os.path.join(work, "FashionMNIST", "raw")
        os.makedirs(raw)
        for name in os.listdir(source):
            with gzip.open(os.path.join(source, name)) as f, open(os.path.join(raw, name[:-3]), "wb") as g:
                g.write(f.read())
        result = {}
        for split, train in [("train", True), ("test", False)]:
            ds = datasets.FashionMNIST(work, train=train, download=False)
            result[split] = {
                "count": len(ds),
                "labels_head": ds.targets[:20].tolist(),
                "pixel_sums_head": [int(ds.data[i].to(torch.int64).sum()) for i in range(10)],
            }
        return result
    finally:
        shutil.rmtree(work)


fixture = {
    "image_folder": image_folder_case(),
    "random_split_lengths": random_split_cases(),
    "digits": digits_case(),
    "mnist_tiny": mnist_tiny_case(),
    "fashion_mnist": fashion_mnist_case(),
}
with open(OUT, "w") as f:
    json.dump(fixture, f, ensure_ascii=False, separators=(",", ":"))
print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")
