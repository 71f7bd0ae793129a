#!/usr/bin/env python3
"""Reference figures for `lumen-bench data`: torch's DataLoader over scikit-learn's digits at
32×32, batches of 64, shuffled, with num_workers 0 and 2.

Usage: data_reference.py [epochs]

"stored32": the pictures enlarged once up front (bytes round(v * 255 / 16), bilinear to 32×32),
a sample is its [1, 32, 32] tensor / 255; "resize32": a sample is the 8×8 PIL 'L' picture through
Compose([Resize(32), ToTensor()]). "fashion_train_open": Fashion-MNIST's training images and
labels inflated from Debian's .gz files and parsed as torchvision's read_sn3_pascalvincent_tensor
does (when the package is installed). Prints one JSON object {"reference", "<measure>": images/s}.
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from sklearn.datasets import load_digits
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

FASHION = "/usr/share/datasets/fashion-mnist"


class Stored(Dataset):
    def __init__(self, pictures, labels):
        self.pictures, self.labels = pictures, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.pictures[index].float().div(255), int(self.labels[index])


class Resized(Dataset):
    def __init__(self, pictures, labels):
        self.pictures, self.labels = pictures, labels
        self.transform = transforms.Compose([transforms.Resize(32), transforms.ToTensor()])

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.transform(Image.fromarray(self.pictures[index], "L")), int(self.labels[index])


def throughput(dataset, workers, epochs):
    loader = DataLoader(dataset, batch_size=64, shuffle=True, num_workers=workers,
                        generator=torch.Generator().manual_seed(0))
    images = 0
    start = time.perf_counter()
    for _ in range(max(1, epochs)):
        for batch, _ in loader:
            images += batch.shape[0]
    return images / (time.perf_counter() - start)


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    digits = load_digits()
    pictures = ((digits.data.astype(np.int64) * 255 + 8) // 16).astype(np.uint8).reshape(-1, 8, 8)
    enlarged = F.interpolate(torch.tensor(pictures, dtype=torch.float32).unsqueeze(1), size=(32, 32),
                             mode="bilinear", align_corners=False).round().clamp(0, 255).to(torch.uint8)
    figures = {"reference": f"torch {torch.__version__}"}
    for workers in [0, 2]:
        figures[f"stored32_workers{workers}"] = throughput(Stored(enlarged, digits.target), workers, epochs)
        figures[f"resize32_workers{workers}"] = throughput(Resized(pictures, digits.target), workers, epochs)
    if os.path.isdir(FASHION):
        start = time.perf_counter()
        tensors = []
        for name in ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]:
            with gzip.open(os.path.join(FASHION, name)) as f:
                data = f.read()
            nd = data[3]
            shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(nd)]
            tensors.append(torch.frombuffer(bytearray(data), dtype=torch.uint8, offset=4 * (nd + 1)).view(*shape))
        figures["fashion_train_open"] = len(tensors[1]) / (time.perf_counter() - start)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
